import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { importLetter } from "./importText.ts";
import { readSampleLetter } from "./sample.ts";
import { schema } from "./schema.ts";
import {
  BLOCK_SEPARATOR,
  blockText,
  DocumentText,
  docText,
  isNumberedParagraph,
  lineText,
  numberParagraphs,
  quoteBetween,
} from "./text.ts";

const n = schema.nodes;
const para = (...inline: (string | null)[]) =>
  n.paragraph!.create(
    null,
    inline.map((t) => (t === null ? n.hard_break!.create() : schema.text(t))),
  );

/// Headings, an empty and a blank paragraph, a list, a block quote and a hard break.
const mixed = (): Node =>
  n.doc!.create(null, [
    n.heading!.create({ level: 2 }, schema.text("Facts")),
    para("one"),
    para(),
    para("   "),
    n.bullet_list!.create(null, [n.list_item!.create(null, [para("two", null, "lines")])]),
    n.blockquote!.create(null, [para("three")]),
  ]);

describe("the document-text model", () => {
  it("joins textblocks by a blank line, a hard break is a newline, empty blocks count", () => {
    const doc = mixed();
    const dt = new DocumentText(doc);
    expect(dt.text).toBe("Facts\n\none\n\n\n\n   \n\ntwo\nlines\n\nthree");
    expect(docText(doc)).toBe(dt.text);
    expect(dt.blocks.map((b) => b.text)).toEqual(
      dt.blocks.map((b) => blockText(doc.resolve(b.from).parent)),
    );
    expect(dt.blocks.map((b) => b.paragraph)).toEqual([null, 1, null, null, 2, 3]);
  });

  it("maps every offset of a block to its position and back, and quotes like the text", () => {
    for (const doc of [mixed(), importLetter(readSampleLetter()).doc]) {
      const dt = new DocumentText(doc);
      for (const b of dt.blocks) {
        expect(dt.text.slice(b.start, b.end)).toBe(b.text);
        expect(b.to - b.from).toBe(b.end - b.start);
        for (let o = b.start; o <= b.end; o++) {
          expect(dt.offsetAt(dt.posAt(o))).toBe(o);
          expect(dt.blockAtOffset(o)?.index).toBe(b.index);
        }
        expect(dt.range(b.start, b.end)).toEqual({ from: b.from, to: b.to });
      }
      const [first, last] = [dt.blocks[0]!, dt.blocks.at(-1)!];
      expect(quoteBetween(doc, first.from, last.to)).toBe(dt.text);
      // Inside a separator: the start of the next block, or the end of the one before.
      if (dt.blocks.length > 1) {
        const gap = first.end + 1;
        expect(dt.posAt(gap, 1)).toBe(dt.blocks[1]!.from);
        expect(dt.posAt(gap, -1)).toBe(first.to);
        expect(dt.blockAtOffset(gap)?.index).toBe(1);
      }
    }
  });

  it("numbers paragraphs by one rule, whether or not the text is built", () => {
    const doc = importLetter(readSampleLetter()).doc;
    const numbered = new DocumentText(doc).blocks.filter((b) => b.paragraph !== null);
    expect(numberParagraphs(doc).map((p) => [p.paragraph, p.from, p.to])).toEqual(
      numbered.map((b) => [b.paragraph, b.from, b.to]),
    );
    expect(isNumberedParagraph(para(" ", null, " "))).toBe(false);
    expect(isNumberedParagraph(n.heading!.create({ level: 1 }, schema.text("x")))).toBe(false);
  });

  it("gives a one-line label without hard breaks, apart from the document's text", () => {
    const doc = n.doc!.create(null, [para("8 U.S.C.", null, "§ 1231"), para("next")]);
    const end = doc.content.size;
    expect(quoteBetween(doc, 1, end - 1)).toBe(`8 U.S.C.\n§ 1231${BLOCK_SEPARATOR}next`);
    expect(lineText(doc, 1, end - 1)).toBe("8 U.S.C.§ 1231 next");
  });
});
