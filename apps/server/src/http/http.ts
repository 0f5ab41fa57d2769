import type { IncomingMessage, ServerResponse } from "node:http";
import type { Endpoint } from "@glossa/api";
import { scopedStore } from "../auth/apiTokens.ts";
import type { TokenClaims, TokenService } from "../auth/tokens.ts";
import { log } from "../log.ts";
import type { Store } from "../storage/index.ts";

/// Every error code the HTTP API answers with, and its status. The list in
/// docs/api.md ("Errors") is checked against this one by tests/api/hygiene.test.ts.
export const ERROR_CODES = {
  bad_request: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invalid_code: 401,
  forbidden: 403,
  read_only: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  ambiguous: 409,
  quote_not_found: 409,
  last_owner: 409,
  account_exists: 409,
  not_empty: 409,
  in_trash: 410,
  invite_invalid: 410,
  too_large: 413,
  document_too_large: 413,
  unsupported_media_type: 415,
  unreadable_file: 422,
  too_many_attempts: 429,
  document_limit: 429,
  document_rate: 429,
  import_rate: 429,
  internal: 500,
  storage_unavailable: 503,
  not_saved: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/// The API's code for a domain error code (`not-found`, `invalid`…): one
/// spelling (snake_case), `invalid` is `bad_request`, and a quote that is not
/// in the text (409) is `quote_not_found`, never `not_found`.
export function apiCode(status: number, code: string): string {
  const c = code.replace(/-/g, "_");
  if (c === "invalid") return "bad_request";
  if (c === "not_found" && status === 409) return "quote_not_found";
  return c;
}

/// An error an endpoint answers with: HTTP status, a machine code and words
/// meant for the person using the app.
export class HttpError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    code: string,
    message: string,
    /// Extra fields of the error object (e.g. the id of what was made).
    readonly details?: Record<string, unknown>,
    /// Methods for the `Allow` header of a 405.
    readonly allow?: string[],
  ) {
    super(message);
    this.code = apiCode(status, code);
  }
}

export const badRequest = (message: string) => new HttpError(400, "bad_request", message);
export const unauthorized = () => new HttpError(401, "unauthorized", "Please sign in.");
export const forbidden = (message = "You do not have permission to do this.") =>
  new HttpError(403, "forbidden", message);
export const notFound = (message = "Not found.") => new HttpError(404, "not_found", message);

/// Security headers sent with every response (docs/reliability.md §6).
export function securityHeaders(res: ServerResponse): void {
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
  });
  res.end(data);
}

export function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof HttpError) {
    if (!(err.code in ERROR_CODES)) log.warn({ code: err.code }, "undocumented API error code");
    if (err.status === 503) res.setHeader("Retry-After", "2");
    if (err.allow) res.setHeader("Allow", err.allow.join(", "));
    sendJson(res, err.status, { error: { code: err.code, message: err.message, ...err.details } });
    return;
  }
  log.error({ err }, "request failed");
  sendJson(res, 500, {
    error: { code: "internal", message: "Something went wrong on the server. Please try again." },
  });
}

const notJson = () =>
  new HttpError(
    415,
    "unsupported_media_type",
    "Send the request body as JSON (Content-Type: application/json).",
  );

/// Bodies already read and validated by the schema layer (`validateBody`),
/// handed to the handler's own `readJson`.
const validated = new WeakMap<IncomingMessage, unknown>();

/// Reads a JSON body of at most `limit` bytes.
export async function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<unknown> {
  if (validated.has(req)) return validated.get(req);
  const type = req.headers["content-type"] ?? "";
  // Exactly JSON (or JSON-LD), with parameters: `application/json-patch+json`
  // and other JSON-based types mean something else and are refused.
  if (!/^application\/(ld\+)?json\s*(;|$)/i.test(type)) throw notJson();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new HttpError(
        413,
        "too_large",
        `The request body is larger than ${Math.round(limit / 1024)} KiB.`,
      );
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

/// The body the schema layer checked against the endpoint's request schema
/// (packages/api), typed as that schema says; 415 when none came as JSON.
export async function checkedBody<T>(req: IncomingMessage): Promise<T> {
  return (await readJson(req)) as T;
}

/// The schema layer: reads the JSON body of an endpoint that declares one
/// (packages/api), checks it against the schema and answers 400 naming the
/// first problem (an unknown field, a wrong type, a missing field) before the
/// handler runs; the handler's `readJson` then gets the checked value. A body
/// of another type is a 415, but for a file to import (`upload`: the
/// handler's); none at all is left to the handler (an optional body).
export async function validateBody(req: IncomingMessage, endpoint: Endpoint): Promise<void> {
  if (!endpoint.body) return;
  const type = req.headers["content-type"];
  if (!/^application\/(ld\+)?json\b/i.test(type ?? "")) {
    if (type && !endpoint.upload) throw notJson();
    return;
  }
  const body = await readJson(req, endpoint.maxBytes ?? 64 * 1024);
  const result = endpoint.body.safeParse(body);
  if (!result.success) throw badRequest(problem(endpoint.body, result.error.issues, body));
  validated.set(req, result.data);
}

/// The query half of the schema layer: checks a request's query string
/// against its endpoint's schema (packages/api `queries.ts`) before the
/// handler runs, and answers 400 for an unknown parameter, one given twice,
/// or a malformed value. An endpoint without a query schema reads none.
export function validateQuery(url: URL, endpoint: Endpoint): void {
  if (!endpoint.query) return;
  const values: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (Object.hasOwn(values, name))
      throw badRequest(`The query parameter "${name}" may be given once.`);
    values[name] = value;
  }
  const result = endpoint.query.safeParse(values);
  if (result.success) return;
  const issue =
    result.error.issues.find((i) => i.code === "unrecognized_keys") ?? result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const known = Object.keys(endpoint.query.shape)
      .map((k) => `"${k}"`)
      .join(", ");
    const names = issue.keys.map((k) => `"${k}"`).join(", ");
    throw badRequest(
      `Unknown query parameter${issue.keys.length > 1 ? "s" : ""} ${names}; expected ${known}.`,
    );
  }
  throw badRequest(
    issue.message.endsWith(".") ? issue.message : `"${issue.path.join(".")}": ${issue.message}.`,
  );
}

