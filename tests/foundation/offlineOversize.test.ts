import { CollabSession } from "@glossa/collab";
import { documentName } from "@glossa/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { http, liveText } from "../security/fixture.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { startTcpProxy, type TcpProxy } from "../utils/tcpProxy.ts";

/// Work done offline is sent on reconnect as the sync reply: one update of
/// everything the server lacks. Past the server's per-update limits it was
/// refused on every reconnect, forever (a clean-up of more than 100,000
/// deleted ranges: 4413; a long paste: 4414). The outbox now sends it in
/// parts within the limits, paced under the account's budgets.
const PASTED = 10_500; // paragraphs of a long paste: 21,000 blocks and text nodes
const CLEANED = 1_000; // paragraphs of a clean-up, 101 characters deleted in each
const WORDS = 210;

describe("foundation: offline work past one update's limits reaches the server", () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let editor: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Olivia Offline", { role: "editor" });
    proxy = await startTcpProxy(Number(new URL(server.url).port));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await server?.destroy();
  });

  it("a long paste and a clean-up of 101,000 deleted ranges made offline are saved whole on reconnect", async () => {
    const name = documentName(server.letterId);
    const session = new CollabSession({
      url: `ws://127.0.0.1:${proxy.port}/collab`,
      documentId: server.letterId,
      token: () => editor.token,
      user: { id: editor.id, name: editor.name, color: "#000000" },
      WebSocketPolyfill: WebSocket,
    });
    const statuses: string[] = [];
    const errors: string[] = [];
    try {
      await eventually(() => expect(session.saveState.status).toBe("saved"), 60_000);
      proxy.freeze();
      proxy.dropAll();
      await eventually(() => expect(session.saveState.status).toBe("offline"), 20_000);

      // Offline: a long paste, then clean-up paragraphs pasted and a
      // character deleted in each of their words but the last few.
      const f = session.fragment;
      session.ydoc.transact(() => {
        const ps = Array.from({ length: PASTED }, (_, i) => {
          const p = new Y.XmlElement("paragraph");
          p.insert(0, [new Y.XmlText(`Paragraph ${i} of the long brief.`)]);
          return p;
        });
        f.insert(f.length, ps);
      });
      const texts: Y.XmlText[] = [];
      session.ydoc.transact(() => {
        const ps = Array.from({ length: CLEANED }, (_, i) => {
          const words = Array.from({ length: WORDS }, (_, w) => `w${w}x`);
          const t = new Y.XmlText(`Clause ${i}: ${words.join(" ")}`);
          texts.push(t);
          const p = new Y.XmlElement("paragraph");
          p.insert(0, [t]);
          return p;
        });
        f.insert(f.length, ps);
      });
      let deletion: Uint8Array | null = null;
      session.ydoc.once("update", (u: Uint8Array) => (deletion = u));
      session.ydoc.transact(() => {
        for (const t of texts) {
          const s = t.toString();
          // The stray "x" of words 0…100, from the end (offsets stay true).
          for (let w = 100; w >= 0; w--) t.delete(s.indexOf(` w${w}x`) + ` w${w}`.length, 1);
        }
      });
      const ranges = Y.decodeUpdate(deletion!).ds.clients.get(session.ydoc.clientID)!.length;
      expect(ranges).toBeGreaterThan(100_000);
      const want = f.toString();
      expect(want).toContain(`Paragraph ${PASTED - 1} of the long brief.`);
      expect(want).toContain(`Clause ${CLEANED - 1}: w0 w1 `);

      // Saved, or refused (as it was: 4413 at once on reconnecting).
      const settled = new Promise<string>((resolve) => {
        session.onSaveState((s) => {
          statuses.push(s.status);
          // A lasting refusal is "unsaved" with its reason (docs/protocol.md §8).
          if (s.status === "error" || s.status === "unsaved") errors.push(s.message ?? "");
          // "Saved" only once the server holds everything.
          if (s.status === "saved" && liveText(server, name) !== want)
            errors.push("saved too early");
          if (s.status === "saved" || s.status === "error" || s.status === "unsaved")
            resolve(s.status);
        });
      });
      proxy.thaw();
      expect(await settled).toBe("saved");
      expect(liveText(server, name)).toBe(want);
      expect(errors).toEqual([]);
      expect(statuses).not.toContain("error");
      expect(statuses).not.toContain("unsaved");
      expect(statuses).toContain("saving");
    } finally {
      session.destroy();
    }
    // On the server's disk.
    server = await server.restart();
    const res = await fetch(`${server.url}/api/documents/${server.letterId}/content`, {
      headers: { Authorization: `Bearer ${server.ownerToken}` },
    });
    const text = ((await res.json()) as { text: string }).text;
    expect(text).toContain(`Paragraph ${PASTED - 1} of the long brief.`);
    expect(text).toContain(`Clause ${CLEANED - 1}: w0 w1 w2`);
    expect(text).not.toContain("w100x");
    expect(text).toContain("w101x");
  }, 420_000);

  it("two large pastes of one person at once, past the account's blocks budget, are both saved", async () => {
    // Each 18,000 blocks (under one update's limit): together past the
    // account's burst of 20,000, so the server closes one with 4431 (as it
    // did, for good, before the outbox recovered from it).
    const person = await server.addUser("Tomas Twotabs", { role: "editor" });
    const ids: string[] = [];
    for (const title of ["Brief A", "Brief B"]) {
      const created = await http(server, "POST", "/api/documents", person.token, {
        title,
        text: "",
      });
      ids.push(created.body!.id as string);
    }
    const sessions = ids.map(
      (documentId) =>
        new CollabSession({
          url: `${server.wsUrl}`,
          documentId,
          token: () => person.token,
          user: { id: person.id, name: person.name, color: "#000000" },
          WebSocketPolyfill: WebSocket,
        }),
    );
    const errors: string[] = [];
    try {
      for (const s of sessions) {
        await eventually(() => expect(s.saveState.status).toBe("saved"), 60_000);
        s.onSaveState(
          (st) =>
            (st.status === "error" || st.status === "unsaved") && errors.push(st.message ?? ""),
        );
      }
      for (const [n, s] of sessions.entries())
        s.ydoc.transact(() => {
          const ps = Array.from({ length: 9_000 }, (_, i) => {
            const p = new Y.XmlElement("paragraph");
            p.insert(0, [new Y.XmlText(`Brief ${n}, paragraph ${i}.`)]);
            return p;
          });
          s.fragment.insert(s.fragment.length, ps);
        });
      // Saved, or refused (at once: no waiting out the timeout).
      const settled = async (s: CollabSession) => {
        for (const end = Date.now() + 180_000; s.saveState.status !== "saved"; ) {
          expect(errors).toEqual([]);
          expect(Date.now()).toBeLessThan(end);
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      await Promise.all(sessions.map(settled));
      for (const [n, s] of sessions.entries()) {
        const text = liveText(server, documentName(ids[n]!));
        expect(text).toBe(s.fragment.toString());
        expect(text).toContain(`Brief ${n}, paragraph 8999.`);
      }
    } finally {
      for (const s of sessions) s.destroy();
    }
  }, 300_000);
});
