import { guardStats, plainStats, scanStats } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type SecurityFixture, startSecurityFixture } from "../security/fixture.ts";
import { frames, RawClient, textEdit } from "../security/rawClient.ts";

interface Saved {
  type: string;
  stateVector: string;
}

/// The durable clock of `clientId` in a `saved` frame, or null for any other frame.
function savedClock(frame: unknown, doc: string, clientId: number): number | null {
  const m = frame as { doc?: string; kind?: string; payload?: string };
  if (m.doc !== doc || m.kind !== "stateless" || !m.payload) return null;
  const saved = JSON.parse(m.payload) as Saved;
  if (saved.type !== "saved") return null;
  return Y.decodeStateVector(Buffer.from(saved.stateVector, "base64")).get(clientId) ?? null;
}

/// Yjs transactions on every document of this process but `except` (the
/// server's live documents and the schema guard's copy: one transaction is
/// one decoding and application of an update).
function countTransactions(except: Y.Doc): { count: number; stop(): void } {
  const proto = Y.Doc.prototype as unknown as { emit(name: string, args: unknown[]): void };
  const emit = proto.emit;
  const counter = {
    count: 0,
    stop: () => {
      proto.emit = emit;
    },
  };
  proto.emit = function (this: Y.Doc, name: string, args: unknown[]) {
    if (name === "beforeTransaction" && this !== except) counter.count += 1;
    return emit.call(this, name, args);
  };
  return counter;
}

/// The text of the first paragraph that has one.
function firstText(doc: Y.Doc): Y.XmlText {
  const p = doc
    .getXmlFragment("prosemirror")
    .toArray()
    .find((b) => b instanceof Y.XmlElement && b.get(0) instanceof Y.XmlText) as Y.XmlElement;
  return p.get(0) as Y.XmlText;
}

/// The update `edit` makes on `doc`, as its `update` event gives it.
function captured(doc: Y.Doc, edit: () => void): Uint8Array {
  let out: Uint8Array | null = null;
  const on = (u: Uint8Array) => {
    out = u;
  };
  doc.on("update", on);
  edit();
  doc.off("update", on);
  return out!;
}

/// Issue 16, the keystroke path: the server's work per update counted, not
/// timed — scans of an update's bytes, decodings (Yjs transactions) and
/// reads of the store's access version.
describe("the keystroke path's work per update", () => {
  let f: SecurityFixture;
  let writer: RawClient;
  let mine: Y.Doc;
  beforeAll(async () => {
    f = await startSecurityFixture();
    writer = await RawClient.open(f.server.wsUrl);
    await writer.auth(f.text, f.users.editor.token);
    mine = await writer.load(f.text);
  });
  afterAll(async () => {
    writer?.close();
    await f?.server.destroy();
  });

  /// Sends `keys` one-character updates at once and waits until `saved`
  /// covers the last.
  async function burst(keys: number): Promise<void> {
    const since = writer.received.length;
    for (let i = 0; i < keys; i++) writer.send(frames.update(f.text, textEdit(mine, "k")));
    const clock = Y.getState(mine.store, mine.clientID);
    await writer.waitFor(
      (m) => (savedClock(m, f.text, mine.clientID) ?? -1) >= clock,
      20_000,
      since,
    );
  }

  it("scans each update's bytes twice (received, applied) and applies a typed character once (live)", async () => {
    await burst(1); // the client id is claimed and recorded
    const KEYS = 40;
    const scans0 = scanStats.scans;
    const copies0 = guardStats.copyChecks;
    const transactions = countTransactions(mine);
    try {
      await burst(KEYS);
    } finally {
      transactions.stop();
    }
    // Received: one scan for the guard's limits, the binding and the guard's
    // check (they were three). Applied: one for authorship and persistence.
    expect(scanStats.scans - scans0).toBe(2 * KEYS);
    // A character typed into existing text is proven harmless from its
    // bytes (`plainText.ts`): the guard's copy does not apply it (it did,
    // one transaction per update, before); only the live document does.
    expect(guardStats.copyChecks - copies0).toBe(0);
    expect(transactions.count).toBe(KEYS);
  });

  it("checks a structural change or formatted text on the copy, one application each", async () => {
    const copies0 = guardStats.copyChecks;
    const since = writer.received.length;
    // A new paragraph (a new XmlElement and XmlText): the full check.
    const sv = Y.encodeStateVector(mine);
    const p = new Y.XmlElement("paragraph");
    mine.getXmlFragment("prosemirror").push([p]);
    p.insert(0, [new Y.XmlText("new")]);
    writer.send(frames.update(f.text, Y.encodeStateAsUpdate(mine, sv)));
    // Bold text typed into existing text: a format key, the full check.
    const sv2 = Y.encodeStateVector(mine);
    (p.get(0) as Y.XmlText).insert(1, "b", { strong: {} });
    writer.send(frames.update(f.text, Y.encodeStateAsUpdate(mine, sv2)));
    const clock = Y.getState(mine.store, mine.clientID);
    await writer.waitFor(
      (m) => (savedClock(m, f.text, mine.clientID) ?? -1) >= clock,
      20_000,
      since,
    );
    expect(guardStats.copyChecks - copies0).toBe(2);
    // Typing again: no copy applies it.
    await burst(5);
    expect(guardStats.copyChecks - copies0).toBe(2);
  });

  it("proves backspaces and the characters typed after them from their bytes: no copy applies them", async () => {
    const text = firstText(mine);
    const since = writer.received.length;
    // Ends with a typed key: `saved` covers its clock (a deletion moves none).
    const KEYS = 41;
    const copies0 = guardStats.copyChecks;
    const proven0 = plainStats.proven;
    const transactions = countTransactions(mine);
    try {
      // The bench's typing: at the end of a paragraph, every seventh key a
      // backspace; the key after it is typed right after a deleted character.
      for (let i = 0; i < KEYS; i++) {
        const key = () =>
          i % 7 === 6
            ? text.delete(text.length - 1, 1)
            : text.insert(text.length, "abcdefg"[i % 7]!);
        writer.send(frames.update(f.text, captured(mine, key)));
      }
      const clock = Y.getState(mine.store, mine.clientID);
      await writer.waitFor(
        (m) => (savedClock(m, f.text, mine.clientID) ?? -1) >= clock,
        20_000,
        since,
      );
    } finally {
      transactions.stop();
    }
    expect(plainStats.proven - proven0).toBe(KEYS);
    // Each key once, on the live document; none on the guard's copy (the key
    // after each backspace was applied to the copy before).
    expect(guardStats.copyChecks - copies0).toBe(0);
    expect(transactions.count).toBe(KEYS);
  });

  it("walks the document's client ids once per update for the size limits, not twice", async () => {
    const KEYS = 40;
    const walks0 = guardStats.storeWalks;
    await burst(KEYS);
    // The limits are checked on the bytes before the message is handled and
    // again before the update is applied only when the document changed in
    // between (another message applied meanwhile): here nothing else writes.
    expect(guardStats.storeWalks - walks0).toBe(KEYS);
  });

  it("reads the access version once per event-loop turn, not once per update", async () => {
    const store = f.server.glossa.store;
    const KEYS = 40;
    // The real store's read, counted.
    const read = store.accessVersion;
    let reads = 0;
    store.accessVersion = () => {
      reads += 1;
      return read.call(store);
    };
    try {
      await burst(KEYS);
    } finally {
      store.accessVersion = read;
    }
    // Updates that arrive together are handled in one turn; every one of
    // them read the version before (40).
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThan(KEYS / 2);
  });
});
