import { CloseEvents } from "@glossa/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../utils/server.ts";
import { liveText, type SecurityFixture, startSecurityFixture } from "./fixture.ts";
import { frames, RawClient, textEdit } from "./rawClient.ts";

/// The hostile run found the honest document loaded with nobody connected
/// after the forged-id attack: the annotation reconcile its last keystroke
/// scheduled fired after everyone had left and the document was unloaded,
/// and loaded both parts again. Everyone leaving must unload them for good.
describe("security: documents unload once everyone has left", () => {
  let f: SecurityFixture;

  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("after a forged update is refused and everyone leaves, text and annotations unload and stay unloaded", async () => {
    const hp = f.server.glossa.server.hocuspocus;
    const victim = await RawClient.open(f.server.wsUrl);
    await victim.auth(f.text, f.users.editor.token);
    const mine = await victim.load(f.text);
    // Its first write binds its client id to it.
    victim.send(frames.update(f.text, textEdit(mine, "[first]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[first]"));
    const mallory = await RawClient.open(f.server.wsUrl);
    await mallory.auth(f.text, f.users.owner.token);
    const copy = await mallory.load(f.text);
    copy.clientID = mine.clientID;
    mallory.send(frames.update(f.text, textEdit(copy, "[forged]")));
    const close = (await mallory.waitFor((m) => m.kind === "close", 3000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.ForgedChange.reason);

    // The victim's last keystroke schedules a reconcile; everyone leaves at once.
    victim.send(frames.update(f.text, textEdit(mine, "[last]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[last]"));
    victim.close();
    mallory.close();
    await Promise.all([victim.closed, mallory.closed]);

    const loaded = () => [f.text, f.annotations].filter((n) => hp.documents.has(n));
    await eventually(() => expect(loaded()).toEqual([]), 15_000);
    // Watch past the reconcile delay (800 ms): nothing loads them again.
    const seen = new Set<string>();
    for (const until = Date.now() + 3_000; Date.now() < until; ) {
      for (const n of loaded()) seen.add(n);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect([...seen]).toEqual([]);
    expect(hp.getConnectionsCount()).toBe(0);
  });
});
