/// The forms issue 13 left (session 11, docs/citations.md "Forms left from issue 13"):
/// a second Mexican law's articles joined by "y", `Id. at` a hyphenated section, law
/// names of other countries, a named act's section with its public law, and bare
/// constitution articles after a state constitution is named.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";
import { urlsForKey } from "../links.ts";

const keys = (text: string, opts = {}) => extractCitations(text, opts).map((c) => c.key);

describe("Spanish article lists joined by 'y'", () => {
  it("two articles of one law, and the fracciones of one article", () => {
    expect(keys("conforme a los artículos 52 y 53 de la Ley de Migración")).toEqual([
      "mx/LMigra/art-52",
      "mx/LMigra/art-53",
    ]);
    expect(keys("el artículo 52, fracciones I y II, de la Ley de Migración")).toEqual([
      "mx/LMigra/art-52/fr-I",
      "mx/LMigra/art-52/fr-II",
    ]);
    expect(
      keys(
        "los arts. 11 y 13 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político",
      ),
    ).toEqual(["mx/LRPCAP/art-11", "mx/LRPCAP/art-13"]);
  });

  it("a second law's article joined by 'y' before its name is that law's article", () => {
    const text =
      "con fundamento en el artículo 52 de la Ley de Migración y 13 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político";
    const found = extractCitations(text);
    expect(found.map((c) => c.key)).toEqual(["mx/LMigra/art-52", "mx/LRPCAP/art-13"]);
    expect(found[1]!.text).toBe(
      "13 de la Ley sobre Refugiados, Protección Complementaria y Asilo Político",
    );
    expect(found[1]!.urls).toEqual(urlsForKey("mx/LRPCAP/art-13"));
    expect(
      keys(
        "los artículos 52 y 53 de la Ley de Migración y 11 y 13, fracción I, de la Ley sobre Refugiados",
      ),
    ).toEqual([
      "mx/LMigra/art-52",
      "mx/LMigra/art-53",
      "mx/LRPCAP/art-11",
      "mx/LRPCAP/art-13/fr-I",
    ]);
    expect(keys("artículo 52 de la LEY DE MIGRACIÓN y 13 de la LEY SOBRE REFUGIADOS")).toEqual([
      "mx/LMigra/art-52",
      "mx/LRPCAP/art-13",
    ]);
  });

  it("'ambos de la' between the articles and their law", () => {
    expect(keys("los artículos 52 y 53, ambos de la Ley de Migración")).toEqual([
      "mx/LMigra/art-52",
      "mx/LMigra/art-53",
    ]);
  });
});

describe("'Id. at' a section after a statute", () => {
  it("a hyphenated section after a U.S.C. cite is a section, not page 300", () => {
    const text =
      "See 42 U.S.C. § 300aa-11(a)(1). The special master shall issue a decision within 240 days. Id. at 300aa-12(d)(3)(A)(ii).";
    const id = extractCitations(text)[1]!;
    expect(id.kind).toBe("id");
    expect(id.key).toBe("id->usc/42/300aa-12/d/3/A/ii");
    expect(id.text).toBe("Id. at 300aa-12(d)(3)(A)(ii)");
    expect(id.pinpoint).toBeUndefined();
    expect(id.urls).toEqual(urlsForKey("usc/42/300aa-12/d/3/A/ii"));
    expect(keys("42 U.S.C. § 300aa-11(a). Id. at 300aa-12.")).toEqual([
      "usc/42/300aa-11/a",
      "id->usc/42/300aa-12",
    ]);
    expect(keys("8 U.S.C. § 1101(a)(42). Id. at 1158(b).")[1]).toBe("id->usc/8/1158/b");
    expect(keys("8 C.F.R. § 208.16(c). Id. at 208.18(a).")[1]).toBe("id->cfr/8/208.18/a");
  });

  it("after a case or the Statutes at Large, 'Id. at' stays a page", () => {
    const [, id] = extractCitations("Smith v. Jones, 509 U.S. 155 (1993). Id. at 300aa-12.");
    expect(id!.key).toBe("id->case/509/U.S./155");
    expect(id!.pinpoint).toBe("300");
    const st = extractCitations("110 Stat. 3009-546. Id. at 3009-547.")[1];
    expect(st!.key).toBe("id->stat/110/3009-546");
    expect(st!.pinpoint).toBe("3009-547");
  });
});

