import { importText } from "@glossa/schema";
import { decodeText, formatFor, type ImportFormat, unsupported } from "./detect.ts";
import { convertDocx, type DocxLimits } from "./docx.ts";
import { humanSize, ImportError } from "./errors.ts";
import { htmlToDoc } from "./html.ts";
import { convertMarkdown } from "./markdown.ts";
import type { Converted } from "./types.ts";

export type { ImportFormat } from "./detect.ts";
export { DOCX_TYPE, decodeText, formatFor, IMPORT_EXTENSIONS } from "./detect.ts";
export type { DocxLimits } from "./docx.ts";
export { convertDocx, DEFAULT_DOCX_LIMITS } from "./docx.ts";
export type { ImportErrorCode } from "./errors.ts";
export { humanSize, ImportError } from "./errors.ts";
export { convertMarkdown } from "./markdown.ts";
export type { Converted, ImportedComment, ImportedMessage } from "./types.ts";

/// Options of `convert`.
export interface ConvertOptions {
  /// The file's name: gives the format when the content type does not, and
  /// the title when the file has none of its own.
  fileName: string;
  contentType?: string | null;
  /// Largest file accepted, in bytes (default 25 MB).
  maxBytes?: number;
  docx?: Partial<DocxLimits>;
}

export const DEFAULT_MAX_IMPORT_BYTES = 25 * 1024 * 1024;

/// The file name without folder and extension, as a title of last resort.
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const stem = base
    .replace(/\.[A-Za-z0-9]{1,10}$/, "")
    .replace(/[_]+/g, " ")
    .trim();
  return stem.slice(0, 300) || "Untitled document";
}

/// Converts an HTML file. Scripts, styles, frames, forms, event handlers and
/// `javascript:` links do not survive: only the schema's nodes and marks do.
export function convertHtml(html: string, opts: { fallbackTitle: string }): Converted {
  return { format: "html", ...htmlToDoc(html, opts), comments: [] };
}

/// Converts plain text: letters, memos and briefs (see `importText`).
export function convertText(text: string, opts: { fallbackTitle: string }): Converted {
  if (!/\S/.test(text)) throw new ImportError("empty", "The file contains no text to import.");
  const { doc, title } = importText(text, opts.fallbackTitle);
  return { format: "text", doc, title: title.slice(0, 300), comments: [], warnings: [] };
}

/// Turns the bytes of a file into a Glossa document, or throws ImportError
/// with words for the person (the format is unknown, the file is too large,
/// damaged, protected, empty or not what its name says).
export async function convert(bytes: Uint8Array, opts: ConvertOptions): Promise<Converted> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const name = opts.fileName.split(/[\\/]/).pop() || "the file";
  if (bytes.length > maxBytes) {
    throw new ImportError(
      "too-large",
      `“${name}” is ${humanSize(bytes.length)}; Glossa imports files of up to ${humanSize(maxBytes)}.`,
    );
  }
  const format: ImportFormat | null = formatFor(opts.fileName, opts.contentType);
  if (!format) throw unsupported(name);
  const fallbackTitle = titleFromFileName(name);
  if (format === "docx")
    return convertDocx(bytes, { fileName: name, fallbackTitle, limits: opts.docx });
  if (bytes.length === 0) throw new ImportError("empty", `“${name}” is empty.`);
  const text = decodeText(bytes, name);
  if (format === "markdown") return convertMarkdown(text, { fallbackTitle });
  if (format === "html") return convertHtml(text, { fallbackTitle });
  return convertText(text, { fallbackTitle });
}
