/// The grammar statutes, regulations and state codes share after their
/// title: a section number, its subsections, lists and ranges of further
/// sections, and a closing "et seq.", "note" or year.
import type { CitationKind } from "../types.ts";
import { type Extra, isDigit, type Scanner } from "./scanner.ts";

const SUBS = /(?:\((?:[A-Za-z]{1,5}|\d{1,4})\)){1,10}/y;
const SEC_USC =
  /(?<num>\d{1,6}(?:[A-Za-z]{1,4}(?![A-Za-z]))?)(?<hyphen>[-–]\d{1,4}[A-Za-z]{0,2}(?![\w]))?/y;
const SEC_CFR = /\d{1,4}(?:\.\d{1,5}[a-z]{0,3}(?:[-–]\d{1,3}[A-Z]?(?!\d|\.\d))?)?(?![\w])/y;
const SEC_CFR_ABBR = /\.(?<num>\d{1,5}[a-z]{0,3})(?![\w])/y;
const SEC_STATE = /\d[\dA-Za-z]{0,6}(?:[.:\-–][\dA-Za-z]{1,7}){0,4}/y;
const SEP =
  /(?:\s*(?<comma>,)\s*(?:and\s+|or\s+|&\s*)?|\s(?:and|or|&)\s+|\s*(?<dash>–|—|--?)\s*|\s+(?<through>through|thru|to)\s+)/y;
/// Something that opens a new citation right after a list item.
export const NEW_CITE_AHEAD = /\s{1,3}(?:§|[A-Z][A-Za-z']{0,6}\.|[A-Z]{2,5}\s)/y;
const SUFFIX = /\s+(?:(?<etseq>et\.?\s+seq\.?)|note(?![\w]))/y;
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
}

/// How section numbers are read: U.S.C./INA, C.F.R. (dotted), state codes.
export type Mode = "usc" | "cfr" | "state";

/// Whether a marker or keyword announces several sections ("§§", "secs.").
export const isPlural = (marker: string): boolean => marker === "§§" || /s\.?$/.test(marker);

/// Whether "-N" after a section number in a list ends a range ("§§ 2201–2202",
/// "7 U.S.C. 601–674") rather than continuing the number ("1962d–16",
/// "2000e-2", "1440-1"): only after a plain number, and only to a larger one.
const isRangeEnd = (num: string, hyphen: string): boolean =>
  /^\d+$/.test(num) && /^.\d+$/.test(hyphen) && Number(hyphen.slice(1)) > Number(num);

/// Parses a section, its subsections, then further list items and range ends.
export function parseList(s: Scanner, pos: number, mode: Mode, multi: boolean): Item[] | null {
  const first = item(s, pos, mode, null, multi);
  if (!first) return null;
  const items = [first];
  let prev = first;
  for (let n = 0; n < 50; n++) {
    const sm = s.exec(SEP, prev.end);
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
    if (s.exec(NEW_CITE_AHEAD, it.end)) break;
    if (ch === 40 || isRange) it.joint = true;
    items.push(it);
    prev = it;
  }
  return items;
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
    const { num, hyphen } = m.groups as { num: string; hyphen?: string };
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
  const subs: string[] = [];
  const sm = s.exec(SUBS, end);
  if (sm) {
    subs.push(...levels(sm[0]));
    end = SUBS.lastIndex;
  }
  return { start: pos, end, section: sec.section, subs };
}

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
    suffix = m.groups!.etseq ? "et-seq" : "note";
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

/// Emits one citation per item; the first spans from `start`, the last takes
/// the closing suffix and year. Answers where the list ends.
export function emitItems(
  s: Scanner,
  kind: CitationKind,
  start: number,
  items: Item[],
  keyOf: (it: Item, suffix?: "note" | "et-seq") => string,
  extra: Extra = {},
): number {
  const t = tail(s, items[items.length - 1]!.end);
  items.forEach((it, i) => {
    const last = i === items.length - 1;
    const key = keyOf(it, last ? t.suffix : undefined);
    const e = last ? t.end : it.end;
    s.emit(kind, i === 0 ? start : it.start, e, key, {
      ...extra,
      ...(last && t.year !== undefined ? { year: t.year } : {}),
    });
  });
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
  items.forEach((it, i) => {
    const last = i === items.length - 1;
    s.emit(kind, i === 0 ? p : it.start, last ? end : it.end, keyOf(it));
  });
  return end;
}
