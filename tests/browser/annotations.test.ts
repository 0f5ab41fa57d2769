import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { editorText, openAs, selectText, useBrowserEnv } from "./session.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";

/// An editor and an annotator mark up the letter together.
describe("browser: annotating the letter together", () => {
  const env = useBrowserEnv();

  it("threads appear live on both sides; replies, resolve; the annotator cannot change the text", async () => {
    const editor = await env.server.addUser("Elena Editor", { role: "editor" });
    const annotator = await env.server.addUser("Arturo Annotator", { role: "annotator" });
    const open = async (user: typeof editor) => {
      const opened = await openAs(env, user);
      await opened.page.waitForSelector(".gl-ann-summary");
      return opened;
    };
    const ed = await open(editor);
    const an = await open(annotator);
    await an.page.waitForSelector(".gl-banner:text('Annotator')");

    // The annotator makes a claim on the INA citation.
    await selectText(an.page, INA);
    await an.page.click(".gl-selbar-btn.gl-kind-claim");
    await an.page.keyboard.type("Rests on 8 U.S.C. § 1225(b)(2)(C).");
    await an.page.keyboard.press("Control+Enter");

    // It appears at once for the editor, on the right words.
    const card = ed.page.locator(".gl-card.gl-kind-claim");
    await card.waitFor();
    await expect
      .poll(() => card.locator(".gl-msg-body").first().textContent())
      .toBe("Rests on 8 U.S.C. § 1225(b)(2)(C).");
    expect(await ed.page.locator(".ProseMirror .gl-ann-claim").allTextContents()).toEqual([INA]);

    // The editor replies; the annotator sees the reply and resolves.
    await card.click();
    await card.locator("textarea").fill("Agreed — I will link the statute.");
    await card.locator("textarea").press("Control+Enter");
    const anCard = an.page.locator(".gl-card.gl-kind-claim");
    await expect
      .poll(() => anCard.locator(".gl-msg-body").allTextContents())
      .toEqual(["Rests on 8 U.S.C. § 1225(b)(2)(C).", "Agreed — I will link the statute."]);
    await an.page.screenshot({ path: `${ARTIFACTS}/annotations-annotator.png` });
    await anCard.locator("button:text('Resolve')").click();
    // Resolved threads leave the margin (the editor still has it open, greyed).
    await ed.page.locator(".gl-card.gl-kind-claim.gl-card-resolved").waitFor();
    await an.page.locator(".ProseMirror .gl-ann-claim.gl-ann-resolved").waitFor();
    await expect.poll(() => ed.page.textContent(".gl-ann-summary")).toContain("1 resolved");

    // Overlapping: the editor comments on "due process" inside a wider question.
    await selectText(ed.page, "insurmountable barriers to due process, counsel");
    await ed.page.click(".gl-selbar-btn.gl-kind-question");
    await ed.page.keyboard.type("Which barriers exactly?");
    await ed.page.keyboard.press("Control+Enter");
    await selectText(ed.page, "due process");
    await ed.page.click(".gl-selbar-btn.gl-kind-comment");
    await ed.page.keyboard.type("Cite the Fifth Amendment.");
    await ed.page.keyboard.press("Control+Enter");
    await an.page.locator(".gl-card.gl-kind-comment").waitFor();
    await an.page.locator(".gl-card.gl-kind-question").waitFor();

    // The annotator tries to type into the text: nothing changes, anywhere.
    const before = await editorText(an.page);
    await an.page.click(".ProseMirror p.gl-closing");
    await an.page.keyboard.type("SHOULD NOT APPEAR");
    await an.page.keyboard.press("Backspace");
    await an.page.keyboard.press("Enter");
    expect(await editorText(an.page)).toBe(before);
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/content`, {
      headers: { Authorization: `Bearer ${env.server.ownerToken}` },
    });
    expect(((await res.json()) as { text: string }).text).not.toContain("SHOULD NOT APPEAR");
    expect(await editorText(ed.page)).toBe(before);

    // The overview lists every open annotation in document order with its quote.
    await ed.page.getByLabel("Show as a list").check();
    await expect
      .poll(() => ed.page.locator(".gl-cards-list .gl-card .gl-quote").allTextContents())
      .toEqual(["insurmountable barriers to due process, counsel", "due process"]);

    // Changing the annotated words is never silent: the card says so, for everyone.
    await selectText(ed.page, "surmountable");
    await ed.page.keyboard.type("X");
    await ed.page.locator(".gl-card.gl-kind-question .gl-anchor-changed").waitFor();
    await an.page.getByLabel("Show as a list").check();
    await an.page.locator(".gl-card.gl-kind-question .gl-anchor-changed").waitFor();

    await ed.page.screenshot({ path: `${ARTIFACTS}/annotations-editor.png` });
    expect(ed.errors).toEqual([]);
    expect(an.errors).toEqual([]);
  });
});
