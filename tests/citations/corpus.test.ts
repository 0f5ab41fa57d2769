/// Accuracy on real citations nobody tuned the engine on: every
/// tests/citations/corpus/*.jsonl item is published text with its citations
/// labelled (sources and labelling rules in corpus/SOURCES.md). A found
/// citation is right when its key is the label's, complete (title, section
/// and every subsection), and its span overlaps the labelled text.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Citation, type ExtractOptions, extractCitations } from "@glossa/citations";
import { describe, expect, it } from "vitest";

interface Label {
  text: string;
  at: number;
  key: string;
}
interface Item {
  source: string;
  text: string;
  expected: Label[];
  options?: ExtractOptions;
}

const dir = fileURLToPath(new URL("./corpus/", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort();
const items: Array<Item & { file: string }> = files.flatMap((file) =>
  readFileSync(dir + file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => ({ ...(JSON.parse(l) as Item), file })),
);

/// The kind a key is scored under: its scheme.
const kindOf = (key: string): string => key.slice(0, key.search(/[/-]/));

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

function score(item: Item, found: readonly Citation[], into: Map<string, Score>, log: string[]) {
  const bump = (k: string, f: keyof Score) => {
    const s = into.get(k) ?? { tp: 0, fp: 0, fn: 0 };
    s[f]++;
    into.set(k, s);
  };
  const pool = found.map((c) => ({ c, used: false }));
  for (const e of item.expected) {
    const end = e.at + e.text.length;
    const hit = pool.find((p) => !p.used && p.c.key === e.key && p.c.start < end && e.at < p.c.end);
    if (hit) {
      hit.used = true;
      bump(kindOf(e.key), "tp");
    } else {
      bump(kindOf(e.key), "fn");
      log.push(`  missed  ${e.text} → ${e.key}`);
    }
  }
  for (const p of pool) {
    if (p.used) continue;
    bump(kindOf(p.c.key.replace(/^(?:id|supra)->/, "")), "fp");
    log.push(`  extra   ${p.c.text} → ${p.c.key}`);
  }
}

const pct = (n: number, d: number): string => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)} %`);

describe("real-citation corpus (tests/citations/corpus)", () => {
  it("holds at least 1,000 labels, each at its place in its text, each item with a source", () => {
    const labels = items.reduce((n, i) => n + i.expected.length, 0);
    expect(labels).toBeGreaterThanOrEqual(1000);
    for (const i of items) {
      expect(i.source.length).toBeGreaterThan(10);
      for (const e of i.expected) expect(i.text.slice(e.at, e.at + e.text.length)).toBe(e.text);
    }
  });

  // Issue 13's goal is ≥ 97 % each; each set's floor is what the engine
  // reaches (docs/citations.md: USLM 97.5 % / 100 %; court and agency
  // decisions, the false alarms and misses listed there; Federal Register
  // immigration documents 100 % / 98.9 %; immigration filings, practice texts
  // and letters 100 % / 99.6 %).
  const SETS: Array<{ name: string; files: (f: string) => boolean; floor: Floor }> = [
    {
      name: "USLM (statutes, regulations, FR)",
      files: (f) => f.startsWith("uslm-"),
      floor: { precision: 0.974, recall: 0.995 },
    },
    {
      name: "court and agency decisions",
      files: (f) => /^(?:opinion|bia|bva)-/.test(f),
      floor: { precision: 0.99, recall: 0.985 },
    },
    {
      name: "Federal Register immigration documents",
      files: (f) => f.startsWith("fedreg-"),
      floor: { precision: 0.995, recall: 0.985 },
    },
    {
      name: "immigration filings, practice texts and letters",
      files: (f) => f.startsWith("filings-"),
      floor: { precision: 0.995, recall: 0.99 },
    },
    {
      // Gathered after that set's fixes; its first run (100 % / 87.1 %) is the
      // unseen-text figure, the floor what the engine reaches less one miss.
      name: "filings held out",
      files: (f) => f.startsWith("filings-heldout-"),
      floor: { precision: 0.99, recall: 0.96 },
    },
  ];

  for (const set of SETS) {
    it(`${set.name}: ≥ ${(100 * set.floor.precision).toFixed(1)} % precision and ≥ ${(100 * set.floor.recall).toFixed(1)} % recall (table per kind)`, () => {
      const { tp, fp, fn } = measure(
        items.filter((i) => set.files(i.file)),
        set.name,
      );
      expect(tp / (tp + fp)).toBeGreaterThanOrEqual(set.floor.precision);
      expect(tp / (tp + fn)).toBeGreaterThanOrEqual(set.floor.recall);
    });
  }

  it("reaches ≥ 97 % precision and recall over all sets (issue 13's goal)", () => {
    const { tp, fp, fn } = measure(items, "all sets");
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.97);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.97);
  });
});

interface Floor {
  precision: number;
  recall: number;
}

/// Scores `set`, prints its table per kind (and, with CORPUS_LOG=1, every
/// miss and false alarm), and answers the totals.
function measure(set: typeof items, name: string): Score {
  const scores = new Map<string, Score>();
  const log: string[] = [];
  for (const item of set) {
    const before = log.length;
    score(item, extractCitations(item.text, item.options), scores, log);
    if (log.length > before) log.splice(before, 0, `[${item.file}] ${item.text.slice(0, 100)}`);
  }
  const total: Score = { tp: 0, fp: 0, fn: 0 };
  const row = (kind: string, s: Score): string =>
    `${kind.padEnd(9)} ${String(s.tp + s.fn).padStart(6)} ${String(s.tp + s.fp).padStart(6)} ${String(s.tp).padStart(5)}  ${pct(s.tp, s.tp + s.fp).padStart(9)} ${pct(s.tp, s.tp + s.fn).padStart(8)}`;
  const lines = ["kind      labels  found    tp  precision   recall"];
  for (const [kind, s] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    total.tp += s.tp;
    total.fp += s.fp;
    total.fn += s.fn;
    lines.push(row(kind, s));
  }
  lines.push(row("overall", total));
  const files = new Set(set.map((i) => i.file)).size;
  console.log(
    `\nReal-citation corpus, ${name}: ${set.length} items, ${files} files\n${lines.join("\n")}`,
  );
  if (process.env.CORPUS_LOG) console.log(log.join("\n"));
  return total;
}
