import {
  type Annotation,
  type AuditEntry,
  describeProblems,
  exportW3C,
  importW3C,
  listAnnotations,
  type Person,
  validateTags,
  writeAnnotation,
} from "@glossa/annotations";
import type { ChangeAnnotationBody, CreateAnnotationBody, LinkBody } from "@glossa/api";
import { type AnnotationOp, capabilities, DOCUMENT_ID, type Role } from "@glossa/protocol";
import { DocumentText } from "@glossa/schema";
import { AnnotationRequestError } from "../annotations/AnnotationService.ts";
import { anchorItemsMap } from "../annotations/anchorIdentity.ts";
import { KeyedStore } from "../annotations/keyedStore.ts";
import { addAnnotationFormat } from "../annotations/yMarks.ts";
import type { TokenClaims } from "../auth/tokens.ts";
import { checkLinkKey, UnknownSourceError } from "../sources/linkKeys.ts";
import { ydocToPm } from "../ydoc.ts";
import { type AnnotationView, pageQuery, readView, sendPage } from "./annotationList.ts";
import type { ApiContext } from "./api.ts";
import { noAccess } from "./documentsApi.ts";
import {
  badRequest,
  caller,
  checkedBody,
  forbidden,
  type Handlers,
  HttpError,
  notFound,
  sendJson,
} from "./http.ts";

/// The caller and their role on document `id`, read from the store now. A
/// document the caller may not open answers 404, like a missing one.
export async function access(
  ctx: ApiContext,
  id: string,
): Promise<{ user: Person; role: Role; claims: TokenClaims }> {
  const claims = await caller(ctx);
  const role = DOCUMENT_ID.test(id) ? await ctx.store.getRole(id, claims.userId) : null;
  if (!role) throw await noAccess(ctx, id, claims.userId);
  return { user: { id: claims.userId, name: claims.name }, role, claims };
}

/// Refuses callers whose role may not annotate.
function mayAnnotate(role: Role): void {
  if (!capabilities(role).annotate)
    throw forbidden(
      `Your role on this document (${role}) may read annotations but not change them.`,
    );
}

/// Tags beyond their JSON type (the request schema's): count, length, characters.
function tags(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const problems = validateTags(v);
  if (problems.length) throw badRequest(`Invalid tags: ${describeProblems(problems)}.`);
  return v as string[];
}

/// Runs an annotation operation, turning its refusals into HTTP errors.
async function run(
  ctx: ApiContext,
  docId: string,
  actor: { user: Person; role: Role },
  op: AnnotationOp,
): Promise<string> {
  try {
    return (await ctx.annotations.execute(docId, actor, op)).id;
  } catch (err) {
    throw asHttpError(err);
  }
}

/// A service's refusal (`AnnotationRequestError`: 503 `storage_unavailable`,
/// `not_saved`…) as the API's error; anything else unchanged.
export function asHttpError(err: unknown): unknown {
  if (err instanceof AnnotationRequestError)
    return new HttpError(
      err.status,
      err.code.replace(/-/g, "_"),
      err.message,
      err.id ? { id: err.id } : undefined,
    );
  return err;
}

