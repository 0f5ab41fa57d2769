import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser } from "../utils/browser.ts";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { editorText, signIn, watchErrors } from "./session.ts";

/// Work goes on while the server is unreachable; it merges when it is back.
describe("browser: offline edits merge on reconnect", () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it("shows Offline, keeps typing, then saves everything after the server returns", async () => {
    const editor = await server.addUser("Olga Offline", { role: "editor" });
    const ctx = await browser.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signIn(ctx, editor);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/d/${server.letterId}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');

    await server.stop();
    await page.waitForSelector('.gl-status[data-status="offline"]');
    await page.click(".ProseMirror p.gl-salutation");
    await page.keyboard.press("End");
    await page.keyboard.type(" [typed while offline]");
    expect(await page.textContent(".gl-status")).toMatch(/Offline/);
    await page.screenshot({ path: `${ARTIFACTS}/offline.png` });

    server = await server.restart();
    await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    const res = await fetch(`${server.url}/api/documents/${server.letterId}/content`, {
      headers: { Authorization: `Bearer ${server.ownerToken}` },
    });
    const { text } = (await res.json()) as { text: string };
    expect(text).toContain("Ebrard: [typed while offline]");
    expect(await editorText(page)).toContain("Ebrard: [typed while offline]");
    expect(errors).toEqual([]);
  });
});
