import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DeletionTracker } from "./deletions.ts";

/// A document with some text and a tracker fed by its updates.
function setup() {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  text.insert(0, "The quick brown fox jumps");
  const tracker = new DeletionTracker(doc);
  doc.on("update", (u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) =>
    tracker.observe(u, tr),
  );
  return { doc, text, tracker };
}

describe("DeletionTracker", () => {
  it("keeps only local deletions that add nothing", () => {
    const { doc, text, tracker } = setup();
    text.insert(0, "A ");
    expect(tracker.count).toBe(0);
    text.delete(0, 2);
    expect(tracker.count).toBe(1);
    // Replacing adds characters: the clock covers it.
    doc.transact(() => {
      text.delete(0, 3);
      text.insert(0, "A");
    });
    expect(tracker.count).toBe(1);
    // Someone else's deletion, applied here, is not ours to confirm.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    let theirs: Uint8Array | null = null;
    other.on("update", (u: Uint8Array) => {
      theirs = u;
    });
    other.getText("t").delete(0, 1);
    Y.applyUpdate(doc, theirs!);
    expect(tracker.count).toBe(1);
  });

  it("is confirmed by an ok answer to its own question, once out at a time", () => {
    const { text, tracker } = setup();
    text.delete(0, 4);
    const q = tracker.question()!;
    expect(q).not.toBeNull();
    expect(Y.decodeUpdate(Buffer.from(q.deletions, "base64")).ds.clients.size).toBe(1);
    expect(tracker.question()).toBeNull();
    text.delete(0, 1);
    expect(tracker.answered("someone-else", true)).toBe(false);
    expect(tracker.answered(q.requestId, false)).toBe(false);
    expect(tracker.count).toBe(2);
    const again = tracker.question()!;
    expect(tracker.answered(again.requestId, true)).toBe(true);
    expect(tracker.count).toBe(0);
  });

  it("asks again after a lost connection", () => {
    const { text, tracker } = setup();
    text.delete(0, 4);
    const q = tracker.question()!;
    tracker.forget();
    expect(tracker.answered(q.requestId, true)).toBe(false);
    expect(tracker.question()).not.toBeNull();
  });

  it("fits a question in one message however many ranges were deleted", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, "ab".repeat(2_000));
    const tracker = new DeletionTracker(doc, 3_000);
    doc.on("update", (u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) =>
      tracker.observe(u, tr),
    );
    // Every other character, in two transactions of 500 deleted ranges each.
    for (const from of [3_999, 1_999])
      doc.transact(() => {
        for (let i = from; i > from - 1_000; i -= 2) text.delete(i, 1);
      });
    expect(tracker.count).toBe(2);
    const first = tracker.question()!;
    expect(first.deletions.length).toBeLessThanOrEqual(3_000);
    expect(Y.decodeUpdate(Buffer.from(first.deletions, "base64")).ds.clients.size).toBe(1);
    tracker.answered(first.requestId, true);
    expect(tracker.count).toBe(1);
    // One deletion too large alone is asked about in parts, every range of
    // it named in one of them (an empty question was answered by order only).
    const small = new DeletionTracker(doc, 100);
    let last: Uint8Array | null = null;
    doc.on("update", (u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => {
      if (small.observe(u, tr)) last = u;
    });
    doc.transact(() => {
      for (let i = 1_999; i >= 1_000; i -= 2) text.delete(i, 1);
    });
    expect(last).not.toBeNull();
    const asked: Uint8Array[] = [];
    for (let q = small.question(); q; q = small.question()) {
      expect(q.deletions.length).toBeLessThanOrEqual(100);
      const bytes = Buffer.from(q.deletions, "base64");
      expect(Y.decodeUpdate(bytes).ds.clients.size).toBe(1);
      asked.push(bytes);
      small.answered(q.requestId, true);
    }
    expect(asked.length).toBeGreaterThan(1);
    expect(small.count).toBe(0);
    const ranges = (u: Uint8Array) => [...Y.decodeUpdate(u).ds.clients.values()].flat();
    expect(ranges(Y.mergeUpdates(asked))).toEqual(ranges(last!));
  });

  it("takes over another page's deletions once, and drops those the document here never had", () => {
    const { doc, text, tracker } = setup();
    text.delete(0, 4);
    const saved = tracker.saved();
    expect(saved).toHaveLength(1);
    // A page opened later, on a copy restored with the deletion.
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(doc));
    const next = new DeletionTracker(later);
    expect(next.adopt([...saved, ...saved])).toBe(1);
    expect(next.count).toBe(1);
    expect(next.settle()).toBe(false);
    const q = next.question()!;
    expect(Y.decodeUpdate(Buffer.from(q.deletions, "base64")).ds).toEqual(
      Y.decodeUpdate(Buffer.from(saved[0]!, "base64")).ds,
    );
    // A page whose local copy lost the deletion (and the server never had
    // it): it can never be sent, so it no longer waits.
    const fresh = new Y.Doc();
    fresh.clientID = 7;
    const keeps = new DeletionTracker(fresh);
    keeps.adopt(saved);
    expect(keeps.settle()).toBe(true);
    expect(keeps.count).toBe(0);
  });

  it("records a word deleted letter by letter as one range, and asks about an unlisted copy's whole delete set once loaded", () => {
    const { text, tracker } = setup();
    for (let i = 0; i < 5; i++) text.delete(4, 1); // "quick", a letter at a time
    expect(tracker.count).toBe(5);
    const [record, ...rest] = tracker.record();
    expect(rest).toEqual([]);
    const ds = Y.decodeUpdate(Uint8Array.from(atob(record!), (c) => c.charCodeAt(0))).ds.clients;
    expect([...ds.values()].flat()).toHaveLength(1);

    const later = new DeletionTracker(new Y.Doc());
    Y.applyUpdate(later["doc"], Y.encodeStateAsUpdate(text.doc!));
    later.adopt(["*"]);
    expect(later.count).toBe(1);
    expect(later.record()).toEqual(["*"]);
    expect(later.question(false)).toBeNull();
    const q = later.question(true)!;
    const asked = Y.decodeUpdate(Uint8Array.from(atob(q.deletions), (c) => c.charCodeAt(0)));
    expect([...asked.ds.clients.values()].flat()).toEqual([...ds.values()].flat());
    expect(later.answered(q.requestId, true)).toBe(true);
    expect(later.count).toBe(0);
  });
});
