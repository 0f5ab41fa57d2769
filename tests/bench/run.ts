/// `pnpm bench [--quick] [scenario …]`: runs every scenario in
/// tests/bench/scenarios (or those named), printing progress; records each
/// scenario's figures, its peers' and the ratios in bench/results/latest.json
/// (with the machine, Node, commit and load averages) and rewrites the
/// generated part of docs/benchmarks.md from it. `--quick` runs the same
/// scenarios smaller (the whole run in under 3 minutes).
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { closeClientPool, poolClientProcesses } from "./lib/harness.ts";
import { liveChildrenCpuSeconds } from "./lib/ipc.ts";
import {
  cpuSeconds,
  formatPhases,
  noPhases,
  phaseSeconds,
  phaseTotals,
  quietEstimate,
} from "./lib/phases.ts";
import {
  commit,
  loadavg,
  machine,
  type Results,
  readResults,
  type ScenarioEntry,
  withRatios,
  writeDoc,
  writeResults,
} from "./lib/report.ts";
import type { Scenario } from "./scenario.ts";

const dir = fileURLToPath(new URL("./scenarios/", import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const wanted = args.filter((a) => !a.startsWith("--"));
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const keys = all.filter((k) => wanted.length === 0 || wanted.some((w) => k === w || k.includes(w)));
if (keys.length === 0) {
  process.stderr.write(`no scenario matches ${wanted.join(", ")}; there are: ${all.join(", ")}\n`);
  process.exit(2);
}

const head = commit();
const started = Date.now();
const results: Results = {
  ...(readResults() ?? { scenarios: {} }),
  at: new Date().toISOString(),
  commit: head,
  quick,
  node: process.version,
  machine: machine(),
  load: { before: loadavg(), after: [] },
};
// Client processes are lent from scenario to scenario (harness.ts); their
// CPU is counted while they run, so each scenario's CPU includes its share.
poolClientProcesses();
const cpuNow = () => cpuSeconds() + liveChildrenCpuSeconds();
let failed = 0;
for (const [i, key] of keys.entries()) {
  const scenario = (await import(new URL(`./scenarios/${key}.ts`, import.meta.url).href))
    .default as Scenario;
  const elapsed = ((Date.now() - started) / 1000).toFixed(0);
  process.stderr.write(`[${i + 1}/${keys.length}] ${key}: ${scenario.name} (at ${elapsed} s) …\n`);
  const t0 = Date.now();
  const p0 = phaseTotals();
  const cpu0 = cpuNow();
  const entry: ScenarioEntry = {
    name: scenario.name,
    at: new Date().toISOString(),
    commit: head,
    quick,
    seconds: 0,
    load: { before: loadavg(), after: [] },
    figures: [],
    markdown: "",
  };
  try {
    const r = await scenario.run((msg) => process.stderr.write(`    ${msg}\n`), { quick });
    entry.markdown = r.markdown;
    entry.figures = withRatios(r.figures ?? []);
  } catch (err) {
    failed++;
    entry.error = (err as Error).stack ?? String(err);
    process.stderr.write(`    FAILED: ${entry.error}\n`);
  }
  entry.seconds = (Date.now() - t0) / 1000;
  const rounded = (o: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  entry.phases = rounded(phaseSeconds(p0, phaseTotals(), entry.seconds));
  entry.cpuSeconds = Math.round((cpuNow() - cpu0) * 10) / 10;
  entry.load.after = loadavg();
  results.scenarios[key] = entry;
  // Written after each scenario, so that an interrupted run keeps what it measured.
  results.load.after = loadavg();
  writeResults(results);
  writeDoc(results, all);
  process.stderr.write(
    `    done in ${entry.seconds.toFixed(1)} s (${formatPhases(entry.phases)}; CPU ${entry.cpuSeconds} s)\n`,
  );
  if (wanted.length) process.stdout.write(`${entry.markdown}\n`);
}
await closeClientPool();
results.load.after = loadavg();
writeResults(results);
writeDoc(results, all);
// Wall time per scenario and in total, with the load beside it, where the
// time went and the CPU used (the issue's budget: `--quick` under 3 minutes
// on a quiet machine; `quiet` is the range quietEstimate gives for 2 cores).
const quiet = { low: 0, high: 0 };
for (const key of keys) {
  const e = results.scenarios[key]!;
  const l = e.load.before[0]!.toFixed(1);
  const q = quietEstimate(e.phases ?? {}, e.cpuSeconds ?? 0);
  quiet.low += q.low;
  quiet.high += q.high;
  process.stderr.write(
    `  ${key.padEnd(18)} ${e.seconds.toFixed(1).padStart(7)} s   load ${l.padStart(5)}   CPU ${(e.cpuSeconds ?? 0).toFixed(1).padStart(5)} s   quiet ${q.low.toFixed(0)}–${q.high.toFixed(0)} s   ${formatPhases(e.phases ?? {})}\n`,
  );
}
process.stderr.write(
  `  ${"total".padEnd(18)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s   load ${results.load.before[0]!.toFixed(1)} → ${results.load.after[0]!.toFixed(1)}   quiet 2-core estimate ${quiet.low.toFixed(0)}–${quiet.high.toFixed(0)} s\n`,
);
const whole = phaseSeconds(noPhases(), phaseTotals(), (Date.now() - started) / 1000);
process.stderr.write(`  ${"all phases".padEnd(18)} ${formatPhases(whole)}\n`);
process.stderr.write(
  `wrote bench/results/latest.json and docs/benchmarks.md in ${((Date.now() - started) / 1000).toFixed(0)} s${failed ? `; ${failed} scenario(s) failed` : ""}\n`,
);
process.exit(failed ? 1 : 0);
