import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { editorText, openAs, useBrowserEnv } from "./session.ts";

/// Work goes on while the server is unreachable; it merges when it is back.
describe("browser: offline edits merge on reconnect", () => {
  const env = useBrowserEnv();

  it("shows Offline, keeps typing, then saves everything after the server returns", async () => {
    const editor = await env.server.addUser("Olga Offline", { role: "editor" });
    const { page, errors } = await openAs(env, editor);

    await env.server.stop();
    await page.waitForSelector('.gl-status[data-status="offline"]');
    await page.click(".ProseMirror p.gl-salutation");
    await page.keyboard.press("End");
    await page.keyboard.type(" [typed while offline]");
    expect(await page.textContent(".gl-status")).toMatch(/Offline/);
    await page.screenshot({ path: `${ARTIFACTS}/offline.png` });

    env.server = await env.server.restart();
    await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/content`, {
      headers: { Authorization: `Bearer ${env.server.ownerToken}` },
    });
    const { text } = (await res.json()) as { text: string };
    expect(text).toContain("Ebrard: [typed while offline]");
    expect(await editorText(page)).toContain("Ebrard: [typed while offline]");
    expect(errors).toEqual([]);
  });
});
