import type { Node } from "prosemirror-model";

/// The separator between textblocks in the plain text selectors are measured
/// in (the same as `docText` of @glossa/schema).
export const BLOCK_SEPARATOR = "\n\n";

interface Block {
  /// Offset of the block's first character in `text`.
  offset: number;
  /// Document position of the start of the block's content.
  pos: number;
  length: number;
}

/// The plain text of a document with a map between text offsets and document
/// positions. Convention: the text of every textblock, in document order,
/// joined by a blank line (`"\n\n"`); inside a block every character of text
/// is one UTF-16 unit and every inline leaf (a hard break) is `"\n"`, so each
/// offset inside a block maps to exactly one position. Empty blocks count,
/// so their separators do too. This is the text TextQuote- and
/// TextPositionSelectors refer to.
export class DocTextIndex {
  readonly text: string;
  private readonly blocks: Block[];

  constructor(readonly doc: Node) {
    const parts: string[] = [];
    const blocks: Block[] = [];
    let offset = 0;
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      if (blocks.length) offset += BLOCK_SEPARATOR.length;
      let text = "";
      node.forEach((child) => {
        text += child.isText ? child.text! : "\n".repeat(child.nodeSize);
      });
      blocks.push({ offset, pos: pos + 1, length: text.length });
      parts.push(text);
      offset += text.length;
      return false;
    });
    this.text = parts.join(BLOCK_SEPARATOR);
    this.blocks = blocks;
  }

  private blockAtOffset(offset: number): Block | undefined {
    let lo = 0;
    let hi = this.blocks.length - 1;
    let found: Block | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid]!;
      if (b.offset <= offset) {
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
    const b = this.blockAtOffset(Math.max(0, offset)) ?? this.blocks[0]!;
    const inside = offset - b.offset;
    if (inside <= b.length) return b.pos + Math.max(0, inside);
    const i = this.blocks.indexOf(b);
    const next = this.blocks[i + 1];
    if (bias === 1 && next) return next.pos;
    return b.pos + b.length;
  }

  /// The text offset of document position `pos`; positions between blocks
  /// map to the start of the next block (or the end of the text).
  offsetAt(pos: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid]!;
      if (pos < b.pos) hi = mid - 1;
      else if (pos > b.pos + b.length) lo = mid + 1;
      else return b.offset + (pos - b.pos);
    }
    const next = this.blocks[lo];
    return next ? next.offset : this.text.length;
  }
}

/// Shorthand for `new DocTextIndex(doc).text`.
export function plainText(doc: Node): string {
  return new DocTextIndex(doc).text;
}
