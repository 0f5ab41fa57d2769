import type { TeamForm } from "@glossa/citations";
import { CASE_AUTHORITIES } from "./builtin/cases.ts";
import { DOCTRINES } from "./builtin/doctrines.ts";
import { INTL_AUTHORITIES } from "./builtin/intl.ts";
import { MX_AUTHORITIES } from "./builtin/mx.ts";
import { BUILTIN_PROVENANCE } from "./builtin/provenance.ts";
import { US_AUTHORITIES } from "./builtin/us.ts";
import { type CslImportError, fromCsl } from "./csl.ts";
import { type Doctrine, type DoctrineMatch, matchDoctrines, relationWeight } from "./doctrine.ts";
import { takenForms, teamForms } from "./forms.ts";
import { canonicalWithPinpoint, crosswalkKey, inaCanonical, unwrapKey } from "./keys.ts";
import { pinpointUrls } from "./links.ts";
import { phraseForm, tokenize } from "./normalize.ts";
import { parseQueryCitations } from "./query.ts";
import { parsePinpoint } from "./text.ts";
import type { Authority, AuthorityInput, AuthorityKind, AuthorityUrl } from "./types.ts";
import { CatalogError, toTeamAuthority } from "./validate.ts";

/// The curated authorities shipped with Glossa, each stored text with its
/// provenance (builtin/provenance.ts).
export const BUILTIN_AUTHORITIES: readonly Authority[] = [
  ...US_AUTHORITIES,
  ...INTL_AUTHORITIES,
  ...MX_AUTHORITIES,
  ...CASE_AUTHORITIES,
].map((a) => {
  const provenance = BUILTIN_PROVENANCE[a.key];
  return a.text && provenance ? { ...a, text: { ...a.text, provenance } } : a;
});

/// A key looked up in the catalog: the authority it belongs to, what is left
/// of the key as a pinpoint (`["b", "2", "C"]`), and how it was found —
/// `exact`, through an `equivalent` key (INA → U.S.C., parallel reporter), or
/// as a `parent` of a pinpointed key.
export interface Resolution {
  requested: string;
  key: string;
  authority: Authority;
  pinpoint: string[];
  via: "exact" | "equivalent" | "parent";
  /// Bluebook form narrowed to the pinpoint (`8 U.S.C. § 1225(b)(2)(C)`).
  canonical: string;
  /// For Title 8 sections, the INA form (`INA § 235(b)(2)(C)`).
  ina?: string;
  /// Links, with subsection anchors where the publisher has them.
  urls: AuthorityUrl[];
}

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

/// An authority offered for a claim, and why.
export interface SourceSuggestion {
  key: string;
  authority: Authority;
  pinpoint?: string;
  relation?: string;
  doctrine?: string;
  score: number;
}

/// What `suggestSources` offers for a claim's words.
export interface Suggestions {
  doctrines: DoctrineMatch[];
  authorities: SourceSuggestion[];
}

interface Field {
  tokens: Set<string>;
  weight: number;
  name: string;
}
interface IndexedDoc {
  authority: Authority;
  fields: Field[];
  names: string[];
  phrases: string[];
  /// The canonical citation and the INA form, folded, for exact matches.
  cites: string[];
}

