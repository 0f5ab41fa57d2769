import { CollabSession } from "@glossa/collab";
import { documentName } from "@glossa/protocol";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { annotate } from "../bench/lib/annotate.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";

const COUNT = 1_000;

/// The documents whose sync answer (SyncStep2) a socket received, in order.
class AnswerOrderSocket extends WebSocket {
  static answers: string[] = [];
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("message", (data: ArrayBuffer | Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const name = decoding.readVarString(d);
      // Message type 0 (sync), step 1 (SyncStep2: the answer).
      if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1)
        AnswerOrderSocket.answers.push(name);
    });
  }
}

/// Issue 16: a fresh client of the letter ×10 with 1,000 annotations, the
/// documents not loaded (everyone had left), synced its text 4.4× slower
/// than without annotations. Both documents load a step per turn of the
/// event loop (`loadSteps.ts`); side by side, the annotations document (fewer
/// steps) was answered before the text, and the client applied its 3,000
/// structs before it could read the text. The annotations now wait for
/// their text's load: the text is answered first and is on screen before
/// any annotation record is applied. Counted in messages and records, not
/// timed.
describe("annotations: a fresh sync answers the text first", () => {
  let server: TestServer;
  let id: string;

  beforeAll(async () => {
    server = await startTestServer();
    const g = server.glossa;
    const owner = (await g.store.listUsers())[0]!;
    const letter = letterDoc(10);
    id = (await g.documents.create(letter.title, letter.doc, owner.id)).id;
    await annotate(g.annotations, owner, { id, count: COUNT, seed: 7 });
  }, 300_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it("loads and answers the text before the annotations, whose records arrive after the text is synced", async () => {
    const hp = server.glossa.server.hocuspocus;
    await eventually(() => expect(hp.getDocumentsCount()).toBe(0), 60_000);
    AnswerOrderSocket.answers = [];
    const session = new CollabSession({
      url: server.wsUrl,
      documentId: id,
      token: () => server.ownerToken,
      user: { id: "fresh", name: "Fresh", color: "#000000" },
      WebSocketPolyfill: AnswerOrderSocket,
    });
    try {
      const recordsAtTextSync = new Promise<number>((resolve) =>
        session.text.on("synced", () => resolve(session.annotationsDoc.getMap("annotations").size)),
      );
      await eventually(
        () => expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
        60_000,
      );
      // Before: the annotations' answer came first and every record
      // (annotations and their anchors) was applied before the text.
      expect(AnswerOrderSocket.answers).toEqual([
        documentName(id),
        documentName(id, "annotations"),
      ]);
      expect(await recordsAtTextSync).toBe(0);
      expect(session.annotationList.getSnapshot()).toHaveLength(COUNT);
    } finally {
      session.destroy();
    }
  }, 120_000);
});
