import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { backoff, guardedLookup, isPrivateAddress, refuseUrl } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { call } from "./helpers.ts";

/// The verification snippet of docs/api.md ("Webhooks"), as a receiver
/// would write it: HMAC-SHA256 of "<t>.<raw body>", compared in constant
/// time, with a 5-minute window against replays.
function verifySignature(secret: string, rawBody: string, header: string): boolean {
  const fields = Object.fromEntries(header.split(",").map((kv) => kv.split("=", 2)));
  const t = Number(fields.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex");
  const given = String(fields.v1 ?? "");
  return (
    given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/// A real HTTP receiver on a port of this machine: records every request,
/// answers `failFirst` requests of each delivery with 500, then 204.
class Receiver {
  readonly received: Received[] = [];
  failFirst = 0;
  private server: Server | null = null;
  port = 0;
  private readonly tries = new Map<string, number>();

  async listen(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const delivery = String(req.headers["glossa-delivery"]);
        const n = (this.tries.get(delivery) ?? 0) + 1;
        this.tries.set(delivery, n);
        const answered = n <= this.failFirst ? 500 : 204;
        this.received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          answered,
        });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
    this.server = null;
  }
  get url() {
    return `http://127.0.0.1:${this.port}/hooks/glossa`;
  }
  /// Successful deliveries of `type`, parsed.
  // biome-ignore lint/suspicious/noExplicitAny: events are inspected freely
  delivered(type: string): any[] {
    return this.received
      .filter((r) => r.answered === 204 && r.headers["glossa-event"] === type)
      .map((r) => JSON.parse(r.body));
  }
}

describe("webhooks", () => {
  let server: TestServer;
  let owner: TestUser;
  let editor: TestUser;
  const receiver = new Receiver();
  const env = { WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_RETRY_BASE_MS: "200" };

  beforeAll(async () => {
    await receiver.listen();
    server = await startTestServer({ env });
    owner = await server.addUser("Olivia Owner", { role: "owner" });
    editor = await server.addUser("Eddie Editor", { role: "editor" });
  });
  afterAll(async () => {
    await server?.destroy();
    await receiver.close();
  });

  it("signs every event a document's owner subscribed to; retries after 500 with backoff; logs deliveries", async () => {
    const hook = await call(server, owner.token, "POST", "/api/webhooks", {
      url: receiver.url,
      documentId: server.letterId,
      events: [
        "annotation.created",
        "annotation.replied",
        "annotation.resolved",
        "annotation.status_changed",
        "annotation.deleted",
        "version.saved",
        "share.changed",
      ],
      description: "case management",
    });
    expect(hook.status).toBe(201);
    const secret: string = hook.json.secret;
    expect(secret).toMatch(/^whsec_/);
    // Listed without its secret.
    const list = await call(server, owner.token, "GET", "/api/webhooks");
    expect(list.json.webhooks).toHaveLength(1);
    expect(list.text).not.toContain(secret);

    receiver.failFirst = 2;
    const base = `/api/documents/${server.letterId}/annotations`;
    const made = await call(server, editor.token, "POST", base, {
      exact: "non-refoulement",
      kind: "claim",
      body: "Binding on Mexico.",
    });
    expect(made.status).toBe(201);
    const aid: string = made.json.id;
    const created = await eventually(() => {
      const d = receiver.delivered("annotation.created");
      expect(d).toHaveLength(1);
      return d[0];
    }, 20_000);
    expect(created).toMatchObject({
      type: "annotation.created",
      document: { id: server.letterId },
      actor: { id: editor.id, name: editor.name },
      data: { annotationId: aid, kind: "claim" },
    });
    // Two 500s, then success: three attempts of one delivery, each signed.
    const attempts = receiver.received.filter(
      (r) => r.headers["glossa-event"] === "annotation.created",
    );
    expect(attempts.map((a) => a.answered)).toEqual([500, 500, 204]);
    expect(new Set(attempts.map((a) => a.headers["glossa-delivery"])).size).toBe(1);
    for (const a of attempts) {
      expect(verifySignature(secret, a.body, String(a.headers["glossa-signature"]))).toBe(true);
      // A changed body or another secret fails.
      expect(verifySignature(secret, `${a.body} `, String(a.headers["glossa-signature"]))).toBe(
        false,
      );
      expect(verifySignature("whsec_other", a.body, String(a.headers["glossa-signature"]))).toBe(
        false,
      );
    }
    const log = await call(server, owner.token, "GET", `/api/webhooks/${hook.json.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.json.deliveries[0]).toMatchObject({
      event: "annotation.created",
      status: "delivered",
      attempts: 3,
      lastStatus: 204,
    });

    receiver.failFirst = 0;
    expect(
      (await call(server, editor.token, "POST", `${base}/${aid}/replies`, { body: "Agreed." }))
        .status,
    ).toBe(201);
    expect(
      (await call(server, editor.token, "PATCH", `${base}/${aid}`, { status: "disputed" })).status,
    ).toBe(200);
    expect(
      (await call(server, editor.token, "PATCH", `${base}/${aid}`, { resolved: true })).status,
    ).toBe(200);
    expect((await call(server, editor.token, "DELETE", `${base}/${aid}`)).status).toBe(204);
    expect(
      (
        await call(server, editor.token, "POST", `/api/documents/${server.letterId}/versions`, {
          name: "Filed",
        })
      ).status,
    ).toBe(201);
    const viewer = await server.addUser("Vic Viewer");
    expect(
      (
        await call(server, owner.token, "POST", `/api/documents/${server.letterId}/shares`, {
          email: viewer.email,
          role: "viewer",
        })
      ).status,
    ).toBe(200);
    await eventually(() => {
      expect(receiver.delivered("annotation.replied")[0]?.data).toMatchObject({
        annotationId: aid,
        body: "Agreed.",
      });
      expect(receiver.delivered("annotation.status_changed")[0]?.data).toMatchObject({
        status: "disputed",
      });
      expect(receiver.delivered("annotation.resolved")).toHaveLength(1);
      expect(receiver.delivered("annotation.deleted")).toHaveLength(1);
      expect(receiver.delivered("version.saved")[0]?.data.version.name).toBe("Filed");
      expect(receiver.delivered("share.changed")[0]?.data).toMatchObject({
        change: "granted",
        share: { email: viewer.email, role: "viewer" },
      });
    }, 20_000);
  });

  it("keeps undelivered events across a restart and delivers them after", async () => {
    const port = receiver.port;
    await receiver.close();
    const base = `/api/documents/${server.letterId}/annotations`;
    const made = await call(server, editor.token, "POST", base, {
      exact: "humanitarian visas",
      kind: "comment",
      body: "Queued while the receiver is down.",
    });
    expect(made.status).toBe(201);
    const hookId = (await call(server, owner.token, "GET", "/api/webhooks")).json.webhooks[0].id;
    // The first attempt fails (connection refused) and is logged.
    await eventually(async () => {
      const log = await call(server, owner.token, "GET", `/api/webhooks/${hookId}/deliveries`);
      const d = log.json.deliveries.find(
        (x: { payload: { data: { annotationId: string } } }) =>
          x.payload.data.annotationId === made.json.id,
      );
      expect(d.status).toBe("pending");
      expect(d.attempts).toBeGreaterThanOrEqual(1);
      expect(d.lastError).toBeTruthy();
    }, 20_000);
    server = await server.restart();
    await receiver.listen(port);
    await eventually(() => {
      expect(
        receiver.delivered("annotation.created").some((e) => e.data.annotationId === made.json.id),
      ).toBe(true);
    }, 30_000);
  });

  it("refuses webhooks to people who do not own the document, to API tokens, and to bad input", async () => {
    const r = await call(server, editor.token, "POST", "/api/webhooks", {
      url: receiver.url,
      documentId: server.letterId,
      events: ["annotation.created"],
    });
    expect(r.status).toBe(403);
    const made = await call(server, owner.token, "POST", "/api/tokens", { name: "script" });
    expect((await call(server, made.json.token, "GET", "/api/webhooks")).status).toBe(403);
    const hookId = (await call(server, owner.token, "GET", "/api/webhooks")).json.webhooks[0].id;
    expect(
      (await call(server, editor.token, "GET", `/api/webhooks/${hookId}/deliveries`)).status,
    ).toBe(404);
    for (const [body, field] of [
      [{ url: "ftp://example.org", events: ["annotation.created"] }, '"url"'],
      [{ url: "https://example.org/h", events: ["annotation.exploded"] }, '"events"'],
      [
        { url: "https://example.org/h", events: ["annotation.created"], secret: "mine" },
        '"secret"',
      ],
      [
        {
          url: "https://example.org/h",
          events: ["annotation.created"],
          documentId: "nosuchdocument0",
        },
        '"documentId"',
      ],
    ] as const) {
      const res = await call(server, owner.token, "POST", "/api/webhooks", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.message).toContain(field);
    }
  });

  it("queues and delivers from PostgreSQL alike", async () => {
    const db = await createDatabase("glossa_webhooks");
    const pg = await startTestServer({ env: { ...env, DATABASE_URL: db.url } });
    try {
      receiver.failFirst = 1;
      const hook = await call(pg, pg.ownerToken, "POST", "/api/webhooks", {
        url: receiver.url,
        events: ["annotation.created"],
      });
      expect(hook.status).toBe(201);
      const made = await call(
        pg,
        pg.ownerToken,
        "POST",
        `/api/documents/${pg.letterId}/annotations`,
        {
          exact: "complementary protection",
          kind: "comment",
          body: "From PostgreSQL.",
        },
      );
      expect(made.status).toBe(201);
      await eventually(async () => {
        const log = await call(
          pg,
          pg.ownerToken,
          "GET",
          `/api/webhooks/${hook.json.id}/deliveries`,
        );
        expect(log.json.deliveries).toHaveLength(1);
        expect(log.json.deliveries[0]).toMatchObject({
          status: "delivered",
          attempts: 2,
          lastStatus: 204,
        });
      }, 20_000);
      expect(
        await pg.glossa.store.deleteWebhook(
          (await pg.glossa.store.listUsers())[0]!.id,
          hook.json.id,
        ),
      ).toBe(true);
      expect(await pg.glossa.store.listDeliveries(hook.json.id, 10)).toEqual([]);
    } finally {
      receiver.failFirst = 0;
      await pg.destroy();
      await db.drop();
    }
  });

  it("refuses private and loopback targets unless allow-listed (SSRF)", async () => {
    const strict = await startTestServer();
    try {
      for (const url of [
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://user:pw@example.org/x",
      ]) {
        const r = await call(strict, strict.ownerToken, "POST", "/api/webhooks", {
          url,
          events: ["annotation.created"],
        });
        expect(r.status, url).toBe(400);
        expect(r.json.error.message, url).toContain('"url"');
      }
    } finally {
      await strict.destroy();
    }
    expect(refuseUrl("https://hooks.example.org/glossa", [])).toBeNull();
    expect(refuseUrl("http://127.0.0.1:8080/x", ["127.0.0.1"])).toBeNull();
    for (const a of [
      "127.0.0.1",
      "10.0.0.8",
      "172.20.1.1",
      "192.168.1.1",
      "169.254.169.254",
      "::1",
      "fd00::1",
      "fe80::1",
      "0.0.0.0",
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ["93.184.216.34", "2606:2800:220:1::1"])
      expect(isPrivateAddress(a), a).toBe(false);
    // A name that resolves to loopback is refused when connecting (DNS rebinding).
    const err = await new Promise<Error | null>((resolve) =>
      guardedLookup([])("localhost", { all: true }, (e) => resolve(e)),
    );
    expect(err?.message).toMatch(/private or loopback/);
    // Backoff doubles from the base, with jitter.
    for (let n = 1; n <= 5; n++) {
      const d = backoff(n, 1000);
      expect(d).toBeGreaterThanOrEqual(0.8 * 1000 * 2 ** (n - 1));
      expect(d).toBeLessThanOrEqual(1.2 * 1000 * 2 ** (n - 1));
    }
  });
});
