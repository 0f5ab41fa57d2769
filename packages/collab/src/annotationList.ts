import { type Annotation, listAnnotations } from "@glossa/annotations";
import type { YMapAnnotationStore } from "./yAnnotationStore.ts";

/// The annotations of the open document as one list shared by every view
/// (subscribe / getSnapshot, as React's `useSyncExternalStore` expects):
/// subscribers hear once per Yjs transaction that changed the annotations
/// map, and the list is built again only when next read, so two panels
/// share one listing per change instead of each re-listing on every update.
export class AnnotationList {
  private snapshot: readonly Annotation[] | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: () => void;

  constructor(readonly store: YMapAnnotationStore) {
    this.unobserve = store.observe(() => {
      this.snapshot = null;
      for (const l of [...this.listeners]) l();
    });
  }

  /// The live annotations (not deleted), as `listAnnotations` orders them.
  /// The same array until the next change: compare by identity.
  getSnapshot(): readonly Annotation[] {
    this.snapshot ??= listAnnotations(this.store);
    return this.snapshot;
  }

  /// Calls `listener` after every change; returns the unsubscribe.
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.unobserve();
    this.listeners.clear();
  }
}
