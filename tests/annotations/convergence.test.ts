import { describe, expect, it } from "vitest";
import { type MarkMode, runSimulation } from "./sim.ts";

const check = (seed: number, ops?: number, mode: MarkMode = "server") => {
  const r = runSimulation(seed, { ops, mode });
  if (r.violations.length)
    console.error(
      `convergence seed ${seed} (${mode}) failed:\n${r.violations.join("\n")}\nops:\n${r.ops.join("\n")}`,
    );
  expect(r.violations, `seed ${seed}`).toEqual([]);
  return r;
};

/// Seeds that once failed and now pass, run on every `pnpm test` in the
/// mode Glossa uses (marks added by the server, `mode: "server"`).
export const PINNED_SEEDS: [seed: number, ops?: number][] = [
  [1], // ledger bug: characters typed together must share their insertion point's neighbours
  [2], // random Y.Doc client ids made runs irreproducible
  // A mark left over other words by concurrent edits (ADR 0003): 1044 over a
  // whole stretch (a join moved a paragraph's rest under it), 1001 over
  // characters inside the span. Fixed by the server's quote check.
  [1001, 200],
  [1044, 200],
];

/// The same two seeds in the first version's mode, where editors add marks
/// themselves: they failed there (34 of 300 seeds did); the server's check
/// fixes them too.
export const PINNED_CLIENT_MODE_SEEDS: number[] = [1001, 1044];

/// Seeds that still fail in the server mode (ADR 0003, "What is left"):
/// text moved by a concurrent join, or put back by an undo, lands *between*
/// two annotated characters, which the quote check cannot tell from typing
/// inside the span. They must keep failing until that is fixed.
export const KNOWN_FAILING_SEEDS: number[] = [1158, 1176];

describe("annotation convergence (short run)", () => {
  for (const [seed, ops] of PINNED_SEEDS)
    it(`(regression) seed ${seed}`, () => void check(seed, ops));
  for (const seed of PINNED_CLIENT_MODE_SEEDS)
    it(`(regression, client marks) seed ${seed}`, () => void check(seed, 200, "client"));
  for (const seed of KNOWN_FAILING_SEEDS)
    it.fails(`(known failure) seed ${seed}`, () => void check(seed, 200));
  it("holds the invariants for 20 seeds", () => {
    const base = Number(process.env.GLOSSA_FUZZ_SEED ?? 1);
    let annotations = 0;
    for (let seed = base; seed < base + 20; seed++) annotations += check(seed).annotations;
    expect(annotations).toBeGreaterThan(20);
  });
});
