import { CloseEvents } from "@glossa/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, type SecurityFixture, sleep, startSecurityFixture } from "./fixture.ts";
import { RawClient } from "./rawClient.ts";

const codeOf = (path: unknown) => String(path).split("#invite=")[1]!;

/// Accounts end to end over the API: invitations (by link, by email, used
/// up, withdrawn), sessions, password change and administrator reset
/// links, owner safeguards, and shares that expire on their own.
describe("security: accounts, invitations and sessions", () => {
  let f: SecurityFixture;
  const owner = () => f.users.owner.token;
  const docs = () => `/api/documents/${f.docId}`;
  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("an invitation link creates an account with its role, up to its number of uses", async () => {
    const made = await http(f.server, "POST", `${docs()}/invites`, owner(), {
      role: "annotator",
      maxUses: 1,
    });
    expect(made.status).toBe(201);
    const code = codeOf(made.body!.path);
    const info = await http(f.server, "POST", "/api/invites/lookup", null, { code });
    expect(info.body).toMatchObject({ role: "annotator", email: null, invitedBy: "Owner" });
    const weak = await http(f.server, "POST", "/api/invites/accept", null, {
      code,
      name: "Nina",
      email: "nina@example.org",
      password: "short",
    });
    expect(weak.status).toBe(400);
    const ok = await http(f.server, "POST", "/api/invites/accept", null, {
      code,
      name: "Nina",
      email: "nina@example.org",
      password: "nina-password-1",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ documentId: f.docId, role: "annotator" });
    const mine = await http(f.server, "GET", docs(), ok.body!.token as string);
    expect(mine.body!.role).toBe("annotator");
    const again = await http(f.server, "POST", "/api/invites/accept", null, {
      code,
      name: "Otto",
      email: "otto@example.org",
      password: "otto-password-1",
    });
    expect(again.status).toBe(410);
    expect(
      (await http(f.server, "POST", "/api/invites/lookup", null, { code: "nope" })).status,
    ).toBe(410);
  });

  it("sharing by email: an existing account gets the role, a new address an invitation for it alone", async () => {
    const existing = await http(f.server, "POST", `${docs()}/shares`, owner(), {
      email: f.users.stranger.email,
      role: "viewer",
    });
    expect(existing.body).toMatchObject({ invited: false, share: { role: "viewer" } });
    expect((await http(f.server, "GET", docs(), f.users.stranger.token)).status).toBe(200);
    await http(f.server, "DELETE", `${docs()}/shares/${f.users.stranger.id}`, owner());

    const invited = await http(f.server, "POST", `${docs()}/shares`, owner(), {
      email: "Paula@Example.org",
      role: "editor",
    });
    expect(invited.status).toBe(201);
    const code = codeOf(invited.body!.path);
    const wrongPerson = await http(f.server, "POST", "/api/invites/accept", f.users.viewer.token, {
      code,
    });
    expect(wrongPerson.status).toBe(403);
    const paula = await http(f.server, "POST", "/api/invites/accept", null, {
      code,
      name: "Paula",
      email: "someone-else@example.org", // ignored: the invitation names the address
      password: "paula-password-1",
    });
    expect(paula.status).toBe(200);
    expect((paula.body!.user as { email: string }).email).toBe("paula@example.org");
  });

  it("a signed-in person accepts with their account; a stronger role is never lowered", async () => {
    const made = await http(f.server, "POST", `${docs()}/invites`, owner(), { role: "viewer" });
    const code = codeOf(made.body!.path);
    const r = await http(f.server, "POST", "/api/invites/accept", f.users.editor.token, { code });
    expect(r.body).toEqual({ documentId: f.docId, role: "editor" });
    // Withdrawn links stop working.
    const list = await http(f.server, "GET", `${docs()}/shares`, owner());
    for (const i of list.body!.invites as { id: string }[]) {
      expect((await http(f.server, "DELETE", `${docs()}/invites/${i.id}`, owner())).status).toBe(
        200,
      );
    }
    expect((await http(f.server, "POST", "/api/invites/lookup", null, { code })).status).toBe(410);
  });

  it("a document keeps at least one owner", async () => {
    const self = await http(f.server, "DELETE", `${docs()}/shares/${f.users.owner.id}`, owner());
    expect(self.status).toBe(409);
    const demote = await http(f.server, "POST", `${docs()}/shares`, owner(), {
      email: f.users.owner.email,
      role: "editor",
    });
    expect(demote.status).toBe(409);
  });

  it("sessions are listed and revocable; signing out ends only that session", async () => {
    const user = await f.server.addUser("Sam Sessions", { role: "viewer" });
    const login = async () =>
      (
        await http(f.server, "POST", "/api/login", null, {
          email: user.email,
          password: user.password,
        })
      ).body!.token as string;
    const a = await login();
    const b = await login();
    const list = await http(f.server, "GET", "/api/sessions", a);
    expect((list.body!.sessions as unknown[]).length).toBe(3);
    expect((list.body!.sessions as { current: boolean }[]).filter((s) => s.current).length).toBe(1);
    expect((await http(f.server, "POST", "/api/logout", a)).status).toBe(200);
    expect((await http(f.server, "GET", "/api/me", a)).status).toBe(401);
    expect((await http(f.server, "GET", "/api/me", b)).status).toBe(200);
    // Renewal keeps the session: revoking it kills the renewed token too.
    const renewed = (await http(f.server, "POST", "/api/token", b)).body!.token as string;
    expect((await http(f.server, "DELETE", "/api/sessions", user.token)).body).toMatchObject({
      revoked: 1,
    });
    expect((await http(f.server, "GET", "/api/me", renewed)).status).toBe(401);
    expect((await http(f.server, "DELETE", "/api/sessions/nope", user.token)).status).toBe(404);
  });

  it("changing the password signs out every other session", async () => {
    const user = await f.server.addUser("Pat Password", { role: "viewer" });
    const other = (
      await http(f.server, "POST", "/api/login", null, {
        email: user.email,
        password: user.password,
      })
    ).body!.token as string;
    const wrong = await http(f.server, "POST", "/api/account/password", user.token, {
      currentPassword: "not it at all",
      newPassword: "a-new-password-1",
    });
    expect(wrong.status).toBe(403);
    const ok = await http(f.server, "POST", "/api/account/password", user.token, {
      currentPassword: user.password,
      newPassword: "a-new-password-1",
    });
    expect(ok.body).toEqual({ ok: true, otherSessionsSignedOut: 1 });
    expect((await http(f.server, "GET", "/api/me", other)).status).toBe(401);
    expect((await http(f.server, "GET", "/api/me", user.token)).status).toBe(200);
    const login = await http(f.server, "POST", "/api/login", null, {
      email: user.email,
      password: "a-new-password-1",
    });
    expect(login.status).toBe(200);
  });

  it("the administrator issues a one-time reset link; using it signs out all sessions", async () => {
    const user = await f.server.addUser("Rita Reset", { role: "viewer" });
    expect(
      (await http(f.server, "POST", `/api/users/${user.id}/reset-link`, f.users.editor.token))
        .status,
    ).toBe(403);
    const link = await http(f.server, "POST", `/api/users/${user.id}/reset-link`, owner());
    const code = String(link.body!.path).split("#reset=")[1];
    const reset = await http(f.server, "POST", "/api/password/reset", null, {
      code,
      password: "rita-new-password",
    });
    expect(reset.status).toBe(200);
    expect((await http(f.server, "GET", "/api/me", user.token)).status).toBe(401);
    expect((await http(f.server, "GET", "/api/me", reset.body!.token as string)).status).toBe(200);
    const reuse = await http(f.server, "POST", "/api/password/reset", null, {
      code,
      password: "another-password",
    });
    expect(reuse.status).toBe(410);
  });

  it("a share's expiry is enforced on a connection opened after the share was made", async () => {
    // The access re-check that follows the new share runs before the
    // connection exists; the connection itself must bring its expiry in.
    const temp = await f.server.addUser("Terry Temporary");
    const until = new Date(Date.now() + 2500).toISOString();
    const r = await http(f.server, "POST", `${docs()}/shares`, owner(), {
      email: temp.email,
      role: "editor",
      expiresAt: until,
    });
    expect(r.status).toBe(200);
    await sleep(1200);
    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(f.text, temp.token)).ok).toBe(true);
    const close = await c.waitFor((m) => m.kind === "close", 4000);
    expect(Date.now() - Date.parse(until)).toBeLessThan(1000);
    expect((close as { reason: string }).reason).toBe(CloseEvents.Forbidden.reason);
    c.close();
  });

  it("a share with an expiry ends on its own, closing live connections", async () => {
    const temp = await f.server.addUser("Tess Temporary");
    const until = new Date(Date.now() + 1500).toISOString();
    const r = await http(f.server, "POST", `${docs()}/shares`, owner(), {
      email: temp.email,
      role: "editor",
      expiresAt: until,
    });
    expect(r.status).toBe(200);
    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(f.text, temp.token)).ok).toBe(true);
    const close = await c.waitFor((m) => m.kind === "close", 3000);
    const late = Date.now() - Date.parse(until);
    console.log(`expired share closed ${late} ms after its expiry`);
    expect(late).toBeLessThan(1000);
    expect((close as { reason: string }).reason).toBe(CloseEvents.Forbidden.reason);
    await sleep(50);
    expect((await http(f.server, "GET", docs(), temp.token)).status).toBe(404);
    const listed = await http(f.server, "GET", "/api/documents", temp.token);
    expect(listed.body!.documents).toEqual([]);
    c.close();
  });
});
