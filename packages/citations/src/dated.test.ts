import { describe, expect, it } from "vitest";
import { extractCitations } from "./index.ts";

const one = (text: string, asOf?: string) => {
  const found = extractCitations(text, asOf ? { asOf } : {});
  return found[found.length - 1]!;
};

describe("dated crosswalk: INA sections renumbered by IIRIRA on 1 April 1997", () => {
  it("reads § 243(h) in a text dated before 1997-04-01 as withholding of deportation, now § 241(b)(3)", () => {
    const c = one("The Board denied withholding under INA § 243(h).", "1995-06-01");
    expect(c.key).toBe("ina/243/h");
    expect(c.dated).toEqual({
      asOf: "1995-06-01",
      source: "document",
      meaning: "withholding of deportation",
      until: "1997-04-01",
      by: "IIRIRA §§ 305(a)(3), 307(a)",
      now: "ina/241/b/3",
      nowCanonical: "INA § 241(b)(3)",
    });
    expect(c.equivalents).toEqual(["ina/241/b/3", "usc/8/1231/b/3"]);
    expect(c.urls[1]).toBe("https://www.law.cornell.edu/uscode/text/8/1231#b_3");
  });

  it("maps § 244 to cancellation (§ 240A), § 244(e) to voluntary departure (§ 240B), § 106 to § 242", () => {
    const found = extractCitations("INA § 244(a)(1), INA § 244(e) and INA § 106(a)", {
      asOf: "1996-12-31",
    });
    expect(found.map((c) => [c.key, c.dated?.now, c.dated?.meaning])).toEqual([
      ["ina/244/a/1", "ina/240A", "suspension of deportation"],
      ["ina/244/e", "ina/240B", "voluntary departure"],
      ["ina/106/a", "ina/242", "judicial review of orders of deportation and exclusion"],
    ]);
  });

  it("reads the old 8 U.S.C. forms by their own edition year", () => {
    expect(one("8 U.S.C. § 1253(h) (1994 ed.)").dated?.now).toBe("ina/241/b/3");
    expect(one("8 U.S.C. § 1254(a)(1) (1994)").dated?.now).toBe("ina/240A");
    const [ina, usc] = extractCitations("section 106 of the INA, 8 U.S.C. 1105a (1994)");
    expect([ina!.dated?.now, usc!.dated?.now]).toEqual(["ina/242", "ina/242"]);
    expect(usc!.dated?.source).toBe("citation");
    expect(usc!.urls[0]).toContain("section1252&");
  });

  it("takes the year of a case cited in the same paragraph", () => {
    const c = one(
      "In INS v. Stevic, 467 U.S. 407 (1984), the Court read INA § 243(h) to require a clear probability.",
    );
    expect(c.dated).toMatchObject({ asOf: "1984", source: "context", now: "ina/241/b/3" });
    // A case in another paragraph says nothing about this one.
    expect(one("INS v. Stevic, 467 U.S. 407 (1984).\n\nINA § 243(h) today.").dated).toBeUndefined();
  });

  it("keeps today's meaning without a date, or with a date on or after the renumbering", () => {
    for (const c of [
      one("INA § 243(h)"),
      one("INA § 243(h)", "1997-04-01"),
      one("8 U.S.C. § 1253(h) (2018)"),
      one("INA § 244(a)", "2019-01-28"),
    ]) {
      expect(c.dated).toBeUndefined();
    }
    expect(one("INA § 244(a)").equivalents).toEqual(["usc/8/1254a/a"]);
    // A year of 1997 says neither; the document's date decides.
    expect(one("8 U.S.C. § 1254 (1997)", "1996-10-01").dated?.source).toBe("document");
    // Sections IIRIRA did not renumber are never dated.
    expect(one("INA § 235(b)(2)(C)", "1995-01-01").dated).toBeUndefined();
  });
});
