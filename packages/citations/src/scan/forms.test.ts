/// Issue 13, third pass: the citation forms left after the second pass, one
/// block per family, each case a form found in published text.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";
import { canonicalForKey, formatKey, parseKey } from "../keys.ts";
import type { ExtractOptions } from "../types.ts";

const keys = (text: string, opts: ExtractOptions = {}) =>
  extractCitations(text, opts).map((c) => c.key);
const found = (text: string, opts: ExtractOptions = {}) =>
  extractCitations(text, opts).map((c) => [c.kind, c.key, c.text]);

describe("et seq. on the C.F.R.", () => {
  it("is a final /et-seq, as on the U.S. Code", () => {
    expect(found("See 8 C.F.R. § 208.1 et seq. for the procedure.")).toEqual([
      ["cfr", "cfr/8/208.1/et-seq", "8 C.F.R. § 208.1 et seq."],
    ]);
    expect(keys("(8 CFR 1003.1 et seq.; 42 U.S.C. § 1983 et seq.)")).toEqual([
      "cfr/8/1003.1/et-seq",
      "usc/42/1983/et-seq",
    ]);
    expect(keys("8 C.F.R. § 208.16(c). See also § 208.18 et seq.")).toEqual([
      "cfr/8/208.16/c",
      "cfr/8/208.18/et-seq",
    ]);
    expect(canonicalForKey("cfr/8/208.1/et-seq")).toBe("8 C.F.R. § 208.1 et seq.");
  });
});

describe("state codes numbered by chapter or title", () => {
  it("Massachusetts: the chapter is a level of the key, however it is spelled", () => {
    expect(found("a violation of Mass. Gen. Laws ch. 93A, § 9, and")).toEqual([
      ["state_statute", "state/Mass. Gen. Laws/93A/9", "Mass. Gen. Laws ch. 93A, § 9"],
    ]);
    expect(keys("under G. L. c. 93A, § 2 (a), and G.L. c. 151B, § 4(16)")).toEqual([
      "state/Mass. Gen. Laws/93A/2/a",
      "state/Mass. Gen. Laws/151B/4/16",
    ]);
    expect(keys("M.G.L. c. 258E, § 1; Mass. Gen. Laws Ann. ch. 209A, § 3")).toEqual([
      "state/Mass. Gen. Laws/258E/1",
      "state/Mass. Gen. Laws/209A/3",
    ]);
    expect(canonicalForKey("state/Mass. Gen. Laws/93A/9")).toBe("Mass. Gen. Laws ch. 93A, § 9");
  });
  it("the Supreme Judicial Court's own forms (as in 366 Mass. 688 and 369 Mass. 33)", () => {
    expect(
      found(
        "The Act, G.L.c. 93A, inserted by St. 1967, c. 813, § 1, applies; see G.L.c. 214, § 27, and a demand under G. L. c. 93A, Section 9 (3).",
      ),
    ).toEqual([
      ["state_statute", "state/Mass. Gen. Laws/214/27", "G.L.c. 214, § 27"],
      ["state_statute", "state/Mass. Gen. Laws/93A/9/3", "G. L. c. 93A, Section 9 (3)"],
    ]);
    // A new chapter alone after a Massachusetts cite; the Bluebook in capitals.
    expect(keys("Mass. Gen. Laws c. 40B, § 21, and a bond under c. 40A, § 17.")).toEqual([
      "state/Mass. Gen. Laws/40B/21",
      "state/Mass. Gen. Laws/40A/17",
    ]);
    expect(keys("MASS. GEN. LAWS ch. 93A, § 2(a).")).toEqual(["state/Mass. Gen. Laws/93A/2/a"]);
  });
  it("a later bare § or Id. stays in the chapter", () => {
    expect(keys("Mass. Gen. Laws ch. 93A, § 9. Id. § 11.")).toEqual([
      "state/Mass. Gen. Laws/93A/9",
      "id->state/Mass. Gen. Laws/93A/11",
    ]);
  });
  it("titled codes: Vermont, Maine, Delaware, Oklahoma", () => {
    expect(
      keys(
        "Vt. Stat. Ann. tit. 13, § 1023; Me. Rev. Stat. Ann. tit. 17-A, § 207(1); Del. Code Ann. tit. 11, § 222; Okla. Stat. tit. 21, § 701.7",
      ),
    ).toEqual([
      "state/Vt. Stat. Ann./13/1023",
      "state/Me. Rev. Stat./17-A/207/1",
      "state/Del. Code Ann./11/222",
      "state/Okla. Stat./21/701.7",
    ]);
    expect(canonicalForKey("state/Vt. Stat. Ann./13/1023")).toBe("Vt. Stat. Ann. tit. 13, § 1023");
  });
  it("Illinois: chapter, act and section", () => {
    expect(
      found("the Consumer Fraud Act (815 ILCS 505/2) and 720 Ill. Comp. Stat. 5/12-3.05(a)(1)."),
    ).toEqual([
      ["state_statute", "state/Ill. Comp. Stat./815/505/2", "815 ILCS 505/2"],
      [
        "state_statute",
        "state/Ill. Comp. Stat./720/5/12-3.05/a/1",
        "720 Ill. Comp. Stat. 5/12-3.05(a)(1)",
      ],
    ]);
    expect(keys("(740 ILCS 14/1 et seq.)")).toEqual(["state/Ill. Comp. Stat./740/14/1/et-seq"]);
    expect(keys("815 ILCS 505/2L; 815 ILCS 505/2SS")).toEqual([
      "state/Ill. Comp. Stat./815/505/2L",
      "state/Ill. Comp. Stat./815/505/2SS",
    ]);
    expect(canonicalForKey("state/Ill. Comp. Stat./815/505/2")).toBe("815 Ill. Comp. Stat. 505/2");
  });
  it("keys round-trip through parseKey and formatKey", () => {
    for (const k of [
      "state/Mass. Gen. Laws/93A/2/a",
      "state/Ill. Comp. Stat./720/5/12-3.05/a/1",
      "state/Ill. Comp. Stat./740/14/1/et-seq",
      "state/Cal. Penal Code/187/et-seq",
      "cfr/8/208.1/et-seq",
    ])
      expect(formatKey(parseKey(k))).toBe(k);
    expect(parseKey("state/Mass. Gen. Laws/93A/9")).toMatchObject({ chapter: "93A", section: "9" });
    expect(() => parseKey("state/Mass. Gen. Laws/93A")).toThrow(RangeError);
  });
});

