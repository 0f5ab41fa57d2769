import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type SecurityFixture, startSecurityFixture } from "../security/fixture.ts";
import { frames, RawClient, textEdit } from "../security/rawClient.ts";
import { eventually } from "../utils/server.ts";

interface Saved {
  type: string;
  stateVector: string;
  scope?: string;
}

const savedOf = (c: RawClient, doc: string, since = 0): Saved[] =>
  (c.of(doc, "stateless", since) as { payload: string }[])
    .map((m) => JSON.parse(m.payload) as Saved)
    .filter((m) => m.type === "saved");

const vector = (m: Saved) => Y.decodeStateVector(Buffer.from(m.stateVector, "base64"));

/// Issue 16: `saved` goes to the connection whose edits it covers, with the
/// clocks of its own client ids only — not the whole state vector to everyone.
describe("saved: to the writer, compact", () => {
  let f: SecurityFixture;

  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("the writer hears its own clock; a viewer and another editor hear nothing per keystroke", async () => {
    const writer = await RawClient.open(f.server.wsUrl);
    await writer.auth(f.text, f.users.editor.token);
    const mine = await writer.load(f.text);
    const viewer = await RawClient.open(f.server.wsUrl);
    await viewer.auth(f.text, f.users.viewer.token);
    await viewer.load(f.text);
    const other = await RawClient.open(f.server.wsUrl);
    await other.auth(f.text, f.users.owner.token);
    await other.load(f.text);
    // Each joined with the whole durable vector (what every reader expects).
    await eventually(() => {
      for (const c of [writer, viewer, other])
        expect(savedOf(c, f.text).map((m) => m.scope)).toContain("all");
    });
    const since = {
      writer: writer.received.length,
      viewer: viewer.received.length,
      other: other.received.length,
    };

    for (let i = 0; i < 5; i++) writer.send(frames.update(f.text, textEdit(mine, `[k${i}]`)));
    const clock = Y.getState(mine.store, mine.clientID);
    await eventually(() => {
      const last = savedOf(writer, f.text, since.writer).at(-1);
      expect(last?.scope).toBe("own");
      expect(vector(last!).get(mine.clientID)).toBe(clock);
    });
    // Compact: only the writer's own client id.
    for (const m of savedOf(writer, f.text, since.writer))
      expect([...vector(m).keys()]).toEqual([mine.clientID]);
    // The others received the edits, and no `saved` for them.
    const theirs = await other.load(f.text);
    expect(theirs.getXmlFragment("prosemirror").toString()).toContain("[k4]");
    expect(savedOf(viewer, f.text, since.viewer)).toEqual([]);
    expect(savedOf(other, f.text, since.other)).toEqual([]);
    for (const c of [writer, viewer, other]) c.close();
  });
});
