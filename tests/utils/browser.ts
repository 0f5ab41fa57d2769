import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM, chromiumMissing } from "../setup/probes.ts";

export { CHROMIUM };

/// Launches Debian's Chromium headless. Playwright gives every launch a
/// fresh, empty profile folder (its own --user-data-dir) and removes it on
/// close; it refuses the flag from callers.
/// Without Chromium it fails saying what to install.
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/// Folder for screenshots taken by browser tests (git-ignored).
export const ARTIFACTS = path.resolve(import.meta.dirname ?? ".", "../.artifacts");
