import type { Node } from "prosemirror-model";

/// The plain text of a document — the one convention that annotation
/// selectors and quotes, citations found in a document, search, versions and
/// the exports measure in:
/// - the text of every textblock, in document order (blocks inside lists and
///   block quotes included, block leaves skipped), joined by
///   `BLOCK_SEPARATOR` (a blank line); empty blocks count, so their
///   separators do too;
/// - inside a block every character of text is one UTF-16 unit and every
///   inline leaf (a hard break) is `LEAF_TEXT` (`"\n"`), so each offset
///   inside a block maps to exactly one document position.
/// Code that reads the same text elsewhere (the Yjs reading of versions,
/// `apps/server/src/versions/attribution.ts`) takes these two constants from
/// here.
export const BLOCK_SEPARATOR = "\n\n";

/// The text of an inline leaf (a hard break).
export const LEAF_TEXT = "\n";

/// The text of one textblock (hard breaks as `LEAF_TEXT`).
export function blockText(node: Node): string {
  return node.textBetween(0, node.content.size, "", LEAF_TEXT);
}

/// The text of `doc` between positions `from` and `to`, in the convention
/// above: what an annotation quotes.
export function quoteBetween(doc: Node, from: number, to: number): string {
  return doc.textBetween(from, to, BLOCK_SEPARATOR, LEAF_TEXT);
}

/// The text between `from` and `to` for a one-line label: textblocks joined
/// by a space and hard breaks dropped. Not the document's text (offsets and
/// quotes never use it): the source pane shows citations this way in its
/// list of the places that cite an authority, and keeps doing so (a citation
/// spanning a hard break reads "8 U.S.C.§ 1231" there).
export function lineText(doc: Node, from: number, to: number): string {
  return doc.textBetween(from, to, " ");
}

/// The paragraph numbering rule (¶ 1, ¶ 2 …), one for the server, the web
/// app, the exports and the table of authorities: every `paragraph`
/// textblock with some non-blank text, in document order — top-level
/// paragraphs, paragraphs of list items and paragraphs inside block quotes
/// alike. The title, date line, salutation, headings, closing, signatories,
/// addressees and empty paragraphs are not numbered. Numbers therefore change
/// only when a paragraph before them is added, removed, emptied, split or joined.
export function isNumberedParagraph(node: Node): boolean {
  return numbered(node.type.name, node.textContent);
}

/// The rule on a block's type name and text (its text content or its
/// `blockText`: they differ only by hard breaks, which are blank).
const numbered = (type: string, text: string): boolean =>
  type === "paragraph" && text.trim() !== "";

/// One numbered paragraph: its number and where its content lies.
export interface NumberedParagraph {
  paragraph: number;
  /// Position of the paragraph node, and of the start / end of its content.
  pos: number;
  from: number;
  to: number;
}

/// The numbered paragraphs of `doc`, in order (see `isNumberedParagraph`),
/// without building the document's text (the editor's ¶ margin runs it on
/// every change).
export function numberParagraphs(doc: Node): NumberedParagraph[] {
  const out: NumberedParagraph[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (isNumberedParagraph(node))
      out.push({
        paragraph: out.length + 1,
        pos,
        from: pos + 1,
        to: pos + 1 + node.content.size,
      });
    return false;
  });
  return out;
}

/// One textblock of a document.
export interface TextBlock {
  /// Position among all textblocks, from 0 (title, date line and signatures included).
  index: number;
  /// Its paragraph number (¶), or null for blocks that are not numbered.
  paragraph: number | null;
  /// Node type name (`paragraph`, `title`, `signatory` …).
  type: string;
  /// Document positions of the start and end of its content.
  from: number;
  to: number;
  /// Offsets of its text in the document's plain text.
  start: number;
  end: number;
  text: string;
}

/// The textblocks of `doc` with their text, positions, offsets and ¶ numbers.
function readBlocks(doc: Node): TextBlock[] {
  const blocks: TextBlock[] = [];
  let offset = 0;
  let paragraph = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (blocks.length) offset += BLOCK_SEPARATOR.length;
    let text = "";
    node.forEach((child) => {
      text += child.isText ? child.text! : LEAF_TEXT.repeat(child.nodeSize);
    });
    blocks.push({
      index: blocks.length,
      paragraph: numbered(node.type.name, text) ? ++paragraph : null,
      type: node.type.name,
      from: pos + 1,
      to: pos + 1 + node.content.size,
      start: offset,
      end: offset + text.length,
      text,
    });
    offset += text.length;
    return false;
  });
  return blocks;
}

/// A document's plain text (the convention above) with its textblocks, their
/// ¶ numbers, and the map between text offsets and document positions. This
/// is the text TextQuote- and TextPositionSelectors refer to.
export class DocumentText {
  readonly text: string;
  readonly blocks: readonly TextBlock[];

  constructor(readonly doc: Node) {
    this.blocks = readBlocks(doc);
    this.text = this.blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
  }

  /// The last block starting at or before `offset`.
  private blockStartingBefore(offset: number): TextBlock | undefined {
    let lo = 0;
    let hi = this.blocks.length - 1;
    let found: TextBlock | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid]!;
      if (b.start <= offset) {
        found = b;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /// The document position of text offset `offset`. An offset inside a
  /// block separator maps to the end of the block before it when `bias` is
  /// -1 (for the end of a range), and to the start of the block after it
  /// when `bias` is 1 (for the start of a range).
  posAt(offset: number, bias: -1 | 1 = 1): number {
    if (!this.blocks.length) return 0;
    const b = this.blockStartingBefore(Math.max(0, offset)) ?? this.blocks[0]!;
    const inside = offset - b.start;
    if (inside <= b.end - b.start) return b.from + Math.max(0, inside);
    const next = this.blocks[b.index + 1];
    if (bias === 1 && next) return next.from;
    return b.to;
  }

  /// The text offset of document position `pos`; positions between blocks
  /// map to the start of the next block (or the end of the text).
  offsetAt(pos: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid]!;
      if (pos < b.from) hi = mid - 1;
      else if (pos > b.to) lo = mid + 1;
      else return b.start + (pos - b.from);
    }
    const next = this.blocks[lo];
    return next ? next.start : this.text.length;
  }

  /// The block holding text offset `offset` (an offset in a separator
  /// belongs to the block after it).
  blockAtOffset(offset: number): TextBlock | undefined {
    const found = this.blockStartingBefore(offset);
    if (found && offset > found.end) return this.blocks[found.index + 1] ?? found;
    return found;
  }

  /// The block holding document position `pos`.
  blockAtPos(pos: number): TextBlock | undefined {
    return this.blockAtOffset(this.offsetAt(pos));
  }

  /// Document positions of plain-text offsets [start, end).
  range(start: number, end: number): { from: number; to: number } {
    return { from: this.posAt(start, 1), to: this.posAt(end, -1) };
  }
}

/// The plain text of a document (shorthand for `new DocumentText(doc).text`).
export function docText(doc: Node): string {
  return new DocumentText(doc).text;
}
