import { describe, expect, it } from "vitest";
import { AccountBudgets } from "./budgets.ts";

const config = {
  messagesPerSecond: 10,
  bytesPerSecond: 1000,
  burstBytes: 4000,
  workPerSecond: 100,
  burstWork: 1000,
  blocksPerSecond: 10,
  burstBlocks: 100,
  maxDocuments: 5,
  documentsPerHour: 5,
  importsPerMinute: 5,
};

describe("AccountBudgets", () => {
  it("lets a burst through, refuses beyond it, and refills with time", () => {
    const b = new AccountBudgets(config);
    for (let i = 0; i < 20; i++) expect(b.charge("a", 10, 0)).toBeNull();
    expect(b.charge("a", 10, 0)?.what).toBe("messages");
    // Another account has its own buckets.
    expect(b.charge("b", 10, 0)).toBeNull();
    // 100 ms later: one message back.
    expect(b.charge("a", 10, 100)).toBeNull();
    expect(b.charge("a", 10, 100)?.what).toBe("messages");
  });

  it("charges new blocks beside work; over either, neither is charged", () => {
    const b = new AccountBudgets(config);
    expect(b.chargeWork("a", 10, 0, 100)).toBeNull();
    expect(b.chargeWork("a", 10, 0, 20)).toEqual({ what: "blocks", retryAfterSeconds: 2 });
    // The refused update's work was not charged: 980 units are left.
    expect(b.chargeWork("a", 980, 0, 0)).toBeNull();
    expect(b.chargeWork("b", 10, 0, 100)).toBeNull();
    // 2 s later: 20 blocks back.
    expect(b.chargeWork("a", 0, 2000, 20)).toBeNull();
  });

  it("charges clocks without bytes to the bytes bucket; over it, nothing is charged", () => {
    const b = new AccountBudgets(config);
    expect(b.chargeWork("a", 1, 0, 0, config.burstBytes)).toBeNull();
    expect(b.chargeWork("a", 1, 0, 0, 1)).toEqual({ what: "bytes", retryAfterSeconds: 1 });
    // Neither the work nor the blocks of the refused update were charged.
    expect(b.chargeWork("a", config.burstWork - 1, 0, config.burstBlocks)).toBeNull();
    expect(b.charge("a", 1, 0)?.what).toBe("bytes");
  });

  it("charges bytes and decoded work; a refused message costs nothing", () => {
    const b = new AccountBudgets(config);
    expect(b.charge("a", 3500, 0)).toBeNull();
    const over = b.charge("a", 1000, 0);
    expect(over).toEqual({ what: "bytes", retryAfterSeconds: 1 });
    // The refusal took nothing: 500 bytes still fit.
    expect(b.charge("a", 500, 0)).toBeNull();
    expect(b.chargeWork("a", 1000, 0)).toBeNull();
    expect(b.chargeWork("a", 300, 0)).toEqual({ what: "work", retryAfterSeconds: 3 });
    expect(b.chargeWork("a", 300, 3000)).toBeNull();
  });

  it("forgets accounts whose buckets are full again", () => {
    const b = new AccountBudgets(config);
    b.charge("a", 10, 0);
    b.charge("b", 10, 0);
    expect(b.size).toBe(2);
    b.charge("c", 10, 60_000);
    expect(b.size).toBe(1);
  });
});
