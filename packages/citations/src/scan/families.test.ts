/// Forms issue 13 names, one case per family this pass handles.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";
import { formatKey, parseKey } from "../keyGrammar.ts";

const keys = (text: string, opts = {}) => extractCitations(text, opts).map((c) => c.key);

describe("hyphen, en-dash and letter sections", () => {
  it("keeps an en-dash section whole instead of reporting its tail", () => {
    expect(keys("42 U.S.C. § 300aa–11(a)")).toEqual(["usc/42/300aa-11/a"]);
    expect(keys("(42 U.S.C. 1962d–16)")).toEqual(["usc/42/1962d-16"]);
    expect(keys("16 U.S.C. § 410hhh-2")).toEqual(["usc/16/410hhh-2"]);
  });
  it("reads a plain-number en dash in a list as a range", () => {
    expect(keys("7 U.S.C. 601–674")).toEqual(["usc/7/601", "usc/7/674"]);
    expect(keys("42 U.S.C. §§ 1440-1 and 1440-2")).toEqual(["usc/42/1440-1", "usc/42/1440-2"]);
  });
  it("reads title 54's six-digit sections", () => {
    expect(keys("section 100506 of title 54, United States Code")).toEqual(["usc/54/100506"]);
  });
  it("keeps a C.F.R. section's dash, also before the sentence's period", () => {
    expect(keys("17 CFR 240.19b–4(f)(6)(iii).")).toEqual(["cfr/17/240.19b-4/f/6/iii"]);
    expect(keys("See 17 CFR 240.19b–4.")).toEqual(["cfr/17/240.19b-4"]);
    expect(keys("8 C.F.R. §§ 208.16–208.18")).toEqual(["cfr/8/208.16", "cfr/8/208.18"]);
  });
});

describe("reversed forms", () => {
  it("section N of title T, Code of Federal Regulations", () => {
    expect(keys("section 112.1(b) of title 40, Code of Federal Regulations")).toEqual([
      "cfr/40/112.1/b",
    ]);
    expect(keys("section 1.1471-4 of 26 CFR")).toEqual(["cfr/26/1.1471-4"]);
  });
  it("never reads a dotted number as a Code section", () => {
    expect(keys("8 U.S.C. § 1225. Compare § 208.16 of the rule.")).toEqual(["usc/8/1225"]);
  });
});

describe("a pinpoint written before its section", () => {
  // filings-comment-individual-2020.jsonl; Pub. L. 114-190 and 114-254 (USLM).
  it("reads 'Subparagraph (B) of subsection 1225(b)(1)' as 1225(b)(1)(B), from the first word", () => {
    const text =
      "Congress set out the obligations in 8 USCA § 1225(b)(1)(B). Subparagraph (B) of subsection 1225(b)(1) is titled";
    const found = extractCitations(text);
    expect(found.map((c) => c.key)).toEqual(["usc/8/1225/b/1/B", "usc/8/1225/b/1/B"]);
    expect(found[1]!.text).toBe("Subparagraph (B) of subsection 1225(b)(1)");
  });
  it("adds the lead pinpoint to a reversed section of a title", () => {
    expect(keys("Subparagraph (A) of section 44946(c)(2) of title 49, United States Code")).toEqual(
      ["usc/49/44946/c/2/A"],
    );
    expect(keys("subsection (i)(1) of section 2306b of title 10, United States Code")).toEqual([
      "usc/10/2306b/i/1",
    ]);
    expect(keys("paragraph (2) of section 208(b) of the INA")).toEqual(["ina/208/b/2"]);
  });
  it("starts a citation at 'subsection' only before a numbered section with subsections", () => {
    expect(keys("See 8 U.S.C. 1225. Under subsection 1225(b)(1), the officer")).toEqual([
      "usc/8/1225",
      "usc/8/1225/b/1",
    ]);
    expect(
      keys("Section 503 is amended in subsection (b) and in subsection 3 of the rule"),
    ).toEqual([]);
  });
});

describe("an opinion's bare constitution article and lower-case journal words", () => {
  // opinion-scotus-tarrant.jsonl, opinion-scotus-fisher.jsonl.
  it("reads 'Art. I, §10, cl. 3' and 'Art. VI, cl. 2' as the U.S. Constitution", () => {
    expect(keys("Art. I, §10, cl. 3. Supremacy Clause, Art. VI, cl. 2, then")).toEqual([
      "usconst/article-1/section-10/clause-3",
      "usconst/article-6/clause-2",
    ]);
    expect(keys("Cal. Const., art. I, § 7")).toEqual([]);
    expect(keys("Article 3 CAT")).toEqual(["treaty/cat-1984/art-3"]);
  });
  it("reads a journal whose name has 'of' or 'in'", () => {
    expect(keys("4 J. of Negro Educ. 328, 330 (1935); 37 Research in Higher Educ. 681")).toEqual([
      "journal/4/J. of Negro Educ./328",
      "journal/37/Research in Higher Educ./681",
    ]);
  });
});

