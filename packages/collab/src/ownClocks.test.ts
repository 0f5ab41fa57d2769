import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { OwnClocks } from "./ownClocks.ts";

/// A Map standing in for the browser's localStorage (unit test of the record only).
function storage(): void {
  const m = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  };
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
});
