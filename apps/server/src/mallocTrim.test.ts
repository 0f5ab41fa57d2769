import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { mallocTrims, releaseBeforeTrim, trimMallocSoon } from "./mallocTrim.ts";
import { GLIBC_TUNABLES } from "./runtime.ts";
import { MergeWorker } from "./storage/mergeWorker.ts";
import { SqliteStore } from "./storage/SqliteStore.ts";

const linux = process.platform === "linux";
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

/// A node process that leaves glibc's main arena fragmented (small buffers
/// freed around a few kept ones), then reads its resident main arena before
/// and after one mallocTrim().
const FRAGMENT = `
const { readFileSync } = require("node:fs");
const { mallocTrim } = require(process.argv[1]);
const arena = () => {
  const s = readFileSync("/proc/self/smaps", "utf8");
  const i = s.indexOf("[heap]");
  return i < 0 ? 0 : Number(/Rss:\\s+(\\d+) kB/.exec(s.slice(i))[1]) * 1024;
};
let bufs = [];
for (let i = 0; i < 20000; i++) bufs.push(Buffer.allocUnsafeSlow(2000 + (i % 3000)));
const kept = bufs.filter((_, i) => i % 50 === 0);
bufs = null;
globalThis.gc(); globalThis.gc();
const before = arena();
const released = mallocTrim();
console.log(JSON.stringify({ before, after: arena(), released, kept: kept.length }));
`;

describe.skipIf(!linux)("mallocTrim (glibc)", () => {
  it("is built and loaded (scripts/build-native.mjs, run by pnpm install)", () => {
    expect(mallocTrims.available).toBe(true);
  });

  // First: no request has started the GC watch yet in this file's process.
  it("after the merge worker's stop (every compaction while people type): one trim, caches kept, no GCs watched", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    let released = 0;
    const unregister = releaseBeforeTrim(() => released++);
    const merger = new MergeWorker(50);
    const delayed0 = mallocTrims.delayed;
    await merger.merge([new Uint8Array([0, 0])]);
    await waitFor(() => expect(mallocTrims.delayed).toBe(delayed0 + 1));
    const afterGc0 = mallocTrims.afterGc;
    gc();
    await new Promise((r) => setTimeout(r, 300));
    expect(mallocTrims.afterGc).toBe(afterGc0);
    expect(released).toBe(0);
    unregister();
    await merger.close();
  }, 30_000);

  it("gives a fragmented main arena's free pages back to the system", () => {
    const addon = fileURLToPath(new URL("../native/mallocTrim.node", import.meta.url));
    const r = spawnSync(process.execPath, ["--expose-gc", "-e", FRAGMENT, addon], {
      encoding: "utf8",
      env: { ...process.env, GLIBC_TUNABLES },
    });
    expect(r.stderr).toBe("");
    const { before, after, released } = JSON.parse(r.stdout) as Record<string, number>;
    // ~70 MB of 2–5 KB buffers, 1 in 50 kept: the tunables' trim threshold
    // cannot return what lies below the kept ones; a trim does.
    expect(released).toBe(true);
    expect(before - after).toBeGreaterThan(30 * 2 ** 20);
  });

  it("trims once for a burst of requests, then after each major GC while watching", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const delayed0 = mallocTrims.delayed;
    for (let i = 0; i < 5; i++) trimMallocSoon();
    await waitFor(() => expect(mallocTrims.delayed).toBe(delayed0 + 1));
    await new Promise((r) => setTimeout(r, 200));
    expect(mallocTrims.delayed).toBe(delayed0 + 1);
    // V8 may run a major GC of its own meanwhile: at least ours is followed by a trim.
    const afterGc0 = mallocTrims.afterGc;
    gc();
    await waitFor(() => expect(mallocTrims.afterGc).toBeGreaterThan(afterGc0));
    expect(mallocTrims.done).toBe(mallocTrims.delayed + mallocTrims.afterGc);
  });

  it("trims after the merge worker's thread stops", async () => {
    const merger = new MergeWorker(50);
    const requested0 = mallocTrims.requested;
    await merger.merge([new Uint8Array([0, 0])]);
    await waitFor(() => expect(mallocTrims.requested).toBe(requested0 + 1));
    await merger.close();
  }, 30_000);

  it("empties a SQLite store's page cache before a trim that follows unloads", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-trim-"));
    const store = new SqliteStore(dir);
    const pragmas: string[] = [];
    const pragma = store.db.pragma.bind(store.db);
    store.db.pragma = ((sql: string, o?: object) => {
      pragmas.push(sql);
      return pragma(sql, o);
    }) as typeof store.db.pragma;
    const delayed0 = mallocTrims.delayed;
    trimMallocSoon();
    await waitFor(() => expect(mallocTrims.delayed).toBe(delayed0 + 1));
    expect(pragmas).toEqual(["shrink_memory"]);
    await store.close();
    // Closed: no longer asked.
    trimMallocSoon();
    await waitFor(() => expect(mallocTrims.delayed).toBe(delayed0 + 2));
    expect(pragmas).toEqual(["shrink_memory"]);
    rmSync(dir, { recursive: true, force: true });
  });
});
