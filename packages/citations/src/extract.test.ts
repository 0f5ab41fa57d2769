import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  canonicalForKey,
  equivalentsForKey,
  extractCitations,
  inaToUsc,
  parseKey,
  tryCanonicalForKey,
  tryEquivalentsForKey,
  tryParseKey,
  tryUrlsForKey,
  urlsForKey,
  uscToIna,
} from "./index.ts";

const letter = readFileSync(
  fileURLToPath(
    new URL("../../schema/samples/remain-in-mexico-letter-2018-12-21.txt", import.meta.url),
  ),
  "utf8",
);

const one = (text: string) => {
  const found = extractCitations(text);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("the Remain-in-Mexico letter", () => {
  const found = extractCitations(letter);

  it("finds exactly the two INA citations", () => {
    expect(found.map((c) => [c.kind, c.text, c.key])).toEqual([
      ["ina", "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)", "ina/235/b/2/C"],
      ["ina", "section 235(b)(2)(C)", "ina/235/b/2/C"],
    ]);
  });

  it("cross-walks the first to 8 U.S.C. § 1225(b)(2)(C) with official links", () => {
    const c = found[0]!;
    expect(letter.slice(c.start, c.end)).toBe(c.text);
    expect(c.canonical).toBe("INA § 235(b)(2)(C)");
    expect(c.equivalents).toContain("usc/8/1225/b/2/C");
    expect(c.urls).toEqual([
      "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title8-section1225&num=0&edition=prelim",
      "https://www.law.cornell.edu/uscode/text/8/1225#b_2_C",
      "https://www.govinfo.gov/link/uscode/8/1225?link-type=html",
    ]);
  });

  it("resolves the later bare section as a short form of the first", () => {
    const c = found[1]!;
    expect(c.antecedent).toBe("ina/235/b/2/C");
    expect(c.equivalents).toContain("usc/8/1225/b/2/C");
    expect(c.start).toBeGreaterThan(found[0]!.end);
  });
});

describe("forms", () => {
  it.each([
    ["28 U.S.C. § 2241", "usc", "usc/28/2241"],
    ["8 U.S.C. 1182(d)(5)(A)", "usc", "usc/8/1182/d/5/A"],
    ["8 U.S.C. § 1101 et seq.", "usc", "usc/8/1101/et-seq"],
    ["8 U.S.C. § 1231 note", "usc", "usc/8/1231/note"],
    ["50 U.S.C. app. § 3901", "usc", "usc/50-app/3901"],
    ["42 U.S.C. § 2000e-2(a)(1)", "usc", "usc/42/2000e-2/a/1"],
    ["8 U.S.C. ch. 12", "usc_chapter", "usc-ch/8/12"],
    ["section 1252 of title 8, United States Code", "usc", "usc/8/1252"],
    ["INA § 235(b)(2)(C)", "ina", "ina/235/b/2/C"],
    ["INA 208", "ina", "ina/208"],
    ["8 C.F.R. § 208.16(c)", "cfr", "cfr/8/208.16/c"],
    ["8 C.F.R. pt. 208", "cfr", "cfr/8/208"],
    ["66 Stat. 163", "stat", "stat/66/163"],
    ["Pub. L. No. 96-212", "public_law", "pl/96/212"],
    ["section 201 of Public Law 96-212", "public_law", "pl/96/212/201"],
    ["82 Fed. Reg. 8793", "fed_reg", "fr/82/8793"],
    ["U.S. Const. amend. V", "us_const", "usconst/amendment-5"],
    ["27 I&N Dec. 509 (A.G. 2019)", "case_full", "case/27/I. & N. Dec./509"],
    ["101 Harv. L. Rev. 1", "journal", "journal/101/Harv. L. Rev./1"],
    ["Cal. Penal Code § 187(a)", "state_statute", "state/Cal. Penal Code/187/a"],
    [
      "Article 22(8) of the American Convention on Human Rights",
      "treaty",
      "treaty/achr-1969/art-22/8",
    ],
    [
      "artículo 11 de la Constitución Política de los Estados Unidos Mexicanos",
      "mx_const",
      "mx/CPEUM/art-11",
    ],
    ["artículo 52, fracción V, de la Ley de Migración", "mx_statute", "mx/LMigra/art-52/fr-V"],
    ["Cartagena Declaration on Refugees", "soft_law", "softlaw/cartagena-declaration-1984"],
  ])("%s", (text, kind, key) => {
    const c = one(text);
    expect([c.kind, c.key, c.text]).toEqual([kind, key, text]);
  });

  it("splits §§ lists and ranges into one citation per provision", () => {
    const found = extractCitations("8 C.F.R. §§ 208.16–.18 and 8 U.S.C. §§ 1225(b), 1231(b)(3)");
    expect(found.map((c) => c.key)).toEqual([
      "cfr/8/208.16",
      "cfr/8/208.18",
      "usc/8/1225/b",
      "usc/8/1231/b/3",
    ]);
  });

  it("resolves Id., supra and short case cites", () => {
    const text =
      "Sale v. Haitian Ctrs. Council, Inc., 509 U.S. 155, 187 (1993). Id. at 190. Sale, 509 U.S. at 180. " +
      "Refugee Convention art. 33. Refugee Convention, supra note 4, art. 31(1). 8 U.S.C. § 1225(b). Id. § 1226(a).";
    const found = extractCitations(text);
    const byText = new Map(found.map((c) => [c.text, c]));
    const full = byText.get("509 U.S. 155, 187 (1993)")!;
    expect(full).toMatchObject({
      caseName: "Sale v. Haitian Ctrs. Council, Inc.",
      year: 1993,
      pinpoint: "187",
    });
    expect(byText.get("Id. at 190")).toMatchObject({
      kind: "id",
      key: "id->case/509/U.S./155",
      pinpoint: "190",
    });
    expect(byText.get("509 U.S. at 180")).toMatchObject({
      kind: "case_short",
      key: "case/509/U.S./155",
    });
    expect(byText.get("Refugee Convention, supra note 4, art. 31(1)")?.key).toBe(
      "supra->treaty/refugee-convention-1951/art-31/1",
    );
    expect(byText.get("Id. § 1226(a)")?.key).toBe("id->usc/8/1226/a");
  });

  it("links parallel cites and shares the year", () => {
    const found = extractCitations("Jennings v. Rodriguez, 583 U.S. 281, 138 S. Ct. 830 (2018).");
    expect(found.map((c) => [c.key, c.year, c.caseName])).toEqual([
      ["case/583/U.S./281", 2018, "Jennings v. Rodriguez"],
      ["case/138/S. Ct./830", 2018, "Jennings v. Rodriguez"],
    ]);
    expect(found[0]!.equivalents).toContain("case/138/S. Ct./830");
  });

  it("finds nothing in ordinary prose with numbers", () => {
    expect(
      extractCitations(
        "In 2019 some 60,000 persons were returned; Section 2 of this order; 3 Members.",
      ),
    ).toEqual([]);
  });

  it("filters by kind and rejects non-strings", () => {
    expect(
      extractCitations("INA § 208, 8 U.S.C. § 1158", { kinds: ["usc"] }).map((c) => c.key),
    ).toEqual(["usc/8/1158"]);
    expect(() => extractCitations(42 as unknown as string)).toThrow(TypeError);
  });
});

describe("keys", () => {
  it("parses, renders and links every scheme", () => {
    expect(parseKey("usc/8/1225/b/2/C")).toEqual({
      scheme: "usc",
      title: "8",
      appendix: false,
      section: "1225",
      subsections: ["b", "2", "C"],
    });
    expect(parseKey("id->ina/235")).toMatchObject({ scheme: "id", target: "ina/235" });
    expect(canonicalForKey("cfr/8/208")).toBe("8 C.F.R. pt. 208");
    expect(canonicalForKey("pl/104/208/div-C/302")).toBe("Pub. L. No. 104-208, div. C, § 302");
    expect(canonicalForKey("usconst/article-1/section-8/clause-18")).toBe(
      "U.S. Const. art. I, § 8, cl. 18",
    );
    expect(canonicalForKey("mx/LMigra/art-52/fr-V")).toContain(
      "Ley de Migración [LM], art. 52, fr. V",
    );
    expect(urlsForKey("cfr/8/208.16/c")[0]).toBe(
      "https://www.ecfr.gov/current/title-8/section-208.16#p-208.16(c)",
    );
    expect(urlsForKey("fr/82/8793")).toContain(
      "https://www.federalregister.gov/citation/82-FR-8793",
    );
    expect(urlsForKey("case/509/U.S./155")).toEqual([
      "https://www.courtlistener.com/c/U.S./509/155/",
    ]);
    expect(equivalentsForKey("usc/8/1229a/b/4")).toEqual(["ina/240/b/4"]);
  });

  it("throws a RangeError for malformed keys", () => {
    for (const bad of [
      "",
      "nope/1",
      "usc/x/1",
      "treaty/unknown",
      "mx/LMigra/zz-1",
      "foo->usc/8/1",
    ]) {
      expect(() => parseKey(bad), bad).toThrow(RangeError);
    }
  });

  it("answers null instead of throwing through the try… key API", () => {
    for (const bad of ["", "nope/1", "usc/x/1", "treaty/unknown", "foo->usc/8/1"]) {
      expect(tryParseKey(bad), bad).toBeNull();
      expect(tryCanonicalForKey(bad), bad).toBeNull();
      expect(tryUrlsForKey(bad), bad).toBeNull();
      expect(tryEquivalentsForKey(bad), bad).toBeNull();
    }
    expect(tryParseKey("ina/235/b/2/C")).toEqual(parseKey("ina/235/b/2/C"));
    expect(tryCanonicalForKey("ina/235/b/2/C")).toBe("INA § 235(b)(2)(C)");
    expect(tryUrlsForKey("usc/8/1225")).toEqual(urlsForKey("usc/8/1225"));
    expect(tryEquivalentsForKey("ina/235/b/2/C")).toEqual(["usc/8/1225/b/2/C"]);
  });

  it("crosswalk is a bijection with the checked pairs", () => {
    expect(Object.keys(inaToUsc).length).toBeGreaterThanOrEqual(160);
    for (const [ina, usc] of Object.entries(inaToUsc)) expect(uscToIna[usc]).toBe(ina);
    expect([
      inaToUsc["235"],
      inaToUsc["240"],
      inaToUsc["242"],
      inaToUsc["244"],
      inaToUsc["329A"],
    ]).toEqual(["1225", "1229a", "1252", "1254a", "1440-1"]);
  });
});

describe("pathological inputs stay linear", () => {
  // Work, not wall time: the ratio of this process's CPU time for 10× the
  // input must stay far below the 100× of a quadratic pass. CPU time, not the
  // clock, so that other processes on a shared CI box do not count.
  const ratio = (unit: string): number => {
    const time = (n: number): number => {
      const s = unit.repeat(n);
      const t0 = process.cpuUsage();
      extractCitations(s);
      const used = process.cpuUsage(t0);
      return Math.max((used.user + used.system) / 1000, 0.5);
    };
    time(2_000);
    // The fastest of three runs on each side: load spikes on a shared
    // machine only ever slow a run down, never speed it up.
    const small = Math.min(time(20_000), time(20_000), time(20_000));
    const big = Math.min(time(200_000), time(200_000), time(200_000));
    return big / small;
  };

  it.each([
    ["section signs", "§"],
    ["section signs with digits", "§ 1"],
    ["digits", "1"],
    ["parentheses", "("],
    ["subsection chains", "§1(a)(b)(c)("],
    ["reporter-like tokens", "1 U.S. "],
    ["Id. chains", "Id. "],
    ["article words", "art. 1, "],
    ["article acronyms", "art. 1 CAT "],
    ["supra notes", "A, supra note 1, "],
    ["conclusions", "Conclusion No. 1 ("],
    ["bare conclusions", "No. 1 (XXVI) "],
    ["articles in parentheses", "(artículo 5) de la Convención Americana "],
    ["lists split by semicolons", "1; 2 de la Convención Americana; "],
    ["names in another case", "(artículo 5) de la convención americana "],
    ["notes between list members", "§§ 1.1 (a b), "],
    ["bare sections of another title", "8 U.S.C. 1 Section 1 28 U.S.C. 2 "],
    ["INA ranges", "INA 101-"],
    [
      "state constitutions after bare articles",
      "federal Constitution; Art. I, § 1 of the Texas Constitution ",
    ],
    ["'this title' under Code headings", "\nTITLE 8—A section 1 of this title "],
    [
      "'esta Ley' under law titles",
      "\nLEY DE MIGRACIÓN\nCÁMARA DE DIPUTADOS artículo 1 de esta Ley ",
    ],
    [
      "fracciones before article lists",
      "las fracciones I a V del artículo 1 y 2 de la Ley de Migración ",
    ],
    ["a country opening each clause", "En Bolivia, la Ley de Migración; "],
    ["an article said again", "la fracción II del artículo 1 y el artículo 2 "],
    [
      "an unknown law's article before a list",
      "artículo 1 del Código Penal Federal y 2 de la Ley de Migración ",
    ],
    ["a state's constitution", "artículo 1 de la Constitución del Estado de Jalisco "],
    ["apartados", "artículo 1, apartado A, fracción I y II, "],
    ["the states' constitutions after bare articles", "Art. I, § 1 of the state constitutions "],
    ["federal articles without the comma", "Art. I § 1 of the federal constitution "],
  ])(
    "%s",
    (_name, unit) => {
      expect(ratio(unit)).toBeLessThan(40);
    },
    // Megabytes of input, three times each: minutes of wall time are
    // possible on a loaded machine although the CPU time is small.
    120_000,
  );
});