/// A query shaped like a case name: `Biden v. Texas`, `Matter of M-S-`, `In re X`.
/// (`art. V of …` and `fr. V` are not: the word before `v` must be a name.)
const CASE_NAME =
  /(?:^|\s)(?!(?:art|arts|article|fr|frac|para|no|title|chapter|protocol)\.?\s)[a-z][\w.'&,-]*\s+vs?\.?\s+\S|^\s*(?:matter of|in re)\s+\S/i;

const MAX_QUERY = 400;

/// Options for a new `Catalog`.
export interface CatalogOptions {
  /// Include the curated built-in authorities (default true).
  builtins?: boolean;
  /// Team authorities to load (validated like `add`).
  authorities?: readonly (AuthorityInput | Authority)[];
  doctrines?: readonly Doctrine[];
}

/// The catalog of authorities: the built-in set plus team additions, looked
/// up by key (equivalents and pinpointed keys included), searched, and
/// matched to doctrines.
export class Catalog {
  private byKey = new Map<string, Authority>();
  private byEquivalent = new Map<string, string>();
  private index: Map<string, IndexedDoc> | null = null;
  private df: Map<string, number> | null = null;
  private readonly doctrineList: Doctrine[];

  constructor(options: CatalogOptions = {}) {
    this.doctrineList = [...(options.doctrines ?? DOCTRINES)];
    if (options.builtins !== false) for (const a of BUILTIN_AUTHORITIES) this.insert(a);
    for (const a of options.authorities ?? []) this.add(a);
  }

  /// Number of authorities.
  get size(): number {
    return this.byKey.size;
  }

  /// Every authority, built-in first, in insertion order.
  all(): Authority[] {
    return [...this.byKey.values()];
  }

  /// The team-added authorities, for persistence.
  teamAuthorities(): Authority[] {
    return this.all().filter((a) => a.origin === "team");
  }

  /// The doctrines the catalog knows.
  doctrines(): readonly Doctrine[] {
    return this.doctrineList;
  }

  /// A doctrine by id (`non-refoulement`).
  doctrine(id: string): Doctrine | undefined {
    return this.doctrineList.find((d) => d.id === id);
  }

  /// The authority stored under `key` or one of its equivalents, without
  /// pinpoint handling. Use `resolve` for citation keys.
  get(key: string): Authority | undefined {
    const k = unwrapKey(key);
    const direct = this.byKey.get(k);
    if (direct) return direct;
    const eq = this.byEquivalent.get(k) ?? this.byEquivalent.get(crosswalkKey(k) ?? "");
    if (eq) return this.byKey.get(eq);
    const cw = crosswalkKey(k);
    return cw ? this.byKey.get(cw) : undefined;
  }

  /// Resolves a citation key: `ina/235/b/2/C` → the § 1225 authority with
  /// pinpoint `(b)(2)(C)`; `id->…` and `supra->…` wrappers are unwrapped.
  /// The longest key prefix that names an authority wins. Null when none does.
  resolve(key: string): Resolution | null {
    const requested = key;
    const k = unwrapKey(key);
    const candidates = [k];
    const cw = crosswalkKey(k);
    if (cw) candidates.push(cw);
    for (const [ci, candidate] of candidates.entries()) {
      const segs = candidate.split("/");
      for (let n = segs.length; n >= 2; n--) {
        const prefix = segs.slice(0, n).join("/");
        const own = this.byKey.get(prefix);
        const eq = own ? undefined : this.byEquivalent.get(prefix);
        const authority = own ?? (eq ? this.byKey.get(eq) : undefined);
        if (!authority) continue;
        const pinpoint = segs.slice(n);
        const via = pinpoint.length ? "parent" : own && ci === 0 ? "exact" : "equivalent";
        return this.resolution(requested, authority, pinpoint, via);
      }
    }
    return null;
  }

  /// Builds the resolution of `authority` at `pinpoint` (segments or any form `parsePinpoint` reads).
  at(authority: Authority, pinpoint: string | readonly string[] = []): Resolution {
    const path = typeof pinpoint === "string" ? parsePinpoint(pinpoint).path : [...pinpoint];
    return this.resolution(authority.key, authority, path, "exact");
  }

  private resolution(
    requested: string,
    authority: Authority,
    pinpoint: string[],
    via: Resolution["via"],
  ): Resolution {
    const res: Resolution = {
      requested,
      key: authority.key,
      authority,
      pinpoint,
      via,
      canonical: canonicalWithPinpoint(authority, pinpoint),
      urls: pinpointUrls(authority, pinpoint),
    };
    const ina = authority.key.startsWith("usc/8/")
      ? inaCanonical([authority.key, ...pinpoint].join("/"))
      : undefined;
    if (ina) res.ina = ina;
    return res;
  }

  /// Adds a team authority. Throws `CatalogError` (`invalid`) listing every
  /// problem, or (`conflict`) when the key or an equivalent is taken.
  add(input: AuthorityInput | Authority | unknown): Authority {
    const authority = toTeamAuthority(input);
    this.refuseTaken(authority, [authority.key, ...(authority.equivalents ?? [])]);
    this.insert(authority);
    return authority;
  }

  /// Replaces fields of a team authority (the key cannot change). Throws
  /// `CatalogError`: `not-found`, `read-only` for built-ins, `invalid`, `conflict`.
  update(key: string, patch: Partial<AuthorityInput>): Authority {
    const current = this.byKey.get(key);
    if (!current) throw new CatalogError("not-found", `No authority has the key "${key}".`);
    if (current.origin === "builtin")
      throw new CatalogError(
        "read-only",
        `"${key}" is a built-in authority; add a team authority instead.`,
      );
    if (patch.key !== undefined && patch.key !== key)
      throw new CatalogError("invalid", "The key of an authority cannot change.", [
        { path: "key", message: "cannot change" },
      ]);
    const { origin: _origin, ...rest } = current;
    const next = toTeamAuthority({ ...rest, ...patch, key });
    this.refuseTaken(next, next.equivalents ?? [], key);
    this.delete(key);
    this.insert(next);
    return next;
  }

  /// Throws `conflict` when an authority other than `self` has one of `keys`
  /// or one of the authority's citation forms (each names one authority).
  private refuseTaken(authority: Authority, keys: readonly string[], self?: string): void {
    const taken = keys.filter((k) => {
      const owner = this.get(k);
      return owner !== undefined && owner.key !== self;
    });
    const issues = taken.map((k) => ({
      path: k === authority.key ? "key" : "equivalents",
      message: `"${k}" is taken`,
    }));
    for (const f of takenForms(authority, this.teamAuthorities())) {
      taken.push(f);
      issues.push({ path: "citationForms", message: `"${f}" is taken` });
    }
    if (taken.length)
      throw new CatalogError(
        "conflict",
        `An authority already exists for ${taken.map((k) => `"${k}"`).join(", ")}.`,
        issues,
      );
  }

  /// The team's short citation forms, for the citation engine (`ExtractOptions.forms`).
  citationForms(): TeamForm[] {
    return teamForms(this.teamAuthorities());
  }

  /// Removes a team authority. Throws `CatalogError` (`not-found`, `read-only`).
  remove(key: string): void {
    const current = this.byKey.get(key);
    if (!current) throw new CatalogError("not-found", `No authority has the key "${key}".`);
    if (current.origin === "builtin")
      throw new CatalogError(
        "read-only",
        `"${key}" is a built-in authority and cannot be removed.`,
      );
    this.delete(key);
  }

  /// Adds the authorities in a CSL-JSON export (Zotero). Bad items and items
  /// whose key is taken are reported by index; the others are added.
  importCsl(json: unknown): { added: Authority[]; errors: CslImportError[] } {
    const { items, errors } = fromCsl(json);
    const added: Authority[] = [];
    for (const { index, authority } of items) {
      try {
        added.push(this.add(authority));
      } catch (err) {
        if (!(err instanceof CatalogError)) throw err;
        errors.push({ index, message: err.message, issues: err.issues });
      }
    }
    errors.sort((a, b) => a.index - b.index);
    return { added, errors };
  }

  private insert(a: Authority): void {
    this.byKey.set(a.key, a);
    for (const eq of a.equivalents ?? []) this.byEquivalent.set(eq, a.key);
    this.index = null;
  }

  private delete(key: string): void {
    const a = this.byKey.get(key);
    if (!a) return;
    this.byKey.delete(key);
    for (const eq of a.equivalents ?? [])
      if (this.byEquivalent.get(eq) === key) this.byEquivalent.delete(eq);
    this.index = null;
  }

  private buildIndex(): Map<string, IndexedDoc> {
    if (this.index) return this.index;
    const doctrineNames = new Map<string, string[]>();
    for (const d of this.doctrineList)
      for (const src of d.authorities) {
        const list = doctrineNames.get(src.key) ?? [];
        list.push(d.name, ...d.names);
        doctrineNames.set(src.key, list);
      }
    const index = new Map<string, IndexedDoc>();
    const df = new Map<string, number>();
    for (const a of this.byKey.values()) {
      const equivalentsCites = (a.equivalents ?? []).map((k) => k.replace(/\//g, " "));
      const ina = a.key.startsWith("usc/8/") ? inaCanonical(a.key) : undefined;
      const names = [a.title, ...(a.aliases ?? []), ...(a.caseName ? [a.caseName] : [])];
      const textWords = a.text ? collectText(a) : "";
      const fields: Field[] = [
        { name: "name", weight: 5, tokens: new Set(names.flatMap(tokenize)) },
        {
          name: "citation",
          weight: 4,
          tokens: new Set(
            tokenize(
              [a.canonical, ina ?? "", ...equivalentsCites, ...(a.parallel ?? [])].join(" "),
            ),
          ),
        },
        {
          name: "doctrine",
          weight: 3,
          tokens: new Set((doctrineNames.get(a.key) ?? []).flatMap(tokenize)),
        },
        { name: "summary", weight: 1.5, tokens: new Set(tokenize(a.summary ?? "")) },
        { name: "text", weight: 1, tokens: new Set(tokenize(textWords)) },
        { name: "key", weight: 2, tokens: new Set(tokenize(a.key.replace(/[/]/g, " "))) },
      ];
      const all = new Set<string>();
      for (const f of fields) for (const t of f.tokens) all.add(t);
      for (const t of all) df.set(t, (df.get(t) ?? 0) + 1);
      index.set(a.key, {
        authority: a,
        fields,
        names: names.map(phraseForm),
        phrases: [a.canonical, ina ?? "", textWords, a.summary ?? ""].map(phraseForm),
        cites: [a.canonical, ...(ina ? [ina] : []), ...(a.parallel ?? [])].map(phraseForm),
      });
    }
    this.index = index;
    this.df = df;
    return index;
  }

  /// Searches by citation (`8 usc 1225`, `INA 235(b)(2)(C)`, `1225(b)(2)(C)`,
  /// `597 U.S. 785`), name, title, words of the text and doctrine
  /// (`non-refoulement`). Hits rank by tier (`SEARCH_TIERS`), then score: the
  /// authority a citation names, then exact names, then name prefixes, then
  /// words (tf-idf over fields, last word as a prefix for search as you type).
  /// A query that is only a citation the catalog lacks returns nothing rather
  /// than other authorities sharing its reporter; a case-name query
  /// (`X v. Y`, `Matter of X`) lists only cases. `limit` defaults to 10.
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const q = query.slice(0, MAX_QUERY).trim();
    if (!q) return [];
    const index = this.buildIndex();
    const df = this.df!;
    const n = index.size;
    const scores = new Map<
      string,
      { score: number; tier: number; matched: Set<string>; pinpoint: string[] }
    >();
    const bump = (key: string, by: number, what: string, pinpoint?: string[], tier = 3) => {
      const s = scores.get(key) ?? { score: 0, tier: 3, matched: new Set<string>(), pinpoint: [] };
      s.score += by;
      s.tier = Math.min(s.tier, tier);
      s.matched.add(what);
      if (pinpoint?.length && !s.pinpoint.length) s.pinpoint = pinpoint;
      scores.set(key, s);
    };

    // What the citations leave of the query: nothing but punctuation means
    // the query is a citation, and words like "F.3d" or "U.S.C." must not
    // list other authorities as if they answered it. A citation among other
    // words ("… under the Convention Against Torture") ranks below an exact name.
    const cites = parseQueryCitations(q);
    let rest = q;
    for (const c of cites) rest = rest.replace(c.text, " ");
    const onlyCitation = cites.length > 0 && !/[\p{L}\p{N}]/u.test(rest);
    for (const cite of cites) {
      const r = this.resolve(cite.key);
      if (r) {
        bump(r.key, 100, "citation", r.pinpoint, onlyCitation ? 0 : 2);
      }
    }
    const caseQuery = CASE_NAME.test(q);

    const qPhrase = phraseForm(q);
    for (const m of matchDoctrines(q, this.doctrineList, {
      minKeywords: Number.POSITIVE_INFINITY,
    })) {
      m.doctrine.authorities.forEach((src, i) => {
        const a = this.get(src.key);
        if (a)
          bump(
            a.key,
            40 * relationWeight(src.relation) * Math.max(0.3, 1 - 0.04 * i),
            `doctrine:${m.doctrine.id}`,
            parsePinpoint(src.pinpoint ?? "").path,
          );
      });
    }

    const tokens = [...new Set(tokenize(q))];
    const lastRaw = /[\s.,;:)]$/.test(q) ? "" : (tokens.at(-1) ?? "");
    for (const doc of index.values()) {
      if (onlyCitation && !scores.has(doc.authority.key) && !doc.cites.includes(qPhrase)) continue;
      let score = 0;
      let hits = 0;
      let tier = 3;
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
          score += (best + 0.15 * (others - best)) * Math.log(1 + n / (df.get(t) ?? 1));
        }
      }
      if (!hits) continue;
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
      for (const m of matched) bump(doc.authority.key, 0, m);
      bump(doc.authority.key, score, [...matched][0] ?? "text", undefined, tier);
    }

    const kinds = options.kinds ? new Set(options.kinds) : null;
    const hits: SearchHit[] = [];
    for (const [key, s] of scores) {
      const authority = this.byKey.get(key);
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
    return hits.slice(0, limit);
  }

  /// The doctrines and authorities to offer for a claim's words: citations
  /// found in the text first, then the authorities of each doctrine the text
  /// names (or hints at with several keywords), strongest relation first.
  suggest(text: string, options: { limit?: number } = {}): Suggestions {
    const limit = options.limit ?? 12;
    const out = new Map<string, SourceSuggestion>();
    for (const cite of parseQueryCitations(text)) {
      const r = this.resolve(cite.key);
      if (r && !out.has(r.key))
        out.set(r.key, {
          key: r.key,
          authority: r.authority,
          pinpoint: r.pinpoint.join("/") || undefined,
          score: 200,
        });
    }
    const doctrines = matchDoctrines(text, this.doctrineList);
    for (const m of doctrines) {
      m.doctrine.authorities.forEach((src, i) => {
        const a = this.get(src.key);
        if (!a) return;
        // Rank within each doctrine first so that a claim naming two doctrines
        // is offered the leading sources of both; keyword-only matches count half.
        const strength = m.score >= 10 ? 1 : 0.5;
        const score = 100 * strength * relationWeight(src.relation) * Math.max(0.3, 1 - 0.04 * i);
        const prev = out.get(a.key);
        if (prev && prev.score >= score) return;
        const s: SourceSuggestion = {
          key: a.key,
          authority: a,
          relation: src.relation,
          doctrine: m.doctrine.id,
          score,
        };
        if (src.pinpoint) s.pinpoint = src.pinpoint;
        out.set(a.key, s);
      });
    }
    const authorities = [...out.values()].sort((a, b) => b.score - a.score).slice(0, limit);
    for (const s of authorities) if (s.pinpoint === undefined) delete s.pinpoint;
    return { doctrines, authorities };
  }
}

function collectText(a: Authority): string {
  const parts: string[] = [a.text?.heading ?? "", a.text?.intro ?? ""];
  const walk = (nodes: NonNullable<Authority["text"]>["nodes"]) => {
    for (const n of nodes) {
      parts.push(n.heading ?? "", n.text ?? "");
      if (n.children) walk(n.children);
    }
  };
  walk(a.text?.nodes ?? []);
  return parts.filter(Boolean).join(" ");
}

let shared: Catalog | null = null;

/// A shared catalog of the built-in authorities only (created on first use).
/// Servers that store team authorities make their own `Catalog`.
export function builtinCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}

/// `Catalog.suggest` on `catalog` (default: the built-in catalog).
export function suggestSources(text: string, catalog: Catalog = builtinCatalog()): Suggestions {
  return catalog.suggest(text);
}
