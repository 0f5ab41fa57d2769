import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { builtinCatalog, locatePinpoint } from "@glossa/sources";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser } from "../utils/browser.ts";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { selectText, signIn, watchErrors } from "./session.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/// The text of 8 U.S.C. § 1225(b)(2)(C) as the catalog holds it.
function pinpointText(): string {
  const r = builtinCatalog().resolve("usc/8/1225/b/2/C")!;
  return locatePinpoint(r.authority, r.pinpoint)!.text;
}

/// A lawyer links the letter to the law through the web app, reads the
/// statute beside the text at its pinpoint, and downloads the table of
/// authorities.
describe("browser: sources and claims", () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  /// The claim card linked to `key` (cards show their quote only when active).
  const linkedCard = (page: Page, key: string) =>
    page.locator(".gl-card.gl-kind-claim", {
      has: page.locator(`.gl-link-item[data-key="${key}"]`),
    });

  it("links the INA citation and non-refoulement, opens § 1225(b)(2)(C), downloads the DOCX table", async () => {
    const user = await server.addUser("Ana Annotator", { role: "annotator" });
    const ctx = await browser.browser.newContext({
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    });
    await signIn(ctx, user);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/d/${server.letterId}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await page.waitForSelector(".gl-ann-summary");

    // Paragraph numbers in the margin: the letter has ¶ 1 – ¶ 5, and they
    // are drawn beside the text, not in it.
    await expect
      .poll(() =>
        page.$$eval(".ProseMirror .gl-pnum", (ps) => ps.map((p) => p.getAttribute("data-pnum"))),
      )
      .toEqual(["¶ 1", "¶ 2", "¶ 3", "¶ 4", "¶ 5"]);
    expect(await page.textContent(".ProseMirror")).not.toContain("¶");
    expect(
      await page.$eval(".ProseMirror .gl-pnum", (p) =>
        p.textContent?.startsWith("Our organizations"),
      ),
    ).toBe(true);

    // 1. One click on the citation's card: a claim on its words, linked to the statute.
    const cite = page.locator('.ProseMirror .gl-citation[data-key="ina/235/b/2/C"]').first();
    await cite.hover();
    const pop = page.locator(".gl-citation-pop:not([hidden])");
    await pop.locator(".gl-citation-link").waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/sources-citation-card.png` });
    await pop.locator(".gl-citation-link").click();
    const inaCard = linkedCard(page, "ina/235").first();
    await inaCard.locator(".gl-link-item").waitFor();
    expect(squash((await inaCard.locator(".gl-link-item").textContent()) ?? "")).toContain(
      "8 U.S.C. § 1225(b)(2)(C)",
    );
    expect(await inaCard.locator(".gl-link-item").getAttribute("data-relation")).toBe("supports");
    expect(await page.locator(".ProseMirror .gl-ann-claim").allTextContents()).toEqual([INA]);

    // 2. A claim on "non-refoulement": its sources are suggested first.
    await selectText(page, "non-refoulement");
    await page.click(".gl-selbar-btn.gl-kind-claim");
    await page.keyboard.type("Mexico is bound by non-refoulement.");
    await page.keyboard.press("Control+Enter");
    let nrCard = page.locator(".gl-card.gl-card-active.gl-kind-claim", {
      has: page.locator(".gl-quote", { hasText: /^non-refoulement$/ }),
    });
    await nrCard.waitFor();
    const options = nrCard.locator(".gl-src-option .gl-src-option-cite");
    await options.first().waitFor();
    const suggested = (await options.allTextContents()).map(squash);
    expect(suggested[0]).toMatch(/^Convention Relating to the Status of Refugees art\. 33\(1\)/);
    expect(suggested.slice(0, 4).join(" | ")).toContain("Convention Against Torture");
    expect(suggested.join(" | ")).toContain("8 U.S.C. § 1231(b)(3)");
    await nrCard.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/sources-suggestions.png` });
    await nrCard.locator(".gl-src-option").first().click();
    expect(await nrCard.locator(".gl-links-pin").inputValue()).toBe("(1)");
    expect(await nrCard.locator(".gl-links-rel").inputValue()).toBe("supports");
    await nrCard.locator(".gl-links-form .gl-primary").click();
    nrCard = linkedCard(page, "treaty/refugee-convention-1951/art-33");
    await nrCard.waitFor();

    // A second source by searching, with the keyboard only: INA § 241(b)(3).
    await nrCard.locator(".gl-links-add").click();
    const search = nrCard.locator(".gl-src-search");
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("INA 241(b)(3)");
    await expect
      .poll(async () =>
        squash((await nrCard.locator(".gl-src-option-cite").first().textContent()) ?? ""),
      )
      .toBe("8 U.S.C. § 1231(b)(3)");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await nrCard.locator(".gl-links-pin").inputValue()).toBe("(b)(3)");
    await page.keyboard.press("Enter");
    await nrCard.locator('.gl-link-item[data-key="usc/8/1231"]').waitFor();
    expect(
      (await nrCard.locator(".gl-link-item .gl-link-cite").allTextContents()).map(squash),
    ).toEqual([
      "8 U.S.C. § 1231(b)(3)",
      expect.stringMatching(/^Convention Relating to the Status of Refugees art\. 33\(1\)/),
    ]);
    await expect.poll(() => nrCard.locator(".gl-status-chip").inputValue()).toBe("sourced");
    await page.screenshot({ path: `${ARTIFACTS}/sources-links.png` });

    // 3. The statute beside the text, at its pinpoint.
    await inaCard.click();
    await inaCard.locator(".gl-link-cite").click();
    const pane = page.locator("#gl-pane-sources");
    const pin = pane.locator(".gl-src-pin");
    await pin.waitFor();
    expect(await page.getAttribute("#gl-tab-sources", "aria-selected")).toBe("true");
    expect(squash((await pane.locator(".gl-src-cite").textContent()) ?? "")).toBe(
      "8 U.S.C. § 1225(b)(2)(C)",
    );
    expect(await pin.locator(".gl-src-line").allTextContents()).toEqual(
      pinpointText().split("\n").filter(Boolean),
    );
    expect(await pin.locator(".gl-src-line").first().textContent()).toBe(
      "(C) Treatment of aliens arriving from contiguous territory",
    );
    // Equivalent and official links.
    expect(await pane.locator(".gl-src-equivalents").textContent()).toContain("INA § 235(b)(2)(C)");
    expect(await pane.locator(".gl-src-links a").count()).toBeGreaterThan(0);
    // Where the text comes from, and that it was checked word for word against
    // the OLRC's XML (issue 17; tests/sources/provenance.test.ts).
    const prov = pane.locator(".gl-src-prov");
    expect(await prov.getAttribute("data-status")).toBe("verified");
    expect(await prov.locator(".gl-src-prov-status").textContent()).toBe(
      "Checked word for word against the official text",
    );
    expect(await prov.locator(".gl-src-prov-source").textContent()).toContain(
      "Office of the Law Revision Counsel",
    );
    expect(await prov.locator(".gl-src-prov-version").textContent()).toContain("119-102");
    // Scrolled into view inside the text box.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const box = document.querySelector(".gl-src-text")!.getBoundingClientRect();
          const m = document.querySelector(".gl-src-pin")!.getBoundingClientRect();
          return m.top >= box.top - 1 && m.top < box.bottom;
        }),
      )
      .toBe(true);
    // Every place that relies on it: the linked claim and the citations in ¶ 1 and ¶ 3.
    const places = pane.locator(".gl-src-place");
    await expect.poll(() => places.count()).toBeGreaterThanOrEqual(2);
    const placeText = (await places.allTextContents()).map(squash);
    expect(placeText.some((t) => t.startsWith("¶ 1") && t.includes("Claim"))).toBe(true);
    expect(placeText.some((t) => t.startsWith("¶ 3"))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/sources-pane.png` });
    await page.locator("#gl-pane-sources").evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.screenshot({ path: `${ARTIFACTS}/sources-pane-places.png` });
    // A place takes you to the text.
    await places.filter({ hasText: "¶ 3" }).first().click();
    await expect
      .poll(() => page.evaluate(() => getSelection()?.toString() ?? ""))
      .toBe("section 235(b)(2)(C)");

    // The citation's card is reachable from the keyboard: caret in the
    // citation, Tab to its buttons, Enter on "Link as source".
    await page.keyboard.press("ArrowRight");
    await page.locator(".gl-citation-pop:not([hidden]) .gl-citation-link").waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
    const seen: string[] = [];
    for (let i = 0; i < 8 && (await focused()) !== "Link as source"; i++) {
      await page.keyboard.press("Tab");
      seen.push(await focused());
    }
    // Its official links first, then the two actions.
    expect(seen).toEqual([
      "U.S. Code (House OLRC)",
      "Cornell LII",
      "GovInfo",
      "Open source beside the text",
      "Link as source",
    ]);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator('.gl-link-item[data-key="ina/235"]').count()).toBe(2);
    await page.click("#gl-tab-sources");
    await expect.poll(() => places.count()).toBe(4);

    // 4. The table of authorities, live, and its Word export.
    await page.click("#gl-tab-authorities");
    const toa = page.locator("#gl-pane-authorities");
    await toa.locator(".gl-toa-entry").first().waitFor();
    const headings = await toa.locator(".gl-toa-heading").allTextContents();
    expect(headings).toContain("Statutes");
    expect(headings).toContain("Treaties and International Instruments");
    const statutes = squash((await toa.locator('[data-group="statutes"]').textContent()) ?? "");
    expect(statutes).toContain("8 U.S.C. § 1225(b)(2)(C)");
    expect(statutes).toContain("8 U.S.C. § 1231(b)(3)");
    const treaties = squash((await toa.locator('[data-group="treaties"]').textContent()) ?? "");
    expect(treaties).toContain("art. 33(1)");
    expect(treaties).toContain("¶ 5");
    await page.screenshot({ path: `${ARTIFACTS}/sources-authorities.png` });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      toa.locator(".gl-toa-docx").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/table-of-authorities\.docx$/);
    const file = `${ARTIFACTS}/sources-table-of-authorities.docx`;
    await download.saveAs(file);
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" });
    const words = squash(xml.replace(/<w:tab\/>/g, " ").replace(/<[^>]+>/g, ""));
    expect(words).toContain("Statutes");
    expect(words).toContain("8 U.S.C. § 1225(b)(2)(C)");
    expect(words).toContain("Treaties and International Instruments");
    expect(words).toMatch(/Convention Relating to the Status of Refugees art\. 33\(1\)/);
    expect(words).toContain("8 U.S.C. § 1231(b)(3)");

    // 5. The review: both claims have sources; a new claim without one is
    // listed live and takes you to its thread.
    await page.click("#gl-tab-review");
    const review = page.locator("#gl-pane-review");
    await expect
      .poll(() => review.locator(".gl-review-summary").textContent())
      .toMatch(/^Nothing to review/);
    const res = await fetch(`${server.url}/api/documents/${server.letterId}/annotations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.ownerToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ exact: "insurmountable barriers to due process", kind: "claim" }),
    });
    expect(res.status).toBe(201);
    const item = review.locator(".gl-review-claim-without-source");
    await item.waitFor();
    expect(await review.locator(".gl-review-summary").textContent()).toContain(
      "1 claim without a source",
    );
    expect(squash((await item.textContent()) ?? "")).toMatch(/^¶ 2 Claim without a source/);
    await page.screenshot({ path: `${ARTIFACTS}/sources-review.png` });
    await item.locator(".gl-review-go").click();
    expect(await page.getAttribute("#gl-tab-annotations", "aria-selected")).toBe("true");
    await expect
      .poll(() => page.locator(".gl-card-active .gl-quote").textContent())
      .toBe("insurmountable barriers to due process");

    // Unlinking: the thread keeps its other source.
    await nrCard.locator('.gl-link-item[data-key="usc/8/1231"] .gl-link-remove').click();
    await expect.poll(() => nrCard.locator(".gl-link-item").count()).toBe(1);
    await inaCard.waitFor();
    // The team's own authorities (added by an owner: annotators may not) come
    // from the server into the same search.
    const added = await fetch(`${server.url}/api/sources`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.ownerToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        kind: "exhibit",
        title: "Declaration of A.B. on conditions in Tijuana",
        url: "https://example.org/ab.pdf",
      }),
    });
    expect(added.status).toBe(201);
    await page.click("#gl-tab-sources");
    await page.fill("#gl-pane-sources .gl-src-search", "declaration tijuana");
    const teamOption = page.locator("#gl-pane-sources .gl-src-option", {
      hasText: "team authority",
    });
    await teamOption.waitFor();
    await teamOption.click();
    await expect
      .poll(() => page.locator("#gl-pane-sources .gl-src-cite").textContent())
      .toBe("Declaration of A.B. on conditions in Tijuana");
    // Below who added it (a note of its own), the note about its text.
    expect(await page.locator("#gl-pane-sources .gl-src-added").textContent()).toContain(
      "Added to the team’s authorities by",
    );
    expect(
      await page
        .locator("#gl-pane-sources .gl-src-note:not(.gl-src-added):not(.gl-src-onlyadder)")
        .textContent(),
    ).toContain("does not hold the text");
    await page.screenshot({ path: `${ARTIFACTS}/sources-team-authority.png` });

    // A Mexican constitutional text says it may be out of date (issue 17).
    // Since it was compared with the Cámara de Diputados' consolidated text it
    // is verified, as of the reform that text names.
    await page.fill("#gl-pane-sources .gl-src-search", "CPEUM art. 11");
    const cpeum = page.locator("#gl-pane-sources .gl-src-option", { hasText: "art. 11" }).first();
    await cpeum.waitFor();
    await cpeum.click();
    const mxProv = page.locator("#gl-pane-sources .gl-src-prov");
    await mxProv.waitFor();
    expect(await mxProv.locator(".gl-src-prov-status").textContent()).toBe(
      "Checked word for word against the official text",
    );
    expect(await mxProv.locator(".gl-src-prov-version").textContent()).toContain(
      "última reforma publicada DOF 15-04-2025",
    );
    expect(await mxProv.locator(".gl-src-prov-outdated").textContent()).toContain(
      "May be out of date",
    );
    await page.screenshot({ path: `${ARTIFACTS}/sources-provenance-outdated.png` });

    // A text that no official copy could be found for says so.
    await page.fill("#gl-pane-sources .gl-src-search", "American Convention art. 22");
    const achr = page.locator("#gl-pane-sources .gl-src-option", { hasText: "art. 22" }).first();
    await achr.waitFor();
    await achr.click();
    const achrProv = page.locator("#gl-pane-sources .gl-src-prov");
    await expect
      .poll(() => achrProv.locator(".gl-src-prov-source").textContent())
      .toContain("OAS Treaty Series");
    expect(await achrProv.locator(".gl-src-prov-status").textContent()).toBe(
      "Not yet checked against the official text",
    );

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
