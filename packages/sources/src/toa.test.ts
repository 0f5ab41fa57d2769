import { describe, expect, it } from "vitest";
import type { ToaInput } from "./index.ts";
import {
  Catalog,
  formatParagraphs,
  tableOfAuthorities,
  toaToBlocks,
  toaToHtml,
  toaToText,
} from "./index.ts";

// A hand-written set of citations and links, as the letter's annotations
// would produce them, in every key form the citation engine emits.
const INPUTS: ToaInput[] = [
  { key: "ina/235/b/2/C", paragraph: 1 },
  { key: "ina/235/b/2/C", paragraph: 3 },
  { key: "usc/8/1225/b/2/C", paragraph: 3 },
  { key: "usc/8/1158", paragraph: 2 },
  { key: "case/951/F.3d/1073", paragraph: 2 },
  { key: "id->case/951/F.3d/1073", paragraph: 4 },
  { key: "case/597/U.S./785", paragraph: 2 },
  { key: "case/142/S. Ct./2528", paragraph: 6 },
  { key: "case/27/I. & N. Dec./509", paragraph: 4 },
  { key: "usconst/amendment-5", paragraph: 2 },
  { key: "treaty/refugee-convention-1951/art-33", paragraph: 5 },
  { key: "treaty/cat-1984/art-3", paragraph: 5 },
  { key: "usc/8/1231/b/3", paragraph: 5 },
  { key: "ina/241/b/3", paragraph: 6 },
  { key: "ina/244", paragraph: 6 },
  { key: "cfr/8/208.16/c", paragraph: 5 },
  { key: "mx/CPEUM/art-11", paragraph: 5 },
  { key: "mx/LRPCAP/art-6", paragraph: 5 },
  { key: "softlaw/cartagena-declaration-1984", paragraph: 5 },
  ...[1, 2, 3, 4, 5, 7].map((paragraph) => ({ key: "treaty/achr-1969/art-22/8", paragraph })),
  {
    key: "local/exhibit/declaration-a-m",
    canonical: "Decl. of A.M. (Jan. 30, 2019)",
    kind: "exhibit",
    paragraph: 3,
  },
];

// Checked by hand: court order of groups, alphabetical within them (codes in
// numeric order), INA and U.S.C. forms merged, parallel reporters and id.
// merged into the case, six paragraphs past the threshold of five → passim.
const EXPECTED = [
  {
    heading: "Cases",
    entries: [
      ["Biden v. Texas, 597 U.S. 785 (2022)", "¶¶ 2, 6"],
      ["Innovation Law Lab v. Wolf, 951 F.3d 1073 (9th Cir. 2020)", "¶¶ 2, 4"],
      ["Matter of M-S-, 27 I. & N. Dec. 509 (A.G. 2019)", "¶ 4"],
    ],
  },
  { heading: "Constitutional Provisions", entries: [["U.S. Const. amend. V", "¶ 2"]] },
  {
    heading: "Statutes",
    entries: [
      ["8 U.S.C. § 1158 (INA § 208)", "¶ 2"],
      ["8 U.S.C. § 1225(b)(2)(C) (INA § 235(b)(2)(C))", "¶¶ 1, 3"],
      ["8 U.S.C. § 1231(b)(3) (INA § 241(b)(3))", "¶¶ 5, 6"],
      ["8 U.S.C. § 1254a (INA § 244)", "¶ 6"],
    ],
  },
  { heading: "Regulations", entries: [["8 C.F.R. § 208.16(c)", "¶ 5"]] },
  {
    heading: "Treaties and International Instruments",
    entries: [
      [
        "American Convention on Human Rights art. 22(8), Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
        "passim",
      ],
      [
        "Cartagena Declaration on Refugees, Colloquium on the International Protection of Refugees in Central America, Mexico and Panama (Nov. 22, 1984)",
        "¶ 5",
      ],
      [
        "Convention Against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment art. 3, Dec. 10, 1984, S. Treaty Doc. No. 100-20, 1465 U.N.T.S. 85",
        "¶ 5",
      ],
      [
        "Convention Relating to the Status of Refugees art. 33, July 28, 1951, 189 U.N.T.S. 150",
        "¶ 5",
      ],
    ],
  },
  {
    heading: "Foreign Law",
    entries: [
      [
        "Constitución Política de los Estados Unidos Mexicanos [CPEUM], art. 11, DOF 05-02-1917 (Mex.)",
        "¶ 5",
      ],
      [
        "Ley sobre Refugiados, Protección Complementaria y Asilo Político [LRPCAP], art. 6, DOF 27-01-2011 (Mex.)",
        "¶ 5",
      ],
    ],
  },
  { heading: "Other Authorities", entries: [["Decl. of A.M. (Jan. 30, 2019)", "¶ 3"]] },
];

