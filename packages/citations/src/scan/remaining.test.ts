/// Issue 13's remaining forms: `et seq.` on a C.F.R. part, Pennsylvania's
/// consolidated statutes, ILCS acts without a section, lists of ExCom
/// conclusions and their links, Tax Court numbered opinions' links, `Id.`
/// after a team form, and old INA §§ 241/242 read as they stood before 1997.
import { describe, expect, it } from "vitest";
import {
  canonicalForKey,
  extractCitations,
  parseKey,
  type TeamForm,
  urlsForKey,
} from "../index.ts";
import { formatKey } from "../keyGrammar.ts";

const rows = (text: string, opts = {}) =>
  extractCitations(text, opts).map((c) => [c.kind, c.key, c.text]);

describe("C.F.R. part et seq.", () => {
  it("keys a whole part with a final et-seq", () => {
    expect(rows("See 8 C.F.R. pt. 208 et seq. and 8 C.F.R. part 1003 et seq.")).toEqual([
      ["cfr", "cfr/8/208/et-seq", "8 C.F.R. pt. 208 et seq."],
      ["cfr", "cfr/8/1003/et-seq", "8 C.F.R. part 1003 et seq."],
    ]);
    expect(rows("8 C.F.R. § 208.16(c). See also part 1208 et seq.")[1]).toEqual([
      "cfr",
      "cfr/8/1208/et-seq",
      "part 1208 et seq.",
    ]);
    expect(canonicalForKey("cfr/8/208/et-seq")).toBe("8 C.F.R. pt. 208 et seq.");
    expect(formatKey(parseKey("cfr/8/208/et-seq"))).toBe("cfr/8/208/et-seq");
    expect(urlsForKey("cfr/8/208/et-seq")[0]).toBe("https://www.ecfr.gov/current/title-8/part-208");
    // A part without et seq. is unchanged.
    expect(rows("8 C.F.R. pt. 208")[0]![1]).toBe("cfr/8/208");
  });
});

describe("Pennsylvania Consolidated Statutes", () => {
  it("keys the title before the code, whatever the spelling", () => {
    expect(
      rows(
        "42 Pa. Cons. Stat. § 5524(2); 42 Pa.C.S. § 5524; 18 Pa.C.S.A. § 2702(a)(1); 23 Pa. Cons. Stat. Ann. § 6102",
      ),
    ).toEqual([
      ["state_statute", "state/Pa. Cons. Stat./42/5524/2", "42 Pa. Cons. Stat. § 5524(2)"],
      ["state_statute", "state/Pa. Cons. Stat./42/5524", "42 Pa.C.S. § 5524"],
      ["state_statute", "state/Pa. Cons. Stat./18/2702/a/1", "18 Pa.C.S.A. § 2702(a)(1)"],
      ["state_statute", "state/Pa. Cons. Stat./23/6102", "23 Pa. Cons. Stat. Ann. § 6102"],
    ]);
    expect(canonicalForKey("state/Pa. Cons. Stat./42/5524/2")).toBe("42 Pa. Cons. Stat. § 5524(2)");
    expect(formatKey(parseKey("state/Pa. Cons. Stat./42/5524"))).toBe(
      "state/Pa. Cons. Stat./42/5524",
    );
  });

  it("resolves Id. § and a bare § to the same title", () => {
    expect(rows("42 Pa.C.S. § 5524. Id. § 5525. But see § 5527.").map((r) => r[1])).toEqual([
      "state/Pa. Cons. Stat./42/5524",
      "id->state/Pa. Cons. Stat./42/5525",
      "state/Pa. Cons. Stat./42/5527",
    ]);
  });
});

