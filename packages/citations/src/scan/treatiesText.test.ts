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
});
