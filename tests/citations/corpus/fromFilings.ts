/// Builds the immigration filings, practice texts and letters items
/// (`filings-*.jsonl`, SOURCES.md "Immigration filings, practice texts and
/// letters"): for each `texts/filings/NAME.txt` (passages of a brief, manual,
/// comment letter or practice text, as served by the page its label file
/// names; for copyrighted texts only the sentences holding citations) and
/// `labels/filings/NAME.txt` (labels written by hand, one `EXACT TEXT | KEY` a
/// line, in reading order; the first comment line the document, a
/// `# source: URL` line the page or pages, an optional `# options: {…}` line
/// the document's settings), writes `filings-NAME.jsonl` with one item. Text
/// cleaned and labels placed as for the court opinions (fromOpinion.ts).
/// Usage: tsx tests/citations/corpus/fromFilings.ts   (rebuilds every file)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { clean, place, SCORED } from "./fromOpinion.ts";

const dir = fileURLToPath(new URL("./", import.meta.url));

export function build(name: string): string {
  const labelFile = readFileSync(`${dir}labels/filings/${name}.txt`, "utf8");
  const comments = labelFile.split("\n").filter((l) => l.startsWith("#"));
  const title = (comments[0] ?? "").replace(/^#\s*/, "").replace(/\. Labels by hand.*$/, "");
  const url = (comments.find((l) => l.startsWith("# source:")) ?? "")
    .replace("# source:", "")
    .trim();
  if (!title || !url)
    throw new Error(`${name}: label file needs a title line and a "# source:" line`);
  const opts = comments.find((l) => l.startsWith("# options:"));
  const options = opts ? JSON.parse(/\{.*?\}/.exec(opts)![0]) : {};
  const text = clean(readFileSync(`${dir}texts/filings/${name}.txt`, "utf8"));
  const expected = place(text, labelFile);
  const source = `${title}, as served by ${url}`;
  return `${JSON.stringify({ source, text, expected, options: { kinds: SCORED, ...options } })}\n`;
}

if (process.argv.length === 2) {
  for (const f of readdirSync(`${dir}labels/filings`).filter((n) => n.endsWith(".txt"))) {
    const name = f.slice(0, -4);
    writeFileSync(`${dir}filings-${name}.jsonl`, build(name));
  }
}
