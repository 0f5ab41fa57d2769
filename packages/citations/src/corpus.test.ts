import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractCitations } from "./index.ts";
import { type CorpusItem, type KindScore, scoreItem } from "./score.ts";
import type { CitationKind } from "./types.ts";

const dir = fileURLToPath(new URL("../corpus/", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort();
const items: Array<CorpusItem & { file: string }> = files.flatMap((file) =>
  readFileSync(dir + file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => ({ ...(JSON.parse(l) as CorpusItem), file })),
);

const pct = (n: number, d: number): string => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)} %`);

describe("labelled corpus", () => {
  it("has at least 400 labelled citations, each item with a source note", () => {
    const labels = items.reduce((n, i) => n + i.expected.length, 0);
    expect(labels).toBeGreaterThanOrEqual(400);
    for (const i of items) {
      expect(i.source.length).toBeGreaterThan(10);
      for (const e of i.expected) expect(i.text).toContain(e.text);
    }
  });

  it("reaches ≥ 97 % precision and recall overall (table per kind)", () => {
    const scores = new Map<CitationKind, KindScore>();
    const misses: string[] = [];
    for (const item of items) {
      const r = scoreItem(item, extractCitations(item.text, item.options), scores);
      for (const m of r.missed)
        misses.push(`  missed  ${m}   [${item.file}: ${item.source.slice(0, 60)}]`);
      for (const x of r.extra)
        misses.push(`  extra   ${x}   [${item.file}: ${item.source.slice(0, 60)}]`);
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const rows = [...scores].sort(([a], [b]) => a.localeCompare(b));
    const lines = ["kind            labels  found  tp    precision  recall"];
    for (const [kind, s] of rows) {
      tp += s.tp;
      fp += s.fp;
      fn += s.fn;
      lines.push(
        `${kind.padEnd(15)} ${String(s.tp + s.fn).padStart(6)} ${String(s.tp + s.fp).padStart(6)} ${String(s.tp).padStart(4)}   ${pct(s.tp, s.tp + s.fp).padStart(8)}  ${pct(s.tp, s.tp + s.fn).padStart(7)}`,
      );
    }
    lines.push(
      `${"overall".padEnd(15)} ${String(tp + fn).padStart(6)} ${String(tp + fp).padStart(6)} ${String(tp).padStart(4)}   ${pct(tp, tp + fp).padStart(8)}  ${pct(tp, tp + fn).padStart(7)}`,
    );
    console.log(
      `\nCitation corpus: ${items.length} items, ${files.length} files\n${lines.join("\n")}\n${misses.join("\n")}`,
    );
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.97);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.97);
  });
});
