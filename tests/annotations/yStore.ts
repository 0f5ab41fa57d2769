import type { AnnotationRecord, AnnotationStore, StoreChange } from "@glossa/annotations";
import type * as Y from "yjs";

/// An `AnnotationStore` over a `Y.Map` of JSON records: what packages/collab
/// and the server are expected to implement (kept here, in the tests, because
/// @glossa/annotations must not import yjs).
export class YMapAnnotationStore implements AnnotationStore {
  constructor(
    readonly ymap: Y.Map<unknown>,
    readonly origin: unknown = null,
  ) {}

  get(key: string): AnnotationRecord | undefined {
    const v = this.ymap.get(key);
    return v === undefined ? undefined : (structuredClone(v) as AnnotationRecord);
  }

  list(prefix = ""): [string, AnnotationRecord][] {
    const out: [string, AnnotationRecord][] = [];
    for (const [k, v] of this.ymap.entries())
      if (k.startsWith(prefix)) out.push([k, structuredClone(v) as AnnotationRecord]);
    return out;
  }

  put(key: string, record: AnnotationRecord): void {
    this.ymap.set(key, structuredClone(record));
  }

  delete(key: string): void {
    this.ymap.delete(key);
  }

  transact<T>(fn: () => T): T {
    let out: T | undefined;
    const doc = this.ymap.doc;
    if (!doc) return fn();
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