describe("short forms that carry their context", () => {
  it("a § list after an 8 U.S.C. cite: each member and range end its own title-8 citation", () => {
    expect(keys("8 U.S.C. § 1101(a)(42). See §§ 1158(b) and 1229a(c).")).toEqual([
      "usc/8/1101/a/42",
      "usc/8/1158/b",
      "usc/8/1229a/c",
    ]);
    expect(keys("8 U.S.C. § 1101(a)(42); §§ 1158(b)–1159(a)")).toEqual([
      "usc/8/1101/a/42",
      "usc/8/1158/b",
      "usc/8/1159/a",
    ]);
  });
  it("bare section in an INA text; Id. with hyphenated sections; a range is one pinpoint", () => {
    expect(
      keys("The Immigration and Nationality Act governs. Under section 208(b)(1), the"),
    ).toEqual(["ina/208/b/1"]);
    expect(keys("8 U.S.C. § 1101. Id. § 1182(a)(6)(C)(i).")).toEqual([
      "usc/8/1101",
      "id->usc/8/1182/a/6/C/i",
    ]);
    expect(keys("42 U.S.C. § 300aa-11(a). Id. § 300aa-12(d)(3).")).toEqual([
      "usc/42/300aa-11/a",
      "id->usc/42/300aa-12/d/3",
    ]);
    const [c, ...rest] = extractCitations("8 U.S.C. § 1182(a)(4)-(6) applies");
    expect([c?.key, c?.pinpoint, rest.length]).toEqual(["usc/8/1182/a/4", "(a)(4)-(6)", 0]);
  });
  it("case short forms with a spaced reporter and California's at p.", () => {
    const us = extractCitations(
      "Cardoza-Fonseca, 480 U. S. 421, 430 (1987). Later, 480 U. S., at 440.",
    );
    expect(us.map((c) => [c.kind, c.key, c.pinpoint])).toEqual([
      ["case_full", "case/480/U.S./421", "430"],
      ["case_short", "case/480/U.S./421", "440"],
    ]);
    const cal = extractCitations(
      "People v. Y, 45 Cal.4th 1100 (2009). See 45 Cal.4th at p. 1124; id. at p. 1126.",
    );
    expect(cal.map((c) => [c.kind, c.key, c.text, c.pinpoint])).toEqual([
      ["case_full", "case/45/Cal. 4th/1100", "45 Cal.4th 1100 (2009)", undefined],
      ["case_short", "case/45/Cal. 4th/1100", "45 Cal.4th at p. 1124", "1124"],
      ["id", "id->case/45/Cal. 4th/1100", "id. at p. 1126", "1126"],
    ]);
  });
  it("supra note N pointing at something unknown stays, unresolved", () => {
    expect(found("Anker, supra note 3, at 12.")).toEqual([
      ["supra", "supra-note/3", "Anker, supra note 3, at 12"],
    ]);
    expect(found("See supra note 14.")).toEqual([["supra", "supra-note/14", "supra note 14"]]);
    expect(canonicalForKey("supra-note/3")).toBe("supra note 3");
    // A known name still resolves; "supra" with neither is no citation.
    expect(keys("Anker, Law of Asylum, 101 Harv. L. Rev. 1 (1987). Anker, supra note 3.")).toEqual([
      "journal/101/Harv. L. Rev./1",
      "supra->journal/101/Harv. L. Rev./1",
    ]);
    expect(keys("as discussed supra, the rule")).toEqual([]);
  });
});

