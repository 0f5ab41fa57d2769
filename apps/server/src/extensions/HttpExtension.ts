import type { Extension, onRequestPayload } from "@hocuspocus/server";
import { getRequestListener } from "@hono/node-server";
import type { AnnotationService } from "../annotations/AnnotationService.ts";
import type { LoginLimits } from "../auth/rateLimit.ts";
import type { TokenService } from "../auth/tokens.ts";
import type { GlossaContext } from "../context.ts";
import type { Documents } from "../documents.ts";
import { type ApiContext, api } from "../http/api.ts";
import { securityHeaders } from "../http/http.ts";
import { httpApp, routeOf } from "../http/httpApp.ts";
import type { OpsContext } from "../http/ops.ts";
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
