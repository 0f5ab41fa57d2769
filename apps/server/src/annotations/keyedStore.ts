import type { AnnotationRecord, AnnotationStore, StoreChange } from "@glossa/annotations";
import type { YMapAnnotationStore } from "@glossa/collab/store";
import type * as Y from "yjs";

/// An annotation store that answers `list("<id>/")` from an index of record
/// keys by annotation, made in one pass over the keys and kept up to date by
/// its own writes: reading one annotation is then O(its records), not a
/// scan of every record of the document (issue 16). With `follow`, keys
/// other writers add meanwhile are indexed too, until `dispose`.
export class KeyedStore implements AnnotationStore {
  private readonly keys = new Map<string, Set<string>>();
  private readonly onChange = (event: Y.YMapEvent<unknown>) => {
    for (const key of event.keysChanged) this.index(key);
  };

  constructor(
    readonly inner: YMapAnnotationStore,
    private readonly follow = false,
  ) {
    for (const key of inner.ymap.keys()) this.index(key);
    if (follow) inner.ymap.observe(this.onChange);
  }

  /// The Y.Map underneath.
  get ymap(): Y.Map<unknown> {
    return this.inner.ymap;
  }

  dispose(): void {
    if (this.follow) this.inner.ymap.unobserve(this.onChange);
  }

  get(key: string): AnnotationRecord | undefined {
    return this.inner.get(key);
  }

  list(prefix = ""): [string, AnnotationRecord][] {
    const slash = prefix.indexOf("/");
    if (slash < 0 || slash !== prefix.length - 1) return this.inner.list(prefix);
    const out: [string, AnnotationRecord][] = [];
    for (const key of this.keys.get(prefix.slice(0, -1)) ?? []) {
      const r = this.inner.get(key);
      if (r) out.push([key, r]);
    }
    return out;
  }

  put(key: string, record: AnnotationRecord): void {
    this.inner.put(key, record);
    this.index(key);
  }

  delete(key: string): void {
    this.inner.delete(key);
    this.keys.get(owner(key))?.delete(key);
  }

  transact<T>(fn: () => T): T {
    return this.inner.transact(fn);
  }

  observe(fn: (change: StoreChange) => void): () => void {
    return this.inner.observe(fn);
  }

  private index(key: string): void {
    const id = owner(key);
    if (id === key) return;
    let set = this.keys.get(id);
    if (!set) {
      set = new Set();
      this.keys.set(id, set);
    }
    set.add(key);
  }
}

/// The annotation a record key belongs to (`<id>` or `<id>/…`).
function owner(key: string): string {
  const slash = key.indexOf("/");
  return slash < 0 ? key : key.slice(0, slash);
}
