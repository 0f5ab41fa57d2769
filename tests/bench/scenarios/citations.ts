/// Citation extraction throughput: MB/s of legal text on one core, against
/// eyecite's published ≈ 10 MB/s (Hyperscan tokenizer), plus pathological
/// inputs that would expose super-linear behaviour.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractCitations } from "@glossa/citations";
import { citationsPlugin } from "@glossa/editor";
import { EditorState } from "prosemirror-state";
import { denseStatutes, kinds, type PeerRow, versusPeer } from "../lib/citationPeer.ts";
import { letterDoc } from "../lib/letter.ts";
import { summary } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

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

/// The editor's citations plugin on the letter ×214 (~1 MB of text): the
/// first scan of the whole document, then one character typed into a
/// paragraph near the middle (only that block is re-scanned), median of 30.
function rescan(): { first: number; edit: number; scanned: number; chars: number } {
  const { doc } = letterDoc(214);
  let scanned = 0;
  const t0 = performance.now();
  let state = EditorState.create({ doc, plugins: [citationsPlugin({ onScan: () => scanned++ })] });
  const first = performance.now() - t0;
  let pos = 0;
  doc.forEach((node, offset, index) => {
    if (!pos && index >= doc.childCount / 2 && node.isTextblock && node.content.size > 0)
      pos = offset + 1;
  });
  const times: number[] = [];
  scanned = 0;
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    state = state.apply(state.tr.insertText("x", pos));
    times.push(performance.now() - t);
  }
  return { first, edit: summary(times).p50, scanned: scanned / 30, chars: doc.textContent.length };
}

/// The peer (`citation` 0.9.0) and Glossa on the same texts (smaller than
/// the large bodies above: the peer is slower): a table and figures.
function againstPeer(
  dense: string[],
  letter: string,
  quick: boolean,
  progress: (m: string) => void,
): { table: string; figures: Figure[] } {
  const peerBytes = quick ? 250_000 : 2e6;
  const peerBodies: Array<[string, string]> = [
    ["Dense statutes (U.S.C., C.F.R., Pub. L.)", denseStatutes(peerBytes)],
    ["Corpus snippets + letter", repeatTo(dense, peerBytes)],
    ["Letter alone (sparse prose)", repeatTo([letter], peerBytes)],
  ];
  const peers: Array<[string, PeerRow]> = [];
  for (const [name, body] of peerBodies) {
    progress(`against the peer: ${name}`);
    peers.push([name, versusPeer(body, quick ? 2 : 3)]);
  }
  const peerRows = peers.map(
    ([name, r]) =>
      `| ${name} | ${(r.bytes / 1e6).toFixed(2)} | ${Math.round(r.bytes / Math.max(1, r.glossaFound))} | **${r.glossaMbps.toFixed(2)}** | ${r.peerMbps.toFixed(2)} | ${(r.glossaMbps / r.peerMbps).toFixed(2)}× | ${r.glossaFound.toLocaleString("en-US")} (${kinds(r.glossaKinds)}) | ${r.peerFound.toLocaleString("en-US")} (${kinds(r.peerKinds)}) |`,
  );

  const vs = (i: number, metric: string, goal?: string): Figure => ({
    metric,
    unit: "MB/s",
    glossa: peers[i]![1].glossaMbps,
    peer: { name: "citation 0.9.0", value: peers[i]![1].peerMbps },
    goal,
  });
  return {
    table: `| Text | MB | bytes / citation (Glossa) | Glossa MB/s | peer MB/s | Glossa / peer | Glossa found | peer found |
|---|---:|---:|---:|---:|---:|---|---|
${peerRows.join("\n")}`,
    figures: [
      vs(0, "citations, dense statutes, vs the peer", "≥ the peer on the same text"),
      vs(1, "citations, corpus + letter, vs the peer", "≥ the peer on the same text"),
      vs(2, "citations, sparse text, vs the peer"),
    ],
  };
}

/// Pathological inputs: a unit repeated to ≈ 0.1 MB and ≈ 1 MB.
const PATHO: Array<[string, string]> = [
  ["`§` × N", "§"],
  ["`§ 1` × N", "§ 1"],
  ["digits", "1"],
  ["`(` × N", "("],
  ["`§1(a)(b)(c)(` × N", "§1(a)(b)(c)("],
  ["`1 U.S. ` × N (a case cite per token)", "1 U.S. "],
  ["`section ` × N", "section "],
  ["`Id. ` × N", "Id. "],
];

const scenario: Scenario = {
  name: "Citation extraction (packages/citations)",
  async run(progress, { quick }) {
    const rows: string[] = [];
    const texts = corpusTexts();
    const mb = quick ? 2e6 : 20e6;
    const bodies: Array<[string, string]> = [
      ["Corpus snippets + letter (dense: ~1 citation / 100 B)", repeatTo([...texts, letter], mb)],
      ["Letter alone (sparse prose)", repeatTo([letter], mb)],
    ];
    const rates: number[] = [];
    for (const [name, body] of bodies) {
      progress(`${name}: ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB`);
      extractCitations(body.slice(0, 2e6)); // warm up the JIT
      const { ms, cites } = measure(body, 3);
      rates.push(Buffer.byteLength(body) / 1e6 / (ms / 1000));
      rows.push(
        `| ${name} | ${(Buffer.byteLength(body) / 1e6).toFixed(1)} | ${cites.toLocaleString("en")} | ${ms.toFixed(0)} | **${mbps(body, ms)}** |`,
      );
    }

    const patho = PATHO;
    const prow: string[] = [];
    for (const [name, unit] of quick ? patho.slice(0, 2) : patho) {
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

    const vs = againstPeer([...texts, letter], letter, quick, progress);

    progress("re-scan of one paragraph of a 1 MB document");
    const re = rescan();
    const figures: Figure[] = [
      ...vs.figures,
      { metric: "citations, dense text (large body)", unit: "MB/s", glossa: rates[0]! },
      { metric: "citations, sparse text (large body)", unit: "MB/s", glossa: rates[1]! },
      {
        metric: "citations: re-scan after a keystroke, 1 MB document",
        unit: "ms",
        glossa: re.edit,
      },
    ];
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

Re-scan in the editor (\`citationsPlugin\`, packages/editor) on the letter ×214 (${re.chars.toLocaleString("en-US")} characters):
the first scan of the whole document took ${re.first.toFixed(0)} ms; one character typed into a paragraph near the
middle then re-scans ${re.scanned.toFixed(0)} block(s) and takes **${re.edit.toFixed(2)} ms** (median of 30 transactions).

Against the peer, the unitedstates project's extractor (\`citation\` 0.9.0 from npm, CC0-1.0; its
\`Citation.find\` with default options, every citation type it knows), on the same texts, alternating
run by run, best of ${quick ? 2 : 3} each (tests/bench/lib/citationPeer.ts). Found: the number of
citations each returns, by its own kinds (the peer has no INA, case, treaty or Mexican-law kinds;
Glossa's count includes those):

${vs.table}
`;
    return { markdown, figures };
  },
};

export default scenario;
