import type { Node } from "prosemirror-model";
import type { ImportFormat } from "./detect.ts";

/// One message of an imported comment thread, as the file gives it.
export interface ImportedMessage {
  /// The author's name in the file ("Unknown author" when it has none).
  author: string;
  /// ISO 8601 date, when the file records one.
  date: string | null;
  text: string;
}

/// A comment found in the file (Word comments), anchored on the text
/// [from, to) of the converted document, whose plain text is `quote`.
export interface ImportedComment extends ImportedMessage {
  from: number;
  to: number;
  quote: string;
  resolved: boolean;
  replies: ImportedMessage[];
}

/// A converted file: a document of `@glossa/schema` whose first block is the
/// title, the comments to create as annotations, and notes for the person
/// about what could not be kept as it was.
export interface Converted {
  format: ImportFormat;
  doc: Node;
  title: string;
  comments: ImportedComment[];
  warnings: string[];
}
