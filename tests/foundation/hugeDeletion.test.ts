import { CollabSession } from "@glossa/collab";
import { documentName } from "@glossa/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { liveText } from "../security/fixture.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { carriesText } from "../utils/syncMessages.ts";
import { startTcpProxy, type TcpProxy } from "../utils/tcpProxy.ts";

/// Paragraphs, each with a deleted character after it (a typo fixed): the
/// clocks of what is left are not contiguous, so deleting every paragraph is
/// one deletion of as many ranges — more than one `flush` may name
/// (docs/protocol.md §5).
const PARAGRAPHS = 10_000;

/// A slow uplink: while `holding`, from the first message carrying text
/// content on (a sync reply or an update: the deletion), everything this
/// client sends waits — in order, as TCP keeps it — until `release`.
class SlowUplink extends WebSocket {
  static holding = false;
  static held: (() => void)[] = [];
  static release(): void {
    SlowUplink.holding = false;
    const held = SlowUplink.held;
    SlowUplink.held = [];
    for (const f of held) f();
  }
  override send(data: unknown, ...rest: unknown[]): void {
    const go = () =>
      (WebSocket.prototype.send as (...a: unknown[]) => void).call(this, data, ...rest);
    if (SlowUplink.held.length > 0 || (SlowUplink.holding && carriesText(data as Uint8Array)))
      SlowUplink.held.push(go);
    else go();
  }
}

describe("foundation: a huge deletion made offline, past one flush", () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let editor: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Hugo Huge", { role: "editor" });
    // Written by the server, as an import would.
    await server.glossa.annotations.withDocuments(server.letterId, ({ text }) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(text));
      const base = Y.encodeStateVector(doc);
      const into = doc.getXmlFragment("prosemirror");
      for (let i = 0; i < PARAGRAPHS; i++) {
        const p = new Y.XmlElement("paragraph");
        const t = new Y.XmlText(`Clause ${i} of the annex.`);
        p.insert(0, [t]);
        into.insert(into.length, [p]);
        t.insert(t.length, "X");
        t.delete(t.length - 1, 1);
      }
      Y.applyUpdate(text, Y.encodeStateAsUpdate(doc, base));
    });
    proxy = await startTcpProxy(Number(new URL(server.url).port));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await server?.destroy();
  });

  it("'saved' shows only once every deleted range is on the server's disk", async () => {
    const name = documentName(server.letterId);
    const session = new CollabSession({
      url: `ws://127.0.0.1:${proxy.port}/collab`,
      documentId: server.letterId,
      token: () => editor.token,
      user: { id: editor.id, name: editor.name, color: "#000000" },
      WebSocketPolyfill: SlowUplink,
    });
    try {
      await eventually(() => expect(session.saveState.status).toBe("saved"), 60_000);
      expect(session.fragment.toString()).toContain(`Clause ${PARAGRAPHS - 1} of the annex.`);

      // Offline: the network stops carrying anything, then drops.
      proxy.freeze();
      const first = session.fragment.toArray().findIndex((n) => n.toString().includes("Clause 0 "));
      let deletion: Uint8Array | null = null;
      session.ydoc.once("update", (u: Uint8Array) => (deletion = u));
      session.fragment.delete(first, PARAGRAPHS);
      // One deletion whose ranges take more than one flush (48,000 characters).
      expect(Buffer.from(deletion!).toString("base64").length).toBeGreaterThan(48_000);
      expect(session.saveState.pending).toBeGreaterThan(0);
      // From now on (the deletion is pending), "saved" while the server still has the text is a lie.
      const savedWhileStillThere: string[] = [];
      const watch = session.onSaveState((s) => {
        if (s.status === "saved" && liveText(server, name).includes("of the annex."))
          savedWhileStillThere.push(`pending ${s.pending}`);
      });
      proxy.dropAll();
      await eventually(() => expect(session.saveState.status).toBe("offline"), 20_000);

      // Back online on a slow uplink: the sync reply carrying the deletion,
      // and everything after it, is still on its way.
      SlowUplink.holding = true;
      proxy.thaw();
      await eventually(() => expect(SlowUplink.held.length).toBeGreaterThan(0), 20_000);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(savedWhileStillThere).toEqual([]);
      expect(session.saveState.status).not.toBe("saved");
      SlowUplink.release();
      await eventually(() => expect(session.saveState.status).toBe("saved"), 60_000);
      watch();
      expect(savedWhileStillThere).toEqual([]);
      expect(liveText(server, name)).not.toContain("of the annex.");
    } finally {
      SlowUplink.release();
      session.destroy();
    }
    server = await server.restart();
    const text = await fetch(`${server.url}/api/documents/${server.letterId}/content`, {
      headers: { Authorization: `Bearer ${server.ownerToken}` },
    });
    expect(((await text.json()) as { text: string }).text).not.toContain("of the annex.");
  }, 240_000);
});
