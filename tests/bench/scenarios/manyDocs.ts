/// Many documents (issue 16): 1,000 and 5,000 connections spread over 500
/// documents (the letter), Glossa beside bare Hocuspocus, each server a fresh
/// process (core 0), the clients in processes of 250 (core 1). Measured: the
/// server's RSS started, with everyone connected, and after everyone left
/// and the documents unloaded (after full GCs); its CPU while they connect
/// and while they sit idle; the time each connection took to sync.
import {
  type BenchServer,
  type Client,
  type Kind,
  type ServerStats,
  startClients,
  startServer,
  stopClients,
} from "../lib/harness.ts";
import { letterUpdate } from "../lib/letter.ts";
import { load, mib, ms, sleep, summary, table } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

interface Run {
  kind: Kind;
  conns: number;
  started: ServerStats;
  connected: ServerStats;
  left: ServerStats;
  connectMs: number[];
  connectCpuMs: number;
  idleCpuPct: number;
  wallMs: number;
  docsLeft: number;
  load: string;
}

const smapsMib = (o: unknown) =>
  Object.entries(o as Record<string, number>)
    .map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(1)}`)
    .join(", ");

/// Connects every client (client i to document i % docs), 20 at a time.
async function connectAll(s: BenchServer, clients: Client[], docs: string[], tokens: string[]) {
  const times: number[] = [];
  for (let i = 0; i < clients.length; i += 20) {
    const batch = clients.slice(i, i + 20);
    const r = await Promise.all(
      batch.map((c) =>
        c.call<{ textMs: number }>("connect", {
          kind: s.kind,
          url: s.wsUrl,
          docId: docs[c.index % docs.length],
          token: tokens[c.index % tokens.length],
          name: `Reader ${c.index}`,
        }),
      ),
    );
    times.push(...r.map((x) => x.textMs));
  }
  return times;
}

async function measure(
  kind: Kind,
  clients: Client[],
  docCount: number,
  idleMs: number,
  progress: (m: string) => void,
): Promise<Run> {
  // Ten accounts hold every connection: the per-person limit (40) raised.
  const s = await startServer(kind, { env: { MAX_CONNECTIONS_PER_USER: "10000" } });
  try {
    const users = await s.call<{ id: string; token: string }[]>("createUsers", 10);
    const template = Buffer.from(letterUpdate()).toString("base64");
    const docs = await s.call<string[]>(
      "createDocs",
      { count: docCount, scale: 1, template, share: users.map((u) => u.id) },
      600_000,
    );
    const started = await s.stats(true);
    const smapsStarted = process.env.GLOSSA_SMAPS ? await s.call("smaps") : null;
    const t0 = Date.now();
    const connectMs = await connectAll(
      s,
      clients,
      docs,
      users.map((u) => u.token),
    );
    const wallMs = Date.now() - t0;
    const after = await s.stats();
    await sleep(idleMs);
    const idle = await s.stats();
    const connected = await s.stats(true);
    await Promise.all(clients.map((c) => c.call("disconnect")));
    // Wait for the documents to be stored and unloaded (at most 30 s; they
    // unload within a second or two, which 1 s polls rounded up).
    for (let i = 0; i < 120 && (await s.stats()).docs > 0; i++) await sleep(250);
    // Past the merge worker's idle stop (1 s after its last compaction) and
    // Glossa's malloc trim after it, as the hostile suite waits.
    await sleep(2_000);
    const left = await s.stats(true);
    if (smapsStarted) {
      // GLOSSA_SMAPS=1: RSS by kind of mapping (lib/smaps.ts), started and left.
      const left = await s.call("smaps");
      progress(`${kind} smaps MiB started ${smapsMib(smapsStarted)}, left ${smapsMib(left)}`);
    }
    const run: Run = {
      kind,
      conns: clients.length,
      started,
      connected,
      left,
      connectMs,
      connectCpuMs: after.cpuMs - started.cpuMs,
      idleCpuPct: ((idle.cpuMs - after.cpuMs) / (idle.at - after.at)) * 100,
      wallMs,
      docsLeft: left.docs,
      load: load(),
    };
    progress(
      `${kind}, ${clients.length} connections: RSS ${mib(started.rss)} → ${mib(connected.rss)} → ${mib(left.rss)} MiB (heap used ${mib(started.heapUsed)} → ${mib(left.heapUsed)}, committed ${mib(started.heapTotal)} → ${mib(left.heapTotal)}; ${left.trims} malloc trims), connect p50 ${ms(summary(connectMs).p50)} ms (load ${run.load})`,
    );
    return run;
  } finally {
    await s.stop();
  }
}

/// Every step, both servers each, on one pool of clients. A step that fails
/// (a connect past the 120 s limit) is reported, and the steps before it
/// keep their figures.
async function measureSteps(
  steps: number[],
  docCount: number,
  idleMs: number,
  quick: boolean,
  progress: (m: string) => void,
): Promise<{ runs: Run[]; failed: string[] }> {
  const pool = await startClients(steps.at(-1)!, progress, 0, quick ? 100 : 250);
  const runs: Run[] = [];
  const failed: string[] = [];
  try {
    for (const n of steps) {
      try {
        for (const kind of ["hocuspocus", "glossa"] as const)
          runs.push(await measure(kind, pool.slice(0, n), docCount, idleMs, progress));
      } catch (err) {
        const bareDone = runs.some((r) => r.conns === n);
        const after = bareDone ? "in Glossa's run (bare's completed)" : "in bare Hocuspocus' run";
        failed.push(
          `${n.toLocaleString("en-US")} connections failed ${after}: ${(err as Error).message} (load ${load()})`,
        );
        progress(`FAILED at ${n} connections: ${(err as Error).message}`);
        break;
      }
    }
  } finally {
    await stopClients(pool);
  }
  return { runs, failed };
}

const scenario: Scenario = {
  name: "Many documents: connections over 500 documents",
  async run(progress, { quick }) {
    const docCount = quick ? 50 : 500;
    // GLOSSA_BENCH_CONNECTIONS=1000 runs only that step (comma-separated).
    const steps = process.env.GLOSSA_BENCH_CONNECTIONS
      ? process.env.GLOSSA_BENCH_CONNECTIONS.split(",").map(Number)
      : quick
        ? [200]
        : [1_000, 5_000];
    // --quick: the idle CPU over 1.5 s instead of 3 s.
    const idleMs = quick ? 1_500 : 3_000;
    const { runs, failed } = await measureSteps(steps, docCount, idleMs, quick, progress);
    if (runs.length === 0) throw new Error(failed.join("; "));
    const label = (k: Kind) => (k === "glossa" ? "Glossa" : "Hocuspocus (bare)");
    const rows = runs.map((r) => {
      const c = summary(r.connectMs);
      return [
        label(r.kind),
        r.conns.toLocaleString("en-US"),
        mib(r.started.rss),
        mib(r.connected.rss),
        ((r.connected.rss - r.started.rss) / r.conns / 1024).toFixed(1),
        mib(r.connected.heapUsed),
        `${mib(r.left.rss)} (${r.docsLeft} loaded)`,
        `${(((r.left.rss - r.started.rss) / r.started.rss) * 100).toFixed(0)} %`,
        `${ms(c.p50)} / ${ms(c.p99)}`,
        ms(r.wallMs),
        ms(r.connectCpuMs),
        r.idleCpuPct.toFixed(1),
        r.load,
      ];
    });
    const get = (k: Kind, n: number) => runs.find((r) => r.kind === k && r.conns === n)!;
    const complete = steps.filter((n) => runs.filter((r) => r.conns === n).length === 2);
    const figures: Figure[] = complete.flatMap((n) => {
      const g = get("glossa", n);
      const b = get("hocuspocus", n);
      const f = (metric: string, unit: string, v: (r: Run) => number, goal?: string) => ({
        metric: `${n.toLocaleString("en-US")} connections: ${metric}`,
        unit,
        glossa: v(g),
        bare: v(b),
        goal,
      });
      return [
        f("RSS connected", "MiB", (r) => r.connected.rss / 2 ** 20, "≤ 1.2× bare"),
        f("RSS after all left", "MiB", (r) => r.left.rss / 2 ** 20, "within 10 % of started"),
        f("connect (sync) p50", "ms", (r) => summary(r.connectMs).p50),
        f("server CPU to connect all", "ms", (r) => r.connectCpuMs),
        f("server CPU idle, connected", "%", (r) => r.idleCpuPct),
      ];
    });
    const markdown = `${docCount} copies of the letter stored; ${steps.map((n) => n.toLocaleString("en-US")).join(" and ")} connections, connection i on document
i mod ${docCount}, opened 20 at a time, by clients in processes of ${quick ? 100 : 250} (Glossa: \`CollabSession\`, text and
annotations on one socket; bare: \`HocuspocusProvider\`), 10 accounts (Glossa checks each connection's
token and share; its per-person limit of 40 connections, \`MAX_CONNECTIONS_PER_USER\`, is raised for this). A fresh server process per row. RSS and heap after three full GCs; *connect* = from
creating the client to \`synced\`; server CPU to connect all = its CPU time over the whole connecting;
idle = its CPU over ${idleMs / 1000} s with everyone connected and nobody typing. *Left* = after every client
disconnected and the documents were stored and unloaded (at most 30 s wait).

${table(
  [
    "server",
    "connections",
    "RSS started MiB",
    "RSS connected MiB",
    "KiB / connection",
    "heap connected MiB",
    "RSS after all left MiB",
    "left vs started",
    "connect p50 / p99 ms",
    "connect all, wall ms",
    "server CPU ms to connect all",
    "idle CPU %",
    "load",
  ],
  rows,
)}${failed.length ? `\n\n**Failed:** ${failed.join("; ")}` : ""}`;
    return { markdown, figures };
  },
};

export default scenario;
