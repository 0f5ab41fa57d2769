import { CloseEvents } from "@glossa/protocol";
import { openVersionStore } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eventually } from "../utils/server.ts";
import {
  http,
  liveText,
  type SecurityFixture,
  serverContent,
  startSecurityFixture,
} from "./fixture.ts";
import { frames, RawClient, textEdit } from "./rawClient.ts";

/// The durable state vector announced by the server's `saved` messages.
function savedClock(c: RawClient, doc: string, clientId: number): number {
  let best = 0;
  for (const m of c.of(doc, "stateless") as { payload: string }[]) {
    const msg = JSON.parse(m.payload) as { type: string; stateVector?: string };
    if (msg.type !== "saved" || !msg.stateVector) continue;
    const sv = Y.decodeStateVector(Buffer.from(msg.stateVector, "base64"));
    best = Math.max(best, sv.get(clientId) ?? 0);
  }
  return best;
}

/// A provider's answer to the server's SyncStep1 (what the server lacks of
/// `ydoc`), once that SyncStep1 (sent after `since`) has arrived.
async function syncReply(c: RawClient, doc: string, ydoc: Y.Doc, since: number): Promise<void> {
  const m = (await c.waitFor(
    (x) => x.doc === doc && x.kind === "sync" && x.step === 0,
    5000,
    since,
  )) as {
    update: Uint8Array;
  };
  c.send(frames.syncStep2(doc, Y.encodeStateAsUpdate(ydoc, m.update)));
}

