import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openAs, useBrowserEnv } from "../browser/session.ts";
import { readDocx, trackedChanges } from "./docx.ts";

const ADDED = " [added by Eli for the redline]";

/// History in the browser: the Word redline since a version and the W3C
/// annotations are downloads of the app, read back here.
describe("browser: redline and W3C downloads from History", () => {
  const env = useBrowserEnv();

  it("downloads a Word redline whose insertion carries the editor's name, and the W3C annotations", async () => {
    const editor = await env.server.addUser("Eli Editor", { role: "editor" });
    const { page, errors } = await openAs(env, editor);

    await page.click(".gl-versions-open");
    await page.waitForSelector(".gl-version-save:not([hidden])");
    await page.fill(".gl-version-save input", "Sent to co-counsel");
    await page.click(".gl-version-save button[type=submit]");
    await page.waitForSelector('.gl-version[data-version-name="Sent to co-counsel"]');
    await page.click(".gl-versions-close");

    await page.click(".ProseMirror p.gl-salutation");
    await page.keyboard.press("End");
    await page.keyboard.type(ADDED);
    await page.waitForSelector('.gl-status[data-status="saved"]');

    await page.click(".gl-versions-open");
    await page.click('.gl-version[data-version-name="Sent to co-counsel"] .gl-version-view');
    await page.waitForSelector(".gl-version-redline");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".gl-version-redline"),
    ]);
    expect(download.suggestedFilename()).toMatch(/redline-Sent-to-co-counsel-to-current\.docx$/);
    const { document } = readDocx(readFileSync((await download.path())!));
    const inserted = trackedChanges(document).filter((c) => c.type === "ins");
    expect(inserted.map((c) => c.text).join("")).toBe(ADDED);
    expect(new Set(inserted.map((c) => c.author))).toEqual(new Set(["Eli Editor"]));

    const [w3c] = await Promise.all([page.waitForEvent("download"), page.click(".gl-export-w3c")]);
    const collection = JSON.parse(readFileSync((await w3c.path())!, "utf8"));
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    expect(errors).toEqual([]);
  });
});
