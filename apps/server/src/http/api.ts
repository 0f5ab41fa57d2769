import type { IncomingMessage, ServerResponse } from "node:http";
import { capabilities, DOCUMENT_ID, type Role } from "@glossa/protocol";
import { docText, importLetter, importPlainText, schema } from "@glossa/schema";
import type { BudgetConfiguration } from "../auth/budgets.ts";
import { verifyPassword } from "../auth/passwords.ts";
import type { LoginLimits } from "../auth/rateLimit.ts";
import { consumeSignInCode } from "../auth/tokens.ts";
import type { RequestServices } from "../services.ts";
import {
  accountRoutes,
  checkLimit,
  clientAddress,
  issueSession,
  loginGuard,
} from "./accountsApi.ts";
import { annotationImportRoutes } from "./annotationImport.ts";
import { annotationRoutes } from "./annotationsApi.ts";
import { documentExportRoutes } from "./documentExports.ts";
import { documentManagementRoutes, mayCreateDocument, noAccess } from "./documentsApi.ts";
import {
  badRequest,
  caller,
  Handlers,
  HttpError,
  mayCreateDocuments,
  notFound,
  onlyFields,
  readJson,
  sendJson,
} from "./http.ts";
import { importFromRequest, importIntoFromRequest, mayImport } from "./importApi.ts";
import { type OpsContext, serveMetrics, serveReadyz } from "./ops.ts";
import { preferenceRoutes } from "./preferencesApi.ts";
import { sharingRoutes } from "./sharingApi.ts";
import { citationFormRoutes, sourceRoutes } from "./sourcesApi.ts";
import { tokenRoutes } from "./tokensApi.ts";
import { versionRoutes } from "./versionsApi.ts";
import { webhookRoutes } from "./webhooksApi.ts";

/// What every API handler receives: the request, the server's services
/// (services.ts) and the HTTP settings.
export interface ApiContext extends RequestServices {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /// Attempts at passwords and codes, per account and address.
  loginLimits: LoginLimits;
  info: { version: string; startedAt: number };
  /// Largest file `POST /api/documents` imports (MAX_IMPORT_BYTES).
  maxImportBytes: number;
  /// Per-account document budgets (docs/security.md).
  budgets: Pick<BudgetConfiguration, "maxDocuments" | "documentsPerHour" | "importsPerMinute">;
  /// PUBLIC_URL (no trailing slash), when configured.
  publicUrl?: string | null;
  /// Readiness and metrics (`/readyz`, `/metrics`).
  ops: OpsContext;
}

/// The caller's role on a document; a document the caller may not open is
/// reported as not found, so its existence and title stay private (one in
/// the trash as such to those who had access).
async function roleOn(ctx: ApiContext, id: string, userId: string): Promise<Role> {
  const role = DOCUMENT_ID.test(id) ? await ctx.store.getRole(id, userId) : null;
  if (!role) throw await noAccess(ctx, id, userId);
  return role;
}

const str = (v: unknown, name: string, max: number): string => {
  if (typeof v !== "string" || v.trim() === "") throw badRequest(`"${name}" is required.`);
  if (v.length > max) throw badRequest(`"${name}" may have at most ${max} characters.`);
  return v;
};

/// The OpenAPI description, generated once from packages/api.
let openApi: string | undefined;

