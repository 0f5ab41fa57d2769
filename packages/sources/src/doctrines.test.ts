import { describe, expect, it } from "vitest";
import { builtinCatalog, DOCTRINES, matchDoctrines, suggestSources } from "./index.ts";

// Claims from the letter (packages/schema/samples/remain-in-mexico-letter-2018-12-21.txt).
const NON_REFOULEMENT =
  "…and to ensure individuals’ rights to family unity and to non-refoulement.";
const DUE_PROCESS =
  "it will make it more arduous for those with legitimate claims to succeed by erecting insurmountable barriers to due process, counsel, and the ability to present meaningful defenses to removal before U.S. courts.";
const VEHICLES =
  "offer protection to migrants and asylum seekers in Mexico through the vehicles of asylum, complementary protection, humanitarian visas, or otherwise";
const SECTION =
  "the United States’ immediate application of section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";

describe("suggestSources", () => {
  it("offers the leading sources of each doctrine a claim names", () => {
    const s = suggestSources(NON_REFOULEMENT);
    expect(s.doctrines.map((d) => d.doctrine.id).sort()).toEqual([
      "family-unity",
      "non-refoulement",
    ]);
    const keys = s.authorities.map((a) => a.key);
    expect(keys.slice(0, 2).sort()).toEqual([
      "treaty/iccpr-1966/art-23",
      "treaty/refugee-convention-1951/art-33",
    ]);
    expect(keys).toEqual(
      expect.arrayContaining(["treaty/cat-1984/art-3", "treaty/achr-1969/art-22", "usc/8/1231"]),
    );
    expect(s.authorities.find((a) => a.key === "usc/8/1231")).toMatchObject({
      relation: "codifies",
      pinpoint: "b/3",
      doctrine: "non-refoulement",
    });
  });

  it("reads due process and counsel", () => {
    const s = suggestSources(DUE_PROCESS);
    expect(s.doctrines[0]?.doctrine.id).toBe("due-process");
    expect(s.authorities[0]?.key).toBe("usconst/amendment-5");
    expect(s.authorities.map((a) => a.key)).toContain("usc/8/1362");
  });

  it("separates asylum, complementary protection and humanitarian visas", () => {
    const ids = suggestSources(VEHICLES).doctrines.map((d) => d.doctrine.id);
    expect(ids).toEqual(
      expect.arrayContaining(["asylum", "complementary-protection", "humanitarian-visas"]),
    );
    const keys = suggestSources(VEHICLES).authorities.map((a) => a.key);
    expect(keys).toEqual(
      expect.arrayContaining(["usc/8/1158", "mx/LRPCAP/art-28", "mx/LMigra/art-52"]),
    );
  });

  it("puts a cited provision first, with its pinpoint", () => {
    const s = suggestSources(SECTION);
    expect(s.authorities[0]).toMatchObject({ key: "usc/8/1225", pinpoint: "b/2/C" });
  });

  it("needs a name or several keywords before it suggests a doctrine", () => {
    expect(matchDoctrines("The weather was fine.", DOCTRINES)).toEqual([]);
    expect(
      matchDoctrines("they were returned and deported to face torture", DOCTRINES)[0]?.doctrine.id,
    ).toBe("non-refoulement");
    expect(builtinCatalog().suggest("nothing to see").authorities).toEqual([]);
  });
});
