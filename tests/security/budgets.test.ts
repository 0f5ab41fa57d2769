import { CloseEvents, documentName } from "@glossa/protocol";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { http, liveText } from "./fixture.ts";
import { frames, RawClient } from "./rawClient.ts";

/// Per-account budgets (issue 10, item 1): counted over all of an account's
/// connections and documents, refused with AccountBudget (4431) before
/// anything of the message is applied; document creation refused with 429.

let server: TestServer | null = null;
afterEach(async () => {
  await server?.destroy();
  server = null;
});

/// A new blank document owned by `token`'s account; its id.
async function newDocument(s: TestServer, token: string, title: string): Promise<string> {
  const r = await http(s, "POST", "/api/documents", token, { title, text: "" });
  expect(r.status).toBe(201);
  return r.body!.id as string;
}

/// Opens `id`'s text on a new socket and syncs it.
async function open(s: TestServer, token: string, id: string) {
  const client = await RawClient.open(s.wsUrl);
  const name = documentName(id);
  expect((await client.auth(name, token)).ok).toBe(true);
  const ydoc = await client.load(name);
  return { client, name, ydoc };
}

/// An update appending a paragraph of `text` to the synced copy.
function paragraph(ydoc: Y.Doc, text: string): Uint8Array {
  const sv = Y.encodeStateVector(ydoc);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  const f = ydoc.getXmlFragment("prosemirror");
  f.insert(f.length, [p]);
  return Y.encodeStateAsUpdate(ydoc, sv);
}

