import { CloseEvents, documentName } from "@glossa/protocol";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { http, serverContent } from "./fixture.ts";
import { frames, RawClient } from "./rawClient.ts";

/// Issue 10's text attack (3.5 MB of text in one insert) and the document
/// size quota (TEXT_LIMITS.documentClocks, 20,000,000): an account reaches
/// it no faster than its bytes budget lets it send characters.

let server: TestServer | null = null;
afterEach(async () => {
  await server?.destroy();
  server = null;
});

async function newDocument(s: TestServer, token: string): Promise<string> {
  const r = await http(s, "POST", "/api/documents", token, { title: "Quota", text: "Start." });
  expect(r.status).toBe(201);
  return r.body!.id as string;
}

/// Clocks (characters and blocks ever inserted) the server holds for `name`.
async function clocksHeld(s: TestServer, name: string): Promise<number> {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, Buffer.from(await serverContent(s, name), "base64"));
  let n = 0;
  for (const clock of Y.decodeStateVector(Y.encodeStateVector(ydoc)).values()) n += clock;
  ydoc.destroy();
  return n;
}

/// An update of one garbage-collected struct of `len` clocks: what a client
/// sends for text it wrote and deleted, a few bytes for any length.
function gcStruct(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 0); // GC
  encoding.writeVarUint(e, len);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

describe("text attack and the document size quota", () => {
  it("3.5 MB of text in one insert is refused (MessageTooLarge, 4413) and nothing is applied", async () => {
    server = await startTestServer();
    const s = server;
    const attacker = await s.addUser("Text attacker");
    const name = documentName(await newDocument(s, attacker.token));
    const before = await serverContent(s, name);
    const c = await RawClient.open(s.wsUrl);
    expect((await c.auth(name, attacker.token)).ok).toBe(true);
    const ydoc = await c.load(name);
    const sv = Y.encodeStateVector(ydoc);
    const p = ydoc.getXmlFragment("prosemirror").get(0) as Y.XmlElement;
    (p.get(0) as Y.XmlText).insert(0, "x".repeat(3_500_000));
    const update = Y.encodeStateAsUpdate(ydoc, sv);
    expect(update.byteLength).toBeLessThan(4 * 1024 * 1024); // under the frame limit
    const since = c.received.length;
    c.send(frames.update(name, update));
    const close = (await c.waitFor((m) => m.kind === "close", 30_000, since)) as {
      reason: string;
    };
    expect(close.reason).toBe(CloseEvents.MessageTooLarge.reason);
    expect(await serverContent(s, name)).toBe(before);
    c.close();
  }, 60_000);

  it("clocks that cost no bytes (garbage-collected structs) are charged to the bytes budget: 4431, the quota not reached", async () => {
    // Burst 2 × 64 KiB, refill 16 KiB/s.
    server = await startTestServer({
      env: { MAX_MESSAGE_BYTES: "65536", ACCOUNT_BYTES_PER_SECOND: "16384" },
    });
    const s = server;
    const attacker = await s.addUser("Quota attacker");
    const name = documentName(await newDocument(s, attacker.token));
    const held = await clocksHeld(s, name);
    const c = await RawClient.open(s.wsUrl);
    expect((await c.auth(name, attacker.token)).ok).toBe(true);
    await c.load(name);
    const t0 = Date.now();
    const since = c.received.length;
    // 201 updates of 100,000 clocks, 9 bytes each: 20,100,000 clocks in
    // under 2 KB, past the document's 20,000,000.
    const client = 424242;
    for (let i = 0; i < 201 && c.isOpen; i++) {
      c.send(frames.update(name, gcStruct(client, i * 100_000, 100_000)));
    }
    const close = (await c.waitFor((m) => m.kind === "close", 30_000, since)) as {
      reason: string;
    };
    const seconds = (Date.now() - t0) / 1000;
    c.close();
    await c.closed;
    expect(close.reason).toBe(CloseEvents.AccountBudget.reason);
    // What got in is what the budget allows: its burst and refill, counted
    // as if every clock were a byte.
    const added = (await clocksHeld(s, name)) - held;
    expect(added).toBeLessThanOrEqual(2 * 65536 + 16384 * seconds);
  }, 60_000);
});