describe("ILCS act without a section", () => {
  it("keys chapter and act", () => {
    expect(rows("the Biometric Information Privacy Act, 740 ILCS 14, and 815 ILCS 505/2")).toEqual([
      ["state_statute", "state/Ill. Comp. Stat./740/14", "740 ILCS 14"],
      ["state_statute", "state/Ill. Comp. Stat./815/505/2", "815 ILCS 505/2"],
    ]);
    expect(rows("(740 Ill. Comp. Stat. 14)")[0]![1]).toBe("state/Ill. Comp. Stat./740/14");
    expect(canonicalForKey("state/Ill. Comp. Stat./740/14")).toBe("740 Ill. Comp. Stat. 14");
    expect(formatKey(parseKey("state/Ill. Comp. Stat./740/14"))).toBe(
      "state/Ill. Comp. Stat./740/14",
    );
    // "Section 14" of a chapter-level ILCS act is not a section of the code.
    expect(rows("740 ILCS 14. See § 15.").map((r) => r[1])).toEqual([
      "state/Ill. Comp. Stat./740/14",
    ]);
  });
});

describe("ExCom conclusion lists", () => {
  it("gives one citation per conclusion of a list", () => {
    expect(
      rows("Recalls its Conclusions No. 6 (XXVIII) and No. 7 (XXVIII), as well as numerous"),
    ).toEqual([
      ["soft_law", "unhcr-excom/6", "Conclusions No. 6 (XXVIII)"],
      ["soft_law", "unhcr-excom/7", "No. 7 (XXVIII)"],
    ]);
    expect(rows("See ExCom Conclusions Nos. 6, 7 and 8.")).toEqual([
      ["soft_law", "unhcr-excom/6", "Conclusions Nos. 6"],
      ["soft_law", "unhcr-excom/7", "7"],
      ["soft_law", "unhcr-excom/8", "8"],
    ]);
    expect(rows("las Conclusiones No. 22 (XXXII) y No. 44 (XXXVII) del Comité Ejecutivo")).toEqual([
      ["soft_law", "unhcr-excom/22", "Conclusiones No. 22 (XXXII)"],
      ["soft_law", "unhcr-excom/44", "No. 44 (XXXVII) del Comité Ejecutivo"],
    ]);
    // Conclusion No. 41 (1986): "taking into account Conclusions Nos. 18 and 40 adopted by the Executive Committee".
    expect(
      rows(
        "taking into account Conclusions Nos. 18 and 40 adopted by the Executive Committee at its",
      ),
    ).toEqual([
      ["soft_law", "unhcr-excom/18", "Conclusions Nos. 18"],
      ["soft_law", "unhcr-excom/40", "40 adopted by the Executive Committee"],
    ]);
    // Nothing ties a bare list to the Executive Committee.
    expect(rows("the Conclusions Nos. 6 and 7 of the report")).toEqual([]);
  });

  it("links a conclusion to UNHCR's or Refworld's page where its address is known", () => {
    expect(urlsForKey("unhcr-excom/8")).toEqual([
      "https://www.unhcr.org/uk/publications/determination-refugee-status",
    ]);
    expect(urlsForKey("unhcr-excom/6")).toEqual(["https://www.refworld.org/docid/3ae68c5a30.html"]);
    // Pages are addressed by a database id, not the number: unknown ones have no link.
    expect(urlsForKey("unhcr-excom/99")).toEqual([]);
  });
});

describe("Tax Court numbered opinions", () => {
  it("have no link: no address is made from the year and number", () => {
    expect(urlsForKey("case/2011/T.C. Memo./12")).toEqual([]);
    expect(urlsForKey("case/2012/T.C. Summ. Op./5")).toEqual([]);
    expect(urlsForKey("case/136/T.C./1")).toHaveLength(1);
  });
});

