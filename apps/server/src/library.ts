import { documentName } from "@glossa/protocol";
import type { Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import { indexYdocText, newId } from "./documents.ts";
import type { AccessibleDocument, DocumentRecord, Store } from "./storage/index.ts";
import { foldForSearch, TRASH_DAYS } from "./storage/Store.ts";
import type { VersionStore } from "./versions/VersionStore.ts";
import { mergeParts } from "./ydoc.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/// How often the trash is emptied of documents older than `TRASH_DAYS`.
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;
/// Longest title accepted (characters).
export const MAX_TITLE = 300;
/// Longest search accepted (characters) and most text matches returned.
export const MAX_QUERY = 200;
const MAX_TEXT_MATCHES = 50;
/// Characters of context shown on each side of a match in the text.
const SNIPPET_CONTEXT = 60;

/// A title as typed, made fit to store: spaces collapsed, control characters
/// taken out; null when nothing is left or it is too long.
export function cleanTitle(value: unknown): string | null {
  if (typeof value !== "string") return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: taking them out is the point
  const title = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  const collapsed = title.replace(/\s+/g, " ");
  return collapsed && collapsed.length <= MAX_TITLE ? collapsed : null;
}

/// When a document deleted at `deletedAt` leaves the trash for good.
export function purgeTime(deletedAt: string): string {
  return new Date(Date.parse(deletedAt) + TRASH_DAYS * DAY_MS).toISOString();
}

/// One search result: a document the person may open, and where it matched.
export interface SearchHit {
  doc: AccessibleDocument;
  /// "title" when the title matched (listed first), else "text".
  match: "title" | "text";
  /// For a text match: the words around it, and the match's place in them.
  snippet?: { text: string; start: number; end: number };
}

/// Document management beyond creation (docs/ARCHITECTURE.md, `library.ts`): rename, the
/// trash (kept `TRASH_DAYS` days, restorable by owners, then purged with
/// everything stored for the document), duplicates with their annotations,
/// search by title and text within what a person may open, and the plain
/// text index search reads.
export class DocumentLibrary {
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly versions: VersionStore,
    private readonly hocuspocus: () => Hocuspocus | null,
  ) {}

  /// Purges the expired trash now and every `PURGE_INTERVAL_MS`, and indexes
  /// the text of documents stored before search existed (in the background).
  start(): void {
    const run = () =>
      this.purgeExpired().catch((err) =>
        console.error(`[glossa] emptying the trash failed: ${(err as Error).message}`),
      );
    void run();
    this.purgeTimer = setInterval(run, PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
    void this.indexMissing().catch((err) =>
      console.error(`[glossa] indexing documents for search failed: ${(err as Error).message}`),
    );
  }

  stop(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.purgeTimer = null;
  }

  /// Removes for good every document deleted more than `TRASH_DAYS` before
  /// `now`; returns their ids.
  async purgeExpired(now = Date.now()): Promise<string[]> {
    const before = new Date(now - TRASH_DAYS * DAY_MS).toISOString();
    const ids = await this.store.listTrashedBefore(before);
    for (const id of ids) await this.purge(id);
    if (ids.length) console.log(`[glossa] emptied ${ids.length} document(s) from the trash`);
    return ids;
  }

  /// Removes a document and everything stored for it: text, annotations,
  /// versions, authorship, shares, invitations, search text.
  async purge(id: string): Promise<void> {
    await this.versions.deleteDocument(id);
    await this.store.purgeDocument(id);
    // Still in memory here (its connections were just closed): whatever it
    // writes before it is unloaded is removed again when it is.
    for (const name of [documentName(id), documentName(id, "annotations")]) {
      this.hocuspocus()
        ?.documents.get(name)
        ?.once("destroy", () => {
          this.store
            .purgeDocument(id)
            .catch((err) =>
              console.error(`[glossa] could not finish erasing ${id}: ${(err as Error).message}`),
            );
        });
    }
  }

  /// Moves a document to the trash. Live connections are closed by the
  /// access re-check the store change triggers (on every instance).
  async trash(id: string, by: string, now = new Date()): Promise<DocumentRecord | null> {
    if (!(await this.store.trashDocument(id, by, now.toISOString()))) return null;
    return this.store.getDocument(id);
  }

  /// Makes a copy of document `id` owned by `owner`: the text and its
  /// annotations (threads, authors, audit trails) exactly as they are now,
  /// copied as Yjs state so anchors and authorship (who wrote and who
  /// deleted which words) carry over. Versions and
  /// shares are not copied: the copy starts its own history and is private.
  async duplicate(id: string, owner: string, title: string): Promise<DocumentRecord> {
    const copy = newId();
    const text = await this.state(documentName(id));
    const annotations = await this.state(documentName(id, "annotations"));
    if (text) await this.store.appendUpdate(documentName(copy), text);
    if (annotations) await this.store.appendUpdate(documentName(copy, "annotations"), annotations);
    const clients = await this.versions.listClients(id);
    if (clients.length) await this.versions.recordClients(copy, clients);
    const deletions = await this.versions.listDeletions(id);
    if (deletions.length) await this.versions.recordDeletions(copy, deletions);
    const record: DocumentRecord = {
      id: copy,
      title,
      createdAt: new Date().toISOString(),
      createdBy: owner,
    };
    await this.store.createDocument(record);
    await this.store.setShare({
      documentId: copy,
      userId: owner,
      role: "owner",
      grantedBy: null,
      grantedAt: record.createdAt,
    });
    if (text) await indexYdocText(this.store, copy, [text]);
    return record;
  }

  /// The whole Yjs state of a document part: live when loaded, else stored.
  private async state(name: string): Promise<Uint8Array | null> {
    const live = this.hocuspocus()?.documents.get(name);
    if (live) return Y.encodeStateAsUpdate(live);
    const parts = await this.store.loadParts(name);
    return parts.length ? mergeParts(parts) : null;
  }

  /// Documents `userId` may open whose title or text contains `query`
  /// (case and accents ignored): title matches first, then text matches
  /// with the words around the first occurrence.
  async search(userId: string, query: string, docs?: AccessibleDocument[]): Promise<SearchHit[]> {
    const q = foldForSearch(query.trim().replace(/\s+/g, " "));
    const mine = docs ?? (await this.store.listDocumentsFor(userId));
    const byId = new Map(mine.map((d) => [d.id, d]));
    const hits: SearchHit[] = mine
      .filter((d) => foldForSearch(d.title).includes(q))
      .map((doc) => ({ doc, match: "title" }));
    const seen = new Set(hits.map((h) => h.doc.id));
    for (const m of await this.store.searchTextFor(userId, q, MAX_TEXT_MATCHES)) {
      const doc = byId.get(m.id);
      if (!doc || seen.has(m.id)) continue;
      seen.add(m.id);
      hits.push({ doc, match: "text", snippet: snippet(m.text, m.folded, q) });
    }
    return hits;
  }

  /// Indexes the text of documents that have no search text yet.
  async indexMissing(): Promise<number> {
    const ids = await this.store.listDocumentsWithoutText();
    for (const id of ids) {
      await indexYdocText(this.store, id, await this.store.loadParts(documentName(id)));
    }
    return ids.length;
  }
}

/// The words around the first occurrence of folded `q` in `text` (`folded`
/// is `text` folded, position for position).
function snippet(text: string, folded: string, q: string): SearchHit["snippet"] {
  const at = folded.indexOf(q);
  if (at < 0) return undefined;
  let from = Math.max(0, at - SNIPPET_CONTEXT);
  let to = Math.min(text.length, at + q.length + SNIPPET_CONTEXT);
  // Whole words at the edges.
  if (from > 0) {
    const space = text.indexOf(" ", from);
    if (space >= 0 && space < at) from = space + 1;
  }
  if (to < text.length) to = Math.max(text.lastIndexOf(" ", to), at + q.length);
  const lead = from > 0 ? "… " : "";
  const body = text.slice(from, to).replace(/\s+/g, " ");
  const trail = to < text.length ? " …" : "";
  // Collapsing spaces may shift the match: find it again in what is shown.
  const shown = `${lead}${body}${trail}`;
  const start = foldForSearch(shown).indexOf(q);
  return start < 0
    ? { text: shown, start: 0, end: 0 }
    : { text: shown, start, end: start + q.length };
}
