import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import * as a from "./answers.ts";
import * as q from "./queries.ts";
import * as r from "./requests.ts";
import * as s from "./schemas.ts";
import * as v from "./views.ts";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/// One endpoint of the HTTP API: what the server's router mounts and what
/// `/api/openapi.json` describes (a test keeps the two the same).
export interface Endpoint {
  method: Method;
  /// Router pattern, `:name` for a path parameter.
  path: string;
  summary: string;
  /// Needs `Authorization: Bearer …` (a sign-in or API token).
  auth: boolean;
  /// JSON request body, validated before the handler runs (unknown fields refused).
  body?: z.ZodType;
  /// Query string parameters, checked before the handler runs (an unknown
  /// one refused); none: the query is not read.
  query?: z.ZodObject;
  /// Largest JSON body accepted (413 beyond), when `body` is set.
  maxBytes?: number;
  /// Takes no request body (one sent is ignored).
  noBody?: boolean;
  /// Takes a file instead of JSON (read by the handler: multipart/form-data
  /// or the raw bytes); `body`, when set too, is the JSON alternative.
  upload?: boolean;
  /// Status and body of success.
  ok: { status: number; schema?: z.ZodType; type?: string };
  /// A second success (e.g. 201 when a share made an invitation instead).
  alsoOk?: { status: number; schema: z.ZodType; description: string };
}

/// One row, its method, path, success and body kept as literal types (the
/// web app's client reads them: `routes.ts`).
const e = <
  const M extends Method,
  const P extends string,
  const O extends Endpoint["ok"],
  const X extends Partial<Endpoint> = Record<never, never>,
>(
  method: M,
  path: P,
  summary: string,
  ok: O,
  extra?: X,
) =>
  ({ method, path, summary, auth: true, ok, ...extra }) as Endpoint & {
    method: M;
    path: P;
    ok: O;
  } & X;
const json = <const N extends number, S extends z.ZodType>(status: N, schema: S) => ({
  status,
  schema,
});
const file = (type: string) => ({ status: 200, type });

/// Largest JSON body of a single annotation request (a message may hold
/// 32 Ki UTF-16 units, which JSON can spell in up to six bytes each) and of
/// a team authority.
const OP_BYTES = 256 * 1024;

