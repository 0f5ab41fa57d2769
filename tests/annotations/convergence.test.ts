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
  // A mark left over other words by concurrent edits (ADR 0003): 1044 over
  // a whole stretch (a join moved a paragraph's rest under it), 1001 over
  // characters inside the span. Fixed by the server's quote check.
  [1001, 200],
  [1044, 200],
  // Text moved by a concurrent join (1158), or put back by an undo (1176),
  // between two annotated characters: the quote check cannot see it. Fixed
  // by checking marked characters against the Yjs identity of the text the
  // annotation was made on (`foreignCharacters`).
  [1158, 200],
  [1176, 200],
  // Shrunk while building that check: over-trimming or under-trimming
  // there showed in these (400 ops).
  [1002, 400],
  [1035, 400],
  [1036, 400],
];

/// The same two seeds in the first version's mode, where editors add marks
/// themselves: they failed there (34 of 300 seeds did); the server's check
/// fixes them too.
export const PINNED_CLIENT_MODE_SEEDS: number[] = [1001, 1044];

/// Seeds that still fail in the server mode (ADR 0003, "What is left"), 400
/// ops: a client that had merged a mark moved onto other words copies it
/// when it rewrites the paragraph, and a concurrent join's text lands next
/// to a format item the server's mark was made around. They must keep
/// failing until that is fixed.
export const KNOWN_FAILING_SEEDS: [seed: number, ops: number][] = [[1193, 400]];

/// Seed 1150 (400 ops) shrunk to 5 steps of one client: split, undo, type,
/// join, undo. The last undo restores items whose right origin is not
/// reachable from their origin (yjs #794, open), so the server integrates
/// them in another order: same state vector and delete set, different text.
/// A convergence failure in Yjs's UndoManager, not in annotations (ADR 0003).
const UNDO_DIVERGENCE_TAPE: number[][] = [
  [
    0.09196758805774152, 0.20845604548230767, 0.19280314166098833, 0.33201495883986354,
    0.9881444631610066, 0.42770973104052246, 0.42169061093591154, 0.34420192148536444,
  ],
  [
    0.6742212628014386, 0.3243122852873057, 0.47840319434180856, 0.6467127231881022,
    0.20027107233181596,
  ],
  [0.9220924363471568, 0.41776916454546154, 0.3577409703284502],
  [
    0.9146617234218866, 0.1268731493037194, 0.48700532992370427, 0.6433944026939571,
    0.4448162061162293, 0.4640409473795444,
  ],
  [0.16122536710463464, 0.35448043211363256, 0.3263832381926477, 0.5685967938043177],
  [0.20448122802190483, 0.41066264477558434, 0.4026540336199105],
];

describe("annotation convergence (short run)", () => {
  it.fails("(known failure, yjs #794) an undo after a join makes replicas diverge", () => {
    const r = runSimulation(1150, { tape: UNDO_DIVERGENCE_TAPE });
    expect(r.violations).toEqual([]);
  });
  for (const [seed, ops] of PINNED_SEEDS)
    it(`(regression) seed ${seed}`, () => void check(seed, ops));
  for (const seed of PINNED_CLIENT_MODE_SEEDS)
    it(`(regression, client marks) seed ${seed}`, () => void check(seed, 200, "client"));
  for (const [seed, ops] of KNOWN_FAILING_SEEDS)
    it.fails(`(known failure) seed ${seed}`, () => void check(seed, ops));
  it("holds the invariants for 20 seeds", () => {
    const base = Number(process.env.GLOSSA_FUZZ_SEED ?? 1);
    let annotations = 0;
    for (let seed = base; seed < base + 20; seed++) annotations += check(seed).annotations;
    expect(annotations).toBeGreaterThan(20);
  });
});
