/// The grammar statutes, regulations and state codes share after their
/// title: a section number, its subsections, lists and ranges of further
/// sections, and a closing "et seq.", "note" or year.
import type { CitationKind } from "../types.ts";
import { type Extra, isDigit, type Scanner } from "./scanner.ts";

const SUBS = /(?:\((?:[A-Za-z]{1,5}|\d{1,4})\)){1,10}/y;
/// The number, then a hyphenated part.
const SEC_USC =
  /(?<num>\d{1,6}(?:[A-Za-z]{1,4}(?![A-Za-z]))?)(?<hyphen>[-–]\d{1,4}[A-Za-z]{0,2}(?![\w]))?/y;
const SEC_CFR =
  /\d{1,4}[A-Za-z]?(?:\.\d{1,5}[a-z]{0,3}(?:[-–]\d{1,3}[A-Z]?(?!\d|\.\d))?)?(?![\w])/y;
const SEC_CFR_ABBR = /\.(?<num>\d{1,5}[a-z]{0,3})(?![\w])/y;
const SPACED_SUB = / (?=\((?:[a-z]{1,4}|\d{1,2})\)(?!\w))/y;
const SEC_STATE = /\d[\dA-Za-z]{0,6}(?:[.:\-–][\dA-Za-z]{1,7}){0,4}/y;
/// A dash or "through": a range.
const SEP =
  /(?:\s*,\s*(?:and\s+|or\s+|&\s*)?|\s(?:and|or|&)\s+|\s*(?<dash>–|—|--?)\s*|\s+(?<through>through|thru|to)\s+)/y;
