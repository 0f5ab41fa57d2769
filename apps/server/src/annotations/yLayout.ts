import { schema } from "@glossa/schema";
import * as Y from "yjs";
import type { Segment } from "./yPositions.ts";

// Where each Y.XmlText of a text document starts in ProseMirror positions,
// read from the Yjs tree's structure alone (element nesting and text
// lengths, which Yjs keeps), never by converting the document (issue 16).

/// One Y.XmlText: its first ProseMirror position and the textblock it is in.
export interface TextPlace {
  text: Y.XmlText;
  /// ProseMirror position of its first character.
  from: number;
  length: number;
  /// Its order among the document's texts.
  order: number;
  /// The textblock holding it: its element, its index among the document's
  /// textblocks, and its paragraph number (as `DocumentText` counts).
  block: Y.XmlElement | null;
  blockIndex: number;
  paragraph: number | null;
}

/// The layout of a text document at one moment: where every Y.XmlText is.
/// Formatting moves nothing, so one layout serves a whole batch of marks.
export class TextLayout {
  readonly places: TextPlace[] = [];
  private readonly byText = new Map<Y.XmlText, TextPlace>();

  constructor(fragment: Y.XmlFragment) {
    let blockIndex = -1;
    let paragraph = 0;
    const walk = (parent: Y.XmlFragment | Y.XmlElement, start: number): number => {
      let pos = start;
      for (let item = parent._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
        const child = item.content.type;
        if (child instanceof Y.XmlText) {
          const block = parent instanceof Y.XmlElement ? parent : null;
          const place: TextPlace = {
            text: child,
            from: pos,
            length: child.length,
            order: this.places.length,
            block,
            blockIndex,
            paragraph: null,
          };
          this.places.push(place);
          this.byText.set(child, place);
          pos += child.length;
        } else if (child instanceof Y.XmlElement) {
          const type = schema.nodes[child.nodeName];
          if (type?.isLeaf) pos += 1;
          else {
            if (type?.isTextblock) blockIndex++;
            const first = this.places.length;
            pos = walk(child, pos + 1) + 1;
            if (type?.isTextblock) {
              const numbered = child.nodeName === "paragraph" && hasVisibleText(child);
              if (numbered) paragraph++;
              for (let i = first; i < this.places.length; i++) {
                this.places[i]!.blockIndex = blockIndex;
                this.places[i]!.paragraph = numbered ? paragraph : null;
              }
            }
          }
        }
      }
      return pos;
    };
    walk(fragment, 0);
  }

  /// Where `text` is (undefined when it is not in the document).
  placeOf(text: Y.XmlText): TextPlace | undefined {
    return this.byText.get(text);
  }

  /// The Y.XmlText segments covering ProseMirror positions [from, to), like
  /// `textSegments`, found by binary search.
  segments(from: number, to: number): Segment[] {
    const out: Segment[] = [];
    let lo = 0;
    let hi = this.places.length - 1;
    // The first text that ends after `from`.
    let first = this.places.length;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.places[mid]!.from + this.places[mid]!.length > from) {
        first = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    for (let i = first; i < this.places.length; i++) {
      const p = this.places[i]!;
      if (p.from >= to) break;
      const a = Math.max(from, p.from);
      const b = Math.min(to, p.from + p.length);
      if (a < b) out.push({ text: p.text, index: a - p.from, length: b - a });
    }
    return out;
  }
}

/// Whether a textblock holds a character other than whitespace (leaf
/// nodes such as a hard break count as no text, as in `textContent`).
function hasVisibleText(block: Y.XmlElement): boolean {
  for (let item = block._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlText) {
      for (let c = child._start; c; c = c.right)
        if (!c.deleted && c.content instanceof Y.ContentString && /\S/.test(c.content.str))
          return true;
    } else if (child instanceof Y.XmlElement && hasVisibleText(child)) return true;
  }
  return false;
}
