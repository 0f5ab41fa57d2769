import { randomBytes } from "node:crypto";
import { documentName } from "@glossa/protocol";
import { docText } from "@glossa/schema";
import type { Hocuspocus } from "@hocuspocus/server";
import type { Node } from "prosemirror-model";
import { checkDocumentSize } from "./documentSize.ts";
import type { SearchPart } from "./searchText.ts";
import type { DocumentRecord, Store } from "./storage/index.ts";
import { foldForSearch } from "./storage/Store.ts";
import { checkDocument, DocumentQuarantined } from "./structure.ts";
import { plainText } from "./versions/attribution.ts";
import { loadConversions, pmDocToUpdate, ydocFromParts, ydocToPm } from "./ydoc.ts";

/// A new random document id (16 base-36 characters).
export function newId(): string {
  const bytes = randomBytes(12);
  let out = "";
  for (const b of bytes) out += (b % 36).toString(36);
  return out + Date.now().toString(36).slice(-4);
}

/// Characters of a document's text that search indexes, from its start: twice
/// the longest legal brief (< 1,000,000). Bounds what a huge document costs
/// to index (a 20,000,000-character text was 40 MB to write, seconds;
/// docs/security.md); beyond it a document is not found by its words.
export const SEARCH_TEXT_LIMIT = 2_000_000;

/// `text` cut to SEARCH_TEXT_LIMIT, never inside a surrogate pair.
export function searchablePart(text: string): string {
  if (text.length <= SEARCH_TEXT_LIMIT) return text;
  const cut = text.charCodeAt(SEARCH_TEXT_LIMIT - 1);
  return text.slice(0, cut >= 0xd800 && cut < 0xdc00 ? SEARCH_TEXT_LIMIT - 1 : SEARCH_TEXT_LIMIT);
}

/// Stores the plain text of a document for search (as written, and folded).
export async function indexText(store: Store, id: string, doc: Node, at = new Date()) {
  await indexPlainText(store, id, docText(doc), at);
}

/// Stores `text` (`docText` of the document) for search, and folded, up to
/// SEARCH_TEXT_LIMIT characters.
export async function indexPlainText(store: Store, id: string, text: string, at = new Date()) {
  const part = searchablePart(text);
  await store.setDocumentText(id, part, foldForSearch(part), at.toISOString());
}

/// Stores a live document's search text given in parts (`SearchText`): with
/// SQLite each part goes to the journal's worker in a step of its own and is
/// joined there (`SqliteStore.setDocumentTextParts`), so that the event loop
/// never copies the whole text; other stores get it joined.
export async function indexTextParts(
  store: Store,
  id: string,
  parts: SearchPart[],
  at = new Date(),
): Promise<void> {
  const cut = searchableParts(parts);
  if (store.setDocumentTextParts) return store.setDocumentTextParts(id, cut, at.toISOString());
  const text = cut.map((p) => p.text).join("");
  await store.setDocumentText(id, text, cut.map((p) => p.folded).join(""), at.toISOString());
}

/// `parts` cut as `searchablePart` cuts their text.
export function searchableParts(parts: SearchPart[]): SearchPart[] {
  const out: SearchPart[] = [];
  let at = 0;
  for (const p of parts) {
    if (at + p.text.length <= SEARCH_TEXT_LIMIT) out.push(p);
    else {
      const room = SEARCH_TEXT_LIMIT - at;
      const cut = p.text.charCodeAt(room - 1);
      const keep = room > 0 && cut >= 0xd800 && cut < 0xdc00 ? room - 1 : room;
      if (keep > 0) out.push({ text: p.text.slice(0, keep), folded: p.folded.slice(0, keep) });
      break;
    }
    at += p.text.length;
  }
  return out.length > 0 ? out : [{ text: "", folded: "" }];
}

/// Stores for search the text of a document given as Yjs updates, read
/// from its items (`plainText`: the same text as `docText`, no conversion).
export async function indexYdocText(store: Store, id: string, parts: Uint8Array[]): Promise<void> {
  const ydoc = ydocFromParts(parts);
  try {
    await indexPlainText(store, id, plainText(ydoc, SEARCH_TEXT_LIMIT));
  } finally {
    ydoc.destroy();
  }
}

/// Documents as the API sees them: creation, and reading the current text
/// from the live Hocuspocus document when loaded, else from the store.
export class Documents {
  constructor(
    private readonly store: Store,
    private readonly hocuspocus: () => Hocuspocus | null,
  ) {}

  /// Creates a document with `doc` as its first content, owned by `ownerId`.
  async create(
    title: string,
    doc: Node,
    ownerId: string | null,
    id = newId(),
  ): Promise<DocumentRecord> {
    const record: DocumentRecord = {
      id,
      title,
      createdAt: new Date().toISOString(),
      createdBy: ownerId,
    };
    await loadConversions();
    const update = pmDocToUpdate(doc);
    // No larger than live edits could make it (nothing stored otherwise).
    checkDocumentSize(update);
    await this.store.appendUpdate(documentName(id), update);
    await this.store.createDocument(record);
    await indexText(this.store, id, doc);
    if (ownerId) {
      await this.store.setShare({
        documentId: id,
        userId: ownerId,
        role: "owner",
        grantedBy: null,
        grantedAt: record.createdAt,
      });
    }
    return record;
  }

  /// Creates a document from a Yjs update of its text and, when it has any,
  /// of its annotations (an import). The content is stored before the
  /// record, so a failure leaves no document in the list.
  async createWithParts(
    title: string,
    text: Uint8Array,
    annotations: Uint8Array | null,
    ownerId: string,
  ): Promise<DocumentRecord> {
    checkDocumentSize(text);
    const id = newId();
    const record: DocumentRecord = {
      id,
      title: title.slice(0, 300),
      createdAt: new Date().toISOString(),
      createdBy: ownerId,
    };
    await this.store.appendUpdate(documentName(id), text);
    if (annotations) await this.store.appendUpdate(documentName(id, "annotations"), annotations);
    await this.store.createDocument(record);
    // Searchable at once, like a document created from text.
    await indexYdocText(this.store, id, [text]);
    await this.store.setShare({
      documentId: id,
      userId: ownerId,
      role: "owner",
      grantedBy: null,
      grantedAt: record.createdAt,
    });
    return record;
  }

  /// The current ProseMirror document of `id`; a stored text that does not
  /// fit the schema is refused (DocumentQuarantined), never served.
  async content(id: string): Promise<Node> {
    await loadConversions();
    const live = this.hocuspocus()?.documents.get(documentName(id));
    if (live) return ydocToPm(live);
    const ydoc = ydocFromParts(await this.store.loadParts(documentName(id)));
    try {
      try {
        checkDocument(ydoc);
      } catch (err) {
        console.error(
          `[glossa] refused to serve ${id}: its stored text is broken (${(err as Error).message})`,
        );
        throw new DocumentQuarantined((err as Error).message);
      }
      return ydocToPm(ydoc);
    } finally {
      ydoc.destroy();
    }
  }
}
