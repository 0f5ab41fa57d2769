/// Regulations and state codes: "8 C.F.R. § 208.16(c)", "8 C.F.R. pts. 208,
/// 1208", "Cal. Penal Code § 187(a)". The Federal Register is read with the
/// Statutes at Large (`statOrFr`): both are volume–page.
import { formatKey, STATE_CODE_LEVELS } from "../keyGrammar.ts";
import { STATE_ABBREVIATIONS } from "../reporters.ts";
import { isDigit, type Scanner } from "./scanner.ts";
import { emitItems, emitWithOf, isPlural, MARKER, parseList } from "./sectionList.ts";
import { cfrKey, stateKey } from "./statuteKeys.ts";

const STATE_BEFORE = new RegExp(
  String.raw`(?:^|[\s(;,])(?<code>(?:${STATE_ABBREVIATIONS.join("|")})(?:\s[A-Z][A-Za-z.'’&]{0,14}){1,6}|MASS\.\sGEN\.\sLAWS(?:\sANN\.)?|M\.\s?G\.\s?L\.(?:\s?A\.)?|G\.\s?L\.)(?:,?\s?(?<word>ch\.|c\.|tit\.|Tit\.)\s?(?<chap>\d{1,4}[A-Z]{0,3}(?:-[A-Z])?),?)?\s?$`,
);
/// The spellings of the codes numbered by chapter or title (keyGrammar's
/// `STATE_CODE_LEVELS`): "M.G.L. c. 93A", "G. L. c. 93A", "Vt. Stat. tit. 13".
const CHAPTERED_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^(?:Mass\.\s(?:Gen\.\s)?(?:Laws|L\.|G\.L\.)(?:\sAnn\.)?|M\.\s?G\.\s?L\.(?:\s?A\.)?|G\.\s?L\.)$/i,
    "Mass. Gen. Laws",
  ],
  [/^Vt\.\sStat\.(?:\sAnn\.)?$/, "Vt. Stat. Ann."],
  [/^Me\.\sRev\.\sStat\.(?:\sAnn\.)?$/, "Me. Rev. Stat."],
  [/^Del\.\sCode(?:\sAnn\.)?$/, "Del. Code Ann."],
  [/^Okla\.\sStat\.(?:\sAnn\.)?$/, "Okla. Stat."],
];
const PART_OF =
  /,?\s+of\s+(?:the\s+)?(?:[Tt]itle\s+(?<title>\d{1,2}),?\s+(?:of\s+the\s+)?Code\s+of\s+Federal\s+Regulations|(?<cfr>\d{1,2})\s+C\.?F\.?R\.?(?![\w]))/y;
