/// The import's options and outcome, shared by its steps (`import.ts`,
/// `parse.ts`, `thread.ts`).
import type { ReanchorOptions } from "../anchor.ts";
import type { AnnotationKind, TagVocabulary } from "../kinds.ts";
import type { Annotation, Person, Problem } from "../model.ts";

/// Options of `importW3C`.
export interface W3CImportOptions extends ReanchorOptions {
  /// The person importing; the author of anything without a creator.
  importer: Person;
  now?: () => Date;
  newId?: () => string;
  /// Keep `urn:glossa:annotation:<id>` ids instead of making new ones
  /// (restoring into a copy). Default false.
  keepIds?: boolean;
  kinds?: readonly AnnotationKind[];
  /// Tags not in it are dropped and reported.
  vocabulary?: TagVocabulary;
  /// At most this many items are read. Default 10 000.
  maxItems?: number;
}

/// One item `importW3C` could not take, and why, in plain words.
export interface W3CRejection {
  /// Index of the item in the input's list.
  index: number;
  id?: string;
  problems: Problem[];
}

/// The outcome of `importW3C`: annotations placed on text, annotations kept
/// but detached because their quote was not found or not unique, items
/// rejected as malformed, and notes (dropped tags, orphaned replies).
export interface W3CImportResult {
  placed: { annotation: Annotation; from: number; to: number; exact: boolean }[];
  /// `changed`: placed, but its words were changed or deleted while a live
  /// import was under way (the server's sliced import), so kept detached.
  unplaced: {
    annotation: Annotation;
    reason: "ambiguous" | "notFound" | "changed";
    candidates: number;
  }[];
  rejected: W3CRejection[];
  notes: string[];
}

/// Largest JSON text `importW3C` parses (10 MiB).
export const MAX_IMPORT_SIZE = 10 * 1024 * 1024;
