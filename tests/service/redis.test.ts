import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresStore, TokenService } from "@glossa/server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ClientProcess,
  type ServerProcess,
  spawnClient,
  spawnServer,
} from "../utils/processes.ts";
import { type RedisServer, startRedisServer } from "../utils/redisServer.ts";
import { eventually } from "../utils/server.ts";
import { createDatabase } from "../versions/helpers.ts";

/// A password with characters that must be URL-encoded in REDIS_URL.
const PASSWORD = "p@ss:w/rd 0123#";

/// Two instances sharing PostgreSQL and a password-protected Redis the test
/// started itself, reached through the full REDIS_URL (user, password,
/// database index) and a REDIS_PREFIX of their own.
describe("REDIS_URL in full: password, database, prefix", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-redis-"));
  const prefix = `glossa-t${randomBytes(3).toString("hex")}`;
  const servers: ServerProcess[] = [];
  const clients: ClientProcess[] = [];
  let redis: RedisServer;
  let dropDb: () => Promise<void>;
  let databaseUrl: string;
  let docId: string;
  let token: string;
  const ws = (s: ServerProcess) => `${s.url.replace("http", "ws")}/collab`;
  const ready = async (s: ServerProcess) => {
    const r = await fetch(`${s.url}/readyz`);
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
    const db = await createDatabase();
    dropDb = db.drop;
    databaseUrl = db.url;
    const env = {
      DATA_DIR: dataDir,
      PORT: "0",
      GLOSSA_QUIET: "1",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url(3).replace("redis://:", "redis://default:"),
      REDIS_PREFIX: prefix,
    };
    servers.push(await spawnServer(env));
    servers.push(await spawnServer(env));
    const store = await PostgresStore.open(databaseUrl);
    const owner = (await store.listUsers())[0]!;
    docId = (await store.listDocuments())[0]!.id;
    token = (
      await (
        await TokenService.open(store, 600)
      ).sign({ userId: owner.id, name: "Owner", email: owner.email })
    ).token;
    await store.close();
  });

  afterAll(async () => {
    for (const c of clients) await c.close();
    for (const s of servers) await s.kill("SIGTERM");
    await redis?.stop();
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("clients on the two instances converge through the password-protected Redis, under the prefix", async () => {
    const [s1, s2] = servers as [ServerProcess, ServerProcess];
    const a = await spawnClient(ws(s1), docId, token, "Ana");
    const b = await spawnClient(ws(s2), docId, token, "Ben");
    clients.push(a, b);
    await eventually(async () =>
      expect((await a.state()).synced && (await b.state()).synced).toBe(true),
    );
    await a.insert(3, 0, "[one] ");
    await b.insert(4, 0, "[two] ");
    await eventually(async () => {
      const [ta, tb] = [await a.blocks(), await b.blocks()];
      expect(ta[3]).toMatch(/^\[one\] /);
      expect(ta[4]).toMatch(/^\[two\] /);
      expect(tb).toEqual(ta);
    }, 20_000);

    // The instances' channels carry REDIS_PREFIX, not the old fixed "glossa".
    const probe = new Redis(redis.port, "127.0.0.1", { password: PASSWORD, db: 3 });
    try {
      const channels = (await probe.pubsub("CHANNELS", "*")) as string[];
      expect(channels.length).toBeGreaterThan(0);
      expect(channels.every((c) => c.startsWith(prefix))).toBe(true);
    } finally {
      probe.disconnect();
    }
    for (const s of servers)
      expect((await ready(s)).json.checks).toEqual({ store: "ok", redis: "ok" });
  });

  it("a Redis outage makes readiness 503 and heals without a restart; edits flow again", async () => {
    const [s1, s2] = servers as [ServerProcess, ServerProcess];
    const [a, b] = clients as [ClientProcess, ClientProcess];
    await redis.stop();
    for (const s of servers) {
      const down = await eventually(async () => {
        const r = await ready(s);
        expect(r.status).toBe(503);
        return r.json;
      });
      expect(down.checks).toEqual({ store: "ok", redis: "failing" });
      expect(down.reason).toMatch(/Redis does not answer/);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200); // alive, not ready
    }

    await redis.start();
    for (const s of [s1, s2]) {
      await eventually(async () => expect((await ready(s)).status).toBe(200), 30_000);
    }
    await a.insert(5, 0, "[after the outage] ");
    await eventually(async () => {
      expect((await b.blocks())[5]).toMatch(/^\[after the outage\] /);
    }, 30_000);
  });
});
