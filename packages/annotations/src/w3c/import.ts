/// Import: W3C Web Annotation JSON-LD (or Hypothesis' API rows) read,
/// grouped into threads and re-anchored in a document; then committed.
import { DocumentText } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import type { EditorState, Transaction } from "prosemirror-state";
import { reanchor, selectorFor } from "../anchor.ts";
import { ANNOTATION_KINDS } from "../kinds.ts";
import { ANNOTATION_MARK } from "../marks.ts";
import { type Annotation, isObj, LIMITS, validateAnnotation } from "../model.ts";
import { randomId } from "../operations.ts";
import { type AnnotationStore, writeAnnotation } from "../store.ts";
import { hasType, list, str } from "./context.ts";
import { MAX_IMPORT_SIZE, type W3CImportOptions, type W3CImportResult } from "./options.ts";
import { type Parsed, parseItem } from "./parse.ts";
import { messageId, toAnnotation, toMessage } from "./thread.ts";

/// The list of annotation-like items in a parsed input.
function itemsOf(input: unknown): unknown[] | null {
  if (Array.isArray(input)) return input;
  if (!isObj(input)) return null;
  if (Array.isArray(input.rows)) return input.rows; // Hypothesis search API
  if (Array.isArray(input.items)) return input.items;
  if (isObj(input.first) && Array.isArray(input.first.items)) return input.first.items;
  // An empty collection has no page.
  if (hasType(input, "AnnotationCollection") && input.first === undefined) return [];
  if (hasType(input, "Annotation") || input.target !== undefined) return [input];
  return null;
}

/// The input's items (JSON text parsed first), or the reason it has none,
/// recorded in `result`.
function readItems(input: unknown, result: W3CImportResult): unknown[] | null {
  const refuse = (message: string) => {
    result.rejected.push({ index: -1, problems: [{ path: "input", message }] });
    return null;
  };
  if (typeof input === "string") {
    if (input.length > MAX_IMPORT_SIZE)
      return refuse(`is larger than ${MAX_IMPORT_SIZE} characters`);
    try {
      input = JSON.parse(input);
    } catch (e) {
      return refuse(`is not JSON (${(e as Error).message})`);
    }
  }
  return (
    itemsOf(input) ??
    refuse("is not a Web Annotation, a list of them, an AnnotationCollection or an AnnotationPage")
  );
}

/// The first `max` items, each followed by its nested replies (`hasReply`,
/// `oa:hasReply`), which name it as their parent.
function flatten(raw: unknown[], max: number) {
  const flat: { item: unknown; parent?: string; index: number }[] = [];
  raw.slice(0, max).forEach((item, index) => {
    flat.push({ item, index });
    if (isObj(item)) {
      const parent = str(item.id) ? item.id : `#${index}`;
      for (const r of [...list(item.hasReply), ...list(item["oa:hasReply"])].slice(0, 1000))
        flat.push({ item: r, parent, index });
    }
  });
  return flat;
}

