/// Treaty citations as headings, PDFs and reporters print them (issue 13, eighth
/// pass): capitals, words broken by a line-end hyphen or a star page, a space
/// lost, a source's wrong year, "the Convention" after only the Protocol.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";

const keys = (text: string): string[] => extractCitations(text).map((c) => c.key);
const RC = "treaty/refugee-convention-1951";
const RP = "treaty/refugee-protocol-1967";
const CAT = "treaty/cat-1984";
const ACHR = "treaty/achr-1969";

describe("headings in capitals", () => {
  it("reads article words, connectors and names in capitals", () => {
    expect(keys("ARTICLE 33 OF THE 1951 CONVENTION RELATING TO THE STATUS OF REFUGEES")).toEqual([
      `${RC}/art-33`,
    ]);
    expect(keys("II. ARTICLE 3 OF THE CONVENTION AGAINST TORTURE")).toEqual([`${CAT}/art-3`]);
    expect(keys("ARTÍCULOS 22.7 Y 22.8 DE LA CONVENCIÓN AMERICANA")).toEqual([
      `${ACHR}/art-22/7`,
      `${ACHR}/art-22/8`,
    ]);
    expect(keys("ARTICLES 2 TO 4 OF THE REFUGEE CONVENTION")).toEqual([
      `${RC}/art-2`,
      `${RC}/art-4`,
    ]);
  });

  it("reads instrument names alone in capitals", () => {
    expect(keys("CONVENCIÓN SOBRE EL ESTATUTO DE LOS REFUGIADOS")).toEqual([RC]);
    expect(keys("PROTECTION UNDER THE CONVENTION AGAINST TORTURE")).toEqual([CAT]);
    expect(keys("DECLARACIÓN UNIVERSAL DE DERECHOS HUMANOS")).toEqual(["softlaw/udhr-1948"]);
  });

  it("reads a related article and a list joined by Y in capitals", () => {
    expect(
      keys("LOS ARTÍCULOS 5 Y 8, EN RELACIÓN CON EL ARTÍCULO 1.1 DE LA CONVENCIÓN AMERICANA"),
    ).toEqual([`${ACHR}/art-5`, `${ACHR}/art-8`, `${ACHR}/art-1/1`]);
    expect(
      keys("EL ARTÍCULO 22.7 DE LA CONVENCIÓN AMERICANA Y XXVII DE LA DECLARACIÓN AMERICANA"),
    ).toEqual([`${ACHR}/art-22/7`, "softlaw/american-declaration-1948/art-27"]);
    // The same in lower case: the list after "y" belongs to the next instrument.
    expect(
      keys(
        "el artículo 22.7 de la Convención Americana y 14 de la Declaración Universal de Derechos Humanos",
      ),
    ).toEqual([`${ACHR}/art-22/7`, "softlaw/udhr-1948/art-14"]);
  });

  it("reads 'OF THE CONVENTION' as the convention named before", () => {
    expect(
      keys(
        "under the 1951 Convention relating to the Status of Refugees. ARTICLE 33 OF THE CONVENTION",
      ),
    ).toEqual([RC, `${RC}/art-33`]);
  });

  it("does not read capitals that name nothing it knows", () => {
    expect(keys("ARTÍCULO 5 DE LA LEY FEDERAL DEL TRABAJO")).toEqual([]);
    expect(keys("AMERICAN IMMIGRATION COUNCIL, INTERNATIONAL RESCUE COMMITTEE")).toEqual([]);
    expect(keys("ARTICLE 3 OF THE AGREEMENT")).toEqual([]);
    expect(keys("ARTICLE 3 OF THE CONVENTION")).toEqual([]);
  });
});

