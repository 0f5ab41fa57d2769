import { describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { openAs, useBrowserEnv } from "../browser/session.ts";

const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
const KEY = "local/report/delivered-to-danger";

/// In Chromium: the source pane says who added a team authority, and shows
/// Edit and Delete only to that person and the administrator; another
/// editor sees who may change it instead, and the server refuses them too.
describe("browser: who may edit a team authority", () => {
  const env = useBrowserEnv();

  it("shows Edit and Delete to the adder and the administrator only", async () => {
    const alice = await env.server.addUser("Alice Adder", { role: "editor" });
    const bob = await env.server.addUser("Bob Bystander", { role: "editor" });
    const added = await call(env.server, alice.token, "POST", "/api/sources", {
      kind: "report",
      title: "Delivered to Danger",
      url: "https://example.org/delivered-to-danger",
      text: "Returns to Mexico, documented.",
    });
    expect(added.status).toBe(201);
    const ownerRecord = (await env.server.glossa.store.listUsers())[0]!;
    const admin = { ...ownerRecord, token: env.server.ownerToken };

    const paneOf = async (who: typeof alice | typeof admin) => {
      const opened = await openAs(env, who);
      await opened.page.click("#gl-tab-sources");
      const pane = opened.page.locator(".gl-srcpane");
      await pane.locator(".gl-src-search").fill("Delivered to Danger");
      await pane.locator(".gl-src-option", { hasText: "Delivered to Danger" }).first().click();
      await pane.locator(".gl-src-added").waitFor();
      return { ...opened, pane };
    };

    // Bob curates (he may add) but did not add this one: no buttons, a sentence instead.
    const b = await paneOf(bob);
    expect(await b.pane.locator(".gl-auth-add").isVisible()).toBe(true);
    expect(squash(await b.pane.locator(".gl-src-added").textContent())).toMatch(
      /^Added to the team’s authorities by Alice Adder on /,
    );
    expect(await b.pane.locator(".gl-auth-edit, .gl-auth-delete").count()).toBe(0);
    expect(squash(await b.pane.locator(".gl-src-onlyadder").textContent())).toBe(
      "Only Alice Adder, who added it, and the administrator can edit or delete it.",
    );
    // Whatever the page shows, the server refuses him.
    const status = await b.page.evaluate(async (key) => {
      const token = JSON.parse(localStorage.getItem("glossa.session") ?? "null")?.token;
      const res = await fetch(`/api/sources/${encodeURIComponent(key)}`, {
        method: "DELETE",
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      return res.status;
    }, KEY);
    expect(status).toBe(403);
    expect(b.errors).toEqual([]);
    await b.context.close();

    // Alice, who added it, sees both buttons and no such sentence.
    const a = await paneOf(alice);
    await a.pane.locator(".gl-auth-edit").waitFor();
    expect(await a.pane.locator(".gl-auth-delete").count()).toBe(1);
    expect(await a.pane.locator(".gl-src-onlyadder").count()).toBe(0);
    expect(a.errors).toEqual([]);
    await a.context.close();

    // The administrator sees them too, and deletes it.
    const o = await paneOf(admin);
    await o.pane.locator(".gl-auth-delete").click();
    await o.pane.locator(".gl-auth-delete-confirm").click();
    await o.pane.locator(".gl-src-deleted").waitFor();
    expect(
      (await call(env.server, alice.token, "GET", `/api/sources/${encodeURIComponent(KEY)}`)).json
        .deleted.by.id,
    ).toBe(admin.id);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });
});
