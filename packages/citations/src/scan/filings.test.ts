/// Issue 13's filings pass: forms met in immigration briefs, the USCIS Policy
/// Manual, EOIR's manuals, comment letters and practice texts
/// (tests/citations/corpus/filings-*.jsonl), each family with its cases.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../index.ts";

const keys = (text: string, opts = {}) => extractCitations(text, opts).map((c) => c.key);
const rows = (text: string) => extractCitations(text).map((c) => [c.key, c.text]);

describe("INA sections written without a section sign (the USCIS Policy Manual's form)", () => {
  it("reads one that closes a sentence, not a dotted number", () => {
    expect(keys("See INA 212 and INA 232. Certifying")).toEqual(["ina/212", "ina/232"]);
    expect(keys("See INA 101(a)(15)(T). And")).toEqual(["ina/101/a/15/T"]);
    expect(keys("See INA 232.5 of the draft")).toEqual([]);
  });

  it("reads a dash as a range and a comma as a list (no INA section is hyphenated)", () => {
    expect(rows("See INA 231-235 and INA 275. [18]")).toEqual([
      ["ina/231", "INA 231"],
      ["ina/235", "235"],
      ["ina/275", "INA 275"],
    ]);
    expect(keys("INA 103, 8 CFR 103 - Powers and duties")).toEqual(["ina/103", "cfr/8/103"]);
    expect(keys("INA 101(a)(27)(E), INA 101(a)(27)(F), and INA 101(a)(27)(G)")).toEqual([
      "ina/101/a/27/E",
      "ina/101/a/27/F",
      "ina/101/a/27/G",
    ]);
  });
});

describe("Code names: annotated codes and a spelled-out section word", () => {
  it("reads 8 USCA, 8 USCS and 8 U.S.C. Section as title 8", () => {
    expect(keys("See 8 USCA § 1225(b)(1)(A). Also 8 USCS § 1252(g).")).toEqual([
      "usc/8/1225/b/1/A",
      "usc/8/1252/g",
    ]);
    expect(rows("the scope of 8 U.S.C. Section 1252(a)(2)(B)(ii) and")).toEqual([
      ["usc/8/1252/a/2/B/ii", "8 U.S.C. Section 1252(a)(2)(B)(ii)"],
    ]);
  });
});

describe("a bare section is the title that cited that section", () => {
  const stCyr =
    "ineligible for relief under 8 U.S.C. 1182(c) (1994). Respondent filed a petition under 28 U.S.C. 2241, contending that Congress's repeal of Section 1182(c) did not apply";

  it("after another title's cite between", () => {
    expect(keys(stCyr)).toEqual(["usc/8/1182/c", "usc/28/2241", "usc/8/1182/c"]);
    expect(keys("8 U.S.C. 1182(c). See 28 U.S.C. 2241. Under § 1182(c), relief")).toEqual([
      "usc/8/1182/c",
      "usc/28/2241",
      "usc/8/1182/c",
    ]);
  });

  it("stays the title cited last for a section no other title cited", () => {
    expect(keys("8 U.S.C. 1182(c). See 28 U.S.C. 2241. Section 2255 also")).toEqual([
      "usc/8/1182/c",
      "usc/28/2241",
      "usc/28/2255",
    ]);
  });
});

describe("a section written before its public law", () => {
  it("is the law's section, not an INA section", () => {
    expect(
      rows(
        "the INA. See Illegal Immigration Reform and Immigrant Responsibility Act, section 349, Pub. L. 104-208 (September 30, 1996).",
      ),
    ).toEqual([["pl/104/208", "Pub. L. 104-208"]]);
  });
});

describe("a subchapter of a chapter", () => {
  it("is no chapter citation (its key would be cut short)", () => {
    expect(
      keys("within Subchapter II of Chapter 12 of Title 8 of the United States Code."),
    ).toEqual([]);
    expect(keys("See chapter 12 of title 8, United States Code.")).toEqual(["usc-ch/8/12"]);
  });
});

describe("explanatory parentheticals between list members", () => {
  it("do not end a §§ list", () => {
    expect(
      rows(
        "8 C.F.R. §§ 1003.2(a) (granting power to Board), 1003.23(b)(1) (granting power to immigration judge).",
      ),
    ).toEqual([
      ["cfr/8/1003.2/a", "8 C.F.R. §§ 1003.2(a)"],
      ["cfr/8/1003.23/b/1", "1003.23(b)(1)"],
    ]);
  });

  it("leave years, subsections and single-section cites as they were", () => {
    expect(keys("See 8 U.S.C. 1252(a)(1) (Supp. V 1999), 28 U.S.C. 2241.")).toEqual([
      "usc/8/1252/a/1",
      "usc/28/2241",
    ]);
    expect(keys("8 C.F.R. § 1003.2(a) (granting power to Board), 1003.23(b)(1).")).toEqual([
      "cfr/8/1003.2/a",
    ]);
  });
});

describe("a text that names the INA anywhere", () => {
  it("reads its bare sections and 'of the Act' as the INA from its first line", () => {
    expect(
      keys(
        "Re: Unlawful Presence for Purposes of Sections 212(a)(9)(B)(i) and 212(a)(9)(C)(i)(I) of the Act. … inadmissibility under section 212(a)(9)(B) of the Immigration and Nationality Act.",
      ),
    ).toEqual(["ina/212/a/9/B/i", "ina/212/a/9/C/i/I", "ina/212/a/9/B"]);
    expect(keys("8 CFR 245.8 - under section 101(a)(27)(K) of the Act; INA 101(a)(27)")).toEqual([
      "cfr/8/245.8",
      "ina/101/a/27/K",
      "ina/101/a/27",
    ]);
  });

  it("but not a text that never names it, nor one whose act is set to none", () => {
    expect(keys("Re: Sections 212(a)(9)(B)(i) and 212(a)(9)(C)(i)(I) of the Act.")).toEqual([]);
    expect(keys("section 212(a)(9)(B) of the Act; INA 212(a)(9)(B)", { defaultAct: null })).toEqual(
      ["ina/212/a/9/B"],
    );
  });
});
