import { describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { openAs, selectText, useBrowserEnv } from "../browser/session.ts";

const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
const KEY = "case/932/F.3d/742";

/// In Chromium: an editor adds a missing authority from the app, links a
/// claim to it and edits it; a viewer can find and read it but not change it.
describe("browser: team authorities from the app", () => {
  const env = useBrowserEnv();

  it("an editor adds, links and edits an authority; a viewer cannot", async () => {
    const editor = await env.server.addUser("Eve Editor", { role: "editor" });
    const viewer = await env.server.addUser("Vic Viewer", { role: "viewer" });
    const { page, errors, context } = await openAs(env, editor);
    await page.click("#gl-tab-sources");

    // Searching the citation finds nothing: the catalog lacks it.
    const pane = page.locator(".gl-srcpane");
    await pane.locator(".gl-src-search").fill("932 F.3d 742");
    await expect
      .poll(() => pane.locator(".gl-src-results-head").textContent())
      .toMatch(/Nothing in the catalog/);
    expect(await pane.locator(".gl-src-option").count()).toBe(0);

    // Add it; the form starts from the searched citation.
    await pane.locator(".gl-auth-add").click();
    const form = pane.locator("form.gl-auth-form");
    expect(await form.locator('[name="citation"]').inputValue()).toBe("932 F.3d 742");
    await form.locator('[name="kind"]').selectOption("case");
    await form.locator('[name="title"]').fill("East Bay Sanctuary Covenant v. Trump");
    await form.locator('[name="court"]').fill("9th Cir.");
    await form.locator('[name="date"]').fill("2018-12-07");
    await form.locator('[name="url"]').fill("https://example.org/east-bay.pdf");
    await form
      .locator('[name="text"]')
      .fill('The rule <img src=x onerror="window.__pwned=1"> conflicts with § 1158(a).');
    await form.locator(".gl-auth-save").click();

    // The pane opens it, its text shown as text.
    await expect
      .poll(async () => squash(await pane.locator(".gl-src-cite").textContent()))
      .toBe("East Bay Sanctuary Covenant v. Trump, 932 F.3d 742 (9th Cir. 2018)");
    expect(squash(await pane.locator(".gl-src-text").textContent())).toContain(
      '<img src=x onerror="window.__pwned=1">',
    );
    expect(await pane.locator(".gl-src-text img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    // Searching its citation now finds it first.
    await pane.locator(".gl-src-search").fill("932 F.3d 742");
    await expect
      .poll(async () => squash(await pane.locator(".gl-src-option-cite").first().textContent()))
      .toContain("932 F.3d 742");
    await pane.locator(".gl-src-search").fill("");

    // Link a claim to it.
    await page.click("#gl-tab-annotations");
    await selectText(page, "non-refoulement");
    await page.click(".gl-selbar-btn.gl-kind-claim");
    await page.keyboard.type("The Ninth Circuit enjoined the ban.");
    await page.keyboard.press("Control+Enter");
    const card = page.locator(".gl-card.gl-card-active.gl-kind-claim");
    await card.waitFor();
    if (!(await card.locator(".gl-src-search").isVisible()))
      await card.locator(".gl-links-add").click();
    await card.locator(".gl-src-search").fill("932 F.3d 742");
    const option = card.locator(".gl-src-option", { hasText: "932 F.3d 742" }).first();
    await option.waitFor();
    await option.click();
    await card.locator(".gl-links-form .gl-primary").click();
    const linked = page.locator(`.gl-card.gl-kind-claim .gl-link-item[data-key="${KEY}"]`);
    await linked.waitFor();
    await expect.poll(async () => squash(await linked.textContent())).toContain("932 F.3d 742");

    // Edit it from the pane.
    await page.click("#gl-tab-sources");
    await pane.locator(".gl-src-search").fill("932 F.3d 742");
    await pane.locator(".gl-src-option", { hasText: "932 F.3d 742" }).first().click();
    await pane.locator(".gl-auth-edit").click();
    await form.locator('[name="title"]').fill("E. Bay Sanctuary Covenant v. Trump");
    await form.locator(".gl-auth-save").click();
    await expect
      .poll(async () => squash(await pane.locator(".gl-src-cite").textContent()))
      .toBe("E. Bay Sanctuary Covenant v. Trump, 932 F.3d 742 (9th Cir. 2018)");
    const stored = await call(
      env.server,
      viewer.token,
      "GET",
      `/api/sources/${encodeURIComponent(KEY)}`,
    );
    expect(stored.json).toMatchObject({
      authority: { caseName: "E. Bay Sanctuary Covenant v. Trump" },
      addedBy: { id: editor.id },
      editedBy: { id: editor.id },
    });
    expect(errors).toEqual([]);
    await context.close();

    // The viewer finds and reads it, with no way to add, edit or delete.
    const v = await openAs(env, viewer);
    await v.page.click("#gl-tab-sources");
    const vpane = v.page.locator(".gl-srcpane");
    expect(await vpane.locator(".gl-auth-add").isVisible()).toBe(false);
    await vpane.locator(".gl-src-search").fill("932 F.3d 742");
    await vpane.locator(".gl-src-option", { hasText: "932 F.3d 742" }).first().click();
    await expect
      .poll(async () => squash(await vpane.locator(".gl-src-cite").textContent()))
      .toContain("E. Bay Sanctuary Covenant v. Trump");
    expect(await vpane.locator(".gl-auth-edit, .gl-auth-delete").count()).toBe(0);
    // And the server refuses the viewer whatever the page does.
    const status = await v.page.evaluate(async (key) => {
      const token = JSON.parse(localStorage.getItem("glossa.session") ?? "null")?.token;
      const res = await fetch(`/api/sources/${encodeURIComponent(key)}`, {
        method: "DELETE",
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      return res.status;
    }, KEY);
    expect(status).toBe(403);
    expect(
      (await call(env.server, viewer.token, "DELETE", `/api/sources/${encodeURIComponent(KEY)}`))
        .status,
    ).toBe(403);
    expect(v.errors).toEqual([]);
    await v.context.close();

    // The editor deletes it (a second click confirms); the claim's link still reads.
    const e = await openAs(env, editor);
    await e.page.click("#gl-tab-sources");
    const epane = e.page.locator(".gl-srcpane");
    await epane.locator(".gl-src-search").fill("932 F.3d 742");
    await epane.locator(".gl-src-option", { hasText: "932 F.3d 742" }).first().click();
    await epane.locator(".gl-auth-delete").click();
    expect(
      (
        await call(
          env.server,
          viewer.token,
          "GET",
          `/api/sources?q=${encodeURIComponent("932 F.3d 742")}`,
        )
      ).json.results,
    ).toHaveLength(1);
    await epane.locator(".gl-auth-delete-confirm").click();
    await epane.locator(".gl-src-deleted").waitFor();
    expect(squash(await epane.locator(".gl-src-deleted").textContent())).toMatch(
      /^Deleted from the team’s authorities by Eve Editor/,
    );
    await e.page.click("#gl-tab-annotations");
    const link = e.page.locator(`.gl-link-item[data-key="${KEY}"]`).first();
    await link.waitFor();
    await expect
      .poll(async () => squash(await link.textContent()))
      .toContain("E. Bay Sanctuary Covenant v. Trump, 932 F.3d 742");
    expect(await link.textContent()).not.toMatch(/not in the catalog/i);
    expect(e.errors).toEqual([]);
    await e.context.close();
  });
});
