import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { catalogues } from "../../apps/web/src/i18n/catalogues.ts";
import { ARTIFACTS } from "../utils/browser.ts";
import { axe } from "./axe.ts";
import { selectText, useBrowserEnv, watchErrors } from "./session.ts";

/// Every string of a catalogue, by key.
function flatten(o: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [k2, v2] of flatten(v as object, `${prefix + k}.`)) out.set(k2, v2);
  }
  return out;
}

const EN = flatten(catalogues.en);
const ES = flatten(catalogues["es-MX"]);
/// The English words that must not appear in a Spanish interface: each
/// value that differs from its Spanish one, cut at its placeholders; whole
/// short values must not be a whole string of the page, longer pieces must
/// not appear anywhere in it.
const ENGLISH = (() => {
  const whole = new Set<string>();
  const pieces = new Set<string>();
  for (const [key, value] of EN) {
    if (ES.get(key) === value || key.startsWith("errors.")) continue;
    const parts = value
      .split(/\{\{[^}]+\}\}/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 1 && parts[0] === value.trim()) whole.add(parts[0]!);
    for (const p of parts) if (p.length >= 12 && /[a-z]{3}/.test(p)) pieces.add(p);
  }
  return { whole, pieces };
})();

/// The interface's own words on the page: visible text, aria-labels, titles
/// and placeholders — not the legal text (the document, quotes, source
/// texts, compared versions) nor people's words (messages, names).
function interfaceStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const SKIP =
      ".ProseMirror, .gl-quote, .gl-msg-body, .gl-msg-head strong, blockquote, .gl-src-text, .gl-diff, .gl-version-paper, .gl-doc-title, .gl-citation-card-canonical, .gl-citation-card-equivalents, .gl-citation-card-links, .gl-link-cite, .gl-src-option, .gl-src-cite, .gl-src-title, .gl-version-name, .gl-version-message, .gl-presence, .gl-account-menu option, .gl-language option";
    const out: string[] = [];
    const visible = (el: Element) => {
      const s = getComputedStyle(el);
      return s.display !== "none" && s.visibility !== "hidden" && !el.closest("[hidden]");
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (el.closest(SKIP) || !visible(el)) continue;
      const text = n.textContent!.replace(/\s+/g, " ").trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (el.parentElement?.closest(SKIP)) continue;
      for (const a of ["aria-label", "title", "placeholder"]) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
}

/// English catalogue words found among the page's interface strings.
async function englishOn(page: Page): Promise<string[]> {
  const strings = await interfaceStrings(page);
  const found = new Set<string>();
  for (const s of strings) {
    if (ENGLISH.whole.has(s)) found.add(s);
    for (const p of ENGLISH.pieces) if (s.includes(p)) found.add(`${p}  ⟵  ${s}`);
  }
  return [...found];
}

/// The Sources pane as an editor (issue 14): the pane, its "add an
/// authority" form, the added authority with its team controls, its edit
/// form and its deletion, each checked by `check`.
async function sourcesPaneSteps(page: Page, check: (step: string) => Promise<void>) {
  await page.click("#gl-tab-sources");
  const pane = page.locator("#gl-pane-sources");
  await pane.locator(".gl-src-search").waitFor();
  await check("sources pane");
  await pane.locator(".gl-auth-add").click();
  const form = pane.locator("form.gl-auth-form");
  await form.waitFor();
  expect(await form.locator(".gl-auth-heading").textContent()).toBe("Agregar una autoridad");
  await check("add-an-authority form");
  await form.locator('input[name="citation"]').fill("Expediente 123/2026");
  await form.locator('input[name="title"]').fill("Informe sobre albergues en Tijuana");
  await form.locator('input[name="url"]').fill("https://example.org/informe.pdf");
  await form.locator(".gl-auth-save").click();
  // The notice is in Spanish too (too short for the catalogue check to see).
  const title = "Informe sobre albergues en Tijuana";
  await page.locator(".gl-toast", { hasText: `Se añadió ${title}.` }).waitFor();
  await pane.locator(".gl-src-added").waitFor();
  await check("added authority");
  await pane.locator(".gl-auth-edit").click();
  await form.waitFor();
  await check("edit-an-authority form");
  await form.locator(".gl-auth-save").click();
  await page.locator(".gl-toast", { hasText: `Se guardó ${title}.` }).waitFor();
  await pane.locator(".gl-src-added").waitFor();
  await check("edited authority");
  await pane.locator(".gl-auth-delete").click();
  await check("delete confirmation");
  await pane.locator(".gl-auth-delete-confirm").click();
  await expect.poll(() => pane.locator(".gl-src-added").count()).toBe(0);
  await check("deleted authority");
  await page.click("#gl-tab-annotations");
}

