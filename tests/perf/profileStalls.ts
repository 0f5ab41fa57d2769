/// What ran in each recorded event-loop stall (issue 16): reads a CPU
/// profile (`--cpu-prof`) and the stalls a probe recorded (`{endUs, ms,
/// phase}`, on the profile's clock: tests/bench/lib/serverWorker.ts
/// GLOSSA_STALLS) and prints, per stall, the functions with the most samples
/// in its window, inclusive (on the stack) and self.
///
/// `npx tsx tests/perf/profileStalls.ts <file.cpuprofile> <stalls.json> [top]`;
/// with `--longest N` instead of a stalls file, the N longest runs of
/// samples without an idle one between them (a profile taken without a
/// stall record, such as a `pnpm bench` run with GLOSSA_WORKER_CPU_PROF).
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, stallFile, topArg] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file!, "utf8")) as Profile;
type Stall = { endUs: number; ms: number; phase: string };
const TOP = Number(topArg ?? 15);

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) => {
  const f = n.callFrame;
  const where = f.url.replace(/^.*\/(node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?)?/, "");
  return `${f.functionName || "(anon)"} ${where}:${f.lineNumber + 1}`;
};
const times: number[] = [];
let t = prof.startTime;
for (const d of prof.timeDeltas) {
  t += d;
  times.push(t);
}

/// The `n` longest runs of non-idle samples, as stalls.
function busiest(n: number): Stall[] {
  const runs: Stall[] = [];
  let from = -1;
  for (let i = 0; i <= times.length; i++) {
    const idle =
      i === times.length || byId.get(prof.samples[i]!)!.callFrame.functionName === "(idle)";
    if (!idle && from < 0) from = i;
    if (idle && from >= 0) {
      const ms = (times[i - 1]! - times[from]!) / 1000;
      runs.push({
        endUs: times[i - 1]!,
        ms,
        phase: `busy from ${(times[from]! / 1e6).toFixed(3)} s`,
      });
      from = -1;
    }
  }
  return runs.sort((a, b) => b.ms - a.ms).slice(0, n);
}

const stalls: Stall[] =
  stallFile === "--longest"
    ? busiest(Number(topArg ?? 10))
    : (JSON.parse(readFileSync(stallFile!, "utf8")) as Stall[]);

for (const st of stalls) {
  const from = st.endUs - st.ms * 1000 - (stallFile === "--longest" ? 0 : 10_000);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < times.length; i++) {
    if (times[i]! < from || times[i]! > st.endUs) continue;
    n++;
    const leaf = byId.get(prof.samples[i]!)!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id)!);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + 1);
    }
  }
  console.log(`\n== ${st.phase}: stall ${st.ms.toFixed(1)} ms, ${n} samples`);
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  console.log("  inclusive:");
  for (const [l, c] of top(incl)) console.log(`    ${String(c).padStart(5)}  ${l}`);
  console.log("  self:");
  for (const [l, c] of top(self)) console.log(`    ${String(c).padStart(5)}  ${l}`);
}