describe("Statutes at Large pages", () => {
  it("with a letter, an en dash or spaces", () => {
    expect(keys("114 Stat. 2763A–222")).toEqual(["stat/114/2763A-222"]);
    expect(keys("110 Stat. 3009 – 546")).toEqual(["stat/110/3009-546"]);
  });
});

describe("the one key formatter", () => {
  it("gives back every key it parses", () => {
    for (const k of [
      "usc/8/1225/b/2/C",
      "usc/50-app/3901",
      "usc/8/1101/et-seq",
      "ina/235/b/2/C",
      "cfr/8/208",
      "cfr/8/208.16/c",
      "pl/104/208/div-C/302",
      "usconst/article-1/section-8/clause-18",
      "usconst/amendment-14",
      "case/509/U.S./155",
      "state/Cal. Penal Code/187/a",
      "state/Cal. Penal Code/187/et-seq",
      "treaty/refugee-convention-1951/art-33/1",
      "mx/LMigra/art-52/fr-V",
      "id->usc/8/1226/a",
    ])
      expect(formatKey(parseKey(k))).toBe(k);
  });
});

describe("C.F.R. parts by word", () => {
  it("with a title, or in a text about a C.F.R. title", () => {
    expect(keys("part 71 of title 14, Code of Federal Regulations")).toEqual(["cfr/14/71"]);
    expect(keys("The authority citation for part 71", { cfrTitle: 14 })).toEqual(["cfr/14/71"]);
    expect(keys("Accordingly, parts 730 and 732 are amended", { cfrTitle: 15 })).toEqual([
      "cfr/15/730",
      "cfr/15/732",
    ]);
  });
  it("not in prose that names no title", () => {
    expect(keys("part 2 of this notice explains the costs")).toEqual([]);
    expect(keys("See 8 C.F.R. § 208.16. In part 2 of this notice, we explain.")).toEqual([
      "cfr/8/208.16",
    ]);
  });
});

describe("public laws", () => {
  it("keep the section's subsections", () => {
    expect(keys("section 302(a) of Public Law 104–208")).toEqual(["pl/104/208/302/a"]);
    expect(keys("P.L. 95–251, sec. 2(a)(7), 92 Stat. 183")).toEqual([
      "pl/95/251/2/a/7",
      "stat/92/183",
    ]);
  });
  it("after a footnote number", () => {
    expect(keys("43 Public Law 103–325, 108 Stat. 2160 (Sept. 23, 1994).")).toEqual([
      "pl/103/325",
      "stat/108/2160",
    ]);
  });
  it("a Stat. page range keys its first page", () => {
    const [c] = extractCitations("84 Stat. 1603–1605");
    expect([c?.key, c?.pinpoint]).toEqual(["stat/84/1603", "1603-1605"]);
  });
});

describe("capitals", () => {
  it("PUBLIC LAW and STAT. as printed in slip laws", () => {
    expect(keys("PUBLIC LAW 104–208—SEPT. 30, 1996 110 STAT. 3009–546")).toEqual([
      "pl/104/208",
      "stat/110/3009-546",
    ]);
  });
});

describe("Federal Register headings and preambles (issue 13, fedreg pass)", () => {
  it("reads every part of a long heading list, one citation each", () => {
    const parts = Array.from({ length: 70 }, (_, i) => String(1001 + i));
    const found = keys(`8 CFR Parts ${parts.join(", ")} [EOIR No. 137F]`);
    expect(found).toEqual(parts.map((p) => `cfr/8/${p}`));
  });
  it("does not end a parts list at the RIN that follows it", () => {
    expect(keys("8 CFR Parts 208 and 235 RIN 1615–AC42")).toEqual(["cfr/8/208", "cfr/8/235"]);
  });
  it("reads a part printed with a capital letter", () => {
    expect(keys("8 CFR Parts 103, 204, 244, and 274A [CIS No. 2490-09]")).toEqual([
      "cfr/8/103",
      "cfr/8/204",
      "cfr/8/244",
      "cfr/8/274A",
    ]);
  });
  it("reads 'added section N to the Immigration and Nationality Act'", () => {
    expect(keys("IIRIRA added section 240A(e) to the Immigration and Nationality Act")).toEqual([
      "ina/240A/e",
    ]);
  });
});

