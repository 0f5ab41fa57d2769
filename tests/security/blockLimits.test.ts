import { CloseEvents, documentName } from "@glossa/protocol";
import { TEXT_LIMITS } from "@glossa/server";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { http, liveText, serverContent } from "./fixture.ts";
import { frames, RawClient } from "./rawClient.ts";

/// Session 10: the "paragraphs" attack. Each new block costs the server far
/// more than a character (Yjs builds a type for it on both applications, the
/// guard converts it), so one update may add at most TEXT_LIMITS.updateBlocks
/// (TooManyBlocks, 4414) and an account at most ACCOUNT_BLOCKS_PER_SECOND
/// over all its sockets and documents (AccountBudget, 4431); nothing of a
/// refused update is applied.

let server: TestServer | null = null;
afterEach(async () => {
  await server?.destroy();
  server = null;
});

async function newDocument(s: TestServer, token: string, title: string): Promise<string> {
  const r = await http(s, "POST", "/api/documents", token, { title, text: "" });
  expect(r.status).toBe(201);
  return r.body!.id as string;
}

async function open(s: TestServer, token: string, id: string) {
  const client = await RawClient.open(s.wsUrl);
  const name = documentName(id);
  expect((await client.auth(name, token)).ok).toBe(true);
  const ydoc = await client.load(name);
  return { client, name, ydoc };
}

/// `n` paragraphs (empty, or holding `text` each) appended to the synced copy.
function paragraphs(ydoc: Y.Doc, n: number, text = ""): Uint8Array {
  const sv = Y.encodeStateVector(ydoc);
  const ps: Y.XmlElement[] = [];
  for (let i = 0; i < n; i++) {
    const p = new Y.XmlElement("paragraph");
    if (text) p.insert(0, [new Y.XmlText(`${text} ${i}`)]);
    ps.push(p);
  }
  const f = ydoc.getXmlFragment("prosemirror");
  f.insert(f.length, ps);
  return Y.encodeStateAsUpdate(ydoc, sv);
}

/// Updates of connections the live document has applied (slices included).
function countApplied(s: TestServer, name: string) {
  const live = s.glossa.server.hocuspocus.documents.get(name)!;
  const seen = { updates: 0 };
  live.on("update", (_u: Uint8Array, origin: unknown) => {
    if ((origin as { connection?: object } | null)?.connection) seen.updates++;
  });
  return seen;
}

describe("security: blocks per update and per account", () => {
  it("refuses 99,000 empty paragraphs in one update (TooManyBlocks) and applies none of them", async () => {
    server = await startTestServer();
    const s = server;
    const attacker = await s.addUser("Blocks attacker");
    const a = await open(s, attacker.token, await newDocument(s, attacker.token, "Blocks"));
    const applied = countApplied(s, a.name);
    const before = await serverContent(s, a.name);
    a.client.send(frames.update(a.name, paragraphs(a.ydoc, 99_000)));
    const closed = (await a.client.waitFor((m) => m.kind === "close", 60_000)) as {
      reason: string;
    };
    expect(closed.reason).toBe(CloseEvents.TooManyBlocks.reason);
    expect(applied.updates).toBe(0);
    expect(await serverContent(s, a.name)).toBe(before);
    a.client.close();
    // A paste just under the limit is applied and acknowledged.
    const b = await open(s, attacker.token, await newDocument(s, attacker.token, "Under"));
    const since = b.client.received.length;
    const n = TEXT_LIMITS.updateBlocks / 2 - 1; // a paragraph of text is 2 blocks
    b.client.send(frames.update(b.name, paragraphs(b.ydoc, n, "Pasted paragraph")));
    const status = (await b.client.waitFor((m) => m.kind === "status", 60_000, since)) as {
      ok: boolean;
    };
    expect(status.ok).toBe(true);
    expect(liveText(s, b.name)).toContain(`Pasted paragraph ${n - 1}`);
    b.client.close();
  });

  it("counts an account's blocks over its sockets and documents: the second largest update within a second is refused (4431), another account's is applied", async () => {
    // 100 blocks/s: the bucket holds one largest update and refills in 200 s.
    server = await startTestServer({ env: { ACCOUNT_BLOCKS_PER_SECOND: "100" } });
    const s = server;
    const attacker = await s.addUser("Blocks budget attacker");
    const honest = await s.addUser("Blocks budget honest");
    const one = await open(s, attacker.token, await newDocument(s, attacker.token, "A one"));
    const two = await open(s, attacker.token, await newDocument(s, attacker.token, "A two"));
    const other = await open(s, honest.token, await newDocument(s, honest.token, "H one"));
    const n = TEXT_LIMITS.updateBlocks - 100;
    // Work of each: n structs, far under the work budget's burst (250,000).
    const since = one.client.received.length;
    one.client.send(frames.update(one.name, paragraphs(one.ydoc, n)));
    expect(await one.client.waitFor((m) => m.kind === "status", 60_000, since)).toMatchObject({
      ok: true,
    });
    const live = s.glossa.server.hocuspocus.documents.get(one.name)!;
    expect(live.getXmlFragment("prosemirror").length).toBeGreaterThanOrEqual(n);
    const applied = countApplied(s, two.name);
    const before = await serverContent(s, two.name);
    two.client.send(frames.update(two.name, paragraphs(two.ydoc, n)));
    const closed = (await two.client.waitFor((m) => m.kind === "close", 60_000)) as {
      reason: string;
    };
    expect(closed.reason).toBe(CloseEvents.AccountBudget.reason);
    expect(applied.updates).toBe(0);
    expect(await serverContent(s, two.name)).toBe(before);
    // Another account is not charged for it.
    const otherSince = other.client.received.length;
    other.client.send(frames.update(other.name, paragraphs(other.ydoc, n)));
    expect(
      await other.client.waitFor((m) => m.kind === "status", 60_000, otherSince),
    ).toMatchObject({ ok: true });
    expect(other.client.of(other.name, "close")).toEqual([]);
    for (const c of [one, two, other]) c.client.close();
  });
});
