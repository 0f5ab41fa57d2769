import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { ARTIFACTS } from "../utils/browser.ts";
import { editorText, openAs, useBrowserEnv } from "./session.ts";

/// A change in this browser's local copy that the server refuses for good
/// (4422: here, data outside the document's text, as a copy written by
/// another version of the app could hold): the page says "Not saved" with
/// the reason and the words not saved, in words, sends the change once and
/// not again, and lets the person start again from the saved document.
describe("browser: a change the server refuses for good", () => {
  const env = useBrowserEnv();
  let refusals = 0;
  let spy: { mockRestore(): void };
  beforeAll(() => {
    const original = console.warn;
    spy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
      if (String(args[0]).includes("refused an update")) refusals++;
      else original(...args);
    });
  });
  afterAll(() => spy.mockRestore());

  it("shows 'Not saved' with the reason and the words, and starts again from the saved text", async () => {
    const u = await env.server.addUser("Rita Refused", { role: "editor" });
    const { page, context, errors } = await openAs(env, u);
    // An update outside the text, put into the page's local store.
    const bad = new Y.Doc();
    bad.getMap("elsewhere").set("note", "not part of the text");
    const update = Array.from(Y.encodeStateAsUpdate(bad));
    await page.evaluate(
      async ({ name, bytes }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        await new Promise<void>((resolve, reject) => {
          const tr = db.transaction("updates", "readwrite");
          tr.objectStore("updates").add(Uint8Array.from(bytes));
          tr.oncomplete = () => resolve();
          tr.onerror = () => reject(tr.error);
        });
        db.close();
      },
      { name: `glossa:${u.id}:${env.server.letterId}`, bytes: update },
    );
    await page.reload();
    await page.waitForSelector('.gl-status[data-status="unsaved"]', { timeout: 30_000 });
    expect(await page.textContent(".gl-status")).toBe("Not saved");
    const notice = page.locator(".gl-unsaved[role=alert]");
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      "A change did not fit the structure of the document and was not saved.",
    );
    expect(await notice.textContent()).toContain("will not be sent again");

    // Words typed now are kept here and shown to copy; nothing is re-sent.
    await page.click(".ProseMirror p");
    await page.keyboard.type("[words after the refusal]");
    await page.waitForSelector(".gl-unsaved-words");
    expect(await page.textContent(".gl-unsaved-words")).toContain("[words after the refusal]");
    await page.screenshot({ path: `${ARTIFACTS}/refused-change.png` });
    await page.waitForTimeout(3_000);
    expect(refusals).toBe(1);
    expect(await page.getAttribute(".gl-status", "data-status")).toBe("unsaved");

    // Copied: start again from the saved document (the local copy is discarded).
    await page.click(".gl-unsaved-discard");
    await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    expect(await editorText(page)).not.toContain("[words after the refusal]");
    expect(await page.locator(".gl-unsaved").count()).toBe(0);
    await page.waitForTimeout(2_000);
    expect(refusals).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
