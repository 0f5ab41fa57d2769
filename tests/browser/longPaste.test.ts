import { describe, expect, it } from "vitest";
import { http } from "../security/fixture.ts";
import { openAs, useBrowserEnv } from "./session.ts";

/// The per-update bound on new blocks (TEXT_LIMITS.updateBlocks, session 10)
/// must leave honest work alone: a lawyer pasting a long brief — the letter
/// ten times over, then 4,900 short paragraphs, some words bold: about
/// 5,000 blocks and 10,000 Yjs types in one change — into a document in the
/// app sees it saved, whole.
describe("browser: pasting a long document", () => {
  const env = useBrowserEnv();

  it("a paste of about 5,000 paragraphs (the letter ×10 and 4,900 more) is saved whole", async () => {
    const s = env.server;
    const paster = await s.addUser("Paula Paster", { role: "viewer" });
    const created = await http(s, "POST", "/api/documents", paster.token, {
      title: "Pasted brief",
      text: "",
    });
    expect(created.status).toBe(201);
    const id = created.body!.id as string;

    // What the person copies: the letter as the app shows it.
    const { page, errors } = await openAs(env, paster);
    const html = await page.evaluate(() => {
      const clone = document.querySelector(".ProseMirror")!.cloneNode(true) as HTMLElement;
      for (const el of clone.querySelectorAll(".gl-remote-caret, .gl-pnum")) el.remove();
      return clone.innerHTML;
    });
    const letter = await http(s, "GET", `/api/documents/${s.letterId}/content`, paster.token);
    const letterText = letter.body!.text as string;
    // A sentence of the letter's body, to count the copies by.
    const marker = letterText
      .split("\n")
      .find((l) => l.length > 80)!
      .slice(0, 60);

    await page.goto(`${s.url}/d/${id}`);
    await page.waitForSelector('.gl-status[data-status="saved"]');
    await page.evaluate(() => {
      const w = window as unknown as { glStatuses: string[] };
      w.glStatuses = [];
      const el = document.querySelector(".gl-status")!;
      new MutationObserver(() => w.glStatuses.push(el.getAttribute("data-status") ?? "")).observe(
        el,
        { attributes: true },
      );
    });
    const blocks = await page.evaluate((one) => {
      const editor = document.querySelector(".ProseMirror") as HTMLElement;
      editor.focus();
      const data = new DataTransfer();
      const more = Array.from(
        { length: 4_900 },
        (_, i) => `<p>Paragraph ${i} of the pasted brief, with <strong>bold</strong> words.</p>`,
      );
      data.setData("text/html", one.repeat(10) + more.join(""));
      editor.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
      return editor.children.length;
    }, html);
    // A long paste: about 5,000 blocks, many slices of the server's.
    expect(blocks).toBeGreaterThan(5_000);

    const stored = async () =>
      (await http(s, "GET", `/api/documents/${id}/content`, paster.token)).body!.text as string;
    // The server applies it in slices: read until the last one is in.
    await expect
      .poll(async () => (await stored()).includes("Paragraph 4899 of the pasted brief, with"), {
        timeout: 90_000,
      })
      .toBe(true);
    const text = await stored();
    expect(text.split(marker).length - 1).toBe(10);
    expect(text).toMatch(/Paragraph 4899 of the pasted brief, with\s*bold\s*words\./);
    await page.waitForSelector('.gl-status[data-status="saved"]', { timeout: 60_000 });
    const statuses = await page.evaluate(
      () => (window as unknown as { glStatuses: string[] }).glStatuses,
    );
    // Saved, never refused: no close, no error shown.
    expect(statuses).not.toContain("error");
    expect(statuses).not.toContain("unsaved");
    expect(statuses).toContain("saving");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
