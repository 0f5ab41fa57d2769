import { CloseEvents, documentName } from "@glossa/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TooManyConnections } from "../../apps/server/src/extensions/AuthExtension.ts";
import { http, type SecurityFixture, sleep, startSecurityFixture } from "./fixture.ts";
import { frames, RawClient } from "./rawClient.ts";

/// Limits (RELIABILITY §3.5, T11): message size, messages per second,
/// connections per user, the Origin check, Hocuspocus' caps on what an
/// unauthenticated socket may queue, and the login rate limit.
describe("security: limits", () => {
  let f: SecurityFixture;
  beforeAll(async () => {
    f = await startSecurityFixture({
      MAX_MESSAGE_BYTES: "65536",
      MESSAGES_PER_SECOND: "5",
      MAX_CONNECTIONS_PER_USER: "4",
    });
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("an unauthenticated socket may queue at most 100 messages, then it is closed", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    const name = documentName("neverauthed01");
    for (let i = 0; i < 101; i++) c.send(frames.syncStep1(name));
    const closed = await Promise.race([c.closed, sleep(3000).then(() => null)]);
    expect(closed).not.toBeNull();
    expect(f.server.glossa.server.hocuspocus.documents.has(name)).toBe(false);
  });

  it("an unauthenticated socket may queue at most 256 KiB, then it is closed", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    const name = documentName("neverauthed02");
    const chunk = new Uint8Array(60_000);
    for (let i = 0; i < 5; i++) c.send(frames.update(name, chunk));
    const closed = await Promise.race([c.closed, sleep(3000).then(() => null)]);
    expect(closed).not.toBeNull();
    expect(f.server.glossa.server.hocuspocus.documents.has(name)).toBe(false);
  });

  it("a message over MAX_MESSAGE_BYTES closes the socket (1009)", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(f.text, f.users.editor.token)).ok).toBe(true);
    c.send(frames.update(f.text, new Uint8Array(70_000)));
    expect((await c.closed).code).toBe(1009);
  });

  it("more messages per second than allowed closes the document connection", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(f.text, f.users.viewer.token)).ok).toBe(true);
    for (let i = 0; i < 30; i++) {
      c.send(frames.awareness(f.text, [{ clientId: 9001, clock: i + 1, state: { cursor: null } }]));
    }
    const close = await c.waitFor((m) => m.kind === "close", 3000);
    expect((close as { reason: string }).reason).toBe(CloseEvents.RateLimited.reason);
  });

  it("a person may hold at most MAX_CONNECTIONS_PER_USER document connections", async () => {
    const clients: RawClient[] = [];
    const results: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await RawClient.open(f.server.wsUrl);
      clients.push(c);
      const r = await c.auth(i % 2 ? f.annotations : f.text, f.users.annotator.token);
      results.push(r.ok);
      if (!r.ok) expect(r.reason).toBe(TooManyConnections.reason);
    }
    expect(results).toEqual([true, true, true, true, false]);
    // Someone else is not affected; closing one frees a slot.
    const other = await RawClient.open(f.server.wsUrl);
    expect((await other.auth(f.text, f.users.viewer.token)).ok).toBe(true);
    clients[0]!.close();
    await sleep(200);
    const again = await RawClient.open(f.server.wsUrl);
    expect((await again.auth(f.text, f.users.annotator.token)).ok).toBe(true);
    for (const c of [...clients, other, again]) c.close();
  });

  it("a websocket from another site's page is refused at the handshake", async () => {
    await expect(
      RawClient.open(f.server.wsUrl, { origin: "https://evil.example" }),
    ).rejects.toThrow(/403/);
    const same = await RawClient.open(f.server.wsUrl, { origin: f.server.url });
    same.close();
  });

  it("password guessing is limited per account (429 with Retry-After), others unaffected", async () => {
    const victim = await f.server.addUser("Guess Target");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await http(f.server, "POST", "/api/login", null, {
        email: victim.email,
        password: `wrong-guess-${i}`,
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const right = await http(f.server, "POST", "/api/login", null, {
      email: victim.email,
      password: victim.password,
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await f.server.addUser("Innocent Bystander");
    const ok = await http(f.server, "POST", "/api/login", null, {
      email: other.email,
      password: other.password,
    });
    expect(ok.status).toBe(200);
  });

  it("security headers are on every response and no token appears in URLs", async () => {
    const res = await fetch(`${f.server.url}/api/documents`, {
      headers: { Authorization: `Bearer ${f.users.owner.token}` },
    });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("set-cookie")).toBeNull();
    const invite = await http(
      f.server,
      "POST",
      `/api/documents/${f.docId}/invites`,
      f.users.owner.token,
      {
        role: "viewer",
      },
    );
    expect(invite.body!.path).toMatch(/^\/#invite=/); // fragment: never sent to a server
  });
});
