import { BLOCK_SEPARATOR, DocumentText, quoteBetween } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import { findAnnotationRanges, type Range } from "./marks.ts";
import { approxSearch, similarity } from "./match.ts";
import type { Annotation, Selector } from "./model.ts";
import { LIMITS } from "./model.ts";

/// Characters of context kept before and after a quote.
export const CONTEXT_LENGTH = 32;

/// The selector of [from, to) in `doc`: the quote with up to 32 characters
/// of context on each side, and its offsets, both over the plain text
/// described by `DocumentText` (@glossa/schema).
export function selectorFor(
  doc: Node,
  from: number,
  to: number,
  index = new DocumentText(doc),
): Selector {
  const start = index.offsetAt(from);
  const end = Math.max(start, index.offsetAt(to));
  const text = index.text;
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { start, end },
  };
}

/// The text under the ranges, joined by the block separator where a range
/// starts in a new block.
function rangesText(doc: Node, ranges: readonly Range[]): string {
  let out = "";
  let prev: Range | undefined;
  for (const r of ranges) {
    if (prev) out += doc.resolve(prev.to).sameParent(doc.resolve(r.from)) ? "" : BLOCK_SEPARATOR;
    out += quoteBetween(doc, r.from, r.to);
    prev = r;
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, "");

/// Where an annotation stands in a document:
/// - `attached`: its mark is there over the quoted text (whitespace aside,
///   so a split or join inside the span does not count as a change);
/// - `detached`: no mark carries its id;
/// - `moved-suspicious`: the mark is there but its text differs from the
///   quote. `remnant` says whether the text is what is left of the quote
///   after deletions only. Glossa reports this and does not guess.
export interface AnchorReport {
  status: "attached" | "detached" | "moved-suspicious";
  ranges: Range[];
  /// The text now under the mark.
  text: string;
  remnant: boolean;
}

/// Whether `small` can be had from `big` by deleting characters.
function isSubsequence(small: string, big: string): boolean {
  let i = 0;
  for (let j = 0; j < big.length && i < small.length; j++) if (big[j] === small[i]) i++;
  return i === small.length;
}

/// Reports where `annotation` stands in `doc` (see `AnchorReport`); `ranges`
/// are its mark's, when the caller has them (`annotationRanges`).
export function anchorStatus(
  doc: Node,
  annotation: Pick<Annotation, "id" | "selector">,
  ranges: Range[] = findAnnotationRanges(doc, annotation.id),
): AnchorReport {
  if (!ranges.length) return { status: "detached", ranges, text: "", remnant: false };
  return anchorReport(annotation, ranges, rangesText(doc, ranges));
}

/// `anchorStatus` of a mark whose ranges and text are already known (the
/// server reads them from its anchor index rather than a converted document).
export function anchorReport(
  annotation: Pick<Annotation, "selector">,
  ranges: Range[],
  text: string,
): AnchorReport {
  if (!ranges.length) return { status: "detached", ranges, text: "", remnant: false };
  const now = squash(text);
  const then = squash(annotation.selector.quote.exact);
  if (now === then) return { status: "attached", ranges, text, remnant: true };
  return { status: "moved-suspicious", ranges, text, remnant: isSubsequence(now, then) };
}

/// Whether the text under a mark is its quote, whitespace aside: the test
/// for `attached` in `anchorStatus`, for callers that read the marked text
/// elsewhere (the server's anchor index, from Yjs).
export function sameQuote(text: string, quote: string): boolean {
  return squash(text) === squash(quote);
}

/// Whether the text now under an annotation's mark can have come from its
/// quote by edits made *inside* the span: deletions anywhere, insertions
/// between two quoted characters. Its first and its last character must
/// then be quoted characters of one longest alignment with the quote.
/// Text that gained words at an edge — which a mark that does not extend
/// at its edges gets only by accident, when concurrent edits merge — or
/// that shares nothing with the quote is not explained. Whitespace is
/// ignored, as in `anchorStatus`.
export function explainedByEdits(quote: string, text: string): boolean {
  const q = squash(quote);
  const t = squash(text);
  if (!t || t === q || isSubsequence(t, q)) return true;
  const first = q.indexOf(t[0]!);
  const last = q.lastIndexOf(t[t.length - 1]!);
  if (first < 0 || last < 0 || (t.length > 1 && last <= first)) return false;
  if (t.length === 1) return true;
  // Too large to align: the ends alone decide.
  if (t.length * q.length > 20_000_000) return true;
  return 2 + lcs(t.slice(1, -1), q.slice(first + 1, last)) === lcs(t, q);
}

/// Length of the longest common subsequence.
function lcs(a: string, b: string): number {
  if (!a || !b) return 0;
  let prev = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

/// Options of `reanchor`.
export interface ReanchorOptions {
  /// Minimum similarity of the found text to the quote (1 − edits / length)
  /// for a fuzzy match. Default 0.75.
  minScore?: number;
  /// How much better (in combined score, 0–1) the best fuzzy candidate, or
  /// the best of several exact ones judged by context, must be than the
  /// runner-up. Default 0.1.
  margin?: number;
  /// Quotes longer than this are only matched exactly. Default 2000.
  maxFuzzyLength?: number;
  /// The text index of `doc`, when the caller keeps one.
  index?: DocumentText;
}

/// A place a quote was found.
export interface AnchorCandidate {
  from: number;
  to: number;
  /// Offsets in the plain text.
  start: number;
  end: number;
  /// Similarity of the text there to the quote.
  quoteScore: number;
  /// Quote and context combined (weights 50 : 20 : 20, as Hypothesis does).
  score: number;
}

/// The outcome of `reanchor`: one place, or a refusal to guess.
export type ReanchorResult =
  | ({ status: "found"; exact: boolean } & AnchorCandidate)
  | { status: "ambiguous"; candidates: AnchorCandidate[] }
  | { status: "notFound" };

function candidate(
  index: DocumentText,
  selector: Selector,
  start: number,
  end: number,
  quoteScore: number,
): AnchorCandidate {
  const text = index.text;
  const { prefix, suffix } = selector.quote;
  let total = 50 * quoteScore;
  let weight = 50;
  if (prefix) {
    total += 20 * similarity(prefix, text.slice(Math.max(0, start - prefix.length), start));
    weight += 20;
  }
  if (suffix) {
    total += 20 * similarity(suffix, text.slice(end, end + suffix.length));
    weight += 20;
  }
  return {
    from: index.posAt(start, 1),
    to: index.posAt(end, -1),
    start,
    end,
    quoteScore,
    score: total / weight,
  };
}

/// Finds where `selector`'s quote is in `doc` now. First exact occurrences:
/// one is taken; of several, the one whose prefix and suffix fit best by
/// `margin`, else the one at exactly the recorded position, else
/// `ambiguous`. Without an exact occurrence, approximate ones scoring at
/// least `minScore`: the best is taken only if it beats the runner-up by
/// `margin`. Never guesses: everything else is `ambiguous` or `notFound`.
export function reanchor(
  doc: Node,
  selector: Selector,
  options: ReanchorOptions = {},
): ReanchorResult {
  const minScore = options.minScore ?? 0.75;
  const margin = options.margin ?? 0.1;
  const maxFuzzy = options.maxFuzzyLength ?? 2000;
  const index = options.index ?? new DocumentText(doc);
  const text = index.text;
  const exact = selector.quote.exact;
  if (!exact || exact.length > LIMITS.quote) return { status: "notFound" };
  const usable = (c: AnchorCandidate) => c.from < c.to;
  // The quote still at its recorded offsets with its whole context: the
  // search below would take it too (no candidate scores higher, and of
  // equals the one at the recorded position wins), without scoring every
  // occurrence of a short quote (issue 16: an import of 10,000 one-word
  // quotes spent 30 s there).
  const { start: at, end: atEnd } = selector.position;
  if (atEnd - at === exact.length && text.startsWith(exact, at)) {
    const c = candidate(index, selector, at, atEnd, 1);
    if (c.score === 1 && usable(c)) return { status: "found", exact: true, ...c };
  }

  const exacts: AnchorCandidate[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) {
    const c = candidate(index, selector, i, i + exact.length, 1);
    if (usable(c)) exacts.push(c);
    if (exacts.length > 10_000) break;
  }
  if (exacts.length === 1) return { status: "found", exact: true, ...exacts[0]! };
  if (exacts.length > 1) {
    exacts.sort((a, b) => b.score - a.score);
    const [best, second] = exacts as [AnchorCandidate, AnchorCandidate];
    if (best.score - second.score >= margin) return { status: "found", exact: true, ...best };
    const atPosition = exacts.filter(
      (c) => c.start === selector.position.start && c.end === selector.position.end,
    );
    if (atPosition.length === 1) return { status: "found", exact: true, ...atPosition[0]! };
    return { status: "ambiguous", candidates: exacts.slice(0, 20) };
  }

  if (exact.length > maxFuzzy) return { status: "notFound" };
  const maxErrors = Math.floor(exact.length * (1 - minScore));
  if (maxErrors < 1) return { status: "notFound" };
  const found = approxSearch(text, exact, maxErrors)
    .slice(0, 50)
    .map((m) => candidate(index, selector, m.start, m.end, 1 - m.errors / exact.length))
    .filter((c) => c.quoteScore >= minScore && usable(c))
    .sort((a, b) => b.score - a.score);
  if (!found.length) return { status: "notFound" };
  const [best, second] = found as [AnchorCandidate, AnchorCandidate | undefined];
  if (!second || best.score - second.score >= margin)
    return { status: "found", exact: false, ...best };
  return { status: "ambiguous", candidates: found.slice(0, 20) };
}
