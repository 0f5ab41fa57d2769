/// The server's memory in the hostile-tenant run (tests/security/hostile.ts):
/// read once everyone has left, and the probes of memory work.
import path from "node:path";
import type { BenchServer, ServerStats } from "../bench/lib/harness.ts";
import { timed } from "../bench/lib/phases.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/// Memory work, not asserted: GLOSSA_SMAPS=1 prints the server's RSS by kind
/// of mapping at the start and the end (after everyone left);
/// GLOSSA_HEAPSNAP=<folder> writes its heap snapshots there.
export async function memoryProbes(server: BenchServer): Promise<{ atEnd(): Promise<void> }> {
  const smapsStart = process.env.GLOSSA_SMAPS ? await server.call("smaps") : null;
  const snaps = process.env.GLOSSA_HEAPSNAP;
  if (snaps) await server.call("heapSnapshot", path.join(snaps, "start.heapsnapshot"));
  return {
    async atEnd() {
      if (snaps) await server.call("heapSnapshot", path.join(snaps, "end.heapsnapshot"));
      if (!smapsStart) return;
      const mb = (o: Record<string, number>) =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, +(v / 2 ** 20).toFixed(1)]));
      const smapsEnd = (await server.call("smaps")) as Record<string, number>;
      console.log(`smaps start ${JSON.stringify(mb(smapsStart as Record<string, number>))}`);
      console.log(`smaps end   ${JSON.stringify(mb(smapsEnd))}`);
    },
  };
}

export function afterEveryoneLeft(
  server: BenchServer,
  rssStart: number,
): Promise<ServerStats & { settleMs: number }> {
  return timed("wait", () => whenUnloaded(server, rssStart));
}

/// How long memory may take to come back once every document has unloaded:
/// V8 gives its committed but unused heap pages back when its memory reducer
/// runs, ~8–20 s after the server went idle (measured: committed 32.8 →
/// 29.8 MiB, RSS 98 → 95 MiB at +20 s), not at a forced GC.
const SETTLE_MS = 30_000;

/// The server's memory once every document has unloaded: after full GCs,
/// read every 2 s until RSS is back within 10 % of `rssStart` or SETTLE_MS
/// has passed (`settleMs`: how long it took).
async function whenUnloaded(
  server: BenchServer,
  rssStart: number,
): Promise<ServerStats & { settleMs: number }> {
  // Polled without GCs (they ran three full GCs per poll); those once, at the end.
  const deadline = Date.now() + 60_000;
  while ((await server.stats()).docs > 0 && Date.now() < deadline) await sleep(200);
  // Past the merge worker's idle stop (1 s after the last compaction).
  await sleep(2_000);
  const t0 = Date.now();
  let end = await server.stats(true);
  while (end.rss > rssStart * 1.1 && Date.now() - t0 < SETTLE_MS) {
    await sleep(2_000);
    end = await server.stats(false);
  }
  return { ...end, settleMs: Date.now() - t0 };
}

/// The memory fields of a HostileResult, at start and end.
export function memory(start: ServerStats, end: ServerStats & { settleMs: number }) {
  return {
    rssStart: start.rss,
    rssEnd: end.rss,
    heapStart: start.heapUsed,
    heapEnd: end.heapUsed,
    externalStart: start.external,
    externalEnd: end.external,
    arrayBuffersStart: start.arrayBuffers,
    arrayBuffersEnd: end.arrayBuffers,
    heapTotalStart: start.heapTotal,
    heapTotalEnd: end.heapTotal,
    codeStart: start.codeBytes,
    codeEnd: end.codeBytes,
    settleMs: end.settleMs,
    rssAnonStart: start.rssAnon,
    rssAnonEnd: end.rssAnon,
    trims: end.trims,
  };
}
