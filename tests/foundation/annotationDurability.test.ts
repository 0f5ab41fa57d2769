import type { SqliteStore } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { connect } from "../versions/helpers.ts";
import { annotationKillRounds } from "./annotationKill.ts";

const QUOTE = "insurmountable barriers";

/// An annotation is acknowledged (HTTP 201, websocket `annotation-result`
/// ok) only once it is on disk (`pnpm test:fuzz` runs 20 rounds each).
describe("annotations are acknowledged only once saved", () => {
  for (const backend of ["sqlite", "postgres"] as const) {
    it(`${backend}: annotations answered 201 survive a kill right after`, async () => {
      const report = await annotationKillRounds(backend, 2);
      expect(report.rounds).toBe(2);
      expect(report.acknowledged).toBe(10);
      expect(report.lost).toEqual([]);
    }, 240_000);
  }

  describe("while the store cannot write (SQLite database full)", () => {
    let server: TestServer;
    let editor: TestUser;
    beforeAll(async () => {
      server = await startTestServer();
      editor = await server.addUser("Eda Editor", { role: "editor" });
    });
    afterAll(() => server.destroy());

    const post = (body: string) =>
      call(server, editor.token, "POST", `/api/documents/${server.letterId}/annotations`, {
        exact: QUOTE,
        kind: "comment",
        body,
      });

    it("answers 503 with words for the person, and saves again once the store recovers", async () => {
      const db = (server.glossa.store as SqliteStore).db;
      expect((await post("before")).status).toBe(201);
      // A live editor, connected while the store still writes.
      const session = connect(server, editor, server.letterId);
      await eventually(() =>
        expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
      );
      db.exec("CREATE TABLE filler (x BLOB)");
      // SQLite answers SQLITE_FULL ("database or disk is full") past this…
      db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
      // …and the free pages that remain are filled, so the next write needs a new page.
      const fill = db.prepare("INSERT INTO filler VALUES (?)");
      expect(() => {
        for (;;) fill.run(Buffer.alloc(3000));
      }).toThrow(/full/);

      const full = await post("while full");
      expect(full.status).toBe(503);
      expect(full.headers.get("retry-after")).toBeTruthy();
      expect(["not_saved", "storage_unavailable"]).toContain(full.json.error.code);
      expect(full.json.error.message).toMatch(/sav/i);
      // Later requests are refused before anything is changed.
      const refused = await post("still full");
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe("storage_unavailable");
      expect(refused.json.error.message).toMatch(/nothing was changed/);

      // The websocket says so too.
      await expect(
        session.annotate({ op: "create", kind: "comment", quote: QUOTE, from: 0, to: 0 } as never),
      ).rejects.toThrow(/nothing was changed/);

      // Room again: the extension's retry writes what was waiting.
      db.exec("DROP TABLE filler");
      db.pragma("max_page_count = 1073741823");
      await eventually(async () => expect((await post("after")).status).toBe(201), 15_000);
      session.destroy();

      // After a restart, the 201s and the change made while full are there.
      server = await server.restart();
      const list = await call(
        server,
        editor.token,
        "GET",
        `/api/documents/${server.letterId}/annotations`,
      );
      const bodies = list.json.annotations.map(
        (a: { messages: { body: string }[] }) => a.messages[0]?.body,
      );
      expect(bodies).toEqual(expect.arrayContaining(["before", "while full", "after"]));
      expect(bodies).not.toContain("still full");
    }, 120_000);
  });
});
