import { describe, expect, it } from "vitest";
import { cleanTitle, purgeTime } from "./library.ts";
import { foldForSearch, likeAnywhere } from "./storage/Store.ts";

describe("search folding and titles", () => {
  it("folds case and accents one character for one character", () => {
    const samples = [
      "Ms. RODRÍGUEZ fled Tapachula",
      "Ñuñoa, São Paulo, Zürich, İstanbul, ß, ﬁ ligature",
      "emoji 🙂 and 𝐁old math, tab\tand\nnewline",
    ];
    for (const s of samples) expect(foldForSearch(s)).toHaveLength(s.length);
    expect(foldForSearch(samples[0]!)).toBe("ms. rodriguez fled tapachula");
    expect(foldForSearch("Ñuñoa São Zürich")).toBe("nunoa sao zurich");
  });

  it("escapes LIKE wildcards", () => {
    expect(likeAnywhere("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });

  it("cleans titles: control characters out, spaces collapsed, 300 characters at most", () => {
    expect(cleanTitle("  Memo\non\u0000 parole  ")).toBe("Memo on parole");
    expect(cleanTitle("\u2028\t")).toBeNull();
    expect(cleanTitle("x".repeat(301))).toBeNull();
    expect(cleanTitle(42)).toBeNull();
  });

  it("purges 30 days after deletion", () => {
    expect(purgeTime("2026-12-04T10:00:00.000Z")).toBe("2027-01-03T10:00:00.000Z");
  });
});
