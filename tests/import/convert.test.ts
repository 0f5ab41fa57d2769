import { readFileSync } from "node:fs";
import { type Converted, convert, ImportError } from "@glossa/convert";
import { strFromU8, unzipSync, zipSync } from "fflate";
import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));
const load = (name: string) => convert(fixture(name), { fileName: name });

/// Textblocks as "type[:level] text" lines, marks listed after "|".
function outline(doc: Node): string[] {
  const out: string[] = [];
  doc.descendants((n) => {
    if (!n.isTextblock) return true;
    out.push(`${n.type.name}${n.attrs.level ? `:${n.attrs.level}` : ""} ${n.textContent}`);
    return false;
  });
  return out;
}
const types = (doc: Node) => {
  const out: string[] = [];
  doc.forEach((n) => {
    out.push(n.type.name);
  });
  return out;
};
const marksOn = (doc: Node, text: string): string[] => {
  const found = new Set<string>();
  doc.descendants((n) => {
    if (n.isText && n.text!.includes(text)) for (const m of n.marks) found.add(m.type.name);
  });
  return [...found].sort();
};
async function refusal(p: Promise<Converted>): Promise<ImportError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }
  throw new Error("the import was not refused");
}

describe("DOCX import: the memo written for the suite (docx library)", () => {
  it("keeps title, headings, emphasis, lists with their numbering, quote, link, footnotes, table", async () => {
    const r = await load("glossa-legal-memo.docx");
    expect(r.title).toBe("Memorandum on Asylum Eligibility at the Southern Border");
    const lines = outline(r.doc);
    expect(lines[0]).toBe("title Memorandum on Asylum Eligibility at the Southern Border");
    expect(lines).toContain("heading:2 Question Presented");
    expect(lines).toContain("heading:3 Statutory text");
    expect(marksOn(r.doc, "apply for asylum")).toEqual(["strong"]);
    expect(marksOn(r.doc, "unambiguous")).toEqual(["em"]);
    expect(marksOn(r.doc, "not discretionary")).toEqual(["underline"]);
    expect(types(r.doc)).toContain("blockquote");
    const ol = r.doc.content.content.find((n) => n.type.name === "ordered_list")!;
    expect(ol.childCount).toBe(3);
    expect(ol.child(1).textContent).toBe("hear the claim in full;with an interpreter, and");
    expect(ol.child(1).child(1).type.name).toBe("ordered_list"); // the nested "(a)" level
    expect(types(r.doc)).toContain("bullet_list");
    let href = "";
    r.doc.descendants((n) => {
      const link = n.marks.find((m) => m.type.name === "link");
      if (link) href = link.attrs.href;
    });
    expect(href).toMatch(/^https:\/\/www\.unhcr\.org\//);
    expect(lines).toContain("paragraph Matter of Pula | Manner of entry is one factor");
    expect(r.warnings.join(" ")).toMatch(/table/);
    // Footnotes: "[1]" stays in the text, the notes follow under "Notes".
    expect(r.doc.textContent).toContain("regardless of manner of entry.[1]");
    const notes = lines.indexOf("heading:2 Notes");
    expect(notes).toBeGreaterThan(0);
    expect(lines[notes + 1]).toBe(
      "paragraph 8 U.S.C. § 1158(a)(1) (any alien physically present).",
    );
  });

  it("turns Word comments into threads with authors, replies and resolved state", async () => {
    const r = await load("glossa-legal-memo.docx");
    expect(r.comments).toHaveLength(2);
    const [first, second] = r.comments;
    expect(first).toMatchObject({
      quote: "apply for asylum",
      author: "Ana Ruiz",
      text: "Cite the statute's subsection, please.",
      resolved: false,
      replies: [{ author: "Ben Okafor", text: "Added (a)(1); see footnote 1." }],
    });
    expect(r.doc.textBetween(first!.from, first!.to)).toBe("apply for asylum");
    expect(second).toMatchObject({
      quote: "Non-refoulement binds the United States",
      author: "Chen Li",
      resolved: true,
      replies: [],
    });
    // No marker characters are left in the text.
    expect(r.doc.textContent).not.toMatch(/[\uE000-\uE005]/);
  });
});

describe("DOCX import: real files from Word and LibreOffice", () => {
  it("Word comments, one across paragraphs and one with a reply (pandoc, Word 2016)", async () => {
    const r = await load("pandoc-comments.docx");
    expect(r.comments.map((c) => [c.quote, c.text])).toEqual([
      ["some text to have a comment ", "I left a comment."],
      ["a new paragraph.\n\nAnd so", "A comment across paragraphs."],
      ["more", "This one has multiple paragraphs.\n\nSee?"],
      ["comment in a comment", "Do something."],
    ]);
    expect(r.comments.every((c) => c.author === "Jesse Rosenthal")).toBe(true);
    expect(r.comments[3]!.replies).toMatchObject([{ text: "Do something else." }]);
  });

  it("comments without author or with a rich body (python-docx, mammoth)", async () => {
    const rich = await load("pydocx-comments-rich-para.docx");
    expect(rich.comments).toHaveLength(4);
    expect(rich.comments[0]).toMatchObject({
      quote: "Some text worthy of note.",
      author: "Steve Canny",
    });
    expect(rich.comments[1]!.author).toBe("Unknown author");
    const m = await load("mammoth-comments.docx");
    expect(m.comments.map((c) => [c.author, c.text])).toEqual([
      ["Michael Williamson", "A tachyon walks into a bar."],
      ["Michael Williamson", "Fin."],
    ]);
  });

  it("headings of six levels map onto the schema's three (Word for Mac)", async () => {
    const r = await load("pandoc-headers.docx");
    expect(r.title).toBe("A Test of Headers");
    expect(outline(r.doc).filter((l) => l.startsWith("heading"))).toEqual([
      "heading:2 Second Level",
      "heading:3 Third level",
      "heading:4 Fourth level",
      "heading:4 Fifth level",
      "heading:4 Sixth level",
    ]);
  });

  it("emphasis, underline and links", async () => {
    const f = await load("pandoc-inline_formatting.docx");
    expect(marksOn(f.doc, "italics")).toContain("em");
    expect(marksOn(f.doc, "single underlines")).toContain("underline");
    expect(marksOn((await load("mammoth-underline.docx")).doc, "Sunset")).toEqual([
      "strong",
      "underline",
    ]);
    const links: string[] = [];
    (await load("pandoc-links.docx")).doc.descendants((n) => {
      for (const m of n.marks) if (m.type.name === "link") links.push(m.attrs.href);
    });
    expect(links).toContain("http://google.com");
    expect(links).toContain("http://pandoc.org/README.html#synopsis");
  });

  it("nested numbered and bulleted lists (LibreOffice 6.2)", async () => {
    const r = await load("pandoc-lists.docx");
    expect(r.title).toBe("Some nested lists");
    const t = types(r.doc);
    expect(t).toContain("ordered_list");
    expect(t).toContain("bullet_list");
    const ol = r.doc.content.content.find((n) => n.type.name === "ordered_list")!;
    expect(ol.child(1).child(1).type.name).toBe("ordered_list");
  });

  it("a Google Docs export: bulleted list nested three deep, no app.xml (pandoc)", async () => {
    const r = await load("pandoc-google_docs_list_items.docx");
    expect(types(r.doc)).toEqual(["title", "paragraph", "bullet_list"]);
    expect(r.title).toBe("pandoc-google docs list items");
    expect(r.doc.child(1).textContent).toBe("Hello, some lists");
    const list = r.doc.child(2);
    expect(list.childCount).toBe(3);
    expect(list.child(0).textContent).toBe("This is a list item");
    expect(list.child(2).textContent).toBe("Back to normal level");
    const sub = list.child(1).child(1);
    expect(sub.type.name).toBe("bullet_list");
    expect(sub.child(0).child(0).textContent).toBe("This is a subitem");
    const subsub = sub.child(0).child(1);
    expect(subsub.type.name).toBe("bullet_list");
    expect(subsub.textContent).toBe("Subitem on a subitem");
  });

  it("a Google Docs export with headings, emphasis, links, nested lists, a table and pictures (docx2gfm)", async () => {
    const name = "docx2gfm-google-docs-sample.docx";
    const parts = unzipSync(fixture(name));
    // Google Docs' signature: no docProps at all, every rsid zero.
    expect(Object.keys(parts).some((p) => p.startsWith("docProps/"))).toBe(false);
    const xml = strFromU8(parts["word/document.xml"]!);
    expect([...new Set(xml.match(/w:rsidR="\w+"/g))]).toEqual(['w:rsidR="00000000"']);
    const r = await load(name);
    expect(r.title).toBe("A Google Doc (docx) for testing the markdown conversation with docx2gfm");
    // Every Heading2 paragraph of the XML, and only those, is a level-2 heading, in order.
    const headingsInXml = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .filter((p) => p[0].includes('<w:pStyle w:val="Heading2"'))
      .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
      .map((t) => t.trim());
    const headings = outline(r.doc)
      .filter((l) => l.startsWith("heading"))
      .map((l) => l.replace(/^heading:2 /, ""));
    expect(headings).toEqual(headingsInXml);
    expect(headings).toContain("List section");
    // Emphasis and links as Google wrote them.
    expect(marksOn(r.doc, "may be Bolder")).toEqual(["strong"]);
    expect(marksOn(r.doc, "may be Italian")).toEqual(["em"]);
    expect(marksOn(r.doc, "under the line")).toEqual(["underline"]);
    const links = new Map<string, string>();
    r.doc.descendants((n) => {
      for (const m of n.marks) if (m.type.name === "link") links.set(n.text!, m.attrs.href);
    });
    expect(links.get("In mattis lectus")).toBe("https://spier.hu");
    expect(links.get("github repo again")).toBe("https://github.com/meltwater/docx2gfm");
    // Lists: bullets, then numbers, then bullets nested three deep (w:ilvl 0–2 in the XML).
    const lists = r.doc.content.content.filter((n) => n.type.name.endsWith("_list"));
    expect(lists.map((l) => `${l.type.name} ${l.childCount}`)).toEqual([
      "bullet_list 3",
      "ordered_list 3",
      "bullet_list 3",
      "bullet_list 3",
      "ordered_list 3",
    ]);
    expect(Math.max(...[...xml.matchAll(/<w:ilvl w:val="(\d)"/g)].map((m) => Number(m[1])))).toBe(
      2,
    );
    const c = lists[2]!.child(2);
    expect(c.child(0).textContent).toBe("Bullet C");
    expect(c.child(1).child(0).child(1).child(0).textContent).toBe("Bullet C1a");
    // What a text document cannot hold is said, not silently lost.
    expect(r.warnings).toEqual([
      "2 picture(s) were left out: Glossa documents hold text only.",
      "1 table(s) were turned into paragraphs, one per row.",
    ]);
    expect(outline(r.doc)).toContain("paragraph TD 4 | TD 5 | TD 6");
  });

  it("block quotes by style (Word for Mac)", async () => {
    const r = await load("pandoc-block_quotes.docx");
    const quotes = r.doc.content.content.filter((n) => n.type.name === "blockquote");
    expect(quotes.map((q) => q.textContent)).toEqual([
      expect.stringContaining("I don’t know why this would be in italics"),
      "This is called the Intense Quote style.",
    ]);
  });

  it("footnotes and endnotes become numbered notes (Word for Mac; mammoth)", async () => {
    const r = await load("pandoc-notes.docx");
    const lines = outline(r.doc);
    expect(lines).toContain("paragraph Test footnote.[1] Test endnote.[2]");
    expect(lines).toContain("heading:2 Notes");
    expect(lines).toContain("paragraph My note.");
    const m = await load("mammoth-footnotes.docx");
    expect(outline(m.doc)).toContain("heading:2 Notes");
  });

  it("tables from Word and LibreOffice 5.1 become one paragraph per row", async () => {
    const w = await load("pandoc-tables.docx");
    expect(w.warnings.join(" ")).toMatch(/3 table\(s\)/);
    const lo = await load("pandoc-table_variable_width.docx");
    expect(outline(lo.doc)).toContain("paragraph | | h3 | h4 | h5");
  });

  it("titles from the core properties, a Title paragraph or the file name", async () => {
    expect((await load("pandoc-metadata.docx")).title).toBe("This Is the Title");
    expect((await load("pandoc-trim_last_inline.docx")).title).toBe("pandoc-trim last inline");
    // The main part somewhere other than word/document.xml.
    const alt = await load("pandoc-alternate_document_path.docx");
    expect(alt.title).toBe("Test");
    expect(marksOn(alt.doc, "bold")).toContain("strong");
  });

  it("a Word file with no text is refused as empty", async () => {
    const e = await refusal(load("pydocx-doc-coreprops.docx"));
    expect(e.code).toBe("empty");
    expect(e.status).toBe(422);
  });
});

describe("DOCX import: bad files", () => {
  const memo = fixture("glossa-legal-memo.docx");

  it("a damaged file (cut short)", async () => {
    const e = await refusal(convert(memo.subarray(0, memo.length / 2), { fileName: "memo.docx" }));
    expect(e.code).toBe("corrupt");
    expect(e.message).toContain("damaged");
  });

  it("a picture renamed .docx", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const e = await refusal(convert(png, { fileName: "scan.docx" }));
    expect(e.code).toBe("corrupt");
    expect(e.message).toMatch(/another kind of file renamed/);
  });

  it("a password-protected document (encrypted OLE container) and an old .doc", async () => {
    const ole = Buffer.alloc(2048);
    Buffer.from("d0cf11e0a1b11ae1", "hex").copy(ole);
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1024);
    const e = await refusal(convert(ole, { fileName: "secret.docx" }));
    expect(e.code).toBe("encrypted");
    expect(e.message).toMatch(/protected with a password/);
    const doc = Buffer.alloc(2048);
    Buffer.from("d0cf11e0a1b11ae1", "hex").copy(doc);
    expect((await refusal(convert(doc, { fileName: "old.docx" }))).code).toBe("legacy-word");
  });

  it("a zip bomb is refused before it is unpacked", async () => {
    const bomb = zipSync({ "word/document.xml": new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const e = await refusal(
      convert(bomb, { fileName: "bomb.docx", docx: { maxUnpackedBytes: 10 * 1024 * 1024 } }),
    );
    expect(e.code).toBe("too-large");
    expect(e.status).toBe(413);
    // An archive whose directory claims 3 GB is refused by the default limit.
    const small = Buffer.from(zipSync({ "word/document.xml": new Uint8Array(10) }));
    const cd = small.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    small.writeUInt32LE(3_000_000_000, cd + 24);
    expect((await refusal(convert(small, { fileName: "liar.docx" }))).code).toBe("too-large");
  });

  it("an Excel workbook named .docx, a file over the size limit, an unknown type", async () => {
    const xlsx = zipSync({ "xl/workbook.xml": new TextEncoder().encode("<workbook/>") });
    expect((await refusal(convert(xlsx, { fileName: "book.docx" }))).message).toMatch(/Excel/);
    const big = await refusal(convert(memo, { fileName: "memo.docx", maxBytes: 1000 }));
    expect(big.code).toBe("too-large");
    expect(big.message).toMatch(/up to 1000 bytes/);
    const pdf = await refusal(convert(Buffer.from("%PDF-1.7"), { fileName: "brief.pdf" }));
    expect(pdf.code).toBe("unsupported");
    expect(pdf.status).toBe(415);
  });
});

describe("Markdown, HTML and plain text", () => {
  it("Markdown: front-matter title, headings, emphasis, lists, quote, link, footnotes; raw HTML stays text", async () => {
    const r = await load("brief.md");
    expect(r.format).toBe("markdown");
    expect(r.title).toBe("Brief for the Respondent in Matter of R-A-");
    const lines = outline(r.doc);
    expect(lines[0]).toBe("title Brief for the Respondent in Matter of R-A-");
    expect(lines).toContain("heading:2 Statement of the Case");
    expect(lines).toContain("heading:3 Argument");
    expect(marksOn(r.doc, "8 U.S.C. § 1158(a)")).toEqual(["strong"]);
    expect(marksOn(r.doc, "credible")).toEqual(["em"]);
    expect(types(r.doc)).toEqual(
      expect.arrayContaining(["ordered_list", "blockquote", "paragraph", "heading"]),
    );
    const ol = r.doc.content.content.find((n) => n.type.name === "ordered_list")!;
    expect(ol.child(1).child(1).type.name).toBe("bullet_list");
    expect(lines).toContain("paragraph 8 C.F.R. § 1208.16(b).");
    expect(r.doc.textContent).toContain("withholding of removal.[1]");
    const links: string[] = [];
    r.doc.descendants((n) => {
      for (const m of n.marks) if (m.type.name === "link") links.push(m.attrs.href);
    });
    expect(links).toEqual(["https://www.unhcr.org/1951-refugee-convention.html"]);
    // The <script> line is shown as the words it is, not run, and the
    // javascript: link is plain text.
    expect(r.doc.textContent).toContain('<script>alert("markdown")</script>');
  });

  it("HTML: nothing executable survives, the text does", async () => {
    const r = await load("hostile.html");
    expect(r.title).toBe("Declaration of Maria Lopez");
    const json = JSON.stringify(r.doc.toJSON());
    for (const bad of [
      "script",
      "alert",
      "javascript",
      "onload",
      "onclick",
      "onerror",
      "data:",
      "evil.example",
      "stolen",
      "background",
      "color:red",
      "Frame text",
      "Object text",
      "secret field",
      "noscript text",
      "template text",
    ]) {
      expect(json.toLowerCase()).not.toContain(bad.toLowerCase());
    }
    const lines = outline(r.doc);
    expect(lines[0]).toBe("title Declaration of Maria Lopez");
    expect(lines).toContain(
      "paragraph I, Maria Lopez, declare under penalty of perjury that I fled Honduras in 2019.",
    );
    expect(marksOn(r.doc, "Honduras")).toEqual(["strong"]);
    expect(lines).toContain("paragraph See this link, that one, a data link and EOIR.");
    const links: string[] = [];
    r.doc.descendants((n) => {
      for (const m of n.marks) if (m.type.name === "link") links.push(m.attrs.href);
    });
    expect(links).toEqual(["https://www.justice.gov/eoir"]);
    expect(lines).toContain("paragraph 2019 | Left Tegucigalpa");
    expect(lines).toContain("paragraph Text in a bare div.");
    expect(marksOn(r.doc, "fact")).toContain("underline");
    expect(r.doc.content.content.filter((n) => n.type.name === "title")).toHaveLength(1);
  });

  it("plain text: a memo with header fields, headings and numbered paragraphs", async () => {
    const r = await load("memo.txt");
    expect(r.title).toBe("MEMORANDUM");
    expect(outline(r.doc)).toEqual([
      "title MEMORANDUM",
      "paragraph TO: Litigation team",
      "paragraph FROM: Clinic",
      "date_line DATE: March 4, 2024",
      "paragraph RE: Asylum eligibility",
      "heading:2 I. QUESTION PRESENTED",
      "paragraph Whether the respondent may apply for asylum under 8 U.S.C. § 1158(a).",
      "heading:2 II. Discussion",
      "heading:3 A. The statute",
      "paragraph The statute allows any alien physically present to apply.",
      "paragraph The regulation at 8 C.F.R. § 208.13 does not narrow it.",
      "paragraph The Board agreed in Matter of Pula.",
      "heading:2 CONCLUSION",
      "paragraph She may apply.",
    ]);
    const ol = r.doc.content.content.find((n) => n.type.name === "ordered_list")!;
    expect(ol.attrs.order).toBe(1);
    expect(ol.childCount).toBe(3);
    // A letter still goes through the letter importer.
    const letter = await convert(Buffer.from("A letter\n\nDear Judge Smith:\n\nThank you.\n"), {
      fileName: "letter.txt",
    });
    expect(types(letter.doc)).toEqual(["title", "salutation", "paragraph"]);
  });

  it("encodings: Windows-1252 and UTF-16 with a byte order mark; binary text refused", async () => {
    const w = await load("windows-1252.txt");
    expect(w.title).toBe("Café memo");
    expect(w.doc.textContent).toContain("The client’s statement, dated 3 May, is “credible”.");
    const u = await load("utf16.md");
    expect(u.title).toBe("Déclaration");
    expect(u.doc.textContent).toContain("Le requérant « craint » des persécutions.");
    const bin = await refusal(
      convert(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00]), {
        fileName: "notes.txt",
      }),
    );
    expect(bin.code).toBe("not-text");
    expect(bin.message).toMatch(/does not contain readable text/);
    expect((await refusal(convert(Buffer.from("  \n\n"), { fileName: "blank.md" }))).code).toBe(
      "empty",
    );
  });
});
