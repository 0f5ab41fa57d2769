import { schema } from "@glossa/schema";
import * as buf from "lib0/buffer";
import * as sha256 from "lib0/hash/sha256";
import * as Y from "yjs";

/// The Y.XmlText attribute key y-prosemirror uses for an overlapping mark:
/// `annotation--<hash of the mark's JSON>` (its `hashOfJSON`). Using the same
/// key means a client that re-syncs the paragraph writes nothing new.
export function annotationAttributeKey(id: string): string {
  const digest = sha256.digest(buf.encodeAny({ type: "annotation", attrs: { id } }));
  const N = 6;
  for (let i = N; i < digest.length; i++) digest[i % N] = digest[i % N]! ^ digest[i]!;
  return `annotation--${buf.toBase64(digest.slice(0, N))}`;
}

interface Segment {
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

/// Adds the annotation mark `id` over [from, to) by formatting only the text
/// there — a small update that leaves every other mark and concurrent edit
/// alone (unlike re-syncing whole paragraphs). Returns the characters marked.
export function addAnnotationFormat(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
  id: string,
): number {
  const key = annotationAttributeKey(id);
  let marked = 0;
  for (const s of textSegments(fragment, from, to)) {
    s.text.format(s.index, s.length, { [key]: { id } });
    marked += s.length;
  }
  return marked;
}

/// Removes every mark carrying annotation `id`, whatever its attribute key.
export function removeAnnotationFormat(fragment: Y.XmlFragment, id: string): number {
  let removed = 0;
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlElement) visit(child);
      else if (child instanceof Y.XmlText) {
        let index = 0;
        for (const op of child.toDelta() as {
          insert: unknown;
          attributes?: Record<string, unknown>;
        }[]) {
          const len = typeof op.insert === "string" ? op.insert.length : 1;
          for (const [k, v] of Object.entries(op.attributes ?? {})) {
            if (k.startsWith("annotation") && (v as { id?: unknown })?.id === id) {
              child.format(index, len, { [k]: null });
              removed += len;
            }
          }
          index += len;
        }
      }
    }
  };
  visit(fragment);
  return removed;
}
