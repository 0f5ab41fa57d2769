import { describe, expect, it } from "vitest";
import { failoverRounds } from "./failover.ts";

// Only in `pnpm test:fuzz`; `pnpm test` runs the short variant (*.test.ts beside it).
describe.skipIf(process.env.GLOSSA_FUZZ !== "long")("failover between instances (long)", () => {
  it("20 rounds: no acknowledged edit lost", async () => {
    const report = await failoverRounds(20);
    console.log(
      `failover: ${report.rounds} rounds (${report.relayed} relayed through Redis), ${report.acknowledged} acknowledged edits, ${report.lost.length} lost`,
    );
    expect(report.lost).toEqual([]);
    // The path that lost edits before (relayed, never journaled) was taken.
    expect(report.relayed).toBeGreaterThan(0);
  }, 1_800_000);
});
