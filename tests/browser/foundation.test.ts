import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { editorText, signIn, useBrowserEnv, watchErrors } from "./session.ts";

/// Two people open the letter in two browsers and write into it together.
describe("browser: the letter, edited live by two people", () => {
  const env = useBrowserEnv();

  it("opens from the printed one-time link, structured, and converges with a second editor", async () => {
    const ownerCtx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const owner = await ownerCtx.newPage();
    const ownerErrors = watchErrors(owner);
    await owner.goto(env.server.glossa.signInLink!);
    // The editor is shown before its text has arrived (under load, read
    // too soon the title was empty): wait for the synced title, then read.
    await owner.waitForSelector('.ProseMirror h1.gl-title:has-text("Remain in Mexico")');
    expect(await owner.textContent(".ProseMirror h1.gl-title")).toContain(
      '"Remain in Mexico" plan',
    );
    expect(await owner.textContent(".ProseMirror p.gl-date")).toBe("December 21, 2018");
    expect(await owner.locator(".ProseMirror p.gl-signatory").count()).toBe(8);
    expect(await owner.locator(".ProseMirror p.gl-addressee").count()).toBe(7);
    expect(await owner.textContent(".ProseMirror")).not.toContain("Go to Press Releases");
    await owner.waitForSelector('.gl-status[data-status="saved"]');

    const editor = await env.server.addUser("Beatriz Ortega", { role: "editor" });
    const editorCtx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signIn(editorCtx, editor);
    const second = await editorCtx.newPage();
    const secondErrors = watchErrors(second);
    await second.goto(`${env.server.url}/d/${env.server.letterId}`);
    await second.waitForSelector('.gl-status[data-status="saved"]');

    // Both type at the same time into different paragraphs.
    await owner.click(".ProseMirror p.gl-salutation");
    await owner.keyboard.press("End");
    await second.click(".ProseMirror p.gl-closing");
    await second.keyboard.press("End");
    await Promise.all([
      owner.keyboard.type(" [owner typing]"),
      second.keyboard.type(" [second typing]"),
    ]);

    for (const page of [owner, second]) {
      await page.waitForFunction(() => {
        const t = document.querySelector(".ProseMirror")?.textContent ?? "";
        return t.includes("[owner typing]") && t.includes("[second typing]");
      });
    }
    expect(await editorText(owner)).toBe(await editorText(second));

    // Each sees the other's named cursor and presence.
    await owner.waitForSelector(".gl-remote-caret-label:text('Beatriz Ortega')");
    await second.waitForSelector(".gl-remote-caret-label:text('Owner')");
    await owner.waitForSelector('.gl-presence [data-peer="Beatriz Ortega"]');
    await owner.waitForSelector('.gl-status[data-status="saved"]');
    await second.waitForSelector('.gl-status[data-status="saved"]');
    await owner.screenshot({ path: `${ARTIFACTS}/foundation-owner.png` });

    // The server has what the browsers show.
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/content`, {
      headers: { Authorization: `Bearer ${env.server.ownerToken}` },
    });
    const { text } = (await res.json()) as { text: string };
    expect(text).toContain("Ebrard: [owner typing]");
    expect(text).toContain("meet in person. [second typing]");

    // Undo takes back one's own typing only (the Yjs undo manager), and redo restores it.
    await second.click(".ProseMirror p.gl-closing");
    await second.keyboard.press("Control+z");
    await second.waitForFunction(
      () => !document.querySelector(".ProseMirror")?.textContent?.includes("[second typing]"),
    );
    await owner.waitForFunction(
      () => !document.querySelector(".ProseMirror")?.textContent?.includes("[second typing]"),
    );
    expect(await editorText(owner)).toContain("[owner typing]");
    await second.keyboard.press("Control+Shift+z");
    await owner.waitForFunction(() =>
      document.querySelector(".ProseMirror")?.textContent?.includes("[second typing]"),
    );

    expect(ownerErrors).toEqual([]);
    expect(secondErrors).toEqual([]);
    await ownerCtx.close();
    await editorCtx.close();
  });
});
