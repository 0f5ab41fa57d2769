import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteStore, TokenService } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ClientProcess,
  type ServerProcess,
  spawnClient,
  spawnServer,
} from "../utils/processes.ts";
import { eventually } from "../utils/server.ts";

/// Two clients in separate processes edit the letter through a real server
/// process; the server is killed without warning (SIGKILL) and restarted,
/// and every edit that had been reported saved is still there.
describe("live collaboration and durability", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-collab-"));
  let server: ServerProcess;
  let docId: string;
  let token: string;
  let wsUrl: string;
  const clients: ClientProcess[] = [];
  const env = () => ({ DATA_DIR: dataDir, PORT: "0", GLOSSA_QUIET: "1" });

  beforeAll(async () => {
    server = await spawnServer(env());
    wsUrl = `${server.url.replace("http", "ws")}/collab`;
    // A second handle on the same SQLite file, as the CLI would open it.
    const store = new SqliteStore(dataDir);
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
    await server?.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("two clients see each other's edits and converge", async () => {
    const a = await spawnClient(wsUrl, docId, token, "Ana");
    const b = await spawnClient(wsUrl, docId, token, "Ben");
    clients.push(a, b);
    await eventually(async () =>
      expect((await a.state()).synced && (await b.state()).synced).toBe(true),
    );
    const before = await a.blocks();
    expect(before[0]).toContain("Remain in Mexico");

    await a.insert(3, 0, "[Ana was here] ");
    await b.insert(4, 0, "[Ben was here] ");
    // Concurrent edits in the same paragraph, at the same place.
    await Promise.all([a.insert(5, 0, "A1 "), b.insert(5, 0, "B1 ")]);

    await eventually(async () => {
      const [ta, tb] = [await a.blocks(), await b.blocks()];
      expect(ta).toEqual(tb);
      expect(ta[3]).toMatch(/^\[Ana was here\] Our organizations/);
      expect(ta[4]).toMatch(/^\[Ben was here\] Mexico has historically/);
      expect(ta[5]).toMatch(/^(A1 B1 |B1 A1 )We recommend/);
    });
    await eventually(async () => {
      expect((await a.state()).status).toBe("saved");
      expect((await b.state()).status).toBe("saved");
    });
  });

  it("a server killed with SIGKILL loses nothing that was shown as saved", async () => {
    const [a] = clients as [ClientProcess];
    for (let i = 0; i < 20; i++) await a.insert(6, 0, `k${i} `);
    await eventually(async () => expect((await a.state()).status).toBe("saved"));
    const saved = await a.blocks();

    // Close the clients first so nothing can re-send the edits after restart.
    for (const c of clients.splice(0)) await c.close();
    await server.kill("SIGKILL");
    server = await spawnServer({ ...env(), PORT: new URL(server.url).port });

    const c = await spawnClient(wsUrl, docId, token, "Cleo");
    clients.push(c);
    await eventually(async () => expect((await c.state()).synced).toBe(true));
    expect(await c.blocks()).toEqual(saved);
  });
});
