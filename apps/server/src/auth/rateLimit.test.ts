import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "./rateLimit.ts";

describe("AttemptLimiter", () => {
  it("blocks after max failures within the window and frees up as they age", () => {
    const l = new AttemptLimiter(3, 1000);
    expect(l.retryAfter("a", 0)).toBe(0);
    l.fail("a", 0);
    l.fail("a", 100);
    expect(l.retryAfter("a", 200)).toBe(0);
    l.fail("a", 200);
    expect(l.retryAfter("a", 300)).toBe(1);
    expect(l.retryAfter("b", 300)).toBe(0);
    expect(l.retryAfter("a", 1000)).toBe(0);
  });

  it("forgets a key on reset and bounds the number of keys", () => {
    const l = new AttemptLimiter(1, 1000, 2);
    l.fail("a", 0);
    l.reset("a");
    expect(l.retryAfter("a", 1)).toBe(0);
    l.fail("x", 0);
    l.fail("y", 0);
    l.fail("z", 0);
    expect(l.retryAfter("x", 1)).toBe(0);
    expect(l.retryAfter("z", 1)).toBe(1);
  });
});
