import type { LinkRelation } from "@glossa/annotations";
import type { RouteAnswer } from "@glossa/api";
import {
  type Authority,
  builtinCatalog,
  Catalog,
  canonicalWithPinpoint,
  citeLink,
  formatPinpoint,
  locatePinpoint,
  type Resolver,
  renderText,
  SEARCH_TIERS,
  type SearchTier,
  linkKey as sharedLinkKey,
  suggestSources,
  unwrapKey,
} from "@glossa/sources";
import { ApiError, api } from "../api.ts";
import { has, t } from "../i18n/index.ts";

/// The built-in catalog, in the browser: instant search and citation forms.
/// Team authorities live on the server and are merged in from the API.
export const catalog = builtinCatalog();

/// An authority offered in a search or as a suggestion, ready to link.
export interface SourceOption {
  key: string;
  /// Pinpoint as a person writes it (`(b)(2)(C)`, `(1)`, `fr. V`), empty for none.
  pinpoint: string;
  /// Citation at the pinpoint (`8 U.S.C. § 1225(b)(2)(C)`).
  canonical: string;
  title: string;
  /// Why it is offered (`Non-refoulement · establishes`, `citation`, `team authority`).
  why: string;
  relation: LinkRelation;
  origin: "builtin" | "team";
  /// How the search matched (`SEARCH_TIERS`), for merging local and server hits.
  tier?: SearchTier;
}

/// How a linked authority reads: its citation at the pinpoint, its INA form,
/// its title; `authorityKey` is the catalog key it resolves to.
export interface LinkDescription {
  canonical: string;
  ina?: string;
  title: string;
  known: boolean;
  authorityKey: string;
}

/// Writes pinpoint segments the way a person types them: `(b)(2)(C)`,
/// `(1)`, `fr. V`, `concl. III(5)`, a case's page `187`.
export function humanPinpoint(key: string, segments: readonly string[]): string {
  if (!segments.length) return "";
  return formatPinpoint(key, segments).trim().replace(/^,\s*/, "");
}

/// Team authorities the server sent (`GET /api/sources/:key`).
const teamCatalog = new Catalog({ builtins: false, doctrines: [] });
/// The built-in catalog and the team authorities fetched so far, as the
/// server's catalog resolves keys.
const resolver: Resolver = {
  resolve: (key) => catalog.resolve(key) ?? teamCatalog.resolve(key),
};

/// The key a link stands for, narrowed by its pinpoint where the pinpoint
/// reads as subdivisions (`art-33` + `1` → `…/art-33/1`; `usc/8/1225` +
/// `(b)(2)(C)` → `usc/8/1225/b/2/C`): `linkKey` of `@glossa/sources`, the
/// rule the server's table of authorities and exports use.
export function linkKey(key: string, pinpoint: string | null | undefined): string {
  return sharedLinkKey(resolver, key, pinpoint);
}

/// Team authorities fetched from the server, by key (null: the server does not know it).
const remote = new Map<string, SourceView | null>();
const pending = new Map<string, Promise<SourceView | null>>();

/// Drops what this browser holds of the team authority `key`, after it was
/// added, edited or deleted here, so links and the pane read it again.
export function forgetSource(key: string): void {
  remote.delete(key);
  if (teamCatalog.get(key)?.key === key) teamCatalog.remove(key);
}

/// Describes a link for display with `citeLink` of `@glossa/sources` (the
/// one pinpoint formatting of the app, the exports and the table of
/// authorities). Built-in authorities answer at once; a team authority is
/// fetched once and `onLoaded` is called when it arrives.
export function describeLink(
  key: string,
  pinpoint: string | null | undefined,
  onLoaded?: () => void,
): LinkDescription {
  const base = unwrapKey(key);
  const c = citeLink(resolver, base, pinpoint);
  if (!c.known && !remote.has(base) && onLoaded && !base.startsWith("id->")) {
    void loadSource(base).then((v) => {
      if (v) onLoaded();
    });
  }
  const out: LinkDescription = {
    canonical: c.canonical,
    title: c.title ?? t("sources.notInCatalog"),
    known: c.known,
    authorityKey: c.authorityKey,
  };
  if (c.ina) out.ina = c.ina;
  return out;
}

