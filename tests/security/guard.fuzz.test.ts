import { describe, expect, it } from "vitest";
import { runGuardFuzz } from "./guardFuzz.ts";

// `pnpm test:fuzz` (GLOSSA_FUZZ=long): 1,000,000 mutated updates against the
// structural guard, in runs of 10,000 from consecutive seeds; otherwise
// 20,000. GLOSSA_FUZZ_MUTATIONS sets the total, GLOSSA_FUZZ_SEED the first seed.
const long = process.env.GLOSSA_FUZZ === "long";
const total = Number(process.env.GLOSSA_FUZZ_MUTATIONS ?? (long ? 1_000_000 : 20_000));
const first = Number(process.env.GLOSSA_FUZZ_SEED ?? 100);
const RUN = 10_000;

describe(`structural guard: ${total} mutated updates from seed ${first}`, () => {
  it("0 crashes, 0 accepted updates that break content, exports or the schema", () => {
    const totals = { mutations: 0, accepted: 0, refused: 0, exports: 0 };
    const crashes: string[] = [];
    const broken: string[] = [];
    for (let seed = first; totals.mutations < total; seed++) {
      const s = runGuardFuzz(seed, Math.min(RUN, total - totals.mutations));
      totals.mutations += s.mutations;
      totals.accepted += s.accepted;
      totals.refused += s.refused;
      totals.exports += s.exports;
      crashes.push(...s.crashes);
      broken.push(...s.broken);
    }
    console.log(
      `guard fuzz ${JSON.stringify(totals)}; ${crashes.length} crashes, ${broken.length} broken`,
    );
    expect(crashes).toEqual([]);
    expect(broken).toEqual([]);
  }, 86_400_000);
});
