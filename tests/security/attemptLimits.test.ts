import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AttemptLimiter, PostgresStore, SqliteStore, type Store } from "@glossa/server";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../utils/services.ts";

/// Failed sign-in attempts are counted in the store: two server instances
/// (two connections to one store) share one budget per account and address.
describe("attempt limits shared through the store", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  const check = async ([a, b]: Store[]) => {
    // Two instances, one budget of 3 per second.
    const one = new AttemptLimiter(a!, "account", 3, 1000);
    const two = new AttemptLimiter(b!, "account", 3, 1000);
    expect(await one.retryAfter("ana@example.org", 0)).toBe(0);
    await one.fail("ana@example.org", 0);
    await two.fail("ana@example.org", 100);
    expect(await one.retryAfter("ana@example.org", 200)).toBe(0);
    await two.fail("ana@example.org", 200);
    // The third failure, on the other instance, blocks both.
    expect(await one.retryAfter("ana@example.org", 300)).toBe(1);
    expect(await two.retryAfter("ana@example.org", 300)).toBe(1);
    expect(await two.retryAfter("bob@example.org", 300)).toBe(0);
    // Free again as the oldest leaves the window.
    expect(await one.retryAfter("ana@example.org", 1000)).toBe(0);
    // Another scope counts apart; a success forgets the account's failures.
    expect(
      await new AttemptLimiter(a!, "address", 3, 1000).retryAfter("ana@example.org", 300),
    ).toBe(0);
    await two.reset("ana@example.org");
    expect(await one.retryAfter("ana@example.org", 300)).toBe(0);
    // Recording forgets what is past the window, for every key.
    await one.fail("carl@example.org", 0);
    expect(await a!.failedAttemptsSince("account", "carl@example.org", -1)).toEqual([0]);
    await two.fail("x", 5000);
    expect(await a!.failedAttemptsSince("account", "carl@example.org", -1)).toEqual([]);
  };

  it("on SQLite (one data folder, two connections)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-limits-"));
    const stores = [new SqliteStore(dir), new SqliteStore(dir)];
    cleanups.push(async () => {
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await check(stores);
  });

  it("on PostgreSQL (two pools)", async () => {
    const { url, drop } = await createDatabase("glossa_limits");
    const stores = [await PostgresStore.open(url), await PostgresStore.open(url)];
    cleanups.push(async () => {
      for (const s of stores) await s.close();
      await drop();
    });
    await check(stores);
  });
});
