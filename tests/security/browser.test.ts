import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editorText, watchErrors } from "../browser/session.ts";
import { ARTIFACTS, launchBrowser } from "../utils/browser.ts";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { http } from "./fixture.ts";

/// An owner invites an annotator and a viewer from the app; each joins by
/// the link, sees their role and only what it allows — and the server
/// refuses the rest anyway. Removing someone shows at once in their page.
describe("browser: invitations and what each role sees", () => {
  let server: TestServer;
  let launched: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: Browser;
  const errors: string[][] = [];

  beforeAll(async () => {
    server = await startTestServer();
    launched = await launchBrowser();
    browser = launched.browser;
  });
  afterAll(async () => {
    await launched?.close();
    await server?.destroy();
  });

  async function page(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    errors.push(watchErrors(p));
    return p;
  }

  async function invite(owner: Page, role: string): Promise<string> {
    await owner.goto(`${server.url}/d/${server.letterId}/share`);
    await owner.waitForSelector('[data-testid="share-panel"]:not([hidden])');
    await owner.selectOption('[aria-label="Role for the invitation link"]', role);
    await owner.click('[data-testid="create-invite"]');
    const link = await owner.waitForSelector('[data-testid="invite-link"]');
    return (await link.inputValue()).trim();
  }

  async function join(link: string, name: string, email: string): Promise<Page> {
    const p = await page();
    await p.goto(link);
    await p.waitForSelector('[data-testid="invite"] form');
    expect(p.url()).not.toContain("#invite=");
    await p.fill('input[name="name"]', name);
    await p.fill('input[name="email"]', email);
    await p.fill('input[name="password"]', `${name} password!`);
    await p.click('button[type="submit"]');
    await p.waitForURL(`**/d/${server.letterId}`);
    await p.waitForSelector('.gl-status[data-status="saved"]');
    return p;
  }

  /// Types into the first paragraph; returns whether the text changed.
  async function tryTyping(p: Page, marker: string): Promise<boolean> {
    const before = await editorText(p);
    await p.click(".ProseMirror p.gl-salutation");
    await p.keyboard.press("End");
    await p.keyboard.type(marker);
    await p.keyboard.press("Backspace");
    await p.waitForTimeout(300);
    return (await editorText(p)) !== before;
  }

  async function selectionToolbarShown(p: Page): Promise<boolean | null> {
    await p.click(".ProseMirror p.gl-salutation");
    await p.keyboard.press("Home");
    await p.keyboard.press("Shift+End");
    await p.waitForTimeout(300);
    if ((await p.locator(".gl-selbar").count()) === 0) return null; // no annotation UI built
    return p.$eval(".gl-selbar", (el) => !(el as HTMLElement).hidden);
  }

  it("owner invites; the annotator and the viewer each see what their role allows", async () => {
    const owner = await page();
    await owner.goto(server.glossa.signInLink!);
    await owner.waitForSelector('.gl-status[data-status="saved"]');
    expect(await owner.textContent(".gl-topbar")).toContain("Sign out");

    const annotatorLink = await invite(owner, "annotator");
    const viewerLink = await invite(owner, "viewer");
    expect(annotatorLink).toMatch(/\/#invite=[\w-]{20,}$/);

    const annotator = await join(annotatorLink, "Ana Annotator", "ana@example.org");
    expect(await annotator.textContent(".gl-topbar .gl-role")).toBe("Annotator");
    expect(await annotator.textContent(".gl-banner-slot")).toContain("annotate but not change");
    expect(await tryTyping(annotator, "[annotator typing]")).toBe(false);
    // (Whether the annotation toolbar appears for an annotator is the
    // annotations view's own test; here only its absence for viewers counts.)
    console.log(`annotator selection toolbar shown: ${await selectionToolbarShown(annotator)}`);

    const viewer = await join(viewerLink, "Victor Viewer", "victor@example.org");
    expect(await viewer.textContent(".gl-topbar .gl-role")).toBe("Viewer");
    expect(await tryTyping(viewer, "[viewer typing]")).toBe(false);
    expect(await selectionToolbarShown(viewer)).not.toBe(true);
    expect(await viewer.locator(".gl-share-button").count()).toBe(0);

    // The server holds the letter unchanged by either of them.
    const content = await http(
      server,
      "GET",
      `/api/documents/${server.letterId}/content`,
      server.ownerToken,
    );
    expect(content.body!.text).not.toContain("typing]");

    // A viewer who finds the sharing page is told it is for owners.
    await viewer.goto(`${server.url}/d/${server.letterId}/share`);
    await viewer.waitForSelector("text=only its owners can share it");
    expect(await viewer.locator('[data-testid="share-panel"]').count()).toBe(0);

    // The owner sees both, with their roles, and removes the annotator,
    // whose open editor is cut off at once.
    await owner.goto(`${server.url}/d/${server.letterId}/share`);
    await owner.waitForSelector('[data-testid="share-people"] li[data-email="ana@example.org"]');
    const roleOf = (email: string) =>
      owner.$eval(
        `[data-testid="share-people"] li[data-email="${email}"] select`,
        (s) => (s as HTMLSelectElement).value,
      );
    expect(await roleOf("ana@example.org")).toBe("annotator");
    expect(await roleOf("victor@example.org")).toBe("viewer");
    await owner.screenshot({ path: `${ARTIFACTS}/security-share-panel.png` });
    const t0 = Date.now();
    await owner.click('[data-testid="share-people"] li[data-email="ana@example.org"] button');
    await annotator.waitForSelector('.gl-status[data-status="error"]', { timeout: 3000 });
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(await annotator.textContent(".gl-status")).toContain("do not have access");
    await annotator.screenshot({ path: `${ARTIFACTS}/security-annotator-removed.png` });
    for (const e of errors) expect(e).toEqual([]);
  });

  it("the owner from the one-time link sets a password, signs out and back in with it", async () => {
    const owner = await page();
    const link = await http(server, "POST", "/api/login/code", null, {});
    expect(link.status).toBe(401);
    const code = (await import("@glossa/server")).createSignInCode;
    const one = await code(server.glossa.store, (await server.glossa.store.listUsers())[0]!.id);
    await owner.goto(`${server.url}/#signin=${one}`);
    await owner.click('[data-testid="account-link"]');
    await owner.waitForSelector('[data-testid="password"]');
    expect(await owner.textContent('[data-testid="password"] h2')).toBe("Set a password");
    const inputs = owner.locator('[data-testid="password"] input[type="password"]');
    await inputs.nth(0).fill("owner-password-123");
    await inputs.nth(1).fill("owner-password-123");
    await owner.click('[data-testid="password"] button[type="submit"]');
    await owner.waitForSelector("text=Password saved.");
    expect(await owner.locator('[data-testid="sessions"] li').count()).toBeGreaterThan(0);
    await owner.click("text=Sign out");
    await owner.waitForSelector("form.gl-signin");
    await owner.fill('input[name="email"]', "owner@glossa.local");
    await owner.fill('input[name="password"]', "owner-password-123");
    await owner.click('button[type="submit"]');
    await owner.waitForSelector(".gl-doclist a");
    for (const e of errors) expect(e).toEqual([]);
  });
});
