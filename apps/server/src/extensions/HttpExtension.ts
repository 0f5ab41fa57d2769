import type { Extension, onRequestPayload } from "@hocuspocus/server";
import type { AnnotationService } from "../annotations/AnnotationService.ts";
import type { TokenService } from "../auth/tokens.ts";
import type { Documents } from "../documents.ts";
import { type ApiContext, api } from "../http/api.ts";
import { HttpError, securityHeaders, sendError } from "../http/http.ts";
import { serveStatic } from "../http/static.ts";
import type { DocumentLibrary } from "../library.ts";
import type { Store } from "../storage/index.ts";

export interface HttpConfiguration {
  store: Store;
  tokens: TokenService;
  documents: Documents;
  library: DocumentLibrary;
  annotations: AnnotationService;
  webDist: string;
  info: ApiContext["info"];
  maxImportBytes: number;
}

/// Serves `/healthz`, the JSON API under `/api` and the built web app on the
/// same port as the websocket, with security headers on every response.
export class HttpExtension implements Extension {
  extensionName = "glossa-http";

  constructor(private readonly config: HttpConfiguration) {}

  async onRequest({ request, response }: onRequestPayload): Promise<void> {
    securityHeaders(response);
    const url = new URL(request.url ?? "/", "http://glossa.invalid");
    const method = request.method ?? "GET";
    try {
      if (url.pathname === "/healthz" || url.pathname.startsWith("/api/")) {
        const match = api.match(method, url.pathname);
        if (match === null) throw new HttpError(404, "not_found", "There is no such API endpoint.");
        if (match === "method")
          throw new HttpError(405, "method_not_allowed", `${method} is not allowed here.`);
        await match.handler({ req: request, res: response, url, ...this.config }, match.params);
      } else if (method === "GET" || method === "HEAD") {
        serveStatic(this.config.webDist, request, response, url.pathname);
      } else {
        throw new HttpError(405, "method_not_allowed", `${method} is not allowed here.`);
      }
    } catch (err) {
      if (!response.headersSent) sendError(response, err);
      else response.end();
    }
    // Rejecting with nothing tells Hocuspocus the request was answered.
    throw null;
  }
}
