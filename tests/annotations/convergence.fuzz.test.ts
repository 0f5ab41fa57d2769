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
const YJS_794: Record<MarkMode, number[]> = { server: [1545], client: [1150] };

const coverage = (v: string) => / covers | has a range over | absorbed /.test(v);

/// Seeds of the long run (400 ops) that still break coverage (measured
/// 2026-11-28, ADR 0003 "What is left"); client mode, where editors add
/// marks themselves and the server cannot record their identity, is
/// reported only.
const KNOWN_LONG: Partial<Record<MarkMode, number[]>> = {
  server: [1193, 2280, 2440, 2878],
};

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

    // ADR 0003: since the server checks marks against the Yjs identity of
    // the text they were made on, no seed of the short run breaks coverage.
    // The long run (400 ops) still has 4 of 2000, listed in KNOWN_LONG;
    // any other seed failing turns this red, and so does a listed seed
    // that no longer fails (the list must shrink with the fixes).
    // Client mode (editors add marks, the server cannot record their
    // identity) is reported by beforeAll only.
    it.skipIf(mode !== "server")("no annotation covers text other than what it was made on", () => {
      const failed = results.filter((r) => r.violations.some(coverage));
      for (const r of failed.filter((r) => !KNOWN_LONG[mode]?.includes(r.seed)))
        console.error(`seed ${r.seed}:\n${r.violations.join("\n")}\nops:\n${r.ops.join("\n")}`);
      const known = new Set(long ? KNOWN_LONG[mode] : []);
      const ran = new Set(results.map((r) => r.seed));
      expect(failed.map((r) => r.seed).filter((s) => !known.has(s))).toEqual([]);
      expect([...known].filter((s) => ran.has(s) && !failed.some((r) => r.seed === s))).toEqual([]);
    });
  });
}
