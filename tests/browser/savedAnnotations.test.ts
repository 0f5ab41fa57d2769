import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser } from "../utils/browser.ts";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { startTcpProxy, type TcpProxy } from "../utils/tcpProxy.ts";
import { openAs, selectText } from "./session.ts";

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

/// A comment is something the person did: "All changes saved" waits for
/// it as for words. The server stores in PostgreSQL behind a TCP proxy that
/// the test freezes (a database that stops answering without closing).
describe("browser: saved, for annotation operations", () => {
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
    // The outage is expected: keep its log lines out of the test output.
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

  it("a comment sent while the database does not answer is not shown saved until it is on disk", async () => {
    const u = await server.addUser("Stella Store", { role: "editor" });
    const { page, context } = await openAs({ server, browser }, u);
    const statuses = await recordStatuses(page);
    proxy.freeze();
    await selectText(page, "Remain in Mexico");
    await page.click(".gl-selbar-btn.gl-kind-comment");
    await page.keyboard.type("Name the policy as DHS does [store stalled].");
    await page.keyboard.press("Control+Enter");
    // The server cannot read the person's role, nor store anything: the page
    // stops waiting after 10 s and says the comment may still be carried out.
    await page
      .locator(".gl-toast-error:has-text('may still carry this out')")
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/comment-no-answer.png` });
    await page.waitForTimeout(2_000);
    expect(await statuses()).not.toContainEqual(expect.stringMatching(/^saved:/));
    expect(await page.getAttribute(".gl-status", "data-status")).toBe("saving");

    // The database answers again: the comment is written, then shown saved.
    proxy.thaw();
    await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
    server = await server.restart();
    const res = await fetch(
      `${server.url}/api/documents/${server.letterId}/annotations?limit=500`,
      {
        headers: { Authorization: `Bearer ${server.ownerToken}` },
      },
    );
    expect((await res.text()).split("[store stalled]").length - 1).toBe(1);
    await context.close();
  });
});
