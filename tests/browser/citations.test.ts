import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { openAs, useBrowserEnv } from "./session.ts";

/// Citations are found as people type and explained on hover.
describe("browser: live citations", () => {
  const env = useBrowserEnv();

  it("highlights the letter's INA citation, shows its 8 U.S.C. equivalent, and finds new ones as they are typed", async () => {
    const editor = await env.server.addUser("Carla Citer", { role: "editor" });
    const { page, errors } = await openAs(env, editor);

    const ina = page.locator('.ProseMirror .gl-citation[data-key="ina/235/b/2/C"]');
    await expect.poll(() => ina.count()).toBe(2); // the full cite and the later short form
    expect(await ina.first().textContent()).toBe(
      "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)",
    );

    await ina.first().hover();
    const card = page.locator(".gl-citation-pop .gl-citation-card");
    await card.waitFor();
    expect(await card.locator(".gl-citation-card-canonical").textContent()).toBe(
      "INA § 235(b)(2)(C)",
    );
    expect(await card.locator(".gl-citation-card-equivalents").textContent()).toContain(
      "8 U.S.C. § 1225(b)(2)(C)",
    );
    const links = await card
      .locator(".gl-citation-card-links a")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.some((u) => u.startsWith("https://www.law.cornell.edu/uscode/text/8/1225"))).toBe(
      true,
    );
    expect(links.some((u) => u.startsWith("https://uscode.house.gov/"))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/citations-hover.png` });

    // Typing a new citation highlights it as soon as it is complete.
    await page.click(".ProseMirror p.gl-closing");
    await page.keyboard.press("End");
    await page.keyboard.type(
      " See also 8 C.F.R. § 208.16(c) and art. 33 of the 1951 Refugee Convention.",
    );
    await page.locator('.ProseMirror .gl-citation[data-key="cfr/8/208.16/c"]').waitFor();
    await page
      .locator('.ProseMirror .gl-citation[data-key^="treaty/refugee-convention-1951/art-33"]')
      .waitFor();
    expect(errors).toEqual([]);
  });
});
