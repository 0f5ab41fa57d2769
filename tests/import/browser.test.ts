import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signIn, useBrowserEnv, watchErrors } from "../browser/session.ts";
import { ARTIFACTS } from "../utils/browser.ts";
import { eventually } from "../utils/server.ts";

const memo = readFileSync(new URL("../fixtures/import/glossa-legal-memo.docx", import.meta.url));

/// The document list in Chromium: drop a Word file, pick one with Import, New document.
describe("browser: importing onto the document list", () => {
  const env = useBrowserEnv();

  it("a DOCX dropped onto the list opens with its content and its Word comments", async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(env.server.glossa.signInLink!);
    await page.waitForSelector(".ProseMirror h1.gl-title");
    await page.goto(`${env.server.url}/`);
    await page.waitForSelector(".gl-doclist-actions button.gl-import");

    // Drop the file: a DataTransfer built in the page with the file's bytes.
    const dataTransfer = await page.evaluateHandle((b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "asylum memo.docx"));
      return dt;
    }, memo.toString("base64"));
    await page.dispatchEvent("main.gl-page", "dragover", { dataTransfer });
    await page.dispatchEvent("main.gl-page", "drop", { dataTransfer });

    await page.waitForURL(/\/d\/\w+$/);
    await page.waitForSelector(".ProseMirror h1.gl-title");
    expect(await page.textContent(".ProseMirror h1.gl-title")).toBe(
      "Memorandum on Asylum Eligibility at the Southern Border",
    );
    expect(await page.locator(".ProseMirror h2").allTextContents()).toContain("Question Presented");
    expect(await page.locator(".ProseMirror blockquote").count()).toBe(1);
    expect(await page.locator(".ProseMirror ol li").count()).toBeGreaterThanOrEqual(4);
    // The comments are threads in the margin, anchored on their words.
    await page.waitForSelector(".gl-msg-head strong:text('Ana Ruiz')");
    await page.waitForSelector(".gl-msg-head strong:text('Ben Okafor')");
    await page.waitForSelector(
      ".gl-msg-body:text('Cite the statute\\'s subsection, please. (from Word, 2024-03-01)')",
    );
    expect(await page.locator(".ProseMirror .gl-annotation").first().textContent()).toBe(
      "apply for asylum",
    );
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await page.screenshot({ path: `${ARTIFACTS}/import-dropped-docx.png` });
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("Import… picks files; a bad one is explained in plain words; New document opens a blank one", async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const dana = await env.server.addUser("Dana Reyes");
    await signIn(ctx, dana);
    const page = await ctx.newPage();
    await page.goto(`${env.server.url}/`);
    await page.waitForSelector("button.gl-import");
    const before = (await env.server.glossa.store.listDocuments()).length;
    await page.setInputFiles("input.gl-import-input", {
      name: "scan.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
    });
    const alert = page.locator(".gl-import-status [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /Nothing was imported\. scan\.docx: .*another kind of file renamed to \.docx/,
    );
    expect((await env.server.glossa.store.listDocuments()).length).toBe(before);

    await page.setInputFiles("input.gl-import-input", {
      name: "notes.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("# Hearing notes\n\nThe judge asked about *credibility*.\n"),
    });
    await page.waitForURL(/\/d\/\w+$/);
    await page.waitForSelector(".ProseMirror em:text('credibility')");
    expect(await page.textContent(".ProseMirror h1.gl-title")).toBe("Hearing notes");

    await page.goto(`${env.server.url}/`);
    await page.click("button.gl-new-document");
    await page.waitForURL(/\/d\/\w+$/);
    await page.waitForSelector(".ProseMirror h1.gl-title:text('Untitled document')");
    await page.click(".ProseMirror p");
    await page.keyboard.type("First words.");
    // The blank document is the person's own and receives what they type.
    const id = /\/d\/(\w+)$/.exec(page.url())![1]!;
    expect(await env.server.glossa.store.getRole(id, dana.id)).toBe("owner");
    await eventually(async () => {
      const res = await fetch(`${env.server.url}/api/documents/${id}/content`, {
        headers: { Authorization: `Bearer ${dana.token}` },
      });
      expect((await res.json()).text).toContain("First words.");
    }, 30_000);
    await ctx.close();
  });
});
