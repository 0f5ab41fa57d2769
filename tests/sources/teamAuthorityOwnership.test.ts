import { afterAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";

const enc = encodeURIComponent;

const report = {
  kind: "report",
  title: "Delivered to Danger",
  url: "https://example.org/delivered-to-danger",
  summary: "Returns to Mexico, documented.",
};
const KEY = "local/report/delivered-to-danger";
const LEGACY = "local/report/legacy-entry";

/// Who may edit and delete a team authority: the person who added it and
/// the administrator, over HTTP against a real server, on SQLite and on
/// PostgreSQL; who added it survives a restart. Adding stays open to owners
/// and editors of any document, and anyone may create a document.
describe.each(["SQLite", "PostgreSQL"] as const)(
  "team authorities: only the adder and the administrator change one (%s)",
  (store) => {
    let server: TestServer;
    let drop: (() => Promise<void>) | null = null;
    let alice: TestUser;
    let bob: TestUser;
    let viewer: TestUser;

    afterAll(async () => {
      await server?.destroy();
      await drop?.();
    });

    it("refuses another curator with 403 and a sentence, before and after a restart", async () => {
      let env: Record<string, string> = {};
      if (store === "PostgreSQL") {
        const db = await createDatabase("glossa_authz");
        drop = db.drop;
        env = { DATABASE_URL: db.url };
      }
      server = await startTestServer({ env });
      alice = await server.addUser("Alice Adder", { role: "editor" });
      bob = await server.addUser("Bob Bystander");
      viewer = await server.addUser("Vic Viewer", { role: "viewer" });
      // Bob has no role on the letter; like anyone, he creates a document of his own.
      const made = await call(server, bob.token, "POST", "/api/documents", {
        title: "Bob's memo",
        text: "",
      });
      expect(made.status).toBe(201);

      const added = await call(server, alice.token, "POST", "/api/sources", report);
      expect(added.status).toBe(201);
      expect(added.json.addedBy).toEqual({ id: alice.id, name: "Alice Adder" });
      const addedAt: string = added.json.addedAt;
      // Bob may still add his own: adding stays as it was.
      expect(
        (await call(server, bob.token, "POST", "/api/sources", { kind: "report", title: "Bob's" }))
          .status,
      ).toBe(201);

      const refused = async () => {
        const edit = await call(server, bob.token, "PATCH", `/api/sources/${enc(KEY)}`, {
          title: "Mine now",
        });
        expect(edit.status).toBe(403);
        expect(edit.json.error.code).toBe("forbidden");
        expect(edit.json.error.message).toBe(
          `Only the person who added "${KEY}" (Alice Adder) or the administrator may edit it; you may still link to it.`,
        );
        const del = await call(server, bob.token, "DELETE", `/api/sources/${enc(KEY)}`);
        expect(del.status).toBe(403);
        expect(del.json.error.message).toMatch(/^Only the person who added .* may delete it/);
        const read = await call(server, viewer.token, "GET", `/api/sources/${enc(KEY)}`);
        expect(read.status).toBe(200);
        expect(read.json.authority.title).toBe("Delivered to Danger");
        expect(read.json.deleted).toBeUndefined();
        expect(read.json).toMatchObject({ addedBy: { id: alice.id }, addedAt });
      };
      await refused();

      // What the app is told to show: buttons for Alice and the administrator only.
      const may = async (token: string) =>
        (await call(server, token, "GET", `/api/sources/${enc(KEY)}`)).json.mayChange;
      expect(await may(alice.token)).toBe(true);
      expect(await may(server.ownerToken)).toBe(true);
      expect(await may(bob.token)).toBe(false);
      expect(await may(viewer.token)).toBe(false);
      const builtin = await call(server, alice.token, "GET", `/api/sources/${enc("usc/8/1225")}`);
      expect(builtin.json.mayChange).toBeUndefined();

      // Who added it is in the store, not in the process: a restart keeps it.
      server = await server.restart();
      await refused();
      expect(await may(alice.token)).toBe(true);
      const edit = await call(server, alice.token, "PATCH", `/api/sources/${enc(KEY)}`, {
        summary: "Human Rights First, 2019.",
      });
      expect(edit.status).toBe(200);
      expect(edit.json).toMatchObject({
        addedBy: { id: alice.id },
        addedAt,
        editedBy: { id: alice.id },
      });
    });

    it("the administrator edits and deletes anyone's", async () => {
      const edit = await call(server, server.ownerToken, "PATCH", `/api/sources/${enc(KEY)}`, {
        title: "Delivered to Danger (2019)",
      });
      expect(edit.status).toBe(200);
      expect(edit.json.addedBy.id).toBe(alice.id);
      const del = await call(server, server.ownerToken, "DELETE", `/api/sources/${enc(KEY)}`);
      expect(del.status).toBe(200);
      const bobs = enc("local/report/bob-s");
      expect((await call(server, alice.token, "DELETE", `/api/sources/${bobs}`)).status).toBe(403);
      expect((await call(server, bob.token, "DELETE", `/api/sources/${bobs}`)).status).toBe(200);
    });

    it("an entry stored without its adder is the administrator's to change", async () => {
      const st = server.glossa.store;
      const raw = JSON.parse((await st.getSetting("sources.team")) ?? "{}");
      raw.entries.push({
        authority: {
          key: LEGACY,
          kind: "report",
          title: "Legacy entry",
          canonical: "Legacy entry",
          jurisdiction: "team",
          urls: [],
        },
      });
      await st.setSetting("sources.team", JSON.stringify(raw));
      server = await server.restart();
      const read = await call(server, alice.token, "GET", `/api/sources/${enc(LEGACY)}`);
      expect(read.status).toBe(200);
      expect(read.json).toMatchObject({ addedBy: { id: "unknown" }, mayChange: false });
      const edit = await call(server, alice.token, "PATCH", `/api/sources/${enc(LEGACY)}`, {
        title: "Taken",
      });
      expect(edit.status).toBe(403);
      expect(edit.json.error.message).toMatch(/\(someone else\) or the administrator/);
      const admin = await call(server, server.ownerToken, "PATCH", `/api/sources/${enc(LEGACY)}`, {
        title: "Legacy entry, checked",
      });
      expect(admin.status).toBe(200);
      // Stored now with the adder it was read with.
      const stored = JSON.parse((await server.glossa.store.getSetting("sources.team")) ?? "{}");
      const entry = stored.entries.find(
        (e: { authority: { key: string } }) => e.authority.key === LEGACY,
      );
      expect(entry.addedBy).toEqual({ id: "unknown", name: "unknown" });
    });
  },
);
