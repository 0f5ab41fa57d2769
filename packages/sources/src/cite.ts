import { tryCanonicalForKey, tryUrlsForKey } from "@glossa/citations";
import type { Catalog, Resolution } from "./catalog.ts";
import { canonicalWithPinpoint, unwrapKey } from "./keys.ts";
import { parsePinpoint } from "./text.ts";

/// What `citeLink` needs of a catalog: key resolution (the browser passes
/// the built-in catalog merged with team authorities fetched from the server).
export type Resolver = Pick<Catalog, "resolve">;

/// How a link to an authority reads wherever Glossa prints it — the app's
/// links, HTML, Markdown and Word exports, the table of authorities.
export interface LinkCitation {
  /// The citation at the pinpoint: `8 U.S.C. § 1158(a)`, `… art. 33(1), …`,
  /// `…, 509 U.S. 155, 187 (1993)`.
  canonical: string;
  /// The INA form of a Title 8 provision (`INA § 208(a)`).
  ina?: string;
  /// The authority's title; null when the catalog does not know it.
  title: string | null;
  known: boolean;
  /// The catalog key it resolves to (the key itself when unknown).
  authorityKey: string;
  /// Its official text at the pinpoint where the publisher has an anchor, else the authority's.
  url: string | null;
}

/// The key a link stands for: its key narrowed by its pinpoint where the
/// pinpoint reads as subdivisions of the authority (`art-33` + `1` →
/// `…/art-33/1`; `usc/8/1225` + `(b)(2)(C)` or `1225(b)(2)(C)` →
/// `usc/8/1225/b/2/C`). Pinpoints naming another section or article, and any
/// pinpoint of a case (a page), leave the key as it is.
export function linkKey(
  catalog: Resolver,
  key: string,
  pinpoint: string | null | undefined,
): string {
  const k = unwrapKey(key);
  if (!pinpoint?.trim()) return k;
  const r = catalog.resolve(k);
  if (r?.authority.kind === "case" || k.startsWith("case/")) return k;
  const parsed = parsePinpoint(pinpoint);
  const own = k.split("/").at(-1) ?? "";
  let path = [...parsed.path];
  if (parsed.article !== undefined && `art-${parsed.article}` !== own) {
    if (own.startsWith("art-")) return k;
    path = [`art-${parsed.article}`, ...path];
  }
  if (parsed.section !== undefined && parsed.section !== own) {
    if (path.length) return k;
    path = [parsed.section];
  }
  if (path[0] === own) path = path.slice(1);
  return path.length ? `${k}/${path.join("/")}` : k;
}

/// The citation of a resolved key; `page` is a case's pinpoint page (`187`).
export function citationOf(r: Resolution, page?: string | null): string {
  const pin = r.authority.kind === "case" && page?.trim() ? [page.trim()] : [];
  return pin.length ? canonicalWithPinpoint(r.authority, [...r.pinpoint, ...pin]) : r.canonical;
}

const engineCanonical = (key: string): string | null => tryCanonicalForKey(key);

const engineUrl = (key: string): string | null => tryUrlsForKey(key)?.[0] ?? null;

/// The one pinpoint formatting rule: a link (`key` + the pinpoint a person
/// typed) as the app shows it. Known authorities print their Bluebook form
/// narrowed to the pinpoint (`usc/8/1158` + `(a)` → `8 U.S.C. § 1158(a)`,
/// Refugee Convention art. 33 + `1` → `… art. 33(1), …`, a case + `187` →
/// `…, 509 U.S. 155, 187 (1993)`); keys the citation engine reads print its
/// form narrowed to the pinpoint when it can, else its form followed by the
/// pinpoint (a case's page after a comma); unreadable keys likewise.
export function citeLink(
  catalog: Resolver,
  key: string,
  pinpoint: string | null | undefined,
): LinkCitation {
  const base = unwrapKey(key);
  const narrowed = linkKey(catalog, base, pinpoint);
  const r = catalog.resolve(narrowed);
  if (r) {
    const urls = r.urls;
    const out: LinkCitation = {
      canonical: citationOf(r, pinpoint),
      title: r.authority.title,
      known: true,
      authorityKey: r.key,
      url: (urls.find((u) => u.official) ?? urls[0])?.url ?? null,
    };
    if (r.ina) out.ina = r.ina;
    return out;
  }
  const pin = pinpoint?.trim() ?? "";
  const exact = narrowed !== base ? engineCanonical(narrowed) : null;
  const plain = engineCanonical(base) ?? base;
  // A case the catalog lacks still takes its page the Bluebook way: `999 F.4th 1, 5`.
  const canonical =
    exact ?? (!pin ? plain : base.startsWith("case/") ? `${plain}, ${pin}` : `${plain} ${pin}`);
  return {
    canonical,
    title: null,
    known: false,
    authorityKey: base,
    url: engineUrl(narrowed) ?? engineUrl(base),
  };
}
