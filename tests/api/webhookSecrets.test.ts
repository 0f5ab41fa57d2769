import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { call } from "./helpers.ts";

/// A receiver's check of `Glossa-Signature` (docs/api.md "Webhooks").
function verifies(secret: string, body: string, header: string): boolean {
  const f = Object.fromEntries(header.split(",").map((kv) => kv.split("=", 2)));
  const t = Number(f.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const mac = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  const given = String(f.v1 ?? "");
  return given.length === mac.length && timingSafeEqual(Buffer.from(given), Buffer.from(mac));
}

/// A real HTTP receiver on this machine, recording what it is sent.
class Receiver {
  readonly got: { headers: IncomingHttpHeaders; body: string }[] = [];
  private server: Server | null = null;
  url = "";
  async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
  /// Deliveries to webhook `id`.
  to(id: string) {
    return this.got.filter((g) => g.headers["glossa-webhook"] === id);
  }
}

/// Every byte of the SQLite files in `dir` (database, write-ahead log, index).
const filesOf = (dir: string): Buffer =>
  Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith("glossa.sqlite"))
      .map((f) => readFileSync(path.join(dir, f))),
  );

const env = { WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_RETRY_BASE_MS: "200" };

/// Webhook secrets at rest: sealed with AES-256-GCM under a key derived from
/// the server's secret; deliveries are still signed with the clear secret.
describe.each(["SQLite", "PostgreSQL"] as const)("webhook secrets at rest (%s)", (kind) => {
  let server: TestServer;
  let drop: (() => Promise<void>) | null = null;
  const receiver = new Receiver();

  /// The `secret` column of webhook `id` as the store reads it from the database.
  const storedSecret = async (id: string): Promise<string> =>
    (await server.glossa.store.getWebhook(id))!.secret;

  const annotate = (body: string) =>
    call(server, server.ownerToken, "POST", `/api/documents/${server.letterId}/annotations`, {
      exact: "non-refoulement",
      kind: "comment",
      body,
    });

  beforeAll(async () => {
    await receiver.listen();
    let extra: Record<string, string> = {};
    if (kind === "PostgreSQL") {
      const db = await createDatabase("glossa_whsec");
      drop = db.drop;
      extra = { DATABASE_URL: db.url };
    }
    server = await startTestServer({ env: { ...env, ...extra } });
  });
  afterAll(async () => {
    await server?.destroy();
    await drop?.();
    await receiver.close();
  });

  it("stores a new webhook's secret sealed; deliveries verify with the secret shown once", async () => {
    const made = await call(server, server.ownerToken, "POST", "/api/webhooks", {
      url: receiver.url,
      events: ["annotation.created"],
    });
    expect(made.status).toBe(201);
    const secret: string = made.json.secret;
    expect(secret).toMatch(/^whsec_/);
    const stored = await storedSecret(made.json.id);
    expect(stored).toMatch(/^gcm1:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(secret.slice("whsec_".length, 20));
    if (kind === "SQLite") {
      const bytes = filesOf(server.dataDir);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret.slice("whsec_".length)))).toBe(false);
      expect(bytes.includes(Buffer.from(stored))).toBe(true);
    }
    expect((await annotate("Sealed, still signed.")).status).toBe(201);
    const got = await eventually(() => {
      const d = receiver.to(made.json.id);
      expect(d).toHaveLength(1);
      return d[0]!;
    }, 20_000);
    expect(verifies(secret, got.body, String(got.headers["glossa-signature"]))).toBe(true);
    expect(verifies(stored, got.body, String(got.headers["glossa-signature"]))).toBe(false);
  });

  it("seals secrets stored in clear by earlier versions at start; they still verify", async () => {
    const owner = (await server.glossa.store.listUsers())[0]!;
    const legacy = `whsec_${randomBytes(32).toString("base64url")}`;
    const id = `wh_legacy${kind}`;
    // What versions before sealing wrote: the secret as it is.
    await server.glossa.store.createWebhook({
      id,
      ownerId: owner.id,
      documentId: null,
      url: receiver.url,
      events: ["annotation.created"],
      secret: legacy,
      description: "from before sealing",
      createdAt: new Date().toISOString(),
    });
    expect(await storedSecret(id)).toBe(legacy);
    server = await server.restart();
    const stored = await storedSecret(id);
    expect(stored).toMatch(/^gcm1:/);
    expect(stored).not.toContain(legacy.slice("whsec_".length, 20));
    if (kind === "SQLite")
      expect(filesOf(server.dataDir).includes(Buffer.from(legacy.slice("whsec_".length)))).toBe(
        false,
      );
    // A second start leaves sealed values alone.
    expect(await server.glossa.webhooks.sealStoredSecrets()).toBe(0);
    expect((await annotate("After the migration.")).status).toBe(201);
    const got = await eventually(() => {
      const d = receiver.to(id);
      expect(d).toHaveLength(1);
      return d[0]!;
    }, 20_000);
    expect(verifies(legacy, got.body, String(got.headers["glossa-signature"]))).toBe(true);
  });

  it("a sealed secret copied onto another webhook does not open there: the delivery fails, unsigned", async () => {
    const a = await call(server, server.ownerToken, "POST", "/api/webhooks", {
      url: receiver.url,
      events: ["version.saved"],
    });
    const b = await call(server, server.ownerToken, "POST", "/api/webhooks", {
      url: receiver.url,
      events: ["version.saved"],
    });
    const store = server.glossa.store;
    const sealedA = await storedSecret(a.json.id);
    const sealedB = await storedSecret(b.json.id);
    expect(await store.replaceWebhookSecret(b.json.id, sealedB, sealedA)).toBe(true);
    const saved = await call(
      server,
      server.ownerToken,
      "POST",
      `/api/documents/${server.letterId}/versions`,
      { name: "Swapped" },
    );
    expect(saved.status).toBe(201);
    await eventually(async () => {
      expect(receiver.to(a.json.id)).toHaveLength(1);
      const log = await call(
        server,
        server.ownerToken,
        "GET",
        `/api/webhooks/${b.json.id}/deliveries`,
      );
      expect(log.json.deliveries[0].lastError).toMatch(/secret cannot be decrypted/);
    }, 20_000);
    expect(receiver.to(b.json.id)).toHaveLength(0);
  });
});
