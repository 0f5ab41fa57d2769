/// Statutes: the U.S. Code ("8 U.S.C. § 1225(b)", "8 U.S.C. ch. 12"), INA
/// sections ("INA § 235(b)(2)(C)"), public laws and the Statutes at Large.
import { formatKey } from "../keyGrammar.ts";
import type { Scanner } from "./scanner.ts";
import { emitItems, isPlural, MARKER, NEW_CITE_AHEAD, parseList } from "./sectionList.ts";
import { inaKey, uscKey } from "./statuteKeys.ts";

const CHAPTER_NUM = /(?<chapter>\d{1,4}[A-Z]?)(?![\w])/y;
const INA_MARKER = /,?\s{0,2}(?<marker>§§?|[Ss]ecs?\.|[Ss]ections?)?\s{0,2}(?=\d)/y;
const INA_NAME_MARKER = /,?\s{0,2}(?<marker>§§?|[Ss]ecs?\.|[Ss]ections?)\s{0,2}(?=\d)/y;
/// "Immigration and Nationality Act (INA)", "(the “Act”)".
export const INA_ABBR =
  /\s?\((?:the\s)?["“]?(?:INA|Act)["”]?(?:\s(?:or|and)\s(?:the\s)?["“]?(?:INA|Act)["”]?)?\)/y;
const PL_RE =
  /(?:Pub\.\s?L\.|P\.\s?L\.|Public\s+Law|PUBLIC\s+LAW)\s?(?:No\.\s?)?(?<congress>\d{1,3})\s?[-–]\s?(?<number>\d{1,4})(?![\d])(?:,\s?div\.\s?(?<division>[A-Z]{1,2})(?![\w]))?(?:,\s?(?:tit\.|title)\s?[IVXLC]{1,6}(?![\w]))?(?:,\s?(?:§|sec\.|section)\s?(?<section>\d{1,5}[A-Za-z]?)(?<subs>(?:\(\w{1,4}\)){0,5}))?/y;
