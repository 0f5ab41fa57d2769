import { tokenPhrase } from "./normalize.ts";
import type { SourceNote } from "./types.ts";

/// How an authority bears on a doctrine, strongest first.
export const DOCTRINE_RELATIONS = [
  "establishes",
  "codifies",
  "defines",
  "implements",
  "interprets",
  "applies",
  "supports",
  "limits",
] as const;
export type DoctrineRelation = (typeof DOCTRINE_RELATIONS)[number];

/// One authority behind a doctrine, with the pinpoint that carries it.
export interface DoctrineSource {
  key: string;
  pinpoint?: string;
  relation: DoctrineRelation;
  note?: string;
}

/// A named legal concept (non-refoulement, due process …) and the
/// authorities that establish it. `names` are phrases that name it outright;
/// `keywords` only hint at it and count for less.
export interface Doctrine {
  id: string;
  name: string;
  names: string[];
  keywords: string[];
  description: string;
  authorities: DoctrineSource[];
  sources: SourceNote[];
}

/// A doctrine found in a piece of text, with the phrases that matched.
export interface DoctrineMatch {
  doctrine: Doctrine;
  score: number;
  matched: string[];
}

/// The weight of a relation when ranking a doctrine's authorities (1 for `establishes`).
export function relationWeight(relation: DoctrineRelation): number {
  return 1 - DOCTRINE_RELATIONS.indexOf(relation) * 0.06;
}

/// Finds the doctrines a text speaks of: each name found scores 10, each
/// distinct keyword 1; a doctrine needs a name or at least `minKeywords`
/// keywords (default 3). Best first.
export function matchDoctrines(
  text: string,
  doctrines: readonly Doctrine[],
  options: { minKeywords?: number } = {},
): DoctrineMatch[] {
  const minKeywords = options.minKeywords ?? 3;
  const hay = tokenPhrase(text);
  const out: DoctrineMatch[] = [];
  for (const doctrine of doctrines) {
    const matched: string[] = [];
    let names = 0;
    let keywords = 0;
    for (const name of doctrine.names) {
      if (hay.includes(tokenPhrase(name))) {
        names++;
        matched.push(name);
      }
    }
    for (const kw of doctrine.keywords) {
      if (hay.includes(tokenPhrase(kw))) {
        keywords++;
        matched.push(kw);
      }
    }
    if (names === 0 && keywords < minKeywords) continue;
    out.push({ doctrine, score: names * 10 + keywords, matched });
  }
  return out.sort((a, b) => b.score - a.score);
}
