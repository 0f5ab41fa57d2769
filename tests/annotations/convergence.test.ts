import { describe, expect, it } from "vitest";
import { runSimulation } from "./sim.ts";

const check = (seed: number, ops?: number) => {
  const r = runSimulation(seed, { ops });
  if (r.violations.length)
    console.error(
      `convergence seed ${seed} failed:\n${r.violations.join("\n")}\nops:\n${r.ops.join("\n")}`,
    );
  expect(r.violations, `seed ${seed}`).toEqual([]);
  return r;
};

/// Seeds that once failed and now pass, run on every `pnpm test`.
export const PINNED_SEEDS: number[] = [
  1, // ledger bug: characters typed together must share their insertion point's neighbours
  2, // random Y.Doc client ids made runs irreproducible
];

/// Seeds that fail today because an annotation's mark spreads over text it
/// was not made on after concurrent offline edits merge (README, "Known
/// problems"): 1044 spreads over a whole stretch, 1001 over characters
/// inside the span. They must keep failing until the cause is fixed.
export const KNOWN_FAILING_SEEDS: number[] = [1001, 1044];

describe("annotation convergence (short run)", () => {
  for (const seed of PINNED_SEEDS) it(`(regression) seed ${seed}`, () => void check(seed));
  for (const seed of KNOWN_FAILING_SEEDS)
    it.fails(`(known failure) seed ${seed}`, () => void check(seed, 200));
  it("holds the invariants for 20 seeds", () => {
    const base = Number(process.env.GLOSSA_FUZZ_SEED ?? 1);
    let annotations = 0;
    for (let seed = base; seed < base + 20; seed++) annotations += check(seed).annotations;
    expect(annotations).toBeGreaterThan(20);
  });
});