describe("law names of other countries are not Mexico's", () => {
  it("Brazilian (Portuguese) text", () => {
    expect(
      keys(
        "A Ley de Migración foi aprovada pelo Congresso em 2017 e não prevê a detenção de migrantes pela sua condição migratória.",
      ),
    ).toEqual([]);
    expect(
      keys("A Lei de Migração (Lei nº 13.445/2017) revogou o Estatuto do Estrangeiro."),
    ).toEqual([]);
    // Portuguese that names Mexico's law is Mexico's.
    expect(keys("a Ley de Migración do México, de 2011, e a Lei de Migração do Brasil")).toEqual([
      "mx/LMigra",
    ]);
  });

  it("a country, a law number or another country's longer title attached to the name", () => {
    expect(keys("el artículo 12 de la Ley de Migración de Bolivia")).toEqual([]);
    expect(keys("En Bolivia, la Ley de Migración N° 370 regula la permanencia")).toEqual([]);
    expect(keys("la Ley de Migración y Extranjería de Honduras, artículo 3")).toEqual([]);
    expect(keys("Bolivia's Ley de Migración")).toEqual([]);
    expect(keys("la Ley de Amparo, Exhibición Personal y de Constitucionalidad")).toEqual([]);
  });

  it("a Mexican writ naming the applicant's country keeps Mexico's law", () => {
    expect(
      keys(
        "El quejoso, nacional de Honduras, solicitó la condición de refugiado conforme al artículo 13 de la Ley sobre Refugiados y al artículo 52 de la Ley de Migración.",
      ),
    ).toEqual(["mx/LRPCAP/art-13", "mx/LMigra/art-52"]);
  });
});

describe("a named act's section with its public law", () => {
  it("keeps the section: pl/104/208/302/a", () => {
    const text =
      "section 302(a) of the Illegal Immigration Reform and Immigrant Responsibility Act of 1996 (Public Law 104–208)";
    const [c, ...rest] = extractCitations(text);
    expect(rest).toEqual([]);
    expect(c!.kind).toBe("public_law");
    expect(c!.key).toBe("pl/104/208/302/a");
    expect(c!.start).toBe(0);
    expect(c!.urls).toEqual(urlsForKey("pl/104/208/302/a"));
  });

  it("a division, a short name between, a list of sections, a year after a comma", () => {
    expect(
      keys(
        "Section 304(b) of the Illegal Immigration Reform and Immigrant Responsibility Act of 1996 (IIRIRA), Pub. L. No. 104-208, Div. C, 110 Stat. 3009-597",
      ),
    ).toEqual(["pl/104/208/div-C/304/b", "stat/110/3009-597"]);
    expect(
      keys(
        "section 1101 of division O of the Consolidated Appropriations Act, 2016 (Public Law 114–113)",
      ),
    ).toEqual(["pl/114/113/div-O/1101"]);
    expect(
      keys(
        "sections 1406, 1513, and 1532 of the Implementing Recommendations of the 9/11 Commission Act of 2007 (Public Law 110–53; 6 U.S.C. 1135, 1163, and 1182)",
      ),
    ).toEqual([
      "pl/110/53/1406",
      "pl/110/53/1513",
      "pl/110/53/1532",
      "usc/6/1135",
      "usc/6/1163",
      "usc/6/1182",
    ]);
  });

  it("without its public law a named act's section is still no citation", () => {
    expect(keys("section 208 of the Refugee Act of 1980 provides")).toEqual([]);
  });
});

describe("bare constitution articles after a state constitution is named", () => {
  it("are that state's (no key), never the U.S. Constitution", () => {
    expect(
      keys(
        "The California Constitution reserves that power to the voters. Art. II, § 8 provides for the initiative.",
      ),
    ).toEqual([]);
    expect(
      keys(
        "Under the California Constitution, Article II, Section 2 of the Constitution defines who may vote.",
      ),
    ).toEqual([]);
    expect(keys("Cal. Const., art. I, § 7. See also art. I, § 7, cl. 2.")).toEqual([]);
  });

  it("the U.S. Constitution named, or named since, is still read", () => {
    expect(
      keys(
        "Under the California Constitution, Article II, Section 2 of the U.S. Constitution is not at issue.",
      ),
    ).toEqual(["usconst/article-2/section-2"]);
    expect(
      keys(
        "The California Constitution differs from the federal Constitution. Art. I, §10, cl. 3 forbids compacts.",
      ),
    ).toEqual(["usconst/article-1/section-10/clause-3"]);
    expect(keys("Art. VI, cl. 2 makes federal law supreme.")).toEqual([
      "usconst/article-6/clause-2",
    ]);
  });
});
