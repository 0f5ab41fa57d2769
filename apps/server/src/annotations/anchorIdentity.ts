import { explainedByEdits } from "@glossa/annotations";
import * as Y from "yjs";
import { annotationAttributeKey } from "./markKey.ts";
import type { TextLayout } from "./yLayout.ts";
import { type TextRun, textSegments, xmlTexts } from "./yPositions.ts";

// The Yjs identity of annotated text, and the judge that tells which
// characters under a mark came from elsewhere (ADR 0003).

/// Runs of Yjs item ids, flat: `[client, clock, length, …]`.
export type ItemRuns = number[];

/// The Yjs identity of the text an annotation was made on
/// (docs/decisions/0003-annotation-anchoring.md), recorded when the server
/// adds its mark: `chars`, the characters (and format items) marked; `gaps`,
/// the deleted items between them.
export interface AnchorItems {
  chars: ItemRuns;
  gaps: ItemRuns;
}

/// Where recorded identities are kept: the annotations document's
/// `anchorItems` map (annotation id → AnchorItems), written only by the server.
export const ANCHOR_ITEMS_MAP = "anchorItems";

/// The annotations document's map of recorded identities.
export function anchorItemsMap(annotations: Y.Doc): Y.Map<AnchorItems> {
  return annotations.getMap<AnchorItems>(ANCHOR_ITEMS_MAP);
}

/// The identity of the text in ProseMirror positions [from, to) of the
/// document held in `fragment` (`layout`: where its texts are, when known).
export function captureItems(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
  layout?: TextLayout,
): AnchorItems {
  const chars: ItemRuns = [];
  const gaps: ItemRuns = [];
  for (const s of layout ? layout.segments(from, to) : textSegments(fragment, from, to)) {
    const end = s.index + s.length;
    let index = 0;
    // Items between two marked characters (deleted, or formatting).
    let pending: Y.Item[] = [];
    for (let item = s.text._start; item && index < end; item = item.right) {
      if (item.deleted || !item.countable) {
        if (index > s.index) pending.push(item);
        continue;
      }
      const a = Math.max(index, s.index);
      const b = Math.min(index + item.length, end);
      if (a < b) {
        for (const p of pending)
          pushRun(p.deleted ? gaps : chars, p.id.client, p.id.clock, p.length);
        pending = [];
        pushRun(chars, item.id.client, item.id.clock + (a - index), b - a);
      }
      index += item.length;
    }
  }
  return { chars, gaps };
}

function pushRun(runs: ItemRuns, client: number, clock: number, len: number): void {
  const n = runs.length;
  if (n && runs[n - 3] === client && runs[n - 2]! + runs[n - 1]! === clock) runs[n - 1]! += len;
  else runs.push(client, clock, len);
}

function inRuns(runs: ItemRuns, client: number, clock: number): boolean {
  for (let i = 0; i < runs.length; i += 3)
    if (runs[i] === client && clock >= runs[i + 1]! && clock < runs[i + 1]! + runs[i + 2]!)
      return true;
  return false;
}

/// The characters under annotation `id`'s mark that did not come from the
/// text it was made on (`recorded`), nor from text inserted inside its span:
/// text that a concurrent edit put there without knowing of the mark.
///
/// Yjs places a concurrent insertion at a mark's edge, or between annotated
/// characters after a deleted one, by client id, so it can land inside the
/// formatting (ADR 0003). A character inserted *into* the span has both its
/// insertion neighbours (`origin`, `rightOrigin`) inside the mark's range.
/// A *copy* of marked text (y-prosemirror re-inserting it when it splits or
/// joins paragraphs, with the mark or marking it right after) keeps the mark
/// only where it is text of the annotation's `quote`: a replica that had
/// merged a mark moved onto other words copies that too. Anything else —
/// text typed at the edge, a paragraph's rest re-inserted by a join, text
/// put back by an undo next to an edge — is foreign.
/// `where`: the document's fragment, or the texts the mark is in, in
/// document order (the anchor index knows them).
export function foreignCharacters(
  where: Y.XmlFragment | Iterable<Y.XmlText>,
  id: string,
  recorded: AnchorItems,
  quote: string,
): TextRun[] {
  const key = annotationAttributeKey(id);
  const out: TextRun[] = [];
  const texts = where instanceof Y.XmlFragment ? xmlTexts(where) : where;
  for (const text of texts) new SpanJudge(text, key, recorded, quote).foreign(out);
  return out;
}

