/// Document ids are 6–40 characters of lowercase letters, digits and dashes.
export const DOCUMENT_ID = /^[a-z0-9][a-z0-9-]{5,39}$/;

/// Which of a document's two Yjs documents a name refers to: its text, or the
/// companion document holding annotation bodies and threads.
export type DocumentPart = "text" | "annotations";

/// The Hocuspocus document name of a part: `doc/<id>` or `doc/<id>/annotations`.
export function documentName(id: string, part: DocumentPart = "text"): string {
  if (!DOCUMENT_ID.test(id)) throw new RangeError(`Invalid document id: ${JSON.stringify(id)}`);
  return part === "text" ? `doc/${id}` : `doc/${id}/annotations`;
}

/// Parses a document name; returns null for anything that is not exactly one
/// of the two forms (so `..`, NUL, control characters and look-alikes fail).
export function parseDocumentName(name: string): { id: string; part: DocumentPart } | null {
  const m = /^doc\/([a-z0-9][a-z0-9-]{5,39})(\/annotations)?$/.exec(name);
  if (!m) return null;
  return { id: m[1]!, part: m[2] ? "annotations" : "text" };
}

/// Query parameter with which a client states its document schema version.
export const SCHEMA_VERSION_PARAM = "schema";
