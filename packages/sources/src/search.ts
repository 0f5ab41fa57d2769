/// `Catalog.search`: a query ranked against the search index by tier
/// (`SEARCH_TIERS`), then score — the authority a citation names, exact
/// names, name prefixes, then words (tf-idf over fields).
import type { Doctrine } from "./doctrine.ts";
import { matchDoctrines, relationWeight } from "./doctrine.ts";
import { canonicalWithPinpoint } from "./keys.ts";
import { phraseForm, tokenize } from "./normalize.ts";
import { parseQueryCitations } from "./query.ts";
import type { IndexedDoc, SearchIndex } from "./searchIndex.ts";
import { parsePinpoint } from "./text.ts";
import type { Authority, AuthorityKind } from "./types.ts";

/// How a search hit matched, best first: the whole query is the authority's
/// citation (read by the citation engine, or its canonical form), or its
/// exact name (title, case name or alias); the query is the start of a name
/// or holds a citation among other words (`partial`); or words match.
export const SEARCH_TIERS = ["citation", "name", "partial", "words"] as const;
export type SearchTier = (typeof SEARCH_TIERS)[number];

/// One search result. `matched` names what matched: `citation`, `name`,
/// `title`, `text`, `doctrine:<id>` …; `tier` is why it ranks where it does.
export interface SearchHit {
  key: string;
  authority: Authority;
  score: number;
  tier: SearchTier;
  pinpoint: string[];
  canonical: string;
  matched: string[];
}

/// Options for `Catalog.search`.
export interface SearchOptions {
  limit?: number;
  kinds?: readonly AuthorityKind[];
}

/// What the search asks of the catalog.
export interface SearchSource {
  resolve(key: string): { key: string; pinpoint: string[] } | null;
  get(key: string): Authority | undefined;
  doctrines(): readonly Doctrine[];
}

/// A query shaped like a case name: `Biden v. Texas`, `Matter of M-S-`, `In re X`.
/// (`art. V of …` and `fr. V` are not: the word before `v` must be a name.)
const CASE_NAME =
  /(?:^|\s)(?!(?:art|arts|article|fr|frac|para|no|title|chapter|protocol)\.?\s)[a-z][\w.'&,-]*\s+vs?\.?\s+\S|^\s*(?:matter of|in re)\s+\S/i;

const MAX_QUERY = 400;

interface Score {
  score: number;
  /// Index in `SEARCH_TIERS`; the best any match gave.
  tier: number;
  matched: Set<string>;
  pinpoint: string[];
}

/// The scores so far, by authority key.
type Scores = Map<string, Score>;

/// Adds `by` to `key`'s score for matching `what`; keeps its best tier and
/// its first pinpoint.
function bump(
  scores: Scores,
  key: string,
  by: number,
  what: string,
  pinpoint?: string[],
  tier = 3,
): void {
  const s = scores.get(key) ?? { score: 0, tier: 3, matched: new Set<string>(), pinpoint: [] };
  s.score += by;
  s.tier = Math.min(s.tier, tier);
  s.matched.add(what);
  if (pinpoint?.length && !s.pinpoint.length) s.pinpoint = pinpoint;
  scores.set(key, s);
}

/// Searches `source` through its `index` (see `Catalog.search`).
export function searchCatalog(
  source: SearchSource,
  index: SearchIndex,
  query: string,
  options: SearchOptions = {},
): SearchHit[] {
  const limit = options.limit ?? 10;
  const q = query.slice(0, MAX_QUERY).trim();
  if (!q) return [];
  const scores: Scores = new Map();
  const onlyCitation = scoreCitations(source, q, scores);
  const caseQuery = CASE_NAME.test(q);
  scoreDoctrines(source, q, scores);
  scoreWords(index, q, onlyCitation, scores);
  return ranked(index, scores, options, caseQuery).slice(0, limit);
}

/// The authorities the query's citations name. True when the query is
/// nothing but citations: what they leave is punctuation, and words like
/// "F.3d" or "U.S.C." must not list other authorities as if they answered
/// it. A citation among other words ("… under the Convention Against
/// Torture") ranks below an exact name.
function scoreCitations(source: SearchSource, q: string, scores: Scores): boolean {
  const cites = parseQueryCitations(q);
  let rest = q;
  for (const c of cites) rest = rest.replace(c.text, " ");
  const onlyCitation = cites.length > 0 && !/[\p{L}\p{N}]/u.test(rest);
  for (const cite of cites) {
    const r = source.resolve(cite.key);
    if (r) {
      bump(scores, r.key, 100, "citation", r.pinpoint, onlyCitation ? 0 : 2);
    }
  }
  return onlyCitation;
}

/// The authorities of the doctrines the query names, strongest relation first.
function scoreDoctrines(source: SearchSource, q: string, scores: Scores): void {
  for (const m of matchDoctrines(q, source.doctrines(), {
    minKeywords: Number.POSITIVE_INFINITY,
  })) {
    m.doctrine.authorities.forEach((src, i) => {
      const a = source.get(src.key);
      if (a)
        bump(
          scores,
          a.key,
          40 * relationWeight(src.relation) * Math.max(0.3, 1 - 0.04 * i),
          `doctrine:${m.doctrine.id}`,
          parsePinpoint(src.pinpoint ?? "").path,
        );
    });
  }
}

/// Words (the last one also as a prefix, for search as you type), then
/// exact names and name prefixes, over every indexed authority.
function scoreWords(index: SearchIndex, q: string, onlyCitation: boolean, scores: Scores): void {
  const qPhrase = phraseForm(q);
  const tokens = [...new Set(tokenize(q))];
  const lastRaw = /[\s.,;:)]$/.test(q) ? "" : (tokens.at(-1) ?? "");
  for (const doc of index.docs.values()) {
    if (onlyCitation && !scores.has(doc.authority.key) && !doc.cites.includes(qPhrase)) continue;
    let { score, hits, matched } = wordMatch(index, doc, tokens, lastRaw);
    if (!hits) continue;
    let tier = 3;
    const coverage = hits / tokens.length;
    score *= coverage * coverage;
    const head = lastRaw ? qPhrase.trimEnd() : qPhrase;
    // An exact citation or name counts at any length ("LM", "CAT").
    if (doc.cites.includes(qPhrase)) tier = 0;
    else if (doc.names.includes(qPhrase)) {
      score += 25;
      tier = 1;
    } else if (qPhrase.trim().length >= 3) {
      if (doc.names.some((p) => p.startsWith(head))) {
        score += 8;
        tier = 2;
      } else if (tokens.length > 1 && doc.names.some((p) => p.includes(qPhrase))) score += 10;
      else if (tokens.length > 1 && doc.phrases.some((p) => p.includes(qPhrase))) score += 6;
    }
    for (const m of matched) bump(scores, doc.authority.key, 0, m);
    bump(scores, doc.authority.key, score, [...matched][0] ?? "text", undefined, tier);
  }
}

