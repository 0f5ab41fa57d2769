/// Mexican law as it cites itself and other laws (issue 13, held-out DOF corpus
/// in tests/citations/corpus/dof-*.jsonl): each case failed before the change.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";

const keys = (text: string, mxLaw?: string) =>
  extractCitations(text, mxLaw ? { mxLaw } : {}).map((c) => c.key);

describe("Mexican law in its own text (mxLaw)", () => {
  it("reads a bare 'artículo N' as the document's law, never a heading or another law's article", () => {
    expect(keys("salvo lo previsto en el artículo 113 en el que se deberá", "LMigra")).toEqual([
      "mx/LMigra/art-113",
    ]);
    expect(keys("salvo lo previsto en el artículo 113 en el que se deberá")).toEqual([]);
    expect(keys("Artículo 52. Los extranjeros podrán permanecer", "LMigra")).toEqual([]);
    expect(keys("Texto.\nArtículo 53. Los visitantes", "LMigra")).toEqual([]);
    expect(keys("conforme al artículo 3 de la Ley Federal del Trabajo", "LMigra")).toEqual([]);
    expect(keys("en los términos del artículo 5 del presente Reglamento", "LMigra")).toEqual([]);
  });

  it("reads 'este ordenamiento', 'esta ley' and 'esta Constitución'", () => {
    expect(keys("el artículo 42 de este ordenamiento, las autoridades", "LMigra")).toEqual([
      "mx/LMigra/art-42",
    ]);
    expect(keys("a que se refiere el artículo 52 de esta ley.", "LCNDH")).toEqual([
      "mx/LCNDH/art-52",
    ]);
    expect(
      keys("la ley a la que se refiere el artículo 90 de esta Constitución determinará"),
    ).toEqual(["mx/CPEUM/art-90"]);
  });

  it("keeps 'esta Ley' the document's law after the text names another", () => {
    const text =
      "en términos de la Ley General de Población, y conforme al artículo 57 de esta Ley, las autoridades";
    expect(keys(text, "LGPSEDMTP")).toEqual(["mx/LGP", "mx/LGPSEDMTP/art-57"]);
  });

  it("reads fracciones and párrafos written before the article, one citation per fracción", () => {
    const found = extractCitations(
      "los supuestos de las fracciones III, IV y V del artículo 133 de esta Ley no serán",
      { mxLaw: "LMigra" },
    );
    expect(found.map((c) => c.key)).toEqual([
      "mx/LMigra/art-133/fr-III",
      "mx/LMigra/art-133/fr-IV",
      "mx/LMigra/art-133/fr-V",
    ]);
    expect(found[0]!.text.startsWith("las fracciones III")).toBe(true);
    expect(found[1]!.text.startsWith("IV")).toBe(true);
    expect(
      keys(
        "lo dispuesto por el párrafo tercero del artículo 1o. de la Constitución Política de los Estados Unidos Mexicanos.",
      ),
    ).toEqual(["mx/CPEUM/art-1/parr-3"]);
    expect(keys("el primer párrafo del artículo 6o. de esta Constitución")).toEqual([
      "mx/CPEUM/art-6/parr-1",
    ]);
    expect(
      keys("las fracciones IX y IX Bis del artículo 34 Ter de la presente ley", "LGAMVLV"),
    ).toEqual(["mx/LGAMVLV/art-34-ter/fr-IX", "mx/LGAMVLV/art-34-ter/fr-IX-bis"]);
  });

  it("reads 'primer párrafo' after the article and Quáter … Decies articles", () => {
    expect(keys("los artículos 161, primer párrafo, y 173 de esta Ley", "LAmp")).toEqual([
      "mx/LAmp/art-161/parr-1",
      "mx/LAmp/art-173",
    ]);
    expect(keys("previsto en el artículo 24 Quáter de esta Ley", "LCNDH")).toEqual([
      "mx/LCNDH/art-24-quater",
    ]);
  });

  it("knows seven more federal laws, linked to the Cámara de Diputados' text", () => {
    const amparo = extractCitations("prohibidos por el artículo 22 de la Ley de Amparo");
    expect(amparo.map((c) => c.key)).toEqual(["mx/LAmp/art-22"]);
    expect(amparo[0]!.urls).toContain("https://www.diputados.gob.mx/LeyesBiblio/pdf/LAmp.pdf");
    expect(
      keys(
        "el Código Nacional de Procedimientos Penales, la Ley General de Víctimas, la Ley Federal de Procedimiento Administrativo y la Ley de la Comisión Nacional de los Derechos Humanos",
      ),
    ).toEqual(["mx/CNPP", "mx/LGV", "mx/LFPA", "mx/LCNDH"]);
  });
});
