import { schema } from "@glossa/schema";
import * as Y from "yjs";

// Where ProseMirror positions and runs of characters are in the Yjs tree
// y-prosemirror keeps (a Y.XmlFragment of Y.XmlElement and Y.XmlText).

export interface Segment {
  text: Y.XmlText;
  index: number;
  length: number;
}

/// The Y.XmlText segments covering ProseMirror positions [from, to) of the
/// document held in `fragment`, walking the Yjs tree the way ProseMirror
/// counts positions (an element opens and closes, a leaf counts one).
export function textSegments(fragment: Y.XmlFragment, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  const walk = (parent: Y.XmlFragment | Y.XmlElement, start: number): number => {
    let pos = start;
    for (const child of parent.toArray()) {
      if (pos >= to) break;
      if (child instanceof Y.XmlText) {
        const len = child.length;
        const a = Math.max(from, pos);
        const b = Math.min(to, pos + len);
        if (a < b) out.push({ text: child, index: a - pos, length: b - a });
        pos += len;
      } else if (child instanceof Y.XmlElement) {
        if (schema.nodes[child.nodeName]?.isLeaf) pos += 1;
        else pos = walk(child, pos + 1) + 1;
      }
    }
    return pos;
  };
  walk(fragment, 0);
  return out;
}

/// A run of characters of one Y.XmlText, by index.
export interface TextRun {
  text: Y.XmlText;
  index: number;
  length: number;
}

/// Every Y.XmlText under `parent`, in document order.
export function* xmlTexts(parent: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlText> {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) yield child;
    else if (child instanceof Y.XmlElement) yield* xmlTexts(child);
  }
}

/// The characters of `run`.
export function runText(run: TextRun): string {
  let text = "";
  for (const op of run.text.toDelta() as { insert: unknown }[])
    text += typeof op.insert === "string" ? op.insert : "\ufffc";
  return text.slice(run.index, run.index + run.length);
}
