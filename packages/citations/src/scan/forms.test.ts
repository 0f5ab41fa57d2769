/// Issue 13, third pass: the citation forms left after the second pass, one
/// block per family, each case a form found in published text.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";
import { canonicalForKey, formatKey, parseKey } from "../keys.ts";
import type { ExtractOptions } from "../types.ts";

const keys = (text: string, opts: ExtractOptions = {}) =>
  extractCitations(text, opts).map((c) => c.key);
const found = (text: string, opts: ExtractOptions = {}) =>
  extractCitations(text, opts).map((c) => [c.kind, c.key, c.text]);

describe("et seq. on the C.F.R.", () => {
  it("is a final /et-seq, as on the U.S. Code", () => {
    expect(found("See 8 C.F.R. § 208.1 et seq. for the procedure.")).toEqual([
      ["cfr", "cfr/8/208.1/et-seq", "8 C.F.R. § 208.1 et seq."],
    ]);
    expect(keys("(8 CFR 1003.1 et seq.; 42 U.S.C. § 1983 et seq.)")).toEqual([
      "cfr/8/1003.1/et-seq",
      "usc/42/1983/et-seq",
    ]);
    expect(keys("8 C.F.R. § 208.16(c). See also § 208.18 et seq.")).toEqual([
      "cfr/8/208.16/c",
      "cfr/8/208.18/et-seq",
    ]);
    expect(canonicalForKey("cfr/8/208.1/et-seq")).toBe("8 C.F.R. § 208.1 et seq.");
  });
});

describe("state codes numbered by chapter or title", () => {
  it("Massachusetts: the chapter is a level of the key, however it is spelled", () => {
    expect(found("a violation of Mass. Gen. Laws ch. 93A, § 9, and")).toEqual([
      ["state_statute", "state/Mass. Gen. Laws/93A/9", "Mass. Gen. Laws ch. 93A, § 9"],
    ]);
    expect(keys("under G. L. c. 93A, § 2 (a), and G.L. c. 151B, § 4(16)")).toEqual([
      "state/Mass. Gen. Laws/93A/2/a",
      "state/Mass. Gen. Laws/151B/4/16",
    ]);
    expect(keys("M.G.L. c. 258E, § 1; Mass. Gen. Laws Ann. ch. 209A, § 3")).toEqual([
      "state/Mass. Gen. Laws/258E/1",
      "state/Mass. Gen. Laws/209A/3",
    ]);
    expect(canonicalForKey("state/Mass. Gen. Laws/93A/9")).toBe("Mass. Gen. Laws ch. 93A, § 9");
  });
  it("a later bare § or Id. stays in the chapter", () => {
    expect(keys("Mass. Gen. Laws ch. 93A, § 9. Id. § 11.")).toEqual([
      "state/Mass. Gen. Laws/93A/9",
      "id->state/Mass. Gen. Laws/93A/11",
    ]);
  });
  it("titled codes: Vermont, Maine, Delaware, Oklahoma", () => {
    expect(
      keys(
        "Vt. Stat. Ann. tit. 13, § 1023; Me. Rev. Stat. Ann. tit. 17-A, § 207(1); Del. Code Ann. tit. 11, § 222; Okla. Stat. tit. 21, § 701.7",
      ),
    ).toEqual([
      "state/Vt. Stat. Ann./13/1023",
      "state/Me. Rev. Stat./17-A/207/1",
      "state/Del. Code Ann./11/222",
      "state/Okla. Stat./21/701.7",
    ]);
    expect(canonicalForKey("state/Vt. Stat. Ann./13/1023")).toBe("Vt. Stat. Ann. tit. 13, § 1023");
  });
  it("Illinois: chapter, act and section", () => {
    expect(
      found("the Consumer Fraud Act (815 ILCS 505/2) and 720 Ill. Comp. Stat. 5/12-3.05(a)(1)."),
    ).toEqual([
      ["state_statute", "state/Ill. Comp. Stat./815/505/2", "815 ILCS 505/2"],
      [
        "state_statute",
        "state/Ill. Comp. Stat./720/5/12-3.05/a/1",
        "720 Ill. Comp. Stat. 5/12-3.05(a)(1)",
      ],
    ]);
    expect(keys("(740 ILCS 14/1 et seq.)")).toEqual(["state/Ill. Comp. Stat./740/14/1/et-seq"]);
    expect(canonicalForKey("state/Ill. Comp. Stat./815/505/2")).toBe("815 Ill. Comp. Stat. 505/2");
  });
  it("keys round-trip through parseKey and formatKey", () => {
    for (const k of [
      "state/Mass. Gen. Laws/93A/2/a",
      "state/Ill. Comp. Stat./720/5/12-3.05/a/1",
      "state/Ill. Comp. Stat./740/14/1/et-seq",
      "state/Cal. Penal Code/187/et-seq",
      "cfr/8/208.1/et-seq",
    ])
      expect(formatKey(parseKey(k))).toBe(k);
    expect(parseKey("state/Mass. Gen. Laws/93A/9")).toMatchObject({ chapter: "93A", section: "9" });
    expect(() => parseKey("state/Mass. Gen. Laws/93A")).toThrow(RangeError);
  });
});