describe("the issue's families walked again (s10)", () => {
  it("a Code cite with its space lost, an Id. of a hyphenated section, a range of clauses", () => {
    expect(keys("Plaintiffs sued under 42 U.S.C.1983 for damages.")).toEqual(["usc/42/1983"]);
    expect(keys("42 U.S.C. § 300aa-11(a)(2). See id. § 300aa-12(d)(3).")).toEqual([
      "usc/42/300aa-11/a/2",
      "id->usc/42/300aa-12/d/3",
    ]);
    const [c, ...rest] = extractCitations("8 U.S.C. § 1182(a)(6)(C)(ii)(I)-(III) applies");
    expect([c?.key, c?.pinpoint, rest.length]).toEqual([
      "usc/8/1182/a/6/C/ii/I",
      "(a)(6)(C)(ii)(I)-(III)",
      0,
    ]);
  });
});

describe("Mexican law names in capitals", () => {
  it("own the articles before or after them", () => {
    expect(keys("en términos del artículo 52 de la LEY DE MIGRACIÓN, fracción V")).toEqual([
      "mx/LMigra/art-52",
    ]);
    expect(keys("LEY DE MIGRACIÓN, artículo 52, fracción V")).toEqual(["mx/LMigra/art-52/fr-V"]);
    expect(
      keys("el artículo 1o. de la CONSTITUCIÓN POLÍTICA DE LOS ESTADOS UNIDOS MEXICANOS establece"),
    ).toEqual(["mx/CPEUM/art-1"]);
    expect(keys("ARTÍCULO 11 DE LA CONSTITUCIÓN POLÍTICA DE LOS ESTADOS UNIDOS MEXICANOS")).toEqual(
      ["mx/CPEUM/art-11"],
    );
  });
  it("are a citation in a sentence, a heading's law elsewhere", () => {
    expect(keys("conforme a la LEY DE MIGRACIÓN, los extranjeros")).toEqual(["mx/LMigra"]);
    // A heading: no citation, but the law "esta Ley" means.
    expect(keys("LEY DE MIGRACIÓN\nArtículo 2. Conforme al artículo 47 de esta Ley")).toEqual([
      "mx/LMigra/art-47",
    ]);
    // dof-LAmp.jsonl: a page's running head, cut, dropped into a sentence.
    expect(
      keys(
        "Tratándose de estos casos, la LEY DE AMPARO, REGLAMENTARIA DE LOS ARTÍCULOS 103 Y 107 DE LA CONSTITUCIÓN POLÍTICA DE LOS orden",
      ),
    ).toEqual([]);
    expect(keys("REGLAMENTO DE LA LEY DE MIGRACIÓN")).toEqual([]);
    expect(keys("la ley de migración vigente")).toEqual([]);
  });
});

describe("'artículo' broken by a line-end hyphen", () => {
  it("reads the word mended, at any of its breaks", () => {
    expect(keys("conforme al artí- culo 52 de la Ley de Migración")).toEqual(["mx/LMigra/art-52"]);
    expect(keys("conforme al artí-\nculo 52 de la Ley de Migración")).toEqual(["mx/LMigra/art-52"]);
    expect(keys("los ar- tículos 8 y 25 de la Convención Americana")).toEqual([
      "treaty/achr-1969/art-8",
      "treaty/achr-1969/art-25",
    ]);
    expect(keys("el artícu\u00ADlo 33 de la Convención de 1951")).toEqual([
      "treaty/refugee-convention-1951/art-33",
    ]);
    const [c] = extractCitations("el artí- culo 52 de la Ley de Migración");
    expect(c?.text).toBe("artí- culo 52 de la Ley de Migración");
  });
  it("not another word broken so", () => {
    expect(keys("the are- a of art- work 52 de la Ley de Migración")).toEqual(["mx/LMigra"]);
  });
});

describe("a bare Code section in a text about immigration that has cited no statute", () => {
  // packages/citations/corpus/cases.jsonl, Biden v. Texas's syllabus.
  it("is 8 U.S.C.'s when the INA crosswalk has it", () => {
    expect(
      keys(
        'Section 1225(b)(2)(C) provides that the Secretary "may return" certain aliens to a contiguous territory. The authority in section 1225(b)(2)(C) is discretionary.',
      ),
    ).toEqual(["usc/8/1225/b/2/C", "usc/8/1225/b/2/C"]);
  });
  it("not without the subject, not a number the crosswalk lacks, not after another title", () => {
    expect(keys("Section 1225(b) provides for the credit.")).toEqual([]);
    expect(keys("Section 1983 gives aliens a remedy.")).toEqual([]);
    expect(keys("See 26 U.S.C. 1225. Section 1225(b) applies to aliens.")).toEqual([
      "usc/26/1225",
      "usc/26/1225/b",
    ]);
  });
});

