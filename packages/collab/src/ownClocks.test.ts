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
});
