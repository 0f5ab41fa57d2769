import type { Citation, CitationKind, ExtractOptions } from "./types.ts";

/// One labelled corpus item: a snippet and the citations it should yield.
export interface CorpusItem {
  source: string;
  text: string;
  expected: Array<{ text: string; key: string }>;
  options?: ExtractOptions;
}

/// Precision/recall counts for one kind.
export interface KindScore {
  tp: number;
  fp: number;
  fn: number;
}

/// Kind a key stands for (`case/…` is a short cite when its text has " at ").
export function kindOfKey(key: string, text = ""): CitationKind {
  if (key.startsWith("id->")) return "id";
  if (key.startsWith("supra->")) return "supra";
  const scheme = key.slice(0, key.indexOf("/"));
  switch (scheme) {
    case "usc":
      return "usc";
    case "usc-ch":
      return "usc_chapter";
    case "ina":
      return "ina";
    case "cfr":
      return "cfr";
    case "stat":
      return "stat";
    case "pl":
      return "public_law";
    case "fr":
      return "fed_reg";
    case "usconst":
      return "us_const";
    case "case":
      return / at /.test(text) ? "case_short" : "case_full";
    case "journal":
      return "journal";
    case "state":
      return "state_statute";
    case "treaty":
      return "treaty";
    case "mx":
      return key.startsWith("mx/CPEUM") ? "mx_const" : "mx_statute";
    case "softlaw":
    case "unhcr-excom":
      return "soft_law";
    case "supra-note":
      return "supra";
    default:
      throw new RangeError(`No kind for key "${key}".`);
  }
}

/// Scores found citations against the labels of one item; a hit needs the
/// same text and key. Returns the misses and false alarms for reporting.
export function scoreItem(
  item: CorpusItem,
  found: readonly Citation[],
  into: Map<CitationKind, KindScore>,
): { missed: string[]; extra: string[] } {
  const bump = (k: CitationKind, f: keyof KindScore) => {
    const s = into.get(k) ?? { tp: 0, fp: 0, fn: 0 };
    s[f]++;
    into.set(k, s);
  };
  const pool = found.map((c) => ({ c, used: false }));
  const missed: string[] = [];
  for (const e of item.expected) {
    const hit = pool.find((p) => !p.used && p.c.text === e.text && p.c.key === e.key);
    if (hit) {
      hit.used = true;
      bump(hit.c.kind, "tp");
    } else {
      bump(kindOfKey(e.key, e.text), "fn");
      missed.push(`${e.text} → ${e.key}`);
    }
  }
  const extra: string[] = [];
  for (const p of pool) {
    if (!p.used) {
      bump(p.c.kind, "fp");
      extra.push(`${p.c.text} → ${p.c.key}`);
    }
  }
  return { missed, extra };
}
