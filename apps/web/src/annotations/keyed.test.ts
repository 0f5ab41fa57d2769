import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { Parts, place } from "./keyed.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

/// Counts the nodes a parent is asked to insert (a kept node inserted again
/// would have been taken out of the page, losing its focus).
function watched() {
  const parent = document.createElement("div");
  const inserted: Node[] = [];
  const insertBefore = parent.insertBefore.bind(parent);
  parent.insertBefore = <T extends Node>(n: T, ref: Node | null): T => {
    inserted.push(n);
    return insertBefore(n, ref) as T;
  };
  return { parent, inserted };
}

const el = (text: string) => {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
};

describe("keyed parts", () => {
  it("keeps a part whose key and sig are unchanged, rebuilds one whose sig changed", () => {
    const { parent, inserted } = watched();
    const parts = new Parts();
    let builds = 0;
    const part = (key: string, sig: string) => ({
      key,
      sig,
      build: () => {
        builds++;
        return el(`${key}:${sig}`);
      },
    });
    const [a1, b1] = parts.render(parent, [part("a", "1"), part("b", "1")]);
    expect(builds).toBe(2);
    inserted.length = 0;
    const [a2, b2] = parts.render(parent, [part("a", "1"), part("b", "2")]);
    expect(builds).toBe(3);
    expect(a2).toBe(a1);
    expect(b2).not.toBe(b1);
    // Only the rebuilt part was inserted; the kept one was not touched.
    expect(inserted).toEqual([b2]);
    expect([...parent.childNodes]).toEqual([a1, b2]);
  });

  it("a part given as a node is kept while it is the same node", () => {
    const { parent, inserted } = watched();
    const parts = new Parts();
    const links = el("links");
    parts.render(parent, [{ key: "x", node: links }]);
    inserted.length = 0;
    parts.render(parent, [{ key: "x", node: links }]);
    expect(inserted).toEqual([]);
    const other = el("other");
    parts.render(parent, [{ key: "x", node: other }]);
    expect([...parent.childNodes]).toEqual([other]);
  });

  it("place removes what is not listed and inserts new nodes around kept ones without moving them", () => {
    const { parent, inserted } = watched();
    const [a, b, c, d] = [el("a"), el("b"), el("c"), el("d")];
    place(parent, [a, b, c]);
    inserted.length = 0;
    place(parent, [d, a, c]);
    expect([...parent.childNodes]).toEqual([d, a, c]);
    expect(inserted).toEqual([d]);
    expect(b.parentNode).toBe(null);
  });
});