describe("Id. after a team form", () => {
  const forms: TeamForm[] = [
    {
      form: "A.B. Decl.",
      key: "local/filing/ab-decl",
      canonical: "Declaration of A.B.",
      urls: ["https://example.org/ab.pdf"],
    },
  ];

  it("resolves to the team's authority, with its pinpoint", () => {
    const found = extractCitations(
      "See 8 U.S.C. § 1225(b). A.B. Decl. ¶ 12. Id. ¶ 14. Id. at 3. Id.",
      { forms },
    );
    expect(found.map((c) => [c.kind, c.key, c.text, c.pinpoint ?? null])).toEqual([
      ["usc", "usc/8/1225/b", "8 U.S.C. § 1225(b)", null],
      ["team", "local/filing/ab-decl", "A.B. Decl. ¶ 12", "¶ 12"],
      ["id", "id->local/filing/ab-decl", "Id. ¶ 14", "¶ 14"],
      ["id", "id->local/filing/ab-decl", "Id. at 3", "3"],
      ["id", "id->local/filing/ab-decl", "Id.", null],
    ]);
    expect(found[2]).toMatchObject({
      canonical: "Declaration of A.B.",
      urls: ["https://example.org/ab.pdf"],
      antecedent: "local/filing/ab-decl",
    });
  });

  it("also when the team form is the first citation, and not after a later engine cite", () => {
    const found = extractCitations("A.B. Decl. ¶ 2. Id. ¶ 3. 8 U.S.C. § 1158. Id. § 1159.", {
      forms,
    });
    expect(found.map((c) => c.key)).toEqual([
      "local/filing/ab-decl",
      "id->local/filing/ab-decl",
      "usc/8/1158",
      "id->usc/8/1159",
    ]);
  });
});

describe("old INA §§ 241 and 242 before 1 April 1997", () => {
  it("reads § 241 as the grounds of deportation, now § 237, keeping the levels", () => {
    const [c] = extractCitations("deportable under INA § 241(a)(2)(A)(iii)", {
      asOf: "1995-06-01",
    });
    expect(c!.dated).toMatchObject({
      meaning: "deportable aliens (general classes of deportable aliens)",
      now: "ina/237/a/2/A/iii",
      nowCanonical: "INA § 237(a)(2)(A)(iii)",
    });
    expect(c!.equivalents).toEqual(["ina/237/a/2/A/iii", "usc/8/1227/a/2/A/iii"]);
    expect(extractCitations("8 U.S.C. § 1251(a)(1) (1994)")[0]!.dated?.now).toBe("ina/237/a/1");
  });

  it("reads § 242 as apprehension and deportation: (a) now § 236, (b) now § 240", () => {
    const now = (t: string) => extractCitations(t, { asOf: "1990-01-01" })[0]!.dated?.now;
    expect(now("INA § 242(a)")).toBe("ina/236");
    expect(now("INA § 242(b)")).toBe("ina/240");
    expect(now("8 U.S.C. § 1252(b) (1994 ed.)")).toBe("ina/240");
    expect(now("INA § 242")).toBe("ina/240");
  });

  it("keeps today's meaning without a date, and a case of 1984 beside it is no date", () => {
    expect(extractCitations("INA § 241(b)(3)")[0]!.dated).toBeUndefined();
    expect(
      extractCitations(
        "withholding under INA § 241(b)(3), see INS v. Stevic, 467 U.S. 407 (1984), and INA § 242(a)(2)(B).",
      )
        .filter((c) => c.kind === "ina")
        .map((c) => c.dated),
    ).toEqual([undefined, undefined]);
  });
});

describe("citations of one key", () => {
  it("share one frozen array of links and of equivalents; a parallel cite gets its own", () => {
    const [a, b] = extractCitations("8 U.S.C. § 1225(b); 8 U.S.C. § 1225(b).");
    expect(a!.urls).toBe(b!.urls);
    expect(a!.equivalents).toBe(b!.equivalents);
    expect(Object.isFrozen(a!.urls) && Object.isFrozen(a!.equivalents)).toBe(true);
    const [pl, stat, pl2] = extractCitations(
      "Pub. L. No. 96-212, 94 Stat. 102; Pub. L. No. 96-212.",
    );
    expect(pl!.equivalents).toEqual(["stat/94/102"]);
    expect(stat!.equivalents).toEqual(["pl/96/212"]);
    expect(pl2!.equivalents).toEqual([]);
  });
});
