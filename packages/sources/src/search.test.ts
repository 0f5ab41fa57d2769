import { describe, expect, it } from "vitest";
import { Catalog, parseQueryCitations } from "./index.ts";

const catalog = new Catalog();
const top = (q: string) => catalog.search(q, { limit: 5 });

describe("search ranks the expected authority first", () => {
  it.each([
    ["8 usc 1225", "usc/8/1225"],
    ["8 U.S.C. § 1225(b)(2)(C)", "usc/8/1225"],
    ["INA 235(b)(2)(C)", "usc/8/1225"],
    ["INA § 235", "usc/8/1225"],
    ["1225(b)(2)(C)", "usc/8/1225"],
    ["section 235(b)(2)(C) of the Immigration and Nationality Act", "usc/8/1225"],
    ["contiguous territory", "usc/8/1225"],
    ["remain in mexico", "usc/8/1225"],
    ["INA 241(b)(3)", "usc/8/1231"],
    ["8 CFR 208.16", "cfr/8/208.16"],
    ["208.16(c)", "cfr/8/208.16"],
    ["non-refoulement", "treaty/refugee-convention-1951/art-33"],
    ["refoulement", "treaty/refugee-convention-1951/art-33"],
    ["no devolución", "mx/LRPCAP/art-6"],
    ["Refugee Convention", "treaty/refugee-convention-1951"],
    ["refugee convention art 33", "treaty/refugee-convention-1951/art-33"],
    ["CAT art 3", "treaty/cat-1984/art-3"],
    ["ACHR art. 22(8)", "treaty/achr-1969/art-22"],
    ["Cartagena", "softlaw/cartagena-declaration-1984"],
    ["Biden v. Texas", "case/597/U.S./785"],
    ["597 U.S. 785", "case/597/U.S./785"],
    ["142 S. Ct. 2528", "case/597/U.S./785"],
    ["951 F.3d 1073", "case/951/F.3d/1073"],
    ["27 I&N Dec. 509", "case/27/I. & N. Dec./509"],
    ["humanitarian visa", "mx/LMigra/art-52"],
    ["visa humanitaria", "mx/LMigra/art-52"],
    ["complementary protection", "mx/LRPCAP/art-28"],
    ["family unity", "treaty/iccpr-1966/art-23"],
    ["due process", "usconst/amendment-5"],
    ["right to counsel", "usc/8/1362"],
    ["asylum", "usc/8/1158"],
    ["parole", "usc/8/1182"],
    ["derecho a buscar y recibir asilo", "mx/CPEUM/art-11"],
    ["LRPCAP art. 13", "mx/LRPCAP/art-13"],
    ["cartag", "softlaw/cartagena-declaration-1984"],
  ])("%s → %s", (query, key) => {
    expect(top(query)[0]?.key).toBe(key);
  });

  it("puts the Convention Against Torture first for “torture”", () => {
    expect(top("torture")[0]?.key).toMatch(/^treaty\/cat-1984/);
  });

  it("carries the pinpoint of a citation query", () => {
    const [hit] = top("INA 235(b)(2)(C)");
    expect(hit).toMatchObject({ pinpoint: ["b", "2", "C"], canonical: "8 U.S.C. § 1225(b)(2)(C)" });
    expect(hit!.matched).toContain("citation");
    expect(top("ACHR art. 22(8)")[0]?.canonical).toMatch(/art\. 22\(8\)/);
  });

  it("ranks the words of a provision's text", () => {
    expect(
      top("life or freedom would be threatened")
        .slice(0, 2)
        .map((h) => h.key)
        .sort(),
    ).toEqual(["treaty/refugee-convention-1951/art-33", "usc/8/1231"]);
    expect(
      top("withholding of removal")
        .slice(0, 2)
        .map((h) => h.key)
        .sort(),
    ).toEqual(["cfr/8/208.16", "usc/8/1231"]);
  });

  it("finds the same-named cases together", () => {
    expect(
      top("Matter of M-S-")
        .slice(0, 2)
        .map((h) => h.key)
        .sort(),
    ).toEqual(["case/27/I. & N. Dec./476", "case/27/I. & N. Dec./509"]);
    const lab = catalog.search("innovation law lab", { limit: 5 }).map((h) => h.authority.caseName);
    expect(lab.every((n) => n?.includes("Innovation Law Lab"))).toBe(true);
  });

  it("filters by kind and respects the limit", () => {
    const hits = catalog.search("non-refoulement", { kinds: ["statute"], limit: 2 });
    expect(hits).toHaveLength(2);
    expect(hits.every((h) => h.authority.kind === "statute")).toBe(true);
    expect(hits[0]?.key).toBe("usc/8/1231");
  });

  it("returns nothing for empty or unmatched queries", () => {
    expect(catalog.search("   ")).toEqual([]);
    expect(catalog.search("zzzzqqq")).toEqual([]);
  });
});

describe("parseQueryCitations", () => {
  it.each([
    ["8 U.S.C. § 1225(b)(2)(C)", "usc/8/1225/b/2/C"],
    ["8 usc 1229a", "usc/8/1229a"],
    ["section 1252 of title 8", "usc/8/1252"],
    ["INA 208", "ina/208"],
    ["INA § 212(d)(5)(A)", "ina/212/d/5/A"],
    ["section 235(b)(2)(C) of the INA", "ina/235/b/2/C"],
    ["8 C.F.R. § 208.16(c)(2)", "cfr/8/208.16/c/2"],
    ["235(b)(2)(C)", "ina/235/b/2/C"],
    ["1231(b)(3)", "usc/8/1231/b/3"],
    ["366 F. Supp. 3d 1110", "case/366/F. Supp. 3d/1110"],
    ["LM art. 52, fr. V", "mx/LMigra/art-52/fr-V"],
    ["Protocol art. I(1)", "treaty/refugee-protocol-1967/art-1/1"],
  ])("%s → %s", (q, key) => {
    expect(parseQueryCitations(q).map((c) => c.key)).toContain(key);
  });
});
