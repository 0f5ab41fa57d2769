import type { IncomingMessage, ServerResponse } from "node:http";

/// Request headers a cross-origin script may send (the API needs no others).
const ALLOWED_HEADERS = "Authorization, Content-Type";
/// Response headers a cross-origin script may read besides the safelisted ones.
const EXPOSED_HEADERS = "Content-Disposition, Retry-After, Allow";

/// CORS for the API: off unless CORS_ORIGINS names origins. An allowed
/// origin gets `Access-Control-Allow-Origin` echoed (never `*`, never
/// credentials: the API authenticates with bearer tokens, not cookies).
/// Returns whether the request's origin is allowed.
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: string[]): boolean {
  const origin = req.headers.origin;
  res.setHeader("Vary", "Origin");
  if (!origin || !origins.includes(origin)) return false;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  return true;
}

/// Answers OPTIONS (a CORS preflight or a plain question) with 204 and the
/// methods the resource accepts; the preflight grants only an allowed origin.
export function answerOptions(
  req: IncomingMessage,
  res: ServerResponse,
  allow: string[],
  corsAllowed: boolean,
): void {
  res.setHeader("Allow", allow.join(", "));
  if (corsAllowed && req.headers["access-control-request-method"]) {
    res.setHeader("Access-Control-Allow-Methods", allow.join(", "));
    res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    res.setHeader("Access-Control-Max-Age", "600");
  }
  res.writeHead(204);
  res.end();
}
