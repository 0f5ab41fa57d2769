/// Builds the Federal Register items (`fedreg-*.jsonl`, SOURCES.md "Federal
/// Register documents"): for each `texts/fedreg/NAME.txt` (a passage of a
/// published Federal Register document, as served by the page its label file
/// names) and `labels/fedreg/NAME.txt` (labels written by hand, one
/// `EXACT TEXT | KEY` a line, in reading order, the first comment line the
/// document and a `# source: URL` line the page), writes
/// `fedreg-NAME.jsonl` with one item; a `# options: {…}` line gives the
/// document's settings (`ExtractOptions`, e.g. `defaultAct`). The text is cleaned and the labels placed
/// as for the court opinions (`clean` and `place` of fromOpinion.ts).
/// Usage: tsx tests/citations/corpus/fromFedreg.ts   (rebuilds every file)
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { clean, place, SCORED } from "./fromOpinion.ts";

const dir = fileURLToPath(new URL("./", import.meta.url));

export function build(name: string): string {
  const labelFile = readFileSync(`${dir}labels/fedreg/${name}.txt`, "utf8");
  const comments = labelFile.split("\n").filter((l) => l.startsWith("#"));
  const title = (comments[0] ?? "").replace(/^#\s*/, "").replace(/\. Labels by hand.*$/, "");
  const url = (comments.find((l) => l.startsWith("# source:")) ?? "")
    .replace("# source:", "")
    .trim();
  if (!title || !url)
    throw new Error(`${name}: label file needs a title line and a "# source:" line`);
  // "# options: {…} (why)": what an editor sets for the document (ExtractOptions).
  const opts = comments.find((l) => l.startsWith("# options:"));
  const options = opts ? JSON.parse(/\{.*?\}/.exec(opts)![0]) : {};
  const text = clean(readFileSync(`${dir}texts/fedreg/${name}.txt`, "utf8"));
  const expected = place(text, labelFile);
  const source = `${title}, Federal Register text (public domain), as served by ${url}`;
  return `${JSON.stringify({ source, text, expected, options: { kinds: SCORED, ...options } })}\n`;
}

if (process.argv.length === 2) {
  for (const f of readdirSync(`${dir}labels/fedreg`).filter((n) => n.endsWith(".txt"))) {
    const name = f.slice(0, -4);
    writeFileSync(`${dir}fedreg-${name}.jsonl`, build(name));
  }
}
