import { readFileSync } from "node:fs";
import type { BrowserContext, JSHandle, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, useBrowserEnv, watchErrors } from "../browser/session.ts";
import type { TestUser } from "../utils/server.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)).toString("base64");
const TARGET_EN = "Drop a Word, Markdown, HTML or text file to import it here";
const TARGET_ES = "Suelte un archivo de Word, Markdown, HTML o texto para importarlo aquí";

/// A DataTransfer holding one file, as Chromium builds it for a drop from
/// the desktop (`types` lists "Files").
function files(page: Page, name: string, b64: string): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle(
    ([n, data]) => {
      const bytes = Uint8Array.from(atob(data!), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], n!));
      return dt;
    },
    [name, b64],
  );
}

/// Issue 11: a Word file dropped onto a new, empty document fills it through
/// the server; the page shows where to drop while a file is dragged over it;
/// a document with words is never overwritten, and a viewer cannot import.
describe("browser: dropping a file onto the open editor", () => {
  const env = useBrowserEnv();

  async function open(user: TestUser, path: string, locale = "en-US") {
    const context: BrowserContext = await env.browser.newContext({
      locale,
      viewport: { width: 1440, height: 1000 },
    });
    await signIn(context, user);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}${path}`);
    await page.waitForSelector(
      path === "/" ? "button.gl-new-document" : '.gl-status[data-status="saved"]',
    );
    return { context, page, errors };
  }
  const content = async (id: string, token: string) => {
    const res = await fetch(`${env.server.url}/api/documents/${id}/content`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { text: string }).text;
  };

  it("shows a drop target, fills the empty document with a DOCX's headings and comments, and never overwrites one with words; a viewer cannot", async () => {
    const owner = await env.server.addUser("Dora Dropper");
    const me = await open(owner, "/");
    await me.page.click("button.gl-new-document");
    await me.page.waitForURL(/\/d\/[\w-]+$/);
    await me.page.waitForSelector('.gl-status[data-status="saved"]');
    const id = new URL(me.page.url()).pathname.split("/").pop()!;
    const viewer = await env.server.addUser("Vera Viewer", { role: "viewer", documentId: id });
    const watcher = await open(viewer, `/d/${id}`);

    // Dragging a file over the empty page turns it into a drop target that says what a drop does.
    const memo = await files(me.page, "asylum memo.docx", fixture("glossa-legal-memo.docx"));
    const hint = me.page.locator(".ProseMirror p.gl-empty-hint");
    await hint.waitFor();
    await me.page.dispatchEvent(".ProseMirror p.gl-empty-hint", "dragover", { dataTransfer: memo });
    await me.page.waitForSelector(".ProseMirror.gl-drop-target p.gl-drop-here");
    expect(await hint.getAttribute("data-hint")).toBe(TARGET_EN);
    await me.page.dispatchEvent(".ProseMirror", "dragleave", { dataTransfer: memo });
    await me.page.waitForSelector(".ProseMirror:not(.gl-drop-target) p.gl-empty-hint");
    expect(await me.page.locator(".gl-drop-here").count()).toBe(0);

    // A viewer sees no drop target, and a drop is refused in words; nothing reaches the document.
    const theirs = await files(watcher.page, "asylum memo.docx", fixture("glossa-legal-memo.docx"));
    await watcher.page.dispatchEvent(".ProseMirror", "dragover", { dataTransfer: theirs });
    expect(await watcher.page.locator(".gl-drop-target, .gl-drop-here").count()).toBe(0);
    await watcher.page.dispatchEvent(".ProseMirror", "drop", { dataTransfer: theirs });
    await watcher.page.waitForSelector(
      ".gl-toast-error:has-text('only an owner or editor of this document can bring a file into it')",
    );
    expect((await content(id, owner.token)).trim()).toBe("Untitled document");

    // The owner drops the Word memo: its headings and its Word comments appear, for the viewer too.
    await me.page.dispatchEvent(".ProseMirror p.gl-empty-hint", "drop", { dataTransfer: memo });
    for (const p of [me.page, watcher.page]) {
      await p.waitForSelector(".ProseMirror :is(h2,h3,h4):has-text('Question Presented')");
      await p.waitForSelector(".ProseMirror :is(h2,h3,h4):has-text('Statutory text')");
      await p.waitForSelector(".gl-card:has-text('Ana Ruiz')");
    }
    await me.page.waitForSelector(".gl-toast:has-text('was brought into this document')");
    await me.page.waitForSelector('.gl-status[data-status="saved"]');
    const filled = await content(id, owner.token);
    expect(filled).toContain("Whether a person who arrives at the border may apply for asylum");

    // Now the document has words: dragging shows no target, and a drop is refused, not imported.
    const brief = await files(me.page, "brief.md", fixture("brief.md"));
    await me.page.dispatchEvent(".ProseMirror :is(h2,h3,h4)", "dragover", { dataTransfer: brief });
    expect(await me.page.locator(".gl-drop-target, .gl-drop-here").count()).toBe(0);
    await me.page.dispatchEvent(".ProseMirror :is(h2,h3,h4)", "drop", { dataTransfer: brief });
    await me.page.waitForSelector(
      ".gl-toast-error:has-text('this document already has text, and a dropped file never replaces it')",
    );
    expect(await content(id, owner.token)).toBe(filled);
    expect(
      await me.page.locator(".ProseMirror :is(h2,h3,h4):has-text('Question Presented')").count(),
    ).toBe(1);
    expect([...me.errors, ...watcher.errors]).toEqual([]);
    await watcher.context.close();
    await me.context.close();
  });

  it("in Spanish the drop target and the refusal are in Spanish", async () => {
    const editor = await env.server.addUser("Elena Editora");
    const blank = await fetch(`${env.server.url}/api/documents`, {
      method: "POST",
      headers: { Authorization: `Bearer ${editor.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Untitled document", text: "" }),
    });
    expect(blank.status).toBe(201);
    const id = ((await blank.json()) as { id: string }).id;
    const es = await open(editor, `/d/${id}`, "es-MX");
    const memo = await files(es.page, "memo.docx", fixture("glossa-legal-memo.docx"));
    await es.page.dispatchEvent(".ProseMirror p.gl-empty-hint", "dragover", { dataTransfer: memo });
    await es.page.waitForSelector(".ProseMirror.gl-drop-target p.gl-drop-here");
    expect(await es.page.getAttribute("p.gl-drop-here", "data-hint")).toBe(TARGET_ES);
    await es.page.dispatchEvent(".ProseMirror p.gl-empty-hint", "drop", { dataTransfer: memo });
    await es.page.waitForSelector(".ProseMirror :is(h2,h3,h4):has-text('Question Presented')");
    await es.page.dispatchEvent(".ProseMirror :is(h2,h3,h4)", "drop", { dataTransfer: memo });
    await es.page.waitForSelector(
      ".gl-toast-error:has-text('no se importó: este documento ya tiene texto')",
    );
    expect(es.errors).toEqual([]);
    await es.context.close();
  });
});
