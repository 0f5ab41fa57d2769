import { describe, expect, it } from "vitest";
import { Catalog, locatePinpoint, parsePinpoint, renderText } from "./index.ts";

const catalog = new Catalog();
const get = (k: string) => catalog.get(k)!;
const C_TEXT =
  "In the case of an alien described in subparagraph (A) who is arriving on land (whether or not at a designated port of arrival) from a foreign territory contiguous to the United States, the Attorney General may return the alien to that territory pending a proceeding under section 1229a of this title.";

describe("locatePinpoint", () => {
  const s1225 = get("usc/8/1225");
  const { text } = renderText(s1225.text!);

  it("finds 8 U.S.C. § 1225(b)(2)(C) within § 1225, in every pinpoint form", () => {
    for (const pin of [
      "(b)(2)(C)",
      "b/2/C",
      "b_2_C",
      "1225(b)(2)(C)",
      "§ 1225(b)(2)(C)",
      ["b", "2", "C"],
    ]) {
      const loc = locatePinpoint(s1225, pin)!;
      expect(loc, String(pin)).toMatchObject({ exact: true, found: ["b", "2", "C"] });
      expect(text.slice(loc.start, loc.end)).toBe(
        `(C) Treatment of aliens arriving from contiguous territory\n${C_TEXT}`,
      );
    }
  });

  it("covers a subsection with its descendants, and excludes its siblings", () => {
    const b2 = locatePinpoint(s1225, "(b)(2)")!;
    expect(b2.text.startsWith("(2) Inspection of other aliens\n(A) In general")).toBe(true);
    expect(b2.text.endsWith("section 1229a of this title.")).toBe(true);
    expect(b2.text).toContain("(iii) who is a stowaway.");
    expect(b2.text).not.toContain("Challenge of decision");
    const b2B = locatePinpoint(s1225, "(b)(2)(B)")!;
    expect(b2B.text).toBe(
      "(B) Exception\nSubparagraph (A) shall not apply to an alien—\n(i) who is a crewman,\n(ii) to whom paragraph (1) applies, or\n(iii) who is a stowaway.",
    );
  });

  it("tells apart (b)(2)(C) and (b)(2)(c) only when both could exist, and falls back to the ancestor", () => {
    expect(locatePinpoint(s1225, "(b)(2)(c)")?.found).toEqual(["b", "2", "C"]);
    const partial = locatePinpoint(s1225, "(b)(2)(Z)")!;
    expect(partial).toMatchObject({ exact: false, found: ["b", "2"] });
    expect(locatePinpoint(s1225, "(q)")).toBeNull();
    expect(locatePinpoint(get("usc/8/1226"), "(a)")).toBeNull();
  });

  it("covers the whole text for an empty pinpoint", () => {
    expect(locatePinpoint(s1225, "")).toMatchObject({ start: 0, end: text.length, exact: true });
  });

  it("finds treaty paragraphs, Mexican paragraphs and fracciones, and declaration conclusions", () => {
    expect(
      locatePinpoint(get("treaty/refugee-convention-1951/art-33"), "art. 33(1)")!.text,
    ).toMatch(/^1\. No Contracting State shall expel or return \(“refouler”\) a refugee/);
    expect(locatePinpoint(get("treaty/achr-1969/art-22"), "22(8)")!.text).toMatch(
      /^8\. In no case may an alien be deported/,
    );
    expect(locatePinpoint(get("treaty/achr-1969/art-22"), "para. 7")!.text).toMatch(
      /^7\. Every person has the right to seek/,
    );
    expect(locatePinpoint(get("mx/CPEUM/art-11"), "párrafo segundo")!.text).toMatch(
      /Toda persona tiene derecho a buscar y recibir asilo/,
    );
    expect(locatePinpoint(get("mx/CPEUM/art-11"), "parr-2")!.exact).toBe(true);
    // Fracción V as the Cámara de Diputados prints it, run-in heading in capitals (issue 17).
    expect(locatePinpoint(get("mx/LMigra/art-52"), "fr. V")!.text).toMatch(
      /^V\. VISITANTE POR RAZONES HUMANITARIAS\. Se autorizará[\s\S]*\nc\) Ser solicitante de asilo político/,
    );
    expect(
      locatePinpoint(get("softlaw/cartagena-declaration-1984"), "concl. III(3)")!.text,
    ).toMatch(/generalized violence/);
    expect(locatePinpoint(get("softlaw/cartagena-declaration-1984"), "III/5")!.text).toMatch(
      /jus cogens\.$/,
    );
  });

  it("works from a resolved key", () => {
    const r = catalog.resolve("ina/235/b/2/C")!;
    expect(locatePinpoint(r.authority, r.pinpoint)!.text.endsWith(C_TEXT)).toBe(true);
  });
});

describe("parsePinpoint", () => {
  it.each([
    ["(b)(2)(C)", { path: ["b", "2", "C"] }],
    ["1225(b)(2)(C)", { path: ["b", "2", "C"], section: "1225" }],
    ["art. 22(8)", { path: ["8"], article: "22" }],
    ["artículo 52, fracción V", { path: ["fr-V"], article: "52" }],
    ["art-33/1", { path: ["1"], article: "33" }],
    ["párr. 2", { path: ["parr-2"] }],
    ["para. 2", { path: ["para-2"] }],
    ["concl. III(3)", { path: ["III", "3"] }],
    ["", { path: [] }],
  ])("%s", (input, expected) => {
    expect(parsePinpoint(input)).toEqual(expected);
  });
});
