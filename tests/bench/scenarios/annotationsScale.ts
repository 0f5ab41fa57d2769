/// Annotations at scale (issue 16): Glossa in its own server process
/// (`startGlossa`, SQLite, core 0) like the other scenarios, one document
/// (the letter ×10, ~47 KB of text, and ×214, ~1 MB) with 0, 1,000 and 10,000
/// annotations created in one batch on seeded words (lib/annotate.ts, in the
/// server process). For each count: a full reconcile; one writer typing to a
/// reader (client processes, core 1): edit → remote and the server's longest
/// event-loop stall while typing and in the reconcile after it; a fresh sync
/// by a third client, warm (the document loaded: the pair connected, before
/// typing) and cold (everyone left, so it is loaded again); the first page of the API's
/// list. Bare Hocuspocus has no annotations, so no peer column; the goals
/// compare with the same document without annotations. `GLOSSA_BENCH_ANN=letter`
/// runs the letter ×10 only; `GLOSSA_BENCH_ANN_SCALE=214` and
/// `GLOSSA_BENCH_ANN_COUNTS=0,1000` pick the rows (to iterate on one).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  type BenchServer,
  type Client,
  connectAll,
  startClients,
  startServer,
  stopClients,
  typingRun,
} from "../lib/harness.ts";
import { load, ms, sleep, summary } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

interface Row {
  scale: number;
  count: number;
  createdPerS: number;
  /// The server's longest event-loop stall while the batch was created.
  createStall: number;
  reconcile: { ms: number; stall: number; checked: number };
  remoteP50: number;
  remoteP99: number;
  typingStall: number;
  afterStall: number;
  /// Cold: the documents unloaded before the client came (text / both).
  fresh: number;
  freshAll: number;
  /// Warm: the documents loaded (the writer and reader connected).
  warm: number;
  warmAll: number;
  cost: StateCost;
  listFirst: number;
  listStall: number;
  load: string;
}

interface DocCost {
  bytes: number;
  structs: number;
  encodeMs: number;
  applyMs: number;
}
/// What a fresh sync moves (clientWorker's `stateCost`): each document's
/// encoded size, Yjs structs, and the CPU to encode it and apply it to a new Y.Doc.
type StateCost = { text: DocCost; annotations: DocCost };

/// The API's first page of 500 once the document is unloaded (everyone
/// left): the request loads it again. Its time and the server's longest
/// event-loop stall meanwhile.
async function listFirstPage(
  s: BenchServer,
  docId: string,
  token: string,
): Promise<{ ms: number; stall: number }> {
  for (let waited = 0; (await s.stats()).docs > 0 && waited < 60_000; waited += 200)
    await sleep(200);
  await s.stats(); // resets the stall monitor
  const http = s.wsUrl.replace(/^ws/, "http").replace(/\/collab$/, "");
  const t0 = performance.now();
  const res = await fetch(`${http}/api/documents/${docId}/annotations?limit=500`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`list: HTTP ${res.status}`);
  const ms = performance.now() - t0;
  return { ms, stall: (await s.stats()).eldMax };
}

/// With GLOSSA_STALLS set (the server records its stalls, lib/serverWorker.ts)
/// and GLOSSA_STALLS_OUT=<file>: the stalls since the last call, labelled
/// with `phase`, appended to that file (for tests/perf/profileStalls.ts).
async function keepStalls(s: BenchServer, phase: string): Promise<void> {
  const out = process.env.GLOSSA_STALLS_OUT;
  if (!process.env.GLOSSA_STALLS || !out) return;
  const got = await s.call<{ endUs: number; ms: number }[]>("stalls");
  const had = existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as unknown[]) : [];
  writeFileSync(out, JSON.stringify([...had, ...got.map((x) => ({ ...x, phase }))]));
}

