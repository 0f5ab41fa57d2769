import type { CollabSession } from "@glossa/collab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { freePort } from "../utils/redisServer.ts";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";
import { startTcpProxy, type TcpProxy } from "../utils/tcpProxy.ts";
import { connect, createDatabase, typeBefore } from "../versions/helpers.ts";

/// Reads one sample (`name{labels} value`) of a Prometheus text page; 0 when absent.
function sample(page: string, series: string): number {
  for (const line of page.split("\n")) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return 0;
}

/// `/healthz`, `/readyz` and `/metrics` of a real server (SQLite).
describe("liveness, readiness and metrics", () => {
  let server: TestServer;
  let session: CollabSession | null = null;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    session?.destroy();
    await server?.destroy();
  });

  it("/healthz says the process answers; /readyz checks the store and answers JSON, not the app", async () => {
    const health = await call(server, null, "GET", "/healthz");
    expect(health.status).toBe(200);
    expect(health.json.status).toBe("ok");
    const ready = await call(server, null, "GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.headers.get("content-type")).toMatch(/application\/json/);
    expect(ready.json).toEqual({ status: "ready", checks: { store: "ok" } });
    expect((await call(server, null, "POST", "/readyz", {})).status).toBe(405);
  });

  it("/metrics counts connections, documents, updates, saved latency, compaction and requests by route", async () => {
    const editor = await server.addUser("Mia Metrics", { role: "editor" });
    session = connect(server, editor, server.letterId);
    await eventually(() => expect(session!.text.isSynced).toBe(true));
    typeBefore(session, "Mexico has historically", "Measured words. ");
    await eventually(() => expect(session!.saveState.status).toBe("saved"));
    const doc = await call(server, editor.token, "GET", `/api/documents/${server.letterId}`);
    expect(doc.status).toBe(200);
    expect((await call(server, editor.token, "GET", "/api/documents/nosuchdocument0")).status).toBe(
      404,
    );

    const page = await eventually(async () => {
      const res = await call(server, null, "GET", "/metrics");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      // Compaction follows Hocuspocus' debounced store hook (2 s after the edit).
      expect(sample(res.text, "glossa_compaction_seconds_count")).toBeGreaterThanOrEqual(1);
      // The client's one websocket carries text and annotations (it may be
      // reconnecting at the instant of a scrape, hence inside the retry).
      expect(sample(res.text, "glossa_connections")).toBe(1);
      return res.text;
    }, 30_000);
    expect(sample(page, "glossa_documents_loaded")).toBeGreaterThanOrEqual(2);
    expect(sample(page, 'glossa_updates_total{origin="client"}')).toBeGreaterThanOrEqual(1);
    expect(sample(page, "glossa_saved_latency_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(sample(page, "glossa_journal_backlog")).toBe(0);
    expect(page).toMatch(/^# TYPE glossa_store_errors_total counter$/m);
    expect(
      sample(page, 'glossa_http_requests_total{method="GET",route="/healthz",status="200"}'),
    ).toBe(1);
    expect(
      sample(
        page,
        'glossa_http_requests_total{method="GET",route="/api/documents/:id",status="200"}',
      ),
    ).toBe(1);
    expect(
      sample(
        page,
        'glossa_http_requests_total{method="GET",route="/api/documents/:id",status="404"}',
      ),
    ).toBe(1);
    // Labels are route patterns: no document id reaches the metrics.
    expect(page).not.toContain(server.letterId);
    expect(page).not.toContain("nosuchdocument0");
    expect(page).toMatch(/^glossa_process_resident_memory_bytes \d+/m);
  });

  it("/metrics is refused through a proxy when no METRICS_TOKEN is set", async () => {
    const proxied = await call(server, null, "GET", "/metrics", undefined, {
      "X-Forwarded-For": "203.0.113.9",
    });
    expect(proxied.status).toBe(403);
    expect(proxied.json.error.message).toMatch(/only to this machine.*METRICS_TOKEN/);
    expect(proxied.text).not.toContain("glossa_");
  });
});

describe("/metrics with METRICS_TOKEN", () => {
  let server: TestServer;
  const token = "metrics-token-0123456789abcdef";
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: token } });
  });
  afterAll(async () => server?.destroy());

  it("answers only the bearer of the token, also from this machine", async () => {
    const none = await call(server, null, "GET", "/metrics");
    expect(none.status).toBe(401);
    expect(none.text).not.toContain("glossa_");
    expect((await call(server, "wrong-token-0123456789abcdef", "GET", "/metrics")).status).toBe(
      401,
    );
    const ok = await call(server, token, "GET", "/metrics");
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("glossa_connections");
  });
});

/// PostgreSQL behind a TCP proxy: the test cuts it (open connections
/// dropped, new ones sent to a closed port) and restores it; readiness
/// reports the outage and recovers without a restart.
describe("readiness follows a PostgreSQL outage", () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let dropDb: () => Promise<void>;
  let pg: { port: number; host: string };

  beforeAll(async () => {
    const db = await createDatabase();
    dropDb = db.drop;
    const target = new URL(db.url);
    pg = { port: Number(target.port || 5432), host: target.hostname };
    proxy = await startTcpProxy(pg.port, pg.host);
    target.port = String(proxy.port);
    // The outage is expected: keep its log lines out of the test output.
    server = await startTestServer({ env: { DATABASE_URL: target.href, LOG_LEVEL: "silent" } });
  });
  afterAll(async () => {
    proxy?.retarget(pg.port, pg.host);
    await server?.destroy();
    await proxy?.close();
    await dropDb?.();
  });

  it("answers 503 with the reason while the database is unreachable, 200 once it is back", async () => {
    expect((await call(server, null, "GET", "/readyz")).status).toBe(200);
    proxy.retarget(await freePort()); // nothing listens there
    proxy.dropAll();
    const down = await eventually(async () => {
      const r = await call(server, null, "GET", "/readyz");
      expect(r.status).toBe(503);
      return r;
    });
    expect(down.json.status).toBe("not ready");
    expect(down.json.checks.store).toBe("failing");
    expect(down.json.reason).toMatch(/database does not answer/);
    expect((await call(server, null, "GET", "/healthz")).status).toBe(200); // alive all along
    proxy.retarget(pg.port, pg.host);
    await eventually(async () => {
      const r = await call(server, null, "GET", "/readyz");
      expect(r.status).toBe(200);
      expect(r.json.checks.store).toBe("ok");
    }, 20_000);
    const metrics = await call(server, null, "GET", "/metrics");
    expect(
      sample(metrics.text, 'glossa_store_errors_total{operation="readiness"}'),
    ).toBeGreaterThan(0);
  });
});
