import type { RouteAnswer } from "@glossa/api";

/// The server's answers the History view reads (versions, a version's
/// document, comparisons), by the endpoints that send them (packages/api).

/// A version as the API lists it.
export type VersionView = RouteAnswer<"GET /api/documents/:id/versions">["versions"][number];
export type VersionDocument = RouteAnswer<"GET /api/documents/:id/versions/:vid">;
export type VersionAnnotation = VersionDocument["annotations"][number];
export type MessageView = VersionAnnotation["messages"][number];
export type Person = MessageView["author"];
export type Comparison = RouteAnswer<"GET /api/documents/:id/compare">;
export type TextChange = Comparison["text"]["changes"][number];
export type AnnotationChange = Comparison["annotations"][number];
