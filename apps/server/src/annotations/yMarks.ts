import * as Y from "yjs";
import { type AnchorItems, captureItems } from "./anchorIdentity.ts";
import { annotationAttributeKey } from "./markKey.ts";
import type { TextLayout } from "./yLayout.ts";
import { type TextRun, textSegments, xmlTexts } from "./yPositions.ts";

// The Yjs formatting of annotation marks: adding, removing and trimming them
// with small updates that leave other marks and concurrent edits alone.

/// Adds the annotation mark `id` over [from, to) by formatting only the text
/// there — a small update that leaves every other mark and concurrent edit
/// alone (unlike re-syncing whole paragraphs). With `record` (the
/// annotations document's `anchorItemsMap`), keeps the Yjs ids of the
/// characters marked. Returns the number of characters marked. `layout`:
/// where the texts are, when a batch already knows (formatting moves none).
export function addAnnotationFormat(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
  id: string,
  record?: Y.Map<AnchorItems>,
  layout?: TextLayout,
): number {
  const segments = layout ? layout.segments(from, to) : textSegments(fragment, from, to);
  // The ids of the characters marked, for `foreignCharacters` (ADR 0003).
  record?.set(id, captureItems(fragment, from, to, layout));
  const key = annotationAttributeKey(id);
  let marked = 0;
  for (const s of segments) {
    s.text.format(s.index, s.length, { [key]: { id } });
    marked += s.length;
  }
  return marked;
}

/// Removes every mark carrying annotation `id`, whatever its attribute key.
/// `where`: the document's fragment, or the texts the mark is in.
export function removeAnnotationFormat(
  where: Y.XmlFragment | Iterable<Y.XmlText>,
  id: string,
): number {
  let removed = 0;
  const texts = where instanceof Y.XmlFragment ? [...xmlTexts(where)] : where;
  for (const text of texts) {
    let index = 0;
    for (const op of text.toDelta() as {
      insert: unknown;
      attributes?: Record<string, unknown>;
    }[]) {
      const len = typeof op.insert === "string" ? op.insert.length : 1;
      for (const [k, v] of Object.entries(op.attributes ?? {})) {
        if (k.startsWith("annotation") && (v as { id?: unknown })?.id === id) {
          text.format(index, len, { [k]: null });
          removed += len;
        }
      }
      index += len;
    }
  }
  return removed;
}

/// Takes annotation `id`'s mark off `runs`.
export function unmarkRuns(runs: TextRun[], id: string): void {
  const key = annotationAttributeKey(id);
  for (const r of runs) r.text.format(r.index, r.length, { [key]: null });
}
