import { CollabSession } from "@glossa/collab";
import { documentName } from "@glossa/protocol";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

/// A client socket that counts the frames it sends and receives, and keeps
/// the address and message type of each frame it sends.
class CountingSocket extends WebSocket {
  static sent = 0;
  static received = 0;
  static frames: { doc: string; type: number }[] = [];
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("message", () => CountingSocket.received++);
  }
  override send(data: unknown, ...rest: unknown[]): void {
    CountingSocket.sent++;
    const d = decoding.createDecoder(new Uint8Array(data as ArrayBufferLike));
    CountingSocket.frames.push({ doc: decoding.readVarString(d), type: decoding.readVarUint(d) });
    (WebSocket.prototype.send as (...a: unknown[]) => void).call(this, data, ...rest);
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/// Issue 16 (many documents): every client asked the server for an answer
/// every 2 s (a sync request on the annotations document: two frames in and
/// two out per client through every hook), so at ~600 idle clients the
/// server had no time left to answer within the clients' 6 s, and they all
/// reconnected. The server now sends each websocket one `keepalive` every
/// 2 s and an idle client sends nothing for liveness. Counted, not timed.
describe("foundation: liveness without a message per client", () => {
  let server: TestServer;
  let reader: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    reader = await server.addUser("Rita Reader", { role: "viewer" });
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it("an idle session sends no heartbeat and stays connected on the server's keepalives", async () => {
    const session = new CollabSession({
      url: server.wsUrl,
      documentId: server.letterId,
      token: () => reader.token,
      user: { id: reader.id, name: reader.name, color: "#000000" },
      WebSocketPolyfill: CountingSocket,
    });
    let drops = 0;
    session.socket.on("disconnect", () => drops++);
    try {
      await eventually(
        () => expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
        30_000,
      );
      // Past the presence sent once synced.
      await wait(1_000);
      const sent0 = CountingSocket.sent;
      const received0 = CountingSocket.received;
      // Longer than the 6 s of silence after which a client gives up.
      await wait(8_000);
      const sent = CountingSocket.sent - sent0;
      const received = CountingSocket.received - received0;
      // Before: 4 sync requests and their 4 sync replies in 8 s. Now at
      // most the providers' awareness renewals (each every 15 s).
      expect(sent).toBeLessThanOrEqual(2);
      // The server's keepalives (one each 2 s), nothing asked for them.
      expect(received).toBeGreaterThanOrEqual(3);
      expect(drops).toBe(0);
      expect(session.saveState.status).not.toBe("offline");
    } finally {
      session.destroy();
    }
  }, 60_000);

  /// Presence is the text document's: the annotations document carries no
  /// awareness (it sent an empty state at every sync and every 15 s, each
  /// decoded by the server into a scratch Y.Doc and dropped).
  it("sends presence on the text document only", async () => {
    CountingSocket.frames = [];
    const session = new CollabSession({
      url: server.wsUrl,
      documentId: server.letterId,
      token: () => reader.token,
      user: { id: reader.id, name: reader.name, color: "#000000" },
      WebSocketPolyfill: CountingSocket,
    });
    try {
      await eventually(
        () => expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
        30_000,
      );
      await wait(500);
      const awareness = (name: string) =>
        CountingSocket.frames.filter((f) => f.doc.split("\0")[0] === name && f.type === 1).length;
      expect(awareness(documentName(server.letterId))).toBeGreaterThan(0);
      expect(awareness(documentName(server.letterId, "annotations"))).toBe(0);
    } finally {
      session.destroy();
    }
  }, 60_000);
});
