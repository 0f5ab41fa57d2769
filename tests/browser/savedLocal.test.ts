import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { carriesText } from "../utils/syncMessages.ts";
import { editorText, openAs, selectText, signIn, useBrowserEnv } from "./session.ts";

/// Where the documentation's screenshots are regenerated
/// (`GLOSSA_SCREENSHOTS=1`), as in `screenshots.test.ts`.
const DOCS_SHOTS = path.resolve(import.meta.dirname ?? ".", "../../docs/screenshots");

/// Records, from the document's start, every save status the page shows
/// (`data-status|title`), before any test code runs in it.
async function recordFromFirstPaint(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { glStatuses: string[] };
    w.glStatuses = [];
    let last = "";
    new MutationObserver(() => {
      const el = document.querySelector(".gl-status");
      if (!el) return;
      const now = `${el.getAttribute("data-status")}|${el.getAttribute("title") ?? ""}`;
      if (now === last) return;
      last = now;
      w.glStatuses.push(now);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const statuses = (page: Page) =>
  page.evaluate(() => (window as unknown as { glStatuses: string[] }).glStatuses);

/// Waits until the page's writes to its local store have committed.
async function localWritesDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith("glossa:")) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tr = db.transaction("updates", "readonly");
        tr.oncomplete = () => resolve();
        tr.onerror = () => reject(tr.error);
        tr.objectStore("updates").count();
      });
      db.close();
    }
  });
}

/// Holds, from the first message carrying text on, everything the page
/// sends on its collaboration socket until `release` (a slow uplink, in
/// order); the server's messages pass.
async function slowUplink(context: BrowserContext) {
  const held: (() => void)[] = [];
  let holding = true;
  await context.routeWebSocket(/\/collab/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const go = () => server.send(m);
      const bytes = typeof m === "string" ? new TextEncoder().encode(m) : new Uint8Array(m);
      if (held.length > 0 || (holding && carriesText(bytes))) held.push(go);
      else go();
    });
    server.onMessage((m) => ws.send(m));
    ws.onClose((code, reason) => server.close({ code, reason }));
    server.onClose((code, reason) => ws.close({ code, reason }));
  });
  return {
    held: () => held.length,
    release() {
      holding = false;
      for (const f of held.splice(0)) f();
    },
  };
}

