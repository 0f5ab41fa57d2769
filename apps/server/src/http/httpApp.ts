import type { IncomingMessage } from "node:http";
import type { Endpoint } from "@glossa/api";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { type Context, Hono } from "hono";
import type { ApiContext } from "./api.ts";
import { answerOptions, applyCors } from "./cors.ts";
import {
  bearer,
  type Handler,
  type Handlers,
  HttpError,
  methodNotAllowed,
  sendError,
  unauthorized,
  validateBody,
  validateQuery,
  withHead,
} from "./http.ts";
import { serveStatic } from "./static.ts";

/// What every request shares: the services of `ApiContext`, where the web
/// app's files are, and the origins CORS allows (CORS_ORIGINS).
export type HttpBase = Omit<ApiContext, "req" | "res" | "url"> & {
  webDist: string;
  corsOrigins: string[];
};

/// Hono's environment: Node's request and response (handlers write to the
/// response themselves, streams included) and the shared services.
type Env = { Bindings: HttpBindings & { base: HttpBase }; Variables: { cors: boolean } };

/// The route pattern that answered a request (`/api/documents/:id`,
/// `static`), for metric labels and the request log: never the raw path.
export const routeOf = new WeakMap<IncomingMessage, string>();

/// Paths that are never the web app: unknown ones answer a JSON 404, not
/// index.html (a probe or script must not mistake the app for an answer).
const RESERVED = /^\/(api|collab|healthz|readyz|metrics)(\/|$)/;
/// Reserved paths served to operators, not to scripts of other origins.
const NO_CORS = new Set(["/readyz", "/metrics"]);

/// The path of a request as sent (not decoded), like the static files see it.
const rawPath = (req: IncomingMessage) => new URL(req.url ?? "/", "http://glossa.invalid").pathname;

/// A route as method and pattern (`/api/documents/:id`).
type Route = { method: string; path: string };

/// ENDPOINTS (packages/api) by `METHOD pattern`, loaded on the first request
/// that needs it: its request schemas and zod are ~5 MiB of heap a server
/// that nobody calls does not need (issue 16, idle memory).
let endpoints: Promise<Map<string, Endpoint>> | null = null;

/// Whether ENDPOINTS has been loaded (instrumentation for tests).
export function endpointsLoaded(): boolean {
  return endpoints !== null;
}

function endpointTable(): Promise<Map<string, Endpoint>> {
  endpoints ??= import("@glossa/api").then(
    ({ ENDPOINTS }) => new Map(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e])),
  );
  return endpoints;
}

/// Refuses a handler table that differs from ENDPOINTS: every row needs its
/// handler, and every handler its row (tests/api/router.test.ts holds the
/// server's table to it; a running server checks on its first request).
export function checkRoutes(routes: readonly Route[], table: readonly Route[]): void {
  const mounted = new Set(routes.map((r) => `${r.method} ${r.path}`));
  for (const e of table)
    if (!mounted.has(`${e.method} ${e.path}`))
      throw new Error(`No handler for ${e.method} ${e.path}.`);
  const rows = new Set(table.map((e) => `${e.method} ${e.path}`));
  const extra = routes.find((r) => !rows.has(`${r.method} ${r.path}`));
  if (extra) throw new Error(`${extra.method} ${extra.path} is not in ENDPOINTS.`);
}

/// The whole HTTP side on one Hono app: one route per handler of `handlers`
/// (each a row of ENDPOINTS, packages/api: `checkRoutes`), the request schema
/// checked before the handler runs, CORS on the API, `Allow` on 405 and
/// OPTIONS, a JSON 404 on reserved paths, the web app's files everywhere
/// else, and every error in the one error shape.
export function httpApp(handlers: Handlers<ApiContext>): Hono<Env> {
  const app = new Hono<Env>();
  app.use("*", async (c, next) => {
    const path = rawPath(c.env.incoming);
    const cors = RESERVED.test(path) && !NO_CORS.has(path);
    c.set("cors", cors && applyCors(c.env.incoming, c.env.outgoing, c.env.base.corsOrigins));
    await next();
  });
  const routes = handlers.list();
  // Checked against ENDPOINTS once, when the first request loads it.
  let checked: Promise<Map<string, Endpoint>> | null = null;
  const table = () =>
    (checked ??= endpointTable().then((m) => {
      checkRoutes(routes, [...m.values()]);
      return m;
    }));
  for (const route of routes) {
    const handler = handlers.get(route.method, route.path)!;
    const key = `${route.method} ${route.path}`;
    app.on(route.method, route.path, async (c) => answer(c, (await table()).get(key)!, handler));
  }
  app.all("*", (c) => unrouted(c, routes));
  app.onError((err, c) => {
    const res = c.env.outgoing;
    if (!res.headersSent) sendError(res, err);
    else res.end();
    return RESPONSE_ALREADY_SENT;
  });
  return app;
}

/// Runs an endpoint's handler on Node's request and response; a declared
/// query and JSON body are checked first (who asks before what they sent: 401, then 400).
async function answer(c: Context<Env>, endpoint: Endpoint, handler: Handler<ApiContext>) {
  const { incoming: req, outgoing: res, base } = c.env;
  routeOf.set(req, endpoint.path);
  const url = new URL(req.url ?? "/", "http://glossa.invalid");
  if (endpoint.body || endpoint.query) {
    if (endpoint.auth && !(await base.tokens.verify(bearer(req)))) throw unauthorized();
    validateQuery(url, endpoint);
    await validateBody(req, endpoint);
  }
  await handler({ ...base, req, res, url }, c.req.param() as Record<string, string>);
  return RESPONSE_ALREADY_SENT;
}

/// A request no route took: OPTIONS or 405 on an API resource (another
/// method), a JSON 404 on a reserved path, or the web app's files.
async function unrouted(c: Context<Env>, routes: Route[]) {
  const { incoming: req, outgoing: res, base } = c.env;
  const method = req.method ?? "GET";
  const path = rawPath(req);
  const allow = allowFor(path, routes);
  if (allow.length || RESERVED.test(path)) {
    if (!allow.length) throw new HttpError(404, "not_found", "There is no such API endpoint.");
    if (method === "OPTIONS") answerOptions(req, res, allow, c.get("cors"));
    else throw methodNotAllowed(method, allow);
  } else if (method === "GET" || method === "HEAD") {
    routeOf.set(req, "static");
    await serveStatic(base.webDist, req, res, path);
  } else if (method === "OPTIONS") {
    routeOf.set(req, "static");
    answerOptions(req, res, withHead(["GET"]), false);
  } else {
    throw methodNotAllowed(method, withHead(["GET"]));
  }
  return RESPONSE_ALREADY_SENT;
}

/// The methods of every route (the server's: ENDPOINTS' rows) whose pattern
/// matches `path` (with HEAD and OPTIONS, as `Allow` lists them); empty when
/// none does.
export function allowFor(path: string, routes: readonly Route[]): string[] {
  const parts = path.split("/").slice(1);
  const methods = routes
    .filter((r) => {
      const segs = r.path.split("/").slice(1);
      return (
        segs.length === parts.length &&
        segs.every((seg, i) => (seg.startsWith(":") ? parts[i] !== "" : seg === parts[i]))
      );
    })
    .map((r) => r.method);
  return methods.length ? withHead(methods) : [];
}
