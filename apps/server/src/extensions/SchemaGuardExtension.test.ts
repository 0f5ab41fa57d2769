import { describe, expect, it } from "vitest";
import { UpdateRejected, validateTextUpdate } from "./SchemaGuardExtension.ts";

/// A V1 update with no structs and one deleted range (client 5, clock 0, `len`).
const deletion = (len: number) => new Uint8Array([0, 1, 5, 1, 0, len]);

describe("validateTextUpdate", () => {
  it("refuses a deletion of nothing (found by the guard fuzz: the stored state could no longer be encoded as V2)", () => {
    expect(() => validateTextUpdate(deletion(0))).toThrow(UpdateRejected);
  });

  it("accepts a real deletion", () => {
    expect(() => validateTextUpdate(deletion(1))).not.toThrow();
  });
});
