// Failure rate of the coverage invariant ("no annotation covers text other
// than what it was made on") over a range of seeds, in one mode:
//   pnpm exec tsx tests/annotations/measure.ts [first=1000] [count=300] [ops=200] [server|client] [verify|noverify]
import { type MarkMode, runSimulation } from "./sim.ts";

const arg = (i: number, d: string) => process.argv[i] ?? d;
const first = Number(arg(2, "1000"));
const count = Number(arg(3, "300"));
const ops = Number(arg(4, "200"));
const mode = arg(5, "server") as MarkMode;
const verify = arg(6, "verify") !== "noverify";
const coverage = (v: string) => / covers | has a range over | absorbed /.test(v);
const bad: number[] = [];
const other: number[] = [];
let annotations = 0;
let overTrimmed = 0;
const started = Date.now();
for (let seed = first; seed < first + count; seed++) {
  const r = runSimulation(seed, { ops, mode, verify });
  annotations += r.annotations;
  overTrimmed += r.overTrimmed;
  if (r.violations.some(coverage)) bad.push(seed);
  if (r.violations.some((v) => !coverage(v))) other.push(seed);
}
console.log(
  JSON.stringify({
    mode,
    verify,
    first,
    count,
    ops,
    annotations,
    coverage: bad.length,
    other: other.length,
    overTrimmed,
    ms: Date.now() - started,
  }),
);
console.log(`coverage: [${bad.join(", ")}]`);
if (other.length) console.log(`other invariants: [${other.join(", ")}]`);
