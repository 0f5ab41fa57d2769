/// Server CPU per keystroke split by thread, Glossa beside bare Hocuspocus in
/// the same run (issue 16): the `wire` scenario's set-up (each server in its
/// own process on core 0, a writer and a reader client in their own
/// processes on core 1, the letter, sequential typing — the next keystroke
/// once the reader has the previous one), with the CPU time of every thread
/// of the server process read from Linux `/proc/<pid>/task/*/schedstat`
/// before and after: the main thread (the event loop) apart from the journal
/// worker, the merge worker, V8's and libuv's threads. Not timed against a
/// goal; it tells where the process's CPU per keystroke goes.
///
/// `npx tsx tests/perf/keystrokeThreads.ts [keys] [rounds]` prints a Markdown table.
/// Node names none of its threads: each is listed as `node <tid − pid>`; the
/// journal worker (storage/journal.worker.mjs) is the one started last, with
/// most of its time in the kernel (its fsync), V8's helpers have small offsets.
/// The per-connection message rate is raised for the run (sequential typing
/// on a quiet machine outruns the default 100 messages per second).
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import {
  connectAll,
  type Kind,
  startClients,
  startServer,
  stopClients,
} from "../bench/lib/harness.ts";
import { letterUpdate } from "../bench/lib/letter.ts";

const [KEYS, ROUNDS] = [1000, 2].map((d, i) => Number(process.argv[2 + i] ?? d));
const WARM = 100;

/// CPU ns of each thread of `pid`, keyed by "tid name"; `sys` gets the
/// kernel's share (from utime and stime, in clock ticks).
const sys = new Map<string, number>();
function threads(pid: number, sign = 0): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      out.set(`${tid} ${name}`, ns);
      const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ");
      const g = group(pid, `${tid} ${name}`);
      sys.set(g, (sys.get(g) ?? 0) + sign * Number(f[12]) * 1e7);
    } catch {
      /* the thread ended */
    }
  }
  return out;
}

/// Groups threads: the main thread (tid = pid), else by name.
const group = (pid: number, key: string) => {
  const [tid, ...name] = key.split(" ");
  return Number(tid) === pid ? "main (event loop)" : `${name.join(" ")} ${Number(tid) - pid}`;
};

const totals = new Map<Kind, Map<string, number>>();
const keysOf = new Map<Kind, number>();
const sysOf = new Map<Kind, Map<string, number>>();
const env = { MESSAGES_PER_SECOND: "10000", ACCOUNT_MESSAGES_PER_SECOND: "100000" };
const template = Buffer.from(letterUpdate()).toString("base64");
const pair = await startClients(2, () => {});
const load0 = os.loadavg()[0]!;
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ["hocuspocus", "glossa"] as const) {
      const s = await startServer(kind, { env });
      try {
        const users = await s.call<{ id: string; token: string }[]>("createUsers", 2);
        const [docId] = await s.call<string[]>("createDocs", {
          count: 1,
          scale: 1,
          template,
          share: users.map((u) => u.id),
        });
        const { clientIds } = await connectAll(
          [s],
          pair,
          docId!,
          users.map((u) => u.token),
          template,
        );
        const [writer, reader] = pair;
        let t0 = new Map<string, number>();
        for (let i = 0; i < WARM + KEYS; i++) {
          if (i === WARM) t0 = threads(s.worker.pid, -1);
          const { k } = await writer!.call<{ k: number }>("keystroke", { block: 3 });
          await reader!.call<number>("arrival", { writer: clientIds[0]!, k });
        }
        const t1 = threads(s.worker.pid, 1);
        const sum = totals.get(kind) ?? new Map<string, number>();
        for (const [key, ns] of t1) {
          const g = group(s.worker.pid, key);
          sum.set(g, (sum.get(g) ?? 0) + ns - (t0.get(key) ?? 0));
        }
        totals.set(kind, sum);
        const k = sysOf.get(kind) ?? new Map<string, number>();
        for (const [g, ns] of sys) k.set(g, (k.get(g) ?? 0) + ns);
        sysOf.set(kind, k);
        sys.clear();
        keysOf.set(kind, (keysOf.get(kind) ?? 0) + KEYS);
        await Promise.all(pair.map((c) => c.call("disconnect")));
      } finally {
        await s.stop();
      }
    }
  }
} finally {
  await stopClients(pair);
}
const load1 = os.loadavg()[0]!;
console.log(
  `${ROUNDS} rounds × ${KEYS} sequential keystrokes (after ${WARM}) per server; load average (1 min) ${load0.toFixed(1)} → ${load1.toFixed(1)}\n`,
);
console.log(
  "| server | thread | CPU µs / keystroke | of which kernel (10 ms ticks) |\n|---|---|--:|--:|",
);
for (const [kind, sum] of totals) {
  const n = keysOf.get(kind)!;
  let all = 0;
  for (const [g, ns] of [...sum].sort((a, b) => b[1] - a[1])) {
    all += ns;
    if (ns / n / 1000 >= 1)
      console.log(
        `| ${kind} | ${g} | ${Math.round(ns / n / 1000)} | ${Math.round((sysOf.get(kind)!.get(g) ?? 0) / n / 1000)} |`,
      );
  }
  console.log(`| ${kind} | **all threads** | **${Math.round(all / n / 1000)}** |`);
}
process.exit(0);