/// Every annotation of `docId` (deleted ones when asked) with its anchor,
/// read from the live documents.
export function readAnnotations(
  ctx: ApiContext,
  docId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<{ annotations: Annotation[]; paragraphs: DocumentText }> {
  return ctx.annotations.withDocuments(docId, ({ text, store }) => ({
    annotations: listAnnotations(store, options),
    paragraphs: new DocumentText(ydocToPm(text)),
  }));
}

async function readOne(ctx: ApiContext, docId: string, aid: string): Promise<AnnotationView> {
  const found = await readView(ctx.annotations, docId, aid);
  if (!found) throw notFound(`There is no annotation ${JSON.stringify(aid)} in this document.`);
  return found;
}

function sendText(
  ctx: ApiContext,
  status: number,
  type: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  ctx.res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
  ctx.res.end(body);
}

function noContent(ctx: ApiContext): void {
  ctx.res.writeHead(204, { "Cache-Control": "no-store" });
  ctx.res.end();
}

/// A CSV cell (RFC 4180), with a leading `'` on cells a spreadsheet would
/// read as a formula.
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface AuditRow extends AuditEntry {
  annotationId: string;
  kind: string;
  quote: string;
}

function auditRows(annotations: readonly Annotation[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const a of annotations)
    for (const e of a.audit)
      rows.push({ ...e, annotationId: a.id, kind: a.kind, quote: a.selector.quote.exact });
  return rows.sort((x, y) =>
    x.at < y.at ? -1 : x.at > y.at ? 1 : x.annotationId < y.annotationId ? -1 : 1,
  );
}

/// Checks a link's key (see `checkLinkKey`), as an HTTP 400 when refused.
async function linkKeyOf(ctx: ApiContext, raw: string) {
  try {
    return await checkLinkKey(ctx.sources, raw);
  } catch (err) {
    if (err instanceof UnknownSourceError) throw new HttpError(400, err.code, err.message);
    throw err;
  }
}

/// The server's public origin: PUBLIC_URL, else the request's Host when it
/// is a plain host[:port] (anything else falls back to localhost).
function publicOrigin(ctx: ApiContext): string {
  if (ctx.publicUrl) return ctx.publicUrl;
  const host = ctx.req.headers.host ?? "";
  const safe = /^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) ? host : "localhost";
  const tls = (ctx.req.socket as { encrypted?: boolean } | undefined)?.encrypted;
  return `${tls ? "https" : "http"}://${safe}`;
}

/// Mounts the annotation endpoints on `router` (the W3C import: `annotationImport.ts`).
export function annotationRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  annotationReadRoutes(router);
  annotationWriteRoutes(router);
  annotationThreadRoutes(router);
  return router;
}

/// Reading: the list (Glossa JSON or W3C), one annotation, the audit trail.
function annotationReadRoutes(router: Handlers<ApiContext>): void {
  router
    .on("GET", "/api/documents/:id/annotations", async (ctx, { id }) => {
      await access(ctx, id!);
      const format = ctx.url.searchParams.get("format") ?? "glossa";
      const includeDeleted = ctx.url.searchParams.get("deleted") === "true";
      if (format === "glossa") {
        await sendPage(ctx.annotations, ctx.res, id!, { includeDeleted, ...pageQuery(ctx.url) });
        return;
      }
      if (format !== "w3c") throw badRequest('"format" must be "glossa" or "w3c".');
      const { annotations } = await readAnnotations(ctx, id!, { includeDeleted });
      const origin = publicOrigin(ctx);
      const collection = exportW3C(annotations, {
        // The document's page in the app, so Hypothesis-style clients can open and anchor it.
        documentIri: `${origin}/d/${id}`,
        collectionIri: `${origin}/api/documents/${id}/annotations?format=w3c`,
        includeAudit: ctx.url.searchParams.get("audit") === "true",
      });
      sendText(
        ctx,
        200,
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
        JSON.stringify(collection),
      );
    })
    .on("GET", "/api/documents/:id/annotations/:aid", async (ctx, { id, aid }) => {
      await access(ctx, id!);
      sendJson(ctx.res, 200, await readOne(ctx, id!, aid!));
    })
    .on("GET", "/api/documents/:id/audit", async (ctx, { id }) => {
      await access(ctx, id!);
      const format = ctx.url.searchParams.get("format") ?? "json";
      if (format !== "json" && format !== "csv")
        throw badRequest('"format" must be "json" or "csv".');
      const { annotations } = await readAnnotations(ctx, id!, { includeDeleted: true });
      const rows = auditRows(annotations);
      if (format === "json") {
        sendJson(ctx.res, 200, {
          entries: rows.map((r) => ({
            at: r.at,
            annotationId: r.annotationId,
            kind: r.kind,
            quote: r.quote,
            action: r.action,
            who: r.who,
            detail: r.detail,
            entryId: r.id,
          })),
        });
        return;
      }
      const head = ["at", "annotation", "kind", "quote", "action", "who_id", "who_name", "detail"];
      const lines = [head.join(",")];
      for (const r of rows)
        lines.push(
          [r.at, r.annotationId, r.kind, r.quote, r.action, r.who?.id, r.who?.name, r.detail]
            .map(csvCell)
            .join(","),
        );
      sendText(ctx, 200, "text/csv; charset=utf-8", `${lines.join("\r\n")}\r\n`, {
        "Content-Disposition": `attachment; filename="audit-${id}.csv"`,
      });
    });
}

