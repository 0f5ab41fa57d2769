import { DocumentText, docText, schema } from "@glossa/schema";
import { builtinCatalog } from "@glossa/sources";
import { describe, expect, it } from "vitest";
import { linkKey, locateIn, quotationMatches } from "./documentSources.ts";
import { teamInput } from "./SourceCatalog.ts";

const n = schema.nodes;
const t = (s: string) => schema.text(s);
const p = (s = "") => n.paragraph!.create(null, s ? t(s) : null);

describe("paragraph numbering", () => {
  it("numbers non-empty paragraphs in document order, in lists and quotes too", () => {
    const doc = n.doc!.create(null, [
      n.title!.create(null, t("Title")),
      p("One"),
      p(""),
      n.heading!.create({ level: 2 }, t("Heading")),
      n.bullet_list!.create(null, [n.list_item!.create(null, [p("Two"), p("Three")])]),
      n.blockquote!.create(null, [p("Four")]),
      p("   "),
      n.signatory!.create(null, t("Signed")),
      p("Five"),
    ]);
    const paragraphs = new DocumentText(doc);
    expect(paragraphs.blocks.map((b) => [b.type, b.text, b.paragraph])).toEqual([
      ["title", "Title", null],
      ["paragraph", "One", 1],
      ["paragraph", "", null],
      ["heading", "Heading", null],
      ["paragraph", "Two", 2],
      ["paragraph", "Three", 3],
      ["paragraph", "Four", 4],
      ["paragraph", "   ", null],
      ["signatory", "Signed", null],
      ["paragraph", "Five", 5],
    ]);
    expect(paragraphs.text).toBe(docText(doc));
    for (const b of paragraphs.blocks) {
      expect(paragraphs.text.slice(b.start, b.end)).toBe(b.text);
      expect(doc.textBetween(b.from, b.to)).toBe(b.text);
      expect(paragraphs.blockAtOffset(b.start)?.index).toBe(b.index);
      expect(paragraphs.blockAtPos(b.from)?.index).toBe(b.index);
    }
    const four = paragraphs.blocks[6]!;
    expect(paragraphs.range(four.start, four.end)).toEqual({ from: four.from, to: four.to });
  });
});

describe("linkKey", () => {
  const catalog = builtinCatalog();
  it.each([
    ["treaty/refugee-convention-1951/art-33", "1", "treaty/refugee-convention-1951/art-33/1"],
    [
      "treaty/refugee-convention-1951/art-33",
      "art. 33(1)",
      "treaty/refugee-convention-1951/art-33/1",
    ],
    ["treaty/refugee-convention-1951/art-33", "art. 1", "treaty/refugee-convention-1951/art-33"],
    ["treaty/cat-1984", "art. 3", "treaty/cat-1984/art-3"],
    ["usc/8/1225", "(b)(2)(C)", "usc/8/1225/b/2/C"],
    ["usc/8/1225", "1225(b)(2)(C)", "usc/8/1225/b/2/C"],
    ["usc/8/1225", "1231(b)", "usc/8/1225"],
    ["case/509/U.S./155", "187", "case/509/U.S./155"],
    ["id->usc/8/1158", null, "usc/8/1158"],
    ["usc/8/1158", "  ", "usc/8/1158"],
  ])("%s at %s → %s", (key, pinpoint, expected) => {
    expect(linkKey(catalog, { key, pinpoint })).toBe(expected);
  });
});

describe("locateIn", () => {
  it("reads a bare number as a subdivision of an article", () => {
    const art33 = builtinCatalog().get("treaty/refugee-convention-1951/art-33")!;
    expect(locateIn(art33, "1")?.text).toMatch(/^1\. No Contracting State/);
    expect(locateIn(art33, "2")?.text).toMatch(/^2\. The benefit/);
    const s1225 = builtinCatalog().get("usc/8/1225")!;
    expect(locateIn(s1225, "1225(b)(2)(C)")?.found).toEqual(["b", "2", "C"]);
  });
});

describe("quotationMatches", () => {
  const source =
    "No Contracting State shall expel or return (“refouler”) a refugee in any manner whatsoever to the frontiers of territories where his life or freedom would be threatened.";
  it.each([
    ["expel or return (‘refouler’) a refugee", true],
    ['EXPEL  or return ("refouler")\na refugee', true],
    ["[n]o Contracting State shall expel . . . a refugee", true],
    ["shall expel … to the frontiers", true],
    ["to the frontiers … shall expel", false],
    ["shall welcome every refugee", false],
    ["…", false],
  ])("%s → %s", (quotation, expected) => {
    expect(quotationMatches(quotation, source)).toBe(expected);
  });
});

describe("teamInput", () => {
  it("fills key, canonical and jurisdiction, and turns url into urls", () => {
    expect(
      teamInput({ kind: "exhibit", title: " Exhibit 4: Photo ", url: "https://x.org/4" }),
    ).toEqual({
      kind: "exhibit",
      title: "Exhibit 4: Photo",
      key: "local/exhibit/exhibit-4-photo",
      canonical: "Exhibit 4: Photo",
      jurisdiction: "team",
      urls: [{ url: "https://x.org/4", label: "Link" }],
    });
    expect(teamInput({ kind: "poem", title: "X" })).toEqual({
      kind: "poem",
      title: "X",
      canonical: "X",
      jurisdiction: "team",
    });
    expect(teamInput(null)).toBeNull();
  });
});
