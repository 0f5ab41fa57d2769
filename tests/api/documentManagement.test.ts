import type { CollabSession } from "@glossa/collab";
import { CloseEvents, documentName } from "@glossa/protocol";
import { openVersionStore, PostgresStore, SqliteStore } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { connect, sessionText, typeBefore } from "../versions/helpers.ts";
import { call } from "./helpers.ts";

const DAY = 24 * 60 * 60 * 1000;
const MEMO = [
  "The applicant, Ms. Rodríguez, fled Tapachula after threats.",
  "Return to Mexico would expose her to persecution contrary to non-refoulement.",
].join("\n\n");

/// Rename, trash, restore, purge, duplicate, search and the list with last
/// edits — through the real server on SQLite and on PostgreSQL, with the
/// roles checked on the server.
describe.each(["sqlite", "postgres"] as const)("document management (%s)", (backend) => {
  let server: TestServer;
  let dropDb: (() => Promise<void>) | null = null;
  let editor: TestUser;
  let annotator: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let memo: string;
  const sessions: CollabSession[] = [];

  const doc = (path = "") => `/api/documents/${memo}${path}`;
  const share = (u: TestUser, role: "editor" | "annotator" | "viewer", id = memo) =>
    server.glossa.store.setShare({
      documentId: id,
      userId: u.id,
      role,
      grantedBy: null,
      grantedAt: new Date().toISOString(),
    });
  /// Creates a document owned by the holder of `token`.
  const create = async (token: string, title: string, text: string) => {
    const r = await call(server, token, "POST", "/api/documents", { title, text });
    expect(r.status).toBe(201);
    return r.json.id as string;
  };
  const titles = async (token: string, query = "") =>
    (await call(server, token, "GET", `/api/documents${query}`)).json.documents.map(
      (d: { title: string }) => d.title,
    );
  const open = async (user: TestUser, id: string) => {
    const s = connect(server, user, id);
    sessions.push(s);
    await eventually(() => expect(s.text.isSynced && s.annotations.isSynced).toBe(true));
    return s;
  };

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (backend === "postgres") {
      const db = await createDatabase("glossa_docs");
      dropDb = db.drop;
      env = { DATABASE_URL: db.url };
    }
    server = await startTestServer({ env });
    editor = await server.addUser("Eli Editor");
    annotator = await server.addUser("Ana Annotator");
    viewer = await server.addUser("Vera Viewer");
    stranger = await server.addUser("Stan Stranger");
    memo = await create(server.ownerToken, "Memo on parole", MEMO);
    await share(editor, "editor");
    await share(annotator, "annotator");
    await share(viewer, "viewer");
  });
  afterAll(async () => {
    for (const s of sessions) s.destroy();
    await server?.destroy();
    await dropDb?.();
  });

  it("lists title, last edit and by whom; mine apart from shared with me", async () => {
    const e = await open(editor, memo);
    typeBefore(e, "fled Tapachula", "urgently ");
    await eventually(async () => {
      const r = await call(server, server.ownerToken, "GET", "/api/documents");
      const entry = r.json.documents.find((d: { id: string }) => d.id === memo);
      expect(entry.lastEditedBy).toEqual({ id: editor.id, name: "Eli Editor" });
      expect(Date.parse(entry.lastEditedAt)).toBeGreaterThan(Date.now() - 60_000);
    });
    const owner = await call(server, server.ownerToken, "GET", "/api/documents?scope=mine");
    expect(owner.json.documents.map((d: { title: string }) => d.title)).toContain("Memo on parole");
    expect(owner.json.documents.every((d: { mine: boolean }) => d.mine)).toBe(true);
    // Most recently edited first: the memo was just edited, the letter not.
    expect(owner.json.documents[0].id).toBe(memo);

    const shared = await call(server, editor.token, "GET", "/api/documents?scope=shared");
    expect(shared.json.documents).toHaveLength(1);
    expect(shared.json.documents[0]).toMatchObject({ id: memo, role: "editor", mine: false });
    expect(await titles(editor.token, "?scope=mine")).toEqual([]);
    expect(await titles(stranger.token)).toEqual([]);
    const bad = await call(server, editor.token, "GET", "/api/documents?scope=everything");
    expect(bad.status).toBe(400);
  });

  it("renames: owners and editors may, annotators and viewers may not; bad titles refused", async () => {
    for (const u of [annotator, viewer]) {
      const r = await call(server, u.token, "PATCH", doc(), { title: `Renamed by ${u.name}` });
      expect(r.status).toBe(403);
      expect(r.json.error.message).toMatch(/owners and editors can/);
    }
    const s = await call(server, stranger.token, "PATCH", doc(), { title: "Mine now" });
    expect(s.status).toBe(404);
    expect((await call(server, editor.token, "PATCH", doc(), { title: "  " })).status).toBe(400);
    const long = await call(server, editor.token, "PATCH", doc(), { title: "x".repeat(301) });
    expect(long.status).toBe(400);
    expect(long.json.error.message).toMatch(/at most 300 characters/);
    const ok = await call(server, editor.token, "PATCH", doc(), {
      title: "Memo on\nparole \u0007(revised)",
    });
    expect(ok.status).toBe(200);
    expect(ok.json.title).toBe("Memo on parole (revised)");
    const meta = await call(server, viewer.token, "GET", doc());
    expect(meta.json.title).toBe("Memo on parole (revised)");
    expect(meta.json.capabilities).toMatchObject({ rename: false, delete: false });
  });

  it("searches titles and text, ignoring case and accents, only among documents one may open", async () => {
    const secret = await create(
      stranger.token,
      "Stan's private notes",
      "Rodriguez asylum strategy",
    );
    const byText = await call(server, viewer.token, "GET", "/api/documents?q=RODRIGUEZ");
    expect(byText.status).toBe(200);
    expect(byText.json.documents.map((d: { id: string }) => d.id)).toEqual([memo]);
    const hit = byText.json.documents[0];
    expect(hit.match).toBe("text");
    expect(hit.snippet.text.slice(hit.snippet.start, hit.snippet.end)).toBe("Rodríguez");
    // The stranger finds his own document, not the memo he was not given.
    const his = await call(server, stranger.token, "GET", "/api/documents?q=rodr%C3%ADguez");
    expect(his.json.documents.map((d: { id: string }) => d.id)).toEqual([secret]);
    expect(await titles(server.ownerToken, "?q=private")).toEqual([]);
    expect(await titles(viewer.token, "?q=PAROLE")).toEqual(["Memo on parole (revised)"]);
    // Words typed live become searchable once recorded.
    await eventually(async () =>
      expect(await titles(viewer.token, "?q=urgently%20fled")).toEqual([
        "Memo on parole (revised)",
      ]),
    );
    // LIKE wildcards are searched as characters.
    expect(await titles(viewer.token, "?q=%25")).toEqual([]);
    expect(await titles(viewer.token, "?q=_")).toEqual([]);
    const letter = await call(server, server.ownerToken, "GET", "/api/documents?q=ebrard");
    expect(letter.json.documents[0]).toMatchObject({ id: server.letterId, match: "text" });
    const tooLong = await call(server, viewer.token, "GET", `/api/documents?q=${"a".repeat(201)}`);
    expect(tooLong.status).toBe(400);
  });

  it("duplicates with the annotations, owned by whoever made the copy", async () => {
    const made = await call(server, annotator.token, "POST", doc("/annotations"), {
      exact: "non-refoulement",
      kind: "comment",
      body: "Cite art. 33(1) of the Refugee Convention.",
    });
    expect(made.status).toBe(201);
    const r = await call(server, viewer.token, "POST", doc("/duplicate"));
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ title: "Copy of Memo on parole (revised)", role: "owner" });
    const copy = r.json.id as string;
    expect(copy).not.toBe(memo);

    const [a, b] = await Promise.all(
      [memo, copy].map((id) => call(server, viewer.token, "GET", `/api/documents/${id}/content`)),
    );
    expect(b.json.text).toBe(a.json.text);
    expect(b.json.text).toContain("urgently fled");
    const anns = await call(server, viewer.token, "GET", `/api/documents/${copy}/annotations`);
    expect(anns.json.annotations).toHaveLength(1);
    const [ann] = anns.json.annotations;
    expect(ann).toMatchObject({ id: made.json.id, kind: "comment" });
    expect(ann.author.name).toBe("Ana Annotator");
    expect(ann.messages[0].body).toBe("Cite art. 33(1) of the Refugee Convention.");
    expect(ann.anchor).toMatchObject({ status: "attached", text: "non-refoulement" });

    // The copy is the viewer's own: she may annotate and rename it; the
    // people of the original have no access to it.
    const reply = await call(
      server,
      viewer.token,
      "POST",
      `/api/documents/${copy}/annotations/${ann.id}/replies`,
      { body: "Added in my copy." },
    );
    expect(reply.status).toBe(201);
    const mine = await call(server, viewer.token, "GET", "/api/documents?scope=mine");
    expect(mine.json.documents.map((d: { id: string }) => d.id)).toEqual([copy]);
    expect((await call(server, editor.token, "GET", `/api/documents/${copy}`)).status).toBe(404);
    const original = await call(server, viewer.token, "GET", doc("/annotations"));
    expect(original.json.annotations[0].messages).toHaveLength(1);

    const named = await call(server, viewer.token, "POST", doc("/duplicate"), {
      title: "Parole memo — my working copy",
    });
    expect(named.json.title).toBe("Parole memo — my working copy");
    const none = await call(server, stranger.token, "POST", doc("/duplicate"));
    expect(none.status).toBe(404);
  });

  it("only an owner moves to the trash; live connections are closed at once and refused after", async () => {
    for (const u of [editor, annotator, viewer]) {
      const r = await call(server, u.token, "DELETE", doc());
      expect(r.status).toBe(403);
      expect(r.json.error.message).toMatch(/Only an owner/);
    }
    expect((await call(server, stranger.token, "DELETE", doc())).status).toBe(404);

    const invite = await call(server, server.ownerToken, "POST", doc("/invites"), {
      role: "viewer",
    });
    const code = (invite.json.path as string).split("=")[1];
    const live = await open(annotator, memo);
    const r = await call(server, server.ownerToken, "DELETE", doc());
    expect(r.status).toBe(200);
    expect(Date.parse(r.json.purgeAt) - Date.parse(r.json.deletedAt)).toBe(30 * DAY);
    await eventually(() =>
      expect(live.saveState).toMatchObject({
        status: "error",
        message: CloseEvents.DocumentDeleted.reason,
      }),
    );
    const late = connect(server, editor, memo);
    sessions.push(late);
    await eventually(() =>
      expect(late.saveState).toMatchObject({
        status: "error",
        message: CloseEvents.DocumentDeleted.reason,
      }),
    );
    expect(await titles(editor.token)).toEqual([]);
    expect(await titles(viewer.token, "?q=parole")).not.toContain("Memo on parole (revised)");

    // Every endpoint refuses it, saying why to those who had access.
    for (const path of ["", "/content", "/annotations", "/versions", "/export?format=docx"]) {
      const g = await call(server, editor.token, "GET", doc(path));
      expect(g.status, path).toBe(410);
      expect(g.json.error.code).toBe("in_trash");
      expect(g.json.error.message).toMatch(/moved to the trash/);
      expect((await call(server, stranger.token, "GET", doc(path))).status, path).toBe(404);
    }
    const ann = await call(server, annotator.token, "POST", doc("/annotations"), {
      exact: "Tapachula",
      kind: "comment",
    });
    expect(ann.status).toBe(410);
    expect((await call(server, editor.token, "PATCH", doc(), { title: "x" })).status).toBe(410);
    // Its invitations wait, unused, until it is restored.
    const accept = await call(server, stranger.token, "POST", "/api/invites/accept", { code });
    expect(accept.status).toBe(410);
    expect(accept.json.error.message).toMatch(/moved to the trash/);
    expect(await server.glossa.store.getRoleInTrash(memo, stranger.id)).toBeNull();
  });

  it("the trash lists it for owners; only an owner restores it, and it opens again", async () => {
    const trash = await call(server, server.ownerToken, "GET", "/api/trash");
    expect(trash.json.documents).toHaveLength(1);
    expect(trash.json.documents[0]).toMatchObject({
      id: memo,
      title: "Memo on parole (revised)",
      deletedBy: { name: expect.any(String) },
    });
    expect((await call(server, editor.token, "GET", "/api/trash")).json.documents).toEqual([]);
    const byEditor = await call(server, editor.token, "POST", `/api/trash/${memo}/restore`);
    expect(byEditor.status).toBe(403);
    expect(byEditor.json.error.message).toMatch(/Only an owner/);
    const byStranger = await call(server, stranger.token, "POST", `/api/trash/${memo}/restore`);
    expect(byStranger.status).toBe(404);
    expect((await call(server, editor.token, "DELETE", `/api/trash/${memo}`)).status).toBe(403);

    const ok = await call(server, server.ownerToken, "POST", `/api/trash/${memo}/restore`);
    expect(ok.status).toBe(200);
    expect(await titles(editor.token)).toEqual(["Memo on parole (revised)"]);
    const e = await open(editor, memo);
    expect(sessionText(e)).toContain("urgently fled Tapachula");
    const again = await call(server, server.ownerToken, "POST", `/api/trash/${memo}/restore`);
    expect(again.status).toBe(404);
  });

  it("purges after 30 days everything stored for the document, and on start", async () => {
    const id = await create(server.ownerToken, "Draft to discard", "Nothing to keep here.");
    await share(editor, "editor", id);
    const ann = await call(server, server.ownerToken, "POST", `/api/documents/${id}/annotations`, {
      exact: "Nothing",
      kind: "comment",
    });
    expect(ann.status).toBe(201);
    const v = await call(server, server.ownerToken, "POST", `/api/documents/${id}/versions`, {
      name: "First",
    });
    expect(v.status).toBe(201);
    expect((await call(server, server.ownerToken, "DELETE", `/api/documents/${id}`)).status).toBe(
      200,
    );
    const { store, library } = server.glossa;
    expect(await library.purgeExpired(Date.now() + 29 * DAY)).toEqual([]);
    expect(await library.purgeExpired(Date.now() + 31 * DAY)).toEqual([id]);
    expect(await store.getDocument(id)).toBeNull();
    expect(await store.loadParts(documentName(id))).toEqual([]);
    expect(await store.loadParts(documentName(id, "annotations"))).toEqual([]);
    expect(await store.listShares(id)).toEqual([]);
    expect(await openVersionStore(store).listVersions(id)).toEqual([]);
    expect(await openVersionStore(store).listClients(id)).toEqual([]);
    expect(await store.listTrashFor((await store.listUsers())[0]!.id)).toEqual([]);
    expect((await call(server, editor.token, "GET", `/api/documents/${id}`)).status).toBe(404);

    // A document deleted 31 days ago by an earlier run is purged when the server starts.
    const old = await create(server.ownerToken, "Old draft", "Deleted long ago.");
    const at = new Date(Date.now() - 31 * DAY).toISOString();
    expect(await store.trashDocument(old, editor.id, at)).toBe(true);
    for (const s of sessions) s.destroy();
    sessions.length = 0;
    server = await server.restart();
    await eventually(async () => expect(await server.glossa.store.getDocument(old)).toBeNull());
    expect((await server.glossa.store.getDocument(memo))?.title).toBe("Memo on parole (revised)");
  });

  it("deletes for good from the trash (owners only)", async () => {
    const id = await create(server.ownerToken, "Mistake", "Typed by mistake.");
    await call(server, server.ownerToken, "DELETE", `/api/documents/${id}`);
    const r = await call(server, server.ownerToken, "DELETE", `/api/trash/${id}`);
    expect(r.status).toBe(200);
    expect(await server.glossa.store.getDocument(id)).toBeNull();
    expect((await call(server, server.ownerToken, "GET", "/api/trash")).json.documents).toEqual([]);
  });

  it("adds the new columns to a store made by an earlier version, keeping its documents", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const old =
      "CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT)";
    const row = ["olddoc001", "Letter of 2018", "2018-12-21T00:00:00.000Z", null];
    if (backend === "sqlite") {
      const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-old-"));
      const { createRequire } = await import("node:module");
      // The server's own SQLite driver (the tests package does not depend on it).
      const Database = createRequire(new URL("../../apps/server/package.json", import.meta.url))(
        "better-sqlite3",
      );
      const db = new Database(path.join(dir, "glossa.sqlite"));
      db.exec(old);
      db.prepare("INSERT INTO documents VALUES (?, ?, ?, ?)").run(...row);
      db.close();
      const store = new SqliteStore(dir);
      try {
        expect(await store.getDocument("olddoc001")).toMatchObject({
          title: "Letter of 2018",
          deletedAt: null,
          lastEditedAt: null,
        });
        expect(await store.listDocumentsWithoutText()).toEqual(["olddoc001"]);
        expect(await store.trashDocument("olddoc001", "someone", new Date().toISOString())).toBe(
          true,
        );
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      const db = await createDatabase("glossa_docs");
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query(old);
      await client.query("INSERT INTO documents VALUES ($1, $2, $3, $4)", row);
      await client.end();
      const store = await PostgresStore.open(db.url);
      try {
        expect(await store.getDocument("olddoc001")).toMatchObject({
          title: "Letter of 2018",
          deletedAt: null,
        });
        expect(await store.listDocumentsWithoutText()).toEqual(["olddoc001"]);
      } finally {
        await store.close();
        await db.drop();
      }
    }
  });
});
