import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { OwnClocks } from "./ownClocks.ts";

/// A Map standing in for the browser's localStorage (unit test of the record only).
function storage(): Map<string, string> {
  const m = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
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
});
