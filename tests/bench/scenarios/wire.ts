/// Floor and keystroke (issue 16): one writer and one reader, each in its own
/// process (core 1), on the floor (a raw `ws` relay), bare Hocuspocus and
/// Glossa, each server in its own process (core 0). *Sequential*: one
/// keystroke at a time, the next once the reader has the previous one;
/// writer → reader latency on the shared monotonic clock and the server's CPU
/// per keystroke. *Paced*: the writer types 10 keystrokes/s (a fast typist)
/// while the reader reads; latency, and for Glossa edit → saved.
import {
  type BenchServer,
  type Client,
  connectAll,
  type ServerKind,
  startClients,
  startServer,
  stopClients,
  typingRun,
} from "../lib/harness.ts";
import { letterUpdate } from "../lib/letter.ts";
import { load, ms, sleep, summary, table } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

const KINDS: ServerKind[] = ["floor", "hocuspocus", "glossa"];
const LABEL: Record<ServerKind, string> = {
  floor: "floor (raw ws relay)",
  hocuspocus: "Hocuspocus (bare)",
  glossa: "Glossa",
};

/// Glossa's rate limits for this scenario only (docs/reliability.md §3.5 has the defaults).
const RAISED_LIMITS = { MESSAGES_PER_SECOND: "10000", ACCOUNT_MESSAGES_PER_SECOND: "100000" };

interface Measured {
  seq: number[];
  seqCpuUs: number;
  paced: number[];
  pacedCpuUs: number;
  saved: number[];
  load: string;
}

/// `keys` sequential keystrokes after `warm`; latencies and server CPU µs per
/// key above `idle` (the server's CPU ms per ms when nobody types).
async function sequential(
  s: BenchServer,
  [writer, reader]: Client[],
  writerId: number,
  warm: number,
  keys: number,
  idle: number,
): Promise<{ lat: number[]; cpuUs: number }> {
  const lat: number[] = [];
  let s0 = await s.stats();
  for (let i = 0; i < warm + keys; i++) {
    if (i === warm) s0 = await s.stats();
    const { k, at } = await writer!.call<{ k: number; at: number }>("keystroke", { block: 3 });
    const arrived = await reader!.call<number>("arrival", { writer: writerId, k });
    // A keystroke that never arrived (a rate limit closed the socket, say)
    // makes every figure of the run invalid: the scenario fails.
    if (Number.isNaN(arrived))
      throw new Error(`${s.kind}: keystroke ${i} never reached the reader (waited 10 s)`);
    if (i >= warm) lat.push(arrived - at);
  }
  const s1 = await s.stats();
  const cpuUs = ((s1.cpuMs - s0.cpuMs - idle * (s1.at - s0.at)) * 1000) / keys;
  return { lat, cpuUs };
}

async function measure(
  kind: ServerKind,
  pair: Client[],
  template: string,
  o: { warm: number; keys: number; pacedMs: number; idleMs: number; pacedWarmMs: number },
  progress: (m: string) => void,
): Promise<Measured> {
  // The sequential run types as fast as the reader answers (hundreds of
  // keystrokes/s), over Glossa's default 100 messages/s per connection and
  // 300/s per account, which would close the writer's socket mid-run: the
  // bench's Glossa server runs with both raised (said in the output).
  const s = await startServer(kind, kind === "glossa" ? { env: RAISED_LIMITS } : {});
  try {
    const users = await s.call<{ id: string; token: string }[]>("createUsers", 2);
    const [docId] = await s.call<string[]>("createDocs", {
      count: 1,
      scale: 1,
      template,
      share: users.map((u) => u.id),
    });
    const tokens = users.map((u) => u.token);
    const { clientIds, instance } = await connectAll([s], pair, docId!, tokens, template);
    const l = load();
    const i0 = await s.stats();
    await sleep(o.idleMs);
    const i1 = await s.stats();
    const idle = (i1.cpuMs - i0.cpuMs) / (i1.at - i0.at);
    const seq = await sequential(s, pair, clientIds[0]!, o.warm, o.keys, idle);
    const r = await typingRun([s], pair, instance, {
      rate: 10,
      warmMs: o.pacedWarmMs,
      measureMs: o.pacedMs,
      writers: 1,
    });
    await Promise.all(pair.map((c) => c.call("disconnect")));
    // A socket closed mid-run (Glossa's rate limit closes it with 4429) means
    // keystrokes that waited for a reconnect: the figures would be invalid.
    if (r.disconnects > 0)
      throw new Error(
        `${kind}: the clients were disconnected ${r.disconnects} time(s) during the run`,
      );
    const busy = r.serverCpuPct[0]! / 100 - idle;
    const pacedCpuUs = (busy * r.seconds * 1e6) / Math.max(1, r.edits);
    progress(
      `${kind}: sequential p50 ${ms(summary(seq.lat).p50)} ms, ${Math.round(seq.cpuUs)} µs CPU/key; paced p50 ${ms(summary(r.remote).p50)} ms (load ${l})`,
    );
    return {
      seq: seq.lat,
      seqCpuUs: seq.cpuUs,
      paced: r.remote,
      pacedCpuUs,
      saved: r.saved,
      load: l,
    };
  } finally {
    await s.stop();
  }
}

