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
  it("counts a request until its answer, a late one included", async () => {
    const { page } = docs();
    const w = new AnnotationWrites(page);
    const a = w.request("a", 10_000);
    void w.request("b", 10_000).catch(() => undefined);
    expect(w.count).toBe(2);
    expect(w.answered({ type: "annotation-result", requestId: "a", ok: true, id: "x" })).toBe(true);
    await expect(a).resolves.toEqual({ id: "x" });
    expect(w.answered({ type: "annotation-result", requestId: "a", ok: true, id: "x" })).toBe(
      false,
    );
    expect(w.count).toBe(1);
    // Past its time the caller is told, and it still counts.
    const late = w.request("c", 1);
    await expect(late).rejects.toMatchObject({ code: "no_answer" });
    expect(w.count).toBe(2);
    // The connection is lost: no answer will come on it.
    expect(w.lost()).toBe(true);
    expect(w.count).toBe(0);
  });

  it("keeps a not-saved operation until a saved covers what the server wrote for it", async () => {
    const { server, page, sv } = docs();
    const w = new AnnotationWrites(page);
    server.getMap("a").set("x", 1);
    const before = sv();
    w.saved(before);
    const r = w.request("r", 10_000);
    // Carried out in memory; the change reaches the page before the answer.
    server.getMap("a").set("y", 2);
    w.answered({ type: "annotation-result", requestId: "r", ok: false, code: "not-saved" });
    await expect(r).rejects.toThrow();
    expect(w.count).toBe(1);
    // An older saved says nothing about it.
    expect(w.saved(before)).toBe(false);
    expect(w.count).toBe(1);
    expect(w.saved(sv())).toBe(true);
    expect(w.count).toBe(0);
  });
});
