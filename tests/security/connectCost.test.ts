import { documentName } from "@glossa/protocol";
import type { Extension } from "@hocuspocus/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";
import { http } from "./fixture.ts";
import { RawClient } from "./rawClient.ts";

/// What the access checks and admission read for one connection.
interface Work {
  /// Connections Hocuspocus listed to anyone (`Document.getConnections`)
  /// from the auth frame until the connection was established.
  listed: number;
  /// Connections judged by the access tick after it.
  checked: number;
  /// Share and session rows that tick read.
  rows: number;
}

type Access = Extension & { tick(): Promise<void>; checked: number };
type Auth = Extension & { admission: { size: number } };

/// Issue 16 (many documents): each connect cost Glossa's server work in
/// proportion to the connections already there — admission counted the
/// person's connections over every connection of every document, and each
/// arrival made the next access tick re-check every connection, reading
/// every share of everyone connected. A connection's admission and its first
/// access check now read only what concerns it. Counted, not timed: one more
/// connection at 100 and at 1,000 connected costs the same work.
describe("security: connecting costs the same however many are connected", () => {
  let server: TestServer;
  let access: Access;
  let auth: Auth;
  const docs: string[] = [];
  /// Documents nobody has open, one per probe.
  const spare: string[] = [];
  const sockets: RawClient[] = [];
  let connected = 0;
  const count = { listed: 0, rows: 0 };

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        MAX_CONNECTIONS_PER_USER: "10000",
        ACCOUNT_MESSAGES_PER_SECOND: "100000",
        ACCOUNT_DOCUMENTS_PER_HOUR: "1000",
      },
    });
    const hp = server.glossa.server.hocuspocus;
    const named = (n: string) =>
      (hp.configuration.extensions as Extension[]).find((e) => e.extensionName === n)!;
    access = named("glossa-access") as Access;
    auth = named("glossa-auth") as Auth;
    // The periodic walks (access tick, keepalive) stopped: the test runs the
    // access tick itself, so that what one connect costs is all it counts.
    await access.onDestroy?.({ instance: hp });
    await named("glossa-keepalive").onDestroy?.({ instance: hp });
    for (let i = 0; i < 50; i++) docs.push(await newDocument());
    // Made first: a new document moves the access version (its owner's
    // share), which makes the next tick a full re-check.
    for (let i = 0; i < 2; i++) spare.push(await newDocument());
    // Instrumentation of real objects: counts, changes nothing.
    await connect(1);
    const Doc = Object.getPrototypeOf(hp.documents.values().next().value!);
    const list = Doc.getConnections;
    Doc.getConnections = function (this: unknown) {
      const out = list.call(this);
      count.listed += out.length;
      return out;
    };
    const store = server.glossa.store as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ["listSharesForUsers", "sharesOf", "getSessions"]) {
      const f = store[m]!.bind(store);
      store[m] = async (...a: unknown[]) => {
        const rows = (await f(...a)) as unknown[];
        count.rows += rows.length;
        return rows;
      };
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.destroy();
  });

  async function newDocument(): Promise<string> {
    const r = await http(server, "POST", "/api/documents", server.ownerToken, {
      title: "Connect cost",
      text: "One paragraph.",
    });
    expect(r.status).toBe(201);
    return r.body!.id as string;
  }

  /// Opens document connections up to `n`, 50 per socket (one per
  /// document), then lets the access tick check them.
  async function connect(n: number): Promise<void> {
    while (connected < n) {
      const socket = await RawClient.open(server.wsUrl);
      sockets.push(socket);
      const batch = docs.slice(0, Math.min(docs.length, n - connected));
      const r = await Promise.all(
        batch.map((id) => socket.auth(documentName(id), server.ownerToken)),
      );
      expect(r.every((x) => x.ok)).toBe(true);
      connected += batch.length;
    }
    await eventually(() => expect(auth.admission.size).toBe(0));
    await access.tick();
  }

  /// One more connection, to a document nobody has open, and the tick after it.
  async function probe(): Promise<Work> {
    const name = documentName(spare.pop()!);
    const socket = await RawClient.open(server.wsUrl);
    sockets.push(socket);
    const listed0 = count.listed;
    expect((await socket.auth(name, server.ownerToken)).ok).toBe(true);
    // Established: its ticket given back (the `connected` hooks have run).
    await eventually(() => expect(auth.admission.size).toBe(0));
    const listed = count.listed - listed0;
    const checked0 = access.checked;
    const rows0 = count.rows;
    await access.tick();
    connected++;
    return { listed, checked: access.checked - checked0, rows: count.rows - rows0 };
  }

  it("one more connection at 100 and at 1,000 connected: the same work", async () => {
    await connect(100);
    const at100 = await probe();
    await connect(1_000);
    const at1000 = await probe();
    // Checked alone: itself, its share and its session.
    expect(at100).toEqual({ listed: 0, checked: 1, rows: 2 });
    expect(at1000).toEqual(at100);
  }, 180_000);
});
