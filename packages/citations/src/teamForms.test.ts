import { describe, expect, it } from "vitest";
import { extractCitations, type TeamForm } from "./index.ts";

const forms: TeamForm[] = [
  {
    form: "A.B. Decl.",
    key: "local/filing/ab-decl",
    canonical: "Declaration of A.B. (Mar. 3, 2019)",
    urls: ["https://example.org/ab.pdf"],
  },
  { form: "Compl.", key: "local/filing/complaint" },
  { form: "Compl. Ex.", key: "local/exhibit/complaint-exhibits" },
];

describe("team citation forms", () => {
  it("finds each form with its pinpoint, keyed to the team's authority", () => {
    const found = extractCitations(
      "See A.B. Decl. ¶ 12; Compl. ¶¶ 3–5; Compl. Ex. 2, and 8 U.S.C. § 1225(b)(2)(C).",
      { forms },
    );
    expect(found.map((c) => [c.kind, c.key, c.text, c.pinpoint ?? null])).toEqual([
      ["team", "local/filing/ab-decl", "A.B. Decl. ¶ 12", "¶ 12"],
      ["team", "local/filing/complaint", "Compl. ¶¶ 3–5", "¶¶ 3–5"],
      ["team", "local/exhibit/complaint-exhibits", "Compl. Ex.", null],
      ["usc", "usc/8/1225/b/2/C", "8 U.S.C. § 1225(b)(2)(C)", null],
    ]);
    expect(found[0]).toMatchObject({
      canonical: "Declaration of A.B. (Mar. 3, 2019)",
      urls: ["https://example.org/ab.pdf"],
      start: 4,
    });
    expect(found[1]!.canonical).toBe("Compl.");
  });

  it("matches whole words only, leaves the engine's citations alone, and ignores bad forms", () => {
    expect(extractCitations("XCompl. and Compl.s", { forms })).toEqual([]);
    const engine = [{ form: "INA §", key: "local/other/x" }];
    expect(extractCitations("INA § 235(b)", { forms: engine }).map((c) => c.kind)).toEqual(["ina"]);
    const bad = [
      { form: "", key: "a/b" },
      { form: "x".repeat(81), key: "a/b" },
    ] as TeamForm[];
    expect(extractCitations("text", { forms: bad })).toEqual([]);
    // Without forms nothing changes.
    expect(extractCitations("Compl. ¶ 3")).toEqual([]);
  });
});