/// Where a link's or a citation's key lands in the catalog (for "every place
/// that relies on it"): the catalog key, or the key itself when unknown.
export function authorityKeyOf(key: string, pinpoint?: string | null): string {
  const narrowed = linkKey(key, pinpoint);
  return catalog.resolve(narrowed)?.key ?? remote.get(unwrapKey(key))?.authority.key ?? narrowed;
}

// ---- search ---------------------------------------------------------------

const relationFor = (doctrineRelation: string | undefined): LinkRelation =>
  doctrineRelation === "defines" ? "defines" : "supports";

/// How a passage relates to its source, in the interface language.
export const relationLabel = (r: string): string =>
  has(`sources.relation.${r}`) ? t(`sources.relation.${r as "cites"}`) : r;

/// A kind of authority in words ("Statute", "Court filing"), in the
/// interface language.
export const kindLabel = (kind: string): string =>
  has(`sources.kind.${kind}`) ? t(`sources.kind.${kind as "case"}`) : kind;

function doctrineName(id: string | undefined): string | undefined {
  return id ? (catalog.doctrine(id)?.name ?? id) : undefined;
}

function whyMatched(matched: readonly string[], kind: string): string {
  const parts: string[] = [kindLabel(kind)];
  const doctrine = matched.find((m) => m.startsWith("doctrine:"));
  if (matched.includes("citation")) parts.push(t("sources.why.citation"));
  else if (doctrine) parts.push(doctrineName(doctrine.slice(9)) ?? t("sources.why.doctrine"));
  else if (matched.includes("text")) parts.push(t("sources.why.text"));
  return parts.join(" · ");
}

/// Searches the built-in catalog at once (by citation, name, title, words of
/// the text, doctrine — ranked by the catalog).
export function searchLocal(query: string, limit = 8): SourceOption[] {
  return catalog.search(query, { limit }).map((hit) => ({
    key: hit.key,
    pinpoint: humanPinpoint(hit.key, hit.pinpoint),
    canonical: hit.canonical,
    title: hit.authority.title,
    why: whyMatched(hit.matched, hit.authority.kind),
    relation: "supports",
    origin: "builtin",
    tier: hit.tier,
  }));
}

/// Searches the server (built-in and team authorities). Team authorities are
/// what it adds to `searchLocal`.
export async function searchRemote(query: string, limit = 8): Promise<SourceOption[]> {
  const res = await api("GET /api/sources", { query: { q: query, limit } });
  return res.results.map((r) => ({
    key: r.key,
    pinpoint: humanPinpoint(r.key, r.pinpoint ?? []),
    canonical: r.cite ?? r.canonical,
    title: r.title,
    why:
      r.origin === "team"
        ? `${kindLabel(r.kind)} · ${t("sources.why.team")}`
        : whyMatched(r.matched ?? [], r.kind),
    relation: "supports",
    origin: r.origin,
    ...(r.tier ? { tier: r.tier } : {}),
  }));
}

/// Merges local and server results: by tier (a team authority whose citation
/// or name is the query comes before built-in word matches), local order
/// first within a tier, team authorities after.
export function mergeResults(local: SourceOption[], server: SourceOption[]): SourceOption[] {
  const seen = new Set(local.map((o) => `${o.key}|${o.pinpoint}`));
  const rank = (o: SourceOption) => SEARCH_TIERS.indexOf(o.tier ?? "words");
  return [...local, ...server.filter((o) => !seen.has(`${o.key}|${o.pinpoint}`))]
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
}

