import { describe, expect, it } from "vitest";
import { DeleterIndex, type DeletionRow } from "./deleters.ts";

/// Seeded: the same rows and lookups on every run.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/// The rule as the redline states it: the first row recorded that covers the item.
const firstRecorded = <P>(rows: readonly DeletionRow<P>[], client: number, clock: number) => {
  const hit = rows.find(
    (r) => r.clientId === client && clock >= r.clock && clock < r.clock + r.len,
  );
  return hit ? { who: hit.who } : undefined;
};

describe("DeleterIndex", () => {
  it("names the first recorded deleter of each item, looking at a row or two per lookup", () => {
    const next = random(16);
    const rows: DeletionRow<string>[] = [];
    // A long history: 3 clients, 3,000 deleting updates each of 1–4 items,
    // recorded in an order unlike their clocks, plus some repeated
    // (concurrent) deletions of items already recorded.
    for (let client = 1; client <= 3; client++) {
      let clock = 0;
      for (let i = 0; i < 3_000; i++) {
        const len = 1 + Math.floor(next() * 4);
        rows.push({ clientId: client, clock, len, who: `u${Math.floor(next() * 5)}` });
        clock += len + Math.floor(next() * 3);
      }
    }
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    for (let i = 0; i < 300; i++) {
      const r = rows[Math.floor(next() * rows.length)]!;
      rows.push({ ...r, clock: r.clock + 1, len: r.len + 2, who: "later" });
    }
    const index = new DeleterIndex(rows);
    const lookups = 5_000;
    for (let i = 0; i < lookups; i++) {
      const client = 1 + Math.floor(next() * 4); // client 4 has no rows
      const clock = Math.floor(next() * 16_000);
      expect(index.find(client, clock), `${client}:${clock}`).toEqual(
        firstRecorded(rows, client, clock),
      );
    }
    // A scan of the client's rows per lookup would look at ~1,500 each.
    expect(index.visited).toBeLessThan(lookups * 3);
  });
});
