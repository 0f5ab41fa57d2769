/// Renumbered INA sections read as they stood when cited: a pass over the
/// extracted citations that gives `dated` (and the current provision's
/// equivalents and links) to a citation of an old number whose date — its
/// own year, a case of the same paragraph, or the document's — is before the
/// renumbering. The table is `RENUMBERED` in crosswalk.ts.
import { RENUMBERED, type Renumbering } from "./crosswalk.ts";
import { canonicalForKey, equivalentsForKey } from "./keys.ts";
import { urlsForKey } from "./links.ts";
import type { Citation, DatedMeaning } from "./types.ts";

/// A code edition after a cite: `(1994)`, `(1994 ed.)`, `(1994 ed. & Supp. V)`.
const EDITION = /^\s{0,2}\((?<year>\d{4})(?:\s{1,2}ed\.)?(?:\s{0,2}&\s{0,2}Supp\.?[^)]{0,16})?\)/;
/// How far a case's year reaches: the same paragraph, within this many characters.
const CONTEXT_REACH = 600;

/// Any key a row covers (a cheap test before `renumberingFor`).
const COVERED = new RegExp(
  `(?:^|>)(?:${RENUMBERED.flatMap((r) => [`ina/${r.ina.join("/")}`, `usc/8/${r.usc.join("/")}`]).join("|")})(?:/|$)`,
);

/// A look at the key's scheme before the regex: most keys are not INA or Title 8.
const mayBeRenumbered = (key: string): boolean =>
  (key.includes("ina/") || key.includes("usc/8/")) && COVERED.test(key);

/// The renumbering row a key falls under, if any.
export function renumberingFor(key: string): Renumbering | undefined {
  const arrow = key.indexOf("->");
  const segs = (arrow >= 0 ? key.slice(arrow + 2) : key).split("/");
  for (const r of RENUMBERED) {
    const want =
      segs[0] === "ina" ? ["ina", ...r.ina] : segs[0] === "usc" ? ["usc", "8", ...r.usc] : null;
    if (want?.every((w, i) => segs[i] === w)) return r;
  }
  return undefined;
}

/// The key of the provision now: the row's, with the cited levels below the
/// row's appended when the provision moved whole (`carry`).
function nowKey(key: string, row: Renumbering): string {
  if (!row.carry) return row.now;
  const arrow = key.indexOf("->");
  const segs = (arrow >= 0 ? key.slice(arrow + 2) : key).split("/");
  const below = segs.slice(segs[0] === "ina" ? 1 + row.ina.length : 2 + row.usc.length);
  return below.length ? `${row.now}/${below.join("/")}` : row.now;
}

/// Whether `date` (a year or an ISO date) is before `until`; undefined for
/// the year of `until` itself, which says neither.
function before(date: string, until: string): boolean | undefined {
  if (date.length > 4) return date < until;
  const y = Number(date);
  const u = Number(until.slice(0, 4));
  return y < u ? true : y > u ? false : undefined;
}

/// The year of the case cited nearest to `out[i]` in its paragraph, if any.
function contextYear(text: string, out: readonly Citation[], i: number): string | undefined {
  const c = out[i]!;
  const from = Math.max(text.lastIndexOf("\n", c.start) + 1, c.start - CONTEXT_REACH);
  let to = text.indexOf("\n", c.end);
  if (to < 0 || to > c.end + CONTEXT_REACH) to = c.end + CONTEXT_REACH;
  let best: Citation | undefined;
  let dist = Number.POSITIVE_INFINITY;
  for (let j = i - 1; j >= 0 && out[j]!.end >= from; j--) {
    const o = out[j]!;
    if (o.year !== undefined && o.kind.startsWith("case") && c.start - o.end < dist) {
      best = o;
      dist = c.start - o.end;
      break;
    }
  }
  for (let j = i + 1; j < out.length && out[j]!.start <= to; j++) {
    const o = out[j]!;
    if (o.year !== undefined && o.kind.startsWith("case")) {
      if (o.start - c.end < dist) best = o;
      break;
    }
  }
  return best?.year !== undefined ? String(best.year) : undefined;
}

/// A cite's own year or code edition.
const ownYear = (text: string, c: Citation): string | undefined =>
  c.year !== undefined ? String(c.year) : EDITION.exec(text.slice(c.end, c.end + 40))?.groups?.year;

/// The year of a parallel cite of the same old provision written right after
/// this one (`section 106 of the INA, 8 U.S.C. 1105a (1994)`).
function parallelYear(
  text: string,
  out: readonly Citation[],
  i: number,
  row: Renumbering,
): string | undefined {
  const next = out[i + 1];
  if (!next || !/^[\s,;(]{0,4}$/.test(text.slice(out[i]!.end, next.start))) return undefined;
  return renumberingFor(next.key) === row ? ownYear(text, next) : undefined;
}

/// Gives `dated` to the citations of renumbered provisions cited from before
/// the renumbering (see the module comment). Changes `out` in place.
export function dateRenumbered(text: string, out: Citation[], asOf: string | undefined): void {
  for (let i = 0; i < out.length; i++) {
    const c = out[i]!;
    const row = mayBeRenumbered(c.key) ? renumberingFor(c.key) : undefined;
    if (!row) continue;
    const own = ownYear(text, c) ?? parallelYear(text, out, i, row);
    const evidence: Array<[string | undefined, DatedMeaning["source"]]> = [
      [own, "citation"],
      [row.byContext === false ? undefined : contextYear(text, out, i), "context"],
      [asOf, "document"],
    ];
    for (const [date, source] of evidence) {
      const was = date === undefined ? undefined : before(date, row.until);
      if (was === undefined) continue;
      if (was) {
        const now = nowKey(c.key, row);
        c.dated = {
          asOf: date!,
          source,
          meaning: row.meaning,
          until: row.until,
          by: row.by,
          now,
          nowCanonical: canonicalForKey(now),
        };
        c.equivalents = [now, ...equivalentsForKey(now)];
        c.urls = urlsForKey(now);
      }
      break;
    }
  }
}
