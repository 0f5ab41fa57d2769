import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { documentName } from "@glossa/protocol";
import { mergeParts, SqliteStore, TokenService } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type SecurityFixture, startSecurityFixture } from "../security/fixture.ts";
import { frames, RawClient, textEdit } from "../security/rawClient.ts";
import { spawnServer } from "../utils/processes.ts";

interface Saved {
  type: string;
  stateVector: string;
}

/// The durable clock of `clientId` in a `saved` frame, or null for any other frame.
function savedClock(frame: unknown, doc: string, clientId: number): number | null {
  const m = frame as { doc?: string; kind?: string; payload?: string };
  if (m.doc !== doc || m.kind !== "stateless" || !m.payload) return null;
  const saved = JSON.parse(m.payload) as Saved;
  if (saved.type !== "saved") return null;
  return Y.decodeStateVector(Buffer.from(saved.stateVector, "base64")).get(clientId) ?? null;
}

/// Types `text` one character per update and resolves once `saved` covers it.
async function typeAndWaitSaved(c: RawClient, doc: string, ydoc: Y.Doc, text: string) {
  const since = c.received.length;
  for (const ch of text) c.send(frames.update(doc, textEdit(ydoc, ch)));
  const clock = Y.getState(ydoc.store, ydoc.clientID);
  await c.waitFor((m) => (savedClock(m, doc, ydoc.clientID) ?? -1) >= clock, 10_000, since);
}

/// Issue 16: the journal's durable commit runs in a worker thread with its
/// own connection, not on the event loop — counted, not timed.
describe("journal commits off the event loop", () => {
  let f: SecurityFixture;
  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("typing commits through the worker; the main connection writes no journal rows", async () => {
    const store = f.server.glossa.store as SqliteStore;
    // Rows this connection changed since it opened (SQLite counts per connection).
    const mainChanges = store.db.prepare("SELECT total_changes()").pluck();
    const writer = await RawClient.open(f.server.wsUrl);
    await writer.auth(f.text, f.users.editor.token);
    const mine = await writer.load(f.text);
    await typeAndWaitSaved(writer, f.text, mine, "w");

    const changes0 = mainChanges.get() as number;
    const commits0 = store.journalCommits;
    const KEYS = 40;
    // One keystroke at a time, each acknowledged: one journal commit each.
    for (let i = 0; i < KEYS; i++) await typeAndWaitSaved(writer, f.text, mine, "k");
    expect(store.journalCommits - commits0).toBeGreaterThanOrEqual(KEYS);
    // The main connection wrote at most the few throttled records of the
    // edit (last edit, search text), never one row per keystroke.
    expect((mainChanges.get() as number) - changes0).toBeLessThan(10);
    // What the worker committed is what the main connection reads.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, mergeParts(await store.loadParts(f.text)));
    expect(stored.getXmlFragment("prosemirror").toString()).toContain(`${"k".repeat(KEYS)}w`);
    writer.close();
  });
});

/// "Saved" means on disk: a server killed (SIGKILL) the moment it sends the
/// `saved` covering an edit has that edit in its database.
describe("an edit acknowledged by the journal worker survives SIGKILL right after", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-jworker-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("kill on the saved message, in several rounds: nothing acknowledged is lost", async () => {
    const env = { DATA_DIR: dataDir, PORT: "0", GLOSSA_QUIET: "1" };
    let token = "";
    let doc = "";
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const server = await spawnServer(env);
      try {
        if (!token) {
          const store = new SqliteStore(dataDir);
          const owner = (await store.listUsers())[0]!;
          doc = documentName((await store.listDocuments())[0]!.id);
          token = (
            await (
              await TokenService.open(store, 600)
            ).sign({ userId: owner.id, name: "Owner", email: owner.email })
          ).token;
          await store.close();
        }
        const c = await RawClient.open(`${server.url.replace("http", "ws")}/collab`);
        expect((await c.auth(doc, token)).ok).toBe(true);
        const ydoc = await c.load(doc);
        const word = `[round${round}]`;
        for (const ch of [...word].reverse()) c.send(frames.update(doc, textEdit(ydoc, ch)));
        const clock = Y.getState(ydoc.store, ydoc.clientID);
        // Killed from the socket's own message handler: no turn in between.
        const killed = new Promise<void>((resolve) =>
          c.ws.on("message", () => {
            if ((savedClock(c.received.at(-1), doc, ydoc.clientID) ?? -1) < clock) return;
            server.child.kill("SIGKILL");
            resolve();
          }),
        );
        await killed;
        acknowledged.push(word);
        await server.kill();
        c.close();
      } finally {
        await server.kill();
      }
      // Read the database as the next process will.
      const store = new SqliteStore(dataDir);
      const ydoc = new Y.Doc();
      Y.applyUpdate(ydoc, mergeParts(await store.loadParts(doc)));
      await store.close();
      const text = ydoc.getXmlFragment("prosemirror").toString();
      for (const word of acknowledged) expect(text).toContain(word);
    }
  }, 120_000);
});
