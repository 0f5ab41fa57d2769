import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { documentName } from "@glossa/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveText } from "../security/fixture.ts";
import { frames, RawClient, textEdit } from "../security/rawClient.ts";
import { type ServerProcess, spawnServer } from "../utils/processes.ts";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";
import { createDatabase, redisUrl } from "../utils/services.ts";
import { holdLoad, holdUnload } from "./unloadGates.ts";

/// Two instances (PostgreSQL + Redis): the first, in this process, unloads a
/// document while a new client loads it again. The Redis extension forgets a
/// document's subscription when a copy unloads unless `instance.documents`
/// holds the name — which a copy still loading does not: the new copy then
/// hears nothing from the other instance.
describe("several instances: a document loaded again while its old copy unloads", () => {
  let drop: () => Promise<void> = async () => {};
  const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), "glossa-unload-redis-")));
  let s1: TestServer;
  let s2: ServerProcess;

  beforeAll(async () => {
    const db = await createDatabase("glossa_unload");
    drop = db.drop;
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: `glossa-unload-${randomBytes(4).toString("hex")}`,
    };
    s1 = await startTestServer({ dataDir: dirs[0], env });
    s2 = await spawnServer({ ...env, DATA_DIR: dirs[1]!, PORT: "0", GLOSSA_QUIET: "1" });
  });
  afterAll(async () => {
    await s2?.kill("SIGTERM");
    await s1?.stop();
    await drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("the new copy still receives the other instance's edits", async () => {
    const name = documentName(s1.letterId);
    const hp = s1.glossa.server.hocuspocus;
    const token = s1.ownerToken;
    // A client on the second instance keeps the document loaded there.
    const x = await RawClient.open(`${s2.url.replace("http", "ws")}/collab`);
    await x.auth(name, token);
    const xDoc = await x.load(name);
    const a = await RawClient.open(s1.wsUrl);
    await a.auth(name, token);
    const aDoc = await a.load(name);
    a.send(frames.update(name, textEdit(aDoc, "[a]")));
    await eventually(() => expect(liveText(s1, name)).toContain("[a]"));
    // The relay works before the overlap.
    x.send(frames.update(name, textEdit(xDoc, "[x before]")));
    await eventually(() => expect(liveText(s1, name)).toContain("[x before]"));

    // The old copy's unload stops before its hooks (an earlier hook awaiting);
    // the new copy's load stops after its own (subscribed to Redis), before
    // it is listed as loaded.
    const unload = holdUnload(hp, name, null);
    const load = holdLoad(hp, name);
    try {
      a.close();
      await unload.held;
      const b = await RawClient.open(s1.wsUrl);
      const since = b.received.length;
      b.send(frames.auth(name, token));
      b.send(frames.syncStep1(name));
      await load.held;
      // The old copy's hooks go on: Redis' is the first (priority 1000), run
      // within this turn; the new copy's load ends after it.
      unload.release();
      await new Promise((r) => setImmediate(r));
      load.release();
      await b.waitFor((m) => m.doc === name && m.kind === "sync" && m.step === 1, 10_000, since);
      await unload.finished;
      expect(hp.documents.has(name)).toBe(true);

      // An edit on the second instance reaches the first's new copy.
      x.send(frames.update(name, textEdit(xDoc, "[from the other instance]")));
      await eventually(() => expect(liveText(s1, name)).toContain("[from the other instance]"));
      b.close();
    } finally {
      unload.release();
      load.release();
      unload.remove();
      load.remove();
      x.close();
    }
  });
});
