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
import { parseQueryCitations } from "./query.ts";
import { type SearchHit, type SearchOptions, searchCatalog } from "./search.ts";
import { buildSearchIndex, type SearchIndex } from "./searchIndex.ts";
import { parsePinpoint } from "./text.ts";
import type { Authority, AuthorityInput, AuthorityUrl } from "./types.ts";
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
  private index: SearchIndex | null = null;
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

  /// Searches by citation (`8 usc 1225`, `INA 235(b)(2)(C)`, `1225(b)(2)(C)`,
  /// `597 U.S. 785`), name, title, words of the text and doctrine
  /// (`non-refoulement`). Hits rank by tier (`SEARCH_TIERS`), then score: the
  /// authority a citation names, then exact names, then name prefixes, then
  /// words (tf-idf over fields, last word as a prefix for search as you type).
  /// A query that is only a citation the catalog lacks returns nothing rather
  /// than other authorities sharing its reporter; a case-name query
  /// (`X v. Y`, `Matter of X`) lists only cases. `limit` defaults to 10.
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    this.index ??= buildSearchIndex(this.byKey.values(), this.doctrineList);
    return searchCatalog(this, this.index, query, options);
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
