import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { openAs, selectText, signIn, useBrowserEnv, watchErrors } from "./session.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
const DUE = "insurmountable barriers to due process, counsel";

type Box = { top: number; bottom: number; left: number; right: number; width: number };

function box(page: Page, selector: string): Promise<Box | null> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el || el.closest("[hidden]")) return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0) return null;
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width };
  }, selector);
}

/// How far (px) each card in the margin sits from the top of its words.
function cardOffsets(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const card of document.querySelectorAll<HTMLElement>(".gl-cards > .gl-card[data-card]")) {
      const mark = document.querySelector(`.ProseMirror [data-ann="${card.dataset.card}"]`);
      if (mark)
        out[card.dataset.card!] = Math.abs(
          card.getBoundingClientRect().top - mark.getBoundingClientRect().top,
        );
    }
    return out;
  });
}

/// The workspace's layout (issue 14, item 8 and "Layout"): the source beside
/// the thread that cites it, the detached list at the top of the margin,
/// dense paragraphs collapsed into a count.
describe("browser: the margin's layout", () => {
  const env = useBrowserEnv();
  const owner = () => env.server.ownerToken;
  const call = async (method: string, path: string, body?: unknown, token = owner()) => {
    const res = await fetch(`${env.server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      json: (await res.json().catch(() => ({}))) as Record<string, unknown>,
    };
  };
  /// A fresh copy of the letter, so each test has its own annotations.
  const copy = async () => {
    const r = await call("POST", `/api/documents/${env.server.letterId}/duplicate`, {});
    expect(r.status).toBe(201);
    return r.json.id as string;
  };
  const annotate = async (doc: string, exact: string, kind = "comment", body = "Note.") => {
    const r = await call("POST", `/api/documents/${doc}/annotations`, { exact, kind, body });
    expect(r.status).toBe(201);
    return r.json.id as string;
  };

  it("a source opens beside the thread that cites it, both in view", async () => {
    const doc = await copy();
    const claim = await annotate(doc, INA, "claim", "Rests on the statute.");
    const linked = await call("POST", `/api/documents/${doc}/annotations/${claim}/links`, {
      key: "ina/235",
      pinpoint: "(b)(2)(C)",
      relation: "supports",
    });
    expect(linked.status).toBe(201);
    const sam = await env.server.addUser("Sam Side", { role: "editor", documentId: doc });
    const { page, errors } = await openAs(env, sam, {
      path: `/d/${doc}`,
      viewport: { width: 1440, height: 900 },
    });
    const card = `.gl-cards > [data-card="${claim}"]`;
    await page.click(card);
    await page.click(`${card} .gl-link-cite`);
    await page.locator("#gl-pane-sources .gl-src-pin").waitFor();
    // The source pane is open…
    expect(await page.getAttribute("#gl-tab-sources", "aria-selected")).toBe("true");
    // …and the thread that cites it is still shown, beside it.
    expect(await page.getAttribute("#gl-tab-annotations", "aria-selected")).toBe("true");
    const thread = await box(page, card);
    const pane = await box(page, "#gl-pane-sources");
    expect(thread).not.toBeNull();
    expect(pane).not.toBeNull();
    expect(pane!.left).toBeGreaterThanOrEqual(thread!.right - 1);
    // Both within the window, side by side (their heights overlap).
    expect(pane!.right).toBeLessThanOrEqual(1440);
    for (const b of [thread!, pane!]) {
      expect(b.top).toBeGreaterThanOrEqual(0);
      expect(b.top).toBeLessThan(900);
    }
    expect(thread!.top).toBeLessThan(pane!.bottom);
    expect(pane!.top).toBeLessThan(thread!.bottom);
    // The text keeps a readable column.
    expect((await box(page, ".gl-paper"))!.width).toBeGreaterThan(560);
    await page.screenshot({ path: `${ARTIFACTS}/layout-source-beside-thread.png` });
    // A narrower window: source and thread share one column beside the
    // text, which stays readable, and nothing scrolls sideways.
    await page.setViewportSize({ width: 900, height: 900 });
    await expect.poll(async () => (await box(page, ".gl-paper"))!.width).toBeGreaterThan(400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      900,
    );
    expect(await box(page, "#gl-pane-sources")).not.toBeNull();
    expect(await box(page, card)).not.toBeNull();
    await page.screenshot({ path: `${ARTIFACTS}/layout-source-900.png` });
    // The margin alone at that width does not scroll sideways either.
    await page.click("#gl-tab-annotations");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      900,
    );
    await page.click("#gl-tab-sources");
    await page.setViewportSize({ width: 1440, height: 900 });
    // The annotations tab alone closes the source.
    await page.click("#gl-tab-annotations");
    expect(await box(page, "#gl-pane-sources")).toBeNull();
    expect(await box(page, card)).not.toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("detached annotations are reached from the top of the margin, wherever the text is scrolled", async () => {
    const doc = await copy();
    await annotate(doc, INA, "comment", "Cite the statute.");
    const lost = await annotate(doc, DUE, "question", "Which barriers?");
    const dana = await env.server.addUser("Dana Detached", { role: "editor", documentId: doc });
    const { page, errors } = await openAs(env, dana, {
      path: `/d/${doc}`,
      viewport: { width: 1440, height: 900 },
    });
    await page.locator(`.gl-cards > [data-card="${lost}"]`).waitFor();
    // Its words are deleted: the question is detached.
    await selectText(page, DUE);
    await page.keyboard.press("Backspace");
    const open = page.locator(".gl-margin .gl-detached-open");
    await open.waitFor();
    expect(await open.textContent()).toBe("1 detached annotation");
    expect(await open.getAttribute("aria-expanded")).toBe("false");
    // At the top of the margin: above the first card.
    await page.evaluate(() => window.scrollTo(0, 0));
    const first = await box(page, ".gl-cards > [data-card]");
    const button = await box(page, ".gl-detached-open");
    expect(button!.bottom).toBeLessThanOrEqual(first!.top);
    expect(button!.top).toBeGreaterThanOrEqual(0);
    // At the end of the letter, still in view.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const after = await box(page, ".gl-detached-open");
    expect(after!.top).toBeGreaterThanOrEqual(0);
    expect(after!.bottom).toBeLessThanOrEqual(900);
    // Opening shows the list just under it, the detached card focused.
    await open.click();
    expect(await open.getAttribute("aria-expanded")).toBe("true");
    const listed = page.locator(`#gl-detached-list [data-card="${lost}"]`);
    await listed.waitFor();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement).dataset.card))
      .toBe(lost);
    const card = await box(page, `#gl-detached-list [data-card="${lost}"]`);
    expect(card!.top).toBeGreaterThanOrEqual(0);
    expect(card!.top).toBeLessThan(900);
    await page.screenshot({ path: `${ARTIFACTS}/layout-detached-top.png` });
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    expect(await open.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("gl-detached-open");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("25 threads on one paragraph collapse into a count that opens on demand; none is far from its words", async () => {
    const doc = await copy();
    const ids: string[] = [];
    for (let i = 1; i <= 25; i++) ids.push(await annotate(doc, INA, "comment", `Point ${i}.`));
    const other = await annotate(doc, DUE, "comment", "Another paragraph.");
    const dee = await env.server.addUser("Dee Dense", { role: "editor", documentId: doc });
    const { page, errors } = await openAs(env, dee, {
      path: `/d/${doc}`,
      viewport: { width: 1440, height: 900 },
    });
    await page.locator(`.gl-cards > [data-card="${other}"]`).waitFor();
    const shown = () =>
      page.evaluate(
        (all) =>
          [...document.querySelectorAll<HTMLElement>(".gl-cards > [data-card]")]
            .map((c) => c.dataset.card!)
            .filter((id) => all.includes(id)),
        ids,
      );
    // A few threads and the count.
    await expect.poll(async () => (await shown()).length).toBe(2);
    const toggle = page.locator(".gl-cards .gl-dense-toggle");
    expect(await toggle.textContent()).toBe("23 more threads on this paragraph");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    // Every card shown is near its words (the next paragraph's too).
    const offsets = await cardOffsets(page);
    expect(Object.keys(offsets)).toContain(other);
    for (const [id, px] of Object.entries(offsets)) expect(px, id).toBeLessThan(400);
    await page.screenshot({ path: `${ARTIFACTS}/layout-dense-collapsed.png` });
    // Opened on demand: all 25, focus on the first that was hidden.
    await toggle.click();
    await expect.poll(async () => (await shown()).length).toBe(25);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement).dataset.card))
      .toBe((await shown())[2]);
    const fewer = page.locator(".gl-cards .gl-dense-toggle");
    expect(await fewer.getAttribute("aria-expanded")).toBe("true");
    expect(await fewer.textContent()).toBe("Show fewer threads on this paragraph");
    await fewer.click();
    await expect.poll(async () => (await shown()).length).toBe(2);
    // Stepping to a hidden thread shows it (Ctrl+Alt+↓ through the paragraph).
    await page.click(`.gl-cards > [data-card="${(await shown())[1]}"]`);
    await page.keyboard.press("Control+Alt+ArrowDown");
    await expect.poll(async () => (await shown()).length).toBe(3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the language chosen follows the account to another browser and sets the exports' language", async () => {
    const lena = await env.server.addUser("Lena Lengua", { role: "editor" });
    const first = await env.browser.newContext({ locale: "en-US" });
    await signIn(first, lena);
    const page = await first.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/d/${env.server.letterId}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    expect(await page.getAttribute("html", "lang")).toBe("en");
    // No choice yet: the browser decides, and the exports speak English.
    expect((await call("GET", "/api/account/preferences", undefined, lena.token)).json).toEqual({
      language: null,
    });
    await page.selectOption("[data-testid=language]", "es-MX");
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("es-MX");
    await expect
      .poll(async () => (await call("GET", "/api/account/preferences", undefined, lena.token)).json)
      .toEqual({ language: "es-MX" });
    await first.close();

    // Another browser, in English, with nothing remembered: Spanish.
    const second = await env.browser.newContext({ locale: "en-US" });
    await signIn(second, lena);
    const other = await second.newPage();
    errors.push(...watchErrors(other));
    await other.goto(`${env.server.url}/d/${env.server.letterId}`);
    await other.waitForSelector('.gl-status[data-status="saved"]');
    expect(await other.getAttribute("html", "lang")).toBe("es-MX");
    expect(await other.locator(".gl-versions-open").textContent()).toBe("Historial");

    // Exports without `?lang=` follow the account; `?lang=` still wins.
    const exported = async (query: string) => {
      const res = await fetch(
        `${env.server.url}/api/documents/${env.server.letterId}/export?format=html${query}`,
        { headers: { Authorization: `Bearer ${lena.token}` } },
      );
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(await exported("")).toContain('<html lang="es-MX">');
    expect(await exported("&lang=en")).toContain('<html lang="en">');
    // Back to English in the app: the account and the exports follow.
    await other.selectOption("[data-testid=language]", "en");
    await expect.poll(() => other.getAttribute("html", "lang")).toBe("en");
    await expect
      .poll(async () => (await call("GET", "/api/account/preferences", undefined, lena.token)).json)
      .toEqual({ language: "en" });
    expect(await exported("")).toContain('<html lang="en">');
    // The choice is checked: a language Glossa does not speak is refused.
    const bad = await call("PATCH", "/api/account/preferences", { language: "fr" }, lena.token);
    expect(bad.status).toBe(400);
    expect(errors).toEqual([]);
    await second.close();
  });

  it("a language chosen on the sign-in page wins over the account's and is saved to it; without one the account's wins over the browser's", async () => {
    const ana = await env.server.addUser("Ana Entrada", { role: "editor" });
    // The account keeps English (chosen earlier, elsewhere).
    expect(
      (await call("PATCH", "/api/account/preferences", { language: "en" }, ana.token)).status,
    ).toBe(200);
    const signInHere = async (page: Page) => {
      await page.fill('input[name="email"]', ana.email);
      await page.fill('input[name="password"]', ana.password);
      await page.click('button[type="submit"]');
      await page.waitForSelector('.gl-status[data-status="saved"]');
    };

    // An English browser; on the sign-in page the person picks Español, then signs in.
    const first = await env.browser.newContext({ locale: "en-US" });
    const page = await first.newPage();
    const errors = watchErrors(page);
    await page.goto(`${env.server.url}/d/${env.server.letterId}`);
    await page.waitForSelector("form.gl-signin");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.selectOption("[data-testid=language]", "es-MX");
    await page.waitForSelector("h1:text('Iniciar sesión en Glossa')");
    await signInHere(page);
    // The latest choice is used, and kept with the account.
    expect(await page.getAttribute("html", "lang")).toBe("es-MX");
    expect(await page.locator(".gl-versions-open").textContent()).toBe("Historial");
    await expect
      .poll(async () => (await call("GET", "/api/account/preferences", undefined, ana.token)).json)
      .toEqual({ language: "es-MX" });
    // A reload keeps it (the account and this browser agree).
    await page.reload();
    await page.waitForSelector('.gl-status[data-status="saved"]');
    expect(await page.getAttribute("html", "lang")).toBe("es-MX");
    await first.close();

    // No choice on the sign-in page: the account's language wins over the browser's.
    expect(
      (await call("PATCH", "/api/account/preferences", { language: "en" }, ana.token)).status,
    ).toBe(200);
    const second = await env.browser.newContext({ locale: "es-MX" });
    const other = await second.newPage();
    errors.push(...watchErrors(other));
    await other.goto(`${env.server.url}/d/${env.server.letterId}`);
    await other.waitForSelector("h1:text('Iniciar sesión en Glossa')");
    expect(await other.getAttribute("html", "lang")).toBe("es-MX");
    await signInHere(other);
    await expect.poll(() => other.getAttribute("html", "lang")).toBe("en");
    await other.waitForSelector('.gl-status[data-status="saved"]');
    expect(await other.locator(".gl-versions-open").textContent()).toBe("History");
    expect((await call("GET", "/api/account/preferences", undefined, ana.token)).json).toEqual({
      language: "en",
    });
    expect(errors).toEqual([]);
    await second.close();
  });
});