/// Reads W3C Web Annotation JSON-LD (a collection, a page, a list, one
/// annotation, or a Hypothesis API search result), re-anchors each annotation
/// in `doc` by its quote (`reanchor`), and returns what it placed, what it
/// keeps detached, and what it refused, each with reasons. Nested replies
/// (`hasReply`, `oa:hasReply`) and Hypothesis `references` join their
/// thread. Writes nothing: see `commitW3CImport`.
export function importW3C(input: unknown, doc: Node, options: W3CImportOptions): W3CImportResult {
  const text = { doc, index: options.index ?? new DocumentText(doc) };
  const steps = importW3CSteps(input, () => text, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/// `importW3C` a step at a time: it yields after each item read and each
/// thread placed, so that a caller can give the event loop back between
/// steps (the server's import into a live document). `at` gives the
/// document and its text index as they are at each step: a thread is
/// placed in the text of the moment (`placed[i].from/to` are positions in
/// the `doc` `at` returned while placing it; the caller carries them
/// across its yields, reading `result` as it fills).
export function* importW3CSteps(
  input: unknown,
  at: () => { doc: Node; index: DocumentText },
  options: W3CImportOptions,
  /// Filled as the steps go (a caller reads what was placed so far).
  result: W3CImportResult = { placed: [], unplaced: [], rejected: [], notes: [] },
): Generator<void, W3CImportResult, void> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  const newId = options.newId ?? randomId;
  const raw = readItems(input, result);
  if (!raw) return result;
  const max = options.maxItems ?? 10_000;
  if (raw.length > max)
    result.notes.push(`Only the first ${max} of ${raw.length} items were read.`);
  const kinds = options.kinds ?? ANNOTATION_KINDS;
  const threads = new Map<string, Annotation>();
  const replies: Parsed[] = [];
  for (const { item, parent, index } of flatten(raw, max)) {
    yield;
    const p = parseItem(item, index, options, now, parent);
    if (p.problems.length) {
      result.rejected.push({ index, id: p.iri, problems: p.problems });
      continue;
    }
    if (p.replyTo) {
      replies.push(p);
      continue;
    }
    const annotation = toAnnotation(p, options, kinds, newId, now, result);
    if (!annotation) continue;
    const problems = validateAnnotation(annotation, {
      kinds: kinds.map((k) => k.id),
      vocabulary: options.vocabulary,
    });
    if (problems.length) {
      result.rejected.push({ index, id: p.iri, problems });
      continue;
    }
    threads.set(p.iri ?? `#${index}`, annotation);
  }
  addReplies(threads, replies, options, newId, result);
  for (const a of threads.values()) {
    yield;
    const { doc, index } = at();
    place(a, doc, { ...options, index }, newId, now, result);
  }
  return result;
}

/// Replies join their threads in the order they were written; a reply to a
/// thread not in the import is noted and skipped.
function addReplies(
  threads: Map<string, Annotation>,
  replies: Parsed[],
  o: W3CImportOptions,
  newId: () => string,
  result: W3CImportResult,
): void {
  for (const r of replies.sort((a, b) => (a.created < b.created ? -1 : 1))) {
    const a = threads.get(r.replyTo!);
    if (!a) {
      result.notes.push(
        `A reply (item ${r.index}) answers ${JSON.stringify(r.replyTo!.slice(0, 100))}, which is not in the import; skipped.`,
      );
      continue;
    }
    for (const t of r.texts) {
      if (a.messages.length >= LIMITS.messagesPerAnnotation) break;
      a.messages.push(toMessage(t, messageId(t.iri, o, a.messages, newId)));
    }
  }
}

/// Re-anchors a thread by its quote: placed, or kept detached (with an
/// audit entry saying why).
function place(
  a: Annotation,
  doc: Node,
  o: W3CImportOptions,
  newId: () => string,
  now: string,
  result: W3CImportResult,
): void {
  a.messages.sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : 0));
  const found = reanchor(doc, a.selector, o);
  if (found.status === "found") {
    a.selector = selectorFor(doc, found.from, found.to, o.index);
    result.placed.push({ annotation: a, from: found.from, to: found.to, exact: found.exact });
    return;
  }
  a.detached = { at: now, reason: found.status === "ambiguous" ? "ambiguous" : "not-found" };
  a.audit.push({
    id: newId(),
    who: null,
    action: "detached",
    at: now,
    detail:
      found.status === "ambiguous"
        ? `the quote occurs ${found.candidates.length} times`
        : "the quote was not found",
  });
  result.unplaced.push({
    annotation: a,
    reason: found.status,
    candidates: found.status === "ambiguous" ? found.candidates.length : 0,
  });
}

/// Writes an import's annotations to `store` (unplaced ones as detached, so
/// nothing is lost) and returns a transaction adding the marks of the placed
/// ones, for the caller to dispatch (on the server, through its direct
/// connection).
export function commitW3CImport(
  result: W3CImportResult,
  store: AnnotationStore,
  state: EditorState,
): Transaction {
  const type = state.schema.marks[ANNOTATION_MARK];
  if (!type) throw new RangeError(`The schema has no "${ANNOTATION_MARK}" mark`);
  const tr = state.tr;
  store.transact(() => {
    for (const { annotation } of result.placed) writeAnnotation(store, annotation);
    for (const { annotation } of result.unplaced) writeAnnotation(store, annotation);
  });
  for (const { annotation, from, to } of result.placed)
    tr.addMark(from, to, type.create({ id: annotation.id }));
  return tr;
}