describe("tableOfAuthorities", () => {
  const toa = tableOfAuthorities(INPUTS);

  it("matches the hand-checked table", () => {
    expect(
      toa.groups.map((g) => ({
        heading: g.heading,
        entries: g.entries.map((e) => [e.display, e.refs]),
      })),
    ).toEqual(EXPECTED);
  });

  it("keeps keys, case names, links and whether the catalog knows the authority", () => {
    const statutes = toa.groups.find((g) => g.id === "statutes")!;
    const s1225 = statutes.entries[1]!;
    expect(s1225).toMatchObject({
      key: "usc/8/1225/b/2/C",
      label: "8 U.S.C. § 1225(b)(2)(C)",
      alsoCitedAs: ["INA § 235(b)(2)(C)"],
    });
    expect(s1225.url).toMatch(/^https:\/\/uscode\.house\.gov\//);
    expect(statutes.entries[3]).toMatchObject({ key: "usc/8/1254a", known: false });
    expect(statutes.entries[3]!.url).toMatch(/1254a/);
    const cases = toa.groups[0]!.entries;
    expect(cases[0]).toMatchObject({ caseName: "Biden v. Texas", paragraphs: [2, 6], known: true });
    expect(toa.groups.at(-1)!.entries[0]).toMatchObject({
      known: false,
      key: "local/exhibit/declaration-a-m",
    });
  });

  it("shows passim only past the threshold", () => {
    const five = [1, 2, 3, 4, 5].map((paragraph) => ({ key: "usc/8/1158", paragraph }));
    expect(tableOfAuthorities(five).groups[0]!.entries[0]!.refs).toBe("¶¶ 1–5");
    expect(tableOfAuthorities(five, { passimAfter: 4 }).groups[0]!.entries[0]!.refs).toBe("passim");
    expect(formatParagraphs([7, 2, 3, 2, 9, 10])).toBe("¶¶ 2, 3, 7, 9, 10");
    expect(formatParagraphs([1, 2, 3, 5])).toBe("¶¶ 1–3, 5");
  });

  it("merges a Code note with the session-law cite that enacted it, without an INA form", () => {
    const t = tableOfAuthorities([
      { key: "usc/8/1231/note", paragraph: 1 },
      { key: "pl/105/277/div-G/2242", paragraph: 2 },
    ]);
    expect(t.groups).toHaveLength(1);
    expect(t.groups[0]!.entries).toHaveLength(1);
    expect(t.groups[0]!.entries[0]).toMatchObject({ alsoCitedAs: [], refs: "¶¶ 1, 2" });
    expect(t.groups[0]!.entries[0]!.display).toMatch(
      /^Foreign Affairs Reform and Restructuring Act of 1998/,
    );
  });

  it("refuses paragraphs that are not positive integers", () => {
    expect(() => tableOfAuthorities([{ key: "usc/8/1158", paragraph: 0 }])).toThrow(RangeError);
    expect(() => tableOfAuthorities([{ key: "usc/8/1158", paragraph: 1.5 }])).toThrow(
      /not a positive integer/,
    );
  });

  it("uses a team catalog's authorities", () => {
    const catalog = new Catalog();
    catalog.add({
      key: "local/filing/complaint",
      kind: "filing",
      title: "Complaint",
      canonical:
        "Compl., Innovation Law Lab v. Nielsen, No. 3:19-cv-00807-RS (N.D. Cal. Feb. 14, 2019)",
      jurisdiction: "us",
    });
    const t = tableOfAuthorities([{ key: "local/filing/complaint", paragraph: 2 }], { catalog });
    expect(t.groups[0]).toMatchObject({ id: "other", entries: [{ known: true, refs: "¶ 2" }] });
  });
});

describe("renderers", () => {
  const toa = tableOfAuthorities(INPUTS);

  it("writes escaped HTML with links to official texts and italic case names", () => {
    const html = toaToHtml(toa);
    expect(html).toContain("<h3>Treaties and International Instruments</h3>");
    expect(html).toContain(
      '<a href="https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title8-section1225&amp;num=0&amp;edition=prelim">8 U.S.C. § 1225(b)(2)(C) (INA § 235(b)(2)(C))</a> <span class="toa-refs">¶¶ 1, 3</span>',
    );
    expect(html).toContain("<i>Matter of M-S-</i>, 27 I. &amp; N. Dec. 509 (A.G. 2019)");
    const nasty = tableOfAuthorities([
      {
        key: "local/exhibit/x",
        canonical: `<script>alert("x")</script> & co`,
        kind: "exhibit",
        paragraph: 1,
      },
    ]);
    const out = toaToHtml(nasty, "T<a>");
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(out).toContain("<h2>T&lt;a&gt;</h2>");
  });

  it("gives the server blocks for DOCX and a plain-text form", () => {
    const blocks = toaToBlocks(toa);
    expect(blocks[0]).toEqual({ type: "title", text: "Table of Authorities" });
    expect(blocks[1]).toEqual({ type: "heading", group: "cases", text: "Cases" });
    expect(blocks[2]).toMatchObject({
      type: "entry",
      key: "case/597/U.S./785",
      runs: [{ text: "Biden v. Texas", italic: true }, { text: ", 597 U.S. 785 (2022)" }],
      refs: "¶¶ 2, 6",
    });
    expect(blocks.filter((b) => b.type === "heading")).toHaveLength(7);
    expect(toaToText(toa).split("\n")).toContain(
      "  8 U.S.C. § 1225(b)(2)(C) (INA § 235(b)(2)(C))\t¶¶ 1, 3",
    );
  });
});
