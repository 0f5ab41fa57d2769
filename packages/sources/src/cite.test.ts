import { describe, expect, it } from "vitest";
import { builtinCatalog, Catalog, citeLink, linkKey, tableOfAuthorities } from "./index.ts";

const catalog = builtinCatalog();
const cite = (key: string, pinpoint: string | null) => citeLink(catalog, key, pinpoint).canonical;

/// The letter's authorities with the pinpoints people type in the app.
describe("citeLink: one pinpoint format for the app, the exports and the table of authorities", () => {
  it("prints codes with their subdivisions attached, never after a comma", () => {
    expect(cite("usc/8/1158", "(a)")).toBe("8 U.S.C. § 1158(a)");
    expect(cite("usc/8/1158", "1158(a)")).toBe("8 U.S.C. § 1158(a)");
    expect(cite("ina/235", "(b)(2)(C)")).toBe("8 U.S.C. § 1225(b)(2)(C)");
    expect(cite("usc/8/1231", "(b)(3)")).toBe("8 U.S.C. § 1231(b)(3)");
    expect(cite("cfr/8/208.16", "(c)")).toBe("8 C.F.R. § 208.16(c)");
    expect(citeLink(catalog, "ina/235", "(b)(2)(C)").ina).toBe("INA § 235(b)(2)(C)");
  });

  it("prints treaty paragraphs inside the article, before the date and the treaty series", () => {
    expect(cite("treaty/refugee-convention-1951/art-33", "1")).toBe(
      "Convention Relating to the Status of Refugees art. 33(1), July 28, 1951, 189 U.N.T.S. 150",
    );
    expect(cite("treaty/refugee-convention-1951/art-33", "(1)")).toBe(
      cite("treaty/refugee-convention-1951/art-33", "1"),
    );
    expect(cite("treaty/achr-1969", "art. 22(8)")).toBe(
      "American Convention on Human Rights art. 22(8), Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
    );
  });

  it("prints a fracción, a conclusion and a case's page as lawyers write them", () => {
    expect(cite("mx/LRPCAP/art-6", "fr. V")).toMatch(/ art\. 6, fr\. V, DOF /);
    expect(cite("softlaw/cartagena-declaration-1984", "concl. III(3)")).toMatch(
      /, concl\. III\(3\) \(Nov\. 22, 1984\)$/,
    );
    expect(cite("case/509/U.S./155", "187")).toBe(
      "Sale v. Haitian Centers Council, Inc., 509 U.S. 155, 187 (1993)",
    );
  });

  it("keeps the pinpoint of authorities the catalog lacks, and says they are unknown", () => {
    const unknown = citeLink(catalog, "case/999/F.4th/1", "5");
    expect(unknown).toMatchObject({ known: false, canonical: "999 F.4th 1, 5", title: null });
    expect(cite("usc/8/9999", "(a)")).toBe("8 U.S.C. § 9999(a)");
    expect(cite("local/exhibit/nothing-here", "p. 3")).toBe("local/exhibit/nothing-here p. 3");
    expect(cite("usconst/amendment-5", null)).toBe("U.S. Const. amend. V");
  });

  it("prints a team authority at its pinpoint like a built-in one", () => {
    const team = new Catalog();
    team.add({
      kind: "statute",
      key: "state/ca/pen/1473",
      title: "Habeas corpus",
      canonical: "Cal. Penal Code § 1473",
      jurisdiction: "us-ca",
      urls: [{ url: "https://example.org/1473", label: "California Legislature" }],
    });
    expect(citeLink(team, "state/ca/pen/1473", "(b)")).toMatchObject({
      canonical: "Cal. Penal Code § 1473(b)",
      known: true,
    });
  });

  it("is what the table of authorities lists for a link", () => {
    for (const [key, pinpoint] of [
      ["usc/8/1158", "(a)"],
      ["treaty/refugee-convention-1951/art-33", "1"],
      ["ina/235", "(b)(2)(C)"],
      ["mx/LRPCAP/art-6", "fr. V"],
    ] as const) {
      const toa = tableOfAuthorities([{ key: linkKey(catalog, key, pinpoint), paragraph: 1 }], {
        catalog,
      });
      expect(toa.groups[0]!.entries[0]!.label, `${key} ${pinpoint}`).toBe(cite(key, pinpoint));
    }
  });
});
