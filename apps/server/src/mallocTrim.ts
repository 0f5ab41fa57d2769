import { createRequire } from "node:module";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

/// glibc's `malloc_trim(0)`, from `native/mallocTrim.node` (mallocTrim.c,
/// built by scripts/build-native.mjs); null where it was not built (no C
/// compiler, not Linux with glibc): the server then runs as before.
/// Why: after everyone leaves, what glibc's arenas freed below their top
/// stays resident (the short hostile suite: main arena 5.6 → 23–30 MiB
/// with 5.3 MiB in use); its trim threshold only returns the top, and node
/// never calls malloc_trim (docs/benchmarks.md, "Memory").
function loadTrim(): (() => boolean) | null {
  try {
    const require = createRequire(import.meta.url);
    const file = fileURLToPath(new URL("../native/mallocTrim.node", import.meta.url));
    return (require(file) as { mallocTrim: () => boolean }).mallocTrim;
  } catch {
    return null;
  }
}

const trim = loadTrim();

/// A trim this long after the first request since the last one: a burst of
/// unloads (or a merge worker's stop right after them) costs one trim.
export const TRIM_DELAY_MS = 500;
/// For this long after the last request, each major GC is followed by a
/// trim too: an unloaded document's buffers are freed by the GCs after its
/// unload, not at it.
export const TRIM_AFTER_GC_MS = 30_000;

/// Counts for tests and the benchmark's server stats.
export const mallocTrims = {
  available: trim !== null,
  requested: 0,
  /// Trims done: `delayed` (TRIM_DELAY_MS after a request) + `afterGc`.
  done: 0,
  delayed: 0,
  afterGc: 0,
};

/// Caches holding malloc'd memory in use, emptied before each delayed trim.
const releasers = new Set<() => void>();

/// Registers `release` (SQLite's page cache: `PRAGMA shrink_memory`) to run
/// before each trim that follows a request — not after GCs, which come often
/// on a busy server. Returns the way to unregister it.
export function releaseBeforeTrim(release: () => void): () => void {
  releasers.add(release);
  return () => releasers.delete(release);
}

let timer: NodeJS.Timeout | null = null;
/// The next delayed trim empties the registered caches first (not `alone`).
let releaseCaches = false;
let watchUntil = 0;
let gcWatch: PerformanceObserver | null = null;

function trimNow(): void {
  mallocTrims.done += 1;
  trim?.();
}

/// Major GCs while watching: one trim after each batch of them.
function watchGcs(): void {
  if (gcWatch) return;
  gcWatch = new PerformanceObserver((list) => {
    if (Date.now() > watchUntil) {
      gcWatch?.disconnect();
      gcWatch = null;
      return;
    }
    const major = list.getEntries().some((e) => {
      const detail = (e as { detail?: { kind?: number } }).detail;
      return detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
    });
    if (!major) return;
    mallocTrims.afterGc += 1;
    trimNow();
  });
  gcWatch.observe({ entryTypes: ["gc"] });
}

/// Asks for the process's free malloc pages to be given back: called when
/// memory was just let go — a document unloaded, a worker thread stopped.
/// One trim after TRIM_DELAY_MS (the registered caches emptied first), then one after each major GC for
/// TRIM_AFTER_GC_MS. Each trim walks every arena (every thread's, the
/// workers' included) and returns their free whole pages (madvise); a later
/// allocation there faults a page back in. Never on the edit path.
/// `alone`: the one trim only, caches kept and no GCs watched — for the merge
/// worker's stop, which comes after every compaction while people type (a
/// watch renewed by it trimmed after every major GC and emptied SQLite's
/// cache every few seconds: Glossa's CPU with 10 typists 20 % vs 13 %).
export function trimMallocSoon(options: { alone?: boolean } = {}): void {
  mallocTrims.requested += 1;
  if (!trim) return;
  if (!options.alone) {
    watchUntil = Date.now() + TRIM_AFTER_GC_MS;
    releaseCaches = true;
    watchGcs();
  }
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    mallocTrims.delayed += 1;
    if (releaseCaches) {
      releaseCaches = false;
      for (const release of releasers) {
        try {
          release();
        } catch {
          // A closed database: nothing to release.
        }
      }
    }
    trimNow();
  }, TRIM_DELAY_MS);
  timer.unref();
}
