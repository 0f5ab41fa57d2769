import { ENDPOINTS } from "@glossa/api";
import { createSignInCode } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { type ApiResponse, call } from "./helpers.ts";

const key = (method: string, path: string) => `${method} ${path}`;

/// Every endpoint that changes something (every one but GET), called for
/// real on a running server with a body its request schema takes, and its
/// answer validated against the response schema ENDPOINTS gives it. A new
/// write fails the coverage check until it is called here.
describe("every write answers as described", () => {
  let server: TestServer;
  let editor: TestUser;
  let invitee: TestUser;
  /// The real answers, by endpoint pattern.
  const answers: [string, string, ApiResponse][] = [];

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Eli Editor", { role: "editor" });
    invitee = await server.addUser("Ivy Invitee", { role: "viewer" });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  /// Calls `path` (the pattern, `:name` filled from `params`) and keeps the answer.
  async function write(
    token: string | null,
    method: string,
    pattern: string,
    params: Record<string, string>,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse> {
    const path = pattern.replace(/:([A-Za-z]+)/g, (_, n: string) => encodeURIComponent(params[n]!));
    const r = await call(server, token, method, path, body, headers);
    answers.push([method, pattern, r]);
    return r;
  }

  it("creates, changes and deletes documents, trash and the account", async () => {
    const t = server.ownerToken;
    const made = await write(t, "POST", "/api/documents", {}, { title: "Memo", text: "Hello." });
    const id = made.json.id as string;
    await write(t, "PATCH", "/api/documents/:id", { id }, { title: "Memo 2" });
    const copy = await write(t, "POST", "/api/documents/:id/duplicate", { id }, { title: "C" });
    await write(t, "DELETE", "/api/documents/:id", { id: copy.json.id });
    await write(t, "POST", "/api/trash/:id/restore", { id: copy.json.id });
    await call(server, t, "DELETE", `/api/documents/${copy.json.id}`);
    await write(t, "DELETE", "/api/trash/:id", { id: copy.json.id });
    const blank = await call(server, t, "POST", "/api/documents", { title: "Blank", text: "" });
    await write(t, "POST", "/api/documents/:id/import", { id: blank.json.id }, "Imported words.", {
      "Content-Type": "text/plain",
      "X-Filename": "words.txt",
    });

    const login = { email: editor.email, password: editor.password };
    const signedIn = await write(null, "POST", "/api/login", {}, login);
    const code = await createSignInCode(server.glossa.store, editor.id);
    const byCode = await write(null, "POST", "/api/login/code", {}, { code });
    await write(signedIn.json.token, "POST", "/api/token", {});
    const sessions = await call(server, byCode.json.token, "GET", "/api/sessions");
    const other = sessions.json.sessions.find((s: { current: boolean }) => !s.current);
    await write(byCode.json.token, "DELETE", "/api/sessions/:id", { id: other.id });
    await write(byCode.json.token, "DELETE", "/api/sessions", {});
    await write(byCode.json.token, "PATCH", "/api/account/preferences", {}, { language: "en" });
    const newPassword = `${editor.password}-new`;
    const changed = { currentPassword: editor.password, newPassword };
    await write(byCode.json.token, "POST", "/api/account/password", {}, changed);
    await write(byCode.json.token, "POST", "/api/logout", {});
    const link = await write(t, "POST", "/api/users/:id/reset-link", { id: editor.id });
    const resetCode = (link.json.path as string).replace("/#reset=", "");
    const reset = { code: resetCode, password: `${newPassword}-again` };
    await write(null, "POST", "/api/password/reset", {}, reset);
  });

  it("shares, invites and accepts", async () => {
    const t = server.ownerToken;
    const id = server.letterId;
    await write(
      t,
      "POST",
      "/api/documents/:id/shares",
      { id },
      { email: invitee.email, role: "annotator" },
    );
    const invited = { email: "new.person@example.org", role: "viewer" };
    await write(t, "POST", "/api/documents/:id/shares", { id }, invited);
    await write(t, "DELETE", "/api/documents/:id/shares/:userId", { id, userId: invitee.id });
    const made = await write(t, "POST", "/api/documents/:id/invites", { id }, { role: "viewer" });
    await write(t, "DELETE", "/api/documents/:id/invites/:inviteId", {
      id,
      inviteId: made.json.invite.id,
    });
    const open = await call(server, t, "POST", `/api/documents/${id}/invites`, { role: "editor" });
    const code = (open.json.path as string).replace("/#invite=", "");
    await write(null, "POST", "/api/invites/lookup", {}, { code });
    const account = {
      code,
      name: "Nina Newcomer",
      email: "nina@example.org",
      password: "a long password here",
    };
    await write(null, "POST", "/api/invites/accept", {}, account);
    await write(invitee.token, "POST", "/api/invites/accept", {}, { code });
  });

  it("annotates, imports, links, versions and restores", async () => {
    const t = server.ownerToken;
    const id = server.letterId;
    const a = await write(
      t,
      "POST",
      "/api/documents/:id/annotations",
      { id },
      {
        exact: "complementary protection",
        kind: "claim",
        body: "x",
      },
    );
    const aid = a.json.id as string;
    await write(
      t,
      "PATCH",
      "/api/documents/:id/annotations/:aid",
      { id, aid },
      { status: "disputed" },
    );
    await write(
      t,
      "POST",
      "/api/documents/:id/annotations/:aid/replies",
      { id, aid },
      { body: "Why?" },
    );
    const link = await write(
      t,
      "POST",
      "/api/documents/:id/annotations/:aid/links",
      { id, aid },
      { key: "usc/8/1225" },
    );
    const linkId = link.json.link.id as string;
    await write(t, "DELETE", "/api/documents/:id/annotations/:aid/links/:linkId", {
      id,
      aid,
      linkId,
    });
    const w3c = (await call(server, t, "GET", `/api/documents/${id}/annotations?format=w3c`)).json;
    await write(t, "POST", "/api/documents/:id/annotations/import", { id }, w3c);
    const version = await write(t, "POST", "/api/documents/:id/versions", { id }, { name: "v1" });
    await write(t, "DELETE", "/api/documents/:id/annotations/:aid", { id, aid });
    await write(t, "POST", "/api/documents/:id/versions/:vid/restore", {
      id,
      vid: version.json.id,
    });
  });

  it("adds, imports, edits and deletes authorities; tokens and webhooks", async () => {
    const t = server.ownerToken;
    const added = await write(
      t,
      "POST",
      "/api/sources",
      {},
      { kind: "exhibit", title: "Declaration of A.B." },
    );
    const k = added.json.authority.key as string;
    await write(
      t,
      "PATCH",
      "/api/sources/:key",
      { key: k },
      { title: "Declaration of A.B. (corrected)" },
    );
    await write(t, "DELETE", "/api/sources/:key", { key: k });
    const csl = [
      {
        id: "x1",
        type: "legal_case",
        title: "Matter of M-S-",
        "container-title": "I&N Dec.",
        volume: "27",
        page: "509",
      },
    ];
    await write(t, "POST", "/api/sources/import", {}, csl);
    const token = await write(t, "POST", "/api/tokens", {}, { name: "script" });
    await write(t, "DELETE", "/api/tokens/:id", { id: token.json.id });
    const hook = { url: "https://hooks.example.org/x", events: ["version.saved"] };
    const made = await write(t, "POST", "/api/webhooks", {}, hook);
    await write(t, "DELETE", "/api/webhooks/:id", { id: made.json.id });
  });

  it("answered every write with a success its schema describes", () => {
    const problems: string[] = [];
    for (const [method, path, r] of answers) {
      const e = ENDPOINTS.find((x) => x.method === method && x.path === path)!;
      const what = `${key(method, path)} → ${r.status} ${r.text.slice(0, 200)}`;
      const ok = r.status === e.alsoOk?.status ? e.alsoOk : e.ok;
      if (r.status !== ok.status) {
        problems.push(what);
        continue;
      }
      if (!ok.schema) {
        if (r.text !== "") problems.push(`${what}: a body where none is described`);
        continue;
      }
      const parsed = ok.schema.safeParse(r.json);
      if (!parsed.success) problems.push(`${what}: ${JSON.stringify(parsed.error.issues)}`);
    }
    expect(problems).toEqual([]);
    const called = new Set(answers.map(([m, p]) => key(m, p)));
    const writes = ENDPOINTS.filter((e) => e.method !== "GET").map((e) => key(e.method, e.path));
    expect(writes.filter((w) => !called.has(w))).toEqual([]);
    // Both successes of sharing: a role given, an invitation made.
    const shares = answers.filter(([m, p]) => key(m, p) === "POST /api/documents/:id/shares");
    expect(shares.map(([, , r]) => r.status).sort()).toEqual([200, 201]);
  });
});
