/// The server's answers the History view reads (versions, a version's
/// document, comparisons), as the API sends them (docs/api.md).

export interface Person {
  id: string;
  name: string;
}

/// A version as the API lists it.
export interface VersionView {
  id: string;
  name: string;
  kind: "named" | "auto" | "restore";
  createdAt: string;
  createdBy: Person | null;
  restoredFrom: { id: string; name: string } | null;
}

export interface MessageView {
  id: string;
  author: Person;
  body: string;
  createdAt: string;
}

export interface VersionAnnotation {
  id: string;
  kind: string;
  author: Person;
  status: string | null;
  resolved: { by: Person; at: string } | null;
  detached: { at: string } | null;
  messages: MessageView[];
  selector: { quote: { exact: string } };
  anchor: { status: string; text: string };
}

export interface VersionDocument {
  version: VersionView;
  doc: unknown;
  text: string;
  annotations: VersionAnnotation[];
}

export type TextChange =
  | { op: "equal"; text: string }
  | { op: "insert"; text: string; author: Person | null }
  | { op: "delete"; text: string };

export interface AnnotationChange {
  type:
    | "added"
    | "removed"
    | "resolved"
    | "reopened"
    | "replied"
    | "detached"
    | "reattached"
    | "status";
  annotation: { id: string; kind: string; quote: string; body: string | null; author: Person };
  by: Person | null;
  at: string | null;
  detail?: string;
}

export interface Comparison {
  from: VersionView | null;
  to: VersionView | null;
  text: {
    changes: TextChange[];
    inserted: number;
    deleted: number;
    authors: { id: string | null; name: string; inserted: number }[];
    blocks: string[];
  };
  annotations: AnnotationChange[];
  notes: string[];
}