/// Issue 10, item 2: a Yjs client id belongs to the person whose connection
/// first used it; nobody else may write under it.
describe("security: client ids bound to their person", () => {
  let f: SecurityFixture;

  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("refuses an update forged under the victim's client id; the victim's later edits are saved", async () => {
    const victim = await RawClient.open(f.server.wsUrl);
    await victim.auth(f.text, f.users.editor.token);
    const mine = await victim.load(f.text);
    victim.send(frames.update(f.text, textEdit(mine, "[victim 1]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[victim 1]"));

    // The owner (another person, with every right on the text) forges.
    const mallory = await RawClient.open(f.server.wsUrl);
    await mallory.auth(f.text, f.users.owner.token);
    const copy = await mallory.load(f.text);
    copy.clientID = mine.clientID;
    const before = await serverContent(f.server, f.text);
    mallory.send(frames.update(f.text, textEdit(copy, "[forged]")));
    const close = (await mallory.waitFor((m) => m.kind === "close", 3000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.ForgedChange.reason);
    expect(await serverContent(f.server, f.text)).toBe(before);
    expect(liveText(f.server, f.text)).not.toContain("[forged]");

    // The victim goes on typing at the very clocks the forger tried to take.
    victim.send(frames.update(f.text, textEdit(mine, "[victim 2]")));
    await eventually(() => {
      expect(liveText(f.server, f.text)).toContain("[victim 2]");
      expect(savedClock(victim, f.text, mine.clientID)).toBe(Y.getState(mine.store, mine.clientID));
    });
    expect(victim.of(f.text, "close")).toEqual([]);

    // Authorship in comparisons reads this binding: the id is the victim's.
    const clients = await openVersionStore(f.server.glossa.store).listClients(f.docId);
    expect(clients.find((c) => c.clientId === mine.clientID)?.userId).toBe(f.users.editor.id);
    mallory.close();
    victim.close();
  });

  it("refuses an update that skips clocks of its own client id", async () => {
    const gap = await f.server.addUser("Gap Editor", { role: "editor" });
    const c = await RawClient.open(f.server.wsUrl);
    await c.auth(f.text, gap.token);
    const copy = await c.load(f.text);
    // Synced as a provider is (its SyncStep2 sent): a gap is refused at once.
    await syncReply(c, f.text, copy, 0);
    textEdit(copy, "[never sent]");
    const before = await serverContent(f.server, f.text);
    c.send(frames.update(f.text, textEdit(copy, "[after a gap]")));
    const close = (await c.waitFor((m) => m.kind === "close", 3000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.ForgedChange.reason);
    expect(await serverContent(f.server, f.text)).toBe(before);
    c.close();
  });

  it("accepts a reloaded page's whole local copy — everyone's items and the server's marks — with its new edit", async () => {
    // The server writes annotation marks into the text under its own client id.
    const made = await http(
      f.server,
      "POST",
      `/api/documents/${f.docId}/annotations`,
      f.users.owner.token,
      {
        exact: "Remain in Mexico",
        kind: "comment",
        body: "Marked by the server.",
      },
    );
    expect(made.status).toBe(201);
    const reader = await f.server.addUser("Reload Editor", { role: "editor" });
    const c = await RawClient.open(f.server.wsUrl);
    await c.auth(f.text, reader.token);
    const copy = await c.load(f.text);
    const live = f.server.glossa.server.hocuspocus.documents.get(f.text)!;
    // What the page sends back (IndexedDB loaded after the sync): all it
    // holds, then its own new words.
    expect(Y.getState(live.store, live.clientID)).toBeGreaterThan(0);
    c.send(frames.update(f.text, Y.encodeStateAsUpdate(copy)));
    c.send(frames.update(f.text, textEdit(copy, "[after reload]")));
    await eventually(() => {
      expect(liveText(f.server, f.text)).toContain("[after reload]");
      expect(savedClock(c, f.text, copy.clientID)).toBe(Y.getState(copy.store, copy.clientID));
    });
    expect(c.of(f.text, "close")).toEqual([]);
    c.close();
  });

  it("refuses new items under someone else's id even when sent with items the server holds", async () => {
    const victim = await RawClient.open(f.server.wsUrl);
    await victim.auth(f.text, f.users.editor.token);
    const mine = await victim.load(f.text);
    victim.send(frames.update(f.text, textEdit(mine, "[victim 3]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[victim 3]"));
    const m = await RawClient.open(f.server.wsUrl);
    await m.auth(f.text, f.users.owner.token);
    const copy = await m.load(f.text);
    copy.clientID = mine.clientID;
    textEdit(copy, "[forged beside held items]");
    const before = await serverContent(f.server, f.text);
    m.send(frames.update(f.text, Y.encodeStateAsUpdate(copy)));
    const close = (await m.waitFor((x) => x.kind === "close", 3000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.ForgedChange.reason);
    expect(await serverContent(f.server, f.text)).toBe(before);
    m.close();
    victim.close();
  });

  it("keeps every edit of a writer that reconnects and types before its sync reply", async () => {
    const writer = await f.server.addUser("Reconnecting Editor", { role: "editor" });
    const first = await RawClient.open(f.server.wsUrl);
    await first.auth(f.text, writer.token);
    const mine = await first.load(f.text);
    await syncReply(first, f.text, mine, 0);
    first.send(frames.update(f.text, textEdit(mine, "[before the drop]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[before the drop]"));
    // Typed while the connection died: the server never handled these.
    for (let i = 1; i <= 9; i++) textEdit(mine, `[lost ${i}]`);
    first.close();

    // The provider reconnects: its SyncStep1, then a keystroke goes out at
    // once, before its SyncStep2 (which carries the nine) answers the server's.
    const second = await RawClient.open(f.server.wsUrl);
    await second.auth(f.text, writer.token);
    const since = second.received.length;
    second.send(frames.syncStep1(f.text, Y.encodeStateVector(mine)));
    second.send(frames.update(f.text, textEdit(mine, "[typed while syncing]")));
    await syncReply(second, f.text, mine, since);
    second.send(frames.update(f.text, textEdit(mine, "[after the sync]")));
    await eventually(() => {
      const text = liveText(f.server, f.text);
      for (let i = 1; i <= 9; i++) expect(text).toContain(`[lost ${i}]`);
      expect(text).toContain("[typed while syncing]");
      expect(text).toContain("[after the sync]");
      expect(savedClock(second, f.text, mine.clientID)).toBe(Y.getState(mine.store, mine.clientID));
    });
    expect(second.of(f.text, "close")).toEqual([]);
    second.close();
  });

  it("refuses a deferred update whose sync reply does not bring the clocks it skipped", async () => {
    const gap = await f.server.addUser("Short Reply Editor", { role: "editor" });
    const c = await RawClient.open(f.server.wsUrl);
    await c.auth(f.text, gap.token);
    const since = c.received.length;
    const copy = await c.load(f.text);
    const server = Y.encodeStateVector(copy);
    textEdit(copy, "[never sent]");
    const before = await serverContent(f.server, f.text);
    // Ahead of the sync reply: deferred, not applied.
    c.send(frames.update(f.text, textEdit(copy, "[after a gap]")));
    // A reply that leaves the gap open (nothing of this client id).
    await c.waitFor((x) => x.doc === f.text && x.kind === "sync" && x.step === 0, 5000, since);
    c.send(frames.syncStep2(f.text, Y.encodeStateAsUpdate(new Y.Doc(), server)));
    const close = (await c.waitFor((m) => m.kind === "close", 3000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.ForgedChange.reason);
    expect(await serverContent(f.server, f.text)).toBe(before);
    expect(liveText(f.server, f.text)).not.toContain("[after a gap]");
    c.close();
  });
});
