import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MergeWorker } from "./mergeWorker.ts";

const part = (text: string) => {
  const d = new Y.Doc();
  d.getText("t").insert(0, text);
  const u = Y.encodeStateAsUpdate(d);
  d.destroy();
  return u;
};
const textOf = (u: Uint8Array) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, u);
  return d.getText("t").toString();
};

describe("MergeWorker", () => {
  it("stops its thread when idle (its heap goes with it) and starts again for the next merge", async () => {
    const merger = new MergeWorker(50);
    const worker = () => (merger as unknown as { worker: object | null }).worker;
    expect(textOf(await merger.merge([part("a")]))).toBe("a");
    expect(worker()).not.toBeNull();
    for (let i = 0; i < 100 && worker() !== null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(worker()).toBeNull();
    // Two merges at once on the new thread, both answered.
    const [x, y] = await Promise.all([merger.merge([part("b")]), merger.merge([part("c")])]);
    expect([textOf(x), textOf(y)]).toEqual(["b", "c"]);
    await merger.close();
    // Two thread starts: seconds on a loaded machine, past vitest's 5 s default.
  }, 30_000);
});