const scenario: Scenario = {
  name: "Floor and keystroke: one writer, one reader",
  async run(progress, { quick }) {
    const o = quick
      ? { warm: 20, keys: 100, pacedMs: 2_000, idleMs: 500, pacedWarmMs: 500 }
      : { warm: 100, keys: 1_000, pacedMs: 15_000, idleMs: 1_000, pacedWarmMs: 1_000 };
    const template = Buffer.from(letterUpdate()).toString("base64");
    const pair = await startClients(2, progress);
    const res = {} as Record<ServerKind, Measured>;
    try {
      for (const kind of KINDS) res[kind] = await measure(kind, pair, template, o, progress);
    } finally {
      await stopClients(pair);
    }
    const rows = KINDS.map((k) => {
      const a = summary(res[k].seq);
      const b = summary(res[k].paced);
      const sv = summary(res[k].saved);
      return [
        LABEL[k],
        ms(a.p50),
        ms(a.p99),
        Math.round(res[k].seqCpuUs),
        ms(b.p50),
        ms(b.p99),
        Math.round(res[k].pacedCpuUs),
        k === "glossa" ? `${ms(sv.p50)} / ${ms(sv.p99)}` : "no durable ack",
        res[k].load,
      ];
    });
    const fig = (metric: string, unit: string, f: (m: Measured) => number, goal?: string) => ({
      metric,
      unit,
      floor: f(res.floor),
      bare: f(res.hocuspocus),
      glossa: f(res.glossa),
      goal,
    });
    const figures: Figure[] = [
      fig(
        "keystroke writer → reader, sequential, p50",
        "ms",
        (m) => summary(m.seq).p50,
        "≤ 1.5× floor and ≤ bare",
      ),
      fig("keystroke writer → reader, sequential, p99", "ms", (m) => summary(m.seq).p99, "≤ 1 ms"),
      fig("server CPU per keystroke, sequential", "µs", (m) => m.seqCpuUs, "≤ bare"),
      fig("keystroke writer → reader, paced 10/s, p50", "ms", (m) => summary(m.paced).p50),
      fig("keystroke writer → reader, paced 10/s, p99", "ms", (m) => summary(m.paced).p99),
      fig("server CPU per keystroke, paced 10/s", "µs", (m) => m.pacedCpuUs, "≤ bare"),
    ];
    const markdown = `One writer and one reader, each a client in its own process (core 1; Glossa: \`CollabSession\`,
bare: \`HocuspocusProvider\`, floor: a raw \`ws\` socket sending and applying Yjs updates), each server in
its own process (core 0), the letter as the document. Sequential: ${o.keys} keystrokes after ${o.warm} of warm-up,
each typed once the reader has the previous one (the benchmark asks the reader over IPC, outside the
measured span). Paced: the writer types 10 keystrokes/s for ${o.pacedMs / 1000} s after ${o.pacedWarmMs / 1000} s of warm-up. Latency from the
keystroke at the writer to its integration at the reader, on the machine-wide monotonic clock. CPU =
the server process's CPU time per keystroke, less what it uses idle over the same span (measured for
${o.idleMs / 1000} s before typing: its timers, e.g. the 1 ms event-loop-delay monitor every bench server runs).
Glossa's server runs here with \`MESSAGES_PER_SECOND=${RAISED_LIMITS.MESSAGES_PER_SECOND}\` and \`ACCOUNT_MESSAGES_PER_SECOND=${RAISED_LIMITS.ACCOUNT_MESSAGES_PER_SECOND}\`:
the sequential run types as fast as the reader answers, and the defaults (100 per connection, 300 per account)
closed the writer's socket (4429) in the full run. A keystroke the reader never gets, or a disconnect, fails the scenario.

${table(
  [
    "server",
    "sequential p50 ms",
    "p99 ms",
    "server CPU µs / key",
    "paced p50 ms",
    "p99 ms",
    "server CPU µs / key",
    "saved p50 / p99 ms",
    "load",
  ],
  rows,
)}`;
    return { markdown, figures };
  },
};

export default scenario;