describe("per-account budgets", () => {
  it("bytes are counted across an account's connections and documents; over budget: 4431, nothing applied", async () => {
    // Burst: two full messages (2 × 64 KiB); refill 16 KiB/s.
    server = await startTestServer({
      env: { MAX_MESSAGE_BYTES: "65536", ACCOUNT_BYTES_PER_SECOND: "16384" },
    });
    const s = server;
    const attacker = await s.addUser("Budget attacker");
    const honest = await s.addUser("Budget honest");
    const a1 = await newDocument(s, attacker.token, "A one");
    const a2 = await newDocument(s, attacker.token, "A two");
    const h1 = await newDocument(s, honest.token, "H one");
    const one = await open(s, attacker.token, a1);
    const two = await open(s, attacker.token, a2);
    const other = await open(s, honest.token, h1);
    // 3 × 40,000 characters on the first socket fit the burst…
    for (let i = 0; i < 3; i++) {
      one.client.send(
        frames.update(one.name, paragraph(one.ydoc, `first${i}`.padEnd(40_000, "x"))),
      );
    }
    await expect
      .poll(() => liveText(s, one.name).includes("first2"), { timeout: 10_000 })
      .toBe(true);
    // …a fourth on another socket and document of the same account does not.
    two.client.send(frames.update(two.name, paragraph(two.ydoc, "second".padEnd(40_000, "y"))));
    const closed = await two.client.waitFor((m) => m.kind === "close", 10_000);
    expect((closed as { reason: string }).reason).toBe(CloseEvents.AccountBudget.reason);
    expect(liveText(s, two.name)).not.toContain("second");
    // Another account is not charged for it.
    other.client.send(
      frames.update(other.name, paragraph(other.ydoc, "honest".padEnd(40_000, "z"))),
    );
    await expect
      .poll(() => liveText(s, other.name).includes("honest"), { timeout: 10_000 })
      .toBe(true);
    expect(other.client.of(other.name, "close")).toEqual([]);
    one.client.close();
    other.client.close();
  });

  it("a sync request is charged the answer it asks for: repeated full-state requests are refused (4431), another account is answered", async () => {
    // Burst 128 KiB, refill 16 KiB/s; an answer is charged at most 64 KiB.
    server = await startTestServer({
      env: { MAX_MESSAGE_BYTES: "65536", ACCOUNT_BYTES_PER_SECOND: "16384" },
    });
    const s = server;
    const attacker = await s.addUser("Sync attacker");
    const honest = await s.addUser("Sync honest");
    const text = "w".repeat(60_000);
    const mine = await http(s, "POST", "/api/documents", attacker.token, { title: "S", text });
    const theirs = await http(s, "POST", "/api/documents", honest.token, { title: "H", text });
    const name = documentName(mine.body!.id as string);
    const c = await RawClient.open(s.wsUrl);
    expect((await c.auth(name, attacker.token)).ok).toBe(true);
    const since = c.received.length;
    // Five requests of a few bytes each for the whole 60,000-character document.
    for (let i = 0; i < 5; i++) c.send(frames.syncStep1(name));
    const closed = await c.waitFor((m) => m.kind === "close", 10_000, since);
    expect((closed as { reason: string }).reason).toBe(CloseEvents.AccountBudget.reason);
    // The burst held two answers; the third request was refused unanswered.
    const answers = c.of(name, "sync", since).filter((m) => (m as { step: number }).step === 1);
    expect(answers.length).toBe(2);
    c.close();
    // Another account's request for a document of the same size is answered.
    const other = await open(s, honest.token, theirs.body!.id as string);
    expect(other.ydoc.getXmlFragment("prosemirror").toString()).toContain(text);
    expect(other.client.of(other.name, "close")).toEqual([]);
    other.client.close();
  });

  it("messages are counted across an account's connections (each well under its own limit)", async () => {
    server = await startTestServer({ env: { ACCOUNT_MESSAGES_PER_SECOND: "5" } });
    const s = server;
    const attacker = await s.addUser("Budget counter");
    const ids = [
      await newDocument(s, attacker.token, "M one"),
      await newDocument(s, attacker.token, "M two"),
    ];
    const sockets = [
      await open(s, attacker.token, ids[0]!),
      await open(s, attacker.token, ids[1]!),
    ];
    // 15 queries each: far under 100 per connection, over 10 (5/s, burst 10) for the account.
    for (let i = 0; i < 15; i++)
      for (const x of sockets) x.client.send(frames.queryAwareness(x.name));
    const first = await Promise.race(
      sockets.map((x) => x.client.waitFor((m) => m.kind === "close", 10_000)),
    );
    expect((first as { reason: string }).reason).toBe(CloseEvents.AccountBudget.reason);
    for (const x of sockets) x.client.close();
  });

  it("documents created per hour and owned per account: 429 JSON with Retry-After, nothing created", async () => {
    server = await startTestServer({
      env: { ACCOUNT_DOCUMENTS_PER_HOUR: "3", ACCOUNT_MAX_DOCUMENTS: "2" },
    });
    const s = server;
    // The owner already owns the letter: one more fits, then the count is reached.
    const owned = await newDocument(s, s.ownerToken, "Second");
    const full = await http(s, "POST", "/api/documents", s.ownerToken, {
      title: "Third",
      text: "",
    });
    expect(full.status).toBe(429);
    expect((full.body!.error as { code: string }).code).toBe("document_limit");
    expect(Number(full.headers.get("retry-after"))).toBeGreaterThan(0);
    const dup = await http(s, "POST", `/api/documents/${owned}/duplicate`, s.ownerToken);
    expect(dup.status).toBe(429);
    expect((await s.glossa.store.listDocuments()).map((d) => d.title).sort()).not.toContain(
      "Third",
    );
    // Creation rate: a new account creates 3 in the hour (purging to stay under
    // its count of 2); the fourth is refused though it owns only one.
    const u = await s.addUser("Budget creator");
    const x1 = await newDocument(s, u.token, "X1");
    const x2 = await newDocument(s, u.token, "X2");
    await s.glossa.store.purgeDocument(x1);
    await newDocument(s, u.token, "X3");
    await s.glossa.store.purgeDocument(x2);
    const before = (await s.glossa.store.listDocuments()).length;
    const rate = await http(s, "POST", "/api/documents", u.token, { title: "X4", text: "" });
    expect(rate.status).toBe(429);
    expect((rate.body!.error as { code: string }).code).toBe("document_rate");
    expect(Number(rate.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await s.glossa.store.listDocuments()).length).toBe(before);
  });
});
