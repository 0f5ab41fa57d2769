import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { RedisLink } from "../redis.ts";
import type { Store } from "../storage/index.ts";
import { HttpError, sendJson } from "./http.ts";

/// What `/readyz` and `/metrics` look at.
export interface OpsContext {
  store: Store;
  redis: RedisLink | null;
  metrics: Metrics;
  /// Bearer token `/metrics` requires (METRICS_TOKEN); null: loopback only.
  metricsToken: string | null;
  /// The last outcome of each readiness check, so a failure is logged once,
  /// not per probe (one per server: app.ts makes it).
  readonly lastFailure: Map<string, string | null>;
}

const STORE_DOWN = "The database does not answer; changes cannot be saved right now.";
const REDIS_DOWN = "Redis does not answer; this instance cannot share changes with the others.";

async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function note(ctx: OpsContext, check: string, detail: string | null): void {
  const seen = ctx.lastFailure;
  const before = seen.get(check) ?? null;
  seen.set(check, detail);
  if (detail && !before) log.warn({ check, err: detail }, `readiness: ${check} is failing`);
  else if (!detail && before) log.info({ check }, `readiness: ${check} is back`);
}

/// `/readyz`: 200 when the store answers a cheap query and Redis (when
/// configured) answers PING; 503 with the reason otherwise. Details of the
/// failure go to the log, not to the (unauthenticated) answer.
export async function serveReadyz(ctx: OpsContext, res: ServerResponse): Promise<void> {
  const checks: Record<string, string> = {};
  const reasons: string[] = [];
  try {
    await within(ctx.store.ping(), 2_000);
    checks.store = "ok";
    note(ctx, "store", null);
  } catch (err) {
    checks.store = "failing";
    reasons.push(STORE_DOWN);
    ctx.metrics.storeError("readiness");
    note(ctx, "store", (err as Error).message);
  }
  if (ctx.redis) {
    try {
      await ctx.redis.ping(2_000);
      checks.redis = "ok";
      note(ctx, "redis", null);
    } catch (err) {
      checks.redis = "failing";
      reasons.push(REDIS_DOWN);
      note(ctx, "redis", (err as Error).message);
    }
  }
  if (reasons.length === 0) sendJson(res, 200, { status: "ready", checks });
  else sendJson(res, 503, { status: "not ready", reason: reasons.join(" "), checks });
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const digest = (s: string) => createHash("sha256").update(s).digest();

/// `/metrics` in Prometheus text format. With METRICS_TOKEN, only for
/// `Authorization: Bearer <token>`; without it, only for requests from this
/// machine that did not come through a proxy (counts of documents and
/// connections are not for the public).
export async function serveMetrics(
  ctx: OpsContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (ctx.metricsToken) {
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
    if (!timingSafeEqual(digest(given), digest(ctx.metricsToken))) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      throw new HttpError(401, "unauthorized", "The metrics need the token set in METRICS_TOKEN.");
    }
  } else {
    const proxied = req.headers.forwarded || req.headers["x-forwarded-for"];
    if (proxied || !LOOPBACK.has(req.socket.remoteAddress ?? "")) {
      throw new HttpError(
        403,
        "forbidden",
        "The metrics are served only to this machine. Set METRICS_TOKEN to read them from elsewhere.",
      );
    }
  }
  const { contentType, body } = await ctx.metrics.render();
  res.writeHead(200, {
    "Content-Type": contentType,
    "Cache-Control": "no-store",
  });
  res.end(body);
}
