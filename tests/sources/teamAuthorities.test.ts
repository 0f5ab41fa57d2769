import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresStore, SourceCatalog, SqliteStore, type Store } from "@glossa/server";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../utils/services.ts";

const report = (n: number) => ({
  kind: "report",
  title: `Field report ${n} on returns to Mexico`,
  canonical: `Field report ${n} (2019)`,
  date: "2019-01-15",
});

/// Team authorities are one stored value shared by every process (server
/// instances, the CLI). Two processes adding at the same moment must both
/// be kept, and so must edits and deletions: each write is a compare-and-set,
/// retried on the newer value.
describe("team authorities: simultaneous additions, edits and deletions from two processes", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  const run = async (open: () => Promise<Store[]>) => {
    const [a, b] = await open();
    // Two catalogs over the same store: what two processes hold.
    const one = new SourceCatalog(a!);
    const two = new SourceCatalog(b!);
    const by = { id: "u1", name: "Ana" };
    const added = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).add(report(i), by)),
    );
    expect(new Set(added.map((x) => x.key)).size).toBe(10);
    for (const c of [one, two, new SourceCatalog(a!)]) {
      const keys = (await c.catalog()).teamAuthorities().map((x) => x.key);
      expect(keys.sort()).toEqual(added.map((x) => x.key).sort());
    }
    // Edits and deletions at the same moment from both: every one lands.
    const keys = added.map((x) => x.key).sort();
    await Promise.all(
      keys.map((key, i) =>
        i < 5
          ? (i % 2 ? one : two).update(key, { summary: `edited ${i}` }, by)
          : (i % 2 ? one : two).remove(key, by),
      ),
    );
    for (const c of [one, two, new SourceCatalog(b!)]) {
      const left = (await c.catalog()).teamAuthorities();
      expect(left.map((x) => x.key).sort()).toEqual(keys.slice(0, 5));
      expect(left.map((x) => x.summary).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `edited ${i}`));
      for (const key of keys.slice(5)) expect((await c.retiredOf(key))?.deletedBy).toEqual(by);
    }
  };

  it("on SQLite (one data folder, two connections)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-team-"));
    await run(async () => {
      const stores = [new SqliteStore(dir), new SqliteStore(dir)];
      cleanups.push(async () => {
        for (const s of stores) await s.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return stores;
    });
  });

  it("on PostgreSQL (two pools)", async () => {
    const { url, drop } = await createDatabase("glossa_team");
    await run(async () => {
      const stores = [await PostgresStore.open(url), await PostgresStore.open(url)];
      cleanups.push(async () => {
        for (const s of stores) await s.close();
        await drop();
      });
      return stores;
    });
  });
});
