import { createHash } from "node:crypto";
import type { Person } from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import type { Converted, ConvertOptions, ImportedComment, ImportedMessage } from "@glossa/convert";
import { blockText } from "@glossa/schema";
import { Fragment, type Node, Slice } from "prosemirror-model";
import * as Y from "yjs";
import type { Actor, AnnotationService } from "./annotations/AnnotationService.ts";
import { checkDocumentSize, heldBy } from "./documentSize.ts";
import { type Documents, indexText } from "./documents.ts";
import type { DocumentRecord, Store } from "./storage/index.ts";
import { loadConversions, pmDocToUpdate, TEXT_FIELD, ydocToPm, yProsemirror } from "./ydoc.ts";

/// The converters (mammoth, linkedom, markdown-it: about 10 MB of heap),
/// loaded on the first import, not at start (`pnpm build` splits them into
/// their own chunk).
async function convert(bytes: Uint8Array, opts: ConvertOptions): Promise<Converted> {
  const [converted] = await Promise.all([
    import("@glossa/convert").then((m) => m.convert(bytes, opts)),
    loadConversions(),
  ]);
  return converted;
}

/// The title "New document" gives; an import into such a document renames it.
export const DEFAULT_TITLE = "Untitled document";

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
    yProsemirror().prosemirrorToYXmlFragment(converted.doc, fragment);
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

/// Why a file cannot be imported into an existing document.
export class NotEmptyError extends Error {}

/// What an import into an existing document did.
export interface ImportIntoResult {
  converted: Converted;
  annotations: number;
  /// The document's new title, when it still had the default one.
  title: string | null;
}

/// A document with no words below its title and no annotations, as "New
/// document" makes it.
function isEmpty(text: Y.Doc, store: YMapAnnotationStore): boolean {
  let words = false;
  ydocToPm(text).forEach((block) => {
    if (block.type.name !== "title" && block.textContent.trim() !== "") words = true;
  });
  return !words && store.ymap.size === 0;
}

/// `doc` with its title block saying `title` (added when it has none).
function retitled(doc: Node, title: string): Node {
  const block = doc.type.schema.nodes.title!.create(
    null,
    title ? doc.type.schema.text(title) : null,
  );
  return doc.firstChild?.type.name === "title"
    ? doc.replace(0, doc.firstChild.nodeSize, new Slice(Fragment.from(block), 0, 0))
    : doc.copy(doc.content.addToStart(block));
}

/// Converts a file and puts it into document `docId`, which must still be
/// empty (a new document someone drops a file on): its text replaces the
/// empty paragraphs and its comments become annotations, on the live
/// documents so everyone connected sees them at once. The document keeps a
/// title its people gave it; one still called "Untitled document" takes the
/// file's. A document with words or annotations is refused
/// (`NotEmptyError`) and left unchanged; a bad file is refused
/// (`ImportError`) before anything is touched.
export async function importInto(
  deps: { annotations: AnnotationService; store: Store },
  docId: string,
  file: ImportFile,
  actor: Actor,
  maxBytes: number,
): Promise<ImportIntoResult> {
  const converted = await convert(file.bytes, {
    fileName: file.fileName,
    contentType: file.contentType,
    maxBytes,
  });
  const record = await deps.store.getDocument(docId);
  const keep = record && record.title.trim() !== "" && record.title !== DEFAULT_TITLE;
  const title = keep ? record.title : converted.title.slice(0, 300);
  const doc = retitled(converted.doc, title);
  // Comments were placed on the converted text; the title's length moved it.
  const shift =
    doc.firstChild!.nodeSize -
    (converted.doc.firstChild?.type.name === "title" ? converted.doc.firstChild.nodeSize : 0);
  const comments = converted.comments.map((c) => ({
    ...c,
    from: c.from + shift,
    to: c.to + shift,
  }));
  // As large as a live document may become, with what it holds (nothing stored otherwise).
  const state = pmDocToUpdate(doc);
  await deps.annotations.withDocuments(docId, (docs) => {
    if (!isEmpty(docs.text, docs.store))
      throw new NotEmptyError(
        "This document already has text or annotations. Import the file as a new document from the document list instead.",
      );
    checkDocumentSize(state, heldBy(docs.text));
    docs.text.transact(
      () => {
        docs.fragment.delete(0, docs.fragment.length);
        yProsemirror().prosemirrorToYXmlFragment(doc, docs.fragment);
      },
      { source: "local", context: { importedBy: actor.user.id } },
    );
    for (const c of comments) createThread(deps.annotations, docs, actor, c, doc);
  });
  await deps.annotations.whenStored(docId);
  if (!keep) await deps.store.renameDocument(docId, title);
  await indexText(deps.store, docId, doc);
  return { converted, annotations: converted.comments.length, title: keep ? null : title };
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
    ({ id } = create(1, 1 + title.content.size, blockText(title)));
  }
  for (const r of c.replies) {
    service.apply(docs, author(r), { op: "reply", id, body: importedMessageBody(r) });
  }
  if (c.resolved) service.apply(docs, actor, { op: "resolve", id });
}
