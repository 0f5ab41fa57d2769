import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, useBrowserEnv, watchErrors } from "../browser/session.ts";
import { ARTIFACTS } from "../utils/browser.ts";
import type { TestUser } from "../utils/server.ts";

/// The document list in the browser: tabs, search, rename, move to the
/// trash with confirmation and undo, and restore from the trash — by an
/// owner, with what an editor and a viewer are offered checked too.
describe("browser: the document list", () => {
  const env = useBrowserEnv();

  async function openList(user: Pick<TestUser, "id" | "name" | "email" | "token">) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signIn(context, user);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/`);
    await page.waitForSelector(".gl-doclist li[data-doc-id]");
    return { page, errors };
  }
  const titles = (page: Page) =>
    page
      .locator(".gl-doclist li[data-doc-id]")
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.title));

  it("renames, moves to the trash with undo, and restores from the trash", async () => {
    const { server } = env;
    const owner = await server.glossa.store.listUsers().then((u) => u[0]!);
    const ownerUser = {
      id: owner.id,
      name: owner.name,
      email: owner.email,
      token: server.ownerToken,
    };
    const made = await fetch(`${server.url}/api/documents`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.ownerToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Memo on parole", text: "Ms. Rodríguez fled Tapachula." }),
    }).then((r) => r.json());
    const memo = made.id as string;
    const editor = await server.addUser("Eli Editor", { role: "editor", documentId: memo });
    const viewer = await server.addUser("Vera Viewer", { role: "viewer" });

    const { page, errors } = await openList(ownerUser);
    const row = page.locator(`li[data-doc-id="${memo}"]`);
    expect(await row.locator(".gl-doc-meta").textContent()).toMatch(/^Created just now by you/);

    // Rename in place.
    await row.locator(".gl-doc-rename").click();
    await page.fill(".gl-rename-input", "Parole memo (draft 2)");
    await page.keyboard.press("Enter");
    await page.waitForSelector(
      `li[data-doc-id="${memo}"] a.gl-doc-link:text("Parole memo (draft 2)")`,
    );
    expect((await server.glossa.store.getDocument(memo))?.title).toBe("Parole memo (draft 2)");

    // Search by a word of the text, accents ignored.
    await page.fill(".gl-doc-search", "rodriguez");
    await page.waitForSelector(".gl-doc-snippet mark");
    expect(await titles(page)).toEqual(["Parole memo (draft 2)"]);
    expect(await page.textContent(".gl-doc-snippet mark")).toBe("Rodríguez");
    await page.screenshot({ path: `${ARTIFACTS}/documents-search.png` });
    await page.fill(".gl-doc-search", "");
    await page.waitForFunction(
      () => document.querySelectorAll(".gl-doclist li[data-doc-id]").length === 2,
    );

    // Move to the trash: asked first, then gone, with an undo.
    await row.locator(".gl-doc-delete").click();
    await page.waitForSelector(".gl-doc-confirm");
    expect(await page.textContent(".gl-doc-confirm p")).toMatch(
      /Everyone it is shared with loses access at once\. You can restore it from the trash for 30 days/,
    );
    await page.screenshot({ path: `${ARTIFACTS}/documents-confirm-trash.png` });
    await page.click(".gl-doc-confirm-no");
    expect(await page.locator(".gl-doc-confirm").count()).toBe(0);
    expect((await server.glossa.store.getDocument(memo))?.deletedAt).toBeNull();
    await row.locator(".gl-doc-delete").click();
    await page.click(".gl-doc-confirm-yes");
    await page.waitForSelector(".gl-doc-undo");
    await page.waitForFunction((id) => !document.querySelector(`li[data-doc-id="${id}"]`), memo);
    expect(await page.textContent(".gl-doc-notice")).toContain("was moved to the trash");
    // The editor no longer sees it.
    const asEditor = await openListMaybeEmpty(editor);
    expect(await asEditor.page.textContent(".gl-doclist")).toContain(
      "No documents have been shared with you yet.",
    );
    // Undo brings it back.
    await page.click(".gl-doc-undo");
    await page.waitForSelector(`li[data-doc-id="${memo}"]`);
    expect((await server.glossa.store.getDocument(memo))?.deletedAt).toBeNull();

    // Delete again while the editor has it open: the editor is told at once.
    await asEditor.page.goto(`${server.url}/d/${memo}`);
    await asEditor.page.waitForSelector('.gl-status[data-status="saved"]');
    await row.locator(".gl-doc-delete").click();
    await page.click(".gl-doc-confirm-yes");
    await asEditor.page.waitForSelector(".gl-banner-error:has-text('moved to the trash')");
    expect(await asEditor.page.getAttribute(".gl-status", "data-status")).toBe("error");
    await asEditor.page.screenshot({ path: `${ARTIFACTS}/documents-deleted-while-open.png` });
    // Then restore it from the Trash tab.
    await page.waitForFunction((id) => !document.querySelector(`li[data-doc-id="${id}"]`), memo);
    await page.click('.gl-doc-tab[data-tab="trash"]');
    await page.waitForSelector(`li[data-doc-id="${memo}"] .gl-doc-restore`);
    expect(await page.textContent(`li[data-doc-id="${memo}"] .gl-doc-meta`)).toMatch(
      /Moved to the trash just now by you · deleted for good on /,
    );
    await page.screenshot({ path: `${ARTIFACTS}/documents-trash.png` });
    await page.click(`li[data-doc-id="${memo}"] .gl-doc-restore`);
    await page.waitForSelector("text=The trash is empty.");
    await page.click('.gl-doc-tab[data-tab="mine"]');
    await page.waitForSelector(`li[data-doc-id="${memo}"]`);
    expect(await titles(page)).toContain("Parole memo (draft 2)");

    // The editor may rename but not delete; a viewer may do neither, and
    // sees the letter under "Shared with me".
    await asEditor.page.goto(`${server.url}/`);
    await asEditor.page.waitForSelector(`li[data-doc-id="${memo}"]`);
    expect(await asEditor.page.locator(".gl-doc-rename").count()).toBe(1);
    expect(await asEditor.page.locator(".gl-doc-delete").count()).toBe(0);
    const asViewer = await openList(viewer);
    await asViewer.page.click('.gl-doc-tab[data-tab="shared"]');
    await asViewer.page.waitForSelector(".gl-doc-meta:has-text('Shared with you by')");
    expect(await asViewer.page.locator(".gl-doc-rename, .gl-doc-delete").count()).toBe(0);
    await page.click('.gl-doc-tab[data-tab="all"]');
    await page.waitForSelector(`li[data-doc-id="${memo}"]`);
    await page.screenshot({ path: `${ARTIFACTS}/documents-list.png` });

    // Renaming from the editor's title.
    await page.click(`li[data-doc-id="${memo}"] a.gl-doc-link`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await page.click(".gl-doc-title-editable");
    await page.fill(".gl-topbar .gl-rename-input", "Parole memo (final)");
    await page.keyboard.press("Enter");
    await page.waitForSelector('.gl-doc-title:text("Parole memo (final)")');
    expect((await server.glossa.store.getDocument(memo))?.title).toBe("Parole memo (final)");

    expect(errors).toEqual([]);
    expect(asEditor.errors).toEqual([]);
    expect(asViewer.errors).toEqual([]);
  });

  /// Opens the list for someone who may have no documents at all.
  async function openListMaybeEmpty(user: TestUser) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signIn(context, user);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/`);
    await page.waitForFunction(
      () => !document.querySelector(".gl-doclist")?.textContent?.includes("Loading"),
    );
    return { page, errors };
  }
});
