import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { OwnClocks } from "./ownClocks.ts";

/// A Map standing in for the browser's localStorage (unit test of the record only).
/// `quota`: at most that many characters of keys and values, as a browser's
/// origin quota (setItem throws past it, the value before kept).
function storage(quota = Number.POSITIVE_INFINITY): Map<string, string> {
  const m = new Map<string, string>();
  const used = () => [...m].reduce((n, [k, v]) => n + k.length + v.length, 0);
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (used() - (m.has(k) ? k.length + m.get(k)!.length : 0) + k.length + v.length > quota)
        throw new DOMException("quota", "QuotaExceededError");
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    key: (i: number) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
  return m;
}

describe("OwnClocks", () => {
  it("counts an earlier page's changes until a saved vector covers them", () => {
    storage();
    const first = new OwnClocks("k", 11);
    first.wrote(5);
    const doc = new Y.Doc();
    const next = new OwnClocks("k", 22);
    // Known at once, before the local store restores anything.
    expect(next.pending(doc)).toBe(5);
    expect(next.saved(new Map([[11, 3]]))).toBe(true);
    expect(next.pending(doc)).toBe(2);
    next.saved(new Map([[11, 5]]));
    expect(next.pending(doc)).toBe(0);
    // Done: left out of the record.
    expect(new OwnClocks("k", 33).pending(doc)).toBe(0);
  });

  it("tells a transaction that moved a clock it counts from one that moved only others'", () => {
    storage();
    new OwnClocks("k", 11).wrote(5);
    const next = new OwnClocks("k", 22);
    const tr = (before: [number, number][], after: [number, number][]) => ({
      beforeState: new Map(before),
      afterState: new Map(after),
    });
    // Another writer's edit: neither this page's nor an earlier page's clock.
    expect(next.movedBy(tr([[33, 4]], [[33, 5]]))).toBe(false);
    // The earlier page's words arriving (from the server or the local store).
    const restored: [number, number][] = [
      [11, 5],
      [33, 4],
    ];
    expect(next.movedBy(tr([[33, 4]], restored))).toBe(true);
    // This page's own.
    expect(next.movedBy(tr([[22, 1]], [[22, 2]]))).toBe(true);
  });

  it("forgets what is neither restored here nor on the server once both were heard", () => {
    storage();
    new OwnClocks("k", 11).wrote(5);
    const next = new OwnClocks("k", 22);
    const doc = new Y.Doc();
    next.settle(doc);
    expect(next.pending(doc)).toBe(0);
  });

  it("leaves another open tab's changes to that tab, and counts them once it is closed", () => {
    storage();
    // Tab A types; its words reach tab B through the server.
    const a = new OwnClocks("k", 11);
    const typed = new Y.Doc();
    typed.clientID = 11;
    typed.getText("t").insert(0, "hello");
    a.wrote(Y.getState(typed.store, 11));
    const b = new OwnClocks("k", 22);
    b.refresh();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(typed));
    // The server tells "saved" to A only; A's record write may never reach B.
    a.saved(new Map([[11, 5]]));
    b.setLive(new Set([11, 22]));
    expect(b.pending(doc)).toBe(0);
    // A closed before its words were on disk: B has them and reports them.
    expect(b.setLive(new Set([22]))).toBe(true);
    expect(b.pending(doc)).toBe(5);
  });

  it("keeps a page's deletions for a later page, which takes them over once that page is closed", () => {
    const m = storage();
    const first = new OwnClocks("k", 11);
    first.setDeletions(["AAEBAQA=", "AAEBAgA="]);
    const doc = new Y.Doc();
    // Known at once, before anyone knows which pages are open.
    const next = new OwnClocks("k", 22);
    expect(next.pending(doc)).toBe(2);
    expect(next.adopt()).toBeNull();
    // The first page is open: its deletions are its own to report.
    next.setLive(new Set([11, 22]));
    expect(next.pending(doc)).toBe(0);
    expect(next.adopt()).toBeNull();
    expect(m.has("k#11")).toBe(true);
    // Closed: taken over, kept in this page's key, the closed page's key gone.
    next.setLive(new Set([22]));
    expect(next.pending(doc)).toBe(2);
    expect(next.adopt()).toEqual(["AAEBAQA=", "AAEBAgA="]);
    expect(next.pending(doc)).toBe(0);
    expect(m.has("k#11")).toBe(false);
    expect(JSON.parse(m.get("k#22")!).deletions).toEqual(["AAEBAQA=", "AAEBAgA="]);
    // This page closes too before they are confirmed: the next one has them.
    const third = new OwnClocks("k", 33);
    expect(third.pending(doc)).toBe(2);
    next.setDeletions([]);
    third.refresh("k#22", m.get("k#22")!);
    expect(third.pending(doc)).toBe(0);
  });

  it("reads the record of before (one key for every page) and takes it over", () => {
    const m = storage();
    m.set("k", JSON.stringify({ 11: [5, 2] }));
    const next = new OwnClocks("k", 22);
    const doc = new Y.Doc();
    expect(next.pending(doc)).toBe(3);
    next.setLive(new Set([22]));
    next.adopt();
    expect(m.has("k")).toBe(false);
    expect(new OwnClocks("k", 33).pending(doc)).toBe(3);
  });

  it("over the quota, marks the deletions unlisted for a later page; without room even for that, says so", () => {
    const m = storage(60);
    const page = new OwnClocks("k", 11);
    page.wrote(1);
    expect(page.unrecorded).toBe(false);
    page.setDeletions(["A".repeat(40)]);
    // Listed, it does not fit: the mark does, and a later page counts it.
    expect(JSON.parse(m.get("k#11")!).deletions).toEqual(["*"]);
    expect(page.unrecorded).toBe(false);
    const next = new OwnClocks("k", 22);
    next.setLive(new Set([22]));
    expect(next.pending(new Y.Doc())).toBe(2); // its clock and the mark
    expect(next.adopt()).toEqual(["*"]);

    storage(10);
    const full = new OwnClocks("k", 33);
    full.setDeletions(["AAEB"]);
    expect(full.unrecorded).toBe(true);
  });
});
