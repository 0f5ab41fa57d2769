/// Forms met in real court and agency decisions (tests/citations/corpus,
/// "court and agency decisions"): every case but "keeps a section after another
/// title's cite" fails on the engine before the fifth pass of issue 13
/// (docs/citations.md).
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";
import type { ExtractOptions } from "../types.ts";

const keys = (text: string, options?: ExtractOptions): string[] =>
  extractCitations(text, options).map((c) => c.key);

describe("the document's own Code title (Tax Court: sections are the I.R.C.'s)", () => {
  it("reads bare sections of any length as sections of `uscTitle`", () => {
    expect(
      keys(
        "Ps were not at risk under section 465(b)(2)(A). See sec. 752(b); Sec. 465(a), (c)(3)(A). Sec. 722.",
        { uscTitle: 26 },
      ),
    ).toEqual(["usc/26/465/b/2/A", "usc/26/752/b", "usc/26/465/a", "usc/26/722"]);
  });
  it("reads I.R.C. as title 26 without options, and a treatise's sec. 33:3 as nothing", () => {
    expect(keys("under I.R.C. sec. 704(d) and IRC § 465")).toEqual(["usc/26/704/d", "usc/26/465"]);
    expect(
      keys("8 La. Civ. L. Treatise, Business Organizations sec. 33:3 (2019)", { uscTitle: 26 }),
    ).toEqual([]);
  });
  it("keeps a section after another title's cite that title's", () => {
    expect(keys("42 U.S.C. § 1983. Section 1988 allows fees.", { uscTitle: 26 })).toEqual([
      "usc/42/1983",
      "usc/42/1988",
    ]);
  });
});

describe("state codes named in words (BIA decisions)", () => {
  it("reads the code after its section, and bare sections of the same shape after it", () => {
    const t =
      "convicted under section 2C:35-10(a)(1) of the New Jersey Statutes Annotated. See 8 C.F.R. § 1003.1(d)(3)(ii). At all times, section 2C:35-10(a) provided; an “element,” of section 2C:35-10(a)(1), 442 the respondent argues. In section 1229a(c), the Board held.";
    expect(keys(t)).toEqual([
      "state/N.J. Stat. Ann./2C:35-10/a/1",
      "cfr/8/1003.1/d/3/ii",
      "state/N.J. Stat. Ann./2C:35-10/a",
      "state/N.J. Stat. Ann./2C:35-10/a/1",
    ]);
  });
  it("reads New Jersey's N.J.S.A. and N.J.S. forms", () => {
    expect(keys("the provisions of N.J.S.2C:43-3 and of N.J.S.A. 2C:35-10(a)(1)")).toEqual([
      "state/N.J. Stat. Ann./2C:43-3",
      "state/N.J. Stat. Ann./2C:35-10/a/1",
    ]);
  });
  it("abbreviates the name as the Bluebook does, Pennsylvania with its title", () => {
    expect(
      keys(
        "section 496(a) of the California Penal Code and was sentenced; section 484 is overbroad. section 13-3407 of the Arizona Revised Statutes; section 58-37-8(2)(a)(i) of the Utah Code; title 35, section 780-113(a)(30) of the Pennsylvania Consolidated Statutes and section 780-113(f)(1) of the Pennsylvania Consolidated Statutes.",
      ),
    ).toEqual([
      "state/Cal. Penal Code/496/a",
      "state/Cal. Penal Code/484",
      "state/Ariz. Rev. Stat./13-3407",
      "state/Utah Code/58-37-8/2/a/i",
      "state/Pa. Cons. Stat./35/780-113/a/30",
      "state/Pa. Cons. Stat./35/780-113/f/1",
    ]);
  });
  it("reads a code named in words before the section, and West's Pennsylvania title", () => {
    expect(
      keys(
        "under California Penal Code § 496(a). 18 Pa. Stat. and Cons. Stat. § 7512(a) (West 2015); section 7512(a) was indivisible.",
      ),
    ).toEqual([
      "state/Cal. Penal Code/496/a",
      "state/Pa. Cons. Stat./18/7512/a",
      "state/Pa. Cons. Stat./18/7512/a",
    ]);
  });
  it("does not take a section of the Act, or a named work's, for the state code's", () => {
    expect(
      keys("section 496(a) of the California Penal Code. Section 101(a)(43)(G) of the Act."),
    ).toEqual(["state/Cal. Penal Code/496/a"]);
    expect(
      keys(
        "8 C.F.R. § 1003.1. See Model Penal Code §§ 223.2, 223.6; LaFave, Substantive Criminal Law § 20.2.",
      ),
    ).toEqual(["cfr/8/1003.1"]);
  });
});

