import type { IncomingMessage } from "node:http";
import { humanSize, ImportError } from "@glossa/convert/errors";
import { capabilities, type Role } from "@glossa/protocol";
import busboy from "busboy";
import { AnnotationRequestError } from "../annotations/AnnotationService.ts";
import { chargeImport } from "../auth/budgets.ts";
import type { TokenClaims } from "../auth/tokens.ts";
import { type ImportFile, importFile, importInto, NotEmptyError } from "../imports.ts";
import { asHttpError } from "./annotationsApi.ts";
import type { ApiContext } from "./api.ts";
import { badRequest, forbidden, HttpError, sendJson } from "./http.ts";

const tooLarge = (limit: number) =>
  new HttpError(
    413,
    "too_large",
    `The file is larger than ${humanSize(limit)}, the most Glossa imports at once.`,
  );

/// Reads a request body of at most `limit` bytes (413 beyond, before
/// reading when Content-Length says so).
async function readBytes(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/// The one file of a `multipart/form-data` body.
function readMultipart(req: IncomingMessage, limit: number): Promise<ImportFile> {
  if (Number(req.headers["content-length"] ?? 0) > limit + 64 * 1024) throw tooLarge(limit);
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 2, fileSize: limit, fields: 20 } });
    } catch {
      reject(badRequest("The upload is not valid multipart/form-data."));
      return;
    }
    const files: ImportFile[] = [];
    let failed: Error | null = null;
    bb.on("file", (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (d: Buffer) => chunks.push(d));
      stream.on("limit", () => {
        failed = tooLarge(limit);
      });
      stream.on("close", () => {
        files.push({
          bytes: Buffer.concat(chunks),
          fileName: info.filename ?? "",
          contentType: info.mimeType,
        });
      });
    });
    bb.on("error", () => reject(badRequest("The upload is not valid multipart/form-data.")));
    bb.on("close", () => {
      if (failed) reject(failed);
      else if (files.length !== 1)
        reject(badRequest("Send exactly one file to import (the form had none, or several)."));
      else resolve(files[0]!);
    });
    req.pipe(bb);
  });
}

/// The file name of a raw upload: `?filename=`, an `X-Filename` header
/// (URL-encoded) or a Content-Disposition header's `filename`.
function rawFileName(ctx: ApiContext): string {
  const q = ctx.url.searchParams.get("filename");
  if (q) return q;
  const header = ctx.req.headers["x-filename"];
  if (typeof header === "string" && header) {
    try {
      return decodeURIComponent(header);
    } catch {
      return header;
    }
  }
  const disposition = ctx.req.headers["content-disposition"] ?? "";
  return /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? "";
}

/// `POST /api/documents` with a file (raw bytes with their content type, or
/// multipart/form-data): imports it as a new document owned by the caller.
export async function importFromRequest(ctx: ApiContext, claims: TokenClaims): Promise<void> {
  const limit = ctx.maxImportBytes;
  const file = await readUpload(ctx, limit);
  try {
    const result = await importFile(ctx, file, { id: claims.userId, name: claims.name }, limit);
    sendJson(ctx.res, 201, {
      id: result.record.id,
      title: result.record.title,
      createdAt: result.record.createdAt,
      role: "owner",
      format: result.converted.format,
      annotations: result.annotations,
      warnings: result.converted.warnings,
    });
  } catch (err) {
    throw importHttpError(err);
  }
}

/// `POST /api/documents/:id/import` with a file: puts it into document
/// `id`, which must be empty (a file dropped on a new document). Owners and
/// editors only; 409 `not_empty` when the document has words or
/// annotations, and then nothing changes.
export async function importIntoFromRequest(
  ctx: ApiContext,
  claims: TokenClaims,
  id: string,
  role: Role,
): Promise<void> {
  if (!capabilities(role).editText)
    throw forbidden("Only an owner or editor of this document can bring a file into it.");
  try {
    ctx.annotations.writable();
  } catch (err) {
    throw asHttpError(err);
  }
  await mayImport(ctx, claims.userId);
  const limit = ctx.maxImportBytes;
  const file = await readUpload(ctx, limit);
  try {
    const actor = { user: { id: claims.userId, name: claims.name }, role };
    const result = await importInto(ctx, id, file, actor, limit);
    sendJson(ctx.res, 200, {
      id,
      title: result.title,
      format: result.converted.format,
      annotations: result.annotations,
      warnings: result.converted.warnings,
    });
  } catch (err) {
    if (err instanceof NotEmptyError) throw new HttpError(409, "not_empty", err.message);
    if (err instanceof AnnotationRequestError)
      throw new HttpError(err.status, err.code.replace(/-/g, "_"), err.message);
    throw importHttpError(err);
  }
}

/// The file of an upload request, raw or multipart, at most `limit` bytes.
async function readUpload(ctx: ApiContext, limit: number): Promise<ImportFile> {
  const type = (ctx.req.headers["content-type"] ?? "").toLowerCase();
  const file: ImportFile = type.startsWith("multipart/form-data")
    ? await readMultipart(ctx.req, limit)
    : {
        bytes: await readBytes(ctx.req, limit),
        fileName: rawFileName(ctx),
        contentType: type || null,
      };
  if (!file.fileName) file.fileName = "Imported document";
  return file;
}

/// An `ImportError` as the API answers it.
function importHttpError(err: unknown): unknown {
  if (!(err instanceof ImportError)) return err;
  const code =
    err.status === 413
      ? "too_large"
      : err.status === 415
        ? "unsupported_media_type"
        : "unreadable_file";
  return new HttpError(err.status, code, err.message);
}

/// Refuses an import for `userId` over the account's imports per minute
/// (docs/security.md) with 429 `import_rate` and Retry-After, before the
/// file is read.
export async function mayImport(ctx: ApiContext, userId: string): Promise<void> {
  const over = await chargeImport(ctx.store, userId, ctx.budgets);
  if (!over) return;
  ctx.res.setHeader("Retry-After", String(over.retryAfterSeconds));
  throw new HttpError(
    429,
    "import_rate",
    `You have imported ${ctx.budgets.importsPerMinute} files in the last minute, the most allowed. Wait ${over.retryAfterSeconds} seconds and import the rest.`,
  );
}
