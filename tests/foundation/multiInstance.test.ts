import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresStore, TokenService } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ClientProcess,
  type ServerProcess,
  spawnClient,
  spawnServer,
} from "../utils/processes.ts";
import { eventually } from "../utils/server.ts";
import { createDatabase, redisUrl } from "../utils/services.ts";

/// Two server processes share one PostgreSQL database and one Redis: clients
/// on different instances edit together, and losing an instance without
/// warning loses no saved edit (docs/design.md §5).
describe("several instances: PostgreSQL + Redis", () => {
  let databaseUrl: string;
  let dropDatabase: () => Promise<void> = async () => {};
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-mi-"));
  const servers: ServerProcess[] = [];
  const clients: ClientProcess[] = [];
  let docId: string;
  let token: string;
  const env = () => ({
    DATA_DIR: dataDir,
    PORT: "0",
    GLOSSA_QUIET: "1",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl(),
  });
  const ws = (s: ServerProcess) => `${s.url.replace("http", "ws")}/collab`;

  beforeAll(async () => {
    ({ url: databaseUrl, drop: dropDatabase } = await createDatabase("glossa_test"));
    servers.push(await spawnServer(env()));
    servers.push(await spawnServer(env()));
    const store = await PostgresStore.open(databaseUrl);
    const owner = (await store.listUsers())[0]!;
    docId = (await store.listDocuments())[0]!.id;
    expect(await store.listDocuments()).toHaveLength(1); // the second instance did not seed again
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
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("clients on different instances converge and every edit survives losing an instance", async () => {
    const [s1, s2] = servers as [ServerProcess, ServerProcess];
    const a = await spawnClient(ws(s1), docId, token, "Ana");
    const b = await spawnClient(ws(s2), docId, token, "Ben");
    clients.push(a, b);
    await eventually(async () =>
      expect((await a.state()).synced && (await b.state()).synced).toBe(true),
    );

    await a.insert(3, 0, "[via instance 1] ");
    await b.insert(4, 0, "[via instance 2] ");
    await eventually(async () => {
      const [ta, tb] = [await a.blocks(), await b.blocks()];
      expect(ta[3]).toMatch(/^\[via instance 1\] Our/);
      expect(ta[4]).toMatch(/^\[via instance 2\] Mexico/);
      expect(tb).toEqual(ta);
    }, 15_000);
    await eventually(async () => {
      expect((await a.state()).status).toBe("saved");
      expect((await b.state()).status).toBe("saved");
    });
    const expected = await a.blocks();

    for (const c of clients.splice(0)) await c.close();
    await s1.kill("SIGKILL");
    const c = await spawnClient(ws(s2), docId, token, "Cleo");
    clients.push(c);
    await eventually(async () => expect((await c.state()).synced).toBe(true));
    expect(await c.blocks()).toEqual(expected);

    // A replacement instance, started from the database alone, has it all too.
    const s3 = await spawnServer(env());
    servers.push(s3);
    const d = await spawnClient(ws(s3), docId, token, "Dan");
    clients.push(d);
    await eventually(async () => expect((await d.state()).synced).toBe(true));
    expect(await d.blocks()).toEqual(expected);
  });
});
