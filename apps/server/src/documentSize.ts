import type * as Y from "yjs";
import { HttpError } from "./http/http.ts";
import { TEXT_LIMITS } from "./textGuard.ts";
import { ScanError, scanUpdate } from "./updateScan.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

/// A document made on the server from what a person sent (a file imported,
/// text posted) that would be larger than a document may become by live
/// edits (`TEXT_LIMITS.documentClocks`, `documentStructs`): refused whole,
/// nothing stored (HTTP 413 `document_too_large`).
export class DocumentTooLarge extends HttpError {
  constructor(message: string) {
    super(413, "document_too_large", message);
  }
}

/// Checks the Yjs state `update` of a new document (or of what is put into
/// an empty one, with `held` clocks and structs already there) against the
/// size a document may have, read from its bytes (nothing decoded).
export function checkDocumentSize(
  update: Uint8Array,
  held: { clocks: number; structs: number } = { clocks: 0, structs: 0 },
): void {
  const structLimit = TEXT_LIMITS.documentStructs - held.structs;
  let scan: ReturnType<typeof scanUpdate>;
  try {
    scan = scanUpdate(update, {
      structs: structLimit,
      deleteRanges: Number.POSITIVE_INFINITY,
    });
  } catch (err) {
    if (err instanceof ScanError && err.kind === "limit")
      throw new DocumentTooLarge(
        `This file has too many paragraphs and pieces of formatting for one document (more than ${fmt(structLimit)} parts). Split it into several files and import each one.`,
      );
    throw err;
  }
  let clocks = held.clocks;
  for (const { from, to } of scan.clients.values()) clocks += to - from;
  if (clocks > TEXT_LIMITS.documentClocks)
    throw new DocumentTooLarge(
      `This file is too long for one document: it holds about ${fmt(clocks)} characters, and a document may hold ${fmt(TEXT_LIMITS.documentClocks)}. Split it into several files and import each one.`,
    );
}

/// Clocks and structs `doc` holds now.
export function heldBy(doc: Y.Doc): { clocks: number; structs: number } {
  let clocks = 0;
  let structs = 0;
  for (const list of doc.store.clients.values()) {
    structs += list.length;
    const last = list[list.length - 1];
    if (last) clocks += last.id.clock + last.length;
  }
  return { clocks, structs };
}
