import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { scanUpdate } from "./scan.ts";
import { dependencyOrder, sliceUpdate } from "./slices.ts";

/// Two writers on one document: paragraphs, formatting, attributes and deletions.
function twoWriters(): { a: Y.Doc; b: Y.Doc; sv: Uint8Array } {
  const a = new Y.Doc();
  const f = a.getXmlFragment("prosemirror");
  const ps: Y.XmlElement[] = [];
  for (let i = 0; i < 3_000; i++) {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(`line ${i}`)]);
    ps.push(p);
  }
  f.insert(0, ps);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sv = Y.encodeStateVector(a);
  a.transact(() => {
    for (let i = 2_500; i >= 0; i -= 3) f.delete(i, 1);
    (f.get(0) as Y.XmlElement).insert(0, [new Y.XmlText("more")]);
  });
  b.transact(() => {
    const g = b.getXmlFragment("prosemirror");
    for (let i = 0; i < 900; i += 2) (g.get(i) as Y.XmlElement).setAttribute("x", String(i));
    ((g.get(5) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { strong: {} });
  });
  return { a, b, sv };
}

describe("sliceUpdate", () => {
  const { a, b, sv } = twoWriters();
  const updates: Record<string, Uint8Array> = {
    "one writer's whole state": Y.encodeStateAsUpdate(a, new Uint8Array([0])),
    "one writer's deletions and insert": Y.encodeStateAsUpdate(a, sv),
    "two writers merged": Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)]),
  };
  for (const [name, update] of Object.entries(updates)) {
    it(`slices ${name} into updates within the limits that give the same document`, () => {
      const whole = new Y.Doc();
      const sliced = new Y.Doc();
      const start = Y.encodeStateAsUpdate(b, sv); // b's own changes as a base for both
      for (const d of [whole, sliced]) Y.applyUpdate(d, start);
      Y.applyUpdate(whole, update);
      const slices = [...sliceUpdate(update, 700, 300)];
      for (const s of slices) {
        const scan = scanUpdate(s);
        expect(scan.structs).toBeLessThanOrEqual(700);
        expect(scan.deleteRanges).toBeLessThanOrEqual(300);
        Y.applyUpdate(sliced, s);
      }
      const total = scanUpdate(update);
      expect(slices.length).toBeGreaterThanOrEqual(
        Math.ceil(total.structs / 700) + Math.ceil(total.deleteRanges / 300),
      );
      expect(Y.encodeStateAsUpdate(sliced)).toEqual(Y.encodeStateAsUpdate(whole));
      expect(Y.encodeStateVector(sliced)).toEqual(Y.encodeStateVector(whole));
      expect(sliced.getXmlFragment("prosemirror").toString()).toBe(
        whole.getXmlFragment("prosemirror").toString(),
      );
    }, 60_000);
  }
});

describe("dependencyOrder", () => {
  it("puts a client's structs after those they refer to, so slices never wait in Yjs' pending structs", () => {
    // The text by a writer of a low client id, marks by one of a high id:
    // Yjs writes the high id first, and its marks refer to the text.
    const text = new Y.Doc();
    text.clientID = 1;
    const t = text.getXmlFragment("prosemirror");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("word ".repeat(3_000))]);
    t.insert(0, [p]);
    const marks = new Y.Doc();
    marks.clientID = 2 ** 31;
    Y.applyUpdate(marks, Y.encodeStateAsUpdate(text));
    const mt = (marks.getXmlFragment("prosemirror").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < 1_500; i++) mt.format(i * 10, 4, { strong: {} });
    const update = Y.encodeStateAsUpdate(marks);
    const whole = new Y.Doc();
    Y.applyUpdate(whole, update);
    const waits = (u: Uint8Array) => {
      const d = new Y.Doc();
      let waited = 0;
      for (const s of sliceUpdate(u, 500, 500)) {
        Y.applyUpdate(d, s);
        if (d.store.pendingStructs) waited++;
      }
      expect(Y.encodeStateVector(d)).toEqual(Y.encodeStateVector(whole));
      expect(d.getXmlFragment("prosemirror").toString()).toBe(
        whole.getXmlFragment("prosemirror").toString(),
      );
      return waited;
    };
    // In the update's own order the marks' slices wait for the text.
    expect(waits(update)).toBeGreaterThan(0);
    const ordered = dependencyOrder(update);
    expect(ordered.length).toBe(update.length);
    expect(waits(ordered)).toBe(0);
  });
});