/// How far the judgement of one item has got (see `SpanJudge.inserted`).
interface Frame {
  item: Y.Item;
  step: "start" | "after-start" | "after-left" | "after-right";
  /// The start of the insertion `item` is the rest of, when judged with it.
  start: Y.Item | null;
}

/// Judges the characters of one Y.XmlText under one annotation's mark.
class SpanJudge {
  /// Which mark range (between a visible opening and closing format item of
  /// the key) each item belongs to, boundaries included.
  private readonly rangeOf = new Map<Y.Item, number>();
  /// The nearest opening format item on each marked item's left.
  private readonly openerOf = new Map<Y.Item, Y.Item>();
  /// Whether each item judged so far was inserted into the span.
  private readonly verdicts = new Map<Y.Item, boolean>();
  /// Items kept as quoted copies (their rest is judged by the quote too).
  private readonly viaCopy = new Set<Y.Item>();
  private readonly ranges: number;

  constructor(
    private readonly text: Y.XmlText,
    private readonly key: string,
    private readonly recorded: AnchorItems,
    private readonly quote: string,
  ) {
    let range = -1;
    let opener: Y.Item | null = null;
    for (let item = text._start; item; item = item.right) {
      const c = item.content;
      if (c instanceof Y.ContentFormat && c.key === key && !item.deleted) {
        if (c.value !== null) {
          if (!opener) range++;
          opener = item;
        } else if (opener) {
          this.rangeOf.set(item, range);
          opener = null;
          continue;
        }
      }
      if (opener) {
        this.rangeOf.set(item, range);
        this.openerOf.set(item, opener);
      }
    }
    this.ranges = range + 1;
  }

  /// Appends the foreign characters of this text to `out`.
  foreign(out: TextRun[]): void {
    if (this.ranges === 0) return;
    const { text, recorded } = this;
    let index = 0;
    for (let item = text._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const r = this.rangeOf.get(item);
      if (r !== undefined && !this.inserted(item, r)) {
        const { client, clock } = item.id;
        // A copy keeps the part that is quoted text.
        const [keepFrom, keepTo] = this.copied(item)
          ? longestCommonSpan((item.content as Y.ContentString).str, this.quote)
          : [0, 0];
        for (let k = 0; k < item.length; k++) {
          if (inRuns(recorded.chars, client, clock + k) || (k >= keepFrom && k < keepTo)) continue;
          const last = out[out.length - 1];
          if (last && last.text === text && last.index + last.length === index + k) last.length++;
          else out.push({ text, index: index + k, length: 1 });
        }
      }
      index += item.length;
    }
  }

  private itemAt(id: Y.ID | null): Y.Item | null {
    if (!id) return null;
    const s = Y.getItem(this.text.doc!.store, id) as Y.Item | Y.GC;
    return s instanceof Y.Item ? s : null;
  }

  /// Whether `item` followed a format item, written with it, that sets the mark.
  private carried(item: Y.Item): boolean {
    let o = this.itemAt(item.origin);
    let clock = item.id.clock;
    while (
      o &&
      o.content instanceof Y.ContentFormat &&
      o.id.client === item.id.client &&
      o.id.clock + o.length === clock
    ) {
      if (o.content.key === this.key && o.content.value !== null) return true;
      clock = o.id.clock;
      o = this.itemAt(o.origin);
    }
    return false;
  }

  /// Whether the client that inserted `item` marked it afterwards:
  /// y-prosemirror writes the marks of every paragraph it rewrites, so a
  /// client that moved marked text (a split, a join) marks its copy.
  /// Only text from the quote counts: a client that had merged a mark
  /// moved onto other words copies it as well (ADR 0003, baked-in copies).
  private markedByInserter(item: Y.Item): boolean {
    const f = this.openerOf.get(item);
    return !!f && f.id.client === item.id.client && item.id.clock < f.id.clock;
  }

  /// Marked text its client copied (inserted with the mark, or marked
  /// after inserting it), judged by the quote.
  private copied(item: Y.Item): boolean {
    return (
      item.content instanceof Y.ContentString && (this.carried(item) || this.markedByInserter(item))
    );
  }

