import type { ExportNote } from "../versions/exportModel.ts";
import { day } from "../versions/exportModel.ts";
import { badRequest } from "./http.ts";

/// The fixed words of the exports (HTML, Markdown, DOCX) in the languages
/// of the web app, chosen by the `lang` query parameter (the requester's
/// interface language; English when absent). The document's text, people's
/// words, names and citations are never translated.
export interface ExportWords {
  lang: string;
  annotations: string;
  annotation: (n: number) => string;
  backToText: string;
  sources: string;
  source: string;
  edited: string;
  detachedHeading: string;
  detachedLine: string;
  unknownAuthor: string;
  groups: Record<"signatories" | "addressees" | "copies", string>;
  kinds: Record<string, string>;
  statuses: Record<string, string>;
  relations: Record<string, string>;
  status: (s: string) => string;
  resolvedBy: (name: string, on: string) => string;
  notInDocument: string;
  on: (quote: string, paragraph: number | null) => string;
  savedVersion: (name: string, on: string, by: string | null) => string;
  redlineNote: (from: string, to: string | null, on: string) => string;
  versionNote: (version: string, on: string) => string;
  exportedOn: (on: string) => string;
  docTitle: { redline: string; annotated: string };
}

const EN: ExportWords = {
  lang: "en",
  annotations: "Annotations",
  annotation: (n) => `Annotation ${n}`,
  backToText: "Back to the text",
  sources: "Sources",
  source: "Source",
  edited: "edited",
  detachedHeading: "Annotations whose text is no longer in the document",
  detachedLine: "Annotations whose text is no longer in the document:",
  unknownAuthor: "Unknown author",
  groups: { signatories: "Signatories", addressees: "Addressees", copies: "Copies to" },
  kinds: {
    comment: "Comment",
    claim: "Claim",
    question: "Question",
    issue: "Issue",
    highlight: "Highlight",
  },
  statuses: {
    unsupported: "unsupported",
    sourced: "sourced",
    verified: "verified",
    disputed: "disputed",
  },
  relations: {
    supports: "supports",
    contradicts: "contradicts",
    cites: "cites",
    defines: "defines",
  },
  status: (s) => `status: ${s}`,
  resolvedBy: (name, on) => `resolved by ${name} on ${on}`,
  notInDocument: "its text is no longer in the document",
  on: (quote, p) => `on “${quote}”${p ? ` (¶ ${p})` : ""}`,
  savedVersion: (name, on, by) => `version “${name}” saved ${on}${by ? ` by ${by}` : ""}`,
  redlineNote: (from, to, on) =>
    `Changes from ${from} to ${to ?? "the current text"}, as Word tracked changes; exported from Glossa on ${on}.`,
  versionNote: (version, on) =>
    `${version[0]!.toUpperCase()}${version.slice(1)}; exported from Glossa on ${on}.`,
  exportedOn: (on) => `Exported from Glossa on ${on}.`,
  docTitle: {
    redline: "Redline (tracked changes) exported by Glossa",
    annotated: "Annotated document exported by Glossa",
  },
};

const ES_MX: ExportWords = {
  lang: "es-MX",
  annotations: "Anotaciones",
  annotation: (n) => `Anotación ${n}`,
  backToText: "Volver al texto",
  sources: "Fuentes",
  source: "Fuente",
  edited: "editado",
  detachedHeading: "Anotaciones cuyo texto ya no está en el documento",
  detachedLine: "Anotaciones cuyo texto ya no está en el documento:",
  unknownAuthor: "Autor desconocido",
  groups: { signatories: "Firmantes", addressees: "Destinatarios", copies: "Con copia para" },
  kinds: {
    comment: "Comentario",
    claim: "Afirmación",
    question: "Pregunta",
    issue: "Problema",
    highlight: "Resaltado",
  },
  statuses: {
    unsupported: "sin fundamento",
    sourced: "con fuente",
    verified: "verificada",
    disputed: "controvertida",
  },
  relations: { supports: "respalda", contradicts: "contradice", cites: "cita", defines: "define" },
  status: (s) => `estado: ${s}`,
  resolvedBy: (name, on) => `resuelta por ${name} el ${on}`,
  notInDocument: "su texto ya no está en el documento",
  on: (quote, p) => `sobre «${quote}»${p ? ` (¶ ${p})` : ""}`,
  savedVersion: (name, on, by) => `versión «${name}» guardada el ${on}${by ? ` por ${by}` : ""}`,
  redlineNote: (from, to, on) =>
    `Cambios de la ${from} a ${to ? `la ${to}` : "el texto actual"}, como control de cambios de Word; exportado desde Glossa el ${on}.`,
  versionNote: (version, on) =>
    `${version[0]!.toUpperCase()}${version.slice(1)}; exportado desde Glossa el ${on}.`,
  exportedOn: (on) => `Exportado desde Glossa el ${on}.`,
  docTitle: {
    redline: "Control de cambios exportado por Glossa",
    annotated: "Documento anotado exportado por Glossa",
  },
};

const WORDS: Record<string, ExportWords> = { en: EN, "es-MX": ES_MX };

/// The words for `lang` (`en`, `es-MX`; `es` means `es-MX`); English when
/// absent; a clear error for a language Glossa does not speak.
export function exportWords(lang: string | null): ExportWords {
  if (!lang) return EN;
  const words =
    WORDS[lang] ?? (/^es(-|$)/i.test(lang) ? ES_MX : /^en(-|$)/i.test(lang) ? EN : null);
  if (!words) throw badRequest(`"lang" must be one of: ${Object.keys(WORDS).join(", ")}.`);
  return words;
}

/// "Comment · status: sourced · resolved by Ana on 2024-05-01", in `w`.
export function noteHeadingIn(n: ExportNote, w: ExportWords): string {
  const a = n.annotation;
  const parts = [w.kinds[a.kind] ?? n.label];
  if (a.status) parts.push(w.status(w.statuses[a.status] ?? a.status));
  if (a.resolved) parts.push(w.resolvedBy(a.resolved.by.name, day(a.resolved.at)));
  if (!n.anchored) parts.push(w.notInDocument);
  return parts.join(" · ");
}

/// Where the note points: `on “quote” (¶ 3)`, in `w`.
export function noteQuoteIn(n: ExportNote, w: ExportWords): string {
  const quote = n.annotation.selector.quote.exact;
  return w.on(quote.length > 200 ? `${quote.slice(0, 197)}…` : quote, n.paragraph);
}
