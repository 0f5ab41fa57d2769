import { CloseEvents } from "@glossa/protocol";
import { TokenService } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../utils/server.ts";
import { http, liveText, type SecurityFixture, sleep, startSecurityFixture } from "./fixture.ts";
import { frames, Msg, RawClient, textEdit } from "./rawClient.ts";

/// Issue 10, items 4 and 5: a role change holds from the next message on,
/// and a websocket does not outlive its token unless the app renews it.
describe("security: access changes and token expiry on live sockets", () => {
  let f: SecurityFixture;

  beforeAll(async () => {
    f = await startSecurityFixture();
  });
  afterAll(async () => {
    await f?.server.destroy();
  });

  it("applies no update sent after a downgrade to viewer, even before the next poll", async () => {
    const who = await f.server.addUser("Soon Viewer", { role: "editor" });
    const c = await RawClient.open(f.server.wsUrl);
    await c.auth(f.text, who.token);
    const copy = await c.load(f.text);
    c.send(frames.update(f.text, textEdit(copy, "[before]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[before]"));
    const res = await http(
      f.server,
      "POST",
      `/api/documents/${f.docId}/shares`,
      f.users.owner.token,
      {
        email: who.email,
        role: "viewer",
      },
    );
    expect(res.status).toBe(200);
    // At once, without waiting for the 500 ms poll: eight updates.
    for (let i = 0; i < 8; i++) c.send(frames.update(f.text, textEdit(copy, `[after ${i}]`)));
    const close = (await c.waitFor((m) => m.kind === "close", 3000)) as { reason: string };
    expect(close.reason).toBe(CloseEvents.AccessChanged.reason);
    await sleep(300);
    expect(liveText(f.server, f.text)).not.toContain("[after");
    expect(await c.auth(f.text, who.token)).toEqual({ ok: true, scope: "readonly" });
    c.close();
  });

  it("closes the socket (4401) when its token expires and the client does not renew it", async () => {
    const who = await f.server.addUser("Short Token", { role: "editor" });
    const short = await TokenService.open(f.server.glossa.store, 2);
    const { token } = await short.sign({ userId: who.id, name: who.name, email: who.email });
    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(f.text, token)).ok).toBe(true);
    await c.load(f.text);
    const closed = await Promise.race([c.closed, sleep(15_000).then(() => null)]);
    expect(closed?.code).toBe(CloseEvents.Unauthorized.code);
    // It was asked for a new token first (the renewal path).
    expect(c.received.some((m) => m.kind === "other" && m.type === Msg.Auth)).toBe(true);
  });

  it("keeps a socket whose client answers the renewal request with a fresh token", async () => {
    const who = await f.server.addUser("Renewing Editor", { role: "editor" });
    const short = await TokenService.open(f.server.glossa.store, 2);
    const first = await short.sign({ userId: who.id, name: who.name, email: who.email });
    const c = await RawClient.open(f.server.wsUrl);
    expect((await c.auth(f.text, first.token)).ok).toBe(true);
    const copy = await c.load(f.text);
    // The app's token function: a renewed token of the same session.
    await c.waitFor((m) => m.kind === "other" && m.type === Msg.Auth, 5000);
    const renewed = await f.server.glossa.tokens.sign({
      userId: who.id,
      name: who.name,
      email: who.email,
      sid: first.sid,
    });
    c.send(frames.auth(f.text, renewed.token));
    while (Date.now() < first.expiresAt * 1000 + 1500) await sleep(100);
    expect(c.isOpen).toBe(true);
    c.send(frames.update(f.text, textEdit(copy, "[renewed]")));
    await eventually(() => expect(liveText(f.server, f.text)).toContain("[renewed]"));
    c.close();
  });
});