/// Every endpoint, in the order docs/api.md groups them.
const TABLE = [
  e("GET", "/healthz", "Liveness", json(200, s.Health), { auth: false }),
  e("GET", "/readyz", "Readiness: store and Redis answer", json(200, s.Ready), { auth: false }),
  e("GET", "/metrics", "Prometheus metrics (this machine or METRICS_TOKEN)", file("text/plain"), {
    auth: false,
  }),
  e("GET", "/api/openapi.json", "This description", json(200, a.OpenApiDescription), {
    auth: false,
  }),
  e("POST", "/api/login", "Sign in with email and password", json(200, a.SignedIn), {
    auth: false,
    body: r.LoginRequest,
    maxBytes: 16 * 1024,
  }),
  e("POST", "/api/login/code", "Sign in with a one-time link's code", json(200, a.SignedIn), {
    auth: false,
    body: r.CodeRequest,
    maxBytes: 16 * 1024,
  }),
  e("POST", "/api/token", "Renew the sign-in token", json(200, a.SignedIn), { noBody: true }),
  e("GET", "/api/me", "Who the token speaks for", json(200, s.Me)),
  e("POST", "/api/documents", "Create or import a document", json(201, a.DocumentMade), {
    body: s.CreateDocumentRequest,
    maxBytes: 5 * 1024 * 1024,
    upload: true,
    query: q.UploadQuery,
  }),
  e("GET", "/api/documents", "Documents the caller may open; search", json(200, s.DocumentList), {
    query: q.DocumentListQuery,
  }),
  e(
    "GET",
    "/api/documents/:id",
    "A document's title and the caller's role",
    json(200, s.DocumentInfo),
  ),
  e("PATCH", "/api/documents/:id", "Rename", json(200, s.Renamed), {
    body: s.RenameRequest,
    maxBytes: 16 * 1024,
  }),
  e("DELETE", "/api/documents/:id", "Move to the trash", json(200, s.TrashEntry)),
  e("POST", "/api/documents/:id/duplicate", "Make a copy", json(201, a.Duplicated), {
    body: r.DuplicateRequest,
    maxBytes: 16 * 1024,
  }),
  e(
    "POST",
    "/api/documents/:id/import",
    "Fill an empty document from a file",
    json(200, a.FileImported),
    {
      upload: true,
      query: q.UploadQuery,
    },
  ),
  e(
    "GET",
    "/api/documents/:id/content",
    "The document's ProseMirror JSON and plain text",
    json(200, a.DocumentContent),
  ),
  e("GET", "/api/trash", "The caller's trash", json(200, s.TrashList)),
  e("POST", "/api/trash/:id/restore", "Restore from the trash", json(200, a.Restored), {
    noBody: true,
  }),
  e("DELETE", "/api/trash/:id", "Delete for good", json(200, s.Ok)),
  e("GET", "/api/account", "The caller's account", json(200, v.Account)),
  e("POST", "/api/logout", "End this session", json(200, s.Ok), { noBody: true }),
  e("POST", "/api/account/password", "Change the password", json(200, a.PasswordChanged), {
    body: r.ChangePasswordRequest,
    maxBytes: 16 * 1024,
  }),
  e("GET", "/api/account/preferences", "The caller's interface language", json(200, s.Preferences)),
  e("PATCH", "/api/account/preferences", "Set the interface language", json(200, s.Preferences), {
    body: s.PreferencesRequest,
    maxBytes: 64 * 1024,
  }),
  e("GET", "/api/sessions", "Where the caller is signed in", json(200, v.SessionList)),
  e("DELETE", "/api/sessions", "Sign out everywhere else", json(200, a.SessionsEnded)),
  e("DELETE", "/api/sessions/:id", "Sign out one session", json(200, s.Ok)),
  e("GET", "/api/users", "Accounts (administrator)", json(200, v.UserList)),
  e(
    "POST",
    "/api/users/:id/reset-link",
    "A password-reset link (administrator)",
    json(201, a.ResetLink),
    {
      noBody: true,
    },
  ),
  e("POST", "/api/password/reset", "Set a password with a reset code", json(200, a.SignedIn), {
    auth: false,
    body: r.ResetPasswordRequest,
    maxBytes: 16 * 1024,
  }),
  e("GET", "/api/documents/:id/shares", "Who has access", json(200, v.ShareList)),
  e(
    "POST",
    "/api/documents/:id/shares",
    "Give someone a role (or invite them)",
    json(200, v.ShareGiven),
    {
      body: r.ShareRequest,
      maxBytes: 16 * 1024,
      alsoOk: {
        status: 201,
        schema: v.ShareInvited,
        description: "No account has that email: an invitation was made",
      },
    },
  ),
  e("DELETE", "/api/documents/:id/shares/:userId", "Remove someone's access", json(200, s.Ok)),
  e("POST", "/api/documents/:id/invites", "Make an invitation link", json(201, v.InviteCreated), {
    body: r.InviteRequest,
    maxBytes: 16 * 1024,
  }),
  e("DELETE", "/api/documents/:id/invites/:inviteId", "Revoke an invitation", json(200, s.Ok)),
  e("POST", "/api/invites/lookup", "What an invitation grants", json(200, a.InviteInfo), {
    auth: false,
    body: r.InviteLookupRequest,
    maxBytes: 16 * 1024,
  }),
  e("POST", "/api/invites/accept", "Accept an invitation", json(200, a.InviteAccepted), {
    auth: false,
    body: r.AcceptInviteRequest,
    maxBytes: 16 * 1024,
  }),
  e(
    "GET",
    "/api/documents/:id/annotations",
    "Annotations (Glossa JSON or W3C)",
    json(200, v.AnnotationPage),
    { query: q.AnnotationListQuery },
  ),
  e("POST", "/api/documents/:id/annotations", "Annotate by quote", json(201, v.Annotation), {
    body: r.CreateAnnotationRequest,
    maxBytes: OP_BYTES,
  }),
  e(
    "POST",
    "/api/documents/:id/annotations/import",
    "Import W3C annotations",
    json(200, a.W3CImported),
    {
      body: r.W3CImportRequest,
      maxBytes: 10 * 1024 * 1024,
    },
  ),
  e("GET", "/api/documents/:id/annotations/:aid", "One annotation", json(200, v.Annotation)),
  e(
    "PATCH",
    "/api/documents/:id/annotations/:aid",
    "Status, resolved, tags",
    json(200, v.Annotation),
    { body: r.ChangeAnnotationRequest, maxBytes: OP_BYTES },
  ),
  e("DELETE", "/api/documents/:id/annotations/:aid", "Delete an annotation", { status: 204 }),
  e("POST", "/api/documents/:id/annotations/:aid/replies", "Reply", json(201, v.ReplyCreated), {
    body: r.ReplyRequest,
    maxBytes: OP_BYTES,
  }),
  e(
    "POST",
    "/api/documents/:id/annotations/:aid/links",
    "Link to an authority",
    json(201, v.LinkCreated),
    { body: r.LinkRequest, maxBytes: OP_BYTES },
  ),
  e("DELETE", "/api/documents/:id/annotations/:aid/links/:linkId", "Remove a link", {
    status: 204,
  }),
  e("GET", "/api/documents/:id/audit", "The audit trail", json(200, v.AuditLog), {
    query: q.AuditQuery,
  }),
  e("GET", "/api/sources", "Search the catalog of authorities", json(200, v.SourceSearch), {
    query: q.SourceSearchQuery,
  }),
  e("POST", "/api/sources", "Add a team authority", json(201, v.AuthorityWritten), {
    body: r.AddAuthorityRequest,
    maxBytes: OP_BYTES,
  }),
  e("POST", "/api/sources/import", "Import CSL-JSON authorities", json(200, a.CslImported), {
    body: r.CslImportRequest,
    maxBytes: 5 * 1024 * 1024,
  }),
  e("GET", "/api/sources/:key", "One authority", json(200, v.SourceDetail), {
    query: q.SourceQuery,
  }),
  e("PATCH", "/api/sources/:key", "Edit a team authority", json(200, v.AuthorityWritten), {
    body: r.EditAuthorityRequest,
    maxBytes: OP_BYTES,
  }),
  e("DELETE", "/api/sources/:key", "Delete a team authority", json(200, a.AuthorityDeleted)),
  e(
    "GET",
    "/api/citation-forms",
    "The team's short citation forms, for live detection",
    json(200, a.CitationForms),
  ),
  e(
    "GET",
    "/api/documents/:id/citations",
    "Citations found in the text",
    json(200, v.CitationList),
  ),
  e(
    "GET",
    "/api/documents/:id/authorities",
    "Table of authorities (JSON, HTML, DOCX)",
    json(200, v.TableOfAuthorities),
    { query: q.AuthoritiesQuery },
  ),
  e(
    "GET",
    "/api/documents/:id/review",
    "Claims without sources, unresolved citations",
    json(200, v.Review),
  ),
  e("GET", "/api/documents/:id/versions", "Named versions", json(200, v.VersionList)),
  e("POST", "/api/documents/:id/versions", "Save a named version", json(201, v.Version), {
    body: s.SaveVersionRequest,
    maxBytes: 16 * 1024,
  }),
  e("GET", "/api/documents/:id/versions/:vid", "One version", json(200, v.VersionDocument)),
  e("GET", "/api/documents/:id/compare", "Compare two versions", json(200, v.Comparison), {
    query: q.CompareQuery,
  }),
  e(
    "POST",
    "/api/documents/:id/versions/:vid/restore",
    "Restore a version as a new change",
    json(200, a.VersionRestored),
    {
      noBody: true,
    },
  ),
  e("GET", "/api/documents/:id/export", "Export (HTML, Markdown, DOCX, redline)", file("*/*"), {
    query: q.ExportQuery,
  }),
  e("GET", "/api/tokens", "The caller's API tokens", json(200, s.ApiTokenList)),
  e("POST", "/api/tokens", "Create an API token (shown once)", json(201, s.ApiTokenCreated), {
    body: s.CreateTokenRequest,
    maxBytes: 64 * 1024,
  }),
  e("DELETE", "/api/tokens/:id", "Revoke an API token", json(200, s.ApiToken)),
  e("GET", "/api/webhooks", "The caller's webhooks", json(200, s.WebhookList)),
  e(
    "POST",
    "/api/webhooks",
    "Register a webhook (secret shown once)",
    json(201, s.WebhookCreated),
    {
      body: s.CreateWebhookRequest,
      maxBytes: 16 * 1024,
    },
  ),
  e("DELETE", "/api/webhooks/:id", "Delete a webhook", json(200, s.Ok)),
  e("GET", "/api/webhooks/:id/deliveries", "A webhook's delivery log", json(200, s.DeliveryList)),
] as const;

