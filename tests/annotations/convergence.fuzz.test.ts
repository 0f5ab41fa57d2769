import { beforeAll, describe, expect, it } from "vitest";
import { type RunResult, runSimulation } from "./sim.ts";

// `pnpm test:fuzz` (GLOSSA_FUZZ=long): 2000 seeds of 400 ops. Otherwise 200
// seeds of 200 ops. GLOSSA_FUZZ_SEED sets the first seed, GLOSSA_FUZZ_SEEDS
// the count, GLOSSA_FUZZ_TRACE=1 logs the marks after every op.
const long = process.env.GLOSSA_FUZZ === "long";
const first = Number(process.env.GLOSSA_FUZZ_SEED ?? 1000);
const count = Number(process.env.GLOSSA_FUZZ_SEEDS ?? (long ? 2000 : 200));
const ops = long ? 400 : 200;

const coverage = (v: string) => / covers | has a range over | absorbed /.test(v);

describe(`annotation convergence: ${count} seeds from ${first}, ${ops} ops each`, () => {
  const results: RunResult[] = [];
  beforeAll(() => {
    for (let seed = first; seed < first + count; seed++) results.push(runSimulation(seed, { ops }));
    const totals = { annotations: 0, replies: 0, detached: 0, edgeAbsorptions: 0 };
    for (const r of results) {
      totals.annotations += r.annotations;
      totals.replies += r.replies;
      totals.detached += r.detached;
      totals.edgeAbsorptions += r.edgeAbsorptions;
    }
    const bad = results.filter((r) => r.violations.some(coverage)).map((r) => r.seed);
    console.log(
      `convergence ${JSON.stringify(totals)}; seeds breaking the coverage invariant: [${bad.join(", ")}]`,
    );
  });

  it("all replicas agree; every mark has a body; every body has its mark or is detached; no reply is lost", () => {
    const failed = results.filter((r) => r.violations.some((v) => !coverage(v)));
    for (const r of failed)
      console.error(`seed ${r.seed}:\n${r.violations.join("\n")}\nops:\n${r.ops.join("\n")}`);
    expect(failed.map((r) => r.seed)).toEqual([]);
  });

  // KNOWN FAILURE (upstream Yjs formatting / y-prosemirror): after merging
  // concurrent offline edits, an annotation's mark can spread over text it
  // was never made on (see README, "Known problems"). `it.fails` keeps the
  // finding visible: this turns red once it no longer fails.
  it.fails("no annotation covers text other than what it was made on", () => {
    const failed = results.filter((r) => r.violations.some(coverage));
    expect(failed.map((r) => r.seed)).toEqual([]);
  });
});
