import type { Node } from "prosemirror-model";
import { annotationRanges } from "./marks.ts";
import type { Annotation } from "./model.ts";
import { markDetached, type OperationContext, reattachAnnotation } from "./operations.ts";
import { type AnnotationStore, listAnnotations } from "./store.ts";

/// What `reconcileAnchors` did and found.
export interface ReconcileReport {
  /// Annotations whose mark is gone, now recorded as detached.
  detached: string[];
  /// Detached annotations whose mark is back (an undo), recorded as attached.
  reattached: string[];
  /// Mark ids with no annotation in the store (yet: the body may still be
  /// on its way). Left alone.
  unknownMarks: string[];
  /// Marks of deleted annotations; the caller should remove them.
  deletedMarks: string[];
}

/// Options of `reconcileAnchors`.
export interface ReconcileOptions {
  /// Leave annotations younger than this alone (ms, by `ctx.now`): the body
  /// and the mark travel in two documents and the body may arrive first.
  /// Default 0; the server should use a few seconds unless both documents
  /// are known to be in sync.
  minAgeMs?: number;
  /// Only these annotations (deleted ones included), when the caller knows
  /// which can have changed; `unknownMarks` is then left empty.
  annotations?: readonly Annotation[];
}

/// Which annotations have a mark: a document's `annotationRanges`, or an
/// index kept elsewhere (the server's, from Yjs).
export interface MarkedIds {
  has(id: string): boolean;
  keys(): Iterable<string>;
}

/// Brings the store's detached flags in line with the marks in `doc`: an
/// annotation without a mark becomes detached (never deleted), a detached one
/// whose mark is back becomes attached. The server runs it after text
/// changes settle; it is idempotent, and concurrent runs agree.
export function reconcileAnchors(
  doc: Node | MarkedIds,
  store: AnnotationStore,
  ctx: OperationContext,
  options: ReconcileOptions = {},
): ReconcileReport {
  const now = (ctx.now ?? (() => new Date()))().getTime();
  const minAge = options.minAgeMs ?? 0;
  const marks: MarkedIds = "type" in doc ? annotationRanges(doc) : doc;
  const report: ReconcileReport = {
    detached: [],
    reattached: [],
    unknownMarks: [],
    deletedMarks: [],
  };
  const all = options.annotations ?? listAnnotations(store, { includeDeleted: true });
  if (!options.annotations) {
    const known = new Set(all.map((a) => a.id));
    for (const id of marks.keys()) if (!known.has(id)) report.unknownMarks.push(id);
  }
  store.transact(() => {
    for (const a of all) {
      const present = marks.has(a.id);
      if (a.deleted) {
        if (present) report.deletedMarks.push(a.id);
      } else if (minAge > 0 && now - Date.parse(a.createdAt) < minAge) {
        // too young: its mark may still be on its way
      } else if (!present && !a.detached) {
        markDetached(store, ctx, a.id, "deleted", null);
        report.detached.push(a.id);
      } else if (present && a.detached) {
        reattachAnnotation(store, ctx, a.id, undefined, null);
        report.reattached.push(a.id);
      }
    }
  });
  return report;
}
