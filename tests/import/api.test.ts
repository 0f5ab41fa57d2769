import { readFileSync } from "node:fs";
import { convert, DOCX_TYPE } from "@glossa/convert";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, unzip } from "../api/helpers.ts";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { createDatabase } from "../versions/helpers.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

/// `POST /api/documents` with files, through a real server on SQLite.
describe("import through POST /api/documents", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_IMPORT_BYTES: String(200 * 1024) } });
  });
  afterAll(() => server.destroy());

  const post = (body: BodyInit, headers: Record<string, string>, query = "") =>
    fetch(`${server.url}/api/documents${query}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.ownerToken}`, ...headers },
      body,
    }).then(async (r) => ({ status: r.status, json: await r.json() }));
  const count = async () => (await server.glossa.store.listDocuments()).length;

  it("a DOCX sent as bytes: 201 with its title; comments become annotations with authors and replies", async () => {
    const r = await post(
      fixture("glossa-legal-memo.docx"),
      { "Content-Type": DOCX_TYPE },
      "?filename=memo.docx",
    );
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      title: "Memorandum on Asylum Eligibility at the Southern Border",
      format: "docx",
      annotations: 2,
      role: "owner",
    });
    const content = await call(
      server,
      server.ownerToken,
      "GET",
      `/api/documents/${r.json.id}/content`,
    );
    expect(content.json.text).toContain(
      "Whether a person who arrives at the border may apply for asylum",
    );
    const list = await call(
      server,
      server.ownerToken,
      "GET",
      `/api/documents/${r.json.id}/annotations`,
    );
    const threads = list.json.annotations;
    expect(threads).toHaveLength(2);
    const first = threads.find(
      (a: { selector: { quote: { exact: string } } }) =>
        a.selector.quote.exact === "apply for asylum",
    );
    expect(first.kind).toBe("comment");
    expect(first.detached).toBeNull();
    // Each thread and message is by its Word author (a person without an account).
    expect(first.author.name).toBe("Ana Ruiz");
    expect(first.author.id).toMatch(/^word-[0-9a-f]{20}$/);
    expect(
      first.messages.map((m: { author: { name: string }; body: string }) => [
        m.author.name,
        m.body,
      ]),
    ).toEqual([
      ["Ana Ruiz", "Cite the statute's subsection, please. (from Word, 2024-03-01)"],
      ["Ben Okafor", "Added (a)(1); see footnote 1. (from Word, 2024-03-01)"],
    ]);
    const second = threads.find((a: { id: string }) => a.id !== first.id);
    expect(second.author.name).toBe("Chen Li");
    expect(second.resolved).not.toBeNull();
    expect(second.messages[0].body).toMatch(/^Is this still .* \(from Word, 2024-03-02\)$/);
    // DOCX → Glossa → DOCX: the export, read back, keeps the structure, the
    // comments with their authors, and the ¶ numbers.
    const exported = await call(
      server,
      server.ownerToken,
      "GET",
      `/api/documents/${r.json.id}/export?format=docx`,
    );
    expect(exported.status).toBe(200);
    const files = unzip(exported.bytes);
    const commentsXml = files.get("word/comments.xml")!.toString("utf8");
    expect(commentsXml).toContain('w:author="Ana Ruiz"');
    expect(commentsXml).toContain('w:author="Ben Okafor"');
    expect(files.get("word/document.xml")!.toString("utf8")).toContain("¶ 1");
    const again = await convert(exported.bytes, { fileName: "export.docx" });
    expect(again.title).toBe("Memorandum on Asylum Eligibility at the Southern Border");
    const heads: string[] = [];
    again.doc.descendants((n) => {
      if (n.type.name === "heading") heads.push(n.textContent);
      return !n.isTextblock;
    });
    expect(heads).toEqual(
      expect.arrayContaining(["Question Presented", "Statutory text", "Notes"]),
    );
    expect(again.comments.map((c) => [c.author, c.quote])).toEqual(
      expect.arrayContaining([["Ana Ruiz", "apply for asylum"]]),
    );
    expect(again.doc.textContent).toContain(
      "8 U.S.C. § 1158(a)(1) (any alien physically present).",
    );
    // Lists keep their kind, numbering and items; emphasis and underline survive.
    const shape = (doc: typeof again.doc) => {
      const lists: string[] = [];
      const marked: string[] = [];
      doc.descendants((n) => {
        if (n.type.name === "ordered_list" || n.type.name === "bullet_list")
          lists.push(`${n.type.name}:${n.attrs.order ?? ""}:${n.childCount}`);
        if (n.isText)
          for (const m of n.marks)
            if (["em", "strong", "underline"].includes(m.type.name))
              marked.push(`${m.type.name}:${n.text}`);
        return true;
      });
      return { lists, marked };
    };
    const original = await convert(fixture("glossa-legal-memo.docx"), { fileName: "memo.docx" });
    expect(shape(original.doc).lists.length).toBeGreaterThan(0);
    expect(shape(original.doc).marked.length).toBeGreaterThan(0);
    expect(shape(again.doc).lists).toEqual(shape(original.doc).lists);
    expect(shape(again.doc).marked).toEqual(expect.arrayContaining(shape(original.doc).marked));
    // Citations and paragraph numbers are there at once.
    const cites = await call(
      server,
      server.ownerToken,
      "GET",
      `/api/documents/${r.json.id}/citations`,
    );
    expect(cites.json.paragraphs).toBeGreaterThan(5);
    const found = cites.json.citations
      .map((c: { text?: string; key?: string }) => JSON.stringify(c))
      .join("\n");
    expect(found).toMatch(/1158/);
  });

  it("multipart/form-data with one file, Markdown and HTML, and a plain-text memo", async () => {
    const form = new FormData();
    form.append("file", new Blob([fixture("pandoc-headers.docx")]), "Headers test.docx");
    const a = await post(form, {});
    expect(a.status).toBe(201);
    expect(a.json.title).toBe("A Test of Headers");
    const md = await post(
      "# Notes on the hearing\n\nThe judge asked about *credibility*.[^1]\n\n[^1]: Tr. 12.\n",
      {
        "Content-Type": "text/markdown; charset=utf-8",
        "X-Filename": encodeURIComponent("hearing notes.md"),
      },
    );
    expect(md.status).toBe(201);
    expect(md.json.title).toBe("Notes on the hearing");
    const html = await post(
      '<html><head><title>Page</title><script>alert(1)</script></head><body><p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p></body></html>',
      {
        "Content-Type": "text/html",
      },
      "?filename=page.html",
    );
    expect(html.status).toBe(201);
    const content = await call(
      server,
      server.ownerToken,
      "GET",
      `/api/documents/${html.json.id}/content`,
    );
    expect(JSON.stringify(content.json.doc)).not.toMatch(/script|alert|javascript|onclick/);
    const txt = await post(
      "MEMORANDUM\n\nTO: Team\n\nI. INTRODUCTION\n\n1. First point.\n\n2. Second point.\n",
      {
        "Content-Type": "text/plain",
      },
      "?filename=memo.txt",
    );
    expect(txt.status).toBe(201);
    const memo = await call(
      server,
      server.ownerToken,
      "GET",
      `/api/documents/${txt.json.id}/content`,
    );
    expect(memo.json.doc.content.map((n: { type: string }) => n.type)).toEqual([
      "title",
      "paragraph",
      "heading",
      "ordered_list",
    ]);
  });

  it("413 beyond MAX_IMPORT_BYTES, 415 for unknown types, 422 for unreadable files; nothing created", async () => {
    const before = await count();
    const big = await post(
      new Uint8Array(300 * 1024),
      { "Content-Type": DOCX_TYPE },
      "?filename=big.docx",
    );
    expect(big.status).toBe(413);
    expect(big.json.error.message).toMatch(/larger than 200 KB/);
    const pdf = await post(
      "%PDF-1.7",
      { "Content-Type": "application/pdf" },
      "?filename=brief.pdf",
    );
    expect(pdf.status).toBe(415);
    expect(pdf.json.error.code).toBe("unsupported_media_type");
    const memo = fixture("glossa-legal-memo.docx");
    const cut = await post(
      memo.subarray(0, 3000),
      { "Content-Type": DOCX_TYPE },
      "?filename=cut.docx",
    );
    expect(cut.status).toBe(422);
    expect(cut.json.error.message).toMatch(/damaged/);
    const binary = await post(
      new Uint8Array([0, 1, 2, 3, 0, 0, 255, 7]),
      { "Content-Type": "text/plain" },
      "?filename=a.txt",
    );
    expect(binary.status).toBe(422);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(300 * 1024)]), "big.docx");
    expect((await post(form, {})).status).toBe(413);
    const none = await post("", { "Content-Type": "text/plain" }, "?filename=empty.txt");
    expect(none.status).toBe(422);
    expect(await count()).toBe(before);
  });

  it("needs a signed-in person; JSON bodies still work as before", async () => {
    const anon = await fetch(`${server.url}/api/documents?filename=a.md`, {
      method: "POST",
      headers: { "Content-Type": "text/markdown" },
      body: "# A",
    });
    expect(anon.status).toBe(401);
    const json = await call(server, server.ownerToken, "POST", "/api/documents", {
      title: "Plain",
      text: "one",
    });
    expect(json.status).toBe(201);
  });
});