/// Creating by quote, changing (status, resolved, tags) and deleting.
function annotationWriteRoutes(router: Handlers<ApiContext>): void {
  router
    .on("POST", "/api/documents/:id/annotations", async (ctx, { id }) => {
      const actor = await access(ctx, id!);
      mayAnnotate(actor.role);
      const b = await checkedBody<CreateAnnotationBody>(ctx.req);
      const aid = await run(ctx, id!, actor, {
        op: "create",
        kind: b.kind,
        // No positions: the server finds the quote by itself.
        from: 0,
        to: 0,
        quote: b.exact,
        ...(b.prefix ? { prefix: b.prefix } : {}),
        ...(b.suffix ? { suffix: b.suffix } : {}),
        ...(b.body?.trim() ? { body: b.body } : {}),
        ...(b.tags !== undefined ? { tags: tags(b.tags) } : {}),
      });
      sendJson(ctx.res, 201, await readOne(ctx, id!, aid));
    })
    .on("PATCH", "/api/documents/:id/annotations/:aid", async (ctx, { id, aid }) => {
      const actor = await access(ctx, id!);
      mayAnnotate(actor.role);
      const b = await checkedBody<ChangeAnnotationBody>(ctx.req);
      const newTags = tags(b.tags);
      const current = await readOne(ctx, id!, aid!);
      if (b.status !== undefined && current.status === null)
        throw new HttpError(409, "conflict", `A ${current.kind} has no status; only claims do.`);
      if (newTags) await run(ctx, id!, actor, { op: "tags", id: aid!, tags: newTags });
      if (b.status !== undefined)
        await run(ctx, id!, actor, { op: "status", id: aid!, status: b.status });
      if (b.resolved !== undefined)
        await run(ctx, id!, actor, { op: b.resolved ? "resolve" : "reopen", id: aid! });
      sendJson(ctx.res, 200, await readOne(ctx, id!, aid!));
    })
    .on("DELETE", "/api/documents/:id/annotations/:aid", async (ctx, { id, aid }) => {
      const actor = await access(ctx, id!);
      mayAnnotate(actor.role);
      await run(ctx, id!, actor, { op: "delete", id: aid! });
      noContent(ctx);
    });
}

/// Replies and links to authorities.
function annotationThreadRoutes(router: Handlers<ApiContext>): void {
  router
    .on("POST", "/api/documents/:id/annotations/:aid/replies", async (ctx, { id, aid }) => {
      const actor = await access(ctx, id!);
      mayAnnotate(actor.role);
      const { body } = await checkedBody<{ body: string }>(ctx.req);
      await run(ctx, id!, actor, { op: "reply", id: aid!, body });
      const a = await readOne(ctx, id!, aid!);
      // The newest message of this author with this body is the reply.
      const message = [...a.messages]
        .reverse()
        .find((m) => m.author.id === actor.user.id && m.body === body);
      sendJson(ctx.res, 201, { annotationId: aid, message });
    })
    .on("POST", "/api/documents/:id/annotations/:aid/links", async (ctx, { id, aid }) => {
      const actor = await access(ctx, id!);
      mayAnnotate(actor.role);
      const b = await checkedBody<LinkBody>(ctx.req);
      const pinpoint = b.pinpoint?.trim() || null;
      const relation = b.relation ?? "cites";
      const { key, authority } = await linkKeyOf(ctx, b.key);
      await run(ctx, id!, actor, { op: "link", id: aid!, key, pinpoint, relation });
      const a = await readOne(ctx, id!, aid!);
      const link = a.links.find(
        (l) => l.key === key && l.pinpoint === pinpoint && l.relation === relation,
      );
      sendJson(ctx.res, 201, { annotationId: aid, link, authority, status: a.status });
    })
    .on(
      "DELETE",
      "/api/documents/:id/annotations/:aid/links/:linkId",
      async (ctx, { id, aid, linkId }) => {
        const actor = await access(ctx, id!);
        mayAnnotate(actor.role);
        await run(ctx, id!, actor, { op: "unlink", id: aid!, linkId: linkId! });
        noContent(ctx);
      },
    );
}
