import { createHash } from "node:crypto";
import type { Person } from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import {
  type Converted,
  convert,
  type ImportedComment,
  type ImportedMessage,
} from "@glossa/convert";
import type { Node } from "prosemirror-model";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import type { Actor, AnnotationService } from "./annotations/AnnotationService.ts";
import type { Documents } from "./documents.ts";
import type { DocumentRecord } from "./storage/index.ts";
import { TEXT_FIELD } from "./ydoc.ts";

/// A file to import: its bytes, its name (format and fallback title) and,
/// when known, its content type.
export interface ImportFile {
  bytes: Uint8Array;
  fileName: string;
  contentType?: string | null;
}

/// What an import created.
export interface ImportResult {
  record: DocumentRecord;
  converted: Converted;
  /// Annotations created from the file's comments.
  annotations: number;
}

const day = (iso: string | null) =>
  iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null;

/// The text of an imported comment message: its words, then the date it
/// bears in the file (the message itself is dated by the import).
export function importedMessageBody(m: ImportedMessage): string {
  const when = day(m.date);
  const body = `${m.text || "(no text)"} (from Word${when ? `, ${when}` : ""})`;
  return body.length > 30_000 ? `${body.slice(0, 29_990)}…` : body;
}

/// The person a Word comment's author becomes: named as in the file, with an
/// id no account can have ("word-" and a hash of the name), so the thread
/// shows who wrote it, in the margin and in exports, and nobody can edit
/// those words (owners and editors may still delete the thread).
export function wordAuthor(name: string): Person {
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 20);
  return { id: `word-${hash}`, name: name.slice(0, 200) };
}

/// Converts a file and creates it as a new document owned by `owner`, with
/// the file's comments as annotations (kind comment, by their Word authors;
/// replies as thread messages; resolved threads resolved by the importer). The annotations are made by the
/// same `AnnotationService` operations as any other, on the new document's
/// text and annotations before they are stored, so either the whole
/// document is created or nothing is. Throws `ImportError` for bad files.
export async function importFile(
  deps: { documents: Documents; annotations: AnnotationService },
  file: ImportFile,
  owner: { id: string; name: string },
  maxBytes: number,
): Promise<ImportResult> {
  const converted = await convert(file.bytes, {
    fileName: file.fileName,
    contentType: file.contentType,
    maxBytes,
  });
  const text = new Y.Doc();
  const annotationsDoc = new Y.Doc();
  try {
    const fragment = text.getXmlFragment(TEXT_FIELD);
    prosemirrorToYXmlFragment(converted.doc, fragment);
    const store = new YMapAnnotationStore(annotationsDoc);
    const actor: Actor = { user: { id: owner.id, name: owner.name }, role: "owner" };
    const docs = { text, fragment, store };
    for (const c of converted.comments)
      createThread(deps.annotations, docs, actor, c, converted.doc);
    const record = await deps.documents.createWithParts(
      converted.title,
      Y.encodeStateAsUpdate(text),
      converted.comments.length ? Y.encodeStateAsUpdate(annotationsDoc) : null,
      owner.id,
    );
    return { record, converted, annotations: converted.comments.length };
  } finally {
    text.destroy();
    annotationsDoc.destroy();
  }
}

function createThread(
  service: AnnotationService,
  docs: Parameters<AnnotationService["apply"]>[0],
  actor: Actor,
  c: ImportedComment,
  doc: Node,
): void {
  const author = (m: ImportedMessage): Actor => ({ user: wordAuthor(m.author), role: actor.role });
  const create = (from: number, to: number, quote: string) =>
    service.apply(docs, author(c), {
      op: "create",
      kind: "comment",
      from,
      to,
      quote,
      body: importedMessageBody(c),
    });
  let id: string;
  try {
    ({ id } = create(c.from, c.to, c.quote));
  } catch {
    // Never lose a comment: one that cannot sit on its words sits on the title.
    const title = doc.firstChild!;
    ({ id } = create(
      1,
      1 + title.content.size,
      title.textBetween(0, title.content.size, "", "\n"),
    ));
  }
  for (const r of c.replies) {
    service.apply(docs, author(r), { op: "reply", id, body: importedMessageBody(r) });
  }
  if (c.resolved) service.apply(docs, actor, { op: "resolve", id });
}
