import { quoteBetween } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import * as Y from "yjs";
import { nextTurn } from "../loadSteps.ts";
import type { TextLayout } from "./yLayout.ts";

/// Batches of annotations written into a live document (the API's batch,
/// `AnnotationService.createMany`, and the W3C import) a slice at a time
/// (issue 16: 10,000 on the letter ×10 were one synchronous step of 2–3.7 s
/// that froze every document of the server, and one huge update for everyone
/// connected). Every phase that grows with the batch — locating the quotes,
/// writing the records, writing the marks — runs in slices of about `ms` of
/// work, `first` items to start with, then as many as fit (at most `max`),
/// each in its own turn of the event loop. A batch of at most `oneStep`
/// items (and any batch whose quotes were all located in its first slice)
/// is written in one transaction per document, in the turn it was asked in,
/// as before.
export const BATCH_SLICE = { ms: 15, first: 64, max: 512, oneStep: 256 };

/// Which phase of a batch a slice was: `locate` (quotes found and checked,
/// nothing written) or `write` (records and marks).
export type BatchPhase = "locate" | "write";

/// Instrumentation: called after each slice with its phase and the items it
/// handled (a test adds them up per turn of the event loop: work counted,
/// never timed; another changes the text from inside a batch).
export const batchSteps: { onSlice: ((phase: BatchPhase, items: number) => void) | null } = {
  onSlice: null,
};

/// Runs `step(n)` — handle up to `n` more items, return how many it handled
/// and whether some remain — a slice per turn of the event loop, the first
/// one at once, until none remain. With `oneStep`, the first slice takes
/// up to `BATCH_SLICE.oneStep` items (a small batch is then one step).
export async function inSlices(
  phase: BatchPhase,
  step: (n: number) => { done: number; more: boolean },
  oneStep = false,
): Promise<void> {
  let batch = oneStep ? BATCH_SLICE.oneStep : BATCH_SLICE.first;
  for (let first = true; ; first = false) {
    if (!first) await nextTurn();
    const started = performance.now();
    const { done, more } = step(batch);
    batchSteps.onSlice?.(phase, done);
    if (!more) return;
    const ms = performance.now() - started;
    batch =
      ms < BATCH_SLICE.ms / 2
        ? Math.min(batch * 2, BATCH_SLICE.max)
        : ms > BATCH_SLICE.ms
          ? Math.max(1, Math.floor((batch * BATCH_SLICE.ms) / 2 / ms))
          : Math.min(batch, BATCH_SLICE.max);
  }
}

/// Where a located quote is, carried across turns of the event loop while
/// people keep typing: its ProseMirror positions in `doc` (the text it was
/// located in), the text it covered there, and Yjs relative positions of
/// its first and last characters, which follow concurrent edits.
export interface Carried {
  doc: Node;
  from: number;
  to: number;
  quote: string;
  start: Y.RelativePosition | null;
  end: Y.RelativePosition | null;
}

/// `[from, to)` of `doc` carried (see `Carried`); `layout` is the text's
/// layout of the same moment. The relative positions are made only when
/// the batch will give the event loop back before writing (`relative`).
export function carry(
  doc: Node,
  layout: TextLayout | null,
  from: number,
  to: number,
  relative: boolean,
): Carried {
  const quote = quoteBetween(doc, from, to);
  if (!relative || !layout) return { doc, from, to, quote, start: null, end: null };
  const segments = layout.segments(from, to);
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (!first || !last) return { doc, from, to, quote, start: null, end: null };
  return {
    doc,
    from,
    to,
    quote,
    // Attached to the characters themselves (assoc 0: the one at the index).
    start: Y.createRelativePositionFromTypeIndex(first.text, first.index, 0),
    end: Y.createRelativePositionFromTypeIndex(last.text, last.index + last.length - 1, 0),
  };
}

/// Where the carried quote is in the text now (`doc`, the text's current
/// ProseMirror document; `layout`, its current layout, asked for only if
/// the text changed): its positions if the text did not change since it was
/// located; else where its first and last characters went, provided the
/// words between them are still exactly the quote; else null (its words
/// were changed or deleted: the annotation is to be created detached,
/// never put on other words).
export function whereNow(
  c: Carried,
  ydoc: Y.Doc,
  doc: Node,
  layout: () => TextLayout,
): { from: number; to: number } | null {
  if (doc === c.doc) return { from: c.from, to: c.to };
  if (!c.start || !c.end) return null;
  const a = Y.createAbsolutePositionFromRelativePosition(c.start, ydoc);
  const b = Y.createAbsolutePositionFromRelativePosition(c.end, ydoc);
  if (!a || !b || !(a.type instanceof Y.XmlText) || !(b.type instanceof Y.XmlText)) return null;
  const now = layout();
  const pa = now.placeOf(a.type);
  const pb = now.placeOf(b.type);
  if (!pa || !pb) return null;
  const from = pa.from + a.index;
  const to = pb.from + b.index + 1;
  if (from >= to || to > doc.content.size) return null;
  return quoteBetween(doc, from, to) === c.quote ? { from, to } : null;
}