const OTHER_OF = /,?\s+of\s+(?:the\s+|this\s+|that\s+)?[A-Za-z]/y;
const NUMBERED_BEFORE = /\d,\s{1,2}$/;
/// "c. 40A, §" (not "St. 1948, c. 274, § 2", a chapter of the session laws).
const BARE_CHAPTER = /(?<!St\.\s?\d{4},)(?:^|[\s(;,])ch?\.\s?(?<chap>\d{1,4}[A-Z]{0,3}),\s?$/;
const ILCS_SECTION =
  /(?<act>\d{1,4})\/(?<sec>\d[\dA-Za-z]{0,6}(?:[.\-–][\dA-Za-z]{1,7}){0,3})(?<subs>(?:\((?:[A-Za-z]{1,5}|\d{1,4})\)){0,10})(?<etseq>\s+et\.?\s+seq\.?)?/y;
/// "740 ILCS 14": an act cited whole (not "14/1", not "14.5").
const ILCS_ACT = /(?<act>\d{1,4})(?![\d/]|\.\d)/y;
const STATE_CODE_WORD = /\b(?:Code|Stat\.|Laws?|Ann\.|Rev\.|Gen\.|Cons\.)/;

/// "8 C.F.R. § 208.16(c)"; `e` is where the section begins, `kw` a keyword
/// between the name and it ("pt.", "secs.").
export function cfr(s: Scanner, p: number, title: string, e: number, kw: string): number {
  const isPart = /^(?:pts?\.|parts?|Parts?)$/.test(kw);
  let q = e;
  let multi = /s\.?$/.test(kw);
  const mm = s.exec(MARKER, q);
  if (mm) {
    multi = multi || isPlural(mm.groups!.marker!);
    q = MARKER.lastIndex;
  } else if (kw === "") {
    multi = true;
  }
  const items = parseList(s, q, "cfr", multi || isPart);
  if (!items) return -1;
  // "50 CFR parts 300.65, 300.66": a dotted number is a section whatever the word.
  return emitItems(s, "cfr", p, items, (it, sfx) =>
    cfrKey(title, it, isPart && !it.section.includes("."), sfx),
  );
}

/// The state code named just before a "§" at `p` ("Cal. Penal Code §",
/// "Mass. Gen. Laws ch. 93A, §"), with its chapter or title if it has them.
export function stateBefore(
  s: Scanner,
  p: number,
): { start: number; code: string; chapter?: string } | null {
  const from = Math.max(0, p - 70);
  const m = STATE_BEFORE.exec(s.text.slice(from, p));
  if (!m) return chapterBefore(s, from, p);
  const { code: written, word, chap } = m.groups as Record<string, string | undefined>;
  const start = from + m.index + m[0].indexOf(written!);
  // "La. Civ. Code. § 3049": the period after "Code" ends the sentence's abbreviation, not the name.
  const code = written!
    .replace(/\s+/g, " ")
    .trim()
    .replace(/(?<code>Code)\.$/, "$<code>");
  if (chap) {
    const named = CHAPTERED_CODES.find(([re]) => re.test(code))?.[1];
    if (named) return { start, code: named, chapter: chap };
    // A code not known to be chaptered keeps the chapter in its name, as written.
    if (!STATE_CODE_WORD.test(code)) return null;
    return { start, code: `${code} ${word} ${chap}` };
  }
  if (!STATE_CODE_WORD.test(code)) return null;
  return { start, code };
}

/// "c. 40A, § 17" after a cite of a code numbered by chapter: that code's chapter.
function chapterBefore(
  s: Scanner,
  from: number,
  p: number,
): { start: number; code: string; chapter: string } | null {
  const ctx = s.mem.lastStat;
  if (ctx?.scheme !== "state" || STATE_CODE_LEVELS.get(ctx.where) !== "ch.") return null;
  const m = BARE_CHAPTER.exec(s.text.slice(from, p));
  if (!m) return null;
  return { start: from + m.index + m[0].indexOf("c"), code: ctx.where, chapter: m.groups!.chap! };
}

/// "part 71 of title 14, Code of Federal Regulations", "parts 730, 732 of 15
/// CFR", and a bare "part 71" in a text about a C.F.R. title (one cited, or
/// `cfrTitle`): prose "part 2 of this notice" names no title and is skipped.
export function atPart(s: Scanner, p: number, tok: string): number {
  let q = p + tok.length;
  while (q < p + tok.length + 2 && s.text[q] === " ") q++;
  if (!isDigit(s.text.charCodeAt(q))) return q;
  const items = parseList(s, q, "cfr", true);
  if (!items || items.some((it) => it.section.includes("."))) return q;
  const last = items[items.length - 1]!.end;
  const of = s.exec(PART_OF, last);
  if (of) {
    const title = of.groups!.title ?? of.groups!.cfr!;
    return emitWithOf(s, "cfr", p, items, PART_OF.lastIndex, (it) => cfrKey(title, it, true));
  }
  const ctx = s.mem.lastStat;
  if (ctx?.scheme !== "cfr" || s.exec(OTHER_OF, last)) return q;
  // "H. Rept. 857, part 1, 98th Cong.": a part of the document just numbered.
  if (NUMBERED_BEFORE.test(s.text.slice(Math.max(0, p - 12), p))) return q;
  return emitItems(s, "cfr", p, items, (it, sfx) => cfrKey(ctx.where, it, true, sfx), {
    antecedent: ctx.key,
  });
}

/// "815 ILCS 505/2(a)", "720 Ill. Comp. Stat. 5/12-3.05": chapter `chapter`,
/// then act/section at `e`.
export function ilcs(s: Scanner, p: number, chapter: string, e: number): number {
  const m = s.exec(ILCS_SECTION, e);
  if (!m) return ilcsAct(s, p, chapter, e);
  const g = m.groups as Record<string, string | undefined>;
  const key = formatKey({
    scheme: "state",
    code: "Ill. Comp. Stat.",
    chapter,
    act: g.act!,
    section: g.sec!.replace("–", "-"),
    subsections: g.subs ? g.subs.slice(1, -1).split(")(") : [],
    ...(g.etseq ? { suffix: "et-seq" as const } : {}),
  });
  s.emit("state_statute", p, ILCS_SECTION.lastIndex, key);
  return ILCS_SECTION.lastIndex;
}

/// "740 ILCS 14": an act of an ILCS chapter cited whole (`state/Ill. Comp. Stat./740/14`).
function ilcsAct(s: Scanner, p: number, chapter: string, e: number): number {
  const m = s.exec(ILCS_ACT, e);
  if (!m) return -1;
  const key = formatKey({
    scheme: "state",
    code: "Ill. Comp. Stat.",
    chapter,
    act: m.groups!.act!,
    subsections: [],
  });
  s.emit("state_statute", p, ILCS_ACT.lastIndex, key);
  return ILCS_ACT.lastIndex;
}

/// "42 Pa. Cons. Stat. § 5524(2)", "42 Pa.C.S. § 5524": a code whose title
/// (`title`, the number at `p`) is written before its name; the section is at `e`.
export function titleFirst(s: Scanner, p: number, code: string, title: string, e: number): number {
  let q = e;
  let multi = false;
  const mm = s.exec(MARKER, q);
  if (mm) {
    multi = isPlural(mm.groups!.marker!);
    q = MARKER.lastIndex;
  }
  const items = parseList(s, q, "state", multi);
  if (!items) return -1;
  return emitItems(s, "state_statute", p, items, (it, sfx) => stateKey(code, it, sfx, title));
}
