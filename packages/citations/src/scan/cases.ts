/// Cases and journals: "Matter of A-B-, 27 I&N Dec. 316 (A.G. 2018)",
/// parallel cites, "509 U.S. at 187", "101 Harv. L. Rev. 1".
import { formatKey } from "../keyGrammar.ts";
import type { Citation } from "../types.ts";
import { caseNameBefore } from "./caseNames.ts";
import type { FullCase } from "./memory.ts";
import type { Extra, Scanner } from "./scanner.ts";
import { NEW_CITE_AHEAD, YEAR_PAREN } from "./sectionList.ts";
import { PIN } from "./statutes.ts";

const PAGE = /(?<page>\d{1,7})(?![\d])/y;
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
/// A slip opinion's pinpoint may be blank: "560 U. S., at ___".
const PIN_AT = /(?<pin>\*{0,2}\d{1,5}(?:\s?[-–]\s?\d{1,5})?(?:\s?n\.\s?\d{1,3})?(?![\d])|_{3,})/y;
/// The court (possibly with a date) and the year.
const CASE_PAREN = /\s{0,2}\((?<court>[^()\n]{0,60}?)\s?(?<year>\d{4})\)/y;
const MONTH_DAY =
  /,?\s*(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},?\s*$/;

/// A page at `e`, then an optional pinpoint: the start of every paged cite.
export function pageAndPin(
  s: Scanner,
  e: number,
): { page: string; end: number; pin?: string } | null {
  const m = s.exec(PAGE, e);
  if (!m) return null;
  const end = PAGE.lastIndex;
  const pin = s.exec(PIN, end);
  if (pin && !s.test(NEW_CITE_AHEAD, PIN.lastIndex)) {
    return { page: m.groups!.page!, end: PIN.lastIndex, pin: pin.groups!.pin! };
  }
  return { page: m.groups!.page!, end };
}

/// "509 U.S. at 187": resolved against the full cites of that volume.
export function shortCase(s: Scanner, p: number, vol: string, reporter: string, e: number): number {
  const m = s.exec(PIN_AT, e);
  if (!m) return -1;
  const end = PIN_AT.lastIndex;
  const pin = m.groups!.pin!;
  const nameBefore = s.text.slice(Math.max(0, p - 80), p);
  const pinPage = Number.parseInt(pin.replace(/^\*+/, ""), 10);
  const full = resolveShortCase(s.mem.casesIn(vol, reporter), pinPage, nameBefore);
  const key = full ? full.key : formatKey({ scheme: "case", volume: vol, reporter });
  s.emit("case_short", p, end, key, {
    pinpoint: pin,
    ...(full
      ? {
          antecedent: full.key,
          ...(full.name ? { caseName: full.name } : {}),
          canonical: `${full.name ? `${full.name}, ` : ""}${vol} ${reporter} ${full.page}, ${pin}`,
        }
      : {}),
  });
  return end;
}

/// Court and year of "(9th Cir. 2019)", "(B.I.A. Jan. 5, 2018)".
function caseParen(s: Scanner, end: number): { end: number; court?: string; year?: number } {
  const paren = s.exec(CASE_PAREN, end);
  if (!paren) return { end };
  const written = paren.groups!.court!;
  const ct =
    written === ""
      ? ""
      : written
          .replace(MONTH_DAY, "")
          .replace(/[,\s]+$/, "")
          .trim();
  return {
    end: CASE_PAREN.lastIndex,
    year: Number(paren.groups!.year),
    ...(ct !== "" ? { court: ct === "B.I.A." ? "BIA" : ct } : {}),
  };
}

/// A full case cite "509 U.S. 155, 187 (1993)" at the volume `p`.
export function caseCite(s: Scanner, p: number, vol: string, reporter: string, e: number): number {
  const pp = pageAndPin(s, e);
  // "830 N.W.2s 335", a typo for "2d": "2s" is no page.
  if (!pp || isAsciiLetter(s.text.charCodeAt(e + pp.page.length))) return -1;
  const { page } = pp;
  const { end, court, year } = caseParen(s, pp.end);
  const key = formatKey({ scheme: "case", volume: vol, reporter, page });
  // Parallel cite: directly after another full case cite and a comma.
  const prev = s.last();
  let name: string | undefined;
  let group: Citation[] = [];
  if (prev?.kind === "case_full" && /^,\s{0,2}$/.test(s.text.slice(prev.end, p))) {
    name = prev.caseName;
    group = s.parallel[s.parallel.length - 1] === prev ? s.parallel : [prev];
  } else {
    name = caseNameBefore(s.text, p);
  }
  const when = year !== undefined ? ` (${court ? `${court} ` : ""}${year})` : "";
  const extra: Extra = {
    canonical: `${name ? `${name}, ` : ""}${vol} ${reporter} ${page}${pp.pin ? `, ${pp.pin}` : ""}${when}`,
  };
  if (pp.pin) extra.pinpoint = pp.pin;
  if (name) extra.caseName = name;
  if (year !== undefined) extra.year = year;
  if (court !== undefined) extra.court = court;
  if (group.length) extra.equivalents = group.map((g) => g.key);
  const c = s.emit("case_full", p, end, key, extra);
  s.parallel = year === undefined ? [...group, c] : [];
  for (const g of group) {
    g.equivalents = [...g.equivalents, key];
    if (year !== undefined && g.year === undefined) {
      g.year = year;
      if (court !== undefined) g.court = court;
      g.canonical = `${g.canonical}${when}`;
    }
  }
  s.mem.addCase({ key, volume: vol, reporter, page: Number(page), name: name ?? "" });
  s.mem.addSupraTarget(key, (name ?? "").toLowerCase());
  return end;
}

