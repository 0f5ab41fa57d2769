import { CloseEvents } from "@glossa/protocol";
import { openVersionStore } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { liveText, type SecurityFixture, startSecurityFixture } from "../security/fixture.ts";
import { frames, RawClient, textEdit } from "../security/rawClient.ts";
import { eventually, type TestUser } from "../utils/server.ts";
import { holdUnload } from "./unloadGates.ts";

interface Saved {
  type: string;
  stateVector?: string;
  scope?: string;
}

const savedOf = (c: RawClient, doc: string): Saved[] =>
  (c.of(doc, "stateless") as { payload: string }[])
    .map((m) => JSON.parse(m.payload) as Saved)
    .filter((m) => m.type === "saved" && m.stateVector);

/// The highest clock of `clientId` the server announced to `c` as on disk.
function savedClock(c: RawClient, doc: string, clientId: number, scope?: string): number {
  let best = 0;
  for (const m of savedOf(c, doc)) {
    if (scope && m.scope !== scope) continue;
    const sv = Y.decodeStateVector(Buffer.from(m.stateVector!, "base64"));
    best = Math.max(best, sv.get(clientId) ?? 0);
  }
  return best;
}

/// A document unloads (its last client left) and a new client loads it again
/// while the old copy's unload hooks are still running. Extensions keep
/// per-document state keyed by the document's name; the old copy's unload
/// must not clear the new copy's.
describe("foundation: a document loaded again while its old copy unloads", () => {
  let f: SecurityFixture;

  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  /// On disk: a restarted server loads every edit typed on either copy, and
  /// each client id is recorded for the person who typed with it.
  async function afterRestart(
    tag: string,
    ...authors: [userId: string, clientId: number][]
  ): Promise<void> {
    f.server = await f.server.restart();
    const check = await RawClient.open(f.server.wsUrl);
    await check.auth(f.text, f.server.ownerToken);
    const stored = (await check.load(f.text)).getXmlFragment("prosemirror").toString();
    for (const t of [`[old ${tag}]`, `[new1 ${tag}]`, `[new2 ${tag}]`]) expect(stored).toContain(t);
    expect(stored).not.toContain(`[forged ${tag}]`);
    check.close();
    const clients = await openVersionStore(f.server.glossa.store).listClients(f.docId);
    for (const [userId, clientId] of authors)
      expect(clients.find((x) => x.clientId === clientId)?.userId).toBe(userId);
  }

  async function overlap(before: string | null, tag: string): Promise<void> {
    const hp = f.server.glossa.server.hocuspocus;
    const writer: TestUser = await f.server.addUser(`Old ${tag}`, { role: "editor" });
    const next: TestUser = await f.server.addUser(`New ${tag}`, { role: "editor" });
    const forger: TestUser = await f.server.addUser(`Forger ${tag}`, { role: "editor" });

    const a = await RawClient.open(f.server.wsUrl);
    await a.auth(f.text, writer.token);
    const aDoc = await a.load(f.text);
    a.send(frames.update(f.text, textEdit(aDoc, `[old ${tag}]`)));
    await eventually(() =>
      expect(savedClock(a, f.text, aDoc.clientID)).toBe(Y.getState(aDoc.store, aDoc.clientID)),
    );
    const oldCopy = hp.documents.get(f.text)!;

    // The last client leaves; the old copy's unload stops at the gate.
    const gate = holdUnload(hp, f.text, before);
    try {
      a.close();
      await gate.held;
      expect(hp.documents.has(f.text)).toBe(false);

      // A new client loads the document again meanwhile and types.
      const b = await RawClient.open(f.server.wsUrl);
      await b.auth(f.text, next.token);
      const bDoc = await b.load(f.text);
      const newCopy = hp.documents.get(f.text)!;
      expect(newCopy).toBeDefined();
      expect(newCopy).not.toBe(oldCopy);
      expect(bDoc.getXmlFragment("prosemirror").toString()).toContain(`[old ${tag}]`);
      b.send(frames.update(f.text, textEdit(bDoc, `[new1 ${tag}]`)));
      await eventually(() =>
        expect(savedClock(b, f.text, bDoc.clientID)).toBe(Y.getState(bDoc.store, bDoc.clientID)),
      );

      // The old copy's remaining unload hooks run now, with the new copy loaded.
      gate.release();
      await gate.finished;
      expect(hp.documents.get(f.text)).toBe(newCopy);

      // The new connection's next edit is written and acknowledged.
      b.send(frames.update(f.text, textEdit(bDoc, `[new2 ${tag}]`)));
      await eventually(() =>
        expect(savedClock(b, f.text, bDoc.clientID)).toBe(Y.getState(bDoc.store, bDoc.clientID)),
      );

      // A client joining now hears what is on disk (docs/protocol.md §5)…
      const c = await RawClient.open(f.server.wsUrl);
      await c.auth(f.text, forger.token);
      const cDoc = await c.load(f.text);
      await eventually(() =>
        expect(savedClock(c, f.text, bDoc.clientID, "all")).toBe(
          Y.getState(bDoc.store, bDoc.clientID),
        ),
      );
      // …and may not write under the new writer's client id (authorship).
      cDoc.clientID = bDoc.clientID;
      c.send(frames.update(f.text, textEdit(cDoc, `[forged ${tag}]`)));
      const close = (await c.waitFor((m) => m.kind === "close", 5000)) as { reason: string };
      expect(close.reason).toBe(CloseEvents.ForgedChange.reason);
      expect(liveText(f.server, f.text)).not.toContain(`[forged ${tag}]`);

      b.close();
      c.close();
      await Promise.all([b.closed, c.closed]);
      await eventually(() => expect(hp.documents.has(f.text)).toBe(false), 15_000);
      gate.remove();
      await afterRestart(tag, [writer.id, aDoc.clientID], [next.id, bDoc.clientID]);
    } finally {
      gate.release();
      gate.remove();
    }
  }

  it("held before persistence's hook (a slow last-edit write): the new copy's edits are saved, announced, stored", async () => {
    await overlap("glossa-persistence", "p");
  });

  it("held before every hook: authorship still binds the new copy's client ids", async () => {
    await overlap(null, "all");
  });
});
