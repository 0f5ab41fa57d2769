import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { axe } from "./axe.ts";
import { signIn, useBrowserEnv, watchErrors } from "./session.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
const LANDMARKS = new Set(["region", "complementary", "main", "navigation", "banner", "form"]);

interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
}

/// Chromium's own accessibility tree (what a screen reader is given): the
/// landmarks, each with its name and the headings inside it.
async function landmarks(
  page: Page,
): Promise<{ role: string; name: string; headings: string[] }[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const headings = (n: AxNode): string[] =>
    (n.childIds ?? []).flatMap((id) => {
      const c = byId.get(id);
      if (!c) return [];
      const own = !c.ignored && c.role?.value === "heading" ? [c.name?.value ?? ""] : [];
      return [...own, ...headings(c)];
    });
  return nodes
    .filter((n) => !n.ignored && LANDMARKS.has(n.role?.value ?? ""))
    .map((n) => ({ role: n.role!.value, name: n.name?.value ?? "", headings: headings(n) }));
}

/// Where the focus is: the element's id or class, and the card it is in.
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      inPane: !!el?.closest("#gl-pane-sources"),
      card: el?.closest<HTMLElement>("[data-card]")?.dataset.card ?? null,
      tag: el?.tagName.toLowerCase() ?? null,
    };
  });

const WORDS = {
  "en-US": { source: "Source", annotations: "Annotations" },
  "es-MX": { source: "Fuente", annotations: "Anotaciones" },
} as const;

/// Issue 14: the source read beside the thread that cites it, as a screen
/// reader user meets it — two labelled landmarks, a heading in the source
/// pane, focus carried into the pane and back to the thread — and axe-core
/// finds nothing, in both languages, on desktop and phone.
describe("browser: the split view (source beside its thread) for a screen reader", () => {
  const env = useBrowserEnv();

  for (const locale of ["en-US", "es-MX"] as const) {
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      it(`${locale}, ${size.width}×${size.height}`, async () => {
        const user = await env.server.addUser(`Sol Split ${locale} ${size.width}`, {
          role: "editor",
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
        const claim = (
          await post(`/api/documents/${doc}/annotations`, { exact: INA, kind: "claim" })
        ).id;
        await post(`/api/documents/${doc}/annotations/${claim}/links`, {
          key: "ina/235",
          pinpoint: "(b)(2)(C)",
          relation: "supports",
        });
        const context = await env.browser.newContext({ locale, viewport: size, bypassCSP: true });
        await signIn(context, user);
        const page = await context.newPage();
        const errors = watchErrors(page);
        await page.goto(`${env.server.url}/d/${doc}`);
        await page.waitForSelector('.gl-status[data-status="saved"]');
        const card = `.gl-cards > [data-card="${claim}"]`;
        await page.click(card);
        const cite = page.locator(`${card} .gl-link-cite`);

        // Opened from the keyboard: focus moves into the source pane, onto its heading.
        await cite.focus();
        await page.keyboard.press("Enter");
        await page.waitForSelector("#gl-pane-sources .gl-src-cite");
        await expect.poll(() => focused(page)).toMatchObject({ inPane: true, tag: "h2" });

        // Both halves of the split view are labelled landmarks; the source's has its heading.
        const words = WORDS[locale];
        const marks = await landmarks(page);
        const source = marks.find((m) => m.name === words.source);
        const thread = marks.find((m) => m.name === words.annotations);
        expect(source?.role).toBe("region");
        expect(source!.headings.some((x) => x.includes("1225(b)(2)(C)"))).toBe(true);
        expect(thread?.role).toBe("complementary");
        expect(marks.some((m) => m.role === "main")).toBe(true);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: `${ARTIFACTS}/split-a11y-${locale}-${size.width}.png` });

        // Escape closes the source; focus goes back to the thread that cited it.
        await page.keyboard.press("Escape");
        await page.waitForSelector("#gl-pane-sources", { state: "hidden" });
        await expect.poll(() => focused(page)).toMatchObject({ inPane: false, card: claim });

        // So does the pane's Close button.
        await page.locator(`${card} .gl-link-cite`).focus();
        await page.keyboard.press("Enter");
        await expect.poll(() => focused(page)).toMatchObject({ inPane: true, tag: "h2" });
        await page.click("#gl-pane-sources .gl-src-close");
        await page.waitForSelector("#gl-pane-sources", { state: "hidden" });
        await expect.poll(() => focused(page)).toMatchObject({ inPane: false, card: claim });
        expect(await axe(page)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