const CHAPTER_RE =
  /[Cc]hapters?\s(?<chapter>\d{1,3}[A-Z]?)(?<more>(?:(?:,\s(?:and\s)?|\sand\s|\sor\s)\d{1,3}[A-Z]?(?![\w])){0,12})\sof\s[Tt]itle\s(?<title>\d{1,2})(?:(?:,|\sof\sthe)\s(?:United\sStates\sCode|U\.S\.\sCode|U\.S\.C\.)|(?![\w(]|\s+of\s+(?:this|such|the|division)\b))/y;
const SUBCHAPTER_BEFORE = /[Ss]ubchapter\s[IVXLC\d]{1,6}[A-Z]?,?\s+of\s+$/;
/// A further chapter of a list: ", 13", " and 13".
const MORE_CHAPTER = /(?:,\s(?:and\s)?|\sand\s|\sor\s)(?<chapter>\d{1,3}[A-Z]?)(?![\w])/y;

/// "1590", "3009-546", "3009–546", "2763A–222", "3009 - 546".
const STAT_PAGE = /\d{1,5}[A-Z]?(?:\s?[-–]\s?\d{1,4})?(?![\d])/y;
/// ", 1080", ", at 137-38", ", 1080 n.3" after a page (1 the pinpoint).
export const PIN =
  /,\s{0,2}(?:at\s+)?(?<pin>\*{0,2}\d{1,5}(?:-\d{1,5})?(?:\s?[-–]\s?\d{1,5})?(?:\s?(?:&\s)?n\.\s?\d{1,3})?)(?![\d])/y;
export const FR_PAREN = /\s\((?:[A-Z][a-z]{2,8}\.?\s\d{1,2},\s)?(?<year>\d{4})\)/y;

/// "8 U.S.C. § 1225(b)", "8 U.S.C. app. § 1", "8 U.S.C. ch. 12"; `e` is where
/// the section begins, `kw` a keyword between the name and it.
export function usc(s: Scanner, p: number, title: string, e: number, kw: string): number {
  if (/^(?:chs?\.|Chs?\.|[Cc]hapters?)$/.test(kw)) {
    const m = s.exec(CHAPTER_NUM, e);
    if (!m) return -1;
    return emitChapters(s, title, p, e + m[0].length, m.groups!.chapter!, -1);
  }
  const appendix = kw === "app." || kw === "App." || kw === "Appendix";
  let multi = /s\.?$/.test(kw) && kw !== "app.";
  let q = e;
  const mm = s.exec(MARKER, q);
  if (mm) {
    multi = multi || isPlural(mm.groups!.marker!);
    q = MARKER.lastIndex;
  } else if (!/^(?:secs?\.|Secs?\.|[Ss]ections?)$/.test(kw)) {
    // "8 U.S.C. 1101, 1103, 1158": lists without a section sign are common.
    multi = true;
  }
  const items = parseList(s, q, "usc", multi);
  if (!items) return -1;
  return emitItems(s, "usc", p, items, (it, suffix) => uscKey(title, it, suffix, appendix));
}

/// "INA § 235(b)", "INA 212(a)(9)(B)".
export function atIna(s: Scanner, p: number): number {
  let q = p + 3;
  if (/[\w]/.test(s.text[q] ?? "")) return q;
  s.mem.sawIna();
  const m = s.exec(INA_MARKER, q);
  if (!m) return q;
  const marker = m.groups!.marker;
  const after = m.index + m[0].length;
  // "See INA 232." ends a sentence; "INA 212.5" is no INA section.
  if (!marker && !/^\d{3}[A-Z]?(?![\w]|\.\d)/.test(s.text.slice(after, after + 6))) return q;
  q = after;
  // No INA section is hyphenated: "INA 231-235" is a range, "INA 103, 8 CFR 103" a list's end.
  const items = parseList(s, q, "usc", !marker || isPlural(marker));
  if (!items) return q;
  return emitItems(s, "ina", p, items, inaKey);
}

/// "Immigration and Nationality Act (INA) § 208".
export function atInaName(s: Scanner, p: number): number {
  let q = p + "Immigration and Nationality Act".length;
  s.mem.sawIna();
  const ab = s.exec(INA_ABBR, q);
  if (ab) q = ab.index + ab[0].length;
  const m = s.exec(INA_NAME_MARKER, q);
  if (!m) return q;
  const items = parseList(s, m.index + m[0].length, "usc", isPlural(m.groups!.marker!));
  if (!items) return q;
  return emitItems(s, "ina", p, items, inaKey);
}

/// "Pub. L. No. 104-208, div. C, § 302".
export function atPublicLaw(s: Scanner, p: number): number {
  const m = s.exec(PL_RE, p);
  if (!m) return p + 2;
  const { congress, number, division, section, subs } = m.groups as Record<
    string,
    string | undefined
  >;
  const key = formatKey({
    scheme: "pl",
    congress: congress!,
    number: number!,
    ...(section && division ? { division } : {}),
    ...(section ? { section } : {}),
    ...(section && subs ? { subsections: subs.slice(1, -1).split(")(") } : {}),
  });
  const end = PL_RE.lastIndex;
  s.emit("public_law", p, end, key);
  return end;
}

/// "chapter 12 of title 8, United States Code", "chapters 12 and 13 of title 8".
export function atChapter(s: Scanner, p: number): number {
  // "Subchapter II of Chapter 12 of Title 8": a subchapter, which has no key.
  if (SUBCHAPTER_BEFORE.test(s.text.slice(Math.max(0, p - 24), p))) return p + 7;
  const m = s.exec(CHAPTER_RE, p);
  if (!m) return p + 7;
  const { title, chapter } = m.groups as { title: string; chapter: string };
  const firstEnd = p + m[0].indexOf(chapter) + chapter.length;
  return emitChapters(s, title, p, firstEnd, chapter, CHAPTER_RE.lastIndex);
}

/// One `usc_chapter` citation per chapter of a list ("chapters 12, 13"): the
/// first spans from `p`, the last to `end` (its "of title 8", or itself when -1).
function emitChapters(
  s: Scanner,
  title: string,
  p: number,
  firstEnd: number,
  first: string,
  end: number,
): number {
  const list: Array<[number, number, string]> = [[p, firstEnd, first]];
  let at = firstEnd;
  for (let n = 0; n < 12; n++) {
    const mm = s.exec(MORE_CHAPTER, at);
    if (!mm) break;
    at = MORE_CHAPTER.lastIndex;
    list.push([at - mm.groups!.chapter!.length, at, mm.groups!.chapter!]);
  }
  const last = end < 0 ? at : end;
  list.forEach(([a, b, chapter], i) => {
    const e = i === list.length - 1 ? last : b;
    s.emit("usc_chapter", a, e, formatKey({ scheme: "usc-ch", title, chapter }));
  });
  return last;
}

/// "110 Stat. 3009-546" and "82 Fed. Reg. 8793, 8794 (Jan. 30, 2017)".
export function statOrFr(
  s: Scanner,
  kind: "stat" | "fr",
  p: number,
  vol: string,
  e: number,
): number {
  const m = s.exec(STAT_PAGE, e);
  if (!m) return -1;
  let end = STAT_PAGE.lastIndex;
  const extra: { pinpoint?: string; year?: number; equivalents?: string[] } = {};
  const pin = s.exec(PIN, end);
  if (pin && !s.test(NEW_CITE_AHEAD, PIN.lastIndex)) {
    extra.pinpoint = pin.groups!.pin!;
    end = PIN.lastIndex;
  }
  const yr = s.exec(FR_PAREN, end);
  if (yr) {
    extra.year = Number(yr.groups!.year);
    end = FR_PAREN.lastIndex;
  }
  const written = m[0].replace(/\s?[-–]\s?/, "-");
  // "3009-546" and "1388-29" are pages of omnibus acts; "1603-1605" is a range from 1603.
  const dash = written.indexOf("-");
  const from = dash < 0 ? written : written.slice(0, dash);
  const to = dash < 0 ? undefined : written.slice(dash + 1);
  const isRange = to !== undefined && /^\d+$/.test(from) && Number(to) > Number(from);
  const page = isRange ? from : written;
  if (isRange && extra.pinpoint === undefined) extra.pinpoint = written;
  const key = formatKey({ scheme: kind, volume: vol, page });
  const prev = s.last();
  // "Pub. L. No. 96-212, 94 Stat. 102": the same act twice.
  if (
    kind === "stat" &&
    prev?.kind === "public_law" &&
    /^,\s{0,2}$/.test(s.text.slice(prev.end, p))
  ) {
    extra.equivalents = [prev.key];
    prev.equivalents = [...prev.equivalents, key];
  }
  s.emit(kind === "stat" ? "stat" : "fed_reg", p, end, key, extra);
  return end;
}
