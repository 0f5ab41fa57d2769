import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TRIGGER_FORMS } from "../extract.ts";
import { alternatives, byFirstChar, firstAtom, groupedTrigger } from "./trigger.ts";

const root = new URL("../../../../", import.meta.url);
const jsonl = (dir: string): string[] =>
  readdirSync(fileURLToPath(new URL(dir, root)))
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((f) =>
      readFileSync(fileURLToPath(new URL(dir + f, root)), "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );
const texts = [
  ...jsonl("packages/citations/corpus/"),
  ...jsonl("tests/citations/corpus/"),
  readFileSync(
    fileURLToPath(new URL("packages/schema/samples/remain-in-mexico-letter-2018-12-21.txt", root)),
    "utf8",
  ),
  // Every trigger word, and near misses, in and out of word boundaries.
  "No. 44 (XXXVII) Nº 3 (XL) N° 12(XL) No 4 parts 2 part 3 apart 3 Article 3 articles arts. Arts. " +
    "Artículo artículos Sec. secs. Sections section Id. id. Ibid. supra N.J.S.A. 2C N.J.S. 1 Pub. " +
    "P. L. P.L. Public Law PUBLIC LAW Const. CONST. Conclusion Conclusión T.C. Memo. T. C. Summary " +
    "Opinion Amendment Chapter chapter Convention Convención Protocolo Protocol Covenant Pacto " +
    "Declaration Declaración Constitución Constitution Political Ley Código Nacional Law on Refugees " +
    "Reglamento Refugee Torture American Universal Cartagena International Global New York Brazil " +
    "San José San Jose Mexican Mexico UN U.N. United Nations CAT ICCPR PIDCP ACHR CADH CPEUM LRPCAP " +
    "LSRPCAP LM LGP LGDNNA UDHR DUDH INA Immigration and Nationality Act xINA 12 U.S.C. a12 B " +
    "§ 3 §§ 4 -5 Z 1.2 A 123456 B",
];

/// Every place a match of `source` begins, and its length. Where a match
/// begins does not depend on where the search began, so two patterns with the
/// same list find the same trigger from any place.
function matchStarts(source: string, text: string): number[] {
  const re = new RegExp(source, "g");
  const out: number[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m.index, m[0].length);
    re.lastIndex = m.index + 1;
  }
  return out;
}

describe("the trigger pattern grouped by first character", () => {
  it("splits alternatives at the top level only", () => {
    expect(alternatives(String.raw`a|(b|c)|[|]d|\|e`)).toEqual([
      "a",
      "(b|c)",
      "[|]d",
      String.raw`\|e`,
    ]);
  });

  it("reads a first character or class, and refuses anything else", () => {
    expect(firstAtom("[Ss]ections?")).toEqual({ chars: ["S", "s"], rest: "ections?" });
    expect(firstAtom("UN")).toEqual({ chars: ["U"], rest: "N" });
    expect(firstAtom("s?ection")).toBeNull();
    expect(firstAtom("(?:No|N)")).toBeNull();
    expect(firstAtom(String.raw`\d+`)).toBeNull();
    expect(firstAtom("[a-z]x")).toBeNull();
  });

  it("keeps the written order within a character and an ungroupable alternative in place", () => {
    expect(byFirstChar(["Art", "[Aa]rts?", "Ley", "(?:x)y", "Lm", "Law"])).toBe(
      "A(?:rt|rts?)|arts?|Ley|(?:x)y|L(?:m|aw)",
    );
    expect(groupedTrigger(String.raw`\d+|\bab|\b(?:ac|bd|ae)|x`)).toBe(
      String.raw`\d+|\b(?:a(?:b|c|e)|bd)|x`,
    );
  });

  it("tries one alternative per first character among the trigger words", () => {
    const words = alternatives(TRIGGER_FORMS.scan).find((a) => a.startsWith("\\b"))!;
    const firsts = alternatives(words.slice(5, -1))
      .map((a) => firstAtom(a)?.chars.join(""))
      .filter((c) => c !== undefined);
    expect(firsts.length).toBeGreaterThan(15);
    expect(new Set(firsts).size).toBe(firsts.length);
    // The written pattern tries every word in turn.
    expect(TRIGGER_FORMS.written.split("|").length).toBeGreaterThan(firsts.length * 2);
  });

  it("finds the same trigger as the written pattern from any place in the corpora", () => {
    let found = 0;
    for (const text of texts) {
      const written = matchStarts(TRIGGER_FORMS.written, text);
      expect(matchStarts(TRIGGER_FORMS.scan, text)).toEqual(written);
      found += written.length / 2;
    }
    expect(found).toBeGreaterThan(5_000);
  });
});