  private quoted(x: Y.Item): boolean {
    return !(x.content instanceof Y.ContentString) || explainedByEdits(this.quote, x.content.str);
  }

  /// Whether the neighbour `ref` is part of range `r`: a verdict, or the
  /// item whose own verdict (`inserted`) decides it.
  private partOf(r: number, ref: Y.ID | null, side: "left" | "right"): boolean | Y.Item {
    const it = this.itemAt(ref);
    if (!it || this.rangeOf.get(it) !== r) return false;
    const { client, clock } = ref!;
    if (inRuns(this.recorded.chars, client, clock)) return true;
    // A deleted item it was made around: fine on the left (insertions step
    // over deleted items), but as a right neighbour it means the inserting
    // client still saw it, so had not seen the mark (which came later).
    if (inRuns(this.recorded.gaps, client, clock)) return side === "left";
    if (it.content instanceof Y.ContentFormat && it.content.key === this.key) return true;
    return this.verdicts.get(it) ?? it;
  }

  /// Whether `root` was inserted into range `r`: with the mark, or between
  /// two neighbours that are themselves part of it. A verdict depends on the
  /// verdicts of the item's origins, which were created before it, so the
  /// chain ends — but it can be as long as the edit history, so it is
  /// followed on an explicit worklist rather than the call stack.
  private inserted(root: Y.Item, r: number): boolean {
    const known = this.verdicts.get(root);
    if (known !== undefined) return known;
    const stack: Frame[] = [];
    const enter = (item: Y.Item) => {
      this.verdicts.set(item, true); // guards against a malformed cycle
      stack.push({ item, step: "start", start: null });
    };
    enter(root);
    let result = true; // the verdict the top frame waits for
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const next = this.step(frame, r, result);
      if (next.verdict !== undefined) {
        this.verdicts.set(frame.item, next.verdict);
        stack.pop();
        result = next.verdict;
      } else if (typeof next.need === "boolean") result = next.need;
      else enter(next.need!);
    }
    return result;
  }

  /// One step of judging `frame.item`, given the verdict it waited for:
  /// its own verdict, or what it needs next (a verdict known now, or an
  /// item to judge first).
  private step(
    frame: Frame,
    r: number,
    result: boolean,
  ): { verdict?: boolean; need?: boolean | Y.Item } {
    const { item } = frame;
    switch (frame.step) {
      case "start": {
        if (this.copied(item) && this.quoted(item)) {
          this.viaCopy.add(item);
          return { verdict: true };
        }
        // The rest of one insertion (Yjs splits an item when text goes in
        // between) is judged with its start.
        const o = item.origin;
        const start =
          o && o.client === item.id.client && o.clock === item.id.clock - 1 ? this.itemAt(o) : null;
        if (
          start &&
          !(start.content instanceof Y.ContentFormat) &&
          this.rangeOf.get(start) === r &&
          !inRuns(this.recorded.chars, o!.client, o!.clock)
        ) {
          frame.step = "after-start";
          frame.start = start;
          return { need: this.verdicts.get(start) ?? start };
        }
        frame.step = "after-left";
        return { need: this.partOf(r, item.origin, "left") };
      }
      case "after-start": {
        // The rest of a copy is judged by the quote too.
        const viaCopy = this.viaCopy.has(frame.start!);
        const v = result && (!viaCopy || this.quoted(item));
        if (v && viaCopy) this.viaCopy.add(item);
        return { verdict: v };
      }
      case "after-left":
        if (!result) return { verdict: false };
        frame.step = "after-right";
        return { need: this.partOf(r, item.rightOrigin, "right") };
      case "after-right":
        return { verdict: result };
    }
  }
}

/// The longest run of `text` that occurs in `quote`, as [from, to) in `text`
/// (runs shorter than 2 characters, or than the text when it is shorter,
/// are no evidence and give an empty span).
function longestCommonSpan(text: string, quote: string): [number, number] {
  let best: [number, number] = [0, 0];
  for (let i = 0; i < text.length; i++) {
    let j = i + Math.max(best[1] - best[0], 1);
    while (j <= text.length && quote.includes(text.slice(i, j))) {
      best = [i, j];
      j++;
    }
  }
  return best[1] - best[0] >= Math.min(2, text.length) ? best : [0, 0];
}
