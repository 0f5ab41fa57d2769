import type { ComparisonBody, VersionBody, VersionDocumentBody } from "@glossa/api";

/// The server's answers the History view reads (versions, a version's
/// document, comparisons): the API's own response types (packages/api).

/// A version as the API lists it.
export type VersionView = VersionBody;
export type VersionDocument = VersionDocumentBody;
export type VersionAnnotation = VersionDocumentBody["annotations"][number];
export type MessageView = VersionAnnotation["messages"][number];
export type Person = MessageView["author"];
export type Comparison = ComparisonBody;
export type TextChange = ComparisonBody["text"]["changes"][number];
export type AnnotationChange = ComparisonBody["annotations"][number];