describe("Oklahoma's dotted sections and a compact's", () => {
  it("reads Okla. Stat., Tit. 82, and bare dotted sections of that shape, never the compact's", () => {
    const t =
      "Okla. Stat., Tit. 82, §105.9 (West 2013). The statutes require §105.12A(B)(1) and §105.12(F). Tarrant claims that §5.05(b)(1) of the Compact governs. Art. I, §10, cl. 3.";
    expect(keys(t)).toEqual([
      "state/Okla. Stat./82/105.9",
      "state/Okla. Stat./82/105.12A/B/1",
      "state/Okla. Stat./82/105.12/F",
      // The opinion's bare constitution form (labelled so in opinion-scotus-tarrant.jsonl).
      "usconst/article-1/section-10/clause-3",
    ]);
  });
  it("drops the period that ends a sentence after Code", () => {
    expect(keys("La. Civ. Code. § 3049 (1988).")).toEqual(["state/La. Civ. Code/3049"]);
  });
});

describe("reporters and short forms of opinions", () => {
  it("knows nominative, old and veterans' reporters, and T.C.M. (CCH)", () => {
    expect(
      keys(
        "Martin v. Waddell, 16 Pet. 367, 410 (1842); 5 Wall. 1; 24 Iowa 266 (1868); Watterman v. Silberberg, 67 Tex. 100, 2 S. W. Rep. 578; 10 Sup. Ct. Rep. 166; Schafrath v. Derwinski, 1 Vet. App. 589 (1991); Tepper v. Commissioner, 62 T.C.M. (CCH) 505, 510 (1991); 77 F.3d. 497.",
      ),
    ).toEqual([
      "case/16/Pet./367",
      "case/5/Wall./1",
      "case/24/Iowa/266",
      "case/67/Tex./100",
      "case/2/S.W./578",
      "case/10/S. Ct./166",
      "case/1/Vet. App./589",
      "case/62/T.C.M. (CCH)/505",
      "case/77/F.3d/497",
    ]);
  });
  it("resolves a short form by the case's own name, not by 'Matter of'", () => {
    const found = extractCitations(
      "Matter of P-B-B-, 28 I&N Dec. 43, 45 (BIA 2020); Matter of Dikhtyar, 28 I&N Dec. 214 (BIA 2021); Matter of P-B-B-, 28 I&N Dec. at 46.",
    );
    expect(found.map((c) => c.key)).toEqual([
      "case/28/I. & N. Dec./43",
      "case/28/I. & N. Dec./214",
      "case/28/I. & N. Dec./43",
    ]);
  });
  it("reads a slip opinion's blank pinpoint", () => {
    const found = extractCitations(
      "Alabama v. North Carolina, 560 U. S. 330, ___ (2010). See Alabama v. North Carolina, 560 U. S., at ___.",
    );
    expect(found.map((c) => [c.kind, c.key])).toEqual([
      ["case_full", "case/560/U.S./330"],
      ["case_short", "case/560/U.S./330"],
    ]);
  });
});

describe("plain-text section signs and Treasury regulation numbers", () => {
  it("reads 's' and 'ss' as section signs after U.S.C.", () => {
    expect(keys("The Miller Act, 40 U.S.C. ss 270a-270f (1994); 40 U.S.C. s 270b.")).toEqual([
      "usc/40/270a",
      "usc/40/270f",
      "usc/40/270b",
    ]);
  });
  it("keeps the parentheses of a Treasury regulation's number", () => {
    expect(
      keys(
        "26 C.F.R. § 1.1031(k)-1(a); 26 C.F.R. sec. 301.6231(a)(3)-1(a)(4), Proced. & Admin. Regs.",
      ),
    ).toEqual(["cfr/26/1.1031(k)-1/a", "cfr/26/301.6231(a)(3)-1/a/4"]);
  });
});
