import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "../utils/browser.ts";
import type { TestServer, TestUser } from "../utils/server.ts";
import { startTestServer } from "../utils/server.ts";

/// Signs a browser context in as `user` by placing a session the way the
/// web app stores it after signing in.
export async function signIn(
  context: BrowserContext,
  user: Pick<TestUser, "id" | "name" | "email" | "token">,
): Promise<void> {
  const session = {
    token: user.token,
    expiresAt: Math.floor(Date.now() / 1000) + 600,
    user: { id: user.id, name: user.name, email: user.email },
  };
  await context.addInitScript(
    (s) => localStorage.setItem("glossa.session", s),
    JSON.stringify(session),
  );
}

/// Collects page errors and CSP violations so a test can assert there were none.
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text()))
      errors.push(`csp: ${m.text()}`);
  });
  return errors;
}

/// The document text shown in the editor, without remote cursor labels.
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.querySelector(".ProseMirror")!.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll(".gl-remote-caret")) el.remove();
    return clone.textContent ?? "";
  });
}

/// Selects the first occurrence of `text` in the editor, as a person
/// dragging over it would (the editor is focused first).
export async function selectText(page: Page, text: string): Promise<void> {
  const ok = await page.evaluate((needle) => {
    const root = document.querySelector(".ProseMirror") as HTMLElement;
    root.focus();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.parentElement as HTMLElement).closest(".gl-remote-caret")) continue;
      const i = n.textContent!.indexOf(needle);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + needle.length);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      // Browsers fire selectionchange asynchronously; ProseMirror reads the
      // DOM selection on that event. Fire it now so the editor state holds
      // this selection before the next step (a click on the toolbar would
      // otherwise act on the previous one).
      document.dispatchEvent(new Event("selectionchange"));
      return true;
    }
    return false;
  }, text);
  if (!ok) throw new Error(`text not found in the editor: ${text}`);
}

/// A real server and Chromium shared by the tests of one file.
export interface BrowserEnv {
  server: TestServer;
  browser: Browser;
}

/// Starts a server and a browser before the file's tests and stops them
/// after. `env.server` may be replaced (a restart) by a test.
export function useBrowserEnv(): BrowserEnv {
  const env = {} as BrowserEnv;
  let launched: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    env.server = await startTestServer();
    launched = await launchBrowser();
    env.browser = launched.browser;
  });
  afterAll(async () => {
    await launched?.close();
    await env.server?.destroy();
  });
  return env;
}

/// Opens the letter (or `path`) signed in as `user`, once it is saved and
/// in sync; collects page errors and CSP violations in `errors`.
export async function openAs(
  env: BrowserEnv,
  user: Pick<TestUser, "id" | "name" | "email" | "token">,
  opts: { path?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
  const context = await env.browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 1000 },
  });
  await signIn(context, user);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${env.server.url}${opts.path ?? `/d/${env.server.letterId}`}`);
  await page.waitForSelector('.gl-status[data-status="saved"]');
  return { page, errors, context };
}
