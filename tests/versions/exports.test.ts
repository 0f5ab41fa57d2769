import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, unzip } from "../api/helpers.ts";
import { ARTIFACTS } from "../utils/browser.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { connect, typeBefore } from "./helpers.ts";

const SCRIPT = `<script>alert("x")</script> & "quotes"`;

/// Exports of the annotated document: HTML, Markdown and Word with comments.
describe("annotated document exports", () => {
  let server: TestServer;
  let annotator: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let doc: string;
  let comment: string;
  const exp = (q: string) => `/api/documents/${doc}/export?${q}`;

  beforeAll(async () => {
    server = await startTestServer();
    doc = server.letterId;
    annotator = await server.addUser("Ana Annotator", { role: "annotator" });
    viewer = await server.addUser("Vera Viewer", { role: "viewer" });
    stranger = await server.addUser("Stan Stranger");
    const base = `/api/documents/${doc}/annotations`;
    const c = await call(server, annotator.token, "POST", base, {
      exact: "complementary protection",
      kind: "comment",
      body: SCRIPT,
    });
    expect(c.status).toBe(201);
    comment = c.json.id;
    const reply = await call(server, server.ownerToken, "POST", `${base}/${comment}/replies`, {
      body: "Agreed — cite the statute.",
    });
    expect(reply.status).toBe(201);
    const claim = await call(server, annotator.token, "POST", base, {
      exact: "Mexico has historically held itself out",
      kind: "claim",
      body: "Needs a source.",
    });
    expect(claim.status).toBe(201);
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("HTML: the letter's structure, highlights with numbered notes, escaped threads, linked citations", async () => {
    const r = await call(server, viewer.token, "GET", exp("format=html"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w.-]+\.html"$/);
    const html = r.text;
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}/annotated-export.html`, html);
    expect(html).not.toContain("<script");
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;",
    );
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toMatch(/<h1 class="title">/);
    expect(html).toMatch(
      /<p class="date"><time datetime="2018-12-21">December 21, 2018<\/time><\/p>/,
    );
    expect(html).toContain('<p class="salutation">Dear President');
    expect(html).toContain('<p class="closing">');
    expect(html).toContain(
      '<section class="signatories" aria-label="Signatories">\n<p class="signatory">Asylum Access Mexico (AAMX)</p>',
    );
    expect(html).toContain('<section class="addressees" aria-label="Addressees">');
    // The claim comes first in the text: note 1; the comment note 2.
    expect(html).toMatch(
      /<mark class="annotation" data-notes="1">Mexico has historically held itself out<\/mark><sup class="note-ref"><a id="ref-1" href="#note-1"/,
    );
    expect(html).toMatch(
      /<mark class="annotation" data-notes="2">complementary protection<\/mark>/,
    );
    expect(html).toMatch(/<li id="note-2"><p class="note-head"><strong>Comment<\/strong>/);
    expect(html).toContain("Agreed — cite the statute.");
    expect(html).toMatch(
      /<a href="https:\/\/[^"]+" rel="noopener noreferrer">section 235\(b\)\(2\)\(C\)/,
    );
  });

  it("Markdown: annotations as footnotes with their threads", async () => {
    const r = await call(server, viewer.token, "GET", exp("format=md"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/markdown/);
    const md = r.text;
    writeFileSync(`${ARTIFACTS}/annotated-export.md`, md);
    expect(md).toMatch(/^# /);
    expect(md).toContain("Mexico has historically held itself out[^1]");
    expect(md).toContain("complementary protection[^2]");
    expect(md).toMatch(
      /\n\[\^1\]: \*\*Claim · status: unsupported\*\* — on “Mexico has historically held itself out” \(¶ 2\)/,
    );
    expect(md).toMatch(/\n\[\^2\]: \*\*Comment\*\*/);
    expect(md).toContain('\\<script\\>alert("x")\\</script\\> & "quotes"');
    expect(md).toContain("    **Ana Annotator** (");
    expect(md).toMatch(/\[section 235\(b\)\(2\)\(C\)[^\]]*\]\(<https:/);
    expect(md).toContain("non-refoulement");
    expect(md).toContain("\n\nAsylum Access Mexico (AAMX)\n\n");
  });

  it("DOCX: real Word comments around the annotated words, replies threaded", async () => {
    const r = await call(server, viewer.token, "GET", exp("format=docx"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    writeFileSync(`${ARTIFACTS}/annotated-export.docx`, r.bytes);
    const files = unzip(r.bytes);
    const comments = files.get("word/comments.xml")?.toString("utf8");
    const document = files.get("word/document.xml")?.toString("utf8");
    expect(comments).toBeDefined();
    expect(document).toBeDefined();
    expect(comments).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(comments).toContain("Agreed — cite the statute.");
    expect(comments).toMatch(/w:author="Ana Annotator"/);
    // The comment's range encloses exactly the annotated words.
    const m = document!.match(
      /<w:commentRangeStart w:id="(\d+)"\/>(.*?)<w:commentRangeEnd w:id="\1"\/>/s,
    );
    expect(m).not.toBeNull();
    const words = (s: string) =>
      [...s.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join("");
    const ranges = [
      ...document!.matchAll(
        /<w:commentRangeStart w:id="(\d+)"\/>(.*?)<w:commentRangeEnd w:id="\1"\/>/gs,
      ),
    ];
    const covered = ranges.map((x) => words(x[2]!));
    expect(covered).toContain("complementary protection");
    expect(covered).toContain("Mexico has historically held itself out");
    expect(document).toMatch(/<w:commentReference w:id="\d+"\/>/);
    // The reply is a comment of its own, threaded under the first.
    expect(files.has("word/commentsExtended.xml")).toBe(true);
    expect(files.get("word/commentsExtended.xml")!.toString("utf8")).toContain("w15:paraIdParent");
  });

  it("exports a saved version, and checks access and format", async () => {
    const saved = await call(server, server.ownerToken, "POST", `/api/documents/${doc}/versions`, {
      name: "Filed copy",
    });
    expect(saved.status).toBe(201);
    await call(server, annotator.token, "DELETE", `/api/documents/${doc}/annotations/${comment}`);
    const now = await call(server, viewer.token, "GET", exp("format=html"));
    expect(now.text).not.toContain("complementary protection</mark>");
    const then = await call(
      server,
      viewer.token,
      "GET",
      exp(`format=html&version=${saved.json.id}`),
    );
    expect(then.status).toBe(200);
    expect(then.text).toContain("complementary protection</mark>");
    expect(then.text).toContain("Version “Filed copy” saved");
    expect(then.headers.get("content-disposition")).toContain("Filed-copy.html");

    expect((await call(server, stranger.token, "GET", exp("format=html"))).status).toBe(404);
    expect((await call(server, null, "GET", exp("format=html"))).status).toBe(401);
    expect((await call(server, viewer.token, "GET", exp("format=pdf"))).status).toBe(400);
    expect(
      (await call(server, viewer.token, "GET", exp("format=md&version=nosuchversion"))).status,
    ).toBe(404);
  });

  it("prints linked sources' pinpoints as the app shows them, in HTML, Markdown and Word", async () => {
    const base = `/api/documents/${doc}/annotations`;
    const claim = await call(server, annotator.token, "POST", base, {
      exact: "non-refoulement",
      kind: "claim",
      body: "The treaty and the statute.",
    });
    expect(claim.status).toBe(201);
    for (const link of [
      { key: "usc/8/1158", pinpoint: "(a)", relation: "supports" },
      { key: "treaty/refugee-convention-1951/art-33", pinpoint: "1", relation: "supports" },
    ])
      expect(
        (await call(server, annotator.token, "POST", `${base}/${claim.json.id}/links`, link))
          .status,
      ).toBe(201);
    const TREATY =
      "Convention Relating to the Status of Refugees art. 33(1), July 28, 1951, 189 U.N.T.S. 150";
    const html = (await call(server, viewer.token, "GET", exp("format=html"))).text;
    const md = (await call(server, viewer.token, "GET", exp("format=md"))).text;
    const docx = unzip((await call(server, viewer.token, "GET", exp("format=docx"))).bytes);
    const comments = docx.get("word/comments.xml")!.toString("utf8");
    for (const out of [html, md, comments]) {
      expect(out).toContain("8 U.S.C. § 1158(a)");
      expect(out).toContain(TREATY);
      expect(out).not.toContain("1158, (a)");
      expect(out).not.toContain("150, 1");
    }
  });

  it("numbers paragraphs, and leaves out highlights, numbers or the Glossa note on request", async () => {
    const html = (await call(server, viewer.token, "GET", exp("format=html"))).text;
    expect(html).toMatch(
      /<p id="p-2" data-paragraph="2"><span class="paragraph-number">¶ 2<\/span> /,
    );
    expect(html).toContain('class="export-note"');
    const plain = (
      await call(server, viewer.token, "GET", exp("format=html&highlight=none&footer=0&numbers=0"))
    ).text;
    expect(plain).not.toContain("<mark");
    expect(plain).toMatch(/<span class="annotation" data-notes="\d+">Mexico has historically/);
    expect(plain).not.toContain("paragraph-number");
    expect(plain).not.toContain("export-note");
    const kinds = (await call(server, viewer.token, "GET", exp("format=html&highlight=kind"))).text;
    expect(kinds).toMatch(/<mark class="annotation kind-claim" data-notes="\d+">Mexico/);
    expect(kinds).toContain("mark.kind-claim{background:#5b8def66}");

    const md = (await call(server, viewer.token, "GET", exp("format=md"))).text;
    expect(md).toContain("\n\n¶ 2 Mexico has historically held itself out[^1]");
    expect(md).toMatch(/\*Exported from Glossa on /);
    const mdPlain = (await call(server, viewer.token, "GET", exp("format=md&footer=0&numbers=0")))
      .text;
    expect(mdPlain).toContain("\n\nMexico has historically held itself out[^1]");
    expect(mdPlain).not.toContain("Exported from Glossa");

    const word = (q: string) =>
      call(server, viewer.token, "GET", exp(`format=docx${q}`)).then((r) =>
        unzip(r.bytes).get("word/document.xml")!.toString("utf8"),
      );
    const yellow = await word("");
    expect(yellow).toContain('<w:highlight w:val="yellow"/>');
    expect(yellow).toContain(">¶ 2</w:t>");
    expect(yellow).toContain("Exported from Glossa on");
    const byKind = await word("&highlight=kind");
    expect(byKind).not.toContain("<w:highlight");
    expect(byKind).toMatch(/<w:shd [^>]*w:fill="5B8DEF"/);
    const bare = await word("&highlight=none&footer=0&numbers=0");
    expect(bare).not.toContain("<w:highlight");
    expect(bare).not.toContain("<w:shd");
    expect(bare).not.toContain("¶ ");
    expect(bare).not.toContain("Exported from Glossa");
  });

  it("keeps the text's own angle brackets and pipes as text in Markdown", async () => {
    const editor = await server.addUser("Eli Editor", { role: "editor" });
    const session = connect(server, editor, doc);
    try {
      await eventually(() => expect(session.text.isSynced).toBe(true));
      typeBefore(session, "Mexico has historically", "<img src=x onerror=alert(1)> a|b ");
      const md = await eventually(async () => {
        const r = (await call(server, viewer.token, "GET", exp("format=md"))).text;
        expect(r).toContain("onerror");
        return r;
      });
      expect(md).toContain("\\<img src=x onerror=alert(1)\\> a\\|b Mexico");
    } finally {
      session.destroy();
    }
  });
});
