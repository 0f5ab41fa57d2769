/// `pnpm bench keystroke`: µs per keystroke of each piece of Glossa's server
/// work (hooks, update listeners, journal commit, `saved`), and the sequential
/// writer → reader latency and process CPU per keystroke, Glossa beside bare
/// Hocuspocus in the same run (lib/keystroke.ts). `GLOSSA_BENCH_KEYS` sets
/// the measured keystrokes per round (default 1000), `GLOSSA_BENCH_VIEWERS`
/// the read-only watchers of the second configuration (default 20).
import os from "node:os";
import { bareSide, glossaSide, type Run, typeSequentially } from "../lib/keystroke.ts";
import { ms, summary } from "../lib/stats.ts";
import type { Scenario } from "../scenario.ts";

let KEYS = Number(process.env.GLOSSA_BENCH_KEYS ?? 1000);
const WARMUP = 100;
let ROUNDS = 2;

const us = (v: number) => (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(1));

async function measure(
  viewers: number,
  progress: (m: string) => void,
): Promise<{ glossa: Run[]; bare: Run[] }> {
  const out = { glossa: [] as Run[], bare: [] as Run[] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ["bare", "glossa"] as const) {
      const side = kind === "glossa" ? await glossaSide(viewers) : await bareSide(viewers);
      try {
        const run = await typeSequentially(kind, side, WARMUP, KEYS);
        out[kind].push(run);
        const s = summary(run.latencies);
        progress(
          `${kind}, ${viewers} viewers, round ${round + 1}: p50 ${ms(s.p50)} ms, CPU ${us(run.cpuUs / run.keystrokes)} µs/key`,
        );
      } finally {
        await side.close();
      }
    }
  }
  return out;
}

function latencyRow(runs: Run[], viewers: number): string {
  const lat = summary(runs.flatMap((r) => r.latencies));
  const keys = runs.reduce((n, r) => n + r.keystrokes, 0);
  const cpu = runs.reduce((n, r) => n + r.cpuUs, 0) / keys;
  const msgs = runs.reduce((n, r) => n + r.stateless.messages, 0) / keys;
  const bytes = runs.reduce((n, r) => n + r.stateless.bytes, 0) / keys;
  const name = runs[0]!.server === "glossa" ? "Glossa" : "Hocuspocus (bare)";
  return `| ${name} | ${viewers} | ${keys} | ${ms(lat.p50)} | ${ms(lat.p95)} | ${ms(lat.p99)} | ${us(cpu)} | ${msgs.toFixed(2)} | ${Math.round(bytes)} |`;
}

function hookRows(runs: Run[]): { key: string; perKey: number; calls: number }[] {
  const keys = runs.reduce((n, r) => n + r.keystrokes, 0);
  const total = new Map<string, { ms: number; calls: number }>();
  for (const r of runs)
    for (const [k, v] of r.hooks) {
      const t = total.get(k) ?? { ms: 0, calls: 0 };
      t.ms += v.ms;
      t.calls += v.calls;
      total.set(k, t);
    }
  return [...total]
    .filter(([k]) => !/afterLoadDocument|onLoadDocument/.test(k))
    .map(([key, v]) => ({ key, perKey: (v.ms * 1000) / keys, calls: v.calls / keys }))
    .sort((a, b) => b.perKey - a.perKey);
}

const scenario: Scenario = {
  name: "Keystroke path: µs per update of each server hook",
  async run(progress, { quick }) {
    if (quick) {
      KEYS = 150;
      ROUNDS = 1;
    }
    const viewerCounts = [0, Number(process.env.GLOSSA_BENCH_VIEWERS ?? (quick ? 5 : 20))];
    const load0 = os.loadavg()[0]!;
    const results = [];
    for (const v of viewerCounts) results.push({ viewers: v, ...(await measure(v, progress)) });
    const load1 = os.loadavg()[0]!;
    const lines = [
      `One process: the servers and their clients (Glossa: \`CollabSession\`; bare: \`HocuspocusProvider\`), ${ROUNDS} rounds per server of ${KEYS} keystrokes after ${WARMUP} of warm-up, bare and Glossa alternating; a writer types one keystroke at a time at the end of a paragraph of the letter (every seventh a backspace), each once an editor's client has the previous one, while read-only viewers watch. Load average (1 min) ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end (2 cores shared with other work).`,
      "",
      "| server | viewers | keystrokes | writer → reader p50 ms | p95 ms | p99 ms | process CPU µs / keystroke (server + clients) | stateless messages / keystroke | their bytes / keystroke |",
      "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ];
    for (const r of results)
      lines.push(latencyRow(r.bare, r.viewers), latencyRow(r.glossa, r.viewers));
    lines.push(
      "",
      "Glossa's server work per keystroke (wall µs of the synchronous part of each hook and update listener, its calls per keystroke; the journal commit and `saved` run once per event-loop turn, here once per keystroke as typing is sequential). Bare Hocuspocus runs none of these.",
      "",
      `| work | ${results.map((r) => `µs / keystroke, ${r.viewers} viewers | calls`).join(" | ")} |`,
      `|---|${results.map(() => "--:|--:").join("|")}|`,
    );
    const tables = results.map((r) => hookRows(r.glossa));
    const keys = [...new Set(tables.flatMap((t) => t.map((x) => x.key)))];
    for (const k of keys) {
      const cells = tables.map((t) => {
        const x = t.find((y) => y.key === k);
        return x ? `${us(x.perKey)} | ${x.calls.toFixed(2)}` : "– | –";
      });
      lines.push(`| ${k} | ${cells.join(" | ")} |`);
    }
    const sums = tables.map((t) => us(t.reduce((n, x) => n + x.perKey, 0)));
    lines.push(`| **sum** | ${sums.map((s) => `**${s}** |`).join(" ")}`);
    return { markdown: lines.join("\n") };
  },
};

export default scenario;
