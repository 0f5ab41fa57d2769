import type { Node } from "prosemirror-model";

/// The text of one textblock with its position in the document.
export interface BlockText {
  /// Position of the start of the block's content.
  pos: number;
  /// Index of the block among the document's textblocks.
  index: number;
  type: string;
  text: string;
}

/// Every textblock of `doc`, in order, with its plain text. Hard breaks
/// become "\n" so that offsets into `text` map 1:1 onto document positions.
export function blockTexts(doc: Node): BlockText[] {
  const out: BlockText[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    out.push({
      pos: pos + 1,
      index: out.length,
      type: node.type.name,
      text: node.textBetween(0, node.content.size, "", "\n"),
    });
    return false;
  });
  return out;
}

/// The plain text of a document, blocks separated by blank lines.
export function docText(doc: Node): string {
  return blockTexts(doc)
    .map((b) => b.text)
    .join("\n\n");
}
