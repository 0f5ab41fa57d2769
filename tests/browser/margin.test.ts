import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openAs, useBrowserEnv } from "./session.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
const DUE = "insurmountable barriers to due process, counsel";
const CP = "complementary protection";

/// What has focus: a card's id, "in:<id>" inside a card, "body", or the tag.
function focusOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "body";
    if (el.dataset.card) return el.dataset.card;
    const card = el.closest<HTMLElement>("[data-card]");
    return card ? `in:${card.dataset.card}` : el.tagName.toLowerCase();
  });
}

const order = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".gl-cards > [data-card]")].map(
      (c) => c.dataset.card!,
    ),
  );

/// Keyboard and screen-reader use of the margin (issue 14, Accessibility).
describe("browser: the annotation margin by keyboard and screen reader", () => {
  const env = useBrowserEnv();
  const annotate = async (exact: string, body: string, token: string) => {
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}/annotations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ exact, kind: "comment", body }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it("the cards are one tab stop; arrows move; Enter activates; resolve, reply and delete keep focus on a card", async () => {
    const kim = await env.server.addUser("Kim Keys", { role: "editor" });
    for (const [exact, body] of [
      [INA, "Cite the statute."],
      [DUE, "Which barriers?"],
      [CP, "Define it."],
    ] as const)
      await annotate(exact, body, kim.token);
    const { page, errors } = await openAs(env, kim);
    await expect.poll(() => order(page).then((o) => o.length)).toBe(3);
    const ids = await order(page);
    expect(await page.getAttribute(".gl-cards", "role")).toBe("feed");
    expect(await page.getAttribute(".gl-cards", "aria-label")).toBeTruthy();
    // Exactly one card (with its own controls) is in the tab order.
    const tabbable = () =>
      page.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLElement>(
            ".gl-cards [data-card], .gl-cards button, .gl-cards select, .gl-cards textarea",
          ),
        ]
          .filter((e) => e.tabIndex >= 0)
          .map((e) => e.closest<HTMLElement>("[data-card]")!.dataset.card!),
      );
    expect(new Set(await tabbable())).toEqual(new Set([ids[0]]));

    // Tab from the control just before the margin's cards lands on the first card.
    await page.focus(".gl-shortcuts summary");
    await page.keyboard.press("Tab");
    expect(await focusOf(page)).toBe(ids[0]);
    await page.keyboard.press("ArrowDown");
    expect(await focusOf(page)).toBe(ids[1]);
    await page.keyboard.press("ArrowDown");
    expect(await focusOf(page)).toBe(ids[2]);
    await page.keyboard.press("ArrowDown"); // the last stays the last
    expect(await focusOf(page)).toBe(ids[2]);
    await page.keyboard.press("ArrowUp");
    expect(await focusOf(page)).toBe(ids[1]);
    await page.keyboard.press("Home");
    expect(await focusOf(page)).toBe(ids[0]);
    await page.keyboard.press("End");
    expect(await focusOf(page)).toBe(ids[2]);
    // The tab stop followed: the third card and its own controls only.
    expect(new Set(await tabbable())).toEqual(new Set([ids[2]]));

    // Tab goes into the current card's controls, then out of the margin
    // without visiting another card.
    await page.keyboard.press("Tab");
    expect(await focusOf(page)).toBe(`in:${ids[2]}`);
    let left = "";
    for (let i = 0; i < 8 && !left; i++) {
      await page.keyboard.press("Tab");
      const f = await focusOf(page);
      expect(f === ids[0] || f === ids[1] || f.startsWith(`in:${ids[0]}`)).toBe(false);
      expect(f.startsWith(`in:${ids[1]}`)).toBe(false);
      if (!f.startsWith(`in:${ids[2]}`)) left = f;
    }
    // Out of the cards: the detached list or, the margin being last on the
    // page, past the end of the document.
    expect(left).not.toBe("");

    // Back in: Tab returns to the same card; Enter activates it.
    await page.focus(".gl-shortcuts summary");
    await page.keyboard.press("Tab");
    expect(await focusOf(page)).toBe(ids[2]);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await page.waitForSelector(`.gl-card-active[data-card="${ids[1]}"]`);
    expect(await focusOf(page)).toBe(ids[1]);
    // Its words are marked active in the text, as a click on the card does.
    await page.waitForSelector(`.ProseMirror .gl-ann-active[data-ann="${ids[1]}"]`);

    // Resolve the first card with the keyboard: it leaves the list (resolved
    // threads are hidden) and focus moves to the card now in its place.
    await page.keyboard.press("Home");
    expect(await focusOf(page)).toBe(ids[0]);
    await page.keyboard.press("Tab");
    expect(await focusOf(page)).toBe(`in:${ids[0]}`);
    const label = await page.evaluate(() => document.activeElement?.textContent);
    expect(label).toMatch(/resolve/i);
    await page.keyboard.press("Enter");
    await expect.poll(() => order(page)).toEqual([ids[1], ids[2]]);
    await expect.poll(() => focusOf(page)).toBe(ids[1]);
    expect(new Set(await tabbable())).toEqual(new Set([ids[1]]));

    // Reply from the keyboard: focus stays in the reply box.
    await page.focus(`[data-card="${ids[1]}"] textarea`);
    await page.keyboard.type("They are listed in the annex.");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector(`[data-card="${ids[1]}"] .gl-msg-body:text("listed in the annex")`);
    expect(await focusOf(page)).toBe(`in:${ids[1]}`);
    // Delete from the keyboard: the card goes, focus goes to the one in its place.
    await page.focus(`[data-card="${ids[1]}"] [data-focus="delete"]`);
    await page.keyboard.press("Enter");
    await page.focus(`[data-card="${ids[1]}"] .gl-confirm [data-focus="confirm"]`);
    await page.keyboard.press("Enter");
    await expect.poll(() => order(page)).toEqual([ids[2]]);
    await expect.poll(() => focusOf(page)).toBe(ids[2]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a colleague's comment, reply and resolve are announced politely; one's own are not", async () => {
    const ana = await env.server.addUser("Ana Aviso", { role: "editor" });
    const ben = await env.server.addUser("Ben Bote", { role: "annotator" });
    const { page, errors } = await openAs(env, ana);
    const region = page.locator(".gl-margin [role=status][aria-live=polite]");
    await page.locator(".gl-card").first().waitFor();
    // What was there before the page opened is not news.
    expect(await region.textContent()).toBe("");

    // Ana's own comment (from another of her tabs or an API client): silence.
    const own = await annotate("Secretary Ebrard:", "Check the title.", ana.token);
    await page.waitForSelector(`[data-card="${own}"]`);
    expect(await region.textContent()).toBe("");

    const theirs = await annotate(DUE, "Which barriers?", ben.token);
    await expect.poll(() => region.textContent()).toBe(`Ben Bote added a comment on “${DUE}”.`);
    const reply = await fetch(
      `${env.server.url}/api/documents/${env.server.letterId}/annotations/${own}/replies`,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${ben.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ body: "It is Minister." }),
      },
    );
    expect(reply.status).toBe(201);
    await expect
      .poll(() => region.textContent())
      .toBe("Ben Bote replied in the thread on “Secretary Ebrard:”.");

    // In Spanish, in Spanish.
    await page.evaluate(() => localStorage.setItem("glossa.lang", "es-MX"));
    await page.reload();
    await page.waitForSelector('.gl-status[data-status="saved"]');
    const region2 = page.locator(".gl-margin [role=status][aria-live=polite]");
    await page.locator(".gl-card").first().waitFor();
    const resolve = await fetch(
      `${env.server.url}/api/documents/${env.server.letterId}/annotations/${theirs}`,
      {
        method: "PATCH",
        headers: { Authorization: `Bearer ${ben.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ resolved: true }),
      },
    );
    expect(resolve.ok).toBe(true);
    await expect
      .poll(() => region2.textContent())
      .toBe(`Ben Bote resolvió el hilo sobre «${DUE}».`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
