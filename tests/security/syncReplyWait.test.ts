import { CloseEvents } from "@glossa/protocol";
import { openVersionStore } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { eventually } from "../utils/server.ts";
import { liveText, type SecurityFixture, startSecurityFixture } from "./fixture.ts";
import { frames, RawClient, textEdit } from "./rawClient.ts";

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

/// What the store holds for `name`, as text.
async function storedText(f: SecurityFixture, name: string): Promise<string> {
  const ydoc = new Y.Doc();
  for (const part of await f.server.glossa.store.loadParts(name)) Y.applyUpdate(ydoc, part);
  const text = ydoc.getXmlFragment("prosemirror").toString();
  ydoc.destroy();
  return text;
}

/// versions/deferredGaps.ts: an update that skips clocks of its own client
/// id, sent before its connection's SyncStep2, is held for that SyncStep2 —
/// at most SYNC_REPLY_WAIT_MS (here shortened from 30 s). A connection whose
/// SyncStep2 never comes is refused as forged; what it held is dropped.
describe("security: a sync reply that never comes", () => {
  let f: SecurityFixture;

  beforeAll(async () => {
    f = await startSecurityFixture({ SYNC_REPLY_WAIT_MS: "300" });
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("refuses the connection with ForgedChange; nothing held is applied or saved; an honest writer goes on", async () => {
    const honest = await RawClient.open(f.server.wsUrl);
    await honest.auth(f.text, f.users.editor.token);
    const mine = await honest.load(f.text);
    const typed = async (word: string) => {
      honest.send(frames.update(f.text, textEdit(mine, word)));
      await eventually(() =>
        expect(savedClock(honest, f.text, mine.clientID)).toBe(
          Y.getState(mine.store, mine.clientID),
        ),
      );
    };
    await typed("[honest before]");

    // The server (in this process) says why it refuses: read, not replaced.
    const warned = vi.spyOn(console, "warn");
    const gapUser = await f.server.addUser("Silent Reply Editor", { role: "editor" });
    const g = await RawClient.open(f.server.wsUrl);
    await g.auth(f.text, gapUser.token);
    // Synced from the server, but it never answers the server's SyncStep1.
    const copy = await g.load(f.text);
    textEdit(copy, "[never sent]");
    g.send(frames.update(f.text, textEdit(copy, "[held one]")));
    g.send(frames.update(f.text, textEdit(copy, "[held two]")));
    // The honest writer types while those are held.
    await typed("[honest during]");

    const close = (await g.waitFor((m) => m.kind === "close", 15_000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.ForgedChange.reason);
    // Refused by the wait for its sync reply, not at once for the gap.
    const why = warned.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(gapUser.id));
    warned.mockRestore();
    expect(why).toEqual([
      expect.stringContaining("no sync reply within 300 ms brought the clocks it skipped"),
    ]);

    await typed("[honest after]");
    const live = f.server.glossa.server.hocuspocus.documents.get(f.text)!;
    // Nothing of the held updates applied, stored, acknowledged or recorded.
    expect(Y.getState(live.store, copy.clientID)).toBe(0);
    for (const held of ["[held one]", "[held two]", "[never sent]"]) {
      expect(liveText(f.server, f.text)).not.toContain(held);
      expect(await storedText(f, f.text)).not.toContain(held);
    }
    expect(savedClock(g, f.text, copy.clientID)).toBe(0);
    const clients = await openVersionStore(f.server.glossa.store).listClients(f.docId);
    expect(clients.some((c) => c.clientId === copy.clientID)).toBe(false);

    // The honest writer: every word live and on disk, never closed.
    for (const word of ["[honest before]", "[honest during]", "[honest after]"]) {
      expect(liveText(f.server, f.text)).toContain(word);
      expect(await storedText(f, f.text)).toContain(word);
    }
    expect(honest.of(f.text, "close")).toEqual([]);
    expect(honest.isOpen).toBe(true);
    g.close();
    honest.close();
  });
});
