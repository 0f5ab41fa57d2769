import { describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { signIn, useBrowserEnv, watchErrors } from "./session.ts";

/// The Account page's API tokens: made in the app, shown once, usable by a
/// script at once, revoked from the list.
describe("API tokens on the Account page", () => {
  const env = useBrowserEnv();

  it("creates a token limited to one document and a role, shows it once, and revokes it", async () => {
    const alice = await env.server.addUser("Alice Tokens", { role: "owner" });
    const context = await env.browser.newContext();
    await signIn(context, alice);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/account`);
    const section = page.getByTestId("api-tokens-section");
    await section.getByLabel("Name (what it is for)").fill("zotero <b>sync</b>");
    await section.getByLabel("Highest role").selectOption("viewer");
    await section.getByLabel(/All my documents/).uncheck();
    await section
      .getByLabel(/Remain in Mexico|letter/i)
      .first()
      .check();
    await section.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-token").locator("input");
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^glsa_/);
    // The name is text, never markup.
    await expect
      .poll(() => page.getByTestId("api-tokens").textContent())
      .toContain("zotero <b>sync</b>");
    expect(await page.getByTestId("api-tokens").locator("b").count()).toBe(0);

    const letter = await call(env.server, token, "GET", `/api/documents/${env.server.letterId}`);
    expect(letter.status).toBe(200);
    expect(letter.json.role).toBe("viewer");

    await page.getByTestId("api-tokens").getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => page.getByTestId("api-tokens").locator("li").count()).toBe(0);
    expect((await call(env.server, token, "GET", "/api/me")).status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });
});
