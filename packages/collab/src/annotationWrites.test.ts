import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { AnnotationWrites } from "./annotationWrites.ts";

/// The server's copy of the annotations document and the page's, kept in step.
function docs() {
  const server = new Y.Doc();
  const page = new Y.Doc();
  server.on("update", (u: Uint8Array) => Y.applyUpdate(page, u));
  return { server, page, sv: () => Y.decodeStateVector(Y.encodeStateVector(server)) };
}

describe("AnnotationWrites", () => {
  it("counts a request until its answer, a late one included", () => {
    const { page } = docs();
    const w = new AnnotationWrites(page);
    w.sent("a");
    w.sent("b");
    expect(w.count).toBe(2);
    expect(w.answered("a", false)).toBe(true);
    expect(w.answered("a", false)).toBe(false);
    expect(w.count).toBe(1);
    // The connection is lost: no answer will come on it.
    expect(w.lost()).toBe(true);
    expect(w.count).toBe(0);
  });

  it("keeps a not-saved operation until a saved covers what the server wrote for it", () => {
    const { server, page, sv } = docs();
    const w = new AnnotationWrites(page);
    server.getMap("a").set("x", 1);
    const before = sv();
    w.saved(before);
    w.sent("r");
    // Carried out in memory; the change reaches the page before the answer.
    server.getMap("a").set("y", 2);
    w.answered("r", true);
    expect(w.count).toBe(1);
    // An older saved says nothing about it.
    expect(w.saved(before)).toBe(false);
    expect(w.count).toBe(1);
    expect(w.saved(sv())).toBe(true);
    expect(w.count).toBe(0);
  });
});
