// Shrinks a failing convergence run to a minimal list of steps (delta
// debugging over the recorded random draws of each step):
//   pnpm exec tsx tests/annotations/shrink.ts <seed> [ops] [mode]
// prints the shrunk op log, the violations, and the tape as JSON.
import { type RunOptions, runSimulation } from "./sim.ts";

// GLOSSA_SHRINK_MATCH narrows the violation kept (a regular expression).
const pattern = new RegExp(
  process.env.GLOSSA_SHRINK_MATCH ?? " covers | has a range over | absorbed ",
);
const coverage = (v: string) => pattern.test(v);

export function shrink(seed: number, base: RunOptions): { tape: number[][]; ops: string[] } {
  const first = runSimulation(seed, base);
  if (!first.violations.some(coverage)) throw new Error(`seed ${seed} does not fail`);
  const init = first.tape[0]!;
  let steps = first.tape.slice(1);
  const fails = (s: number[][]) =>
    runSimulation(seed, { ...base, tape: [init, ...s] }).violations.some(coverage);
  // ddmin: remove chunks, halving the chunk size when nothing can go.
  let n = 2;
  while (steps.length >= 2) {
    const size = Math.ceil(steps.length / n);
    let removed = false;
    for (let i = 0; i < steps.length; i += size) {
      const candidate = [...steps.slice(0, i), ...steps.slice(i + size)];
      if (fails(candidate)) {
        steps = candidate;
        n = Math.max(n - 1, 2);
        removed = true;
        break;
      }
    }
    if (!removed) {
      if (size === 1) break;
      n = Math.min(n * 2, steps.length);
    }
  }
  const r = runSimulation(seed, { ...base, tape: [init, ...steps] });
  return { tape: [init, ...steps], ops: [...r.ops, ...r.violations] };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(process.argv[2]);
  const ops = Number(process.argv[3] ?? 200);
  const mode = process.argv[4] as RunOptions["mode"];
  const verify = process.argv[5] !== "noverify";
  const { tape, ops: log } = shrink(seed, { ops, mode, verify });
  console.log(log.join("\n"));
  console.log(JSON.stringify(tape));
}