/// One count on the loaded server: reconcile, typing, the reconcile after it, fresh sync, list.
async function measureCount(
  s: BenchServer,
  pool: Client[],
  doc: { id: string; tokens: string[] },
  a: { scale: number; count: number; created: number; createStall: number; measureMs: number },
): Promise<Row> {
  const reconcile = await s.call<Row["reconcile"]>("reconcile", doc.id, 600_000);
  const pair = pool.slice(0, 2);
  const { instance } = await connectAll([s], pair, doc.id, doc.tokens);
  // Warm: the documents loaded (the pair connected), before the typing run
  // and outside its stall windows (a warm sync's own stall: docs/benchmarks.md).
  const fresh = { kind: "glossa", url: s.wsUrl, docId: doc.id, token: doc.tokens[2] };
  const warm = await pool[2]!.call<{ textMs: number; allMs: number }>(
    "connect",
    { ...fresh, name: "Warm" },
    600_000,
  );
  await pool[2]!.call("disconnect");
  const tag = `x${a.scale}/${a.count}`;
  await keepStalls(s, `${tag} before typing`);
  const r = await typingRun([s], pair, instance, {
    rate: 10,
    warmMs: 500,
    measureMs: a.measureMs,
    writers: 1,
  });
  await Promise.all(pair.map((c) => c.call("disconnect")));
  // The reconcile after a pause in typing (800 ms; at once when the last one leaves).
  await keepStalls(s, `${tag} typing`);
  await sleep(1_500);
  const after = await s.stats();
  await keepStalls(s, `${tag} after`);
  // Everyone left: the documents are unloaded once stored (checked).
  for (let waited = 0; (await s.stats()).docs > 0 && waited < 60_000; waited += 200)
    await sleep(200);
  const cold = await pool[2]!.call<{ textMs: number; allMs: number }>(
    "connect",
    { ...fresh, name: "Fresh" },
    600_000,
  );
  const cost = await pool[2]!.call<StateCost>("stateCost", { reps: 21 }, 600_000);
  await pool[2]!.call("disconnect");
  const remote = summary(r.remote);
  return {
    scale: a.scale,
    count: a.count,
    createdPerS: a.created,
    createStall: a.createStall,
    reconcile,
    remoteP50: remote.p50,
    remoteP99: remote.p99,
    typingStall: r.eldMax[0]!,
    afterStall: after.eldMax,
    fresh: cold.textMs,
    freshAll: cold.allMs,
    warm: warm.textMs,
    warmAll: warm.allMs,
    cost,
    ...(await listFirstPage(s, doc.id, doc.tokens[0]!).then((l) => ({
      listFirst: l.ms,
      listStall: l.stall,
    }))),
    load: load(),
  };
}

async function measureDoc(
  scale: number,
  counts: number[],
  pool: Client[],
  measureMs: number,
  progress: (m: string) => void,
): Promise<Row[]> {
  const s = await startServer("glossa");
  const rows: Row[] = [];
  try {
    const users = await s.call<{ id: string; token: string }[]>("createUsers", 3);
    const [id] = await s.call<string[]>(
      "createDocs",
      { count: 1, scale, share: users.map((u) => u.id) },
      600_000,
    );
    const doc = { id: id!, tokens: users.map((u) => u.token) };
    // One unmeasured connection first: the fresh client's process is then as
    // warm at 0 annotations as at 1,000 (its first connection compiles the client code).
    await pool[2]!.call("connect", {
      kind: "glossa",
      url: s.wsUrl,
      docId: doc.id,
      token: doc.tokens[2],
      name: "Warm-up",
    });
    await pool[2]!.call("disconnect");
    let have = 0;
    for (const count of counts) {
      let created = Number.NaN;
      let createStall = Number.NaN;
      if (count > have) {
        const c = await s.call<{ ms: number; stall: number }>(
          "annotate",
          { id: doc.id, count: count - have, seed: 7 + count },
          600_000,
        );
        created = (count - have) / (c.ms / 1000);
        createStall = c.stall;
        have = count;
        // Old enough to be judged (RECONCILE_MIN_AGE_MS).
        await sleep(3_100);
      }
      const row = await measureCount(s, pool, doc, {
        scale,
        count,
        created,
        createStall,
        measureMs,
      });
      rows.push(row);
      progress(
        `letter ×${scale}, ${count} annotations: remote p99 ${ms(row.remoteP99)} ms, stall ${ms(Math.max(row.typingStall, row.afterStall))} ms, fresh sync cold ${ms(row.fresh)} ms, warm ${ms(row.warm)} ms (load ${row.load})`,
      );
    }
  } finally {
    await s.stop();
  }
  return rows;
}

function costRow(r: Row): string {
  const { text: t, annotations: a } = r.cost;
  const kib = (b: number) => (b / 1024).toFixed(1);
  return `| ×${r.scale} | ${r.count.toLocaleString("en-US")} | ${kib(t.bytes)} | ${t.structs.toLocaleString("en-US")} | ${ms(t.encodeMs)} / ${ms(t.applyMs)} | ${kib(a.bytes)} | ${a.structs.toLocaleString("en-US")} | ${ms(a.encodeMs)} / ${ms(a.applyMs)} |`;
}

