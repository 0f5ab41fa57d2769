import path from "node:path";
import { describe, expect, it } from "vitest";
import { signIn, useBrowserEnv } from "./session.ts";

/// Regenerates docs/screenshots/: the workspace with a few threads, in
/// English and Spanish, on a desktop and a phone. Runs only when asked
/// (`GLOSSA_SCREENSHOTS=1 pnpm vitest run tests/browser/screenshots.test.ts`),
/// so ordinary runs never rewrite the docs.
const OUT = path.resolve(import.meta.dirname ?? ".", "../../docs/screenshots");
const run = process.env.GLOSSA_SCREENSHOTS === "1";

describe.skipIf(!run)("screenshots of the workspace for the docs", () => {
  const env = useBrowserEnv();

  it("takes the workspace in English and Spanish at 1440×900 and 390×844", async () => {
    const post = async (exact: string, kind: string, body: string) => {
      const res = await fetch(
        `${env.server.url}/api/documents/${env.server.letterId}/annotations`,
        {
          method: "POST",
          headers: {
            Authorization: `Bearer ${env.server.ownerToken}`,
            "Content-Type": "application/json",
          },
          body: JSON.stringify({ exact, kind, body }),
        },
      );
      expect(res.status).toBe(201);
    };
    await post("Remain in Mexico", "question", "Is this the programme's official name?");
    await post("insurmountable barriers to due process, counsel", "claim", "");
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
        await context.close();
      }
    }
  });
});
