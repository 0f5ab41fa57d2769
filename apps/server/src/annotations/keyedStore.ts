import type { AnnotationRecord, AnnotationStore, StoreChange } from "@glossa/annotations";
import type { YMapAnnotationStore } from "@glossa/collab/store";
import type * as Y from "yjs";
import { loadSteps } from "../loadSteps.ts";

/// The record keys of an annotations document by annotation, and its
/// annotations in creation order, made in one pass over the keys and then
/// kept up to date from the map's changes (issue 16): reading one
/// annotation is O(its records) and a page of the list O(log n + page),
/// not a scan of every record of the document per request.
export class RecordKeys {
  /// Per annotation, its record keys other than the head (`<id>/…`).
  readonly byId = new Map<string, Set<string>>();
  /// Per annotation with a head record, its creation time.
  private readonly created = new Map<string, string>();
  /// `[createdAt, id]` of every annotation, oldest first, when known.
  private sorted: [string, string][] | null = null;
  private readonly onChange = (event: Y.YMapEvent<unknown>) => {
    for (const key of event.keysChanged) this.follow(key);
  };

  /// Keys not read yet (a sliced build, `readPending`), last first.
  private pending: string[] = [];

  /// With `follow`, changes to `ymap` are read as they come until `dispose`.
  /// With `sliced` (and `follow`), the keys are read later, `readPending`
  /// at a time: at 10,000 annotations one pass over the 30,000 keys held
  /// the event loop 0.1 s (issue 16). The index answers only once all are read.
  constructor(
    readonly ymap: Y.Map<unknown>,
    private readonly following = true,
    sliced = false,
  ) {
    if (sliced && following) this.pending = [...ymap.keys()].reverse();
    else for (const key of ymap.keys()) this.add(key);
    if (following) ymap.observe(this.onChange);
  }

  /// Reads up to `count` keys of a sliced build; true while some remain.
  readPending(count: number): boolean {
    const n = Math.min(count, this.pending.length);
    // Read as they stand now: changed or deleted meanwhile, or not.
    for (let i = 0; i < n; i++) this.follow(this.pending.pop()!);
    if (n > 0) loadSteps.onStep?.("keys", n);
    return this.pending.length > 0;
  }

  dispose(): void {
    if (this.following) this.ymap.unobserve(this.onChange);
  }

  /// Reads key `key` again (written or deleted).
  follow(key: string): void {
    if (this.ymap.has(key)) this.add(key);
    else this.remove(key);
  }

  add(key: string): void {
    const id = owner(key);
    if (id === key) {
      const createdAt = (this.ymap.get(key) as { createdAt?: unknown } | undefined)?.createdAt;
      if (typeof createdAt !== "string") {
        this.remove(key);
        return;
      }
      const before = this.created.get(id);
      if (before === createdAt) return;
      this.created.set(id, createdAt);
      const last = this.sorted?.[this.sorted.length - 1];
      // The usual case, a new annotation: it goes last.
      if (before === undefined && this.sorted && (!last || byTimeThenId(last, [createdAt, id]) < 0))
        this.sorted.push([createdAt, id]);
      else this.sorted = null;
      return;
    }
    let set = this.byId.get(id);
    if (!set) {
      set = new Set();
      this.byId.set(id, set);
    }
    set.add(key);
  }

  remove(key: string): void {
    const id = owner(key);
    if (id !== key) {
      this.byId.get(id)?.delete(key);
      return;
    }
    if (this.created.delete(id)) this.sorted = null;
  }

  /// Up to `limit` annotations after `cursor` (`[createdAt, id]`), oldest
  /// first, deleted ones only when asked; `more` when others follow.
  page(
    cursor: [string, string] | null,
    limit: number,
    includeDeleted: boolean,
  ): { ids: [string, string][]; more: boolean } {
    if (!this.sorted) {
      this.sorted = [...this.created].map(([id, at]) => [at, id] as [string, string]);
      this.sorted.sort(byTimeThenId);
    }
    const heads = this.sorted;
    let i = 0;
    if (cursor) {
      let lo = 0;
      let hi = heads.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byTimeThenId(heads[mid]!, cursor) > 0) hi = mid;
        else lo = mid + 1;
      }
      i = lo;
    }
    const ids: [string, string][] = [];
    const shown = (h: [string, string]) =>
      includeDeleted || !this.byId.get(h[1])?.has(`${h[1]}/deleted`);
    for (; i < heads.length && ids.length < limit; i++) if (shown(heads[i]!)) ids.push(heads[i]!);
    while (i < heads.length && !shown(heads[i]!)) i++;
    return { ids, more: i < heads.length };
  }
}

/// Oldest first, then by id.
export function byTimeThenId(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/// An annotation store that answers `list("<id>/")` from an index of record
/// keys by annotation (`RecordKeys`, given or made in one pass over the
/// keys) kept up to date by its own writes: reading one annotation is then
/// O(its records), not a scan of every record of the document (issue 16).
/// With `follow`, keys other writers add meanwhile are indexed too, until
/// `dispose`.
export class KeyedStore implements AnnotationStore {
  private readonly keys: RecordKeys;
  private readonly own: boolean;

  constructor(
    readonly inner: YMapAnnotationStore,
    follow: boolean | RecordKeys = false,
  ) {
    this.own = !(follow instanceof RecordKeys);
    this.keys = follow instanceof RecordKeys ? follow : new RecordKeys(inner.ymap, follow);
  }

  /// The Y.Map underneath.
  get ymap(): Y.Map<unknown> {
    return this.inner.ymap;
  }

  dispose(): void {
    if (this.own) this.keys.dispose();
  }

  get(key: string): AnnotationRecord | undefined {
    return this.inner.get(key);
  }

  list(prefix = ""): [string, AnnotationRecord][] {
    const slash = prefix.indexOf("/");
    if (slash < 0 || slash !== prefix.length - 1) return this.inner.list(prefix);
    const out: [string, AnnotationRecord][] = [];
    for (const key of this.keys.byId.get(prefix.slice(0, -1)) ?? []) {
      const r = this.inner.get(key);
      if (r) out.push([key, r]);
    }
    return out;
  }

  put(key: string, record: AnnotationRecord): void {
    this.inner.put(key, record);
    this.keys.add(key);
  }

  delete(key: string): void {
    this.inner.delete(key);
    this.keys.remove(key);
  }

  transact<T>(fn: () => T): T {
    return this.inner.transact(fn);
  }

  observe(fn: (change: StoreChange) => void): () => void {
    return this.inner.observe(fn);
  }
}

/// The annotation a record key belongs to (`<id>` or `<id>/…`).
function owner(key: string): string {
  const slash = key.indexOf("/");
  return slash < 0 ? key : key.slice(0, slash);
}