/// The authorities to offer for a claim's words: citations in them first,
/// then the sources of the doctrines they name (`suggestSources`).
export function suggestionsFor(text: string): SourceOption[] {
  const { authorities } = suggestSources(text, catalog);
  return authorities.map((s) => {
    const segs = s.pinpoint ? s.pinpoint.split("/") : [];
    const doctrine = doctrineName(s.doctrine);
    return {
      key: s.key,
      pinpoint: humanPinpoint(s.key, segs),
      canonical: canonicalWithPinpoint(s.authority, segs),
      title: s.authority.title,
      why: doctrine
        ? `${doctrine}${s.relation ? ` · ${relationLabel(s.relation)}` : ""}`
        : t("sources.why.quoted"),
      relation: relationFor(s.relation),
      origin: "builtin" as const,
    };
  });
}

// ---- reading a source -----------------------------------------------------

/// An authority as the source pane shows it: `GET /api/sources/:key`, its
/// authority read as the catalog's `Authority` that the server serialises.
export type SourceView = Omit<RouteAnswer<"GET /api/sources/:key">, "authority"> & {
  authority: Authority;
};

async function loadSource(key: string): Promise<SourceView | null> {
  if (remote.has(key)) return remote.get(key) ?? null;
  let p = pending.get(key);
  if (!p) {
    p = (api("GET /api/sources/:key", { key }) as Promise<SourceView>).then(
      (v) => {
        remote.set(key, v);
        if (v.authority.origin === "team" && !teamCatalog.get(v.authority.key)) {
          try {
            teamCatalog.add(v.authority);
          } catch {
            /* an authority this browser's validation refuses: shown by its key */
          }
        }
        return v;
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 404) remote.set(key, null);
        return null;
      },
    );
    pending.set(key, p);
    void p.finally(() => pending.delete(key));
  }
  return p;
}

/// Opens an authority at a pinpoint: asks the server (which knows the team's
/// authorities and locates pinpoints such as `art. 33` ¶ `1`), and falls
/// back to the built-in catalog when the server cannot be reached. Null when
/// nothing in the catalog answers to the key.
export async function openSource(key: string, pinpoint: string | null): Promise<SourceView | null> {
  try {
    return (await api("GET /api/sources/:key", {
      key: unwrapKey(key),
      query: { pinpoint: pinpoint?.trim() || undefined },
    })) as SourceView;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    if (err instanceof ApiError && err.status !== 0) throw err;
    return openLocal(key, pinpoint);
  }
}

/// `openSource` from the built-in catalog alone.
export function openLocal(key: string, pinpoint: string | null): SourceView | null {
  const r = catalog.resolve(linkKey(key, pinpoint));
  if (!r) return null;
  const text = r.authority.text ? renderText(r.authority.text).text : null;
  const location = r.pinpoint.length ? locatePinpoint(r.authority, r.pinpoint) : null;
  const resolution: SourceView["resolution"] = {
    requested: key,
    key: r.key,
    via: r.via,
    pinpoint: r.pinpoint,
    canonical: r.canonical,
    urls: r.urls,
  };
  if (r.ina) resolution.ina = r.ina;
  return { authority: r.authority, resolution, text, location };
}

/// A citation key split into the authority it names and its pinpoint, for a
/// link: `ina/235/b/2/C` → `ina/235` + `(b)(2)(C)`; a case keeps its key and
/// takes the cited page. Keys the catalog does not know stay whole.
export function splitCitationKey(
  key: string,
  pinpoint: string | undefined,
): { key: string; pinpoint: string | null } {
  const k = unwrapKey(key);
  const r = catalog.resolve(k);
  if (!r) return { key: k, pinpoint: pinpoint ?? null };
  if (r.authority.kind === "case") return { key: k, pinpoint: pinpoint ?? null };
  const segs = k.split("/");
  const n = r.pinpoint.length;
  if (n && segs.slice(-n).join("/") === r.pinpoint.join("/")) {
    const base = segs.slice(0, -n).join("/");
    return { key: base, pinpoint: humanPinpoint(base, r.pinpoint) };
  }
  return { key: k, pinpoint: pinpoint ?? null };
}
