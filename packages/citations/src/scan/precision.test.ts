/// Issue 13, second pass: the families behind the real-citation corpus's
/// false alarms and misses (tests/citations), one case per family, each from
/// the form found in published text.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";
import type { ExtractOptions } from "../types.ts";

const keys = (text: string, opts: ExtractOptions = {}) =>
  extractCitations(text, opts).map((c) => c.key);

describe("trailing subsections are pinpoints, not citations", () => {
  it("§ 1158(a)(2) and (d) is one citation with both pinpoints", () => {
    const found = extractCitations("8 U.S.C. § 1158(a)(2) and (d) bars it.");
    expect(found.map((c) => [c.key, c.text, c.pinpoint])).toEqual([
      ["usc/8/1158/a/2", "8 U.S.C. § 1158(a)(2) and (d)", "(a)(2) and (d)"],
    ]);
  });
  it("in a list of sections, each section keeps its own trailing pieces", () => {
    expect(keys("(42 U.S.C. 402, 403, 404(a) and (e), 405(a) and (c), 416(l))")).toEqual([
      "usc/42/402",
      "usc/42/403",
      "usc/42/404/a",
      "usc/42/405/a",
      "usc/42/416/l",
    ]);
    expect(keys("42 U.S.C. 299a(a)(1), (2), and (8).")).toEqual(["usc/42/299a/a/1"]);
  });
  it("a subsection range is one pinpoint", () => {
    const [c, ...rest] = extractCitations("8 U.S.C. § 1182(a)(6)(C)(ii)(I)–(III) applies");
    expect([c?.key, c?.pinpoint, rest.length]).toEqual([
      "usc/8/1182/a/6/C/ii/I",
      "(a)(6)(C)(ii)(I)–(III)",
      0,
    ]);
    expect(keys("the provisions of 18 U.S.C. 842(l)–(o) shall")).toEqual(["usc/18/842/l"]);
  });
});

describe("a bare section in a text that numbers by act", () => {
  it("is not read as a Code section after a parallel cite of an act's section", () => {
    expect(
      keys(
        "Section 204 of the Water Resources Development Act of 1992 (33 U.S.C. 2326) (as amended by section 1030(d)(1)) is amended",
      ),
    ).toEqual(["usc/33/2326"]);
    expect(
      keys(
        "under section 2004 of the Homeland Security Act of 2002 (6 U.S.C. 605). Provided, That notwithstanding subsection (c)(4) of such section 2004,",
      ),
    ).toEqual(["usc/6/605"]);
  });
  it("is still the Code's after a cite that names the title itself", () => {
    expect(
      keys(
        "Section 8905 of title 5, United States Code, is amended by inserting “a plan described in section 8903”",
      ),
    ).toEqual(["usc/5/8905", "usc/5/8903"]);
    expect(keys("See 8 U.S.C. § 1225(b). Under section 1229a, the judge decides.")).toEqual([
      "usc/8/1225/b",
      "usc/8/1229a",
    ]);
  });
  it("a list closed by “of such Act” is that act's", () => {
    expect(
      keys(
        "(42 U.S.C. 1395ww(d)(1)(B)) for the requirements of section 1886(d)(1)(B)(iv)(I) or 1861(ccc)(2) of such Act",
      ),
    ).toEqual(["usc/42/1395ww/d/1/B"]);
  });
});

describe("dotted sections are the C.F.R.'s", () => {
  it("a bare § after a U.S. Code cite, in a C.F.R. text", () => {
    expect(
      keys(
        "The lien imposed by 26 U.S.C. 6321 is not valid against any purchaser (as defined in § 70.143(f) of this part)",
        {
          cfrTitle: 27,
        },
      ),
    ).toEqual(["usc/26/6321", "cfr/27/70.143/f"]);
    expect(keys("See 21 CFR 60.24 and 26 U.S.C. 6321; then § 60.30 applies.")).toEqual([
      "cfr/21/60.24",
      "usc/26/6321",
      "cfr/21/60.30",
    ]);
  });
  it("“Section 199.18” in an amendment to the document's C.F.R. title", () => {
    expect(keys("Section 199.18 is removed and reserved.", { cfrTitle: 32 })).toEqual([
      "cfr/32/199.18",
    ]);
    expect(keys("Section 199.18 is removed and reserved.")).toEqual([]);
  });
  it("never a U.S. Code section, also in a “sections” list", () => {
    expect(
      keys("17 U.S.C. 203(a)(3). See Compendium sections 2310.3(C), 2310.3(C)(2) (3d ed. 2014)."),
    ).toEqual(["usc/17/203/a/3"]);
  });
  it("after “part” or “parts”, a dotted number is a section", () => {
    expect(keys("at 50 CFR parts 300.65, 300.66, and 300.67.")).toEqual([
      "cfr/50/300.65",
      "cfr/50/300.66",
      "cfr/50/300.67",
    ]);
    expect(keys("(40 CFR part 1506.6(b))")).toEqual(["cfr/40/1506.6/b"]);
  });
});