describe("browser: a whole review in Spanish (Mexico)", () => {
  const env = useBrowserEnv();

  it("the catalogues have the same keys, and the check knows English when it sees it", () => {
    expect([...ES.keys()].sort()).toEqual([...EN.keys()].sort());
    expect(ENGLISH.whole.has("History")).toBe(true);
    expect([...ENGLISH.pieces].some((p) => p.startsWith("Delete your message?"))).toBe(true);
  });

  it("signs in, annotates, replies, links a source, compares versions and exports, with no English word in the interface", async () => {
    const user = await env.server.addUser("Lucía Revisora", { role: "editor" });
    const context = await env.browser.newContext({
      locale: "es-MX",
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const leftovers: string[] = [];
    const check = async (step: string) => {
      for (const s of await englishOn(page)) leftovers.push(`${step}: ${s}`);
    };

    // Sign in: the language comes from the browser.
    await page.goto(`${env.server.url}/d/${env.server.letterId}`);
    await page.waitForSelector("form.gl-signin");
    expect(await page.getAttribute("html", "lang")).toBe("es-MX");
    expect(await page.textContent("h1")).toBe("Iniciar sesión en Glossa");
    await page.fill('input[name="password"]', "wrong password 123");
    await page.fill('input[name="email"]', user.email);
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.querySelector(".gl-form-error")?.textContent);
    expect(await page.textContent(".gl-form-error")).toBe(
      "El correo o la contraseña no son correctos.",
    );
    await check("sign-in");
    await page.fill('input[name="password"]', user.password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await page.waitForSelector(".gl-ann-summary");
    expect(await page.textContent(".gl-status")).toBe("Todos los cambios guardados");
    await check("editor");

    // Annotate, then reply.
    await selectText(page, "Remain in Mexico");
    await page.click(".gl-selbar-btn.gl-kind-comment");
    await page.keyboard.type("¿Cuál es el nombre oficial del programa?");
    await check("draft");
    await page.keyboard.press("Control+Enter");
    const card = page.locator(".gl-card.gl-card-active", { hasText: "nombre oficial" });
    await card.waitFor();
    await card.locator("textarea").fill("Protocolos de Protección a Migrantes.");
    await card.locator("textarea").press("Control+Enter");
    await card.locator(".gl-thread > li").nth(1).waitFor();
    expect(await card.getAttribute("aria-label")).toBe("Comentario de Lucía Revisora");
    await check("thread");

    // Link a source from a citation's card; the card names the kind in Spanish.
    const cite = page.locator('.ProseMirror .gl-citation[data-key="ina/235/b/2/C"]').first();
    await cite.hover();
    const pop = page.locator(".gl-citation-pop:not([hidden])");
    await pop.locator(".gl-citation-link").waitFor();
    expect(await pop.locator(".gl-citation-card-meta").textContent()).toContain(
      "Sección de la INA (Ley de Inmigración y Nacionalidad)",
    );
    await check("citation card");
    await pop.locator(".gl-citation-link").click();
    await page.locator(".gl-card.gl-kind-claim .gl-link-item").first().waitFor();
    expect(await page.textContent(".gl-card.gl-kind-claim .gl-rel")).toBe("Respalda");
    await check("linked source");

    // The Sources pane and its "add an authority" form (an editor may add).
    await sourcesPaneSteps(page, check);

    // Versions: save one, change the text, compare.
    await page.click(".gl-versions-open");
    await page.fill('input[name="name"]', "Primera lectura");
    await page.click(".gl-versions form button[type=submit]");
    await page.locator('.gl-version[data-version-name="Primera lectura"]').waitFor();
    await check("history");
    await page.click(".gl-versions-close");
    await selectText(page, "Remain in Mexico");
    await page.keyboard.type("Quédate en México");
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await page.click(".gl-versions-open");
    await page.click('.gl-version[data-version-name="Primera lectura"] .gl-version-compare');
    await page.waitForSelector(".gl-diff-summary");
    expect(await page.textContent(".gl-diff-summary")).toMatch(/caracteres insertados por/);
    await check("compare");

    // Export: the file's fixed words are in Spanish too.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".gl-export-html"),
    ]);
    const file = path.join(ARTIFACTS, "review-es.html");
    await download.saveAs(file);
    const html = await readFile(file, "utf8");
    expect(html).toContain('lang="es-MX"');
    expect(html).toContain("Anotaciones");
    expect(html).not.toContain(">Annotations<");

    await page.screenshot({ path: path.join(ARTIFACTS, "review-es.png") });
    expect(leftovers).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the language can be switched from the top bar and is remembered", async () => {
    const user = await env.server.addUser("Sam Switch", { role: "viewer" });
    const context = await env.browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/`);
    await page.fill('input[name="email"]', user.email);
    await page.fill('input[name="password"]', user.password);
    await page.click('button[type="submit"]');
    await page.waitForSelector("h1:text('Documents')");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    // The check sees English where there is English.
    expect(await englishOn(page)).toContain("All documents");
    await page.selectOption('[data-testid="language"]', "es-MX");
    await page.waitForSelector("h1:text('Documentos')");
    expect(await page.getAttribute("html", "lang")).toBe("es-MX");
    expect(await englishOn(page)).toEqual([]);
    await page.reload();
    await page.waitForSelector("h1:text('Documentos')");
    // The Account page too, with its API tokens and webhooks.
    await page.goto(`${env.server.url}/account`);
    await page.waitForSelector('[data-testid="webhooks-section"] h2:text("Webhooks")');
    await page.waitForSelector('[data-testid="api-tokens-section"] h2:text("Tokens de API")');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });

  it("the invitation and password-reset pages have the language switch; the choice is kept for the account", async () => {
    const api = async (
      method: string,
      path: string,
      body?: unknown,
      token = env.server.ownerToken,
    ) => {
      const res = await fetch(`${env.server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    /// The language kept with the account this page is signed in to.
    const kept = async (page: Page) => {
      const session = await page.evaluate(() => localStorage.getItem("glossa.session"));
      const token = (JSON.parse(session!) as { token: string }).token;
      return (await api("GET", "/api/account/preferences", undefined, token)).json.language;
    };
    const errors: string[] = [];

    // An invitation opened in an English browser, read and accepted in Spanish.
    const invite = await api("POST", `/api/documents/${env.server.letterId}/invites`, {
      role: "annotator",
    });
    expect(invite.status).toBe(201);
    // bypassCSP: the test adds axe-core's script to these pages.
    const first = await env.browser.newContext({ locale: "en-US", bypassCSP: true });
    const page = await first.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${env.server.url}${invite.json.path}`);
    await page.waitForSelector('[data-testid="invite"] form');
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.selectOption('[data-testid="language"]', "es-MX");
    // The same invitation, now in Spanish (its code was kept, not lost with the address bar's).
    await page.waitForSelector('[data-testid="invite"] h1:has-text("Le invitan a")');
    expect(await page.getAttribute("html", "lang")).toBe("es-MX");
    expect(await englishOn(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.fill('input[name="name"]', "Irene Invitada");
    await page.fill('input[name="email"]', "irene.invitada@example.org");
    await page.fill('input[name="password"]', "irene-password-1");
    await page.click('button[type="submit"]');
    await page.waitForURL(`**/d/${env.server.letterId}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    expect(await page.getAttribute("html", "lang")).toBe("es-MX");
    await expect.poll(() => kept(page)).toBe("es-MX");
    await first.close();

    // A password-reset link, likewise.
    const rosa = await env.server.addUser("Rosa Reinicio");
    const link = await api("POST", `/api/users/${rosa.id}/reset-link`);
    expect(link.status).toBe(201);
    const second = await env.browser.newContext({ locale: "en-US", bypassCSP: true });
    const reset = await second.newPage();
    errors.push(...watchErrors(reset));
    await reset.goto(`${env.server.url}${link.json.path}`);
    await reset.waitForSelector("h1:text('Choose a new password')");
    await reset.selectOption('[data-testid="language"]', "es-MX");
    await reset.waitForSelector("h1:text('Elija una contraseña nueva')");
    expect(await reset.getAttribute("html", "lang")).toBe("es-MX");
    expect(await englishOn(reset)).toEqual([]);
    expect(await axe(reset)).toEqual([]);
    const fields = reset.locator('input[type="password"]');
    await fields.nth(0).fill("rosa-new-password-1");
    await fields.nth(1).fill("rosa-new-password-1");
    await reset.click('button[type="submit"]');
    await reset.waitForSelector("h1:text('Documentos')");
    await expect.poll(() => kept(reset)).toBe("es-MX");
    expect(errors).toEqual([]);
    await second.close();
  });
});
