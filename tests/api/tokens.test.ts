import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CloseEvents, documentName } from "@glossa/protocol";
import { PostgresStore, verifyApiToken } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawClient } from "../security/rawClient.ts";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { call } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/// Runs the real `glossa` command line in its own process.
async function glossa(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "apps/server/src/cli.ts", ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/// API tokens: made by a person, used by a script with no password, scoped
/// to documents and a role ceiling, stored hashed, revoked at once.
describe("API tokens", () => {
  let server: TestServer;
  let alice: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await server.addUser("Alice Counsel", { role: "owner" });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("lets a script with only a token create a document, annotate it by quote and export it; revoking cuts its websocket", async () => {
    const made = await call(server, alice.token, "POST", "/api/tokens", {
      name: "docketing script",
      role: "editor",
    });
    expect(made.status).toBe(201);
    const token: string = made.json.token;
    expect(token).toMatch(/^glsa_/);
    expect(made.json).toMatchObject({
      name: "docketing script",
      ceiling: "editor",
      documents: null,
    });

    // The script: nothing but the token.
    const doc = await call(server, token, "POST", "/api/documents", {
      title: "Docket note",
      text: "The hearing is set for 12 March. Counsel must file the brief before the hearing.",
    });
    expect(doc.status).toBe(201);
    const id: string = doc.json.id;
    const ann = await call(server, token, "POST", `/api/documents/${id}/annotations`, {
      exact: "file the brief",
      kind: "issue",
      body: "Deadline: 5 March.",
    });
    expect(ann.status).toBe(201);
    const md = await call(server, token, "GET", `/api/documents/${id}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.text).toContain("file the brief");
    expect(md.text).toContain("Deadline: 5 March.");
    // The token acts as an editor at most, though its person owns the document.
    const got = await call(server, token, "GET", `/api/documents/${id}`);
    expect(got.json.role).toBe("editor");
    expect((await call(server, token, "DELETE", `/api/documents/${id}`)).status).toBe(403);
    // A token cannot mint sign-in tokens or other API tokens.
    expect((await call(server, token, "POST", "/api/token")).status).toBe(403);
    expect((await call(server, token, "GET", "/api/tokens")).status).toBe(403);
    expect((await call(server, token, "POST", "/api/tokens", { name: "x" })).status).toBe(403);

    // A live websocket on the token…
    const c = await RawClient.open(server.wsUrl);
    expect((await c.auth(documentName(id), token)).ok).toBe(true);
    await c.load(documentName(id));
    // …is cut when its person revokes the token, by the access re-check
    // that follows (every 500 ms, AccessExtension): counted in re-checks,
    // each of which reads the store's access version once, not in wall-clock
    // time. Two re-checks started after the revocation (one may have read
    // the version just before it) are within a second; a re-check that did
    // not follow the access version would leave it to the 30 s full check
    // (about 60 re-checks).
    const store = server.glossa.store;
    const read = store.accessVersion.bind(store);
    let rechecks = 0;
    store.accessVersion = () => {
      rechecks++;
      return read();
    };
    let rechecksAtCut = -1;
    const cut = c.closed.then((e) => {
      rechecksAtCut = rechecks;
      return e;
    });
    const revoked = await call(server, alice.token, "DELETE", `/api/tokens/${made.json.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toBeTruthy();
    const closed = await cut;
    store.accessVersion = read;
    expect(closed.code).toBe(CloseEvents.Unauthorized.code);
    expect(rechecksAtCut).toBeLessThanOrEqual(2);
    expect((await call(server, token, "GET", `/api/documents/${id}`)).status).toBe(401);

    // The list shows it revoked and used, never its secret.
    const list = await call(server, alice.token, "GET", "/api/tokens");
    const entry = list.json.tokens.find((t: { id: string }) => t.id === made.json.id);
    expect(entry).toMatchObject({ name: "docketing script", revokedAt: expect.any(String) });
    expect(entry.lastUsedAt).toEqual(expect.any(String));
    expect(list.text).not.toContain(token.split(".")[1]);
    // Not among the sign-in sessions.
    const sessions = await call(server, alice.token, "GET", "/api/sessions");
    expect(sessions.json.sessions.some((s: { id: string }) => s.id === made.json.id)).toBe(false);
  });

  it("keeps a token to its documents and ceiling, over HTTP and the websocket", async () => {
    const other = await call(server, alice.token, "POST", "/api/documents", {
      title: "Private memo",
      text: "Not for the script.",
    });
    const made = await call(server, alice.token, "POST", "/api/tokens", {
      name: "reader",
      documents: [server.letterId],
      role: "viewer",
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(made.status).toBe(201);
    const token: string = made.json.token;
    const letter = await call(server, token, "GET", `/api/documents/${server.letterId}`);
    expect(letter.status).toBe(200);
    expect(letter.json.role).toBe("viewer");
    expect((await call(server, token, "GET", `/api/documents/${other.json.id}`)).status).toBe(404);
    const listed = await call(server, token, "GET", "/api/documents");
    expect(listed.json.documents.map((d: { id: string }) => d.id)).toEqual([server.letterId]);
    const ann = await call(server, token, "POST", `/api/documents/${server.letterId}/annotations`, {
      exact: "Mexico",
      kind: "comment",
      body: "x",
    });
    expect(ann.status).toBe(403);
    expect(
      (await call(server, token, "POST", "/api/documents", { title: "t", text: "t" })).status,
    ).toBe(403);
    // The websocket: read-only on its document, refused on another.
    const c = await RawClient.open(server.wsUrl);
    expect(await c.auth(documentName(server.letterId), token)).toEqual({
      ok: true,
      scope: "readonly",
    });
    const d = await RawClient.open(server.wsUrl);
    expect((await d.auth(documentName(other.json.id), token)).ok).toBe(false);
    c.close();
    d.close();
  });

  it("refuses bad requests with the field named, and stores only a hash", async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /"name"/],
      [{ name: "x", role: "admin" }, /"role"/],
      [{ name: "x", documents: ["nosuchdocument0"] }, /"documents"/],
      [{ name: "x", documents: [] }, /"documents"/],
      [{ name: "x", expiresAt: "2001-01-01T00:00:00Z" }, /"expiresAt"/],
      [{ name: "x", scope: "all" }, /"scope"/],
    ];
    for (const [body, message] of cases) {
      const r = await call(server, alice.token, "POST", "/api/tokens", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code).toBe("bad_request");
      expect(r.json.error.message).toMatch(message);
    }
    const made = await call(server, alice.token, "POST", "/api/tokens", { name: "hashed" });
    const secret = (made.json.token as string).split(".")[1]!;
    const row = await server.glossa.store.getApiToken(made.json.id);
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    // A forged secret for a real id is refused.
    expect(
      (await call(server, `glsa_${made.json.id}.${"A".repeat(43)}`, "GET", "/api/me")).status,
    ).toBe(401);
    // Another person cannot revoke it.
    const bob = await server.addUser("Bob Other");
    expect((await call(server, bob.token, "DELETE", `/api/tokens/${made.json.id}`)).status).toBe(
      404,
    );
  });

  it("glossa token create / list / revoke on the server's data; the token works at once", async () => {
    const env = { DATA_DIR: server.dataDir, GLOSSA_QUIET: "1" };
    const create = await glossa(
      env,
      "token",
      "create",
      alice.email,
      "cli token",
      "--role",
      "annotator",
      "--days",
      "7",
    );
    expect(create.code, create.stderr).toBe(0);
    const token = create.stdout.trim();
    expect(token).toMatch(/^glsa_[^\s]+$/);
    expect(create.stderr).toContain("shown only now");
    const me = await call(server, token, "GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.json.email).toBe(alice.email);
    const list = await glossa(env, "token", "list", alice.email);
    expect(list.code).toBe(0);
    const line = list.stdout.split("\n").find((l) => l.includes("cli token"))!;
    expect(line).toContain("annotator");
    const id = line.split("\t")[0]!;
    // Hex ids: a base64url id could begin with "-" and read as an option below.
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const revoke = await glossa(env, "token", "revoke", alice.email, id);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect((await call(server, token, "GET", "/api/me")).status).toBe(401);
    expect((await glossa(env, "token", "create", alice.email)).code).toBe(2);
    expect((await glossa(env, "token", "create", alice.email, "n", "--role", "boss")).code).toBe(2);
    expect((await glossa(env, "token", "revoke", alice.email, "nope")).code).toBe(1);
  });

  it("stores tokens in PostgreSQL alike", async () => {
    const db = await createDatabase("glossa_tokens");
    const store = await PostgresStore.open(db.url);
    try {
      const { createApiToken } = await import("@glossa/server");
      await store.createUser({
        id: "u1",
        email: "p@example.org",
        name: "P",
        passwordHash: null,
        createdAt: new Date().toISOString(),
      });
      const made = await createApiToken(store, "u1", {
        name: "pg",
        documents: ["d1", "d2"],
        ceiling: "annotator",
        expiresAt: null,
      });
      const found = await verifyApiToken(store, made.token);
      expect(found?.record).toMatchObject({
        name: "pg",
        documents: ["d1", "d2"],
        ceiling: "annotator",
      });
      expect((await store.listApiTokens("u1")).map((t) => t.id)).toEqual([made.record.id]);
      expect(await store.revokeSession("u1", made.record.id)).toBe(true);
      expect(await verifyApiToken(store, made.token)).toBeNull();
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
