import { capabilities, DOCUMENT_ID, type Role } from "@glossa/protocol";
import { chargeDocument } from "../auth/budgets.ts";
import { cleanTitle, MAX_QUERY, MAX_TITLE, purgeTime, type SearchHit } from "../library.ts";
import type { AccessibleDocument, DocumentRecord } from "../storage/index.ts";
import type { ApiContext } from "./api.ts";
import {
  badRequest,
  caller,
  checkedBody,
  forbidden,
  type Handlers,
  HttpError,
  mayCreateDocuments,
  notFound,
  sendJson,
} from "./http.ts";

/// The answer for a document the caller may not open now: "in the trash"
/// (410) to those who had access to it, and to everyone else the same 404
/// as a document that does not exist.
export async function noAccess(ctx: ApiContext, id: string, userId: string): Promise<HttpError> {
  if (DOCUMENT_ID.test(id) && (await ctx.store.getRoleInTrash(id, userId))) {
    return new HttpError(
      410,
      "in_trash",
      "This document has been moved to the trash. Its owner can restore it from the trash within 30 days.",
    );
  }
  return notFound("No such document, or you do not have access to it.");
}

/// The caller's role on an open document (not in the trash).
async function roleOn(ctx: ApiContext, id: string, userId: string): Promise<Role> {
  const role = DOCUMENT_ID.test(id) ? await ctx.store.getRole(id, userId) : null;
  if (!role) throw await noAccess(ctx, id, userId);
  return role;
}

/// The caller must own document `id`, which must be in the trash.
async function ownerInTrash(ctx: ApiContext, id: string, userId: string): Promise<DocumentRecord> {
  const role = DOCUMENT_ID.test(id) ? await ctx.store.getRoleInTrash(id, userId) : null;
  if (!role) throw notFound("There is no such document in your trash.");
  if (!capabilities(role).delete)
    throw forbidden("Only an owner of this document can restore it or delete it for good.");
  const doc = await ctx.store.getDocument(id);
  if (!doc) throw notFound("There is no such document in your trash.");
  return doc;
}

/// Names of users by id, each looked up once.
function namer(ctx: ApiContext) {
  const cache = new Map<string, Promise<{ id: string; name: string } | null>>();
  return (id: string | null | undefined) => {
    if (!id) return Promise.resolve(null);
    let p = cache.get(id);
    if (!p) {
      p = ctx.store.getUser(id).then((u) => (u ? { id: u.id, name: u.name } : null));
      cache.set(id, p);
    }
    return p;
  };
}

/// A document as lists show it: title, the caller's role, when it was
/// created and last edited and by whom, and who shared it with the caller.
async function listEntry(d: AccessibleDocument, callerId: string, name: ReturnType<typeof namer>) {
  return {
    id: d.id,
    title: d.title,
    role: d.role,
    mine: d.role === "owner",
    createdAt: d.createdAt,
    createdBy: await name(d.createdBy),
    lastEditedAt: d.lastEditedAt ?? null,
    lastEditedBy: await name(d.lastEditedBy),
    sharedBy: d.role === "owner" || d.grantedBy === callerId ? null : await name(d.grantedBy),
  };
}

async function trashEntry(d: DocumentRecord, name: ReturnType<typeof namer>) {
  return {
    id: d.id,
    title: d.title,
    deletedAt: d.deletedAt ?? null,
    deletedBy: await name(d.deletedBy),
    purgeAt: d.deletedAt ? purgeTime(d.deletedAt) : null,
    lastEditedAt: d.lastEditedAt ?? null,
  };
}

/// The body the endpoint's request schema checked (packages/api).
const body = (ctx: ApiContext) => checkedBody<Record<string, unknown>>(ctx.req);

function titleOf(value: unknown): string {
  const title = cleanTitle(value);
  if (title) return title;
  if (typeof value === "string" && value.trim().length > MAX_TITLE)
    throw badRequest(`A title may have at most ${MAX_TITLE} characters.`);
  throw badRequest('"title" is required: the document needs a name.');
}

/// Mounts document management: the list (with search and "mine" / "shared
/// with me"), rename, duplicate, the trash (delete, restore, delete for good).
export function documentManagementRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  router.on("GET", "/api/documents", listDocuments);
  documentChangeRoutes(router);
  trashRoutes(router);
  return router;
}

