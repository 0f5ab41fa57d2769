import { freshSyncStats } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type SecurityFixture, sleep, startSecurityFixture } from "./fixture.ts";
import { frames, RawClient } from "./rawClient.ts";

/// A fresh client's SyncStep1 is answered by FreshSyncExtension from a kept
/// state, and the message is then made into an awareness query so that
/// Hocuspocus does not answer it again: exactly one SyncStep2 and one
/// server SyncStep1 per request, in Hocuspocus' order (its SyncStep1 first),
/// for a viewer and an editor alike, and the state is the document's whole.
/// A client with state is answered by Hocuspocus with a difference, once.
/// Counted on the wire.
describe("security: a fresh sync is answered once", () => {
  let f: SecurityFixture;
  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  for (const who of ["viewer", "editor"] as const) {
    it(`a ${who}'s empty SyncStep1 gets one SyncStep2 with the whole state, one SyncStep1, and nothing more`, async () => {
      const c = await RawClient.open(f.server.wsUrl);
      expect((await c.auth(f.text, f.users[who].token)).ok).toBe(true);
      const since = c.received.length;
      const answered = freshSyncStats.encoded + freshSyncStats.reused;
      c.send(frames.syncStep1(f.text));
      await c.waitFor((m) => m.doc === f.text && m.kind === "sync" && m.step === 1, 10_000, since);
      expect(freshSyncStats.encoded + freshSyncStats.reused).toBe(answered + 1);
      // Whatever a second answer would be has had time to arrive.
      await sleep(500);
      const sync = c.of(f.text, "sync", since) as { step: number; update: Uint8Array }[];
      expect(sync.map((m) => m.step)).toEqual([0, 1]);
      const got = new Y.Doc();
      Y.applyUpdate(got, sync[1]!.update);
      const live = f.server.glossa.server.hocuspocus.documents.get(f.text)!;
      expect(Y.encodeStateVector(got)).toEqual(Y.encodeStateVector(live));
      expect(got.getXmlFragment("prosemirror").toString()).toBe(
        live.getXmlFragment("prosemirror").toString(),
      );
      // A client that has that state is answered by Hocuspocus, once.
      const again = c.received.length;
      c.send(frames.syncStep1(f.text, Y.encodeStateVector(got)));
      await c.waitFor((m) => m.doc === f.text && m.kind === "sync" && m.step === 1, 10_000, again);
      await sleep(500);
      expect((c.of(f.text, "sync", again) as { step: number }[]).map((m) => m.step)).toEqual([
        0, 1,
      ]);
      c.close();
    });
  }
});
