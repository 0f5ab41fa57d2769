import { ImportError } from "./errors.ts";

/// The formats Glossa imports.
export type ImportFormat = "docx" | "markdown" | "html" | "text";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const BY_TYPE: Record<string, ImportFormat> = {
  [DOCX_TYPE]: "docx",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "text",
};

const BY_EXTENSION: Record<string, ImportFormat> = {
  docx: "docx",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
  txt: "text",
  text: "text",
};

/// File extensions the importer accepts, for file pickers.
export const IMPORT_EXTENSIONS = [".docx", ".md", ".markdown", ".html", ".htm", ".txt"];

/// The format of a file from its content type (preferred) or its name's
/// extension; null when neither is one Glossa reads. Generic types
/// (`application/octet-stream`, none) defer to the extension.
export function formatFor(
  fileName: string | null,
  contentType?: string | null,
): ImportFormat | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type && BY_TYPE[type]) return BY_TYPE[type];
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? "")?.[1]?.toLowerCase();
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  return null;
}

/// Words for a file Glossa does not read, naming what it does read.
export function unsupported(fileName: string | null): ImportError {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? "")?.[1]?.toLowerCase();
  const hint =
    ext === "doc"
      ? " Older Word files (.doc) must first be saved as .docx in Word (File › Save As › Word Document)."
      : ext === "pdf"
        ? " PDF files cannot be edited; open the original Word file instead."
        : "";
  return new ImportError(
    "unsupported",
    `Glossa cannot open this kind of file${fileName ? ` (${fileName})` : ""}. It imports Word documents (.docx), Markdown (.md), web pages (.html) and plain text (.txt).${hint}`,
  );
}

const isUtf16 = (b: Uint8Array, odd: boolean) => {
  // Text in UTF-16 without a byte order mark: mostly zero bytes on one side.
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = odd ? 1 : 0; i < n; i += 2) if (b[i] === 0) zeros++;
  return zeros > (n / 2) * 0.6;
};

/// Windows-1252's characters at 0x80–0x9F (curly quotes, dashes, €); the
/// rest of the range is Latin-1. Written out because some Node builds decode
/// "windows-1252" as plain Latin-1, turning ’ into an invisible control.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return out;
}

/// Decodes the bytes of a text, Markdown or HTML file: UTF-8 (with or without
/// a byte order mark), UTF-16 (with a byte order mark, or recognised by its
/// zero bytes), else Windows-1252 (what older Windows programs write). Refuses
/// files that are not text at all (a binary file renamed).
export function decodeText(bytes: Uint8Array, fileName: string | null = null): string {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder("utf-8").decode(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else if (isUtf16(bytes, true)) {
    text = new TextDecoder("utf-16le").decode(bytes);
  } else if (isUtf16(bytes, false)) {
    text = new TextDecoder("utf-16be").decode(bytes);
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
    }
  }
  // Text has no NUL and few control characters; binary files have many.
  const sample = text.slice(0, 8192);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) controls = Number.POSITIVE_INFINITY;
    else if (c < 9 || (c > 13 && c < 32)) controls++;
  }
  if (controls > sample.length * 0.01) {
    throw new ImportError(
      "not-text",
      `${fileName ? `“${fileName}”` : "This file"} does not contain readable text; it may be a different kind of file with the wrong name. Check that you chose the right file.`,
    );
  }
  return text.replace(/\r\n?/g, "\n");
}
