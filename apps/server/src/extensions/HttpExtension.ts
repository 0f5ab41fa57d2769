import { endpointFor } from "@glossa/api";
import type { Extension, onRequestPayload } from "@hocuspocus/server";
import type { AnnotationService } from "../annotations/AnnotationService.ts";
import type { LoginLimits } from "../auth/rateLimit.ts";
import type { TokenService } from "../auth/tokens.ts";
import type { GlossaContext } from "../context.ts";
import type { Documents } from "../documents.ts";
import { type ApiContext, api } from "../http/api.ts";
import { answerOptions, applyCors } from "../http/cors.ts";
import {
  bearer,
  HttpError,
  methodNotAllowed,
  securityHeaders,
  sendError,
  unauthorized,
  validateBody,
  withHead,
} from "../http/http.ts";
import { type OpsContext, serveMetrics, serveReadyz } from "../http/ops.ts";
import { serveStatic } from "../http/static.ts";
import type { DocumentLibrary } from "../library.ts";
import { log } from "../log.ts";
import type { SourceCatalog } from "../sources/SourceCatalog.ts";
import type { Store } from "../storage/index.ts";
import type { VersionService } from "../versions/VersionService.ts";
import type { WebhookService } from "../webhooks/WebhookService.ts";

export interface HttpConfiguration {
  store: Store;
  tokens: TokenService;
  documents: Documents;
  library: DocumentLibrary;
  annotations: AnnotationService;
  sources: SourceCatalog;
  versions: VersionService;
  loginLimits: LoginLimits;
  webDist: string;
  info: ApiContext["info"];
  maxImportBytes: number;
  budgets: ApiContext["budgets"];
  /// PUBLIC_URL, for links that leave the server (W3C export targets).
  publicUrl?: string | null;
  /// Readiness and metrics (`/readyz`, `/metrics`).
  ops: OpsContext;
  /// Origins whose scripts may call the API (CORS_ORIGINS); empty: CORS off.
  corsOrigins: string[];
  /// Webhook registry and queue (events from the API are emitted through it).
  webhooks: WebhookService;
}

/// Probes answered often; their request log lines are at `debug`.
const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);

/// Paths that are never the web app: unknown ones answer a JSON 404, not
/// index.html (a probe or script must not mistake the app for an answer).
const RESERVED = /^\/(api|collab|healthz|readyz|metrics)(\/|$)/;

/// Serves `/healthz`, `/readyz`, `/metrics`, the JSON API under `/api` and
/// the built web app on the same port as the websocket, with security
/// headers on every response; logs and counts every request.
export class HttpExtension implements Extension<GlossaContext> {
  extensionName = "glossa-http";

  constructor(private readonly config: HttpConfiguration) {}

  async onRequest({ request, response }: onRequestPayload): Promise<void> {
    const started = performance.now();
    securityHeaders(response);
    const url = new URL(request.url ?? "/", "http://glossa.invalid");
    const method = request.method ?? "GET";
    // A route pattern, never the raw path: ids stay out of metric labels.
    let route = "unmatched";
    // Read now: by "close" the socket may be gone (a request cut short).
    const remote = request.socket?.remoteAddress ?? null;
    response.once("close", () => {
      const seconds = (performance.now() - started) / 1000;
      this.config.ops.metrics.request(method, route, response.statusCode, seconds);
      // The path without its query (which may carry codes); no headers, no body.
      log[PROBES.has(route) ? "debug" : "info"](
        {
          method,
          path: url.pathname,
          route,
          status: response.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          remote,
        },
        "request",
      );
    });
    // Each branch answers and returns; errors become the one error shape.
    const dispatch = async (): Promise<void> => {
      if (url.pathname === "/readyz" || url.pathname === "/metrics") {
        route = url.pathname;
        const allow = withHead(["GET"]);
        if (method === "OPTIONS") return answerOptions(request, response, allow, false);
        if (method !== "GET" && method !== "HEAD") throw methodNotAllowed(method, allow);
        if (route === "/readyz") await serveReadyz(this.config.ops, response);
        else await serveMetrics(this.config.ops, request, response);
      } else if (RESERVED.test(url.pathname)) {
        const cors = applyCors(request, response, this.config.corsOrigins);
        const match = api.match(method, url.pathname);
        if (match === null) throw new HttpError(404, "not_found", "There is no such API endpoint.");
        if ("allow" in match) {
          if (method === "OPTIONS") return answerOptions(request, response, match.allow, cors);
          throw methodNotAllowed(method, match.allow);
        }
        route = match.route;
        const endpoint = endpointFor(method === "HEAD" ? "GET" : method, match.route);
        if (endpoint?.body) {
          // Who asks before what they sent: 401 comes before 400.
          if (endpoint.auth && !(await this.config.tokens.verify(bearer(request))))
            throw unauthorized();
          await validateBody(request, endpoint);
        }
        await match.handler({ req: request, res: response, url, ...this.config }, match.params);
      } else if (method === "GET" || method === "HEAD") {
        route = "static";
        await serveStatic(this.config.webDist, request, response, url.pathname);
      } else if (method === "OPTIONS") {
        route = "static";
        return answerOptions(request, response, withHead(["GET"]), false);
      } else {
        throw methodNotAllowed(method, withHead(["GET"]));
      }
    };
    try {
      await dispatch();
    } catch (err) {
      if (!response.headersSent) sendError(response, err);
      else response.end();
    }
    // Rejecting with nothing tells Hocuspocus the request was answered.
    throw null;
  }
}
