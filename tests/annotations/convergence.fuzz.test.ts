import { beforeAll, describe, expect, it } from "vitest";
import { type MarkMode, type RunResult, runSimulation } from "./sim.ts";

// `pnpm test:fuzz` (GLOSSA_FUZZ=long): 2000 seeds of 400 ops in the mode
// Glossa uses (the server adds marks) and 300 in the first version's mode
// (editors add marks), for the record. Otherwise 200 seeds of 200 ops, server
// mode only. GLOSSA_FUZZ_SEED sets the first seed, GLOSSA_FUZZ_SEEDS the
// count, GLOSSA_FUZZ_TRACE=1 logs the marks after every op.
const long = process.env.GLOSSA_FUZZ === "long";
const first = Number(process.env.GLOSSA_FUZZ_SEED ?? 1000);
const count = Number(process.env.GLOSSA_FUZZ_SEEDS ?? (long ? 2000 : 200));
const ops = long ? 400 : 200;
const modes: [MarkMode, number][] = long
  ? [
      ["server", count],
      ["client", Math.min(count, 300)],
    ]
  : [["server", count]];

/// Seeds whose replicas diverge because of Yjs's UndoManager (yjs #794,
/// ADR 0003; shrunk and pinned in convergence.test.ts), reported but not
/// failed here.
const YJS_794: Record<MarkMode, number[]> = { server: [], client: [1150] };

const coverage = (v: string) => / covers | has a range over | absorbed /.test(v);

for (const [mode, n] of modes) {
  describe(`annotation convergence (${mode} marks): ${n} seeds from ${first}, ${ops} ops each`, () => {
    const results: RunResult[] = [];
    beforeAll(() => {
      for (let seed = first; seed < first + n; seed++)
        results.push(runSimulation(seed, { ops, mode }));
      const totals = { annotations: 0, replies: 0, detached: 0, edgeAbsorptions: 0 };
      for (const r of results) {
        totals.annotations += r.annotations;
        totals.replies += r.replies;
        totals.detached += r.detached;
        totals.edgeAbsorptions += r.edgeAbsorptions;
      }
      const bad = results.filter((r) => r.violations.some(coverage)).map((r) => r.seed);
      console.log(
        `convergence (${mode} marks) ${JSON.stringify(totals)}; ${bad.length} of ${n} seeds break the coverage invariant: [${bad.join(", ")}]`,
      );
    }, 1_800_000);

    it("all replicas agree; every mark has a body; every body has its mark or is detached; no reply is lost", () => {
      const failed = results.filter(
        (r) => r.violations.some((v) => !coverage(v)) && !YJS_794[mode].includes(r.seed),
      );
      for (const r of results.filter((r) => YJS_794[mode].includes(r.seed)))
        console.log(`seed ${r.seed} (known, yjs #794): ${r.violations.join("; ")}`);
      for (const r of failed)
        console.error(`seed ${r.seed}:\n${r.violations.join("\n")}\nops:\n${r.ops.join("\n")}`);
      expect(failed.map((r) => r.seed)).toEqual([]);
    });

    // KNOWN FAILURE (ADR 0003, "What is left"): 2 % (200 ops) to 4–5 %
    // (400 ops) of seeds in the server mode leave text that a concurrent
    // join moved, or an undo put back, between two annotated characters.
    // `it.fails` keeps the finding visible: this turns red once it no
    // longer fails.
    it.fails("no annotation covers text other than what it was made on", () => {
      const failed = results.filter((r) => r.violations.some(coverage));
      expect(failed.map((r) => r.seed)).toEqual([]);
    });
  });
}
