import {
  type AnchorReport,
  type Annotation,
  anchorReport,
  anchorStatus,
  annotationRanges,
  explainedByEdits,
  listAnnotations,
  markDetached,
  noteMarkTrimmed,
  type OperationContext,
  type Range,
  reanchor,
  reattachAnnotation,
  sameQuote,
  selectorFor,
} from "@glossa/annotations";
import type { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import type * as Y from "yjs";
import { fragmentToPm } from "../ydoc.ts";
import { type AnchorItems, foreignCharacters } from "./anchorIdentity.ts";
import { AnchorIndex } from "./anchorIndex.ts";
import { TextLayout } from "./yLayout.ts";
import { addAnnotationFormat, removeAnnotationFormat, unmarkRuns } from "./yMarks.ts";
import { runText } from "./yPositions.ts";

/// What `verifyAnchors` did to one annotation whose mark was on text its
/// quote cannot explain.
export interface AnchorFix {
  id: string;
  /// The text that was under the mark, and the quote it was made on.
  was: string;
  quote: string;
  /// `moved`: the quote was found again, exactly and unambiguously, and the
  /// mark put back over it; `detached`: the mark was taken off and the
  /// annotation is listed as detached (reason `text-changed`) with its quote;
  /// `trimmed`: the mark was taken off characters that a concurrent edit put
  /// under it (`was` lists them), by their Yjs identity.
  outcome: "moved" | "detached" | "trimmed";
}

/// What `verifyAnchors` is given besides the documents.
export interface VerifyOptions {
  /// Leave annotations younger than this alone (ms).
  minAgeMs?: number;
  /// Recorded identities (the annotations document's `anchorItems`).
  items?: Y.Map<AnchorItems>;
  /// Where the marks are; read from the fragment when not given.
  index?: AnchorIndex;
  /// The annotations to check (default: all in the store).
  annotations?: readonly Annotation[];
  /// Called for each annotation whose identity was checked (counts the work).
  onCheck?: (id: string) => void;
  /// The text document's layout now (made from the fragment when not given).
  layout?: () => TextLayout;
  /// Called each time the whole document is converted to ProseMirror
  /// (instrumentation: a test counts it).
  onConvert?: () => void;
}

/// Checks annotations' marks (all, or `options.annotations`) against the
/// identity of their text and against their quote (docs/design.md §3,
/// docs/decisions/0003-annotation-anchoring.md). Concurrent edits can leave
/// a mark over words it was never made on (Yjs orders text inserted at a
/// span's edge by client id; y-prosemirror moves a paragraph's rest there
/// when it joins paragraphs). A mark whose text is not explained by edits
/// inside its span (`explainedByEdits`) is taken off; the quote is searched
/// for exactly (`reanchor`, never a fuzzy or ambiguous match) and the mark
/// put back there, else the annotation is recorded as detached. Both are in
/// its audit trail. Call inside a transaction on the text document;
/// annotations younger than `minAgeMs` are left alone (their mark may still
/// be on its way).
export function verifyAnchors(
  fragment: Y.XmlFragment,
  store: Parameters<typeof listAnnotations>[0],
  ctx: OperationContext,
  options: VerifyOptions = {},
): AnchorFix[] {
  const now = (ctx.now ?? (() => new Date()))().getTime();
  const fixes: AnchorFix[] = [];
  const index = options.index ?? new AnchorIndex(fragment);
  // Detached ones too: a mark can come back (an undo, a replica that was
  // offline), and must come back on the right words.
  const due = (options.annotations ?? listAnnotations(store)).filter(
    (a) => !a.deleted && now - Date.parse(a.createdAt) >= (options.minAgeMs ?? 0),
  );
  // A mark over exactly its quote is left alone by both checks (read from
  // the index: no document walk for the annotations that did not move).
  const attached = (a: Annotation) => {
    const text = index.markedText(a.id);
    return text !== null && sameQuote(text, a.selector.quote.exact);
  };
  // First by identity: characters a concurrent edit put under the mark.
  // Identity cannot tell text an undo put back from text typed there, the
  // quote can.
  const trimmed = new Set<string>();
  for (const a of due) {
    const recorded = options.items?.get(a.id);
    if (!recorded || attached(a)) continue;
    const texts = index.textsOf(a.id);
    const foreign = foreignCharacters(texts, a.id, recorded, a.selector.quote.exact);
    options.onCheck?.(a.id);
    if (!foreign.length) continue;
    const was = foreign.map(runText);
    unmarkRuns(foreign, a.id);
    trimmed.add(a.id);
    noteMarkTrimmed(store, ctx, a.id, was.join(" … "));
    fixes.push({
      id: a.id,
      was: was.join(" … "),
      quote: a.selector.quote.exact,
      outcome: "trimmed",
    });
  }
  // Then by quote, for what identity cannot tell.
  const suspect = due.filter((a) => trimmed.has(a.id) || (index.marks.has(a.id) && !attached(a)));
  fixes.push(...checkQuotes(fragment, store, ctx, options, { index, suspect, trimmed }));
  return fixes;
}

/// `verifyAnchors`' check by quote of the annotations `suspect` (marks not
/// over exactly their quote, or just trimmed): marks copied by
/// y-prosemirror, annotations recorded before identities were kept.
function checkQuotes(
  fragment: Y.XmlFragment,
  store: Parameters<typeof listAnnotations>[0],
  ctx: OperationContext,
  options: VerifyOptions,
  { index, suspect, trimmed }: { index: AnchorIndex; suspect: Annotation[]; trimmed: Set<string> },
): AnchorFix[] {
  const fixes: AnchorFix[] = [];
  // The mark's ranges and text come from the index and the layout (issue 16: a
  // keystroke inside a marked word must not convert the whole document);
  // only a mark to take off or move, or one just trimmed (the index reads
  // it again after this transaction), needs the document as ProseMirror
  // sees it, converted once.
  let current: Node | null = null;
  let ranges: Map<string, Range[]> | null = null;
  let layout: TextLayout | null = null;
  const convert = (): Node => {
    if (!current) {
      options.onConvert?.();
      current = fragmentToPm(fragment);
      ranges = annotationRanges(current);
    }
    return current;
  };
  for (const a of suspect) {
    let report: AnchorReport;
    if (trimmed.has(a.id)) report = anchorStatus(convert(), a, ranges!.get(a.id) ?? []);
    else {
      layout ??= options.layout?.() ?? new TextLayout(fragment);
      const mark = index.locate(a.id, layout);
      report = anchorReport(a, mark?.ranges ?? [], mark?.text ?? "");
    }
    if (report.status !== "moved-suspicious" || report.remnant) continue;
    if (explainedByEdits(a.selector.quote.exact, report.text)) continue;
    current = convert();
    removeAnnotationFormat(fragment, a.id);
    // The document without this mark, for the search and the next checks.
    current = stripMark(current, a.id);
    ranges!.delete(a.id);
    const found = reanchor(current, a.selector);
    const fix = { id: a.id, was: report.text, quote: a.selector.quote.exact };
    if (a.detached) {
      // It stays detached, for the user to re-attach.
      fixes.push({ ...fix, outcome: "detached" });
    } else if (found.status === "found" && found.exact) {
      addAnnotationFormat(fragment, found.from, found.to, a.id, options.items);
      reattachAnnotation(store, ctx, a.id, selectorFor(current, found.from, found.to), null);
      fixes.push({ ...fix, outcome: "moved" });
    } else {
      markDetached(store, ctx, a.id, "text-changed", null);
      fixes.push({ ...fix, outcome: "detached" });
    }
  }
  return fixes;
}

function stripMark(doc: Node, id: string): Node {
  const type = doc.type.schema.marks.annotation!;
  return new Transform(doc).removeMark(0, doc.content.size, type.create({ id })).doc;
}
