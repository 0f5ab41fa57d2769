import { CloseEvents, documentName } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { TestUser } from "../utils/server.ts";
import {
  expiredToken,
  http,
  liveText,
  type SecurityFixture,
  serverContent,
  serverState,
  sleep,
  startSecurityFixture,
} from "./fixture.ts";
import { annotationEdit, frames, RawClient, textEdit } from "./rawClient.ts";

/// A malicious client speaking the wire protocol by hand (no provider):
/// writing text without the right, spoofing presence, opening documents it
/// was not given, editing on after its access was revoked, and reusing
/// expired or signed-out tokens.
describe("security: a malicious raw-websocket client", () => {
  let f: SecurityFixture;
  let otherDoc: string;
  const cutoffs: Record<string, number> = {};

  beforeAll(async () => {
    f = await startSecurityFixture();
    const created = await http(f.server, "POST", "/api/documents", f.users.owner.token, {
      title: "Private memo",
      text: "Confidential strategy for the appeal.",
    });
    otherDoc = created.body!.id as string;
  });
  afterAll(async () => {
    console.log(`revocation cut-off (ms): ${JSON.stringify(cutoffs)}`);
    await f?.server.destroy();
  });

  async function attacker(user: TestUser, doc = f.text) {
    const c = await RawClient.open(f.server.wsUrl);
    const auth = await c.auth(doc, user.token);
    return { c, auth };
  }

  it("cannot write text with an annotator or viewer token, by any sync message", async () => {
    for (const who of ["annotator", "viewer"] as const) {
      const { c, auth } = await attacker(f.users[who]);
      expect(auth).toEqual({ ok: true, scope: "readonly" });
      const copy = await c.load(f.text);
      const before = await serverState(f.server, f.text);
      const since = c.received.length;
      for (let i = 0; i < 10; i++) {
        c.send(frames.update(f.text, textEdit(copy, `[${who} ${i}]`)));
        c.send(frames.syncStep2(f.text, Y.encodeStateAsUpdate(copy)));
      }
      await c.waitFor((m) => m.kind === "status", 2000, since);
      await sleep(200);
      const statuses = c.of(f.text, "status", since) as { ok: boolean }[];
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s.ok === false)).toBe(true);
      expect(await serverState(f.server, f.text)).toEqual(before);
      expect(liveText(f.server, f.text)).not.toContain(`[${who}`);
      c.close();
    }
  });

  it("cannot write the annotations document directly, whatever its role", async () => {
    for (const who of ["owner", "editor", "annotator"] as const) {
      const { c } = await attacker(f.users[who], f.annotations);
      const copy = await c.load(f.annotations);
      const before = await serverState(f.server, f.annotations);
      const since = c.received.length;
      c.send(frames.update(f.annotations, annotationEdit(copy, "forged")));
      await c.waitFor((m) => m.kind === "status", 2000, since);
      expect(await serverState(f.server, f.annotations)).toEqual(before);
      c.close();
    }
  });

  it("cannot plant an unknown mark or node in the text even as an editor", async () => {
    const { c } = await attacker(f.users.editor);
    const copy = await c.load(f.text);
    const before = await serverState(f.server, f.text);
    const sv = Y.encodeStateVector(copy);
    copy.getXmlFragment("prosemirror").insert(0, [new Y.XmlElement("script")]);
    c.send(frames.update(f.text, Y.encodeStateAsUpdate(copy, sv)));
    await c.waitFor((m) => m.kind === "close", 2000);
    const after = await serverState(f.server, f.text);
    expect(after.stored).toBe(before.stored);
    // With its last connection gone the document may have been unloaded.
    if (after.live !== null) expect(after.live).toBe(before.live);
    expect(schema.nodes.script).toBeUndefined();
  });

  it("cannot spoof another person's presence or remove it", async () => {
    const victim = await attacker(f.users.editor);
    const victimId = 777;
    victim.c.send(
      frames.awareness(f.text, [{ clientId: victimId, clock: 1, state: { cursor: null } }]),
    );
    const mallory = await attacker(f.users.viewer);
    const mine = 778;
    mallory.c.send(
      frames.awareness(f.text, [
        {
          clientId: mine,
          clock: 1,
          state: { user: { id: f.users.owner.id, name: "Owner", role: "owner" } },
        },
        { clientId: victimId, clock: 5, state: { user: { name: "Mallory was here" } } },
      ]),
    );
    mallory.c.send(frames.awareness(f.text, [{ clientId: victimId, clock: 9, state: null }]));
    await sleep(200);
    const states = f.server.glossa.server.hocuspocus.documents.get(f.text)!.awareness.getStates();
    expect(states.get(mine)?.user).toMatchObject({
      id: f.users.viewer.id,
      name: f.users.viewer.name,
      role: "viewer",
    });
    expect(states.get(victimId)?.user).toMatchObject({ name: f.users.editor.name });
    // What other clients receive is the rewritten state, never the claim.
    const observer = await attacker(f.users.owner);
    observer.c.send(frames.queryAwareness(f.text));
    await sleep(100);
    for (const c of [victim.c, mallory.c, observer.c]) c.close();
  });

  it("learns nothing about a document it was not given, and cannot load it", async () => {
    const name = documentName(otherDoc);
    const { c, auth } = await attacker(f.users.editor, name);
    expect(auth).toEqual({ ok: false, reason: CloseEvents.Forbidden.reason });
    // It keeps sending anyway: nothing is applied, the document never loads.
    c.send(frames.syncStep1(name));
    c.send(frames.update(name, new Uint8Array([0, 0])));
    await sleep(300);
    expect(c.of(name, "sync")).toEqual([]);
    expect(f.server.glossa.server.hocuspocus.documents.has(name)).toBe(false);
    for (const bad of [
      "doc/../doc/x",
      `doc/${otherDoc}/../${otherDoc}`,
      `doc/${otherDoc}\u0000`,
      `doc/${otherDoc.toUpperCase()}`,
      `doc/${otherDoc}/annotations/x`,
    ]) {
      expect((await c.auth(bad, f.users.editor.token)).ok).toBe(false);
    }
    const res = await http(
      f.server,
      "GET",
      `/api/documents/${otherDoc}/content`,
      f.users.editor.token,
    );
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("Confidential");
    c.close();
  });

  it("mixed roles on one socket: each document keeps its own role", async () => {
    const mixed = await f.server.addUser("Mixed Roles", { role: "annotator" });
    await f.server.glossa.store.setShare({
      documentId: otherDoc,
      userId: mixed.id,
      role: "editor",
      grantedBy: f.users.owner.id,
      grantedAt: new Date().toISOString(),
    });
    const c = await RawClient.open(f.server.wsUrl);
    const other = documentName(otherDoc);
    expect(await c.auth(f.text, mixed.token)).toEqual({ ok: true, scope: "readonly" });
    expect(await c.auth(other, mixed.token)).toEqual({ ok: true, scope: "read-write" });
    const letter = await c.load(f.text);
    const memo = await c.load(other);
    const before = await serverState(f.server, f.text);
    c.send(frames.update(f.text, textEdit(letter, "[mixed on letter]")));
    c.send(frames.update(other, textEdit(memo, "[mixed on memo]")));
    await sleep(300);
    expect(await serverState(f.server, f.text)).toEqual(before);
    expect(liveText(f.server, other)).toContain("[mixed on memo]");
    c.close();
  });

  /// Keeps writing every 20 ms; returns when the server cut it off, with
  /// the time from `revoke()` resolving to the close, and checks nothing it
  /// sent afterwards was applied.
  async function editUntilCut(
    who: TestUser,
    revoke: () => Promise<void>,
    isCut: (c: RawClient) => boolean,
  ): Promise<number> {
    const { c, auth } = await attacker(who);
    expect(auth.ok).toBe(true);
    const copy = await c.load(f.text);
    let n = 0;
    const timer = setInterval(() => {
      c.send(frames.update(f.text, textEdit(copy, `[w${n++}]`)));
    }, 20);
    await sleep(200);
    expect(liveText(f.server, f.text)).toContain("[w1]");
    const t0 = Date.now();
    await revoke();
    const tRevoked = Date.now();
    while (!isCut(c) && Date.now() - t0 < 5000) await sleep(5);
    const cutAfter = Date.now() - tRevoked;
    const atCut = await serverContent(f.server, f.text);
    await sleep(400); // it keeps sending
    clearInterval(timer);
    await sleep(100);
    expect(await serverContent(f.server, f.text)).toEqual(atCut);
    c.close();
    return cutAfter;
  }

  const closedDoc = (c: RawClient) => c.of(f.text, "close").length > 0 || !c.isOpen;

  it("is cut off within a second when its share is removed", async () => {
    const victim = await f.server.addUser("Revoked Editor", { role: "editor" });
    const ms = await editUntilCut(
      victim,
      async () => {
        const res = await http(
          f.server,
          "DELETE",
          `/api/documents/${f.docId}/shares/${victim.id}`,
          f.users.owner.token,
        );
        expect(res.status).toBe(200);
      },
      closedDoc,
    );
    cutoffs.unshare = ms;
    expect(ms).toBeLessThan(1000);
    const { auth } = await attacker(victim);
    expect(auth.ok).toBe(false);
  });

  it("is downgraded within a second when its role changes to annotator", async () => {
    const victim = await f.server.addUser("Downgraded Editor", { role: "editor" });
    let closeReason = "";
    const ms = await editUntilCut(
      victim,
      async () => {
        const res = await http(
          f.server,
          "POST",
          `/api/documents/${f.docId}/shares`,
          f.users.owner.token,
          {
            email: victim.email,
            role: "annotator",
          },
        );
        expect(res.status).toBe(200);
      },
      (c) => {
        const close = c.of(f.text, "close")[0] as { reason: string } | undefined;
        if (close) closeReason = close.reason;
        return !!close;
      },
    );
    cutoffs.downgrade = ms;
    expect(ms).toBeLessThan(1000);
    expect(closeReason).toBe(CloseEvents.AccessChanged.reason);
    expect((await attacker(victim)).auth).toEqual({ ok: true, scope: "readonly" });
  });

  it("is disconnected within a second when its session is revoked, and the token dies", async () => {
    const victim = await f.server.addUser("Session Victim", { role: "editor" });
    // The same person signs in elsewhere and signs the first session out.
    const login = await http(f.server, "POST", "/api/login", null, {
      email: victim.email,
      password: victim.password,
    });
    const other = login.body!.token as string;
    const sessions = await http(f.server, "GET", "/api/sessions", other);
    const first = (sessions.body!.sessions as { id: string; current: boolean }[]).find(
      (s) => !s.current,
    )!;
    let code = 0;
    const ms = await editUntilCut(
      victim,
      async () => {
        expect((await http(f.server, "DELETE", `/api/sessions/${first.id}`, other)).status).toBe(
          200,
        );
      },
      (c) => {
        code = c.closeEvent?.code ?? 0;
        return c.closeEvent !== null;
      },
    );
    cutoffs.session = ms;
    expect(ms).toBeLessThan(1000);
    expect(code).toBe(CloseEvents.Unauthorized.code);
    expect((await http(f.server, "GET", "/api/me", victim.token)).status).toBe(401);
    expect((await attacker(victim)).auth.ok).toBe(false);
    expect((await http(f.server, "GET", "/api/me", other)).status).toBe(200);
  });

  it("cannot reuse an expired, tampered or signed-out token", async () => {
    const who = await f.server.addUser("Token Reuser", { role: "editor" });
    const expired = await expiredToken(f.server, who);
    const c = await RawClient.open(f.server.wsUrl);
    expect(await c.auth(f.text, expired)).toEqual({
      ok: false,
      reason: CloseEvents.Unauthorized.reason,
    });
    expect((await http(f.server, "GET", "/api/me", expired)).status).toBe(401);
    expect((await http(f.server, "POST", "/api/token", expired)).status).toBe(401);

    // A token re-signed for someone else (payload edited) fails its signature.
    const [h, p, s] = who.token.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    claims.sub = f.users.owner.id;
    const forged = [h, Buffer.from(JSON.stringify(claims)).toString("base64url"), s].join(".");
    expect((await c.auth(f.text, forged)).ok).toBe(false);

    // Sign out: the token stops working at once, on HTTP and websocket.
    const login = await http(f.server, "POST", "/api/login", null, {
      email: who.email,
      password: who.password,
    });
    const token = login.body!.token as string;
    expect((await c.auth(documentName(otherDoc), token)).ok).toBe(false); // not shared
    expect((await http(f.server, "POST", "/api/logout", token)).status).toBe(200);
    expect((await http(f.server, "GET", "/api/documents", token)).status).toBe(401);
    expect(await c.auth(f.text, token)).toEqual({
      ok: false,
      reason: CloseEvents.Unauthorized.reason,
    });
    c.close();
  });
});
