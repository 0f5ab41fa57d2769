import type { afterUnloadDocumentPayload, Extension } from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";

/// Hocuspocus 4.7 tracks unloads in progress by document name: asking to
/// unload a new copy of a document while its old copy's unload hooks still
/// run gets the old unload's promise, and the new copy stays in memory with
/// nobody connected (its unload hooks never run). Once the old copy's unload
/// has ended, this asks again for the copy now listed under the name;
/// Hocuspocus unloads it only if nobody is connected and no store is due.
export class UnloadAgainExtension implements Extension<GlossaContext> {
  extensionName = "glossa-unload-again";
  /// Last: the old copy's other hooks run first.
  priority = -1000;
  /// Unloads asked for again (instrumentation for tests).
  asked = 0;

  async afterUnloadDocument({ instance, documentName }: afterUnloadDocumentPayload): Promise<void> {
    // Settles after every afterUnloadDocument hook of this copy; Hocuspocus
    // then forgets the name (in the same turn), before the next one starts.
    const unloading = instance.unloadingDocuments.get(documentName) ?? Promise.resolve();
    void unloading.then(
      () =>
        setImmediate(() => {
          const copy = instance.documents.get(documentName);
          if (!copy || copy.isDestroyed || !instance.shouldUnloadDocument(copy)) return;
          this.asked += 1;
          void instance.unloadDocument(copy);
        }),
      () => {},
    );
  }
}