describe("browser: saved, with this browser's local copy", () => {
  const env = useBrowserEnv();
  const stored = async () => {
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/content`, {
      headers: { Authorization: `Bearer ${env.server.ownerToken}` },
    });
    return ((await res.json()) as { text: string }).text;
  };

  it("words restored from the local store count as unsaved from the first paint until the server has them", async () => {
    const u = await env.server.addUser("Rita Restore", { role: "editor" });
    const context = await env.browser.newContext();
    await signIn(context, u);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/d/${env.server.letterId}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await context.setOffline(true);
    await page.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
    await page.click(".ProseMirror p.gl-salutation");
    await page.keyboard.press("End");
    await page.keyboard.type(" [restored from this browser]");
    await localWritesDone(page);
    await page.close();

    // Online again, on a slow uplink: the words restored from the local
    // store are on their way to the server, not on its disk.
    await context.setOffline(false);
    const uplink = await slowUplink(context);
    await recordFromFirstPaint(context);
    const again = await context.newPage();
    await again.goto(`${env.server.url}/d/${env.server.letterId}`);
    await again.waitForSelector(".ProseMirror :text('[restored from this browser]')");
    await expect.poll(uplink.held, { timeout: 20_000 }).toBeGreaterThan(0);
    await again.waitForTimeout(3_000);
    const before = await statuses(again);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((s) => s.startsWith("saved|"))).toEqual([]);
    // Counted from the first status shown.
    expect(before[0]).toMatch(/\|\d+ changes? waiting to be saved$/);
    expect(await stored()).not.toContain("[restored from this browser]");

    uplink.release();
    await again.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    env.server = await env.server.restart();
    expect(await stored()).toContain("[restored from this browser]");
    await context.close();
  });

  it("signing out with changes not on the server warns in words, can be cancelled, and keeps the local copy", async () => {
    const u = await env.server.addUser("Sasha Signout", { role: "editor" });
    const { page, context, errors } = await openAs(env, u);
    await context.setOffline(true);
    await page.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
    await page.click(".ProseMirror p.gl-salutation");
    await page.keyboard.press("End");
    await page.keyboard.type(" [typed before signing out]");
    await localWritesDone(page);

    // Asked first, in words; cancelling keeps the person signed in, on the page.
    await page.click('[data-testid="sign-out"]');
    const dialog = page.locator("dialog.gl-signout-dialog[open]");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      "You have changes that have not reached the server yet. If you sign out now they stay only in this browser.",
    );
    await page.screenshot({ path: `${ARTIFACTS}/sign-out-unsaved.png` });
    if (process.env.GLOSSA_SCREENSHOTS === "1")
      await page.screenshot({ path: `${DOCS_SHOTS}/sign-out-unsaved-en.png` });
    await page.click("dialog.gl-signout-dialog button.gl-signout-stay");
    await expect.poll(() => dialog.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/d/${env.server.letterId}`);
    expect(await page.evaluate(() => localStorage.getItem("glossa.session"))).not.toBeNull();
    expect(await page.textContent(".ProseMirror")).toContain("[typed before signing out]");

    // Signing out anyway: signed out, and the words stay in this browser.
    await page.click('[data-testid="sign-out"]');
    await page.click("dialog.gl-signout-dialog button.gl-signout-leave");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    expect(await page.evaluate(() => localStorage.getItem("glossa.session"))).toBeNull();
    const kept = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(kept).toContain(`glossa:${u.id}:${env.server.letterId}`);
    await page.close();

    // Signed in again on this browser, online: the words reach the server's disk.
    const { token } = await env.server.glossa.tokens.sign({
      userId: u.id,
      name: u.name,
      email: u.email,
    });
    await signIn(context, { ...u, token });
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${env.server.url}/d/${env.server.letterId}`);
    await again.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    env.server = await env.server.restart();
    expect(await stored()).toContain("[typed before signing out]");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a paragraph deleted offline, the tab closed and opened again: not saved until the server has the deletion", async () => {
    const paragraph =
      "We are grateful for your time and consideration and would welcome the opportunity to meet in person.";
    const u = await env.server.addUser("Delia Reload", { role: "editor" });
    const context = await env.browser.newContext();
    await signIn(context, u);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/d/${env.server.letterId}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await context.setOffline(true);
    await page.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
    // The paragraph's words, then the empty paragraph itself: deletions
    // only, which move no clock.
    await selectText(page, paragraph);
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await expect.poll(() => editorText(page)).not.toContain(paragraph);
    await localWritesDone(page);
    await page.close();

    // Online again, on a slow uplink: the deletion restored from the local
    // store is on its way to the server, not on its disk.
    await context.setOffline(false);
    const uplink = await slowUplink(context);
    await recordFromFirstPaint(context);
    const again = await context.newPage();
    await again.goto(`${env.server.url}/d/${env.server.letterId}`);
    await again.waitForSelector(".ProseMirror :text('Dear President')");
    await expect.poll(uplink.held, { timeout: 20_000 }).toBeGreaterThan(0);
    await again.waitForTimeout(3_000);
    expect(await editorText(again)).not.toContain(paragraph);
    const before = await statuses(again);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((s) => s.startsWith("saved|"))).toEqual([]);
    expect(before[0]).toMatch(/\|\d+ changes? waiting to be saved$/);
    expect(await stored()).toContain(paragraph);
    // Signing out now asks first: the deletion is not on the server.
    await again.click('[data-testid="sign-out"]');
    await again.locator("dialog.gl-signout-dialog[open]").waitFor();
    await again.click("dialog.gl-signout-dialog button.gl-signout-stay");

    uplink.release();
    await again.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    env.server = await env.server.restart();
    expect(await stored()).not.toContain(paragraph);
    expect(await stored()).toContain("Dear President");
    await context.close();
  });

  it("a paragraph deleted offline in a tab closed beside another open tab: the open tab takes it over and the server has it", async () => {
    // Another paragraph than the test before's (the server is shared).
    const paragraph = "Sin Fronteras IAP";
    const u = await env.server.addUser("Tobias Twotabs", { role: "editor" });
    const context = await env.browser.newContext();
    await signIn(context, u);
    const a = await context.newPage();
    await a.goto(`${env.server.url}/d/${env.server.letterId}`);
    await a.waitForSelector('.gl-status[data-status="saved"]');
    const b = await context.newPage();
    await b.goto(`${env.server.url}/d/${env.server.letterId}`);
    await b.waitForSelector('.gl-status[data-status="saved"]');
    await context.setOffline(true);
    await a.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
    await selectText(a, paragraph);
    await a.keyboard.press("Backspace");
    await a.keyboard.press("Backspace");
    await expect.poll(() => editorText(a)).not.toContain(paragraph);
    await localWritesDone(a);
    await a.close();

    // Tab B, still open, takes the closed tab's work over from this
    // browser's storage (it never reached B: no network).
    await expect.poll(() => editorText(b), { timeout: 20_000 }).not.toContain(paragraph);
    await context.setOffline(false);
    await b.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    env.server = await env.server.restart();
    expect(await stored()).not.toContain(paragraph);
    await context.close();
  });
});
