import { request as httpRequest } from "node:http";
import { CloseEvents, documentName } from "@glossa/protocol";
import { AlreadyOpen, TooManyConnections } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, type SecurityFixture, sleep, startSecurityFixture } from "./fixture.ts";
import { frames, RawClient } from "./rawClient.ts";

/// Limits (docs/reliability.md §3.5, T11): message size, messages per second,
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

  /// POSTs JSON from a given loopback address (a different client address).
  function postFrom(
    from: string,
    path: string,
    body: unknown,
  ): Promise<{ status: number; retryAfter: number; body: Record<string, unknown> }> {
    const url = new URL(path, f.server.url);
    const data = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          localAddress: from,
          headers: {
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(data),
          },
        },
        (res) => {
          let text = "";
          res.on("data", (c) => {
            text += c;
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: Number(res.headers["retry-after"] ?? 0),
              body: JSON.parse(text || "{}"),
            }),
          );
        },
      );
      req.on("error", reject);
      req.end(data);
    });
  }

  it("password guessing backs off per address, exponentially, and never locks the owner out", async () => {
    const victim = await f.server.addUser("Guess Target");
    const guess = (i: number, from = "127.0.0.1") =>
      postFrom(from, "/api/login", { email: victim.email, password: `wrong-guess-${i}` });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await guess(i)).status);
    // Three free failures, then the guesser has to wait.
    expect(statuses).toEqual([401, 401, 401, 429]);
    const right = await postFrom("127.0.0.1", "/api/login", {
      email: victim.email,
      password: victim.password,
    });
    expect(right.status).toBe(429);
    expect(right.retryAfter).toBeGreaterThan(0);
    // The real owner, from their own address, signs in at once.
    const owner = await postFrom("127.0.0.2", "/api/login", {
      email: victim.email,
      password: victim.password,
    });
    expect(owner.status).toBe(200);
    // Waiting as told allows one more guess; failing doubles the wait.
    await sleep(right.retryAfter * 1000 + 100);
    expect((await guess(5)).status).toBe(401);
    const next = await guess(6);
    expect(next.status).toBe(429);
    expect(next.retryAfter).toBeGreaterThanOrEqual(2);
    // An unknown account is answered exactly like a wrong password.
    const unknown = await postFrom("127.0.0.4", "/api/login", {
      email: "nobody-here@example.org",
      password: "whatever-password",
    });
    const wrong = await postFrom("127.0.0.4", "/api/login", {
      email: victim.email,
      password: "whatever-password",
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it("one-time sign-in codes are rate-limited per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await postFrom("127.0.0.3", "/api/login/code", { code: `guess-${i}` })).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another address is not affected.
    expect((await postFrom("127.0.0.5", "/api/login/code", { code: "guess-x" })).status).toBe(401);
  });

  it("a socket may open a document once: further routing keys (doc\\0sN) are refused", async () => {
    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(`${f.text}\u0000s1`, f.users.editor.token)).ok).toBe(true);
    for (const key of [`${f.text}\u0000s2`, f.text]) {
      expect(await c.auth(key, f.users.editor.token)).toEqual({
        ok: false,
        reason: AlreadyOpen.reason,
      });
    }
    // Other documents on the same socket, and the same document on another
    // socket, are not affected.
    expect((await c.auth(f.annotations, f.users.editor.token)).ok).toBe(true);
    const other = await RawClient.open(f.server.wsUrl);
    expect((await other.auth(f.text, f.users.editor.token)).ok).toBe(true);
    c.close();
    other.close();
  });

  it("JSON bodies only: application/json-patch+json is refused with 415", async () => {
    const send = (type: string) =>
      fetch(`${f.server.url}/api/login`, {
        method: "POST",
        headers: { "Content-Type": type },
        body: JSON.stringify({ email: "x@example.org", password: "not-the-password" }),
      });
    expect((await send("application/json-patch+json")).status).toBe(415);
    expect((await send("application/jsonp")).status).toBe(415);
    // JSON with a charset is JSON (a wrong password: 401).
    expect((await send("application/json; charset=utf-8")).status).toBe(401);
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
