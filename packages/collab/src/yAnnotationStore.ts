import type { AnnotationRecord, AnnotationStore, StoreChange } from "@glossa/annotations";
import { ANNOTATIONS_FIELD } from "@glossa/protocol";
import type * as Y from "yjs";

/// Name of the Y.Map holding annotation records in the companion document.
export const ANNOTATIONS_MAP = ANNOTATIONS_FIELD;

/// An `AnnotationStore` over the `annotations` Y.Map of a document's
/// companion Y.Doc: one JSON record per key (see @glossa/annotations), so
/// concurrent replies, resolutions and links merge without loss. The server
/// writes through it; clients read through it.
export class YMapAnnotationStore implements AnnotationStore {
  readonly ymap: Y.Map<unknown>;

  constructor(
    ydoc: Y.Doc,
    readonly origin: unknown = null,
  ) {
    this.ymap = ydoc.getMap(ANNOTATIONS_MAP);
  }

  get(key: string): AnnotationRecord | undefined {
    const v = this.ymap.get(key);
    return v === undefined ? undefined : (structuredClone(v) as AnnotationRecord);
  }

  list(prefix = ""): [string, AnnotationRecord][] {
    const out: [string, AnnotationRecord][] = [];
    for (const [k, v] of this.ymap.entries()) {
      if (k.startsWith(prefix)) out.push([k, structuredClone(v) as AnnotationRecord]);
    }
    return out;
  }

  put(key: string, record: AnnotationRecord): void {
    this.ymap.set(key, structuredClone(record));
  }

  delete(key: string): void {
    this.ymap.delete(key);
  }

  transact<T>(fn: () => T): T {
    const doc = this.ymap.doc;
    if (!doc) return fn();
    let out: T | undefined;
    doc.transact(() => {
      out = fn();
    }, this.origin);
    return out as T;
  }

  observe(fn: (change: StoreChange) => void): () => void {
    const handler = (e: Y.YMapEvent<unknown>, tr: Y.Transaction) =>
      fn({ keys: [...e.keysChanged], local: tr.local });
    this.ymap.observe(handler);
    return () => this.ymap.unobserve(handler);
  }
}
