/// The vocabulary both directions of the W3C interchange share: the JSON-LD
/// contexts, Glossa's IRIs, and the lenient readers of untrusted JSON.
import type { Person } from "../model.ts";

/// The JSON-LD context of the Web Annotation Data Model.
export const W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/// Glossa's own terms, the second `@context` entry of every export, so that
/// JSON-LD processors keep them instead of dropping unknown keys: `glossa`
/// (kind, status, links, audit …) as a JSON literal (JSON-LD 1.1 `@json`)
/// and Hypothesis' `references` as IRIs.
export const GLOSSA_CONTEXT = {
  "@version": 1.1,
  glossa: { "@id": "urn:glossa:vocab:glossa", "@type": "@json" },
  references: { "@id": "urn:glossa:vocab:references", "@type": "@id", "@container": "@set" },
} as const;

/// The `@context` of every exported collection and annotation.
export const EXPORT_CONTEXT = [W3C_CONTEXT, GLOSSA_CONTEXT] as const;

export const ANNOTATION_URN = "urn:glossa:annotation:";
export const USER_URN = "urn:glossa:user:";
export const SOURCE_URN = "urn:glossa:source:";

export type Json = Record<string, unknown>;

/// A person as an exported `creator`.
export const person = (p: Person) => ({ id: `${USER_URN}${p.id}`, type: "Person", name: p.name });

export const str = (v: unknown): v is string => typeof v === "string";
/// A JSON-LD value that may be one item or a list, as a list.
export const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
export const hasType = (v: Json, t: string) =>
  list(v.type).includes(t) || list(v["@type"]).includes(t);