/// An explanatory parenthetical after a list member: words with a space, not
/// a number or a subsection ("(granting power to Board)", never "(1994)", "(ii)").
const NOTE = / \((?!\d)(?=[^()]{0,80}\s)[^()]{2,80}\)/y;
/// Something that opens a new citation right after a list item.
/// ("RIN 1615–AC42" after a Federal Register heading's parts is no cite).
export const NEW_CITE_AHEAD = /\s{1,3}(?:§|[A-Z][A-Za-z']{0,6}\.|(?!RIN\s)[A-Z]{2,5}\s)/y;
const SUFFIX = /\s+(?:(?<etSeq>et\.?\s+seq\.?)|note(?![\w]))/y;
export const YEAR_PAREN = /\s\((?:Supp\.\s[IVX]{1,4}\s)?(?<year>\d{4})\)/y;
/// "§", "§§", "sec.", "sections" before a number.
export const MARKER = /(?<marker>§§?|[Ss]ecs?\.|[Ss]ections?)\s{0,2}/y;

/// "(b)(2)(C)" → ["b", "2", "C"] (the text matched SUBS).
const levels = (subs: string): string[] => subs.slice(1, -1).split(")(");

/// One section of a list, with its subsections.
export interface Item {
  start: number;
  end: number;
  section: string;
  subs: string[];
  /// Continues the previous item ("(2)" after "(b)(1)", or a range end).
  joint?: boolean;
  /// Only subsections ("(d)" in "§ 1158(a)(2) and (d)", "(III)" in
  /// "(ii)(I)–(III)"): a further pinpoint of the item before, not a citation.
  pin?: boolean;
  /// Where the item's subsections begin.
  subsAt: number;
}

/// How section numbers are read: U.S.C./INA, C.F.R. (dotted), state codes.
export type Mode = "usc" | "cfr" | "state";

/// Whether a marker or keyword announces several sections ("§§", "secs.").
export const isPlural = (marker: string): boolean => marker === "§§" || /s\.?$/.test(marker);

/// Whether "-N" after a section number in a list ends a range ("§§ 2201–2202",
/// "7 U.S.C. 601–674", "467h–467j") rather than continuing the number
/// ("1962d–16", "2000e-2", "1440-1"): only to a number at least the first's.
const isRangeEnd = (num: string, hyphen: string): boolean => {
  const from = /^\d+/.exec(num)![0];
  const to = /^.(?<to>\d+)(?<letters>[A-Za-z]*)$/.exec(hyphen)?.groups;
  if (!to) return false;
  const [n, m] = [Number(from), Number(to.to)];
  return from === num ? to.letters === "" && m > n : m === n && to.letters !== "";
};

/// Parses a section, its subsections, then further list items and range ends.
export function parseList(s: Scanner, pos: number, mode: Mode, multi: boolean): Item[] | null {
  const first = item(s, pos, mode, null, multi);
  if (!first) return null;
  const items = [first];
  let prev = first;
  // A Federal Register rule's heading lists up to ~70 parts ("8 CFR Parts 1,
  // 3, 101, … 1337", 68 FR 9824); each item consumes text, so the cap is no
  // guard against time, only against a runaway list.
  for (let n = 0; n < 120; n++) {
    // "§§ 1003.2(a) (granting power to Board), 1003.23(b)(1)": a note between members.
    const note = multi && s.text.charCodeAt(prev.end + 1) === 40 ? s.exec(NOTE, prev.end) : null;
    const sm = s.exec(SEP, note ? NOTE.lastIndex : prev.end);
    if (!sm) break;
    const isRange = sm.groups!.dash !== undefined || sm.groups!.through !== undefined;
    const q = SEP.lastIndex;
    const ch = s.text.charCodeAt(q);
    let it: Item | null = null;
    if (ch === 40 /* ( */) {
      it = continuation(s, q, prev);
    } else if (isDigit(ch) || (ch === 46 && mode === "cfr")) {
      if (!multi && !isRange) break;
      it = item(s, q, mode, prev, multi);
    }
    if (!it) break;
    if (s.test(NEW_CITE_AHEAD, it.end)) break;
    if (mode === "cfr" && isRange) abbreviatedEnd(prev, it);
    if (ch === 40 || isRange) it.joint = true;
    if (ch === 40) it.pin = true;
    items.push(it);
    prev = it;
  }
  return items;
}

/// "385.2001–2005": a range end written without its part is the part's section.
function abbreviatedEnd(prev: Item, it: Item): void {
  const dot = prev.section.indexOf(".");
  if (dot < 0 || it.section.includes(".")) return;
  const from = prev.section.slice(dot + 1);
  if (
    /^\d+$/.test(from) &&
    it.section.length === from.length &&
    Number(it.section) > Number(from)
  ) {
    it.section = `${prev.section.slice(0, dot)}.${it.section}`;
  }
}

/// The section number at `pos` in the given mode, and where it ends.
function sectionAt(
  s: Scanner,
  pos: number,
  mode: Mode,
  prev: Item | null,
  multi: boolean,
): { section: string; end: number } | null {
  if (mode === "usc") {
    const m = s.exec(SEC_USC, pos);
    if (!m) return null;
    const num = m.groups!.num!;
    const hyphen = m.groups!.hyphen;
    const hyphenated = hyphen !== undefined && (!multi || !isRangeEnd(num, hyphen));
    return {
      section: num + (hyphenated ? `-${hyphen.slice(1)}` : ""),
      end: hyphenated || hyphen === undefined ? SEC_USC.lastIndex : pos + num.length,
    };
  }
  if (mode === "cfr") {
    if (s.text.charCodeAt(pos) === 46) {
      // "§§ 208.16–.18": the part is the previous item's.
      const m = s.exec(SEC_CFR_ABBR, pos);
      if (!m || !prev) return null;
      const dot = prev.section.indexOf(".");
      const part = dot >= 0 ? prev.section.slice(0, dot) : prev.section;
      return { section: `${part}.${m.groups!.num}`, end: SEC_CFR_ABBR.lastIndex };
    }
    const m = s.exec(SEC_CFR, pos);
    return m ? { section: m[0].replace("–", "-"), end: SEC_CFR.lastIndex } : null;
  }
  const m = s.exec(SEC_STATE, pos);
  if (!m) return null;
  const section = m[0].replace(/[.:\-–]+$/, "");
  return { section, end: pos + section.length };
}

function item(s: Scanner, pos: number, mode: Mode, prev: Item | null, multi: boolean): Item | null {
  const sec = sectionAt(s, pos, mode, prev, multi);
  if (!sec) return null;
  let end = sec.end;
  let section = sec.section;
  // "26 C.F.R. § 1.1031(k)-1", "§ 301.6231(a)(3)-1(a)(4)": Treasury regulations
  // number a section after the Code subsection it serves; the parentheses
  // before "-1" are part of the section number.
  if (mode === "cfr" && s.text.charCodeAt(end) === 40) {
    const tm = s.exec(TREASURY_SUFFIX, end);
    if (tm) {
      section += tm[0];
      end = TREASURY_SUFFIX.lastIndex;
    }
  }
  const subsAt = end;
  // "8 C.F.R. 208.16 (c)": one space before a subsection (a letter or a short
  // number in parentheses; never a year).
  if (s.text.charCodeAt(end) === 32 && s.test(SPACED_SUB, end)) end++;
  // A cheap look at the "(" before the pattern: most sections have no subsection.
  const sm = s.text.charCodeAt(end) === 40 ? s.exec(SUBS, end) : null;
  if (sm) end = SUBS.lastIndex;
  return { start: pos, end, section, subs: sm ? levels(sm[0]) : [], subsAt };
}

const TREASURY_SUFFIX = /(?:\((?:[a-z]{1,2}|\d{1,2})\)){1,3}[-–]\d{1,2}T?(?![\d])/y;

/// Class of a subsection level: 0 lower-case letter or roman, 1 digit, 2 capital.
const levelClass = (s: string): number => (/^\d/.test(s) ? 1 : /^[A-Z]/.test(s) ? 2 : 0);

/// "(2)" after "(b)(1)": replaces the level of the same class.
function continuation(s: Scanner, pos: number, prev: Item): Item | null {
  const sm = s.exec(SUBS, pos);
  if (!sm) return null;
  const add = levels(sm[0]);
  const head = add[0]!;
  const isRoman = /^[ivx]+$/.test(head);
  let at = -1;
  for (let i = prev.subs.length - 1; i >= 0; i--) {
    if (levelClass(prev.subs[i]!) !== levelClass(head)) continue;
    if (levelClass(head) === 0 && !(isRoman && i >= 3) && i !== 0) continue;
    at = i;
    break;
  }
  if (at < 0) return null;
  return {
    start: pos,
    end: SUBS.lastIndex,
    subsAt: pos,
    section: prev.section,
    subs: [...prev.subs.slice(0, at), ...add],
  };
}

/// Suffix ("et seq.", "note") and year parenthetical after the last item.
function tail(s: Scanner, end: number): { end: number; suffix?: "note" | "et-seq"; year?: number } {
  let e = end;
  let suffix: "note" | "et-seq" | undefined;
  const m = s.exec(SUFFIX, e);
  if (m) {
    suffix = m.groups!.etSeq ? "et-seq" : "note";
    e = SUFFIX.lastIndex;
  }
  const y = s.exec(YEAR_PAREN, e);
  if (y) {
    return {
      end: YEAR_PAREN.lastIndex,
      ...(suffix ? { suffix } : {}),
      year: Number(y.groups!.year),
    };
  }
  return suffix ? { end: e, suffix } : { end: e };
}

/// Items in citations: each item with the subsection-only items after it
/// ("1158(a)(2)" and "(d)"), which are its further pinpoints.
function grouped(items: Item[]): Item[][] {
  const out: Item[][] = [];
  for (const it of items) {
    const g = out[out.length - 1];
    if (it.pin && g) g.push(it);
    else out.push([it]);
  }
  return out;
}

/// A citation's pinpoint when it names several subsections: as written
/// ("(a)(2) and (d)", "(ii)(I)–(III)").
const pinOf = (s: Scanner, g: Item[]): string | undefined =>
  g.length > 1 ? s.text.slice(g[0]!.subsAt, g[g.length - 1]!.end) : undefined;

/// `extra` with a pinpoint and year added, allocating only when there is one.
function withPin(extra: Extra | undefined, pinpoint?: string, year?: number): Extra | undefined {
  if (pinpoint === undefined && year === undefined) return extra;
  const e: Extra = { ...extra };
  if (pinpoint !== undefined) e.pinpoint = pinpoint;
  if (year !== undefined) e.year = year;
  return e;
}

/// Emits one citation per item (with its subsection-only continuations); the
/// first spans from `start`, the last takes the closing suffix and year.
/// Answers where the list ends.
export function emitItems(
  s: Scanner,
  kind: CitationKind,
  start: number,
  items: Item[],
  keyOf: (it: Item, suffix?: "note" | "et-seq") => string,
  extra?: Extra,
): number {
  const t = tail(s, items[items.length - 1]!.end);
  if (items.length === 1) {
    // The common case: one section, no list.
    s.emit(kind, start, t.end, keyOf(items[0]!, t.suffix), withPin(extra, undefined, t.year));
    return t.end;
  }
  const gs = grouped(items);
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i]!;
    const last = i === gs.length - 1;
    const key = keyOf(g[0]!, last ? t.suffix : undefined);
    const e = last ? t.end : g[g.length - 1]!.end;
    s.emit(
      kind,
      i === 0 ? start : g[0]!.start,
      e,
      key,
      withPin(extra, pinOf(s, g), last ? t.year : undefined),
    );
  }
  return t.end;
}

/// Emits a list closed by "of <act>", which ends at `end`.
export function emitWithOf(
  s: Scanner,
  kind: CitationKind,
  p: number,
  items: Item[],
  end: number,
  keyOf: (it: Item) => string,
): number {
  const gs = grouped(items);
  gs.forEach((g, i) => {
    const last = i === gs.length - 1;
    s.emit(
      kind,
      i === 0 ? p : g[0]!.start,
      last ? end : g[g.length - 1]!.end,
      keyOf(g[0]!),
      withPin(undefined, pinOf(s, g)),
    );
  });
  return end;
}
