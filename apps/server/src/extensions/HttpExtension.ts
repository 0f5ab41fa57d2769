import type { Extension, onRequestPayload } from "@hocuspocus/server";
import { getRequestListener } from "@hono/node-server";
import type { GlossaContext } from "../context.ts";
import { api } from "../http/api.ts";
import { securityHeaders } from "../http/http.ts";
import { type HttpBase, httpApp, routeOf } from "../http/httpApp.ts";
import { log } from "../log.ts";

/// The services and settings every request shares (`HttpBase`, http/httpApp.ts).
export type HttpConfiguration = HttpBase;

/// Probes answered often; their request log lines are at `debug`.
const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);

/// Serves `/healthz`, `/readyz`, `/metrics`, the JSON API under `/api` and
/// the built web app on the same port as the websocket, with security
/// headers on every response; logs and counts every request.
export class HttpExtension implements Extension<GlossaContext> {
  extensionName = "glossa-http";

  /// The Hono app on Node's request and response (globals left alone).
  private readonly listen: ReturnType<typeof getRequestListener>;

  constructor(private readonly config: HttpConfiguration) {
    const app = httpApp(api);
    this.listen = getRequestListener((req, env) => app.fetch(req, { ...env, base: config }), {
      overrideGlobalObjects: false,
      hostname: "glossa.invalid",
      // A request Hono cannot read as one (a malformed target) never reaches a
      // route: answered here, in the one error shape.
      errorHandler: async (err) => {
        const bad = err instanceof Error && err.name === "RequestError";
        if (!bad) log.error({ err }, "request failed");
        const error = bad
          ? { code: "bad_request", message: "The request could not be read." }
          : { code: "internal", message: "Something went wrong on the server. Please try again." };
        return Response.json({ error }, { status: bad ? 400 : 500 });
      },
    });
  }

  async onRequest({ request, response }: onRequestPayload): Promise<void> {
    const started = performance.now();
    securityHeaders(response);
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://glossa.invalid").pathname;
    // Read now: by "close" the socket may be gone (a request cut short).
    const remote = request.socket?.remoteAddress ?? null;
    response.once("close", () => {
      const seconds = (performance.now() - started) / 1000;
      // A route pattern, never the raw path: ids stay out of metric labels.
      const route = routeOf.get(request) ?? "unmatched";
      this.config.ops.metrics.request(method, route, response.statusCode, seconds);
      // The path without its query (which may carry codes); no headers, no body.
      log[PROBES.has(route) ? "debug" : "info"](
        {
          method,
          path,
          route,
          status: response.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          remote,
        },
        "request",
      );
    });
    await this.listen(request, response);
    // Rejecting with nothing tells Hocuspocus the request was answered.
    throw null;
  }
}
