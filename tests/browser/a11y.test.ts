import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import type { TestUser } from "../utils/server.ts";
import { axe } from "./axe.ts";
import { selectText, signIn, useBrowserEnv } from "./session.ts";

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
const LANGS = ["en-US", "es-MX"] as const;

describe("browser: accessibility (axe-core) of every page, in English and Spanish, on desktop and phone", () => {
  const env = useBrowserEnv();
  let owner: TestUser;

  const open = async (
    browser: Browser,
    locale: string,
    size: { width: number; height: number },
    user: TestUser | null,
  ) => {
    const context = await browser.newContext({ locale, viewport: size, bypassCSP: true });
    if (user) await signIn(context, user);
    return { context, page: await context.newPage() };
  };

  for (const locale of LANGS) {
    for (const size of SIZES) {
      it(`${locale}, ${size.width}×${size.height}: sign-in, editor, History, Share and Account have no violation`, async () => {
        if (!owner) {
          owner = await env.server.addUser("Olivia Owner", { role: "owner" });
          // Cards in the margin (its feed, its live region) are checked too.
          const res = await fetch(
            `${env.server.url}/api/documents/${env.server.letterId}/annotations`,
            {
              method: "POST",
              headers: {
                Authorization: `Bearer ${owner.token}`,
                "Content-Type": "application/json",
              },
              body: JSON.stringify({
                exact: "complementary protection",
                kind: "comment",
                body: "Define it.",
              }),
            },
          );
          expect(res.status).toBe(201);
        }
        const found: string[] = [];
        const check = async (page: Page, what: string) => {
          for (const v of await axe(page)) found.push(`${what}: ${v}`);
          await page.screenshot({ path: `${ARTIFACTS}/a11y-${locale}-${size.name}-${what}.png` });
        };

        const anon = await open(env.browser, locale, size, null);
        await anon.page.goto(`${env.server.url}/`);
        await anon.page.waitForSelector("form.gl-signin");
        await check(anon.page, "signin");
        await anon.context.close();

        const { context, page } = await open(env.browser, locale, size, owner);
        await page.goto(`${env.server.url}/d/${env.server.letterId}`);
        await page.waitForSelector('.gl-status[data-status="saved"]');
        await page.waitForSelector(".gl-ann-summary");
        await page.waitForSelector('.gl-cards[role="feed"] > article[data-card]', {
          state: "attached",
        });
        await check(page, "editor");

        await page.click(".gl-versions-open");
        await page.waitForSelector(
          ".gl-versions:not([hidden]) .gl-version-list, .gl-versions:not([hidden])",
        );
        await check(page, "history");

        await page.goto(`${env.server.url}/d/${env.server.letterId}/share`);
        await page.waitForSelector('[data-testid="share-panel"]:not([hidden])');
        await check(page, "share");

        await page.goto(`${env.server.url}/account`);
        await page.waitForSelector('[data-testid="sessions"] li');
        await check(page, "account");
        await context.close();
        expect(found).toEqual([]);
      });

      it(`${locale}, ${size.width}×${size.height}: the margin's layout — a dense paragraph, the detached list, a source beside its thread — has no violation`, async () => {
        const user = await env.server.addUser(`Lara Layout ${locale} ${size.name}`, {
          role: "owner",
        });
        const post = async (path: string, body: object) => {
          const res = await fetch(`${env.server.url}${path}`, {
            method: "POST",
            headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
            body: JSON.stringify(body),
          });
          expect(res.status).toBe(201);
          return (await res.json()) as { id: string };
        };
        const doc = (await post(`/api/documents/${env.server.letterId}/duplicate`, {})).id;
        for (let i = 1; i <= 5; i++)
          await post(`/api/documents/${doc}/annotations`, {
            exact: "complementary protection",
            kind: "comment",
            body: `Point ${i}.`,
          });
        const lost = "insurmountable barriers to due process, counsel";
        await post(`/api/documents/${doc}/annotations`, { exact: lost, kind: "question" });
        const claim = await post(`/api/documents/${doc}/annotations`, {
          exact: "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)",
          kind: "claim",
        });
        await post(`/api/documents/${doc}/annotations/${claim.id}/links`, {
          key: "ina/235",
          pinpoint: "(b)(2)(C)",
          relation: "supports",
        });
        const found: string[] = [];
        const check = async (page: Page, what: string) => {
          for (const v of await axe(page)) found.push(`${what}: ${v}`);
          await page.screenshot({ path: `${ARTIFACTS}/a11y-${locale}-${size.name}-${what}.png` });
        };
        const { context, page } = await open(env.browser, locale, size, user);
        await page.goto(`${env.server.url}/d/${doc}`);
        await page.waitForSelector('.gl-status[data-status="saved"]');
        await page.waitForSelector(".gl-cards .gl-dense-toggle");
        await selectText(page, lost);
        await page.keyboard.press("Backspace");
        await page.click(".gl-detached-open");
        await page.waitForSelector("#gl-detached-list [data-card]");
        await check(page, "layout-detached");
        await page.click(".gl-detached-open");
        await page.click(".gl-cards .gl-dense-toggle");
        await page.click(`.gl-cards > [data-card="${claim.id}"]`);
        await page.click(`.gl-cards > [data-card="${claim.id}"] .gl-link-cite`);
        await page.waitForSelector("#gl-pane-sources .gl-src-pin");
        await check(page, "layout-source");
        await context.close();
        expect(found).toEqual([]);
      });
    }
  }
});