/// Every endpoint, in the order docs/api.md groups them.
export const ENDPOINTS: readonly Endpoint[] = TABLE;
/// One row of ENDPOINTS with its literal types (method, path, schemas).
export type EndpointRow = (typeof TABLE)[number];

/// The endpoint for a method and router pattern.
export function endpointFor(method: string, path: string): Endpoint | undefined {
  return ENDPOINTS.find((x) => x.method === method && x.path === path);
}

/// `/api/documents/:id` → `/api/documents/{id}` (OpenAPI's form).
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, "{$1}");

/// A file to import, as a form's one file or as the bytes themselves.
const Upload = z.string().meta({ format: "binary", description: "DOCX, Markdown, HTML or text" });

/// The media types and schemas of an endpoint's request body.
function requestContent(x: Endpoint): Record<string, { schema: z.ZodType }> {
  return {
    ...(x.body ? { "application/json": { schema: x.body } } : {}),
    ...(x.upload
      ? {
          "multipart/form-data": { schema: z.object({ file: Upload }) },
          "application/octet-stream": { schema: Upload },
        }
      : {}),
  };
}

/// Status codes every endpoint may answer besides success, with the one error shape.
const ERRORS: Record<string, string> = {
  "400": "Malformed JSON, a missing, mistyped or unknown field or query parameter",
  "401": "No valid bearer token",
  "403": "The role does not allow this",
  "404": "No such thing, or no access",
  "405": "Method not allowed (see Allow)",
  "413": "Body too large",
  "415": "Body not JSON",
  "503": "Store unavailable (see Retry-After)",
};

