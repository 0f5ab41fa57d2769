import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { applyUnheard, LOAD_STEP, type LoadStep, loadStepsOf } from "./loadSteps.ts";
import { scanUpdate } from "./updateScan.ts";

/// A stored update of `n` structs: words each inserted before the last
/// (no two merge), a few hundred KB at most.
function update(n: number): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  for (let i = 0; i < n; i++) text.insert(0, "ab ");
  return Y.encodeStateAsUpdate(doc);
}

const load = (parts: Uint8Array[]) => {
  const steps: LoadStep[] = [...loadStepsOf(parts)];
  const doc = new Y.Doc();
  for (const s of steps) applyUnheard(doc, s, null);
  return { steps, doc };
};

/// Issue 16: slicing a stored update costs more than applying it whole
/// (Yjs merges the structs a slice ends with and the next slice splits them
/// again): the text of the letter ×10 with 1,000 annotations (4,840 structs,
/// 189 KB) took 2× the CPU in 3 slices, on the path of a fresh client's
/// first sight of the text. An update small enough for one step is applied
/// whole; larger ones are still sliced. Counted in steps.
describe("load steps", () => {
  it("applies a stored update of a few thousand structs in one step, a larger one in slices", () => {
    const small = update(5_000);
    expect(scanUpdate(small).structs).toBe(5_000);
    expect(small.byteLength).toBeGreaterThan(LOAD_STEP.wholeBytes);
    expect(small.byteLength).toBeLessThan(LOAD_STEP.wholeMaxBytes);
    const one = load([small]);
    expect(one.steps.map((s) => [s.kind, s.updates.length])).toEqual([["whole", 1]]);
    expect(one.doc.getText("t").toString()).toBe("ab ".repeat(5_000));

    const large = update(LOAD_STEP.wholeStructs + 1);
    const sliced = load([large]);
    expect(sliced.steps[0]!.kind).toBe("order");
    expect(sliced.steps.filter((s) => s.kind === "slice")).toHaveLength(
      Math.ceil((LOAD_STEP.wholeStructs + 1) / LOAD_STEP.structs),
    );
    expect(sliced.doc.getText("t").length).toBe(3 * (LOAD_STEP.wholeStructs + 1));
  });
});
