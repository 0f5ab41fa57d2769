import { describe, expect, it } from "vitest";
import { editorText, openAs, useBrowserEnv } from "../browser/session.ts";
import { ARTIFACTS } from "../utils/browser.ts";

const ADDED = " [added by Eli after the first draft]";

/// History in the browser: save a version, edit, compare (the inserted
/// words named with their author), view and restore.
describe("browser: history of versions", () => {
  const env = useBrowserEnv();

  it("saves a version, compares it with the edited text by author, and restores it", async () => {
    const editor = await env.server.addUser("Eli Editor", { role: "editor" });
    const viewer = await env.server.addUser("Vera Viewer", { role: "viewer" });
    const { page, errors } = await openAs(env, editor);
    // A second person watching the document receives the restore live.
    const watcher = await openAs(env, viewer);

    await page.click(".gl-versions-open");
    await page.waitForSelector(".gl-version-save:not([hidden])");
    await page.fill(".gl-version-save input", "First draft");
    await page.click(".gl-version-save button[type=submit]");
    await page.waitForSelector('.gl-version[data-version-name="First draft"]');
    await page.click(".gl-versions-close");

    await page.click(".ProseMirror p.gl-salutation");
    await page.keyboard.press("End");
    await page.keyboard.type(ADDED);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await watcher.page.waitForFunction(
      (t) => document.querySelector(".ProseMirror")?.textContent?.includes(t),
      ADDED.trim(),
    );

    await page.click(".gl-versions-open");
    await page.click('.gl-version[data-version-name="First draft"] .gl-version-compare');
    const ins = page.locator(".gl-diff ins.gl-ins");
    await ins.first().waitFor();
    expect((await ins.allTextContents()).join("")).toBe(ADDED);
    expect(await ins.first().getAttribute("data-author")).toBe("Eli Editor");
    expect(await page.textContent(".gl-diff .gl-ins-author")).toBe("Eli Editor");
    expect(await page.textContent(".gl-diff-summary")).toMatch(/inserted by Eli Editor/);
    expect(await page.locator(".gl-diff del").count()).toBe(0);
    await ins.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/versions-compare.png` });

    await page.click('.gl-version[data-version-name="First draft"] .gl-version-view');
    await page.waitForSelector('[data-testid="version-doc"]');
    expect(await page.textContent('[data-testid="version-doc"]')).not.toContain(ADDED.trim());
    expect(await page.locator('[data-testid="version-doc"] h1.gl-title').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/versions-view.png` });
    await page.click(".gl-version-restore");
    await page.waitForSelector(".gl-version-restore.gl-danger");
    await page.click(".gl-version-restore");

    // Back in the document, restored, for the restorer and the watcher alike.
    await page.waitForSelector(".gl-workspace:not([hidden])");
    await page.waitForFunction(
      (t) => !document.querySelector(".ProseMirror")?.textContent?.includes(t),
      ADDED.trim(),
    );
    await watcher.page.waitForFunction(
      (t) => !document.querySelector(".ProseMirror")?.textContent?.includes(t),
      ADDED.trim(),
    );
    expect(await editorText(page)).toContain("Secretary Ebrard:");
    await page.click(".gl-versions-open");
    await page.waitForSelector('.gl-version[data-version-name="Restored “First draft”"]');
    const names = await page.locator(".gl-version .gl-version-name").allTextContents();
    expect(names).toEqual([
      "Restored “First draft”",
      "Before restoring “First draft”",
      "First draft",
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/versions-history.png` });

    // The viewer reads the history but may not save or restore.
    await watcher.page.click(".gl-versions-open");
    await watcher.page.waitForSelector('.gl-version[data-version-name="First draft"]');
    expect(await watcher.page.isHidden(".gl-version-save")).toBe(true);
    await watcher.page.click('.gl-version[data-version-name="First draft"] .gl-version-view');
    await watcher.page.waitForSelector('[data-testid="version-doc"]');
    expect(await watcher.page.locator(".gl-version-restore").count()).toBe(0);

    expect(errors).toEqual([]);
    expect(watcher.errors).toEqual([]);
  });
});
