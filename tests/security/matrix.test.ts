import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  http,
  PRINCIPALS,
  type Principal,
  type SecurityFixture,
  serverState,
  sleep,
  startSecurityFixture,
} from "./fixture.ts";
import { annotationEdit, frames, RawClient, textEdit } from "./rawClient.ts";

/// docs/reliability.md T8: for the four roles and a stranger, every message type on
/// both Hocuspocus documents and every HTTP endpoint, the expected outcome —
/// and a refused write leaves the server's document byte-identical, in
/// memory and on disk.
describe("security: role × action matrix", () => {
  let f: SecurityFixture;
  let textBase: Y.Doc;
  let annBase: Y.Doc;
  let observer: RawClient;
  const VICTIM_CLIENT = 424242;
  const victimState = { user: { name: "Victim" }, cursor: { anchor: 1, head: 1 } };

  beforeAll(async () => {
    f = await startSecurityFixture();
    // The owner keeps both documents loaded and publishes a presence that
    // attackers will try to overwrite or remove.
    observer = await RawClient.open(f.server.wsUrl);
    expect((await observer.auth(f.text, f.users.owner.token)).ok).toBe(true);
    expect((await observer.auth(f.annotations, f.users.owner.token)).ok).toBe(true);
    textBase = await observer.load(f.text);
    annBase = await observer.load(f.annotations);
    observer.send(
      frames.awareness(f.text, [{ clientId: VICTIM_CLIENT, clock: 1, state: victimState }]),
    );
    await sleep(100);
  });
  afterAll(async () => {
    observer?.close();
    await f?.server.destroy();
  });

  const copy = (base: Y.Doc) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
    return d;
  };

  async function connect(p: Principal, doc: string) {
    const c = await RawClient.open(f.server.wsUrl);
    const auth = await c.auth(doc, f.users[p].token);
    return { c, auth };
  }

  /// Sends one write and reports whether the server's state changed.
  async function write(p: Principal, doc: string, make: () => Uint8Array) {
    const { c } = await connect(p, doc);
    const before = await serverState(f.server, doc);
    const since = c.received.length;
    c.send(make());
    await c
      .waitFor(
        (m) => m.doc === doc && (m.kind === "status" || m.kind === "close"),
        p === "stranger" ? 600 : 2000,
        since,
      )
      .catch(() => null);
    await sleep(30);
    await f.server.glossa.persistence.drained(doc);
    const after = await serverState(f.server, doc);
    const status = c.of(doc, "status", since)[0] as { ok: boolean } | undefined;
    c.close();
    const changed = before.live !== after.live || before.stored !== after.stored;
    return { outcome: changed ? "applied" : "refused", ack: status?.ok ?? null };
  }

  type Expect = Record<Principal, string>;
  const all = (v: string, stranger: string): Expect => ({
    owner: v,
    editor: v,
    annotator: v,
    viewer: v,
    stranger,
  });

  const wsCells: [string, Expect, (p: Principal) => Promise<string>][] = [
    [
      "connect to the text document",
      {
        owner: "read-write",
        editor: "read-write",
        annotator: "readonly",
        viewer: "readonly",
        stranger: "denied",
      },
      async (p) => {
        const { c, auth } = await connect(p, f.text);
        c.close();
        return auth.ok ? auth.scope! : "denied";
      },
    ],
    [
      "connect to the annotations document",
      all("readonly", "denied"),
      async (p) => {
        const { c, auth } = await connect(p, f.annotations);
        c.close();
        return auth.ok ? auth.scope! : "denied";
      },
    ],
    ...(["update", "syncStep2"] as const).map(
      (kind) =>
        [
          `text ${kind} with a real edit`,
          {
            owner: "applied",
            editor: "applied",
            annotator: "refused",
            viewer: "refused",
            stranger: "refused",
          },
          async (p: Principal) =>
            (
              await write(p, f.text, () =>
                frames[kind](f.text, textEdit(copy(textBase), `[${p} ${kind}]`)),
              )
            ).outcome,
        ] as [string, Expect, (p: Principal) => Promise<string>],
    ),
    ...(["update", "syncStep2"] as const).map(
      (kind) =>
        [
          `annotations-document ${kind}`,
          all("refused", "refused"),
          async (p: Principal) =>
            (
              await write(p, f.annotations, () =>
                frames[kind](f.annotations, annotationEdit(copy(annBase), `forged-${p}-${kind}`)),
              )
            ).outcome,
        ] as [string, Expect, (p: Principal) => Promise<string>],
    ),
    [
      "awareness claiming another person's name and extra fields",
      all("rewritten to own identity", "not applied"),
      async (p) => {
        const { c } = await connect(p, f.text);
        const clientId = 500_000 + PRINCIPALS.indexOf(p);
        c.send(
          frames.awareness(f.text, [
            {
              clientId,
              clock: 1,
              state: {
                user: { id: f.users.owner.id, name: "Owner", color: "#000000", role: "owner" },
                cursor: null,
                injected: "<script>",
              },
            },
          ]),
        );
        await sleep(150);
        const st = f.server.glossa.server.hocuspocus.documents
          .get(f.text)!
          .awareness.getStates()
          .get(clientId) as Record<string, Record<string, string>> | undefined;
        c.close();
        if (!st) return "not applied";
        const u = f.users[p];
        return st.user!.id === u.id && st.user!.name === u.name && !("injected" in st)
          ? "rewritten to own identity"
          : `spoofed as ${st.user!.name}`;
      },
    ],
    [
      "awareness for another client id, taking it over, and removing it",
      all("dropped", "dropped"),
      async (p) => {
        const { c } = await connect(p, f.text);
        const mine = 600_000 + PRINCIPALS.indexOf(p);
        // First frame tries to claim the victim's id as its own.
        c.send(
          frames.awareness(f.text, [
            { clientId: VICTIM_CLIENT, clock: 50, state: { user: { name: "X" } } },
          ]),
        );
        c.send(frames.awareness(f.text, [{ clientId: mine, clock: 1, state: { cursor: null } }]));
        c.send(frames.awareness(f.text, [{ clientId: VICTIM_CLIENT, clock: 99, state: null }]));
        await sleep(150);
        const st = f.server.glossa.server.hocuspocus.documents
          .get(f.text)!
          .awareness.getStates()
          .get(VICTIM_CLIENT) as Record<string, Record<string, string>> | undefined;
        c.close();
        return st?.user?.name === "Owner" ? "dropped" : `victim now ${JSON.stringify(st)}`;
      },
    ],
    [
      "stateless annotation command",
      {
        owner: "passes the role gate",
        editor: "passes the role gate",
        annotator: "passes the role gate",
        viewer: "refused",
        stranger: "ignored",
      },
      async (p) => {
        const { c } = await connect(p, f.annotations);
        const since = c.received.length;
        c.send(
          frames.stateless(
            f.annotations,
            JSON.stringify({
              type: "annotation",
              requestId: `r-${p}`,
              command: { op: "resolve", id: "no-such-annotation" },
            }),
          ),
        );
        await sleep(400);
        const results = c
          .of(f.annotations, "stateless", since)
          .map((m) => JSON.parse((m as { payload: string }).payload) as Record<string, unknown>);
        const closed = c.of(f.annotations, "close", since).length > 0 || !c.isOpen;
        c.close();
        if (p === "stranger") return results.length === 0 && !closed ? "ignored" : "answered";
        const roleRefusal = results.some((r) => r.ok === false && /role/.test(String(r.error)));
        if (roleRefusal || closed) return "refused";
        return "passes the role gate";
      },
    ],
    ...(
      [
        ["unknown stateless message", (d: string) => frames.stateless(d, '{"type":"hack"}')],
        [
          "server-only stateless message (saved)",
          (d: string) => frames.stateless(d, '{"type":"saved","stateVector":"AA=="}'),
        ],
        ["client BroadcastStateless", (d: string) => frames.broadcastStateless(d, "{}")],
      ] as const
    ).map(
      ([name, make]) =>
        [
          name,
          all("closed", "ignored"),
          async (p: Principal) => {
            const { c } = await connect(p, f.text);
            const since = c.received.length;
            c.send(make(f.text));
            const closed = await c
              .waitFor((m) => m.doc === f.text && m.kind === "close", 1000, since)
              .then(
                () => true,
                () => false,
              );
            c.close();
            return closed ? "closed" : "ignored";
          },
        ] as [string, Expect, (p: Principal) => Promise<string>],
    ),
  ];

  for (const [action, expected, run] of wsCells) {
    for (const p of PRINCIPALS) {
      it(`ws · ${action} · ${p} → ${expected[p]}`, async () => {
        expect(await run(p)).toBe(expected[p]);
      });
    }
  }

  it("refused text writes get SyncStatus(false); stored and live document byte-identical", async () => {
    for (const p of ["annotator", "viewer"] as const) {
      const r = await write(p, f.text, () =>
        frames.update(f.text, textEdit(copy(textBase), "[forbidden]")),
      );
      expect(r).toEqual({ outcome: "refused", ack: false });
    }
  });

  // ---- HTTP: every endpoint, every principal, and no token at all.
  type Call = { method: string; path: string; body?: unknown };
  const httpCells: [string, Record<Principal | "anonymous", number>, () => Promise<Call>][] = [];
  const cell = (
    name: string,
    codes: Record<Principal | "anonymous", number>,
    call: () => Promise<Call> | Call,
  ) => httpCells.push([name, codes, async () => call()]);
  const byRole = (ok: number, otherRoles: number, stranger: number, anonymous = 401) => ({
    owner: ok,
    editor: otherRoles,
    annotator: otherRoles,
    viewer: otherRoles,
    stranger,
    anonymous,
  });
  const everyone = (ok: number) => byRole(ok, ok, ok);
  const readers = (ok: number) => byRole(ok, ok, 404);

  cell("GET /api/me", everyone(200), () => ({ method: "GET", path: "/api/me" }));
  cell("GET /api/account", everyone(200), () => ({ method: "GET", path: "/api/account" }));
  cell("GET /api/sessions", everyone(200), () => ({ method: "GET", path: "/api/sessions" }));
  cell("POST /api/token", everyone(200), () => ({ method: "POST", path: "/api/token" }));
  cell("GET /api/documents", everyone(200), () => ({ method: "GET", path: "/api/documents" }));
  cell("POST /api/documents", everyone(201), () => ({
    method: "POST",
    path: "/api/documents",
    body: { title: "Scratch", text: "Scratch text." },
  }));
  cell("GET /api/documents/:id", readers(200), () => ({
    method: "GET",
    path: `/api/documents/${f.docId}`,
  }));
  cell("GET /api/documents/:id/content", readers(200), () => ({
    method: "GET",
    path: `/api/documents/${f.docId}/content`,
  }));
  cell("GET /api/documents/:id/shares", byRole(200, 403, 404), () => ({
    method: "GET",
    path: `/api/documents/${f.docId}/shares`,
  }));
  cell("POST /api/documents/:id/shares (new email → invitation)", byRole(201, 403, 404), () => ({
    method: "POST",
    path: `/api/documents/${f.docId}/shares`,
    body: { email: `new-${Math.random().toString(36).slice(2)}@example.org`, role: "viewer" },
  }));
  cell("DELETE /api/documents/:id/shares/:userId", byRole(200, 403, 404), async () => {
    const victim = await f.server.addUser(`Victim ${Math.random().toString(36).slice(2)}`, {
      role: "viewer",
    });
    return { method: "DELETE", path: `/api/documents/${f.docId}/shares/${victim.id}` };
  });
  cell("POST /api/documents/:id/invites", byRole(201, 403, 404), () => ({
    method: "POST",
    path: `/api/documents/${f.docId}/invites`,
    body: { role: "viewer" },
  }));
  cell("DELETE /api/documents/:id/invites/:inviteId", byRole(200, 403, 404), async () => {
    const made = await http(
      f.server,
      "POST",
      `/api/documents/${f.docId}/invites`,
      f.users.owner.token,
      {
        role: "viewer",
      },
    );
    const id = (made.body!.invite as { id: string }).id;
    return { method: "DELETE", path: `/api/documents/${f.docId}/invites/${id}` };
  });
  cell("GET /api/users (administrator)", byRole(200, 403, 403), () => ({
    method: "GET",
    path: "/api/users",
  }));
  cell("POST /api/users/:id/reset-link (administrator)", byRole(201, 403, 403), () => ({
    method: "POST",
    path: `/api/users/${f.users.viewer.id}/reset-link`,
  }));
  // Document management, on documents of their own shared with every role
  // (renaming or trashing the fixture's document would change later cells).
  const sharedDoc = async (trashed = false) => {
    const made = await http(f.server, "POST", "/api/documents", f.users.owner.token, {
      title: "Matrix memo",
      text: "Memo text.",
    });
    const id = made.body!.id as string;
    for (const role of ["editor", "annotator", "viewer"] as const) {
      await f.server.glossa.store.setShare({
        documentId: id,
        userId: f.users[role].id,
        role,
        grantedBy: f.users.owner.id,
        grantedAt: new Date().toISOString(),
      });
    }
    if (trashed) await http(f.server, "DELETE", `/api/documents/${id}`, f.users.owner.token);
    return id;
  };
  const editors = (ok: number) => ({ ...byRole(ok, 403, 404), editor: ok });
  cell("PATCH /api/documents/:id (rename)", editors(200), async () => ({
    method: "PATCH",
    path: `/api/documents/${await sharedDoc()}`,
    body: { title: "Renamed memo" },
  }));
  cell("DELETE /api/documents/:id (to the trash)", byRole(200, 403, 404), async () => ({
    method: "DELETE",
    path: `/api/documents/${await sharedDoc()}`,
  }));
  cell("POST /api/documents/:id/duplicate", readers(201), () => ({
    method: "POST",
    path: `/api/documents/${f.docId}/duplicate`,
  }));
  cell("GET /api/trash", everyone(200), () => ({ method: "GET", path: "/api/trash" }));
  cell("POST /api/trash/:id/restore", byRole(200, 403, 404), async () => ({
    method: "POST",
    path: `/api/trash/${await sharedDoc(true)}/restore`,
  }));
  cell("DELETE /api/trash/:id (for good)", byRole(200, 403, 404), async () => ({
    method: "DELETE",
    path: `/api/trash/${await sharedDoc(true)}`,
  }));

  const sharingState = async () =>
    JSON.stringify([
      await f.server.glossa.store.listShares(f.docId),
      (await f.server.glossa.store.listInvites(f.docId)).filter((i) => !i.revokedAt).length,
    ]);

  for (const [name, codes, call] of httpCells) {
    for (const p of [...PRINCIPALS, "anonymous"] as const) {
      it(`http · ${name} · ${p} → ${codes[p]}`, async () => {
        const c = await call();
        const before = await sharingState();
        const token = p === "anonymous" ? null : f.users[p].token;
        const res = await http(f.server, c.method, c.path, token, c.body);
        expect(res.status).toBe(codes[p]);
        if (res.status >= 400) {
          // A refused request changes nothing and reveals nothing.
          expect(await sharingState()).toBe(before);
          expect(JSON.stringify(res.body)).not.toContain("Remain in Mexico");
        }
      });
    }
  }

  it("GET /api/documents lists exactly what each may open, with their role", async () => {
    for (const p of PRINCIPALS) {
      const res = await http(f.server, "GET", "/api/documents", f.users[p].token);
      const mine = (res.body!.documents as { id: string; role: string }[]).find(
        (d) => d.id === f.docId,
      );
      expect(mine?.role ?? "none").toBe(p === "stranger" ? "none" : p);
    }
  });

  it("a stranger gets the same answer for a forbidden document as for a missing one", async () => {
    const forbidden = await http(
      f.server,
      "GET",
      `/api/documents/${f.docId}`,
      f.users.stranger.token,
    );
    const missing = await http(
      f.server,
      "GET",
      "/api/documents/zzzzzzzzzzzz",
      f.users.stranger.token,
    );
    expect(forbidden.status).toBe(missing.status);
    expect(forbidden.body).toEqual(missing.body);
    const c = await RawClient.open(f.server.wsUrl);
    const a = await c.auth(f.text, f.users.stranger.token);
    const b = await c.auth("doc/zzzzzzzzzzzz", f.users.stranger.token);
    c.close();
    expect(a).toEqual(b);
  });
});
