import { type Catalog, type SearchTier, linkKey as sharedLinkKey } from "@glossa/sources";
import { describe, expect, it } from "vitest";
import {
  authorityKeyOf,
  catalog,
  describeLink,
  linkKey,
  mergeResults,
  openLocal,
  searchLocal,
  splitCitationKey,
  suggestionsFor,
} from "./directory.ts";

/// The rule the server's table of authorities applies (`linkKey` of
/// `@glossa/sources`, which `apps/server/src/sources/documentSources.ts` wraps).
const serverLinkKey = (c: Catalog, link: { key: string; pinpoint: string | null }) =>
  sharedLinkKey(c, link.key, link.pinpoint);

describe("sources in the browser", () => {
  it("narrows a link by its pinpoint exactly as the server's table of authorities does", () => {
    const cases: [string, string | null][] = [
      ["treaty/refugee-convention-1951/art-33", "1"],
      ["treaty/refugee-convention-1951/art-33", "(1)"],
      ["usc/8/1225", "(b)(2)(C)"],
      ["usc/8/1225", "1225(b)(2)(C)"],
      ["ina/235", "(b)(2)(C)"],
      ["usc/8/1231", "(b)(3)"],
      ["treaty/achr-1969", "art. 22(8)"],
      ["treaty/achr-1969/art-22", "art. 5"],
      ["mx/LRPCAP/art-6", "fr. V"],
      ["softlaw/cartagena-declaration-1984", "concl. III(3)"],
      ["case/509/U.S./155", "187"],
      ["usc/8/1225", null],
      ["id->usc/8/1225", "(b)"],
    ];
    for (const [key, pinpoint] of cases)
      expect(linkKey(key, pinpoint), `${key} ${pinpoint}`).toBe(
        serverLinkKey(catalog, { key, pinpoint }),
      );
  });

  it("splits a citation's key into the authority and a pinpoint a person reads", () => {
    expect(splitCitationKey("ina/235/b/2/C", undefined)).toEqual({
      key: "ina/235",
      pinpoint: "(b)(2)(C)",
    });
    expect(splitCitationKey("usc/8/1225/b/2/C", undefined)).toEqual({
      key: "usc/8/1225",
      pinpoint: "(b)(2)(C)",
    });
    expect(splitCitationKey("case/999/F.4th/1", "5")).toEqual({
      key: "case/999/F.4th/1",
      pinpoint: "5",
    });
  });

  it("describes links with their citation at the pinpoint", () => {
    const ina = describeLink("ina/235", "(b)(2)(C)");
    expect(ina.canonical).toBe("8 U.S.C. § 1225(b)(2)(C)");
    expect(ina.ina).toBe("INA § 235(b)(2)(C)");
    expect(ina.authorityKey).toBe("usc/8/1225");
    expect(describeLink("treaty/refugee-convention-1951/art-33", "(1)").canonical).toMatch(
      /^Convention Relating to the Status of Refugees art\. 33\(1\),/,
    );
    const unknown = describeLink("case/999/F.4th/1", null);
    expect(unknown.known).toBe(false);
    expect(unknown.canonical).toContain("999 F.4th 1");
    expect(authorityKeyOf("ina/235/b/2/C")).toBe("usc/8/1225");
    expect(authorityKeyOf("usc/8/1225", "(b)(2)(C)")).toBe("usc/8/1225");
  });

  it("offers a claim's sources: non-refoulement → Refugee Convention art. 33, CAT art. 3, INA § 241(b)(3)", () => {
    const s = suggestionsFor("non-refoulement");
    expect(s[0]).toMatchObject({
      key: "treaty/refugee-convention-1951/art-33",
      pinpoint: "(1)",
      relation: "supports",
    });
    const keys = s.map((o) => o.key);
    expect(keys.slice(0, 3)).toContain("treaty/cat-1984/art-3");
    const withholding = s.find((o) => o.key === "usc/8/1231");
    expect(withholding?.canonical).toBe("8 U.S.C. § 1231(b)(3)");
    expect(withholding?.pinpoint).toBe("(b)(3)");
  });

  it("searches by citation with the pinpoint, ready to link", () => {
    const [hit] = searchLocal("INA 235(b)(2)(C)");
    expect(hit).toMatchObject({ key: "usc/8/1225", pinpoint: "(b)(2)(C)" });
    expect(hit!.canonical).toBe("8 U.S.C. § 1225(b)(2)(C)");
  });

  it("opens § 1225 at (b)(2)(C) from the built-in catalog when the server is out of reach", () => {
    const v = openLocal("ina/235", "(b)(2)(C)")!;
    expect(v.resolution.canonical).toBe("8 U.S.C. § 1225(b)(2)(C)");
    expect(v.text!.slice(v.location!.start, v.location!.end)).toMatch(
      /^\(C\) Treatment of aliens arriving from contiguous territory/,
    );
  });
});

describe("merging the browser's and the server's search results", () => {
  const opt = (key: string, tier: SearchTier, origin: "builtin" | "team" = "builtin") => ({
    key,
    pinpoint: "",
    canonical: key,
    title: key,
    why: "",
    relation: "supports" as const,
    origin,
    tier,
  });

  it("puts a team authority whose citation is the query before built-in word matches", () => {
    const local = [opt("usc/8/1158", "words"), opt("usc/8/1225", "words")];
    const server = [opt("stat/94/102", "citation", "team"), opt("usc/8/1158", "words")];
    expect(mergeResults(local, server).map((o) => o.key)).toEqual([
      "stat/94/102",
      "usc/8/1158",
      "usc/8/1225",
    ]);
  });

  it("keeps the browser's order within a tier, the server's extra hits after", () => {
    const local = [opt("a", "name"), opt("b", "words")];
    const server = [opt("c", "words", "team"), opt("a", "name")];
    expect(mergeResults(local, server).map((o) => o.key)).toEqual(["a", "b", "c"]);
  });
});
