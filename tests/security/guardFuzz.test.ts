import { describe, expect, it } from "vitest";
import { runGuardFuzz } from "./guardFuzz.ts";

/// The short variant of guard.fuzz.test.ts, run by `pnpm test`: seeded
/// mutated updates (honest edits, hostile shapes, corrupted bytes) against
/// the structural guard; accepted ones must leave a document that serves.
describe("structural guard under mutation (short)", () => {
  it("3,000 mutated updates: 0 crashes, 0 accepted updates that break the document", () => {
    const s = runGuardFuzz(7, 3_000);
    console.log(
      `guard fuzz (short): ${s.mutations} mutations, ${s.accepted} accepted, ${s.refused} refused, ${s.exports} exports checked`,
    );
    expect(s.crashes).toEqual([]);
    expect(s.broken).toEqual([]);
    // Both paths are exercised: the run is not refusing everything.
    expect(s.accepted).toBeGreaterThan(300);
    expect(s.refused).toBeGreaterThan(300);
  });
});
