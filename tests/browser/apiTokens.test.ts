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

  it("registers a webhook, shows its secret once and its delivery log", async () => {
    const olga = await env.server.addUser("Olga Hooks", { role: "owner" });
    const context = await env.browser.newContext();
    await signIn(context, olga);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/account`);
    const section = page.getByTestId("webhooks-section");
    await section.getByLabel("Address").fill("https://hooks.example.org/glossa");
    await section.getByLabel(" annotation.created").check();
    await section.getByRole("button", { name: "Add webhook" }).click();
    const secret = await page.getByTestId("new-webhook").locator("input").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect
      .poll(() => page.getByTestId("webhooks").textContent())
      .toContain("hooks.example.org");
    const made = await call(
      env.server,
      olga.token,
      "POST",
      `/api/documents/${env.server.letterId}/annotations`,
      {
        exact: "complementary protection",
        kind: "comment",
        body: "For the case system.",
      },
    );
    expect(made.status).toBe(201);
    // Delivered from the queue in the background: a generous bound for busy machines.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId("deliveries").first().textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toContain("annotation.created");
    expect(errors).toEqual([]);
    await context.close();
  });
});
