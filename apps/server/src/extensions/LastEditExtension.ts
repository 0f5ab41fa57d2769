import { parseDocumentName } from "@glossa/protocol";
import type { afterLoadDocumentPayload, Document, Extension } from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";
import { indexTextParts, SEARCH_TEXT_LIMIT } from "../documents.ts";
import { SearchText } from "../searchText.ts";
import type { Store } from "../storage/index.ts";

export interface LastEditConfiguration {
  store: Store;
  /// Longest wait between an edit and its record, in ms; also the least time
  /// between two records of one document (one write, not one per keystroke).
  throttleMs?: number;
}

interface Pending {
  document: Document;
  at: string;
  by: string | null;
  timer: NodeJS.Timeout | null;
  /// The write in progress, if any.
  writing: Promise<void> | null;
}

/// Records, per document, when its text last changed and who changed it,
/// and refreshes the plain text that search reads. Edits come from the
/// person's connection, or from a restore of a version (its restorer);
/// annotation marks written by Glossa are not edits of the text. At most one
/// write per document every `throttleMs`, and the last one when the
/// document is unloaded, so typing costs nothing per keystroke.
export class LastEditExtension implements Extension<GlossaContext> {
  extensionName = "glossa-last-edit";
  private readonly throttleMs: number;
  private readonly pending = new Map<string, Pending>();
  /// Per document, the wait between two writes: `throttleMs`, or 100 times
  /// what the last text extraction took when longer (a 100-page document
  /// takes tens of ms; this keeps it under 1% of the server's time).
  private readonly delay = new Map<string, number>();
  /// Each loaded text document's strings per `Y.XmlText`, as written and
  /// folded: a refresh reads and folds again only the texts changed since
  /// the last one, in steps (issue 16).
  private readonly texts = new WeakMap<Document, SearchText>();

  constructor(private readonly config: LastEditConfiguration) {
    this.throttleMs = config.throttleMs ?? 3000;
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.part !== "text") return;
    this.texts.set(document, new SearchText(document));
    document.on("update", (_update: Uint8Array, origin: unknown) => {
      const o = origin as {
        source?: string;
        connection?: { context?: GlossaContext };
        context?: { restoredBy?: string };
      } | null;
      let by: string | null;
      if (o?.source === "connection") by = o.connection?.context?.user?.id ?? null;
      else if (o?.source === "local" && o.context?.restoredBy) by = o.context.restoredBy;
      else return; // loading, other instances (they record their own), annotation marks
      this.edited(parsed.id, document, by);
    });
  }

  private edited(id: string, document: Document, by: string | null): void {
    const at = new Date().toISOString();
    const p = this.pending.get(id);
    if (p) {
      p.at = at;
      p.by = by;
      p.document = document;
      p.timer ??= setTimeout(() => void this.flush(id), this.wait(id));
      return;
    }
    const fresh: Pending = { document, at, by, timer: null, writing: null };
    fresh.timer = setTimeout(() => void this.flush(id), this.wait(id));
    this.pending.set(id, fresh);
  }

  /// Writes the latest edit of `id` and its text now.
  private async flush(id: string): Promise<void> {
    const p = this.pending.get(id);
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    await p.writing;
    const { at, by, document } = p;
    const write = (async () => {
      try {
        // A document purged meanwhile gets no search text back.
        if (!(await this.config.store.getDocument(id))) return;
        await this.config.store.recordEdit(id, at, by);
        let search = this.texts.get(document);
        if (!search) {
          search = new SearchText(document);
          this.texts.set(document, search);
        }
        const { parts, busyMs } = await search.read(SEARCH_TEXT_LIMIT);
        await indexTextParts(this.config.store, id, parts);
        this.delay.set(id, Math.max(this.throttleMs, busyMs * 100));
      } catch (err) {
        console.error(
          `[glossa] could not record the last edit of ${id}: ${(err as Error).message}`,
        );
      }
    })();
    p.writing = write;
    await write;
    p.writing = null;
    // Nothing newer arrived meanwhile: forget the document until its next edit.
    if (!p.timer && p.at === at) this.pending.delete(id);
  }

  private wait(id: string): number {
    return this.delay.get(id) ?? this.throttleMs;
  }

  /// Writes the unloaded copy's last edit. Acts on that copy only: the hook
  /// can run after a new copy of the same name has loaded and been edited
  /// (then the pending record is the new copy's, written by its timer, and its
  /// delay stays). Hocuspocus destroys a copy before this hook.
  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.part !== "text") return;
    const p = this.pending.get(parsed.id);
    if (p && !p.document.isDestroyed) return;
    if (p) await this.flush(parsed.id);
    this.delay.delete(parsed.id);
  }

  async onDestroy(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flush(id)));
  }
}
