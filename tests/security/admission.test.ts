import { CloseEvents, documentName } from "@glossa/protocol";
import { TooManyConnections } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { http, type SecurityFixture, sleep, startSecurityFixture } from "./fixture.ts";
import { frames, RawClient } from "./rawClient.ts";

/// Admission tickets (AuthExtension): a connection admitted but never
/// established — its socket closed first, or its document refused at load —
/// gives its ticket back at once, so an account whose connections are
/// refused is not refused (4430) for its honest new connections (issue 10;
/// before, each such ticket was held 10 s).
describe("security: admission tickets", () => {
  let f: SecurityFixture;
  const LIMIT = 4;
  beforeAll(async () => {
    f = await startSecurityFixture({ MAX_CONNECTIONS_PER_USER: String(LIMIT) });
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  /// A new document of the editor's, nobody connected (not loaded).
  async function newDocument(token: string, text = "Some text."): Promise<string> {
    const created = await http(f.server, "POST", "/api/documents", token, { title: "T", text });
    expect(created.status).toBe(201);
    return created.body!.id as string;
  }

  /// The account's next connection, on a fresh socket: admitted or the refusal.
  async function tryConnect(
    name: string,
    token: string,
  ): Promise<{ ok: boolean; reason?: string }> {
    const c = await RawClient.open(f.server.wsUrl);
    const r = await c.auth(name, token);
    c.close();
    await c.closed;
    return r;
  }

  it("a socket closed before its connection is established gives its ticket back", async () => {
    const user = await f.server.addUser("Admission closer");
    for (let round = 0; round < LIMIT + 2; round++) {
      // A document not loaded yet: its load takes turns of the event loop.
      const name = documentName(await newDocument(user.token));
      const c = await RawClient.open(f.server.wsUrl);
      // Authentication and, right behind it, more than Hocuspocus queues for a
      // connection being established (256 KiB): it closes the socket while
      // the connection is admitted but not established.
      c.send(frames.auth(name, user.token));
      for (let i = 0; i < 5; i++) c.send(frames.update(name, new Uint8Array(60_000)));
      // Closed by Hocuspocus (Reset Connection), not established first.
      const closed = await Promise.race([c.closed, sleep(10_000).then(() => null)]);
      expect(closed?.code).toBe(4205);
    }
    await sleep(100);
    const r = await tryConnect(documentName(await newDocument(user.token)), user.token);
    expect(r.reason ?? "admitted").toBe("admitted");
  });

  it("a connection refused at load (quarantined document) gives its ticket back", async () => {
    const user = await f.server.addUser("Admission quarantine");
    const id = await newDocument(user.token);
    const name = documentName(id);
    // Damage as an older server could have stored it: a paragraph in a paragraph.
    const broken = new Y.Doc();
    for (const p of await f.server.glossa.store.loadParts(name)) Y.applyUpdate(broken, p);
    const sv = Y.encodeStateVector(broken);
    (broken.getXmlFragment("prosemirror").get(0) as Y.XmlElement).insert(0, [
      new Y.XmlElement("paragraph"),
    ]);
    await f.server.glossa.store.appendUpdate(name, Y.encodeStateAsUpdate(broken, sv));
    // Sockets left open: each is refused at load, none is established.
    const open: RawClient[] = [];
    for (let round = 0; round < LIMIT + 2; round++) {
      const c = await RawClient.open(f.server.wsUrl);
      open.push(c);
      const since = c.received.length;
      c.send(frames.auth(name, user.token));
      const denied = (await c.waitFor((m) => m.kind === "denied", 5000, since)) as {
        reason: string;
      };
      expect(denied.reason).toBe(CloseEvents.Quarantined.reason);
    }
    const r = await tryConnect(documentName(await newDocument(user.token)), user.token);
    expect(r.reason ?? "admitted").toBe("admitted");
    for (const c of open) c.close();
  });

  it("the cap still holds for connections being established together", async () => {
    const user = await f.server.addUser("Admission burst");
    const name = documentName(await newDocument(user.token));
    const clients = await Promise.all(
      Array.from({ length: LIMIT + 3 }, () => RawClient.open(f.server.wsUrl)),
    );
    const results = await Promise.all(clients.map((c) => c.auth(name, user.token)));
    expect(results.filter((r) => r.ok)).toHaveLength(LIMIT);
    for (const r of results.filter((x) => !x.ok)) expect(r.reason).toBe(TooManyConnections.reason);
    for (const c of clients) c.close();
  });
});
