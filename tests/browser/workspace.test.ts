import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../utils/browser.ts";
import { startTcpProxy } from "../utils/tcpProxy.ts";
import { openAs, selectText, useBrowserEnv } from "./session.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
const DUE = "insurmountable barriers to due process, counsel";

/// How far (px) each open card sits from the top of its words; a card
/// beside its words is within a line of them.
function cardOffsets(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".gl-cards > .gl-card[data-card]")].map((card) => {
      const mark = document.querySelector(`.ProseMirror [data-ann="${card.dataset.card}"]`);
      if (!mark) return Number.NaN;
      return Math.abs(card.getBoundingClientRect().top - mark.getBoundingClientRect().top);
    }),
  );
}

/// The reviewer's workspace: what a lawyer sees while colleagues work beside them.
describe("browser: the reviewer's workspace", () => {
  const env = useBrowserEnv();
  const annotate = async (exact: string, body: string, token = env.server.ownerToken) => {
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/annotations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ exact, kind: "comment", body }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it("cards stay beside their words after History, without clicking in the text", async () => {
    const editor = await env.server.addUser("Hana History", { role: "editor" });
    const colleague = await env.server.addUser("Cole Colleague", { role: "annotator" });
    await annotate(INA, "Cite the statute.");
    const { page, errors } = await openAs(env, editor);
    await page.locator(".gl-card").first().waitFor();
    await expect.poll(() => cardOffsets(page)).toEqual([expect.any(Number)]);
    expect((await cardOffsets(page))[0]).toBeLessThan(30);

    await page.click(".gl-versions-open");
    await page.waitForSelector(".gl-workspace[hidden]", { state: "attached" });
    // A colleague comments on words far down while History is open.
    await annotate(DUE, "Which barriers?", colleague.token);
    await page.waitForFunction(
      () => document.querySelectorAll(".ProseMirror [data-ann]").length >= 2,
    );
    await page.click(".gl-versions-close");
    await page.waitForSelector(".gl-workspace:not([hidden])");
    await expect.poll(() => page.locator(".gl-cards > .gl-card").count()).toBe(2);
    await expect.poll(async () => (await cardOffsets(page)).every((d) => d < 30)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a role changed while reading re-renders the workspace: badge, annotating, live comments", async () => {
    const reader = await env.server.addUser("Rosa Role", { role: "viewer" });
    const { page, errors } = await openAs(env, reader);
    await page.waitForSelector(".gl-role:text('Viewer')");
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/shares`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${env.server.ownerToken}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ email: reader.email, role: "annotator" }),
    });
    expect(res.status).toBe(200);
    await page.waitForSelector(".gl-role:text('Annotator')");
    await page.waitForSelector('.gl-status[data-status="saved"]');

    // Colleagues' comments keep arriving.
    await annotate("Secretary Ebrard:", "Check the title.");
    await page.locator(".gl-card:has-text('Check the title.')").waitFor();
    // And the new annotator can comment.
    await selectText(page, "Remain in Mexico");
    await page.click(".gl-selbar-btn.gl-kind-comment");
    await page.keyboard.type("Name the policy as DHS does.");
    await page.keyboard.press("Control+Enter");
    await page.locator(".gl-card:has-text('Name the policy as DHS does.')").waitFor();
    expect(await page.locator(".gl-toast-error").count()).toBe(0);

    // Back to viewer: the badge and banner say so, comments still arrive.
    const back = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/shares`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${env.server.ownerToken}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ email: reader.email, role: "viewer" }),
    });
    expect(back.status).toBe(200);
    await page.waitForSelector(".gl-role:text('Viewer')");
    await page.waitForSelector(".gl-banner:text('Viewer — read only')");
    await annotate("Secretary Sanchez", "Check the name.");
    await page.locator(".gl-card:has-text('Check the name.')").waitFor();
    expect(await page.locator(".gl-card button:text('Resolve')").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a colleague who only reads is in everyone's presence list from the moment they open", async () => {
    const writer = await env.server.addUser("Wes Writer", { role: "editor" });
    const reader = await env.server.addUser("Quinn Quiet", { role: "viewer" });
    // The reader is there first, idle; a colleague joins later.
    const r = await openAs(env, reader);
    const w = await openAs(env, writer);
    // Well before the 15 s renewal of presence: published on opening.
    await w.page.waitForSelector('.gl-presence li[data-peer="Quinn Quiet"]', { timeout: 8_000 });
    await r.page.waitForSelector('.gl-presence li[data-peer="Wes Writer"]', { timeout: 8_000 });
    expect(await r.page.evaluate(() => document.activeElement?.closest(".ProseMirror"))).toBeNull();
    await w.page.context().close();
    await r.page.context().close();
  });

  it("deletes an annotation and a message after a plain confirmation; edits a message in place", async () => {
    const author = await env.server.addUser("Dana Delete", { role: "annotator" });
    const { page, errors } = await openAs(env, author);
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await selectText(page, "Secretary Ebrard:");
    await page.click(".gl-selbar-btn.gl-kind-question");
    await page.keyboard.type("First thought.");
    await page.keyboard.press("Control+Enter");
    const card = page.locator(".gl-card.gl-kind-question");
    await card.waitFor();
    await card.click();

    // Editing happens in the card, not in a browser prompt.
    await card.locator("button:text('Edit')").click();
    const edit = card.locator("textarea[aria-label='Edit your message']");
    await edit.fill("Second thought.");
    await edit.press("Control+Enter");
    await expect
      .poll(() => card.locator(".gl-msg-body").first().textContent())
      .toBe("Second thought.");

    // Deleting a message asks first; "Keep" keeps it.
    await card.locator(".gl-msg-actions button:text('Delete')").click();
    await card.locator(".gl-confirm").waitFor();
    await card.locator(".gl-confirm button:text('Keep')").click();
    expect(await card.locator(".gl-msg-body").count()).toBe(1);

    // Deleting the whole annotation asks in plain words, then removes it for everyone.
    await card.locator("button:text('Delete annotation')").click();
    expect(await card.locator(".gl-confirm").textContent()).toMatch(/Delete this question/);
    await card.locator(".gl-confirm button.gl-danger").click();
    await expect.poll(() => page.locator(".gl-card.gl-kind-question").count()).toBe(0);
    const list = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/annotations`, {
      headers: { Authorization: `Bearer ${env.server.ownerToken}` },
    });
    const { annotations } = (await list.json()) as { annotations: { body?: unknown }[] };
    expect(JSON.stringify(annotations)).not.toContain("Second thought.");
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("on a phone the text comes first, the margin below, and nothing scrolls sideways", async () => {
    const phone = await env.server.addUser("Paz Phone", { role: "editor" });
    const { page, errors } = await openAs(env, phone, { viewport: { width: 390, height: 844 } });
    await page.locator(".gl-card").first().waitFor();
    const m = await page.evaluate(() => {
      const text = document.querySelector(".ProseMirror")!.getBoundingClientRect();
      const margin = document.querySelector(".gl-margin")!.getBoundingClientRect();
      return {
        scroll: document.documentElement.scrollWidth,
        width: innerWidth,
        textLeft: text.left,
        textRight: text.right,
        marginTop: margin.top,
        textBottom: text.bottom,
      };
    });
    expect(m.scroll).toBeLessThanOrEqual(m.width);
    expect(m.textLeft).toBeGreaterThanOrEqual(0);
    expect(m.textRight).toBeLessThanOrEqual(m.width);
    expect(m.marginTop).toBeGreaterThanOrEqual(m.textBottom);
    await page.screenshot({ path: `${ARTIFACTS}/workspace-phone.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keyboard: a skip link to the text; focus stays on something after each action", async () => {
    const kb = await env.server.addUser("Kit Keys", { role: "editor" });
    const { page, errors } = await openAs(env, kb);
    await page.locator(".gl-card").first().waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "Skip to the document text",
    );
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => !!document.activeElement?.closest(".ProseMirror"))).toBe(true);

    const focusedCard = () =>
      page.evaluate(
        () => document.activeElement?.closest<HTMLElement>("[data-card]")?.dataset.card,
      );
    await page.keyboard.press("Control+Alt+ArrowDown");
    await expect.poll(focusedCard).toEqual(expect.any(String));
    const first = await focusedCard();
    await page.keyboard.press("Control+Alt+ArrowDown");
    await expect.poll(focusedCard).not.toBe(first);
    await expect.poll(focusedCard).toEqual(expect.any(String));

    // Saving a draft with Ctrl+Enter leaves focus in the document, not on the page.
    await selectText(page, "Secretary Ebrard:");
    await page.keyboard.press("Control+Alt+m");
    await page.keyboard.type("Keyboard only.");
    await page.keyboard.press("Control+Enter");
    await page.locator(".gl-card:has-text('Keyboard only.')").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("words a lawyer uses: citation kinds, the comparison's note", async () => {
    const reader = await env.server.addUser("Lia Lawyer", { role: "editor" });
    const { page, errors } = await openAs(env, reader);
    const ina = page.locator('.gl-citation[data-kind="ina"]').first();
    await ina.hover();
    const meta = page.locator(".gl-citation-pop .gl-citation-card-meta");
    await meta.waitFor();
    expect(await meta.textContent()).toMatch(/^INA/);

    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/versions`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${env.server.ownerToken}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ name: "Words" }),
    });
    expect(res.status).toBe(201);
    await page.click(".gl-versions-open");
    await page.click('.gl-version[data-version-name="Words"] .gl-version-compare');
    await page.locator(".gl-diff-summary").waitFor();
    const notes = (await page.locator(".gl-diff-note").allTextContents()).join(" ");
    expect(notes).not.toMatch(/Yjs|client id/i);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a silent network drop turns the status to Offline within seconds", async () => {
    const port = Number(new URL(env.server.url).port);
    const proxy = await startTcpProxy(port);
    try {
      const user = await env.server.addUser("Nia Network", { role: "editor" });
      const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const { signIn } = await import("./session.ts");
      await signIn(context, user);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${proxy.port}/d/${env.server.letterId}`);
      await page.waitForSelector('.gl-status[data-status="saved"]');
      proxy.freeze();
      // The provider's default would wait 30 s of silence; a person needs to know sooner.
      await page.waitForSelector('.gl-status[data-status="offline"]', { timeout: 20_000 });
      proxy.thaw();
      proxy.dropAll();
      await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 30_000 });
      await context.close();
    } finally {
      await proxy.close();
    }
  });
});
