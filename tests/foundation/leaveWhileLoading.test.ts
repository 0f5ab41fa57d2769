import { randomBytes } from "node:crypto";
import { documentName } from "@glossa/protocol";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { frames, RawClient, textEdit } from "../security/rawClient.ts";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";
import { createDatabase, redisUrl } from "../utils/services.ts";
import { holdLoad, holdLoading } from "./unloadGates.ts";

/// A client leaves while its document is still loading (the load is sliced
/// over many turns, `loadSteps.ts`): Hocuspocus is asked to unload a copy it
/// has not finished loading. The copy must still be unloaded once its load
/// ends (else shutdown, which waits for every document to unload, hangs),
/// and a client joining meanwhile keeps its edits, hears them saved, and
/// finds them on disk after a restart.

/// Sockets the server holds open (crossws' peers).
const openSockets = (s: TestServer): number => {
  const ws = (s.glossa.server as unknown as { crossws: { peers: Map<string, Set<unknown>> } })
    .crossws;
  let n = 0;
  for (const set of ws.peers.values()) n += set.size;
  return n;
};

/// The highest clock of `clientId` the server announced to `c` as on disk.
function savedClock(c: RawClient, doc: string, clientId: number): number {
  let best = 0;
  for (const m of c.of(doc, "stateless") as { payload: string }[]) {
    const msg = JSON.parse(m.payload) as { type: string; stateVector?: string };
    if (msg.type !== "saved" || !msg.stateVector) continue;
    const sv = Y.decodeStateVector(Buffer.from(msg.stateVector, "base64"));
    best = Math.max(best, sv.get(clientId) ?? 0);
  }
  return best;
}

/// Resolves with whether `p` settled within `ms` (a hang fails the test
/// instead of timing it out).
const within = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([
    p.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
  ]);

/// A connects and leaves while the load is held; with `second`, B joins
/// during that window and types. Returns the server restarted (checked).
async function leaveWhileLoading(
  s: TestServer,
  tag: string,
  second: boolean,
  env: Record<string, string> = {},
  at: "onLoad" | "afterLoad" = "onLoad",
): Promise<TestServer> {
  const name = documentName(s.letterId);
  const hp = s.glossa.server.hocuspocus;
  // Nobody has it open (a previous check's copy has unloaded).
  await eventually(() => expect(hp.documents.has(name)).toBe(false));
  const base = openSockets(s);
  const gate = at === "onLoad" ? holdLoading(hp, name) : holdLoad(hp, name);
  try {
    const a = await RawClient.open(s.wsUrl);
    a.send(frames.auth(name, s.ownerToken));
    a.send(frames.syncStep1(name));
    await gate.held;
    a.close();
    await a.closed;
    await eventually(() => expect(openSockets(s)).toBe(base));
    let b: RawClient | null = null;
    let bDoc: Y.Doc | null = null;
    if (second) {
      b = await RawClient.open(s.wsUrl);
      expect((await b.auth(name, s.ownerToken)).ok).toBe(true);
      const since = b.received.length;
      b.send(frames.syncStep1(name));
      await eventually(() => expect(hp.loadingDocuments.has(name)).toBe(true));
      gate.release();
      const step2 = (await b.waitFor(
        (m) => m.doc === name && m.kind === "sync" && m.step === 1,
        10_000,
        since,
      )) as unknown as { update: Uint8Array };
      bDoc = new Y.Doc();
      Y.applyUpdate(bDoc, step2.update);
      b.send(frames.update(name, textEdit(bDoc, `[joined ${tag}]`)));
      const doc = bDoc;
      await eventually(() =>
        expect(savedClock(b!, name, doc.clientID)).toBe(Y.getState(doc.store, doc.clientID)),
      );
      expect(hp.documents.get(name)?.getConnectionsCount()).toBe(1);
      b.close();
      await b.closed;
    } else {
      gate.release();
    }
    // The copy is unloaded once nobody is connected…
    await eventually(() => {
      expect(hp.loadingDocuments.has(name)).toBe(false);
      expect(hp.documents.has(name)).toBe(false);
    }, 15_000);
  } finally {
    gate.release();
    gate.remove();
  }
  // …so shutdown completes.
  expect(await within(s.stop(), 10_000)).toBe(true);
  const next = await startTestServer({
    dataDir: s.dataDir,
    env,
    port: Number(new URL(s.url).port),
  });
  if (second) {
    const check = await RawClient.open(next.wsUrl);
    await check.auth(name, next.ownerToken);
    const stored = (await check.load(name)).getXmlFragment("prosemirror").toString();
    expect(stored).toContain(`[joined ${tag}]`);
    check.close();
  }
  return next;
}

describe("foundation: a client leaves while its document is still loading", () => {
  let s: TestServer | null = null;
  afterAll(async () => {
    await s?.destroy();
  });

  it("alone: the copy is unloaded when its load ends and shutdown completes", async () => {
    s = await startTestServer();
    s = await leaveWhileLoading(s, "alone", false);
  });

  it("a second client joining meanwhile keeps its edits: saved, and on disk after restart", async () => {
    s ??= await startTestServer();
    s = await leaveWhileLoading(s, "second", true);
  });

  it("held after the load hooks (subscribed, not yet listed): the same", async () => {
    s ??= await startTestServer();
    s = await leaveWhileLoading(s, "after alone", false, {}, "afterLoad");
    s = await leaveWhileLoading(s, "after second", true, {}, "afterLoad");
  });
});

describe("several instances (PostgreSQL + Redis): a client leaves while the document loads", () => {
  let s: TestServer | null = null;
  let drop: () => Promise<void> = async () => {};
  afterAll(async () => {
    await s?.destroy();
    await drop();
  });

  it("the copy is unloaded, a joining client's edits are saved and stored", async () => {
    const db = await createDatabase("glossa_leave_loading");
    drop = db.drop;
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: `glossa-leave-${randomBytes(4).toString("hex")}`,
    };
    s = await startTestServer({ env });
    s = await leaveWhileLoading(s, "redis alone", false, env);
    s = await leaveWhileLoading(s, "redis second", true, env);
    s = await leaveWhileLoading(s, "redis after alone", false, env, "afterLoad");
    s = await leaveWhileLoading(s, "redis after second", true, env, "afterLoad");
  });
});