export const api = new Handlers<ApiContext>()
  .on("GET", "/healthz", async (ctx) => {
    sendJson(ctx.res, 200, {
      status: "ok",
      version: ctx.info.version,
      storage: ctx.store.kind,
      uptimeSeconds: Math.round((Date.now() - ctx.info.startedAt) / 1000),
    });
  })
  .on("GET", "/readyz", async (ctx) => serveReadyz(ctx.ops, ctx.res))
  .on("GET", "/metrics", async (ctx) => serveMetrics(ctx.ops, ctx.req, ctx.res))
  .on("GET", "/api/openapi.json", async (ctx) => {
    // Loaded here: the generator and the schemas are not needed until asked.
    const { openApiDocument } = await import("@glossa/api");
    openApi ??= JSON.stringify(openApiDocument(ctx.info.version));
    ctx.res.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-cache",
    });
    ctx.res.end(openApi);
  })
  .on("POST", "/api/login", async (ctx) => {
    const body = (await readJson(ctx.req, 16 * 1024)) as Record<string, unknown> | null;
    const email = str(body?.email, "email", 320).trim().toLowerCase();
    const password = str(body?.password, "password", 1024);
    const guard = await loginGuard(ctx, email);
    const user = await ctx.store.getUserByEmail(email);
    // verifyPassword hashes against a dummy when there is no account or no
    // password, so the answer takes as long either way.
    if (!(await verifyPassword(password, user?.passwordHash ?? null)) || !user) {
      await guard.failed();
      throw new HttpError(401, "invalid_credentials", "The email or password is not correct.");
    }
    await guard.succeeded();
    await issueSession(ctx, user.id);
  })
  .on("POST", "/api/login/code", async (ctx) => {
    // Guessing codes is limited per client address, like passwords.
    const address = clientAddress(ctx);
    await checkLimit(ctx, "address", address);
    const body = (await readJson(ctx.req, 16 * 1024)) as Record<string, unknown> | null;
    const userId = await consumeSignInCode(ctx.store, body?.code);
    if (!userId) {
      await ctx.loginLimits.address.fail(address);
      throw new HttpError(
        401,
        "invalid_code",
        "This sign-in link has already been used or has expired. Ask for a new one.",
      );
    }
    await issueSession(ctx, userId);
  })
  .on("POST", "/api/token", async (ctx) => {
    const claims = await caller(ctx);
    await issueSession(ctx, claims.userId, claims.sid);
  })
  .on("GET", "/api/me", async (ctx) => {
    const claims = await caller(ctx);
    sendJson(ctx.res, 200, { id: claims.userId, name: claims.name, email: claims.email });
  })
  .on("POST", "/api/documents", async (ctx) => {
    const claims = await caller(ctx);
    mayCreateDocuments(claims);
    // A file (Word, Markdown, HTML, text) rather than JSON: import it.
    const file = !/^application\/(ld\+)?json\b/i.test(ctx.req.headers["content-type"] ?? "");
    if (file) await mayImport(ctx, claims.userId);
    await mayCreateDocument(ctx, claims.userId);
    if (file) {
      await importFromRequest(ctx, claims);
      return;
    }
    const raw = await readJson(ctx.req, 5 * 1024 * 1024);
    if (raw === null || typeof raw !== "object" || Array.isArray(raw))
      throw badRequest("The request body must be a JSON object.");
    const body = raw as Record<string, unknown>;
    onlyFields(body, ["title", "text", "format"]);
    // No text (the New document button): a title and an empty paragraph.
    const blank = body?.text === "" && body?.format === undefined;
    const text = blank ? "" : str(body?.text, "text", 5_000_000);
    const format = body?.format ?? "text";
    if (format !== "text" && format !== "letter")
      throw badRequest('"format" must be "text" or "letter".');
    let title: string;
    let doc: ReturnType<typeof importPlainText>;
    if (format === "letter") {
      const letter = importLetter(text);
      doc = letter.doc;
      title =
        typeof body?.title === "string" && body.title.trim()
          ? body.title.trim()
          : letter.title || "Untitled letter";
    } else {
      title = str(body?.title, "title", 300).trim();
      doc = importPlainText(text, title);
      if (blank) doc = doc.copy(doc.content.addToEnd(schema.nodes.paragraph!.create()));
    }
    const record = await ctx.documents.create(title.slice(0, 300), doc, claims.userId);
    sendJson(ctx.res, 201, {
      id: record.id,
      title: record.title,
      createdAt: record.createdAt,
      role: "owner",
    });
  })
  .on("GET", "/api/documents/:id", async (ctx, { id }) => {
    const claims = await caller(ctx);
    const role = await roleOn(ctx, id!, claims.userId);
    const doc = await ctx.store.getDocument(id!);
    if (!doc) throw notFound();
    sendJson(ctx.res, 200, {
      id: doc.id,
      title: doc.title,
      createdAt: doc.createdAt,
      role,
      capabilities: capabilities(role),
    });
  })
  .on("POST", "/api/documents/:id/import", async (ctx, { id }) => {
    const claims = await caller(ctx);
    const role = await roleOn(ctx, id!, claims.userId);
    await importIntoFromRequest(ctx, claims, id!, role);
  })
  .on("GET", "/api/documents/:id/content", async (ctx, { id }) => {
    const claims = await caller(ctx);
    await roleOn(ctx, id!, claims.userId);
    const doc = await ctx.documents.content(id!);
    sendJson(ctx.res, 200, { doc: doc.toJSON(), text: docText(doc) });
  });

documentManagementRoutes(api);
accountRoutes(api);
sharingRoutes(api);
preferenceRoutes(api);
annotationRoutes(api);
annotationImportRoutes(api);
sourceRoutes(api);
citationFormRoutes(api);
versionRoutes(api);
documentExportRoutes(api);
tokenRoutes(api);
webhookRoutes(api);
