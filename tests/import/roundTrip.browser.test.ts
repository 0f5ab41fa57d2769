import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { selectText, signIn, useBrowserEnv, watchErrors } from "../browser/session.ts";
import { all, readDocx, trackedChanges, W } from "../versions/docx.ts";

const memo = readFileSync(new URL("../fixtures/import/glossa-legal-memo.docx", import.meta.url));
const ADDED = " Counsel must be present.";

/// A lawyer's whole round: drop their Word draft on the document list, mark a
/// version, annotate and edit it, and download the redline for co-counsel —
/// read back here: Word's tracked changes name who wrote what.
describe("browser: Word draft in, redline out", () => {
  const env = useBrowserEnv();

  it("drops a DOCX, annotates and edits it, and downloads a redline with the right authors and words", async () => {
    const editor = await env.server.addUser("Eli Editor");
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(context, editor);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/`);
    await page.waitForSelector("button.gl-import");

    const dataTransfer = await page.evaluateHandle((b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "asylum memo.docx"));
      return dt;
    }, memo.toString("base64"));
    await page.dispatchEvent("main.gl-page", "drop", { dataTransfer });
    await page.waitForURL(/\/d\/\w+$/);
    await page.waitForSelector('.gl-status[data-status="saved"]');

    // A named version of the draft as it came in.
    await page.click(".gl-versions-open");
    await page.waitForSelector(".gl-version-save:not([hidden])");
    await page.fill(".gl-version-save input", "As received");
    await page.click(".gl-version-save button[type=submit]");
    await page.waitForSelector('.gl-version[data-version-name="As received"]');
    await page.click(".gl-versions-close");

    // A question on the statute's words, and a sentence added to the analysis.
    await selectText(page, "not discretionary");
    await page.click(".gl-selbar-btn.gl-kind-question");
    await page.keyboard.type("Which circuit says so?");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector(".gl-card.gl-kind-question");
    await page.click(".ProseMirror p:has-text('not discretionary')");
    await page.keyboard.press("End");
    await page.keyboard.type(ADDED);
    await page.waitForSelector('.gl-status[data-status="saved"]');

    await page.click(".gl-versions-open");
    await page.click('.gl-version[data-version-name="As received"] .gl-version-view');
    await page.waitForSelector(".gl-version-redline");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".gl-version-redline"),
    ]);
    const { document, comments } = readDocx(readFileSync((await download.path())!));

    const changes = trackedChanges(document);
    const inserted = changes.filter((c) => c.type === "ins");
    expect(inserted.map((c) => c.text).join("")).toBe(ADDED);
    expect(new Set(inserted.map((c) => c.author))).toEqual(new Set(["Eli Editor"]));
    expect(changes.filter((c) => c.type === "del")).toEqual([]);

    // The Word comments that came in and the new question travel as comments.
    const authors = all(comments!, "comment").map((c) => c.getAttributeNS(W, "author"));
    expect(authors).toEqual(expect.arrayContaining(["Ana Ruiz", "Ben Okafor", "Eli Editor"]));
    const texts = all(comments!, "comment").map((c) =>
      all(c, "t")
        .map((t) => t.textContent)
        .join(""),
    );
    expect(texts.some((t) => t.includes("Which circuit says so?"))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("New document, then a Word file dropped on its empty page fills it for everyone there", async () => {
    const owner = await env.server.addUser("Olga Owner");
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(context, owner);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/`);
    await page.click("button.gl-new-document");
    await page.waitForURL(/\/d\/\w+$/);
    await page.waitForSelector(".gl-empty-hint");
    const id = new URL(page.url()).pathname.split("/").pop()!;

    // A colleague with edit rights has the empty document open too.
    const colleague = await env.server.addUser("Cam Colleague", { role: "editor", documentId: id });
    const other = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(other, colleague);
    const theirs = await other.newPage();
    await theirs.goto(`${env.server.url}/d/${id}`);
    await theirs.waitForSelector('.gl-status[data-status="saved"]');

    const dataTransfer = await page.evaluateHandle((b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "asylum memo.docx"));
      return dt;
    }, memo.toString("base64"));
    await page.dispatchEvent(".ProseMirror p.gl-empty-hint", "drop", { dataTransfer });

    // The text, the file's title and its Word comments arrive on both pages.
    for (const p of [page, theirs]) {
      await p.waitForSelector(".ProseMirror p:has-text('not discretionary')");
      await p.waitForSelector(".gl-card:has-text('Ana Ruiz')");
      expect(await p.locator(".gl-empty-hint").count()).toBe(0);
    }
    await page.waitForFunction(() =>
      document.title.startsWith("Memorandum on Asylum Eligibility at the Southern Border"),
    );
    await page.waitForSelector('.gl-status[data-status="saved"]');

    // Now the document has words: a second drop is not taken as an import.
    await page.dispatchEvent(".ProseMirror p:has-text('not discretionary')", "drop", {
      dataTransfer,
    });
    expect(await page.locator(".gl-toast:has-text('was brought into')").count()).toBe(1);
    expect(errors).toEqual([]);
    await other.close();
    await context.close();
  });
});
