import type { CollabSession } from "@glossa/collab";
import { CloseEvents } from "@glossa/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { connect, sessionText, typeBefore } from "../versions/helpers.ts";

/// Counts the server's refusals of text updates (it logs each one).
function countRefusals(): { count: () => number; restore: () => void } {
  let n = 0;
  const original = console.warn;
  const spy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (String(args[0]).includes("refused an update")) n++;
    else original(...args);
  });
  return { count: () => n, restore: () => spy.mockRestore() };
}

/// What the real client does after each refusal of a text change
/// (docs/protocol.md §8): one it can recover from is recovered; one it
/// cannot ends in a lasting "Not saved" with the reason, the words kept
/// here, and the change not sent again.
describe("refusals of text changes, with the real client", () => {
  describe("a change that does not fit the document (4422)", () => {
    let server: TestServer;
    let editor: TestUser;
    let session: CollabSession | null = null;
    beforeAll(async () => {
      server = await startTestServer();
      editor = await server.addUser("Ines Invalid", { role: "editor" });
    });
    afterEach(() => session?.destroy());
    afterAll(() => server.destroy());

    it("ends in a lasting 'Not saved' with the reason and the words, not re-sent on reconnecting", async () => {
      const refusals = countRefusals();
      try {
        session = connect(server, editor, server.letterId);
        const s = session;
        const closes: string[] = [];
        s.text.on("close", ({ event }: { event: { reason: string } }) => closes.push(event.reason));
        await eventually(() => expect(s.saveState.status).toBe("saved"));
        // A block the schema does not know (as a local copy written by
        // another version of the app could hold), then words typed after it.
        s.ydoc.transact(() => s.fragment.insert(1, [new Y.XmlElement("bogus")]));
        typeBefore(s, "Remain in Mexico", "[typed after the refused change] ");
        await eventually(() => expect(s.saveState.status).toBe("unsaved"));
        expect(s.saveState.message).toBe(CloseEvents.InvalidChange.reason);
        expect(s.unsavedText()).toContain("[typed after the refused change]");
        expect(refusals.count()).toBe(1);
        expect(closes).toEqual([CloseEvents.InvalidChange.reason]);

        // The server restarts and the client reconnects: the refused change
        // is not sent again (it would be refused again, on every reconnect),
        // and the status stays.
        server = await server.restart();
        await eventually(() => expect(s.socket.status).toBe("connected"), 20_000);
        // The annotations document joined again: the text would have too.
        await eventually(() => expect(s.annotations.isSynced).toBe(true), 20_000);
        await new Promise((r) => setTimeout(r, 3_000));
        expect(refusals.count()).toBe(1);
        expect(s.saveState).toMatchObject({
          status: "unsaved",
          message: CloseEvents.InvalidChange.reason,
        });
        expect(sessionText(s)).toContain("[typed after the refused change]");
        const content = await call(
          server,
          editor.token,
          "GET",
          `/api/documents/${server.letterId}/content`,
        );
        expect(content.text).not.toContain("[typed after the refused change]");
      } finally {
        refusals.restore();
      }
    }, 60_000);
  });

  describe("over the connection's messages per second (4429)", () => {
    let server: TestServer;
    let editor: TestUser;
    beforeAll(async () => {
      server = await startTestServer({ env: { MESSAGES_PER_SECOND: "2" } });
      editor = await server.addUser("Rafa Rapid", { role: "editor" });
    });
    afterAll(() => server.destroy());

    it("is recovered: the words are sent again a moment later and saved", async () => {
      const s = connect(server, editor, server.letterId);
      const closes: string[] = [];
      s.text.on("close", ({ event }: { event: { reason: string } }) => closes.push(event.reason));
      try {
        await eventually(() => expect(s.saveState.status).toBe("saved"));
        // Ten keystrokes at once: more messages than the connection may send.
        for (let i = 0; i < 10; i++) typeBefore(s, "Remain in Mexico", `${i}`);
        await eventually(() => expect(closes).toContain(CloseEvents.RateLimited.reason), 15_000);
        await eventually(() => expect(s.saveState.status).toBe("saved"), 30_000);
        const content = await call(
          server,
          editor.token,
          "GET",
          `/api/documents/${server.letterId}/content`,
        );
        expect(content.text).toContain("0123456789Remain in Mexico");
      } finally {
        s.destroy();
      }
    }, 60_000);
  });
});
