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

/// The text of an imported comment message: who wrote it in the file and
/// when, then its words (the importer is the Glossa author; the file's
/// author is named here so the thread reads as it did in Word).
export function importedMessageBody(m: ImportedMessage, reply: boolean): string {
  const when = day(m.date);
  const head = `${m.author} (Word ${reply ? "reply" : "comment"}${when ? `, ${when}` : ""})`;
  const body = `${head}: ${m.text || "(no text)"}`;
  return body.length > 30_000 ? `${body.slice(0, 29_990)}…` : body;
}

/// Converts a file and creates it as a new document owned by `owner`, with
/// the file's comments as annotations (kind comment; replies as thread
/// messages; resolved threads resolved). The annotations are made by the
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
  const create = (from: number, to: number, quote: string) =>
    service.apply(docs, actor, {
      op: "create",
      kind: "comment",
      from,
      to,
      quote,
      body: importedMessageBody(c, false),
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
    service.apply(docs, actor, { op: "reply", id, body: importedMessageBody(r, true) });
  }
  if (c.resolved) service.apply(docs, actor, { op: "resolve", id });
}
