/// Treaty forms read in real text (tests/citations/treaties.test.ts's passages):
/// each case failed on the engine before this pass.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";

const keys = (text: string): string[] => extractCitations(text).map((c) => c.key);

describe("treaty citations as courts, UNHCR and the Inter-American Court write them", () => {
  it("reads 'the Convention' as the convention named last, even after the Protocol's series cite", () => {
    const text =
      "the substantive provisions of Articles 2 through 34 of the 1951 United Nations Convention Relating to the Status of Refugees. See 19 U.S.T. 6223, 6259-6276 (1968). Article 33.1 of the Convention, 189 U.N.T.S. 150, 176 (1954), reprinted in 19 U.S.T. 6259";
    expect(keys(text)).toEqual([
      "treaty/refugee-convention-1951/art-2",
      "treaty/refugee-convention-1951/art-34",
      "treaty/refugee-protocol-1967",
      "treaty/refugee-convention-1951/art-33/1",
    ]);
  });

  it("does not reach back past another instrument for 'the Convention' beyond a short distance", () => {
    const text = `article 8 of the American Convention on Human Rights. ${"Other words. ".repeat(40)}The Universal Declaration of Human Rights was adopted in 1948. The obligation of non-refoulement in article 3 of the Convention exists`;
    expect(keys(text)).toEqual(["treaty/achr-1969/art-8", "softlaw/udhr-1948"]);
  });

  it("names the 1951 United Nations Convention", () => {
    expect(keys("refugees within the meaning of the 1951 United Nations Convention and")).toEqual([
      "treaty/refugee-convention-1951",
    ]);
  });

  it("reads an ExCom conclusion after 'the Executive Committee of the High Commissioner's Programme adopted'", () => {
    const text =
      "In 1977, the Executive Committee of the High Commissioner's Programme adopted Conclusion No. 4 on international instruments";
    expect(keys(text)).toEqual(["unhcr-excom/4"]);
  });

  it("gives articles read 'en relación con el artículo 1.1 de la Convención' that article's owner", () => {
    const text =
      "(interpretación y alcance de los artículos 5, 22.7 y 22.8, en relación con el artículo 1.1 de la Convención Americana sobre Derechos Humanos)";
    expect(keys(text)).toEqual([
      "treaty/achr-1969/art-5",
      "treaty/achr-1969/art-22/7",
      "treaty/achr-1969/art-22/8",
      "treaty/achr-1969/art-1/1",
    ]);
  });

  it("reads article lists written before the instrument without 'artículo' (grounds of a writ)", () => {
    const text =
      "acuerdo General número 07/2017; 1, 2 y 8 de la Declaración Universal de Derechos Humanos; 8, 27 núm. 1 y 25 de la Convención Americana sobre Derechos Humanos, “Pacto San José”;";
    expect(keys(text)).toEqual([
      "softlaw/udhr-1948/art-1",
      "softlaw/udhr-1948/art-2",
      "softlaw/udhr-1948/art-8",
      "treaty/achr-1969/art-8",
      "treaty/achr-1969/art-27/1",
      "treaty/achr-1969/art-25",
    ]);
    expect(
      keys(
        "los artículos 19 y 22.8 de la Convención Americana, VII y XXVII de la Declaración Americana, así",
      ),
    ).toEqual([
      "treaty/achr-1969/art-19",
      "treaty/achr-1969/art-22/8",
      "softlaw/american-declaration-1948/art-7",
      "softlaw/american-declaration-1948/art-27",
    ]);
  });

  it("does not cite a defined name, a list of agreements, or another American declaration", () => {
    expect(
      keys(
        "de conformidad con el artículo 64.1 de la Convención Americana sobre Derechos Humanos (en adelante “la Convención Americana” o “la Convención”) y con",
      ),
    ).toEqual(["treaty/achr-1969/art-64/1"]);
    expect(keys("los acuerdos 025/2011, 01/2013, 023/2013 de la Convención Americana")).toEqual([
      "treaty/achr-1969",
    ]);
    expect(keys("la Declaración Americana sobre los Derechos de los Pueblos Indígenas")).toEqual(
      [],
    );
  });

  // Issue 13, seventh pass: families read in the held-out batch (tests/citations/treaties/heldout.ts).
  it("reads an ExCom conclusion written 'No. 44 (XXXVII)' without the word Conclusion", () => {
    expect(keys("as the Executive Committee said in No. 44 (XXXVII) on detention")).toEqual([
      "unhcr-excom/44",
    ]);
    expect(
      keys(
        "Table of Contents 1. No. 1 (XXVI) Establishment (1975)....1 2. No. 2 (XXVII) Functioning",
      ),
    ).toEqual(["unhcr-excom/1", "unhcr-excom/2"]);
    expect(keys("Resolution No. 5 (IV) of the Assembly and Law No. 12 (XII)")).toEqual([]);
  });

  it("reads a paragraph written after a space, 'Article 33 (1)', 'Articles 33 (2) and 1 (F)'", () => {
    expect(keys("( Articles 33 (2) and 1 (F) of the 1951 Convention).")).toEqual([
      "treaty/refugee-convention-1951/art-33/2",
      "treaty/refugee-convention-1951/art-1/F",
    ]);
    expect(keys("Article 3 (CAT) of the American Convention")).not.toContain(
      "treaty/achr-1969/art-3/CAT",
    );
  });

  it("does not cite a defined name written without quotes", () => {
    expect(
      keys(
        "the above mentioned Article 33 (1) of the 1951 Convention relating to the Status of Refugees (1951 Convention), which states",
      ),
    ).toEqual(["treaty/refugee-convention-1951/art-33/1"]);
    expect(
      keys(
        "leer la Convención sobre el Estatuto de los Refugiados (en adelante, Convención de 1951) de manera",
      ),
    ).toEqual(["treaty/refugee-convention-1951"]);
  });

  it("names instruments whatever the case of their words, and the 1951 Convention's other Spanish titles", () => {
    expect(
      keys(
        "III. Convención sobre el estatuto de los refugiados de 1951, a) Cláusulas. V. Declaración de cartagena sobre refugiados. VI.",
      ),
    ).toEqual(["treaty/refugee-convention-1951", "softlaw/cartagena-declaration-1984"]);
    expect(
      keys(
        "las prescritas en la Convención relativa al Estatuto de Refugiado, que ha sido ratificada. La Convención de los refugiados de 1951 y",
      ),
    ).toEqual(["treaty/refugee-convention-1951", "treaty/refugee-convention-1951"]);
  });

  it("reads 'de la misma' and 'of that instrument' as the instrument just cited", () => {
    expect(
      keys(
        "establecido en el artículo 22.7 de la Convención Americana, leído en conjunto con los artículos 8 y 25 de la misma, garantiza",
      ),
    ).toEqual(["treaty/achr-1969/art-22/7", "treaty/achr-1969/art-8", "treaty/achr-1969/art-25"]);
    expect(
      keys("an obligation under the 1967 Protocol by virtue of Article I (1) of that instrument."),
    ).toEqual(["treaty/refugee-protocol-1967", "treaty/refugee-protocol-1967/art-1/1"]);
    expect(keys("los artículos 8 y 25 de la misma ley")).toEqual([]);
  });

  it("gives articles in parentheses the instrument named once after the last of them", () => {
    const text =
      "violaciones del derecho a la integridad (artículo 5.1), a las garantías judiciales (artículo 8), de la familia (artículos 17 y 19) y a la protección judicial (artículo 25) de la Convención Americana sobre Derechos Humanos.";
    expect(keys(text)).toEqual([
      "treaty/achr-1969/art-5/1",
      "treaty/achr-1969/art-8",
      "treaty/achr-1969/art-17",
      "treaty/achr-1969/art-19",
      "treaty/achr-1969/art-25",
    ]);
    expect(
      keys("la libertad (artículo 7) y otros (ver nota 3) de la Convención Americana"),
    ).toEqual(["treaty/achr-1969"]);
  });

  it("reads a list split by semicolons before its instrument as one list", () => {
    const text =
      "8 de la Declaración Universal de Derechos Humanos; 1, 3, 6 numero 1; 9 numero 1; 27 y 26 del Pacto Internacional de Derechos Civiles y Políticos; y";
    expect(keys(text)).toEqual([
      "softlaw/udhr-1948",
      "treaty/iccpr-1966/art-1",
      "treaty/iccpr-1966/art-3",
      "treaty/iccpr-1966/art-6/1",
      "treaty/iccpr-1966/art-9/1",
      "treaty/iccpr-1966/art-27",
      "treaty/iccpr-1966/art-26",
    ]);
  });
});