/// Words of many case names, which tell no two cases apart.
const GENERIC_NAME_WORDS = new Set([
  "matter",
  "the",
  "united",
  "states",
  "state",
  "people",
  "commissioner",
  "ex rel.",
  "rel.",
  "see",
  "also",
  "cf.",
]);

/// Which full cite of a volume a short cite means: the only one, else the one
/// whose name precedes it, else the nearest at or below the pinpoint.
function resolveShortCase(
  cands: readonly FullCase[],
  pin: number,
  before: string,
): FullCase | null {
  if (cands.length === 0) return null;
  if (cands.length === 1) return cands[0]!;
  const nm = /(?<name>[A-Z][\w'’\-.&]*(?:\s[\w'’\-.&]+){0,4}),\s{0,2}$/.exec(before);
  if (nm) {
    // "Matter of P-B-B-, 28 I&N Dec. at 46": the distinctive words, not "Matter".
    const words = nm
      .groups!.name!.toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 2 && !GENERIC_NAME_WORDS.has(w));
    const hit = [...cands]
      .reverse()
      .find((c) => words.some((w) => c.name.toLowerCase().includes(w)));
    if (hit) return hit;
  }
  const below = cands.filter((c) => c.page <= pin);
  const pool = below.length ? below : cands;
  return pool.reduce((a, b) => (b.page > a.page ? b : a));
}

/// "101 Harv. L. Rev. 1, 5 (1987)".
export function journal(s: Scanner, p: number, vol: string, name: string, e: number): number {
  const pp = pageAndPin(s, e);
  if (!pp) return -1;
  let end = pp.end;
  const extra: Extra = pp.pin ? { pinpoint: pp.pin } : {};
  const yr = s.exec(YEAR_PAREN, end);
  if (yr) {
    extra.year = Number(yr.groups!.year);
    end = YEAR_PAREN.lastIndex;
  }
  const key = formatKey({ scheme: "journal", volume: vol, journal: name, page: pp.page });
  s.emit("journal", p, end, key, extra);
  const prevEnd = s.out.length > 1 ? s.out[s.out.length - 2]!.end : 0;
  s.mem.addSupraTarget(key, s.text.slice(Math.max(prevEnd, p - 160), p).toLowerCase());
  return end;
}

const TC_NUMBER =
  /\s?(?<year>(?:19|20)\d{2})\s?[-–]\s?(?<num>\d{1,4})(?![\d])(?:,\s?at\s(?<pin>\*{0,2}\d{1,4}(?:\s?[-–]\s?\*{0,2}\d{1,4})?)(?![\d]))?/y;

/// "Smith v. Commissioner, T.C. Memo. 2011-12, at *3": the Tax Court's
/// memorandum and summary opinions, numbered by year (`case/2011/T.C. Memo./12`).
export function atTaxCourtNumbered(s: Scanner, p: number, tok: string): number {
  const m = s.exec(TC_NUMBER, p + tok.length);
  if (!m) return p + tok.length;
  const { year, num, pin } = m.groups as Record<string, string | undefined>;
  const reporter = /Memo/.test(tok) ? "T.C. Memo." : "T.C. Summ. Op.";
  const name = caseNameBefore(s.text, p);
  const key = formatKey({ scheme: "case", volume: year!, reporter, page: num! });
  s.emit("case_full", p, TC_NUMBER.lastIndex, key, {
    ...(pin ? { pinpoint: pin } : {}),
    ...(name ? { caseName: name } : {}),
    year: Number(year),
    court: "T.C.",
    canonical: `${name ? `${name}, ` : ""}${reporter} ${year}-${num}${pin ? `, at ${pin}` : ""}`,
  });
  s.mem.addSupraTarget(key, (name ?? "").toLowerCase());
  return TC_NUMBER.lastIndex;
}
