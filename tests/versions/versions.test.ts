import type { CollabSession } from "@glossa/collab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { connect, createDatabase, deleteWords, sessionText, typeBefore } from "./helpers.ts";

const NEW_WORDS = "Newly drafted sentence by the editor. ";
const ANCHOR = "complementary protection";

/// Named versions, comparisons with authors, restores received live, and
/// who may do what — on SQLite and on PostgreSQL.
describe.each(["sqlite", "postgres"] as const)("versions API (%s)", (backend) => {
  let server: TestServer;
  let dropDb: (() => Promise<void>) | null = null;
  let editor: TestUser;
  let annotator: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let doc: string;
  let session: CollabSession;
  const v = (path = "") => `/api/documents/${doc}/versions${path}`;

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (backend === "postgres") {
      const db = await createDatabase();
      dropDb = db.drop;
      env = { DATABASE_URL: db.url };
    }
    server = await startTestServer({ env });
    doc = server.letterId;
    editor = await server.addUser("Eli Editor", { role: "editor" });
    annotator = await server.addUser("Ana Annotator", { role: "annotator" });
    viewer = await server.addUser("Vera Viewer", { role: "viewer" });
    stranger = await server.addUser("Stan Stranger");
    session = connect(server, editor, doc);
    await eventually(() =>
      expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
    );
  });
  afterAll(async () => {
    session?.destroy();
    await server?.destroy();
    await dropDb?.();
  });

  let first: string;
  let second: string;
  let annotationId: string;
  let onNewWords: string;

  it("saves a named version (owners and editors only) and lists it with who and when", async () => {
    const r = await call(server, server.ownerToken, "POST", v(), { name: "As received" });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      name: "As received",
      kind: "named",
      createdBy: { name: expect.any(String) },
    });
    expect(Date.parse(r.json.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    first = r.json.id;

    for (const u of [annotator, viewer]) {
      const refused = await call(server, u.token, "POST", v(), { name: "Mine" });
      expect(refused.status).toBe(403);
      expect(refused.json.error.message).toMatch(/owners and editors/);
    }
    expect((await call(server, stranger.token, "POST", v(), { name: "x" })).status).toBe(404);
    expect((await call(server, stranger.token, "GET", v())).status).toBe(404);
    expect((await call(server, server.ownerToken, "POST", v(), { name: " " })).status).toBe(400);
    expect((await call(server, server.ownerToken, "POST", v(), { title: "x" })).status).toBe(400);

    const list = await call(server, viewer.token, "GET", v());
    expect(list.status).toBe(200);
    expect(list.json.canManage).toBe(false);
    expect(list.json.versions.map((x: { name: string }) => x.name)).toEqual(["As received"]);
  });

  it("compares a version with now: inserted text with its author, annotations added; marks are not text changes", async () => {
    const created = await call(
      server,
      annotator.token,
      "POST",
      `/api/documents/${doc}/annotations`,
      {
        exact: ANCHOR,
        kind: "comment",
        body: "Define it.",
      },
    );
    expect(created.status).toBe(201);
    annotationId = created.json.id;

    typeBefore(session, "Mexico has historically", NEW_WORDS);
    await eventually(async () => {
      const c = await call(server, viewer.token, "GET", `/api/documents/${doc}/content`);
      expect(c.json.text).toContain(NEW_WORDS);
    });

    // With PostgreSQL the client-id → author row is written asynchronously,
    // a moment after the text: poll until the compare can name the author.
    const cmp = await eventually(async () => {
      const r = await call(
        server,
        viewer.token,
        "GET",
        `/api/documents/${doc}/compare?from=${first}&to=current`,
      );
      expect(r.status).toBe(200);
      const inserts = r.json.text.changes.filter((c: { op: string }) => c.op === "insert");
      expect(inserts.map((c: { text: string }) => c.text).join("")).toBe(NEW_WORDS);
      expect(
        inserts.every((c: { author: { name: string } }) => c.author?.name === "Eli Editor"),
      ).toBe(true);
      return r;
    });
    expect(cmp.json.text.deleted).toBe(0);
    expect(cmp.json.text.inserted).toBe(NEW_WORDS.length);
    expect(cmp.json.text.authors).toEqual([
      { id: editor.id, name: "Eli Editor", inserted: NEW_WORDS.length },
    ]);
    expect(cmp.json.annotations).toEqual([
      expect.objectContaining({
        type: "added",
        annotation: expect.objectContaining({
          id: annotationId,
          quote: ANCHOR,
          body: "Define it.",
        }),
        by: { id: annotator.id, name: "Ana Annotator" },
      }),
    ]);
    expect(cmp.json.notes.join(" ")).toMatch(/deletions carry no author/);
    // The whole text reassembles from the changes.
    const after = cmp.json.text.changes
      .filter((c: { op: string }) => c.op !== "delete")
      .map((c: { text: string }) => c.text)
      .join("");
    expect(after).toBe(
      (await call(server, viewer.token, "GET", `/api/documents/${doc}/content`)).json.text,
    );
  });

  it("views a version read-only with its annotations as they were", async () => {
    const claim = await call(server, editor.token, "POST", `/api/documents/${doc}/annotations`, {
      exact: "Newly drafted sentence",
      kind: "claim",
      body: "Only in the new draft.",
    });
    expect(claim.status).toBe(201);
    onNewWords = claim.json.id;
    const saved = await call(server, editor.token, "POST", v(), { name: "Edited" });
    expect(saved.status).toBe(201);
    second = saved.json.id;

    const old = await call(server, annotator.token, "GET", v(`/${first}`));
    expect(old.status).toBe(200);
    expect(old.json.version.name).toBe("As received");
    expect(old.json.annotations).toEqual([]);
    expect(old.json.text).not.toContain(NEW_WORDS);
    expect(old.json.doc.type).toBe("doc");

    const now = await call(server, annotator.token, "GET", v(`/${second}`));
    expect(now.json.text).toContain(NEW_WORDS);
    const ids = now.json.annotations.map((a: { id: string }) => a.id);
    expect(ids).toEqual([annotationId, onNewWords]);
    const a = now.json.annotations[0];
    expect(a.anchor.status).toBe("attached");
    expect(a.anchor.text).toBe(ANCHOR);
    // The version's document carries the mark over the annotated words.
    expect(JSON.stringify(now.json.doc)).toContain(annotationId);

    // Later changes do not alter the saved version.
    const resolved = await call(
      server,
      annotator.token,
      "PATCH",
      `/api/documents/${doc}/annotations/${annotationId}`,
      {
        resolved: true,
      },
    );
    expect(resolved.status).toBe(200);
    const again = await call(server, annotator.token, "GET", v(`/${second}`));
    expect(again.json.annotations[0].resolved).toBeNull();

    expect((await call(server, viewer.token, "GET", v("/nosuchversion1"))).status).toBe(404);
    expect((await call(server, viewer.token, "GET", v("/bad%20id"))).status).toBe(404);
  });

  it("compares two versions: deletions without an author, resolutions with theirs", async () => {
    deleteWords(session, "however, ");
    await eventually(async () => {
      const c = await call(server, viewer.token, "GET", `/api/documents/${doc}/content`);
      expect(c.json.text).not.toContain("migrants; however, by");
    });
    const cmp = await call(
      server,
      viewer.token,
      "GET",
      `/api/documents/${doc}/compare?from=${second}`,
    );
    expect(cmp.status).toBe(200);
    const deletes = cmp.json.text.changes.filter((c: { op: string }) => c.op === "delete");
    expect(deletes.map((c: { text: string }) => c.text).join("")).toBe("however, ");
    expect(deletes[0]).not.toHaveProperty("author");
    expect(cmp.json.annotations).toEqual([
      expect.objectContaining({
        type: "resolved",
        by: { id: annotator.id, name: "Ana Annotator" },
      }),
    ]);
    const between = await call(
      server,
      viewer.token,
      "GET",
      `/api/documents/${doc}/compare?from=${first}&to=${second}`,
    );
    expect(between.json.from.name).toBe("As received");
    expect(between.json.to.name).toBe("Edited");
    expect(between.json.annotations.map((c: { type: string }) => c.type).sort()).toEqual([
      "added",
      "added",
    ]);

    expect((await call(server, viewer.token, "GET", `/api/documents/${doc}/compare`)).status).toBe(
      400,
    );
    expect(
      (await call(server, viewer.token, "GET", `/api/documents/${doc}/compare?from=missing00`))
        .status,
    ).toBe(404);
  });

  it("restores a version as a forward change every live client receives, recorded in the history", async () => {
    for (const u of [annotator, viewer]) {
      const refused = await call(server, u.token, "POST", v(`/${first}/restore`));
      expect(refused.status).toBe(403);
    }
    expect((await call(server, stranger.token, "POST", v(`/${first}/restore`))).status).toBe(404);
    expect(sessionText(session)).toContain(NEW_WORDS);

    const r = await call(server, editor.token, "POST", v(`/${first}/restore`));
    expect(r.status).toBe(200);
    expect(r.json.restored).toMatchObject({
      kind: "restore",
      name: "Restored “As received”",
      createdBy: { id: editor.id, name: "Eli Editor" },
      restoredFrom: { id: first, name: "As received" },
    });
    expect(r.json.checkpoint).toMatchObject({
      kind: "auto",
      name: "Before restoring “As received”",
    });
    // The thread whose words are back keeps its mark; the one on the new words is detached.
    expect(r.json.annotations.kept).toContain(annotationId);
    expect(r.json.annotations.detached).toEqual([onNewWords]);

    // The connected editor receives the restored text live.
    await eventually(() => {
      const text = sessionText(session);
      expect(text).not.toContain(NEW_WORDS);
      expect(text).toContain("migrants; however, by");
    });
    const original = await call(server, viewer.token, "GET", v(`/${first}`));
    await eventually(async () => {
      const c = await call(server, viewer.token, "GET", `/api/documents/${doc}/content`);
      expect(c.json.text).toBe(original.json.text);
    });

    const anns = await call(server, viewer.token, "GET", `/api/documents/${doc}/annotations`);
    const byId = new Map(anns.json.annotations.map((a: { id: string }) => [a.id, a]));
    expect(
      (byId.get(annotationId) as { anchor: { status: string; text: string } }).anchor,
    ).toMatchObject({
      status: "attached",
      text: ANCHOR,
    });
    await eventually(async () => {
      const a = await call(
        server,
        viewer.token,
        "GET",
        `/api/documents/${doc}/annotations/${onNewWords}`,
      );
      expect(a.json.detached).not.toBeNull();
    });

    const list = await call(server, viewer.token, "GET", v());
    expect(list.json.versions.map((x: { name: string; kind: string }) => [x.kind, x.name])).toEqual(
      [
        ["restore", "Restored “As received”"],
        ["auto", "Before restoring “As received”"],
        ["named", "Edited"],
        ["named", "As received"],
      ],
    );

    // Compared with the version before it, the restore shows the words
    // brought back as the restorer's and the removed ones as deleted.
    const cmp = await call(
      server,
      viewer.token,
      "GET",
      `/api/documents/${doc}/compare?from=${r.json.checkpoint.id}`,
    );
    const inserted = cmp.json.text.changes.filter((c: { op: string }) => c.op === "insert");
    expect(inserted.map((c: { text: string }) => c.text).join("")).toBe("however, ");
    expect(inserted[0].author).toEqual({ id: editor.id, name: "Eli Editor" });
    const deleted = cmp.json.text.changes.filter((c: { op: string }) => c.op === "delete");
    expect(deleted.map((c: { text: string }) => c.text).join("")).toBe(NEW_WORDS);
    expect(cmp.json.annotations).toEqual([expect.objectContaining({ type: "detached" })]);

    // Stored state only grew: the document reloads as restored after a restart.
    const expected = (await call(server, viewer.token, "GET", `/api/documents/${doc}/content`)).json
      .text;
    session.destroy();
    server = await server.restart();
    const reloaded = await call(server, viewer.token, "GET", `/api/documents/${doc}/content`);
    expect(reloaded.json.text).toBe(expected);
    expect((await call(server, viewer.token, "GET", v())).json.versions).toHaveLength(4);
    session = connect(server, editor, doc);
    await eventually(() => expect(session.text.isSynced).toBe(true));
  });

  it("restoring a later version brings a detached thread back onto its words", async () => {
    const r = await call(server, server.ownerToken, "POST", v(`/${second}/restore`));
    expect(r.status).toBe(200);
    // Detached now, its original quote is in that version: its mark comes back.
    expect(r.json.annotations.kept).toEqual(expect.arrayContaining([annotationId, onNewWords]));
    await eventually(() => expect(sessionText(session)).toContain(NEW_WORDS));
    await eventually(async () => {
      const a = await call(
        server,
        viewer.token,
        "GET",
        `/api/documents/${doc}/annotations/${onNewWords}`,
      );
      expect(a.json.detached).toBeNull();
      expect(a.json.anchor).toMatchObject({ status: "attached", text: "Newly drafted sentence" });
    });
    // The restorer is the author of the words the restore brought back.
    const cmp = await call(
      server,
      viewer.token,
      "GET",
      `/api/documents/${doc}/compare?from=${r.json.checkpoint.id}`,
    );
    const inserted = cmp.json.text.changes.filter((c: { op: string }) => c.op === "insert");
    expect(inserted.map((c: { text: string }) => c.text).join("")).toContain(NEW_WORDS);
    expect(new Set(inserted.map((c: { author: { name: string } }) => c.author?.name))).toEqual(
      new Set(["Owner"]),
    );
  });
});
