import { describe, expect, it } from "vitest";
import { failoverRounds } from "./failover.ts";

/// Several instances: a word shown as saved is on disk whichever instance
/// received it, even when that instance could not reach the database and
/// died (`pnpm test:fuzz` runs 20 rounds).
describe("failover between instances", () => {
  it("loses no acknowledged edit when an instance with a frozen database connection is killed", async () => {
    const report = await failoverRounds(2);
    expect(report.rounds).toBe(2);
    // Every word typed was acknowledged in the end (20 by Ana, 13 by Ben per round).
    expect(report.acknowledged).toBe(2 * 33);
    expect(report.lost).toEqual([]);
  }, 300_000);
});