/// `GET /api/documents`: the caller's documents, most recently edited first,
/// or those a search (`q`) finds in their titles and text.
async function listDocuments(ctx: ApiContext): Promise<void> {
  const claims = await caller(ctx);
  const scope = ctx.url.searchParams.get("scope") ?? "all";
  if (scope !== "all" && scope !== "mine" && scope !== "shared")
    throw badRequest('"scope" must be "all", "mine" or "shared".');
  const q = ctx.url.searchParams.get("q")?.trim() ?? "";
  if (q.length > MAX_QUERY) throw badRequest(`A search may have at most ${MAX_QUERY} characters.`);
  const docs = (await ctx.store.listDocumentsFor(claims.userId)).filter(
    (d) => scope === "all" || (scope === "mine") === (d.role === "owner"),
  );
  const name = namer(ctx);
  if (!q) {
    // Most recently edited first.
    const when = (d: AccessibleDocument) => d.lastEditedAt ?? d.createdAt;
    docs.sort((a, b) => when(b).localeCompare(when(a)) || a.title.localeCompare(b.title));
    sendJson(ctx.res, 200, {
      documents: await Promise.all(docs.map((d) => listEntry(d, claims.userId, name))),
    });
    return;
  }
  const hits: SearchHit[] = await ctx.library.search(claims.userId, q, docs);
  sendJson(ctx.res, 200, {
    query: q,
    documents: await Promise.all(
      hits.map(async (h) => ({
        ...(await listEntry(h.doc, claims.userId, name)),
        match: h.match,
        ...(h.snippet ? { snippet: h.snippet } : {}),
      })),
    ),
  });
}

/// Renaming, moving to the trash and copying a document.
function documentChangeRoutes(router: Handlers<ApiContext>): void {
  router
    .on("PATCH", "/api/documents/:id", async (ctx, { id }) => {
      const claims = await caller(ctx);
      const role = await roleOn(ctx, id!, claims.userId);
      if (!capabilities(role).rename)
        throw forbidden(
          `Your role on this document (${role}) does not allow renaming it; owners and editors can.`,
        );
      const b = await body(ctx);
      const title = titleOf(b.title);
      await ctx.store.renameDocument(id!, title);
      sendJson(ctx.res, 200, { id, title });
    })
    .on("DELETE", "/api/documents/:id", async (ctx, { id }) => {
      const claims = await caller(ctx);
      const role = await roleOn(ctx, id!, claims.userId);
      if (!capabilities(role).delete)
        throw forbidden(
          "Only an owner of this document can move it to the trash. You can stop using it, or ask an owner.",
        );
      const doc = await ctx.library.trash(id!, claims.userId);
      if (!doc) throw await noAccess(ctx, id!, claims.userId);
      sendJson(ctx.res, 200, await trashEntry(doc, namer(ctx)));
    })
    .on("POST", "/api/documents/:id/duplicate", async (ctx, { id }) => {
      const claims = await caller(ctx);
      mayCreateDocuments(claims);
      await roleOn(ctx, id!, claims.userId);
      await mayCreateDocument(ctx, claims.userId);
      const b = ctx.req.headers["content-type"] ? await body(ctx) : {};
      const source = await ctx.store.getDocument(id!);
      if (!source) throw notFound("No such document, or you do not have access to it.");
      const title =
        b.title === undefined || b.title === null
          ? (cleanTitle(`Copy of ${source.title}`) ?? `Copy of ${source.title}`.slice(0, MAX_TITLE))
          : titleOf(b.title);
      const copy = await ctx.library.duplicate(id!, claims.userId, title);
      sendJson(ctx.res, 201, {
        id: copy.id,
        title: copy.title,
        createdAt: copy.createdAt,
        role: "owner",
        duplicateOf: id,
      });
    });
}

/// The caller's trash: listing, restoring, deleting for good.
function trashRoutes(router: Handlers<ApiContext>): void {
  router
    .on("GET", "/api/trash", async (ctx) => {
      const claims = await caller(ctx);
      const name = namer(ctx);
      const docs = await ctx.store.listTrashFor(claims.userId);
      sendJson(ctx.res, 200, {
        documents: await Promise.all(docs.map((d) => trashEntry(d, name))),
      });
    })
    .on("POST", "/api/trash/:id/restore", async (ctx, { id }) => {
      const claims = await caller(ctx);
      const doc = await ownerInTrash(ctx, id!, claims.userId);
      await ctx.store.restoreDocument(id!);
      sendJson(ctx.res, 200, { id: doc.id, title: doc.title, role: "owner" });
    })
    .on("DELETE", "/api/trash/:id", async (ctx, { id }) => {
      const claims = await caller(ctx);
      await ownerInTrash(ctx, id!, claims.userId);
      await ctx.library.purge(id!);
      sendJson(ctx.res, 200, { ok: true });
    });
}

/// Refuses a new document for `userId` over the account's budget (documents
/// owned, created per hour; docs/security.md) with 429 and Retry-After,
/// before any of the request's work is done.
export async function mayCreateDocument(ctx: ApiContext, userId: string): Promise<void> {
  const over = await chargeDocument(ctx.store, userId, ctx.budgets);
  if (!over) return;
  ctx.res.setHeader("Retry-After", String(over.retryAfterSeconds));
  throw new HttpError(
    429,
    over.what === "documents" ? "document_limit" : "document_rate",
    over.what === "documents"
      ? `You own ${ctx.budgets.maxDocuments} documents, the most one account may hold (the trash included). Delete some for good to create more.`
      : `You have created ${ctx.budgets.documentsPerHour} documents in the last hour, the most allowed. Please wait and try again.`,
  );
}