describe("short forms and the Constitution as briefs write them", () => {
  it("'Id. at § 1158(b)' is a new section of the statute cited last, not a page", () => {
    expect(keys("See 8 U.S.C. § 1101(a)(42). See id. at § 1158(b).")).toEqual([
      "usc/8/1101/a/42",
      "id->usc/8/1158/b",
    ]);
    expect(keys("8 C.F.R. § 208.16(c). Id. at §§ 208.18(a) and 208.19.")).toEqual([
      "cfr/8/208.16/c",
      "id->cfr/8/208.18/a",
      "id->cfr/8/208.19",
    ]);
    const [, id] = extractCitations("INS v. Cardoza-Fonseca, 480 U.S. 421 (1987). Id. at 440.");
    expect([id?.key, id?.pinpoint]).toEqual(["id->case/480/U.S./421", "440"]);
  });
  it("'Article II, Section 2, Clause 2 of the Constitution'", () => {
    expect(keys("Article II, Section 2, Clause 2 of the Constitution")).toEqual([
      "usconst/article-2/section-2/clause-2",
    ]);
    expect(keys("under Article I, Section 8, Clause 18 of the U.S. Constitution")).toEqual([
      "usconst/article-1/section-8/clause-18",
    ]);
    expect(keys("Article III of the United States Constitution")).toEqual(["usconst/article-3"]);
    expect(keys("Article II of the Mexican Constitution")).toEqual(["mx/CPEUM/art-2"]);
    expect(keys("Article IX of the Treaty")).toEqual([]);
  });
});

describe("Mexican constitution and refugee law by shorter names", () => {
  it("'DE LA CONSTITUCIÓN' in capitals, as 'de la Constitución'; a cut running head is none", () => {
    expect(keys("ARTÍCULO 11 DE LA CONSTITUCIÓN, EN RELACIÓN")).toEqual(["mx/CPEUM/art-11"]);
    expect(keys("el artículo 11 de la CONSTITUCIÓN establece")).toEqual(["mx/CPEUM/art-11"]);
    expect(keys("ARTÍCULOS 103 Y 107 DE LA CONSTITUCIÓN POLÍTICA DE LOS I. La persona")).toEqual(
      [],
    );
  });
  it("'Ley sobre Refugiados' alone is the refugee law", () => {
    expect(keys("artículos 13, fracción I, y 14 de la Ley sobre Refugiados")).toEqual([
      "mx/LRPCAP/art-13/fr-I",
      "mx/LRPCAP/art-14",
    ]);
    expect(keys("Reglamento de la Ley sobre Refugiados y Protección Complementaria")).toEqual([
      "mx/RLRPCAP",
    ]);
  });
});

describe("Treasury regulations by name (tax opinions and briefs)", () => {
  it("'Treas. Reg. §' before the number, 'Income Tax Regs.' after it: 26 C.F.R.", () => {
    expect(keys("Treas. Reg. §§ 1.1031(k)-1(g)(4) and 1.1031(k)-1(k)")).toEqual([
      "cfr/26/1.1031(k)-1/g/4",
      "cfr/26/1.1031(k)-1/k",
    ]);
    expect(keys("See Treasury Regulation § 1.469-5T(a).")).toEqual(["cfr/26/1.469-5T/a"]);
    expect(keys("under sec. 1.469-5T(a), Income Tax Regs., a taxpayer")).toEqual([
      "cfr/26/1.469-5T/a",
    ]);
    expect(keys("sec. 301.6231(a)(3)-1(a)(4), Proced. & Admin. Regs.")).toEqual([
      "cfr/26/301.6231(a)(3)-1/a/4",
    ]);
  });
  it("not a dotted section of another work", () => {
    expect(keys("Model Penal Code § 223.2; sec. 33.3 of the treatise")).toEqual([]);
  });
});

describe("supra and 'the same instrument' as writers vary them", () => {
  it("'supra n. 5'; the signal before a supra's name is not its name", () => {
    const found = extractCitations("See Anker, supra note 3, at 12; Hathaway, supra n. 5.");
    expect(found.map((c) => [c.key, c.text])).toEqual([
      ["supra-note/3", "Anker, supra note 3, at 12"],
      ["supra-note/5", "Hathaway, supra n. 5"],
    ]);
  });
  it("'del mismo instrumento', 'of the same Convention'", () => {
    expect(
      keys("el artículo 1.1 de la Convención Americana y el artículo 2 del mismo instrumento"),
    ).toEqual(["treaty/achr-1969/art-1/1", "treaty/achr-1969/art-2"]);
    expect(keys("Article 1 of the 1951 Convention. Article 33(1) of the same Convention")).toEqual([
      "treaty/refugee-convention-1951/art-1",
      "treaty/refugee-convention-1951/art-33/1",
    ]);
  });
});
