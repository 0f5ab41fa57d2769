import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type PartLimits, partsOf } from "./parts.ts";
import { scanUpdate } from "./scan.ts";

const SMALL: PartLimits = {
  structs: 500,
  blocks: 300,
  clocks: 5_000,
  deleteRanges: 400,
  bytes: 64_000,
};

/// Blocks whose content the schema requires (a list holds list items, a
/// list item starts with a paragraph, a quote holds blocks) that stand
/// without it: what the server's guard would refuse in a part.
function incomplete(fragment: Y.XmlFragment): string[] {
  const bad: string[] = [];
  const walk = (el: Y.XmlElement) => {
    const kids = el.toArray().filter((k): k is Y.XmlElement => k instanceof Y.XmlElement);
    const name = el.nodeName;
    if ((name === "bullet_list" || name === "blockquote") && kids.length === 0) bad.push(name);
    if (name === "list_item" && kids[0]?.nodeName !== "paragraph") bad.push(name);
    for (const k of kids) walk(k);
  };
  for (const n of fragment.toArray()) if (n instanceof Y.XmlElement) walk(n);
  return bad;
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/// A base document and a copy that pasted lists, quotes and paragraphs,
/// formatted some words and deleted scattered characters.
function pasted(): { base: Y.Doc; doc: Y.Doc; update: Uint8Array } {
  const base = new Y.Doc();
  base.getXmlFragment("prosemirror").insert(0, [paragraph("The letter of 21 December 2018.")]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(doc);
  const f = doc.getXmlFragment("prosemirror");
  doc.transact(() => {
    const blocks: Y.XmlElement[] = [];
    for (let i = 0; i < 600; i++) {
      blocks.push(paragraph(`Paragraph ${i} of the pasted brief, with bold words.`));
      if (i % 50 === 0) {
        const list = new Y.XmlElement("bullet_list");
        const items = Array.from({ length: 40 }, (_, k) => {
          const li = new Y.XmlElement("list_item");
          li.insert(0, [paragraph(`Item ${k} of list ${i}.`)]);
          return li;
        });
        list.insert(0, items);
        blocks.push(list);
        const quote = new Y.XmlElement("blockquote");
        quote.insert(0, [paragraph(`Quoted ${i}.`), paragraph("More.")]);
        blocks.push(quote);
      }
    }
    f.insert(1, blocks);
  });
  doc.transact(() => {
    for (const el of f.toArray().slice(1, 600)) {
      const t = (el as Y.XmlElement).get(0);
      if (!(t instanceof Y.XmlText)) continue;
      t.format(0, 9, { strong: {} });
      t.delete(12, 1);
      t.delete(20, 2);
    }
  });
  return { base, doc, update: Y.encodeStateAsUpdate(doc, sv) };
}

describe("partsOf", () => {
  it("keeps an update that fits whole as it is", () => {
    const { update } = pasted();
    const parts = partsOf(update, {
      ...SMALL,
      structs: 1e9,
      blocks: 1e9,
      clocks: 1e9,
      deleteRanges: 1e9,
      bytes: 1e9,
    });
    expect(parts).toHaveLength(1);
    expect(parts[0]!.update).toBe(update);
  });

  it("cuts a change into parts within the limits that, applied one by one, each leave a whole document and together give the same one", () => {
    const { base, doc, update } = pasted();
    const parts = partsOf(update, SMALL);
    expect(parts.length).toBeGreaterThan(10);
    const target = new Y.Doc();
    Y.applyUpdate(target, Y.encodeStateAsUpdate(base));
    for (const part of parts) {
      const scan = scanUpdate(part.update);
      expect(scan.structs).toBe(part.structs);
      expect(scan.types).toBe(part.blocks);
      expect(scan.deleteRanges).toBe(part.deleteRanges);
      expect(part.structs).toBeLessThanOrEqual(SMALL.structs);
      expect(part.blocks).toBeLessThanOrEqual(SMALL.blocks);
      expect(part.clocks).toBeLessThanOrEqual(SMALL.clocks);
      expect(part.deleteRanges).toBeLessThanOrEqual(SMALL.deleteRanges);
      expect(part.update.length).toBeLessThanOrEqual(SMALL.bytes);
      Y.applyUpdate(target, part.update);
      // Nothing waits for a later part, and no block lacks what it needs.
      expect(target.store.pendingStructs).toBeNull();
      expect(target.store.pendingDs).toBeNull();
      expect(incomplete(target.getXmlFragment("prosemirror"))).toEqual([]);
    }
    expect(target.getXmlFragment("prosemirror").toString()).toBe(
      doc.getXmlFragment("prosemirror").toString(),
    );
    expect(Y.encodeStateVector(target)).toEqual(Y.encodeStateVector(doc));
  });

  it("cuts a sync reply of several writers and a delete set of many ranges", () => {
    const { base, doc } = pasted();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const t = (other.getXmlFragment("prosemirror").get(4) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(5, "inserted by another writer ");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    const reply = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(base));
    const parts = partsOf(reply, SMALL);
    const target = new Y.Doc();
    Y.applyUpdate(target, Y.encodeStateAsUpdate(base));
    for (const part of parts) {
      Y.applyUpdate(target, part.update);
      expect(target.store.pendingStructs).toBeNull();
      expect(target.store.pendingDs).toBeNull();
    }
    expect(parts.filter((p) => p.structs === 0 && p.deleteRanges > 0).length).toBeGreaterThan(1);
    expect(target.getXmlFragment("prosemirror").toString()).toBe(
      doc.getXmlFragment("prosemirror").toString(),
    );
  });
});
