import path from "node:path";
import { describe, expect, it } from "vitest";
import { signIn, useBrowserEnv } from "./session.ts";

/// Regenerates docs/screenshots/: the workspace with a few threads (one
/// paragraph dense enough to collapse into a count), in English and
/// Spanish, on a desktop and a phone, and on the desktop a statute open
/// beside the claim that cites it. Runs only when asked
/// (`GLOSSA_SCREENSHOTS=1 pnpm vitest run tests/browser/screenshots.test.ts`),
/// so ordinary runs never rewrite the docs.
const OUT = path.resolve(import.meta.dirname ?? ".", "../../docs/screenshots");
const run = process.env.GLOSSA_SCREENSHOTS === "1";

describe.skipIf(!run)("screenshots of the workspace for the docs", () => {
  const env = useBrowserEnv();

  it("takes the workspace in English and Spanish at 1440×900 and 390×844", async () => {
    const call = async (path: string, body: object) => {
      const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}${path}`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${env.server.ownerToken}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };
    const post = (exact: string, kind: string, body: string) =>
      call("/annotations", { exact, kind, body });
    await post("Remain in Mexico", "question", "Is this the programme's official name?");
    const ina = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
    const claim = await post(ina, "claim", "The plan rests on this provision.");
    await call(`/annotations/${claim.id}/links`, {
      key: "ina/235",
      pinpoint: "(b)(2)(C)",
      relation: "supports",
    });
    // A dense paragraph: its threads collapse into a count.
    for (const body of [
      "Which barriers? List them.",
      "Add the Human Rights First report.",
      "Counsel access in Tijuana: cite the declaration.",
      "Check the figures against the UNHCR data.",
      "Mention the shelters' capacity.",
    ])
      await post("insurmountable barriers to due process, counsel", "comment", body);
    await post("right to family unity", "comment", "Cite Article 4 of the Mexican Constitution.");
    const user = await env.server.addUser("Lucía Revisora", { role: "editor" });
    for (const locale of ["en-US", "es-MX"]) {
      for (const size of [
        { name: "desktop", width: 1440, height: 900 },
        { name: "phone", width: 390, height: 844 },
      ]) {
        const context = await env.browser.newContext({
          locale,
          viewport: { width: size.width, height: size.height },
        });
        await signIn(context, user);
        const page = await context.newPage();
        await page.goto(`${env.server.url}/d/${env.server.letterId}`);
        await page.waitForSelector('.gl-status[data-status="saved"]');
        await page.locator(".gl-card").first().waitFor();
        // Two frames: the margin lays its cards out on the next frame.
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        );
        const lang = locale === "es-MX" ? "es-MX" : "en";
        await page.screenshot({ path: path.join(OUT, `workspace-${lang}-${size.name}.png`) });
        if (size.name === "desktop") {
          // The statute opened from the claim's link, beside the thread.
          const card = page.locator(`.gl-cards > [data-card="${claim.id}"]`);
          await card.click();
          await card.locator(".gl-link-cite").click();
          await page.locator("#gl-pane-sources .gl-src-pin").waitFor();
          await page.evaluate(
            () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
          );
          await page.screenshot({ path: path.join(OUT, `workspace-${lang}-source.png`) });
        }
        await context.close();
      }
    }
  });
});
