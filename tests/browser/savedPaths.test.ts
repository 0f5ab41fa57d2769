import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { startTcpProxy } from "../utils/tcpProxy.ts";
import { editorText, openAs, selectText, signIn, useBrowserEnv } from "./session.ts";

/// Every status the page shows from now on, in order (`data-status:text`).
async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { glStatuses: string[] };
    w.glStatuses = [];
    const el = document.querySelector(".gl-status")!;
    new MutationObserver(() =>
      w.glStatuses.push(`${el.getAttribute("data-status")}:${el.textContent}`),
    ).observe(el, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { glStatuses: string[] }).glStatuses);
}

/// Cuts the page's network and waits until it says so.
async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await page.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
}

async function typeAtSalutation(page: Page, words: string): Promise<void> {
  await page.click(".ProseMirror p.gl-salutation");
  await page.keyboard.press("End");
  await page.keyboard.type(words);
}

/// Waits until the page's earlier writes to its local store have committed:
/// a transaction on the same store starts only after those created before it.
/// A person closing the tab has paused longer than this; a test closing it the
/// same instant it typed lost the last keystrokes in a loaded CI run.
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

/// Paths on which a lawyer could lose work, tried in the real app: the
/// words must be on the server's disk (read after a restart) or the page
/// must say in words that they are not.
describe("browser: saved on every path", () => {
  const env = useBrowserEnv();
  const stored = async () => {
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/content`, {
      headers: { Authorization: `Bearer ${env.server.ownerToken}` },
    });
    return ((await res.json()) as { text: string }).text;
  };
  const share = async (email: string, role: string) => {
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/shares`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${env.server.ownerToken}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ email, role }),
    });
    expect(res.status).toBe(200);
  };

  it("a role changed to viewer while edits wait offline: the page names the words not saved", async () => {
    const u = await env.server.addUser("Vera Viewer", { role: "editor" });
    const { page, context, errors } = await openAs(env, u);
    await goOffline(context, page);
    const statuses = await recordStatuses(page);
    await typeAtSalutation(page, " [typed before the role changed]");
    await share(u.email, "viewer");
    await context.setOffline(false);

    // Told in words, with the words, and the role shown is the new one.
    const notice = page.locator(".gl-unsaved[role=alert]");
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain("were not saved");
    expect(await page.textContent(".gl-unsaved-words")).toBe(" [typed before the role changed]");
    await page.waitForSelector('.gl-status[data-status="unsaved"]');
    await page.waitForSelector(".gl-role:text('Viewer')");
    await page.screenshot({ path: `${ARTIFACTS}/unsaved-after-role-change.png` });
    expect(await statuses()).not.toContainEqual(expect.stringMatching(/^saved:/));
    // Truthful: the server has not got them, even after a restart.
    env.server = await env.server.restart();
    expect(await stored()).not.toContain("[typed before the role changed]");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("closing the tab with offline changes asks first; reopening saves them", async () => {
    const u = await env.server.addUser("Tess Tab", { role: "editor" });
    const context = await env.browser.newContext();
    await signIn(context, u);
    // A script fetched on demand never arrives (the network went first):
    // keeping words on this computer may not wait for one.
    await context.route("**/assets/y-indexeddb-*.js", (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${env.server.url}/d/${env.server.letterId}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await goOffline(context, page);
    await typeAtSalutation(page, " [typed offline, tab closed]");
    await localWritesDone(page);
    const asked: string[] = [];
    page.on("dialog", (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(["beforeunload"]);
    // Closed once the warning was accepted (setOffline on a closing page fails).
    await expect.poll(() => page.isClosed()).toBe(true);

    // The same browser, online again: the words come back from its storage
    // and reach the server's disk.
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${env.server.url}/d/${env.server.letterId}`);
    await again.waitForSelector('.gl-status[data-status="saved"]');
    await expect.poll(stored, { timeout: 20_000 }).toContain("[typed offline, tab closed]");
    env.server = await env.server.restart();
    expect(await stored()).toContain("[typed offline, tab closed]");
    await context.close();
  });

  it("a deletion is not shown saved until the server has it on disk", async () => {
    const proxy = await startTcpProxy(Number(new URL(env.server.url).port));
    try {
      const u = await env.server.addUser("Dora Delete", { role: "editor" });
      const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
      await signIn(context, u);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${proxy.port}/d/${env.server.letterId}`);
      await page.waitForSelector('.gl-status[data-status="saved"]');
      const statuses = await recordStatuses(page);
      // The network stops carrying anything, without closing.
      proxy.freeze();
      await selectText(page, "Secretary Sanchez, and ");
      await page.keyboard.press("Backspace");
      await expect.poll(() => editorText(page)).not.toContain("Secretary Sanchez, and");
      // A deletion moves no Yjs clock: it was shown "All changes saved" at once.
      expect(await page.getAttribute(".gl-status", "data-status")).toBe("saving");
      await page.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
      expect(await statuses()).not.toContainEqual(expect.stringMatching(/^saved:/));
      proxy.thaw();
      await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
      env.server = await env.server.restart();
      const text = await stored();
      expect(text).toContain("López Obrador, Secretary Ebrard");
      expect(text).not.toContain("Secretary Sanchez, and");
      await context.close();
    } finally {
      await proxy.close();
    }
  });

  it("a comment submitted offline is refused at once and kept, never carried out later behind the page", async () => {
    const u = await env.server.addUser("Cora Comment", { role: "editor" });
    const { page, context, errors } = await openAs(env, u);
    await goOffline(context, page);
    await selectText(page, "Remain in Mexico");
    await page.click(".gl-selbar-btn.gl-kind-comment");
    await page.keyboard.type("Name the policy as DHS does [offline].");
    await page.keyboard.press("Control+Enter");
    // Told at once (it waited 10 s for "did not answer in time", then the
    // request queued offline was carried out on reconnecting anyway).
    await page.locator(".gl-toast-error:has-text('You are offline')").waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/comment-offline.png` });
    const draft = page.locator("textarea");
    expect(await draft.inputValue()).toBe("Name the policy as DHS does [offline].");

    await context.setOffline(false);
    await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    await draft.click();
    await page.keyboard.press("Control+Enter");
    await page.locator(".gl-card:has-text('[offline]')").waitFor();
    env.server = await env.server.restart();
    const res = await fetch(
      `${env.server.url}/api/documents/${env.server.letterId}/annotations?limit=500`,
      { headers: { Authorization: `Bearer ${env.server.ownerToken}` } },
    );
    const listed = await res.text();
    expect(listed.split("[offline]").length - 1).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("two tabs of one person typing while the server restarts: every word is on disk", async () => {
    const u = await env.server.addUser("Tom Twotabs", { role: "editor" });
    const a = await openAs(env, u);
    const b = await a.context.newPage();
    await b.goto(`${env.server.url}/d/${env.server.letterId}`);
    await b.waitForSelector('.gl-status[data-status="saved"]');
    const typeAt = async (page: Page, selector: string, words: string) => {
      await page.click(selector);
      await page.keyboard.press("End");
      await page.keyboard.type(words, { delay: 15 });
    };
    const first = typeAt(a.page, ".ProseMirror p.gl-salutation", " [tab A while restarting]");
    const second = typeAt(b, ".ProseMirror h1", " [tab B while restarting]");
    env.server = await env.server.restart();
    await Promise.all([first, second]);
    for (const page of [a.page, b])
      await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    env.server = await env.server.restart();
    const text = await stored();
    expect(text).toContain("[tab A while restarting]");
    expect(text).toContain("[tab B while restarting]");
    expect(a.errors).toEqual([]);
    await a.context.close();
  });

  it("a tab is saved though another open tab's saved clock never reaches it through the record", async () => {
    const u = await env.server.addUser("Tess Twotabs", { role: "editor" });
    const a = await openAs(env, u);
    const b = await a.context.newPage();
    await b.goto(`${env.server.url}/d/${env.server.letterId}`);
    await b.waitForSelector('.gl-status[data-status="saved"]');
    // Tab A's storage takes its first record write (its first keystroke),
    // then refuses (full): tab B hears of A's changes, never of A's saved clock.
    await a.page.evaluate(() => {
      const set = Storage.prototype.setItem;
      let writes = 0;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.startsWith("glossa.own:") && writes++ > 0)
          throw new DOMException("full", "QuotaExceededError");
        set.call(this, key, value);
      };
    });
    await typeAtSalutation(a.page, " [typed in tab A]");
    await a.page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 20_000 });
    await expect.poll(() => editorText(b), { timeout: 20_000 }).toContain("[typed in tab A]");
    // Every page's part of the record (one key per page) as B reads them.
    const record = await b.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("glossa.own:"))
        .flatMap((k) =>
          Object.values(
            (JSON.parse(localStorage.getItem(k)!) as { clocks: Record<string, number[]> }).clocks,
          ),
        ),
    );
    expect(record.some(([local, saved]) => local! > saved!)).toBe(true);
    // A's changes are A's to report; B, which wrote nothing, is saved.
    await b.waitForSelector('.gl-status[data-status="saved"]', { timeout: 20_000 });
    expect(a.errors).toEqual([]);
    await a.context.close();
  });
});