/// The OpenAPI 3.1 description of ENDPOINTS, generated from the schemas.
export function openApiDocument(version: string): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A sign-in token (POST /api/login) or an API token (glsa_…)",
  });
  for (const x of ENDPOINTS) {
    const params = [...x.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    const errors = Object.fromEntries(
      Object.entries(ERRORS)
        .filter(([code]) => x.auth || code !== "401")
        .map(([code, description]) => [
          code,
          { description, content: { "application/json": { schema: s.ErrorResponse } } },
        ]),
    );
    registry.registerPath({
      method: x.method.toLowerCase() as "get",
      path: openApiPath(x.path),
      summary: x.summary,
      ...(x.auth ? { security: [{ [bearer.name]: [] }] } : {}),
      request: {
        ...(params.length
          ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) }
          : {}),
        ...(x.query ? { query: x.query } : {}),
        ...(x.body || x.upload
          ? { body: { required: !x.upload, content: requestContent(x) } }
          : {}),
      },
      responses: {
        [x.ok.status]: {
          description: "Success",
          ...(x.ok.status === 204
            ? {}
            : {
                content: x.ok.schema
                  ? { "application/json": { schema: x.ok.schema } }
                  : { [x.ok.type ?? "*/*"]: { schema: z.string() } },
              }),
        },
        ...(x.alsoOk
          ? {
              [x.alsoOk.status]: {
                description: x.alsoOk.description,
                content: { "application/json": { schema: x.alsoOk.schema } },
              },
            }
          : {}),
        ...errors,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Glossa HTTP API",
      version,
      description:
        "Documents, annotations, sources, versions, API tokens and webhooks (docs/api.md).",
    },
  }) as unknown as Record<string, unknown>;
}
