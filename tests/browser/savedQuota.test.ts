import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../utils/browser.ts";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { startTcpProxy, type TcpProxy } from "../utils/tcpProxy.ts";
import { openAs, selectText, signIn } from "./session.ts";

/// Words of the letter deleted one by one offline: each a range of its own.
const WORDS = [
  "organizations",
  "announcements",
  "immediate",
  "temporary",
  "reaffirm",
  "commitment",
  "historically",
  "promotes",
  "complicit",
  "individuals",
  "outlined",
  "Secretariat",
  "authority",
  "determine",
  "yesterday",
];

/// Fills this origin's localStorage to its quota, then frees `free` characters.
function fillStorage(page: Page, free: number): Promise<number> {
  return page.evaluate((free) => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler${n}`, "x".repeat(size));
          n++;
        } catch {
          break;
        }
      }
    }
    const big = localStorage.getItem("filler0")!;
    localStorage.setItem("filler0", big.slice(0, big.length - free));
    return n;
  }, free);
}

/// A page's record of its unconfirmed deletions does not fit in the
/// origin's localStorage: the page closed offline, a later page must not
/// say "saved" before the server has those deletions on disk (here
/// PostgreSQL's journal statement is frozen behind a TCP proxy).
describe("browser: deletions too many for this browser's storage", () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let dropDb: () => Promise<void>;
  let launched: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: Browser;

  beforeAll(async () => {
    const db = await createDatabase();
    dropDb = db.drop;
    const target = new URL(db.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    target.port = String(proxy.port);
    server = await startTestServer({ env: { DATABASE_URL: target.href, LOG_LEVEL: "silent" } });
    launched = await launchBrowser();
    browser = launched.browser;
  });
  afterAll(async () => {
    proxy?.thaw();
    await launched?.close();
    await server?.destroy();
    await proxy?.close();
    await dropDb?.();
  });

  it("are still pending after a reload, and shown saved only once on disk", async () => {
    const u = await server.addUser("Quinn Quota", { role: "editor" });
    const { page, context } = await openAs({ server, browser }, u);
    await page.click(".ProseMirror p.gl-salutation");
    await page.keyboard.press("End");
    await page.keyboard.type(" ");
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await context.setOffline(true);
    await page.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
    // Room for a few characters more than the page's record holds now: not
    // for one deletion (base64 in quotes, 14 characters or more).
    await fillStorage(page, 8);
    for (const word of WORDS) {
      await selectText(page, word);
      await page.keyboard.press("Delete");
    }
    const counts = (text: string) => WORDS.map((w) => text.split(w).length - 1);
    const left = counts((await page.textContent(".ProseMirror")) ?? "");
    // Its record could not list them (it marks them instead, `UNLISTED`).
    const own = () =>
      page.evaluate(
        () => Object.entries(localStorage).find(([k]) => k.startsWith("glossa.own:"))?.[1] ?? "",
      );
    await page.waitForTimeout(1_500);
    const record = await own();
    await page.close();

    // A later page, online; the server cannot write its journal.
    const stuck = proxy.freezeOn("INSERT INTO journal");
    await context.addInitScript(() => {
      const w = window as unknown as { glStatuses: string[] };
      w.glStatuses = [];
      new MutationObserver(() => {
        const s = document.querySelector(".gl-status")?.getAttribute("data-status");
        if (s && w.glStatuses.at(-1) !== s) w.glStatuses.push(s);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await context.setOffline(false);
    await signIn(context, u);
    const again = await context.newPage();
    await again.goto(`${server.url}/d/${server.letterId}`);
    await stuck;
    // Longer than the server's 5 s wait for the disk (a `flush` answered not ok).
    await again.waitForTimeout(8_000);
    const statuses = () =>
      again.evaluate(() => (window as unknown as { glStatuses: string[] }).glStatuses);
    expect(await statuses()).not.toContain("saved");
    expect(await again.getAttribute(".gl-status", "data-status")).toBe("saving");
    expect(record).toContain('"deletions":["*"]');

    proxy.thaw();
    await again.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    await context.close();
    server = await server.restart();
    const res = await fetch(`${server.url}/api/documents/${server.letterId}/content`, {
      headers: { Authorization: `Bearer ${server.ownerToken}` },
    });
    expect(counts(((await res.json()) as { text: string }).text)).toEqual(left);
  }, 180_000);
});