describe("reversed C.F.R. forms", () => {
  it("“section N of T CFR part P” is one citation of the section", () => {
    expect(keys("Pursuant to section 60.13 of 36 CFR part 60, comments")).toEqual(["cfr/36/60.13"]);
  });
  it("an undotted “section 7 of 28 CFR part 0, appendix” is no C.F.R. section", () => {
    expect(keys("pursuant to section 7 of 28 CFR part 0, appendix to subpart R.")).toEqual([
      "cfr/28/0",
    ]);
  });
});

describe("ranges written short", () => {
  it("a lettered range repeats its number: 467h–467j", () => {
    expect(keys("sections 11, 12, and 13 33 USC 467h–467j.")).toEqual([
      "usc/33/467h",
      "usc/33/467j",
    ]);
    expect(keys("(42 U.S.C. 1962d–16)")).toEqual(["usc/42/1962d-16"]);
  });
  it("a C.F.R. range end without its part: 385.2001–2005", () => {
    expect(keys("18 CFR 385.2001–2005 (2017).")).toEqual(["cfr/18/385.2001", "cfr/18/385.2005"]);
  });
});

describe("numbers that belong to something else", () => {
  it("“sec. 3101, 104 Stat.” is a session law's section, not the Code's", () => {
    expect(
      keys("[29 U.S.C. 666] amended November 5, 1990, P.O. 101–508, sec. 3101, 104 Stat. 1388–29."),
    ).toEqual(["usc/29/666", "stat/104/1388-29"]);
  });
  it("“part 1” of a report just numbered is no C.F.R. part", () => {
    expect(
      keys(
        "under 21 CFR 60.24. (See H. Rept. 857, part 1, 98th Cong., 2d sess., pp. 41–42, 1984.)",
      ),
    ).toEqual(["cfr/21/60.24"]);
    expect(keys("under 21 CFR 60.24; see part 10 and parts 11, 12.")).toEqual([
      "cfr/21/60.24",
      "cfr/21/10",
      "cfr/21/11",
      "cfr/21/12",
    ]);
  });
});

describe("C.F.R. parts with a letter", () => {
  it("“Part 708a”, “249b.300”", () => {
    expect(keys("12 CFR Part 708a")).toEqual(["cfr/12/708a"]);
    expect(keys("See 17 CFR 240.17g–1 and 17 CFR 249b.300.")).toEqual([
      "cfr/17/240.17g-1",
      "cfr/17/249b.300",
    ]);
  });
});

describe("issue 13 forms, second pass", () => {
  it("a space before the subsection (never a year)", () => {
    expect(keys("8 C.F.R. 208.16 (c)")).toEqual(["cfr/8/208.16/c"]);
    expect(keys("see 8 U.S.C. 1158 (b)(1)(B)(i).")).toEqual(["usc/8/1158/b/1/B/i"]);
    const [c] = extractCitations("8 U.S.C. 1225 (2018)");
    expect([c?.key, c?.year]).toEqual(["usc/8/1225", 2018]);
  });
  it("“Section 1101(a)(42) of 8 U.S.C.”", () => {
    expect(keys("Section 1101(a)(42) of 8 U.S.C. defines a refugee.")).toEqual(["usc/8/1101/a/42"]);
  });
  it("et seq. on a state code is a final /et-seq", () => {
    expect(keys("Cal. Penal Code § 187 et seq.")).toEqual(["state/Cal. Penal Code/187/et-seq"]);
  });
});

describe("lists of Code chapters", () => {
  it("one usc-ch citation per chapter", () => {
    expect(keys("chapters 12 and 13 of title 8")).toEqual(["usc-ch/8/12", "usc-ch/8/13"]);
    expect(keys("8 U.S.C. chapters 12, 13")).toEqual(["usc-ch/8/12", "usc-ch/8/13"]);
    expect(keys("chapters 1, 2, and 3 of title 54, United States Code.")).toEqual([
      "usc-ch/54/1",
      "usc-ch/54/2",
      "usc-ch/54/3",
    ]);
  });
  it("not an act's own chapter of a Roman-numbered title", () => {
    expect(keys("chapter 3 of title II of the Act")).toEqual([]);
  });
});
