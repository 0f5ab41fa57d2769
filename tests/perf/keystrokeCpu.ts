/// CPU µs per update of each Glossa server hook, for issue 16's keystroke
/// path: the in-process harness of `pnpm bench keystroke`
/// (tests/bench/lib/keystroke.ts: a real Glossa on a port, real
/// `CollabSession` clients, a writer typing sequentially) with every hook's
/// synchronous part timed in the main thread's CPU time (Linux
/// `/proc/thread-self/schedstat`, less the cost of reading it) instead of
/// wall time, so that waiting for a core on a loaded machine, and the other
/// threads' work (the journal worker, GC), do not count. Glossa and bare
/// Hocuspocus alternate; the process CPU per keystroke (`process.cpuUsage`,
/// servers and clients) is measured for both.
///
/// `npx tsx tests/perf/keystrokeCpu.ts [keys] [rounds] [viewers]` prints a
/// Markdown table.
import { openSync, readSync } from "node:fs";
import os from "node:os";
import { bareSide, glossaSide, type Run, timer, typeSequentially } from "../bench/lib/keystroke.ts";

const [KEYS, ROUNDS, VIEWERS] = [3000, 2, 0].map((d, i) => Number(process.argv[2 + i] ?? d));

/// This thread's CPU time, ms (the first field of schedstat, ns).
const schedstat = openSync("/proc/thread-self/schedstat", "r");
const buf = Buffer.alloc(128);
const cpuMs = () => {
  const n = readSync(schedstat, buf, 0, 128, 0);
  return Number(buf.toString("latin1", 0, n).split(" ")[0]) / 1e6;
};
/// What one measurement costs (two reads), ms.
let overhead = Number.POSITIVE_INFINITY;
for (let i = 0; i < 5; i++) {
  const t0 = cpuMs();
  for (let j = 0; j < 1000; j++) cpuMs();
  overhead = Math.min(overhead, (cpuMs() - t0) / 1000);
}
timer.wrap =
  <A extends unknown[], R>(key: string, fn: (...args: A) => R) =>
  (...args: A): R => {
    const t0 = cpuMs();
    try {
      return fn(...args);
    } finally {
      timer.add(key, Math.max(0, cpuMs() - t0 - overhead));
    }
  };

const runs: Run[] = [];
const load0 = os.loadavg();
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of ["bare", "glossa"] as const) {
    const side = kind === "glossa" ? await glossaSide(VIEWERS) : await bareSide(VIEWERS);
    try {
      runs.push(await typeSequentially(kind, side, 200, KEYS));
    } finally {
      await side.close();
    }
    const r = runs.at(-1)!;
    process.stderr.write(
      `${kind} round ${round + 1}: ${Math.round(r.cpuUs / r.keystrokes)} µs/key\n`,
    );
  }
}
const load1 = os.loadavg();

const per = (kind: Run["server"]) => runs.filter((r) => r.server === kind);
const keys = (rs: Run[]) => rs.reduce((n, r) => n + r.keystrokes, 0);
const cpu = (rs: Run[]) => Math.round(rs.reduce((n, r) => n + r.cpuUs, 0) / keys(rs));
const glossa = per("glossa");
const total = new Map<string, { ms: number; calls: number }>();
for (const r of glossa)
  for (const [k, v] of r.hooks) {
    if (/LoadDocument/.test(k)) continue;
    const t = total.get(k) ?? { ms: 0, calls: 0 };
    t.ms += v.ms;
    t.calls += v.calls;
    total.set(k, t);
  }
const n = keys(glossa);
const rows = [...total].sort((a, b) => b[1].ms - a[1].ms);
const f = (us: number) => (us >= 100 ? Math.round(us).toLocaleString("en-US") : us.toFixed(1));
console.log(
  `main-thread CPU per measurement ${(overhead * 1000).toFixed(1)} µs (subtracted); ${ROUNDS} rounds × ${KEYS} keystrokes, ${VIEWERS} viewers; load average (1 min) ${load0[0]!.toFixed(1)} → ${load1[0]!.toFixed(1)}; process CPU µs per keystroke (servers + clients): bare ${cpu(per("bare"))}, Glossa ${cpu(glossa)}\n`,
);
console.log("| work | CPU µs / update | calls / update |\n|---|--:|--:|");
for (const [k, v] of rows)
  console.log(`| ${k} | ${f((v.ms * 1000) / n)} | ${(v.calls / n).toFixed(2)} |`);
console.log(`| **sum** | **${f((rows.reduce((s, [, v]) => s + v.ms, 0) * 1000) / n)}** | |`);
process.exit(0);
