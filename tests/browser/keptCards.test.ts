import { describe, expect, it } from "vitest";
import { openAs, useBrowserEnv } from "./session.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
const DUE = "insurmountable barriers to due process, counsel";

/// The margin keeps one card per annotation and updates it in place: a reply
/// being written is never taken out of the page while others work.
describe("browser: the margin's cards are kept across re-renders", () => {
  const env = useBrowserEnv();
  const api = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${env.server.url}/api/documents/${env.server.letterId}${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };

  it("a focused reply box keeps its element, focus, words and caret while another thread changes", async () => {
    const kim = await env.server.addUser("Kim Kept", { role: "editor" });
    const ben = await env.server.addUser("Ben Busy", { role: "annotator" });
    const mine = (
      await api("/annotations", kim.token, { exact: INA, kind: "comment", body: "Cite it." })
    ).id;
    const other = (
      await api("/annotations", ben.token, { exact: DUE, kind: "comment", body: "Which?" })
    ).id;
    const { page, errors } = await openAs(env, kim);
    await page.waitForSelector(`[data-card="${other}"]`);
    await page.click(`[data-card="${mine}"] .gl-msg-body`);
    const box = `[data-card="${mine}"] textarea[data-for="${mine}"]`;
    await page.waitForSelector(box);
    await page.focus(box);
    await page.keyboard.type("Half a thought");
    // The caret inside the words, and a witness of the element and its focus.
    await page.evaluate((sel) => {
      const ta = document.querySelector<HTMLTextAreaElement>(sel)!;
      ta.setSelectionRange(4, 4);
      (ta as unknown as { kept: boolean }).kept = true;
      (window as unknown as { blurs: number }).blurs = 0;
      ta.addEventListener("focusout", () => {
        (window as unknown as { blurs: number }).blurs++;
      });
    }, box);

    // Ben replies in the other thread, then resolves it: that card changes twice.
    await api(`/annotations/${other}/replies`, ben.token, { body: "Listed in the annex." });
    await page.waitForSelector(`[data-card="${other}"] .gl-msg-body:text("Listed in the annex")`);
    await api(`/annotations/${other}/replies`, ben.token, { body: "And in the brief." });
    await page.waitForSelector(`[data-card="${other}"] .gl-msg-body:text("And in the brief")`);

    const state = await page.evaluate(() => {
      const el = document.activeElement as HTMLTextAreaElement & { kept?: boolean };
      return {
        same: el?.kept === true,
        value: el?.value,
        caret: [el?.selectionStart, el?.selectionEnd],
        blurs: (window as unknown as { blurs: number }).blurs,
      };
    });
    expect(state).toEqual({ same: true, value: "Half a thought", caret: [4, 4], blurs: 0 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