/// tf-idf of the query's words in one authority: how many matched, in which
/// fields, and their score.
function wordMatch(index: SearchIndex, doc: IndexedDoc, tokens: string[], lastRaw: string) {
  const n = index.docs.size;
  let score = 0;
  let hits = 0;
  const matched = new Set<string>();
  for (const t of tokens) {
    let best = 0;
    let others = 0;
    let where = "";
    for (const f of doc.fields) {
      let w = f.tokens.has(t) ? f.weight : 0;
      if (!w && t === lastRaw && t.length >= 3 && !/^\d/.test(t)) {
        for (const x of f.tokens)
          if (x.startsWith(t)) {
            w = f.weight * 0.6;
            break;
          }
      }
      others += w;
      if (w > best) {
        best = w;
        where = f.name;
      }
    }
    if (best) {
      hits++;
      matched.add(where);
      // The best field counts in full, the others a little: a word in the
      // name, the citation and the text beats one in the name alone.
      score += (best + 0.15 * (others - best)) * Math.log(1 + n / (index.df.get(t) ?? 1));
    }
  }
  return { score, hits, matched };
}

/// The hits of the kinds asked for, best first; a case-name query lists only
/// cases (and exact citations).
function ranked(
  index: SearchIndex,
  scores: Scores,
  options: SearchOptions,
  caseQuery: boolean,
): SearchHit[] {
  const kinds = options.kinds ? new Set(options.kinds) : null;
  const hits: SearchHit[] = [];
  for (const [key, s] of scores) {
    const authority = index.docs.get(key)?.authority;
    if (!authority || (kinds && !kinds.has(authority.kind)) || s.score <= 0) continue;
    if (caseQuery && authority.kind !== "case" && s.tier > 0) continue;
    hits.push({
      key,
      authority,
      score: Math.round(s.score * 100) / 100,
      tier: SEARCH_TIERS[s.tier]!,
      pinpoint: s.pinpoint,
      canonical: canonicalWithPinpoint(authority, s.pinpoint),
      matched: [...s.matched],
    });
  }
  const rank = (h: SearchHit) => SEARCH_TIERS.indexOf(h.tier);
  hits.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.score - a.score ||
      (b.authority.date ?? "").localeCompare(a.authority.date ?? "") ||
      a.canonical.length - b.canonical.length,
  );
  return hits;
}
