/// Part 3: server memory with 1, 50 and 200 loaded copies of the letter,
/// and with one document 10× the letter. Documents are loaded through
/// Hocuspocus' own load path (`openDirectConnection`: the same onLoadDocument
/// / afterLoadDocument hooks as a websocket client, without a socket), in a
/// fresh server process; RSS and heap are read after three full GCs.
import { type BenchServer, type Kind, type ServerStats, startServer } from "./harness.ts";
import { letterDoc, letterUpdate } from "./letter.ts";
import { kib, mib, ms, table } from "./stats.ts";

interface Step {
  label: string;
  docs: number;
  s: ServerStats;
  loadMs?: number;
}

async function series(kind: Kind, template: string, progress: (m: string) => void) {
  const server: BenchServer = await startServer(kind);
  const steps: Step[] = [];
  try {
    const ids = await server.call<string[]>(
      "createDocs",
      { count: 200, scale: 1, template },
      300_000,
    );
    steps.push({ label: "0 (started, 200 stored)", docs: 0, s: await server.stats(true) });
    let loaded = 0;
    for (const target of [1, 50, 200]) {
      const r = await server.call<{ ms: number }>("open", { ids: ids.slice(loaded, target) });
      loaded = target;
      steps.push({
        label: String(target),
        docs: target,
        s: await server.stats(true),
        loadMs: r.ms,
      });
      progress(`memory ${kind}: ${target} letters loaded, RSS ${mib(steps.at(-1)!.s.rss)} MiB`);
    }
    await server.call("closeDirect");
    steps.push({ label: "after unloading all", docs: 0, s: await server.stats(true) });
  } finally {
    await server.stop();
  }
  return steps;
}

async function big(kind: Kind, template10: string, template1: string) {
  const server = await startServer(kind);
  try {
    const [small] = await server.call<string[]>("createDocs", {
      count: 1,
      scale: 1,
      template: template1,
    });
    const [large] = await server.call<string[]>("createDocs", {
      count: 1,
      scale: 10,
      template: template10,
    });
    // One letter first, so the 10× delta excludes first-load warm-up.
    await server.call("open", { ids: [small] });
    const before = await server.stats(true);
    const r = await server.call<{ ms: number }>("open", { ids: [large] });
    const after = await server.stats(true);
    return { before, after, loadMs: r.ms };
  } finally {
    await server.stop();
  }
}

type Measured = Record<Kind, { steps: Step[]; big: Awaited<ReturnType<typeof big>> }>;

/// Both servers' series of loads and their load of the 10× letter.
async function measureBoth(
  progress: (m: string) => void,
  template: string,
  template10: string,
): Promise<Measured> {
  const res = {} as Measured;
  for (const kind of ["glossa", "hocuspocus"] as const) {
    const steps = await series(kind, template, progress);
    const b = await big(kind, template10, template);
    progress(
      `memory ${kind}: 10× letter adds ${mib(b.after.heapUsed - b.before.heapUsed)} MiB heap`,
    );
    res[kind] = { steps, big: b };
  }
  return res;
}

export async function memory(
  progress: (m: string) => void,
): Promise<{ markdown: string; summary: string[] }> {
  const t1 = letterUpdate(1);
  const t10 = letterUpdate(10);
  const template = Buffer.from(t1).toString("base64");
  const template10 = Buffer.from(t10).toString("base64");
  const res = await measureBoth(progress, template, template10);
  const label = (k: Kind) => (k === "glossa" ? "Glossa" : "Hocuspocus (bare)");
  const rows = (["glossa", "hocuspocus"] as const).flatMap((k) =>
    res[k].steps.map((st) => [
      label(k),
      st.label,
      mib(st.s.rss),
      mib(st.s.heapUsed),
      mib(st.s.external),
      st.loadMs === undefined ? "–" : ms(st.loadMs),
    ]),
  );
  const per = (k: Kind, field: "rss" | "heapUsed" | "external") => {
    const s = res[k].steps;
    const at50 = s.find((x) => x.docs === 50)!.s;
    const at200 = s.find((x) => x.docs === 200)!.s;
    return (at200[field] - at50[field]) / 150;
  };
  const perRows = (["glossa", "hocuspocus"] as const).map((k) => [
    label(k),
    kib(per(k, "rss")),
    kib(per(k, "heapUsed")),
    kib(per(k, "external")),
    kib(res[k].big.after.rss - res[k].big.before.rss),
    kib(res[k].big.after.heapUsed - res[k].big.before.heapUsed),
    ms(res[k].big.loadMs),
  ]);
  const ratio = per("glossa", "heapUsed") / per("hocuspocus", "heapUsed");
  const markdown = `### 3. Server memory per loaded document

Fresh server process per series (pinned to core 0, \`--expose-gc\`), 200 copies of the letter stored
(${kib(t1.byteLength)} KiB as a Yjs update; Glossa: one journal row each, created with \`documents.create\`;
baseline: one SQLite row each), then loaded 1, 50, 200 at a time through \`openDirectConnection\`
(no websocket connections: this is the documents' cost, not the connections'). Memory after three
full GCs. Load ms = wall time to load that step's documents, 10 at a time.

${table(["server", "documents loaded", "RSS MiB", "heap used MiB", "external MiB", "load ms"], rows)}

Per-document overhead from the 50 → 200 step, and one document 10× the letter (${kib(t10.byteLength)} KiB as
a Yjs update, ${letterDoc(10).doc.textContent.length.toLocaleString("en-US")} characters) loaded in a fresh server after one letter:

${table(
  [
    "server",
    "RSS KiB / letter",
    "heap KiB / letter",
    "external KiB / letter",
    "10× letter: RSS KiB",
    "10× letter: heap KiB",
    "10× letter: load ms",
  ],
  perRows,
)}

RSS per document is noisy (the allocator keeps freed pages; it rarely shrinks after unloading), so
the heap columns are the better per-document figure. Glossa's heap per loaded letter is ${ratio.toFixed(1)}× the
baseline's. **Against docs/performance.md:** crdt-benchmarks B4 holds a 160 KB-encoded document in 3.2 MB of
heap and B4x100 (16 MB encoded) in 327 MB (A1/A2), about 20 bytes of heap per encoded byte; the
letter's ${kib(t1.byteLength)} KiB update costing ${kib(per("hocuspocus", "heapUsed"))} KiB of heap in bare Hocuspocus is
${(per("hocuspocus", "heapUsed") / t1.byteLength).toFixed(0)} bytes per encoded byte (Hocuspocus' Document,
awareness and maps included). docs/performance.md §3 names per-document RAM as Hocuspocus' scaling limit
(#240); no per-document figure is published for it.`;
  const base = (k: Kind) => res[k].steps[0]!.s.rss;
  return {
    markdown,
    summary: [
      `Memory: heap per loaded letter ${kib(per("glossa", "heapUsed"))} KiB (Glossa) vs ${kib(per("hocuspocus", "heapUsed"))} KiB (bare); RSS of a started server with no document loaded ${mib(base("glossa"))} vs ${mib(base("hocuspocus"))} MiB.`,
    ],
  };
}
