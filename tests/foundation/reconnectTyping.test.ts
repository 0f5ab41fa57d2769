import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";
import { connect } from "../versions/helpers.ts";

/// A writer whose socket dropped with edits in flight, typing again the
/// moment it is back: the real provider sends that keystroke before its
/// sync reply (which carries the edits the old socket lost). The server's
/// client-id binding refused it as a clock gap (ForgedChange) and every one
/// of those edits was lost; now all of them are saved.
describe("a writer reconnecting while typing", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.destroy());

  it("keeps the edits its dropped socket lost and the keystroke typed on reconnecting", async () => {
    const user = await server.addUser("Rita Reconnect", { role: "editor" });
    const session = connect(server, user, server.letterId);
    await eventually(() => expect(session.text.isSynced).toBe(true));
    const text = () => {
      const el = session.fragment.get(0) as Y.XmlElement;
      return el.get(0) as Y.XmlText;
    };
    const saved: number[] = [];
    session.onMessage((m) => {
      if (m.type !== "saved" || !m.stateVector) return;
      const sv = Y.decodeStateVector(Buffer.from(m.stateVector, "base64"));
      saved.push(sv.get(session.ydoc.clientID) ?? 0);
    });
    const closes: string[] = [];
    session.text.on("close", ({ event }: { event: { reason: string } }) =>
      closes.push(event.reason),
    );

    // The socket goes; edits typed meanwhile are queued, and dropped with
    // the old socket when the provider opens a new one.
    session.socket.disconnect();
    await eventually(() => expect(session.socket.status).toBe("disconnected"));
    closes.length = 0; // the disconnect's own close
    for (const ch of "lost") text().insert(0, ch);
    // Back: a keystroke the moment the server answers, before the sync.
    const typeOnce = () => {
      session.socket.off("connect", typeOnce);
      text().insert(0, "!");
    };
    session.socket.on("connect", typeOnce);
    void session.socket.connect();

    const live = () => server.glossa.server.hocuspocus.documents.get(`doc/${server.letterId}`);
    const mine = () => Y.getState(session.ydoc.store, session.ydoc.clientID);
    await eventually(() => {
      expect(live()?.getXmlFragment("prosemirror").get(0)?.toString() ?? "").toContain("!tsol");
      expect(Math.max(0, ...saved)).toBe(mine());
    }, 15_000);
    expect(closes).toEqual([]);
    session.destroy();
  });
});
