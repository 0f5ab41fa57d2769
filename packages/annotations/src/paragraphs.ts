import type { Node } from "prosemirror-model";
import { BLOCK_SEPARATOR, DocTextIndex } from "./text.ts";

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
  /// Offsets of its text in the document's plain text (`DocTextIndex`).
  start: number;
  end: number;
  text: string;
}

/// The paragraph numbering rule (¶ 1, ¶ 2 …), one for the server, the web
/// app, the exports and the table of authorities: every `paragraph`
/// textblock with some non-blank text, in document order — top-level
/// paragraphs, paragraphs of list items and paragraphs inside block quotes
/// alike. The title, date line, salutation, headings, closing, signatories,
/// addressees and empty paragraphs are not numbered. Numbers therefore change
/// only when a paragraph before them is added, removed, emptied, split or joined.
export function isNumberedParagraph(node: Node): boolean {
  return node.type.name === "paragraph" && node.textContent.trim() !== "";
}

/// One numbered paragraph: its number and where its content lies.
export interface NumberedParagraph {
  paragraph: number;
  /// Position of the paragraph node, and of the start / end of its content.
  pos: number;
  from: number;
  to: number;
}

/// The numbered paragraphs of `doc`, in order (see `isNumberedParagraph`).
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

/// A document's textblocks and plain text, with paragraph numbers
/// (`isNumberedParagraph`).
export class DocumentParagraphs {
  readonly blocks: TextBlock[];
  readonly index: DocTextIndex;

  constructor(readonly doc: Node) {
    this.index = new DocTextIndex(doc);
    const blocks: TextBlock[] = [];
    let offset = 0;
    let paragraph = 0;
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      if (blocks.length) offset += BLOCK_SEPARATOR.length;
      let text = "";
      node.forEach((child) => {
        text += child.isText ? child.text! : "\n".repeat(child.nodeSize);
      });
      const numbered = isNumberedParagraph(node);
      blocks.push({
        index: blocks.length,
        paragraph: numbered ? ++paragraph : null,
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
    this.blocks = blocks;
  }

  /// The document's plain text (textblocks joined by a blank line).
  get text(): string {
    return this.index.text;
  }

  /// The block holding text offset `offset` (an offset in a separator
  /// belongs to the block after it).
  blockAtOffset(offset: number): TextBlock | undefined {
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
    if (found && offset > found.end) return this.blocks[found.index + 1] ?? found;
    return found;
  }

  /// The block holding document position `pos`.
  blockAtPos(pos: number): TextBlock | undefined {
    return this.blockAtOffset(this.index.offsetAt(pos));
  }

  /// Document positions of plain-text offsets [start, end).
  range(start: number, end: number): { from: number; to: number } {
    return { from: this.index.posAt(start, 1), to: this.index.posAt(end, -1) };
  }
}
