import { CollabSession } from "@glossa/collab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

const sessionOf = (server: TestServer, user: TestUser) =>
  new CollabSession({
    url: server.wsUrl,
    documentId: server.letterId,
    token: () => user.token,
    user: { id: user.id, name: user.name, color: "#000000" },
    WebSocketPolyfill: WebSocket,
  });

const synced = (s: CollabSession) =>
  eventually(() => expect(s.text.isSynced && s.annotations.isSynced).toBe(true), 30_000);

/// Counts the reads of `session.saveState` (one per save-state derivation:
/// `emitStatus` reads it once) from now on.
function countSaveStates(session: CollabSession): { readonly count: number } {
  const get = Object.getOwnPropertyDescriptor(CollabSession.prototype, "saveState")!.get!;
  const counter = { count: 0 };
  Object.defineProperty(session, "saveState", {
    configurable: true,
    get() {
      counter.count++;
      return get.call(this);
    },
  });
  return counter;
}

/// The first paragraph's text.
function firstText(doc: Y.Doc): Y.XmlText {
  const p = doc
    .getXmlFragment("prosemirror")
    .toArray()
    .find((b) => b instanceof Y.XmlElement && b.get(0) instanceof Y.XmlText) as Y.XmlElement;
  return p.get(0) as Y.XmlText;
}

/// Issue 16's crowd: every edit is received by every other client in the
/// document (49 times per keystroke with 50 typists), so what Glossa's
/// client does per received edit beyond a bare provider is counted here,
/// with real sessions on a real server: nothing of the save state (a
/// received edit moves no clock the save state reads) and nothing of the
/// presence list for a colleague's cursor that moved (its `user` unchanged).
describe("foundation: a client's work per received edit", () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let cy: TestUser;
  let a: CollabSession;
  let b: CollabSession;

  beforeAll(async () => {
    server = await startTestServer();
    ana = await server.addUser("Ana Writer", { role: "editor" });
    ben = await server.addUser("Ben Reader", { role: "editor" });
    cy = await server.addUser("Cy Visitor", { role: "viewer" });
    a = sessionOf(server, ana);
    b = sessionOf(server, ben);
    await Promise.all([synced(a), synced(b)]);
  }, 60_000);
  afterAll(async () => {
    a?.destroy();
    b?.destroy();
    await server?.destroy();
  });

  it("derives no save state for edits received from others, and still for its own", async () => {
    const reads = countSaveStates(b);
    let received = 0;
    const onTr = (tr: Y.Transaction) => {
      if (!tr.local) received++;
    };
    b.ydoc.on("afterTransaction", onTr);
    const text = firstText(a.ydoc);
    // One at a time, each received alone.
    for (let i = 0; i < 20; i++) {
      text.insert(i, "x");
      const want = Y.getState(a.ydoc.store, a.ydoc.clientID);
      await eventually(
        () => expect(Y.getState(b.ydoc.store, a.ydoc.clientID)).toBe(want),
        10_000,
        5,
      );
    }
    b.ydoc.off("afterTransaction", onTr);
    expect(received).toBeGreaterThanOrEqual(20);
    // Before: one derivation per received transaction (20).
    expect(reads.count).toBe(0);
    // Its own edit is still shown: saving, then saved.
    const states: string[] = [];
    const off = b.onSaveState((s) => states.push(s.status));
    firstText(b.ydoc).insert(0, "y");
    await eventually(() => expect(states.at(-1)).toBe("saved"));
    expect(states).toContain("saving");
    off();
  });

  it("does not re-list the people for a colleague's moved cursor, and does when someone comes or goes", async () => {
    const lists: number[] = [];
    const off = b.onPeers((peers) => lists.push(peers.length));
    expect(lists).toEqual([2]);
    const anaClient = a.text.awareness!.clientID;
    for (let i = 0; i < 10; i++) {
      a.text.setAwarenessField("cursor", { anchor: i, head: i });
      await eventually(() =>
        expect(b.text.awareness!.getStates().get(anaClient)?.cursor).toEqual({
          anchor: i,
          head: i,
        }),
      );
    }
    // Before: one listing per cursor move received (10).
    expect(lists).toEqual([2]);
    const c = sessionOf(server, cy);
    try {
      await synced(c);
      await eventually(() => expect(lists.at(-1)).toBe(3));
      expect(b.peers().find((p) => p.id === cy.id)?.name).toBe(cy.name);
    } finally {
      c.destroy();
    }
    await eventually(() => expect(lists.at(-1)).toBe(2));
    off();
  });
});
