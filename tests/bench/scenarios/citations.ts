/// Citation extraction throughput: MB/s of legal text on one core, against
/// eyecite's published ≈ 10 MB/s (Hyperscan tokenizer), plus pathological
/// inputs that would expose super-linear behaviour.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractCitations } from "@glossa/citations";
import type { Scenario } from "../scenario.ts";

const root = new URL("../../../", import.meta.url);
const corpusDir = fileURLToPath(new URL("packages/citations/corpus/", root));
const letter = readFileSync(
  fileURLToPath(new URL("packages/schema/samples/remain-in-mexico-letter-2018-12-21.txt", root)),
  "utf8",
);

const corpusTexts = (): string[] =>
  readdirSync(corpusDir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((f) =>
      readFileSync(corpusDir + f, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );

const repeatTo = (parts: string[], bytes: number): string => {
  const unit = parts.join("\n\n");
  const out: string[] = [];
  let n = 0;
  while (n < bytes) {
    out.push(unit);
    n += Buffer.byteLength(unit);
  }
  return out.join("\n\n");
};

/// Best of `runs` timings (ms) of one extraction over `text`.
const measure = (text: string, runs: number): { ms: number; cites: number } => {
  let best = Number.POSITIVE_INFINITY;
  let cites = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    cites = extractCitations(text).length;
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, cites };
};

const mbps = (text: string, ms: number): string =>
  (Buffer.byteLength(text) / 1e6 / (ms / 1000)).toFixed(1);

const scenario: Scenario = {
  name: "Citation extraction (packages/citations)",
  async run(progress) {
    const rows: string[] = [];
    const texts = corpusTexts();
    const bodies: Array<[string, string]> = [
      ["Corpus snippets + letter (dense: ~1 citation / 100 B)", repeatTo([...texts, letter], 20e6)],
      ["Letter alone (sparse prose)", repeatTo([letter], 20e6)],
    ];
    for (const [name, body] of bodies) {
      progress(`${name}: ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB`);
      extractCitations(body.slice(0, 2e6)); // warm up the JIT
      const { ms, cites } = measure(body, 3);
      rows.push(
        `| ${name} | ${(Buffer.byteLength(body) / 1e6).toFixed(1)} | ${cites.toLocaleString("en")} | ${ms.toFixed(0)} | **${mbps(body, ms)}** |`,
      );
    }

    const patho: Array<[string, string]> = [
      ["`§` × N", "§"],
      ["`§ 1` × N", "§ 1"],
      ["digits", "1"],
      ["`(` × N", "("],
      ["`§1(a)(b)(c)(` × N", "§1(a)(b)(c)("],
      ["`1 U.S. ` × N (a case cite per token)", "1 U.S. "],
      ["`section ` × N", "section "],
      ["`Id. ` × N", "Id. "],
    ];
    const prow: string[] = [];
    for (const [name, unit] of patho) {
      progress(`pathological: ${name}`);
      const small = unit.repeat(Math.ceil(100_000 / unit.length));
      const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
      extractCitations(small);
      const a = measure(small, 3).ms;
      const b = measure(big, 3).ms;
      prow.push(
        `| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / Math.max(a, 0.01)).toFixed(1)}× | ${mbps(big, b)} |`,
      );
    }

    const markdown = `One core, \`extractCitations\` over the whole text, best of 3 runs. Baseline: eyecite ≈ 10 MB/s
(published estimate with the Hyperscan tokenizer, "depends on the density of citations"; JOSS 2021).
Goal ≥ 20 MB/s.

| Body | MB | citations | ms | MB/s |
|---|---:|---:|---:|---:|
${rows.join("\n")}

Pathological inputs (≈ 0.1 MB vs ≈ 1 MB; a linear pass gives ≈ 10×, a quadratic one ≈ 100×):

| Input | 0.1 MB (ms) | 1 MB (ms) | ratio | MB/s at 1 MB |
|---|---:|---:|---:|---:|
${prow.join("\n")}
`;
    return { markdown };
  },
};

export default scenario;
