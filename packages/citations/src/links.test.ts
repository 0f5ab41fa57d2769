import { describe, expect, it } from "vitest";
import { extractCitations, urlsForKey } from "./index.ts";

/// The link service's documented link-type values for the CFR query
/// (usgpo/link-service README, "Code of Federal Regulations").
const CFR_LINK_TYPES = ["pdf", "xml", "mods", "premis", "details", "context", "related"];

describe("links (issue 13)", () => {
  it("LII's own form for every amendment: I–X by name, XI–XXVII as amendmentxiv", () => {
    const lii = (n: number) => urlsForKey(`usconst/amendment-${n}`)[1];
    expect(lii(1)).toBe("https://www.law.cornell.edu/constitution/first_amendment");
    expect(lii(5)).toBe("https://www.law.cornell.edu/constitution/fifth_amendment");
    expect(lii(10)).toBe("https://www.law.cornell.edu/constitution/tenth_amendment");
    expect(lii(11)).toBe("https://www.law.cornell.edu/constitution/amendmentxi");
    expect(lii(14)).toBe("https://www.law.cornell.edu/constitution/amendmentxiv");
    expect(lii(19)).toBe("https://www.law.cornell.edu/constitution/amendmentxix");
    expect(lii(21)).toBe("https://www.law.cornell.edu/constitution/amendmentxxi");
    expect(lii(27)).toBe("https://www.law.cornell.edu/constitution/amendmentxxvii");
    expect(extractCitations("U.S. Const. amend. XIV, § 1")[0]!.urls).toEqual([
      "https://constitution.congress.gov/browse/amendment-14/",
      "https://www.law.cornell.edu/constitution/amendmentxiv",
    ]);
  });

  it("govinfo C.F.R. links use only documented link-types", () => {
    expect(urlsForKey("cfr/8/208.16/c")).toEqual([
      "https://www.ecfr.gov/current/title-8/section-208.16#p-208.16(c)",
      "https://www.govinfo.gov/link/cfr/8/208?sectionnum=16&year=mostrecent&link-type=pdf",
      "https://www.law.cornell.edu/cfr/text/8/208.16",
    ]);
    expect(urlsForKey("cfr/8/208")).toContain(
      "https://www.govinfo.gov/link/cfr/8/208?year=mostrecent&link-type=pdf",
    );
    for (const key of ["cfr/8/208.16", "cfr/8/1208.18/a/1", "cfr/26/1.469-5T", "cfr/8/208"]) {
      for (const url of urlsForKey(key).filter((u) => u.includes("govinfo.gov/link/cfr/"))) {
        const type = new URL(url).searchParams.get("link-type");
        expect(type === null || CFR_LINK_TYPES.includes(type), url).toBe(true);
      }
    }
  });

  it("public laws before the 104th Congress link the Statutes at Large, later ones PLAW", () => {
    expect(urlsForKey("pl/96/212")).toEqual(["https://www.govinfo.gov/link/statute/96/public/212"]);
    expect(urlsForKey("pl/82/414/101")).toEqual([
      "https://www.govinfo.gov/link/statute/82/public/414",
    ]);
    expect(urlsForKey("pl/103/322")).toEqual([
      "https://www.govinfo.gov/link/statute/103/public/322",
    ]);
    expect(urlsForKey("pl/104/208/302/a")).toEqual([
      "https://www.govinfo.gov/link/plaw/104/public/208",
    ]);
    expect(extractCitations("Refugee Act of 1980, Pub. L. No. 96-212")[0]!.urls).toEqual([
      "https://www.govinfo.gov/link/statute/96/public/212",
    ]);
  });
});