describe("Tax Court, BIA and Attorney General decisions", () => {
  it("T.C. Memo. and summary opinions are numbered by year", () => {
    const [m, r, so] = extractCitations(
      "Smith v. Commissioner, T.C. Memo. 2011-12, at *3; Jones v. Commissioner, 136 T.C. 1, 5 (2011); Doe v. Commissioner, T.C. Summary Opinion 2012-5.",
    );
    expect([m?.key, m?.text, m?.caseName, m?.pinpoint, m?.canonical]).toEqual([
      "case/2011/T.C. Memo./12",
      "T.C. Memo. 2011-12, at *3",
      "Smith v. Commissioner",
      "*3",
      "Smith v. Commissioner, T.C. Memo. 2011-12, at *3",
    ]);
    expect([r?.key, r?.pinpoint, so?.key]).toEqual([
      "case/136/T.C./1",
      "5",
      "case/2012/T.C. Summ. Op./5",
    ]);
    expect(canonicalForKey("case/2011/T.C. Memo./12")).toBe("T.C. Memo. 2011-12");
  });
  it("I&N Dec. with the deciding body", () => {
    const [ag, bia] = extractCitations(
      "Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018); Matter of Acosta, 19 I. & N. Dec. 211 (BIA 1985).",
    );
    expect([ag?.key, ag?.court, ag?.caseName, bia?.key, bia?.court]).toEqual([
      "case/27/I. & N. Dec./316",
      "A.G.",
      "Matter of A-B-",
      "case/19/I. & N. Dec./211",
      "BIA",
    ]);
  });
});

describe("the constitution's paragraph form", () => {
  it("¶ is a clause", () => {
    expect(keys("U.S. Const. art. II, ¶ 2; U.S. Const. art. II, § 2, cl. 2.")).toEqual([
      "usconst/article-2/clause-2",
      "usconst/article-2/section-2/clause-2",
    ]);
    expect(found("the Supremacy Clause, U. S. Const., Art. VI, ¶ 2, and art. I, § 8, ¶ 3")).toEqual(
      [
        ["us_const", "usconst/article-6/clause-2", "U. S. Const., Art. VI, ¶ 2"],
        // A bare roman article with a section or clause is the U.S. Constitution's.
        ["us_const", "usconst/article-1/section-8/clause-3", "art. I, § 8, ¶ 3"],
      ],
    );
    expect(keys("U.S. Const. art. I, § 8, ¶ 3")).toEqual(["usconst/article-1/section-8/clause-3"]);
  });
});

describe("Spanish and article-first forms", () => {
  it("an acronym right after the article", () => {
    expect(found("conforme al art. 22.8 CADH y los arts. 22.7 y 22.8 CADH")).toEqual([
      ["treaty", "treaty/achr-1969/art-22/8", "art. 22.8 CADH"],
      ["treaty", "treaty/achr-1969/art-22/7", "arts. 22.7"],
      ["treaty", "treaty/achr-1969/art-22/8", "22.8 CADH"],
    ]);
    expect(keys("a claim under Article 3 CAT and Article 7 ICCPR")).toEqual([
      "treaty/cat-1984/art-3",
      "treaty/iccpr-1966/art-7",
    ]);
    expect(found("el artículo 1o. CPEUM y el art. 6 LRPCAP")).toEqual([
      ["mx_const", "mx/CPEUM/art-1", "artículo 1o. CPEUM"],
      ["mx_statute", "mx/LRPCAP/art-6", "art. 6 LRPCAP"],
    ]);
  });
  it("the Geneva Convention of 1951 by its Spanish names", () => {
    expect(found("el artículo 1 de la Convención de Ginebra de 1951")).toEqual([
      [
        "treaty",
        "treaty/refugee-convention-1951/art-1",
        "artículo 1 de la Convención de Ginebra de 1951",
      ],
    ]);
    expect(
      keys("artículo 33 de la Convención de Ginebra sobre el Estatuto de los Refugiados"),
    ).toEqual(["treaty/refugee-convention-1951/art-33"]);
    // The 1949 Geneva Conventions are another matter.
    expect(keys("el artículo 3 común de la Convención de Ginebra de 1949")).toEqual([]);
  });
  it("fracción, and esta Ley resolved to the law the passage is about", () => {
    expect(keys("artículo 52, fracción V, de la Ley de Migración")).toEqual([
      "mx/LMigra/art-52/fr-V",
    ]);
    expect(keys("La Ley de Migración prevé, en el artículo 47 de esta Ley, que")).toEqual([
      "mx/LMigra",
      "mx/LMigra/art-47",
    ]);
  });
  it("UNHCR Executive Committee conclusions", () => {
    expect(
      found(
        "UNHCR ExCom Conclusion No. 8 (XXVIII) (1977); Conclusión No. 22 (XXXII) del Comité Ejecutivo",
      ),
    ).toEqual([
      ["soft_law", "unhcr-excom/8", "Conclusion No. 8 (XXVIII) (1977)"],
      ["soft_law", "unhcr-excom/22", "Conclusión No. 22 (XXXII) del Comité Ejecutivo"],
    ]);
    expect(keys("ExCom, Conclusion No. 30; see Conclusion No. 3 of the report")).toEqual([
      "unhcr-excom/30",
    ]);
    expect(formatKey(parseKey("unhcr-excom/8"))).toBe("unhcr-excom/8");
  });
});