describe("names broken by line-end hyphens, star pages and line breaks", () => {
  it("mends a hyphen at a line end or before a collapsed space", () => {
    expect(keys("la Conven-\nción Americana sobre Derechos Humanos (CADH) establece")).toEqual([
      ACHR,
    ]);
    expect(keys("el artículo 8 de la Convención Ame-\nricana")).toEqual([`${ACHR}/art-8`]);
    expect(keys("protection under the Convention Against Tor- ture and")).toEqual([CAT]);
    expect(keys("el artículo 22.7 de la Con- vención Americana.")).toEqual([`${ACHR}/art-22/7`]);
  });

  it("mends a soft hyphen and a line break between words", () => {
    expect(keys("under the Conven\u00ADtion Against Torture")).toEqual([CAT]);
    expect(keys("under the Convention Against\nTorture, and")).toEqual([CAT]);
    expect(keys("Article 33 of the 1951 Convention\r\nrelating to the Status of Refugees")).toEqual(
      [`${RC}/art-33`],
    );
  });

  it("reads through a reporter's star page, with the series cite after a footnote call", () => {
    const cites = extractCitations(
      "incorporated in the United Nations Con*438vention Relating to the Status of Refugees,20 189 U.N.T.S. 150 (July 28, 1951).",
    );
    expect(cites.map((c) => [c.key, c.text])).toEqual([
      [RC, "United Nations Con*438vention Relating to the Status of Refugees,20 189 U.N.T.S. 150"],
    ]);
    expect(keys("her claim under the Convention *27Against Torture. See")).toEqual([CAT]);
  });

  it("mends nothing that is no instrument's name", () => {
    expect(keys("Con- gress passed the Refugee Act; the Pro- tocol officer")).toEqual([]);
    expect(keys("the Co- operation Convention *12Between States")).toEqual([]);
  });
});

describe("a space lost before or after an article", () => {
  it("reads 'DefinitionsArticle 1' and '22.7DE LA'", () => {
    const cites = extractCitations(
      "definitions. DefinitionsArticle 1 of the Convention relating to the Status of Refugees of 28 July 1951",
    );
    expect(cites.map((c) => [c.key, c.text])).toEqual([
      [`${RC}/art-1`, "Article 1 of the Convention relating to the Status of Refugees"],
    ]);
    expect(keys("CON LOS ARTÍCULOS 22.7DE LA CONVENCIÓN AMERICANA")).toEqual([`${ACHR}/art-22/7`]);
    expect(keys("el artículo 8de la Convención Americana")).toEqual([`${ACHR}/art-8`]);
  });
});

describe("a source's wrong year", () => {
  it("reads the full title of the Protocol or the Convention with any year", () => {
    expect(
      keys("Article 33 of the 1968 United Nations Protocol Relating to the Status of Refugees"),
    ).toEqual([`${RP}/art-33`]);
    expect(keys("the 1954 Convention relating to the Status of Refugees")).toEqual([RC]);
    expect(keys("el Protocolo de 1957 sobre el Estatuto de los Refugiados")).toEqual([RP]);
  });

  it("reads a protocol of any year joined to the 1951 Convention as its Protocol", () => {
    expect(keys("de la Convención de 1951 y el Protocolo de 1957, que")).toEqual([RC, RP]);
    expect(keys("the 1951 Convention and its 1968 Protocol")).toEqual([RC, RP]);
  });

  it("keeps other treaties and lone years apart", () => {
    expect(keys("the 1954 Convention relating to the Status of Stateless Persons")).toEqual([]);
    expect(keys("el Protocolo de 1957 sobre otra materia")).toEqual([]);
    expect(keys("the American Convention on Human Rights and its 1988 Protocol")).toEqual([ACHR]);
  });
});

describe("'the Convention' after only the 1967 Protocol", () => {
  it("is the 1951 Convention the Protocol completes", () => {
    const text =
      "conformance with the 1967 United Nations Protocol Relating to the Status of Refugees, 19 U.S.T. 6223, to which the United States acceded in 1968. The definition is virtually identical to the one prescribed by Article 1(2) of the Convention which defines";
    expect(keys(text)).toEqual([RP, `${RC}/art-1/2`]);
    expect(keys("el Protocolo de 1967. El artículo 33 de la Convención prohíbe")).toEqual([
      RP,
      `${RC}/art-33`,
    ]);
  });

  it("is still the convention named shortly before, when there is one", () => {
    const text =
      "protection under the Convention Against Torture and the 1967 Protocol. Article 3 of the Convention forbids";
    expect(keys(text)).toEqual([CAT, RP, `${CAT}/art-3`]);
  });
});

describe("the second held-out batch's two errors (tests/citations/treaties/heldout2.ts)", () => {
  it("reads a year before a name that holds none", () => {
    expect(
      keys("set out in Article 14 (1) of the 1948 Universal Declaration of Human Rights, is"),
    ).toEqual(["softlaw/udhr-1948/art-14/1"]);
    expect(keys("the 1969 American Convention on Human Rights")).toEqual([ACHR]);
  });

  it("keeps a defined name with spaces inside its parentheses no cite of its own", () => {
    const text =
      'el artículo 30 de la Convención Americana sobre Derechos Humanos ( en adelante " la Convención " o " la Convención Americana " ).';
    expect(keys(text)).toEqual([`${ACHR}/art-30`]);
  });
});
