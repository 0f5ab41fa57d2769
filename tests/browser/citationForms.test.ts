import { describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { openAs, useBrowserEnv } from "./session.ts";

/// Issue 13: a team's own short names for its authorities are underlined as
/// people type, like any citation — taught from the authority form.
describe("browser: team citation forms", () => {
  const env = useBrowserEnv();

  it("finds a form the team gave an authority, live, once the authority form saves it", async () => {
    const editor = await env.server.addUser("Fran Forms", { role: "editor" });
    const added = await call(env.server, editor.token, "POST", "/api/sources", {
      kind: "filing",
      title: "Complaint, Doe v. Roe",
      citationForms: ["Compl."],
    });
    expect(added.status).toBe(201);
    const { page, errors } = await openAs(env, editor);

    // Known at start: typed, it is underlined and keyed to the authority.
    await page.click(".ProseMirror p.gl-closing");
    await page.keyboard.press("End");
    await page.keyboard.type(" See Compl. ¶ 4 and A.B. Decl. ¶ 12.");
    const compl = page.locator(
      '.ProseMirror .gl-citation[data-key="local/filing/complaint-doe-v-roe"]',
    );
    await compl.waitFor();
    expect(await compl.textContent()).toBe("Compl. ¶ 4");
    expect(await compl.getAttribute("data-kind")).toBe("team");

    // Taught from the app: the form's short forms reach the editor when it saves.
    const decl = '.ProseMirror .gl-citation[data-key="local/filing/declaration-of-a-b"]';
    expect(await page.locator(decl).count()).toBe(0);
    await page.click("#gl-tab-sources");
    const pane = page.locator("#gl-pane-sources");
    await pane.locator(".gl-auth-add").click();
    const form = pane.locator("form.gl-auth-form");
    await form.locator('select[name="kind"]').selectOption("filing");
    await form.locator('input[name="title"]').fill("Declaration of A.B.");
    await form.locator('textarea[name="forms"]').fill("A.B. Decl.");
    await form.locator(".gl-auth-save").click();
    await page.locator(decl).waitFor();
    expect(await page.locator(decl).textContent()).toBe("A.B. Decl. ¶ 12");
    expect(errors).toEqual([]);
  });
});
