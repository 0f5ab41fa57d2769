import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { call, unzip } from "./helpers.ts";

const INA = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";
const REFUGEE_33_1 =
  "Convention Relating to the Status of Refugees art. 33(1), July 28, 1951, 189 U.N.T.S. 150";

/// The endpoints that read a document against the law: its citations, its
/// table of authorities (JSON, HTML, DOCX) and the review checks.
describe("citations, table of authorities and review", () => {
  let server: TestServer;
  let annotator: TestUser;
  let viewer: TestUser;
  let doc: string;

  beforeAll(async () => {
    server = await startTestServer();
    doc = server.letterId;
    annotator = await server.addUser("Ana Annotator", { role: "annotator" });
    viewer = await server.addUser("Vera Viewer", { role: "viewer" });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("lists the letter's citations with paragraph, positions and catalog status", async () => {
    const r = await call(server, viewer.token, "GET", `/api/documents/${doc}/citations`);
    expect(r.status).toBe(200);
    expect(r.json.paragraphs).toBe(5);
    expect(r.json.citations).toHaveLength(2);
    const [first, second] = r.json.citations;
    expect(first).toMatchObject({
      kind: "ina",
      text: INA,
      key: "ina/235/b/2/C",
      canonical: "INA § 235(b)(2)(C)",
      equivalents: ["usc/8/1225/b/2/C"],
      block: 3,
      paragraph: 1,
      shortForm: false,
      resolvedKey: "ina/235/b/2/C",
      authority: {
        known: true,
        key: "usc/8/1225",
        canonical: "8 U.S.C. § 1225(b)(2)(C)",
        pinpoint: ["b", "2", "C"],
        via: "parent",
      },
    });
    expect(second).toMatchObject({ text: "section 235(b)(2)(C)", block: 5, paragraph: 3 });
    expect(second.authority.known).toBe(true);

    // Offsets are into the plain text of GET …/content; positions into its ProseMirror doc.
    const content = await call(server, viewer.token, "GET", `/api/documents/${doc}/content`);
    for (const c of r.json.citations) {
      expect(content.json.text.slice(c.start, c.end)).toBe(c.text);
      expect(c.to - c.from).toBe(c.text.length);
    }
    const p1 = content.json.doc.content[3];
    expect(p1.type).toBe("paragraph");
    expect(first.from).toBe(184 + p1.content[0].text.indexOf(INA));
  });

  it("builds the table of authorities from citations and two links made through the API", async () => {
    const ann = `/api/documents/${doc}/annotations`;
    const claim = await call(server, annotator.token, "POST", ann, {
      exact: "non-refoulement",
      kind: "claim",
    });
    expect(claim.status).toBe(201);
    expect(claim.json.anchor.paragraph).toBe(5);
    const l1 = await call(server, annotator.token, "POST", `${ann}/${claim.json.id}/links`, {
      key: "treaty/refugee-convention-1951/art-33",
      pinpoint: "1",
      relation: "supports",
    });
    expect(l1.status).toBe(201);
    const dp = await call(server, annotator.token, "POST", ann, {
      exact: "due process",
      prefix: "insurmountable barriers to ",
      kind: "claim",
    });
    expect(dp.json.anchor.paragraph).toBe(2);
    const l2 = await call(server, annotator.token, "POST", `${ann}/${dp.json.id}/links`, {
      key: "usconst/amendment-5",
      relation: "supports",
    });
    expect(l2.status).toBe(201);

    const r = await call(server, viewer.token, "GET", `/api/documents/${doc}/authorities`);
    expect(r.status).toBe(200);
    expect(r.json.omitted).toEqual([]);
    // Checked by hand against the letter: ¶ 1 and ¶ 3 cite INA § 235(b)(2)(C);
    // the due-process claim sits in ¶ 2, the non-refoulement claim in ¶ 5.
    const table = r.json.groups.map(
      (g: { heading: string; entries: { display: string; refs: string }[] }) => [
        g.heading,
        g.entries.map((e) => [e.display, e.refs]),
      ],
    );
    expect(table).toEqual([
      ["Constitutional Provisions", [["U.S. Const. amend. V", "¶ 2"]]],
      ["Statutes", [["8 U.S.C. § 1225(b)(2)(C) (INA § 235(b)(2)(C))", "¶¶ 1, 3"]]],
      ["Treaties and International Instruments", [[REFUGEE_33_1, "¶ 5"]]],
    ]);
    for (const g of r.json.groups)
      for (const e of g.entries) {
        expect(e.known).toBe(true);
        expect(e.url).toMatch(/^https:\/\//);
      }
    expect(r.json.groups[2].entries[0].key).toBe("treaty/refugee-convention-1951/art-33/1");

    const passim = await call(
      server,
      viewer.token,
      "GET",
      `/api/documents/${doc}/authorities?passim=1`,
    );
    expect(passim.json.groups[1].entries[0].refs).toBe("passim");
    expect(
      (await call(server, viewer.token, "GET", `/api/documents/${doc}/authorities?passim=0`))
        .status,
    ).toBe(400);
    expect(
      (await call(server, viewer.token, "GET", `/api/documents/${doc}/authorities?format=pdf`))
        .status,
    ).toBe(400);
  });

  it("serves the table as HTML", async () => {
    const r = await call(
      server,
      viewer.token,
      "GET",
      `/api/documents/${doc}/authorities?format=html`,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(r.headers.get("content-disposition")).toMatch(/filename=".*table-of-authorities\.html"/);
    expect(r.text).toMatch(/^<!doctype html>/);
    expect(r.text).toContain("<h3>Statutes</h3>");
    expect(r.text).toContain("8 U.S.C. § 1225(b)(2)(C) (INA § 235(b)(2)(C))</a>");
    expect(r.text).toContain('<span class="toa-refs">¶¶ 1, 3</span>');
    expect(r.text).toMatch(/<a href="https:\/\/[^"]+">U\.S\. Const\. amend\. V<\/a>/);
  });

  it("serves the table as a real DOCX with the entries and hyperlinks", async () => {
    const r = await call(
      server,
      viewer.token,
      "GET",
      `/api/documents/${doc}/authorities?format=docx`,
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(r.headers.get("content-disposition")).toMatch(
      /^attachment; filename="[A-Za-z0-9._-]+-table-of-authorities\.docx"$/,
    );
    expect(Buffer.from(r.bytes.subarray(0, 2)).toString()).toBe("PK");
    const files = unzip(r.bytes);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        "[Content_Types].xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
      ]),
    );
    const xml = files.get("word/document.xml")!.toString("utf8");
    for (const text of [
      "Table of Authorities",
      "Constitutional Provisions",
      "U.S. Const. amend. V",
      "8 U.S.C. § 1225(b)(2)(C) (INA § 235(b)(2)(C))",
      "¶¶ 1, 3",
      REFUGEE_33_1,
      "¶ 5",
    ])
      expect(xml, text).toContain(text);
    const links = [...xml.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(3);
    expect(xml).toContain('w:leader="dot"');
    const rels = files.get("word/_rels/document.xml.rels")!.toString("utf8");
    const json = await call(server, viewer.token, "GET", `/api/documents/${doc}/authorities`);
    for (const g of json.json.groups)
      for (const e of g.entries) {
        const target = e.url.replace(/&/g, "&amp;");
        const rel = new RegExp(
          `Id="([^"]+)"[^>]*Target="${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*TargetMode="External"`,
        );
        const m = rel.exec(rels);
        expect(m, e.url).not.toBeNull();
        expect(links).toContain(m![1]);
      }
  });

  it("reviews: claims without sources, unknown authorities, quotations that do not match", async () => {
    const text = [
      "Returning refugees is barred: no Contracting State shall “expel or return (‘refouler’) a refugee in any manner whatsoever to the frontiers of territories where his life . . . would be threatened” on account of protected grounds.",
      "The Convention also says that a refugee “shall be welcomed with open arms by every State.”",
      "See Doe v. Roe, 999 F.4th 1 (9th Cir. 2024); 8 U.S.C. § 1225(b)(2)(C).",
      "Mexico must end its cooperation.",
    ].join("\n\n");
    const created = await call(server, annotator.token, "POST", "/api/documents", {
      title: "Review sample",
      text,
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const ann = `/api/documents/${id}/annotations`;
    const a1 = await call(server, annotator.token, "POST", ann, {
      exact: "Returning refugees is barred",
      kind: "claim",
    });
    const a2 = await call(server, annotator.token, "POST", ann, {
      exact: "The Convention also says",
      kind: "claim",
    });
    for (const a of [a1, a2]) {
      expect(a.status).toBe(201);
      const l = await call(server, annotator.token, "POST", `${ann}/${a.json.id}/links`, {
        key: "treaty/refugee-convention-1951/art-33",
        pinpoint: "1",
        relation: "supports",
      });
      expect(l.status).toBe(201);
    }
    const lone = await call(server, annotator.token, "POST", ann, {
      exact: "Mexico must end its cooperation",
      kind: "claim",
    });

    const r = await call(server, annotator.token, "GET", `/api/documents/${id}/review`);
    expect((await call(server, viewer.token, "GET", `/api/documents/${id}/review`)).status).toBe(
      404,
    );
    expect(r.status).toBe(200);
    expect(r.json.summary).toEqual({
      claimsWithoutSource: 1,
      unknownAuthorities: 1,
      quotationMismatches: 1,
      quotationsUnchecked: 0,
      quotationsChecked: 2,
    });
    const [mismatch, unknown, claim] = r.json.items;
    expect(mismatch).toMatchObject({
      check: "quotation-mismatch",
      quotation: "shall be welcomed with open arms by every State.",
      paragraph: 2,
      annotationIds: [a2.json.id],
      checkedAgainst: [{ key: "treaty/refugee-convention-1951/art-33", pinpoint: "1" }],
    });
    expect(mismatch.message).toMatch(
      /not in the text of Convention Relating to the Status of Refugees art\. 33\(1\)/,
    );
    expect(unknown).toMatchObject({
      check: "unknown-authority",
      paragraph: 3,
      citation: { key: "case/999/F.4th/1" },
    });
    expect(claim).toMatchObject({
      check: "claim-without-source",
      annotationId: lone.json.id,
      paragraph: 4,
      detached: false,
    });
    const content = await call(server, annotator.token, "GET", `/api/documents/${id}/content`);
    for (const item of r.json.items) {
      expect(item.from).toBeLessThan(item.to);
      expect(content.json.text.slice(item.start, item.end).length).toBe(item.end - item.start);
    }
    expect(content.json.text.slice(mismatch.start, mismatch.end)).toBe(
      "“shall be welcomed with open arms by every State.”",
    );
    expect(content.json.text.slice(unknown.start, unknown.end)).toBe("999 F.4th 1 (9th Cir. 2024)");

    // The letter itself: the two claims above are sourced, its citations known.
    const letter = await call(server, viewer.token, "GET", `/api/documents/${doc}/review`);
    expect(letter.json.summary).toMatchObject({ claimsWithoutSource: 0, unknownAuthorities: 0 });
  });
});
