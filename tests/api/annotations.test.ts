import { findAnnotationRanges, readAnnotation } from "@glossa/annotations";
import { CollabSession, YMapAnnotationStore } from "@glossa/collab";
import { schema } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { call } from "./helpers.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";

/// The annotation endpoints over real HTTP: role checks, validation, the
/// thread operations, links, the audit trail and W3C interchange.
describe("annotations API", () => {
  let server: TestServer;
  let annotator: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let doc: string;
  const base = () => `/api/documents/${doc}/annotations`;

  beforeAll(async () => {
    server = await startTestServer();
    doc = server.letterId;
    annotator = await server.addUser("Ana Annotator", { role: "annotator" });
    editor = await server.addUser("Eli Editor", { role: "editor" });
    viewer = await server.addUser("Vera Viewer", { role: "viewer" });
    stranger = await server.addUser("Stan Stranger");
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("needs a token, and hides documents from people without access", async () => {
    expect((await call(server, null, "GET", base())).status).toBe(401);
    const s = await call(server, stranger.token, "GET", base());
    expect(s.status).toBe(404);
    expect(s.json.error.code).toBe("not_found");
    const missing = await call(
      server,
      server.ownerToken,
      "GET",
      "/api/documents/nosuchdoc123/annotations",
    );
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual(s.json);
    for (const [method, path, body] of [
      ["POST", base(), { exact: INA, kind: "claim" }],
      ["GET", `/api/documents/${doc}/audit`, undefined],
      ["GET", `/api/documents/${doc}/citations`, undefined],
      ["GET", `/api/documents/${doc}/authorities`, undefined],
      ["GET", `/api/documents/${doc}/review`, undefined],
    ] as const) {
      const r = await call(server, stranger.token, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
  });

  it("an annotation made through the API reaches live editors at once", async () => {
    const session = new CollabSession({
      url: server.wsUrl,
      documentId: doc,
      token: () => editor.token,
      user: { id: editor.id, name: editor.name, color: "#000000" },
      WebSocketPolyfill: WebSocket,
    });
    try {
      await eventually(() =>
        expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
      );
      const r = await call(server, annotator.token, "POST", base(), {
        exact: "complementary protection",
        kind: "comment",
        body: "Define it.",
      });
      expect(r.status).toBe(201);
      await eventually(() => {
        const pm = yXmlFragmentToProseMirrorRootNode(session.fragment, schema);
        const [range] = findAnnotationRanges(pm, r.json.id);
        expect(pm.textBetween(range!.from, range!.to)).toBe("complementary protection");
        const body = readAnnotation(new YMapAnnotationStore(session.annotationsDoc), r.json.id);
        expect(body?.messages[0]?.body).toBe("Define it.");
      });
      expect((await call(server, annotator.token, "DELETE", `${base()}/${r.json.id}`)).status).toBe(
        204,
      );
      await eventually(() => {
        const pm = yXmlFragmentToProseMirrorRootNode(session.fragment, schema);
        expect(findAnnotationRanges(pm, r.json.id)).toEqual([]);
      });
    } finally {
      session.destroy();
    }
  });

  it("reads the caller's role fresh on every request", async () => {
    const temp = await server.addUser("Tia Temporary", { role: "annotator" });
    const body = { exact: "humanitarian visas", kind: "highlight" };
    const made = await call(server, temp.token, "POST", base(), body);
    expect(made.status).toBe(201);
    const share = {
      documentId: doc,
      userId: temp.id,
      grantedBy: null,
      grantedAt: new Date().toISOString(),
    };
    await server.glossa.store.setShare({ ...share, role: "viewer" });
    expect((await call(server, temp.token, "DELETE", `${base()}/${made.json.id}`)).status).toBe(
      403,
    );
    await server.glossa.store.removeShare(doc, temp.id);
    expect((await call(server, temp.token, "GET", base())).status).toBe(404);
    await server.glossa.store.setShare({ ...share, role: "annotator" });
    expect((await call(server, temp.token, "DELETE", `${base()}/${made.json.id}`)).status).toBe(
      204,
    );
  });

  it("an annotator creates a claim anchored by its quote", async () => {
    const r = await call(server, annotator.token, "POST", base(), {
      exact: INA,
      kind: "claim",
      body: "Also cite 8 U.S.C. § 1225(b)(2)(C).",
      tags: ["mpp"],
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      kind: "claim",
      status: "unsupported",
      tags: ["mpp"],
      author: { id: annotator.id, name: "Ana Annotator" },
      selector: { quote: { exact: INA } },
      anchor: { status: "attached", text: INA, paragraph: 1, block: 3 },
      detached: null,
      resolved: null,
      links: [],
    });
    expect(r.json.messages[0].body).toBe("Also cite 8 U.S.C. § 1225(b)(2)(C).");
    expect(r.json.audit.map((e: { action: string }) => e.action)).toEqual(["created"]);

    const list = await call(server, viewer.token, "GET", base());
    expect(list.status).toBe(200);
    const found = list.json.annotations.find((a: { id: string }) => a.id === r.json.id);
    expect(found.anchor.status).toBe("attached");
    const one = await call(server, viewer.token, "GET", `${base()}/${r.json.id}`);
    expect(one.status).toBe(200);
    expect(one.json.id).toBe(r.json.id);
  });

  it("refuses absent and ambiguous quotes with 409, and takes context to choose", async () => {
    const absent = await call(server, annotator.token, "POST", base(), {
      exact: "words that are nowhere in the letter",
      kind: "comment",
    });
    expect(absent.status).toBe(409);
    expect(absent.json.error.code).toBe("quote_not_found");
    expect(absent.json.error.message).toMatch(/not in the document/);

    const ambiguous = await call(server, annotator.token, "POST", base(), {
      exact: "section 235(b)(2)(C)",
      kind: "comment",
    });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.json.error.code).toBe("ambiguous");
    expect(ambiguous.json.error.message).toMatch(/appears 2 times/);

    const chosen = await call(server, annotator.token, "POST", base(), {
      exact: "section 235(b)(2)(C)",
      prefix: "facilitate the United States’ implementation of ",
      kind: "question",
      body: "Which paragraph of (b)(2)(C)?",
    });
    expect(chosen.status).toBe(201);
    expect(chosen.json.anchor).toMatchObject({ status: "attached", paragraph: 3 });
  });

  it("validates bodies with clear errors", async () => {
    const t = annotator.token;
    const cases: [unknown, number, RegExp][] = [
      ["{not json", 400, /not valid JSON/],
      ["[1,2]", 400, /JSON object/],
      [{ kind: "claim" }, 400, /"exact" is required/],
      [{ exact: INA }, 400, /"kind" is required/],
      [{ exact: INA, kind: "rumour" }, 400, /"kind" must be one of comment, claim/],
      [{ exact: INA, kind: "claim", quote: INA }, 400, /Unknown field "quote"/],
      [{ exact: 42, kind: "claim" }, 400, /"exact" must be a string/],
      [{ exact: INA, kind: "claim", tags: "a" }, 400, /Invalid tags/],
      [{ exact: INA, kind: "claim", body: "x".repeat(40_000) }, 400, /"body" may have at most/],
    ];
    for (const [body, status, message] of cases) {
      const r = await call(server, t, "POST", base(), body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(r.json.error.message).toMatch(message);
    }
    const big = await call(server, t, "POST", base(), {
      exact: INA,
      kind: "claim",
      body: "x".repeat(300 * 1024),
    });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe("too_large");
    const form = await call(server, t, "POST", base(), "exact=x", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
  });

  it("viewers read but cannot create, change or delete", async () => {
    const created = await call(server, editor.token, "POST", base(), {
      exact: "family unity",
      prefix: "disrupt the right to ",
      kind: "comment",
      body: "Which instrument?",
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const v = viewer.token;
    const attempts = [
      await call(server, v, "POST", base(), { exact: INA, kind: "claim" }),
      await call(server, v, "POST", `${base()}/${id}/replies`, { body: "me too" }),
      await call(server, v, "PATCH", `${base()}/${id}`, { resolved: true }),
      await call(server, v, "DELETE", `${base()}/${id}`),
      await call(server, v, "POST", `${base()}/${id}/links`, { key: "usc/8/1225" }),
    ];
    for (const r of attempts) {
      expect(r.status).toBe(403);
      expect(r.json.error.message).toMatch(/viewer/);
    }
    const after = await call(server, v, "GET", `${base()}/${id}`);
    expect(after.json.messages).toHaveLength(1);
    expect(after.json.resolved).toBeNull();
    expect((await call(server, v, "GET", `/api/documents/${doc}/audit`)).status).toBe(200);
  });

  it("replies, resolves, reopens, sets status and tags", async () => {
    const a = await call(server, annotator.token, "POST", base(), {
      exact: "violation of U.S. and international law",
      kind: "claim",
    });
    expect(a.status).toBe(201);
    const url = `${base()}/${a.json.id}`;
    const reply = await call(server, editor.token, "POST", `${url}/replies`, {
      body: "Which treaty? @Ana Annotator",
    });
    expect(reply.status).toBe(201);
    expect(reply.json.message).toMatchObject({
      body: "Which treaty? @Ana Annotator",
      author: { id: editor.id },
    });
    expect(
      (await call(server, editor.token, "POST", `${url}/replies`, { body: "  " })).status,
    ).toBe(400);

    const resolved = await call(server, editor.token, "PATCH", url, {
      resolved: true,
      status: "disputed",
      tags: ["intl", "us"],
    });
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({
      status: "disputed",
      tags: ["intl", "us"],
      resolved: { by: { id: editor.id, name: "Eli Editor" } },
    });
    const reopened = await call(server, annotator.token, "PATCH", url, { resolved: false });
    expect(reopened.json.resolved).toBeNull();
    expect(reopened.json.audit.map((e: { action: string }) => e.action).sort()).toEqual(
      ["created", "reopened", "replied", "resolved", "status", "tagged"].sort(),
    );

    for (const [body, msg] of [
      [{}, /at least one/],
      [{ status: "true-ish" }, /"status" must be one of unsupported, sourced, verified, disputed/],
      [{ resolved: "yes" }, /"resolved" must be true/],
      [{ colour: "red" }, /Unknown field "colour"/],
    ] as const) {
      const r = await call(server, editor.token, "PATCH", url, body);
      expect(r.status).toBe(400);
      expect(r.json.error.message).toMatch(msg);
    }
    const comment = await call(server, annotator.token, "POST", base(), {
      exact: "counsel",
      prefix: "due process, ",
      kind: "comment",
    });
    const noStatus = await call(server, editor.token, "PATCH", `${base()}/${comment.json.id}`, {
      status: "verified",
    });
    expect(noStatus.status).toBe(409);
    expect(noStatus.json.error.message).toMatch(/only claims/);
    const missing = await call(server, editor.token, "PATCH", `${base()}/nosuchannotation`, {
      resolved: true,
    });
    expect(missing.status).toBe(404);
  });

  it("links sources: known keys, well-formed unknown keys, refuses malformed ones; unlinks", async () => {
    const claim = await call(server, annotator.token, "POST", base(), {
      exact: "non-refoulement",
      kind: "claim",
    });
    const url = `${base()}/${claim.json.id}`;
    const link = await call(server, annotator.token, "POST", `${url}/links`, {
      key: "treaty/refugee-convention-1951/art-33",
      pinpoint: "1",
      relation: "supports",
    });
    expect(link.status).toBe(201);
    expect(link.json).toMatchObject({
      link: { key: "treaty/refugee-convention-1951/art-33", pinpoint: "1", relation: "supports" },
      authority: { known: true, key: "treaty/refugee-convention-1951/art-33" },
      status: "sourced",
    });
    const again = await call(server, annotator.token, "POST", `${url}/links`, {
      key: "treaty/refugee-convention-1951/art-33",
      pinpoint: "1",
      relation: "supports",
    });
    expect(again.status).toBe(409);

    const unknown = await call(server, annotator.token, "POST", `${url}/links`, {
      key: "case/999/F.4th/1",
      relation: "cites",
    });
    expect(unknown.status).toBe(201);
    expect(unknown.json.authority).toEqual({ known: false });

    for (const body of [
      { key: "not a key" },
      { key: "local/exhibit/nobody-added-this" },
      { key: "usc/eight/1225" },
    ]) {
      const r = await call(server, annotator.token, "POST", `${url}/links`, body);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe("unknown_source");
    }
    const badRelation = await call(server, annotator.token, "POST", `${url}/links`, {
      key: "usc/8/1231/b/3",
      relation: "likes",
    });
    expect(badRelation.status).toBe(400);
    expect(badRelation.json.error.message).toMatch(/supports, contradicts, cites, defines/);
    expect((await call(server, annotator.token, "POST", `${url}/links`, {})).status).toBe(400);

    const del = await call(
      server,
      annotator.token,
      "DELETE",
      `${url}/links/${unknown.json.link.id}`,
    );
    expect(del.status).toBe(204);
    const after = await call(server, annotator.token, "GET", url);
    expect(after.json.links.map((l: { key: string }) => l.key)).toEqual([
      "treaty/refugee-convention-1951/art-33",
    ]);
    const gone = await call(server, annotator.token, "DELETE", `${url}/links/nosuchlink1`);
    expect(gone.status).toBe(404);
  });

  it("deletes: the author or an editor may, another annotator may not; the audit keeps it", async () => {
    const other = await server.addUser("Otto Other", { role: "annotator" });
    const a = await call(server, annotator.token, "POST", base(), {
      exact: "insurmountable barriers",
      kind: "issue",
    });
    const url = `${base()}/${a.json.id}`;
    expect((await call(server, other.token, "DELETE", url)).status).toBe(403);
    const del = await call(server, annotator.token, "DELETE", url);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect((await call(server, annotator.token, "GET", url)).status).toBe(404);
    expect((await call(server, annotator.token, "DELETE", url)).status).toBe(409);
    const list = await call(server, annotator.token, "GET", base());
    expect(list.json.annotations.some((x: { id: string }) => x.id === a.json.id)).toBe(false);
    const withDeleted = await call(server, annotator.token, "GET", `${base()}?deleted=true`);
    expect(
      withDeleted.json.annotations.find((x: { id: string }) => x.id === a.json.id).deleted,
    ).toMatchObject({
      by: { id: annotator.id },
    });

    const audit = await call(server, viewer.token, "GET", `/api/documents/${doc}/audit`);
    expect(audit.status).toBe(200);
    const mine = audit.json.entries.filter(
      (e: { annotationId: string }) => e.annotationId === a.json.id,
    );
    expect(mine.map((e: { action: string }) => e.action)).toEqual(["created", "deleted"]);
    expect(mine[1]).toMatchObject({
      who: { id: annotator.id },
      kind: "issue",
      quote: "insurmountable barriers",
    });
    const times = audit.json.entries.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);

    const csv = await call(server, viewer.token, "GET", `/api/documents/${doc}/audit?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="audit-/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("at,annotation,kind,quote,action,who_id,who_name,detail");
    expect(lines).toHaveLength(audit.json.entries.length + 1);
    // Random ids may begin with "-": such a cell is written with a leading
    // "'" so that no spreadsheet reads it as a formula.
    const cell = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
    expect(csv.text).toContain(
      `,${cell(a.json.id)},issue,insurmountable barriers,deleted,${cell(annotator.id)},Ana Annotator,`,
    );
    expect(
      (await call(server, viewer.token, "GET", `/api/documents/${doc}/audit?format=xml`)).status,
    ).toBe(400);
  });

  it("exports W3C JSON-LD that imports onto a fresh copy of the letter, every annotation on the same words", async () => {
    const w3c = await call(server, viewer.token, "GET", `${base()}?format=w3c`);
    expect(w3c.status).toBe(200);
    expect(w3c.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    expect(w3c.json).toMatchObject({ type: "AnnotationCollection" });
    const original = (await call(server, viewer.token, "GET", base())).json.annotations as {
      id: string;
      kind: string;
      selector: { quote: { exact: string } };
      messages: unknown[];
      links: { key: string }[];
    }[];
    expect(original.length).toBeGreaterThanOrEqual(6);

    const copy = await call(server, editor.token, "POST", "/api/documents", {
      format: "letter",
      text: readSampleLetter(),
    });
    expect(copy.status).toBe(201);
    const copyBase = `/api/documents/${copy.json.id}/annotations`;
    const imported = await call(server, editor.token, "POST", `${copyBase}/import`, w3c.text, {
      "Content-Type": "application/ld+json",
    });
    expect(imported.status).toBe(200);
    expect(imported.json.rejected).toEqual([]);
    expect(imported.json.unplaced).toEqual([]);
    expect(imported.json.placed).toHaveLength(original.length);

    const now = (await call(server, editor.token, "GET", copyBase)).json.annotations as {
      kind: string;
      selector: { quote: { exact: string; prefix: string } };
      anchor: { status: string; text: string; paragraph: number };
      messages: unknown[];
      links: { key: string }[];
    }[];
    expect(now).toHaveLength(original.length);
    const sig = (a: (typeof original)[number] | (typeof now)[number]) =>
      `${a.kind}|${a.selector.quote.exact}|${a.messages.length}|${a.links.map((l) => l.key).join(",")}`;
    expect(now.map(sig).sort()).toEqual(original.map(sig).sort());
    for (const a of now) {
      expect(a.anchor.status).toBe("attached");
      expect(a.anchor.text).toBe(a.selector.quote.exact);
    }
    // The two "section 235(b)(2)(C)" annotations (one full, one short) stay in their paragraphs.
    const short = now.find((a) => a.selector.quote.exact === "section 235(b)(2)(C)");
    expect(short?.anchor.paragraph).toBe(3);
  });
});