function figures(rows: Row[]): Figure[] {
  return rows.flatMap((r) => {
    const at = `letter ×${r.scale}, ${r.count.toLocaleString("en-US")} annotations`;
    const none = rows.find((x) => x.scale === r.scale && x.count === 0);
    return [
      { metric: `${at}: remote edit p99`, unit: "ms", glossa: r.remoteP99, goal: "≤ 4 ms p99" },
      ...(Number.isFinite(r.createdPerS)
        ? [
            {
              metric: `${at}: batch creation`,
              unit: "annotations/s",
              glossa: r.createdPerS,
              goal: "≥ 1,000/s",
            },
            {
              metric: `${at}: batch creation, longest loop stall`,
              unit: "ms",
              glossa: r.createStall,
              goal: "≤ 20 ms",
            },
          ]
        : []),
      {
        metric: `${at}: longest loop stall (typing, reconcile)`,
        unit: "ms",
        glossa: Math.max(r.typingStall, r.afterStall, r.reconcile.stall),
        goal: "≤ 20 ms",
      },
      {
        metric: `${at}: fresh sync`,
        unit: "ms",
        glossa: r.fresh,
        goal: none && r.count > 0 ? `≤ 1.2 × ${ms(none.fresh)} ms (none)` : undefined,
      },
      {
        metric: `${at}: fresh sync, warm`,
        unit: "ms",
        glossa: r.warm,
        goal: none && r.count > 0 ? `≤ 1.2 × ${ms(none.warm)} ms (none)` : undefined,
      },
      {
        metric: `${at}: fresh sync, client CPU to apply the text`,
        unit: "ms",
        glossa: r.cost.text.applyMs,
        goal: none && r.count > 0 ? `≤ 1.2 × ${ms(none.cost.text.applyMs)} ms (none)` : undefined,
      },
      {
        metric: `${at}: list, first page after an unload`,
        unit: "ms",
        glossa: r.listFirst,
        goal: "≤ 200 ms",
      },
      { metric: `${at}: list, its longest loop stall`, unit: "ms", glossa: r.listStall },
    ];
  });
}

const scenario: Scenario = {
  name: "Annotations at scale",
  async run(progress, { quick }) {
    const docs = process.env.GLOSSA_BENCH_ANN === "letter" || quick ? [10] : [10, 214];
    const counts = quick ? [0, 1_000] : [0, 1_000, 10_000];
    // Iterating on one row: GLOSSA_BENCH_ANN_SCALE=214, GLOSSA_BENCH_ANN_COUNTS=0,1000.
    const only = (v: string | undefined) => v?.split(",").map(Number);
    const scales = only(process.env.GLOSSA_BENCH_ANN_SCALE) ?? docs;
    const wanted = only(process.env.GLOSSA_BENCH_ANN_COUNTS) ?? counts;
    const measureMs = quick ? 2_000 : 5_000;
    const pool = await startClients(3, progress);
    const rows: Row[] = [];
    try {
      for (const scale of scales)
        rows.push(...(await measureDoc(scale, wanted, pool, measureMs, progress)));
    } finally {
      await stopClients(pool);
    }
    const body = rows.map(
      (r) =>
        `| ×${r.scale} | ${r.count.toLocaleString("en-US")} | ${Number.isFinite(r.createdPerS) ? Math.round(r.createdPerS).toLocaleString("en-US") : "–"} | ${Number.isFinite(r.createStall) ? ms(r.createStall) : "–"} | ${ms(r.reconcile.ms)} (${r.reconcile.checked}) | ${ms(r.reconcile.stall)} | ${ms(r.remoteP50)} / ${ms(r.remoteP99)} | ${ms(r.typingStall)} | ${ms(r.afterStall)} | ${ms(r.fresh)} / ${ms(r.freshAll)} | ${ms(r.warm)} / ${ms(r.warmAll)} | ${ms(r.listFirst)} (${ms(r.listStall)}) | ${r.load} |`,
    );
    const markdown = `Glossa in its own process (SQLite, core 0); clients in their own processes (core 1). Annotations
created in one batch (\`AnnotationService.createMany\`, in the server process, a large batch in slices) on
seeded words, with the server's longest event-loop stall meanwhile; then a
full reconcile (every annotation checked once); one writer typing 10 edits/s for ${measureMs / 1000} s to one reader
(edit → remote); the server's longest event-loop stall (\`monitorEventLoopDelay\`) while typing and in
the 1.5 s after (the reconcile after a pause); a fresh sync by a third client (text / text and
annotations; its process made one unmeasured connection first), warm while the pair is connected (before
the typing) and cold once everyone left and the documents were unloaded (they are loaded again for it); the API's first page of 500 annotations once the document is unloaded (the request loads it again),
with the server's longest event-loop stall meanwhile in brackets. Creation at 10,000 is
the rate of the 9,000 added to the first 1,000. Bare Hocuspocus has no annotations: no peer.

| doc | annotations | created / s (batch) | its max stall, ms | full reconcile, ms (checked) | its max stall, ms | edit → remote p50 / p99, ms | max stall typing, ms | max stall after, ms | fresh sync cold ms (text / both) | warm ms (text / both) | list, first page ms (stall) | load |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${body.join("\n")}

What a fresh sync moves and costs (CPU, median of 21 after 3 unmeasured, in the fresh client's
process after it synced; the CPU figures still vary with the machine's load, the sizes do not): each document's encoded state, its Yjs structs (items and deletions), the CPU to
encode it (what the server does for each fresh client) and to apply it to a new Y.Doc (what the
client does). Annotations are marks in the text (\`annotations/yMarks.ts\`): each one splits the
text it covers off its neighbours and adds a format item at each end.

| doc | annotations | text KiB | text structs | text encode / apply CPU ms | annotations doc KiB | its structs | its encode / apply CPU ms |
|---|--:|--:|--:|--:|--:|--:|--:|
${rows.map(costRow).join("\n")}
`;
    return { markdown, figures: figures(rows) };
  },
};
export default scenario;
