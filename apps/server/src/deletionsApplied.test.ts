import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { deletionsApplied } from "./deletionsApplied.ts";

/// A writer's document with "hello world", and the server's copy of it.
function pair(): { writer: Y.Doc; server: Y.Doc } {
  const writer = new Y.Doc();
  writer.getText("t").insert(0, "hello world");
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
  return { writer, server };
}

/// The update of one deletion made by `doc`.
function deletion(doc: Y.Doc, index: number, length: number): Uint8Array {
  let out: Uint8Array | null = null;
  const grab = (u: Uint8Array) => {
    out = u;
  };
  doc.on("update", grab);
  doc.getText("t").delete(index, length);
  doc.off("update", grab);
  return out!;
}

describe("deletionsApplied", () => {
  it("is true only once the server's document has the deletion", () => {
    const { writer, server } = pair();
    const d = deletion(writer, 5, 6);
    expect(deletionsApplied(server, d)).toBe(false);
    Y.applyUpdate(server, d);
    expect(deletionsApplied(server, d)).toBe(true);
    expect(server.getText("t").toString()).toBe("hello");
  });
  it("is false for a deletion of characters the server never had, and for garbage", () => {
    const { writer, server } = pair();
    writer.getText("t").insert(11, "!!!");
    const d = deletion(writer, 10, 3);
    expect(deletionsApplied(server, d)).toBe(false);
    expect(deletionsApplied(server, new Uint8Array([1, 2, 3]))).toBe(false);
  });
  it("is false for an update that adds characters", () => {
    const { writer, server } = pair();
    const add = Y.encodeStateAsUpdate(writer);
    expect(deletionsApplied(server, add)).toBe(false);
  });
});