/// The same import on PostgreSQL: the document and its annotations are stored
/// there and survive a restart of the server.
describe("import on PostgreSQL", () => {
  let server: TestServer;
  let db: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    db = await createDatabase();
    server = await startTestServer({ env: { DATABASE_URL: db.url } });
  });
  afterAll(async () => {
    await server.destroy();
    await db.drop();
  });

  it("a file dropped on a new, empty document fills it; a document with words is refused (409) and unchanged", async () => {
    const blank = await call(server, server.ownerToken, "POST", "/api/documents", {
      title: "Untitled document",
      text: "",
    });
    expect(blank.status).toBe(201);
    const id = blank.json.id as string;
    const into = (token: string, body: BodyInit, type: string, name: string) =>
      fetch(`${server.url}/api/documents/${id}/import?filename=${name}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": type },
        body,
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const text = async () =>
      (await call(server, server.ownerToken, "GET", `/api/documents/${id}/content`)).json
        .text as string;
    const before = await text();

    // An annotator may not bring text in; a broken file changes nothing.
    const annotator = await server.addUser("Ida Annotator", { role: "annotator", documentId: id });
    const refused = await into(annotator.token, fixture("brief.md"), "text/markdown", "brief.md");
    expect(refused.status).toBe(403);
    const broken = await into(
      server.ownerToken,
      fixture("glossa-legal-memo.docx").subarray(0, 900),
      DOCX_TYPE,
      "memo.docx",
    );
    expect(broken.status).toBe(422);
    expect(broken.json.error.code).toBe("unreadable_file");
    expect(await text()).toBe(before);

    // The owner drops the Word memo: its text, its title and its comments arrive.
    const ok = await into(
      server.ownerToken,
      fixture("glossa-legal-memo.docx"),
      DOCX_TYPE,
      "memo.docx",
    );
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      id,
      title: "Memorandum on Asylum Eligibility at the Southern Border",
      format: "docx",
      annotations: 2,
    });
    const after = await text();
    expect(after).toContain("Whether a person who arrives at the border may apply for asylum");
    expect(after.startsWith("Memorandum on Asylum Eligibility at the Southern Border")).toBe(true);
    const meta = await call(server, server.ownerToken, "GET", `/api/documents/${id}`);
    expect(meta.json.title).toBe("Memorandum on Asylum Eligibility at the Southern Border");
    const threads = (
      await call(server, server.ownerToken, "GET", `/api/documents/${id}/annotations`)
    ).json.annotations as {
      selector: { quote: { exact: string } };
      detached: unknown;
      author: { name: string };
    }[];
    expect(threads).toHaveLength(2);
    const asylum = threads.find((a) => a.selector.quote.exact === "apply for asylum")!;
    expect(asylum.detached).toBeNull();
    expect(asylum.author.name).toBe("Ana Ruiz");

    // Now it has words: a second file is refused and nothing changes.
    const again = await into(server.ownerToken, fixture("brief.md"), "text/markdown", "brief.md");
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("not_empty");
    expect(await text()).toBe(after);

    // A renamed document keeps its name; the file brings only its words.
    const named = await call(server, server.ownerToken, "POST", "/api/documents", {
      title: "Untitled document",
      text: "",
    });
    await call(server, server.ownerToken, "PATCH", `/api/documents/${named.json.id}`, {
      title: "Reply brief, draft 2",
    });
    const md = await fetch(
      `${server.url}/api/documents/${named.json.id}/import?filename=brief.md`,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${server.ownerToken}`, "Content-Type": "text/markdown" },
        body: fixture("brief.md"),
      },
    );
    expect(md.status).toBe(200);
    expect((await md.json()).title).toBeNull();
    const namedText = (
      await call(server, server.ownerToken, "GET", `/api/documents/${named.json.id}/content`)
    ).json.text as string;
    expect(namedText.startsWith("Reply brief, draft 2")).toBe(true);
    expect(namedText.length).toBeGreaterThan(200);
  });

  it("a DOCX with comments is stored with its threads and reads back after a restart", async () => {
    const res = await fetch(`${server.url}/api/documents?filename=comments.docx`, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.ownerToken}`, "Content-Type": DOCX_TYPE },
      body: fixture("pandoc-comments.docx"),
    });
    expect(res.status).toBe(201);
    const { id, annotations } = await res.json();
    expect(annotations).toBe(4);
    await server.stop();
    server = await server.restart();
    const list = await call(server, server.ownerToken, "GET", `/api/documents/${id}/annotations`);
    expect(list.status).toBe(200);
    const bodies = list.json.annotations.flatMap((a: { messages: { body: string }[] }) =>
      a.messages.map((m) => m.body),
    );
    expect(bodies).toContain("I left a comment. (from Word, 2016-05-09)");
    expect(bodies).toContain("Do something else. (from Word, 2016-06-22)");
    expect(list.json.annotations.every((a: { detached: unknown }) => a.detached === null)).toBe(
      true,
    );
  });
});
