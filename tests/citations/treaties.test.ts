/// Accuracy on treaty, ExCom and other international-instrument citations in
/// real text (tests/citations/treaties/passages.ts): U.S. asylum opinions,
/// UNHCR Executive Committee texts, Inter-American Court judgments and opinions,
/// in English and Spanish, labelled by hand before the engine was run on them
/// (rules in tests/citations/corpus/SOURCES.md). Scored as mexico.test.ts scores:
/// a find is right when its key is the label's, complete (article and every
/// paragraph), and its span overlaps the label. Printed per kind and per language.
import { type Citation, extractCitations } from "@glossa/citations";
import { describe, expect, it } from "vitest";
import { heldOut } from "./treaties/heldout.ts";
import { heldOut2 } from "./treaties/heldout2.ts";
import { type Label, labelled, type Passage, passages } from "./treaties/passages.ts";

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

const prepare = (ps: readonly Passage[]) => ps.map((p) => ({ ...p, ...labelled(p) }));
const items = prepare([...passages, ...heldOut, ...heldOut2]);

/// Kind of a key by its scheme: `treaty`, `softlaw`, `unhcr-excom` (others: as the engine says).
const kindOf = (key: string): string => {
  const k = key.replace(/^(?:id|supra)->/, "");
  return k.slice(0, k.indexOf("/") < 0 ? k.length : k.indexOf("/"));
};

function score(
  expected: readonly Label[],
  found: readonly Citation[],
  bump: (k: string, f: keyof Score) => void,
  log: string[],
) {
  const pool = found.map((c) => ({ c, used: false }));
  for (const e of expected) {
    const end = e.at + e.text.length;
    const hit = pool.find((p) => !p.used && p.c.key === e.key && p.c.start < end && e.at < p.c.end);
    if (hit) hit.used = true;
    else log.push(`  missed  ${e.text} → ${e.key}`);
    bump(e.key, hit ? "tp" : "fn");
  }
  for (const p of pool) {
    // Only international instruments are labelled here (case and C.F.R. cites are not).
    if (p.used || !(kindOf(p.c.key) in FLOOR)) continue;
    bump(p.c.key, "fp");
    log.push(`  extra   ${p.c.text} → ${p.c.key}`);
  }
}

const pct = (n: number, d: number): string => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)} %`);
const row = (name: string, s: Score): string =>
  `${name.padEnd(12)} ${String(s.tp + s.fn).padStart(6)} ${String(s.tp + s.fp).padStart(6)} ${String(s.tp).padStart(5)}  ${pct(s.tp, s.tp + s.fp).padStart(9)} ${pct(s.tp, s.tp + s.fn).padStart(8)}`;

/// What the engine reaches on both batches after issue 13's eighth pass
/// (docs/citations.md: 100 % / 100 % for every kind and both languages; the
/// seventh pass's treaty 98.3 % / 90.8 %, softlaw 100 % / 94.1 %): treaty one
/// error more fails; the smaller kinds and each language hold issue 13's goal,
/// ≥ 97 %. Finds of other kinds (cases, C.F.R.) are not scored: nothing else
/// was labelled.
const FLOOR: Record<string, { precision: number; recall: number }> = {
  treaty: { precision: 0.99, recall: 0.99 },
  softlaw: { precision: 0.97, recall: 0.97 },
  "unhcr-excom": { precision: 0.97, recall: 0.97 },
};
const LANG_FLOOR: Record<string, { precision: number; recall: number }> = {
  en: { precision: 0.97, recall: 0.97 },
  es: { precision: 0.97, recall: 0.97 },
};

type Item = ReturnType<typeof prepare>[number];

/// Scores `list`, prints the tables per kind and per language, and returns the scores of both.
function measure(
  list: readonly Item[],
  title: string,
): { byKind: Map<string, Score>; byLang: Map<string, Score> } {
  const byKind = new Map<string, Score>();
  const byLang = new Map<string, Score>();
  const add = (m: Map<string, Score>, k: string, f: keyof Score) => {
    const s = m.get(k) ?? { tp: 0, fp: 0, fn: 0 };
    s[f]++;
    m.set(k, s);
  };
  const log: string[] = [];
  for (const item of list) {
    const before = log.length;
    const bump = (key: string, f: keyof Score) => {
      add(byKind, kindOf(key), f);
      add(byLang, item.lang, f);
      add(byLang, "all", f);
    };
    score(item.expected, extractCitations(item.text), bump, log);
    if (log.length > before) log.splice(before, 0, `[${item.lang}] ${item.text.slice(0, 90)}`);
  }
  const head = "kind         labels  found    tp  precision   recall";
  const sorted = (m: Map<string, Score>) => [...m].sort(([a], [b]) => a.localeCompare(b));
  console.log(
    `\n${title}: ${list.length} passages\n${head}\n${sorted(byKind)
      .map(([k, s]) => row(k, s))
      .join("\n")}\n\nper language\n${sorted(byLang)
      .map(([k, s]) => row(k, s))
      .join("\n")}`,
  );
  if (process.env.CORPUS_LOG) console.log(log.join("\n"));
  return { byKind, byLang };
}

function expectFloors(scores: Map<string, Score>, floors: typeof FLOOR): void {
  for (const [name, floor] of Object.entries(floors)) {
    const s = scores.get(name) ?? { tp: 0, fp: 0, fn: 0 };
    expect(s.tp / (s.tp + s.fp), `${name} precision`).toBeGreaterThanOrEqual(floor.precision);
    expect(s.tp / (s.tp + s.fn), `${name} recall`).toBeGreaterThanOrEqual(floor.recall);
  }
}

describe("treaty citations in real text (tests/citations/treaties/passages.ts)", () => {
  it("holds at least 120 labels, each at its place in its text, each passage with a source", () => {
    const labels = items.reduce((n, i) => n + i.expected.length, 0);
    expect(labels).toBeGreaterThanOrEqual(120);
    for (const i of items) {
      expect(i.source.length).toBeGreaterThan(20);
      expect(i.text).not.toMatch(/\[\[|\]\]/);
      for (const e of i.expected) expect(i.text.slice(e.at, e.at + e.text.length)).toBe(e.text);
    }
  });

  it("reaches the recorded precision and recall per kind and per language (tables of both)", () => {
    const { byKind, byLang } = measure(items, "Treaty corpus (all three batches)");
    expectFloors(byKind, FLOOR);
    expectFloors(byLang, LANG_FLOOR);
  });

  it("prints the held-out batch (tests/citations/treaties/heldout.ts) on its own", () => {
    const { byKind } = measure(prepare(heldOut), "Held-out batch");
    expect([...byKind.values()].reduce((n, s) => n + s.tp + s.fn, 0)).toBeGreaterThanOrEqual(40);
  });

  it("prints the second held-out batch (tests/citations/treaties/heldout2.ts) on its own", () => {
    const { byKind } = measure(prepare(heldOut2), "Second held-out batch");
    expect([...byKind.values()].reduce((n, s) => n + s.tp + s.fn, 0)).toBeGreaterThanOrEqual(45);
  });
});
