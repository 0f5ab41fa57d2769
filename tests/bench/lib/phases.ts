/// Where a scenario's wall time goes (`pnpm bench` prints it after each
/// scenario and records it in bench/results/latest.json): the wall time of
/// each kind of step, as the union of its intervals (processes started four
/// at a time count once), measured in the benchmark's own process.
/// - `bundle`: esbuild building the worker bundle (once per run),
/// - `spawn`: a server or client process from fork to its ready message,
/// - `stop`: a process from "exit" to gone,
/// - `connect`: clients connecting and syncing before a typing run (harness `connectAll`),
/// - `wait`: fixed waits (`sleep`, idle CPU baselines, waits for documents to unload),
/// - `warmup`: a typing run from its start to its measured window (start delay, warm-up),
/// - `typing`: typing runs' measured windows,
/// - `drain`: after a typing run's window, until every update and acknowledgement arrived,
/// - the rest (`other`): setting up documents, measuring outside typing runs.

import { readFileSync } from "node:fs";

export const PHASES = [
  "bundle",
  "spawn",
  "stop",
  "connect",
  "wait",
  "warmup",
  "typing",
  "drain",
] as const;
export type Phase = (typeof PHASES)[number];

interface Tally {
  active: number;
  since: number;
  ms: number;
}

const tallies = new Map<Phase, Tally>(
  PHASES.map((p) => [p, { active: 0, since: 0, ms: 0 }] as const),
);

function enter(p: Phase): void {
  const t = tallies.get(p)!;
  if (t.active++ === 0) t.since = performance.now();
}

function leave(p: Phase): void {
  const t = tallies.get(p)!;
  if (--t.active === 0) t.ms += performance.now() - t.since;
}

/// Runs `fn`, counting its wall time towards `phase` (phases do not nest:
/// each is summed apart and `other` is the rest).
export async function timed<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
  enter(phase);
  try {
    return await fn();
  } finally {
    leave(phase);
  }
}

/// Wall ms per phase so far (open intervals up to now).
export function phaseTotals(): Record<Phase, number> {
  const now = performance.now();
  const out = {} as Record<Phase, number>;
  for (const [p, t] of tallies) out[p] = t.ms + (t.active > 0 ? now - t.since : 0);
  return out;
}

/// Zero for every phase (the reading before the run).
export const noPhases = (): Record<Phase, number> =>
  Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;

/// Wall seconds per phase between two readings of `phaseTotals`, with `other`
/// the rest of `totalS`.
export function phaseSeconds(
  before: Record<Phase, number>,
  after: Record<Phase, number>,
  totalS: number,
): Record<Phase | "other", number> {
  const out = {} as Record<Phase | "other", number>;
  let sum = 0;
  for (const p of PHASES) {
    out[p] = (after[p] - before[p]) / 1000;
    sum += out[p];
  }
  out.other = Math.max(0, totalS - sum);
  return out;
}

/// "spawn 4.1 s, wait 3.0 s, …" for the phases that took at least 0.05 s.
export function formatPhases(s: Record<string, number>): string {
  return Object.entries(s)
    .filter(([, v]) => v >= 0.05)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(", ");
}

/// CPU seconds used so far by this process and its children that have
/// exited (Linux /proc/self/stat: utime + stime + cutime + cstime, in ticks
/// of 1/100 s): a scenario's CPU, its server and client processes included
/// once they stopped (not PostgreSQL's or Redis'). Elsewhere: this process only.
export function cpuSeconds(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name (which may hold spaces) in parentheses.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
}

/// On a quiet machine with `cores` cores, a scenario's wall time lies
/// between max(fixed, cpu / cores) and fixed + cpu, where `fixed` is the
/// time that does not shrink with a faster machine (waits and typing runs:
/// warm-up, window and drain) and `cpu` the CPU it used.
export function quietEstimate(
  phases: Record<string, number>,
  cpu: number,
  cores = 2,
): { low: number; high: number } {
  const fixed =
    (phases.wait ?? 0) + (phases.warmup ?? 0) + (phases.typing ?? 0) + (phases.drain ?? 0);
  return { low: Math.max(fixed, cpu / cores), high: fixed + cpu };
}
