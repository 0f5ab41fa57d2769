/// Builds one labelled corpus item from the plain text of a court opinion
/// (public domain) and a label file written by hand (SOURCES.md, "Opinions").
/// The text is cleaned by fixed rules — slip-opinion running heads
/// ("Cite as: 570 U. S. ____ (2013)", a BIA decision's "Cite as 28 I&N Dec. 437 (BIA
/// 2022) Interim Decision #4035") dropped, words hyphenated at a line end
/// joined, a replacement character (U+FFFD) read as the "§" it replaced,
/// every run of whitespace one space — and each label line
///   EXACT TEXT | KEY
/// is placed at the first occurrence of its text after the previous label
/// (labels are listed in reading order). A label whose text is not found stops
/// the build. Usage:
///   tsx tests/citations/corpus/fromOpinion.ts TEXT.txt LABELS.txt "source note" [uscTitle] > out.jsonl
///   tsx tests/citations/corpus/fromOpinion.ts --clean TEXT.txt   (the cleaned text, to label)
import { readFileSync } from "node:fs";

export function clean(raw: string): string {
  return (
    raw
      .replace(/\r/g, "")
      // The Board of Veterans' Appeals file has lost its "§" to U+FFFD (each of its
      // 29 replacement characters stands before a section number of 38 U.S.C./C.F.R.).
      .replace(/\uFFFD/g, "§")
      .replace(/\f/g, "\n")
      .split("\n")
      .filter((l) => !/^\s*(?:\d+\s+)?Cite as:? .*$/.test(l))
      .join("\n")
      .replace(/([a-z])[-\u00ad]\s*\n\s*([a-z])/g, "$1$2")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/// Every kind but `id`, `supra` and `team`.
export const SCORED = [
  "usc",
  "usc_chapter",
  "ina",
  "cfr",
  "stat",
  "public_law",
  "fed_reg",
  "us_const",
  "case_full",
  "case_short",
  "journal",
  "state_statute",
  "treaty",
  "mx_const",
  "mx_statute",
  "soft_law",
];

interface Label {
  text: string;
  at: number;
  key: string;
}

export function place(text: string, labelFile: string): Label[] {
  const out: Label[] = [];
  let from = 0;
  for (const line of labelFile.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const bar = line.lastIndexOf(" | ");
    if (bar < 0) throw new Error(`no " | " in label line: ${line}`);
    const t = line.slice(0, bar).trim();
    const key = line.slice(bar + 3).trim();
    const at = text.indexOf(t, from);
    if (at < 0) throw new Error(`label text not found after offset ${from}: ${t}`);
    out.push({ text: t, at, key });
    from = at + 1;
  }
  return out;
}

const args = process.argv.slice(2);
if (args[0] === "--clean") {
  process.stdout.write(`${clean(readFileSync(args[1]!, "utf8"))}\n`);
} else if (args.length >= 3) {
  const [textFile, labelFile, source, uscTitle] = args as [string, string, string, string?];
  const text = clean(readFileSync(textFile, "utf8"));
  const expected = place(text, readFileSync(labelFile, "utf8"));
  // Id. and supra are not labelled (SOURCES.md): the engine's are left out of the score.
  const options = { kinds: SCORED, ...(uscTitle ? { uscTitle: Number(uscTitle) } : {}) };
  process.stdout.write(`${JSON.stringify({ source, text, expected, options })}\n`);
}