type Issue = { code: string; path: PropertyKey[]; message: string; keys?: string[] };

/// The sentence for a refused body. An unknown field first: it is usually a
/// misspelt one, and says why another seems missing. A schema's own sentence
/// (packages/api `requests.ts`: ends in ".") is sent as it is.
export function problem(schema: unknown, issues: readonly Issue[], body: unknown): string {
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]!;
  if (issue.keys?.length) {
    const names = issue.keys.map((k) => `"${[...issue.path, k].join(".")}"`).join(", ");
    const shape = issue.path.length ? null : (schema as { shape?: object }).shape;
    const known = shape
      ? `; expected ${Object.keys(shape)
          .map((k) => `"${k}"`)
          .join(", ")}`
      : "";
    return `Unknown field${issue.keys.length > 1 ? "s" : ""} ${names}${known}.`;
  }
  if (issue.message.endsWith(".")) return issue.message;
  if (!issue.path.length && (body === null || typeof body !== "object" || Array.isArray(body)))
    return "The request body must be a JSON object.";
  const where = issue.path.length ? `"${issue.path.join(".")}"` : "The request body";
  return `${where}: ${issue.message}.`;
}

/// Refuses fields of a JSON object body other than `allowed`, naming the
/// first unknown one (a misspelt `fromat` must not be silently ignored).
export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key))
      throw badRequest(
        `Unknown field "${key}"; this endpoint accepts ${allowed.map((a) => `"${a}"`).join(", ")}.`,
      );
  }
}

/// The bearer token of a request, if any.
export function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h?.startsWith("Bearer ")) return null;
  return h.slice(7).trim() || null;
}

/// Endpoints only a person may call, never an API token: sign-in and
/// sessions, the account, other people, invitations, tokens themselves (a
/// token must not mint sessions or tokens beyond its scope), and webhooks.
const PERSON_ONLY =
  /^\/api\/(login|token|logout|account|sessions|users|password|invites|tokens|webhooks)(\/|$)/;

/// The signed-in caller of a request (its bearer token verified), or a 401.
/// For an API token, the request's store becomes the token's view of it
/// (roles capped, other documents absent), so every check below is scoped.
export async function caller(ctx: {
  req: IncomingMessage;
  tokens: Pick<TokenService, "verify">;
  store?: Store;
}): Promise<TokenClaims> {
  const claims = await ctx.tokens.verify(bearer(ctx.req));
  if (!claims) throw unauthorized();
  if (claims.scope) {
    if (PERSON_ONLY.test(new URL(ctx.req.url ?? "/", "http://x").pathname))
      throw forbidden("An API token cannot do this; sign in as a person.");
    if (ctx.store) ctx.store = scopedStore(ctx.store, claims.scope);
  }
  return claims;
}

/// Refuses creating documents to an API token limited to some documents (or
/// to viewing): what it makes would lie outside what it may reach.
export function mayCreateDocuments(claims: TokenClaims): void {
  if (claims.scope && (claims.scope.documents !== null || claims.scope.ceiling === "viewer"))
    throw forbidden(
      "This API token is limited to some documents or to viewing; it cannot create documents.",
    );
}

export type Handler<C> = (ctx: C, params: Record<string, string>) => Promise<void>;

/// The handlers of the API by method and pattern (`/api/documents/:id`).
/// They do not route: `httpApp` mounts them on Hono, one route per row of
/// ENDPOINTS (packages/api), and refuses to start if the two differ.
export class Handlers<C> {
  private readonly routes = new Map<string, Handler<C>>();

  on(method: string, path: string, handler: Handler<C>): this {
    const key = `${method} ${path}`;
    if (this.routes.has(key)) throw new Error(`Two handlers for ${key}.`);
    this.routes.set(key, handler);
    return this;
  }

  /// The handler of a method and pattern, if any.
  get(method: string, path: string): Handler<C> | undefined {
    return this.routes.get(`${method} ${path}`);
  }

  /// Every route as method and pattern (`/api/documents/:id`).
  list(): { method: string; path: string }[] {
    return [...this.routes.keys()].map((k) => {
      const [method, path] = k.split(" ") as [string, string];
      return { method, path };
    });
  }
}

/// The methods of an `Allow` header: HEAD wherever GET is, and OPTIONS
/// (answered for every resource, CORS preflight included).
export function withHead(methods: string[]): string[] {
  const all = new Set(methods);
  if (all.has("GET")) all.add("HEAD");
  all.add("OPTIONS");
  return [...all].sort();
}

/// A 405 naming the methods the resource accepts (RFC 9110 §15.5.6: `Allow`).
export function methodNotAllowed(method: string, allow: string[]): HttpError {
  return new HttpError(
    405,
    "method_not_allowed",
    `${method} is not allowed here.`,
    undefined,
    allow,
  );
}
