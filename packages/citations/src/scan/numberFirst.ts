/// Number-first cites, told apart by the name after the number: "8 U.S.C.",
/// "8 C.F.R.", "66 Stat.", "82 Fed. Reg.", "189 U.N.T.S.", reporters, journals.
import { journalName, reporterBySpelling } from "../reporters.ts";
import { caseCite, journal, shortCase } from "./cases.ts";
import { cfr, ilcs, titleFirst } from "./regulations.ts";
import { isDigit, type Scanner } from "./scanner.ts";
import { statOrFr, usc } from "./statutes.ts";
import { atInstrument, series } from "./treaties.ts";

const TRAIL_KW =
  /\s(?<kw>app\.|App\.|Appendix|chs?\.|Chs?\.|chapters?|Chapters?|pts?\.|parts?|Parts?|secs?\.|Secs?\.|[Ss]ections?|at(?:\spp?\.)?|ss?)\s*$/;
const COMMA_AT = /,\s?at\s?(?=\d|___)/y;
const EDITION = /\d(?:d|th|st|nd|rd)(?![\w])/y;
const USC_NAMES = new Set([
  "U.S.C.",
  "USC",
  "U.S.C.A.",
  "U.S.C.S.",
  // West's and Lexis's annotated codes without periods: "8 USCA § 1225".
  "USCA",
  "USCS",
  "U.S.Code",
  "UnitedStatesCode",
  "U.S.C",
]);
const CFR_NAMES = new Set(["C.F.R.", "CFR", "C.F.R"]);
const ILCS_NAMES = new Set(["ILCS", "Ill.Comp.Stat.", "Ill.Comp.Stat.Ann."]);
/// Pennsylvania Consolidated Statutes, title first: "42 Pa. Cons. Stat.", "42 Pa.C.S.A.".
const PA_NAMES = new Set([
  "Pa.Cons.Stat.",
  "Pa.Cons.Stat.Ann.",
  "Pa.C.S.",
  "Pa.C.S.A.",
  // West's "35 Pa. Stat. and Cons. Stat. § 780-113" (statutes of both series).
  "Pa.Stat.andCons.Stat.",
  "Pa.Stat.andCons.Stat.Ann.",
]);
const FR_NAMES = new Set(["Fed.Reg.", "FR", "F.R.", "Fed.Register"]);

/// Where the name after the number ends: at the next number (not an edition
/// such as "F.3d" or "Cal. 4th"), "§", or punctuation that closes it.
function nameEnd(text: string, q: number, lim: number): number {
  let e = q;
  for (; e < lim; e++) {
    const c = text.charCodeAt(e);
    if (isDigit(c)) {
      const prevC = text.charCodeAt(e - 1);
      EDITION.lastIndex = e;
      if ((prevC === 46 || prevC === 32) && e > q && EDITION.test(text)) {
        e += 1;
        continue;
      }
      break;
    }
    if (c === 0xa7 || c === 44 || c === 59 || c === 40 || c === 41 || c === 91) break;
    if (c === 10 && text.charCodeAt(e + 1) === 10) break;
  }
  return e;
}

/// The name between a number and its section or page, taken apart once per
/// spelling: `win` without a trailing keyword, the keyword (`kw`: "ch.",
/// "pt.", "at"…) and `abbr`, the name without spaces and with straight apostrophes.
interface Name {
  win: string;
  kw: string;
  abbr: string;
}
const names = new Map<string, Name>();

function nameOf(written: string): Name {
  let n = names.get(written);
  if (!n) {
    let win = written;
    let kw = "";
    const km = TRAIL_KW.exec(win);
    if (km) {
      kw = km.groups!.kw!;
      win = win.slice(0, km.index);
    }
    n = { win, kw, abbr: win.replace(/\s+/g, "").replace(/[’‘]/g, "'") };
    if (names.size > 4096) names.clear();
    names.set(written, n);
  }
  return n;
}

/// `\s` for the characters met between a number and its name.
const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x1680 ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/// A number followed by a capital or "§" at `p`.
export function atNumber(s: Scanner, p: number, num: string): number {
  const text = s.text;
  let q = p + num.length;
  while (q < text.length && q - p - num.length < 3 && isSpace(text.charCodeAt(q))) q++;
  const lim = Math.min(text.length, q + 64);
  const e = nameEnd(text, q, lim);
  const stop = text.charCodeAt(e);
  if (stop === 44 && e < lim) {
    // "533 U.S., at 699": the United States Reports' own short form.
    const at = s.exec(COMMA_AT, e);
    const rep = at ? reporterBySpelling.get(text.slice(q, e).replace(/\s+/g, "")) : undefined;
    if (at && rep) return shortCase(s, p, num, rep, e + at[0].length);
  }
  // "62 T.C.M. (CCH) 505": the publisher's parenthesis is part of the name.
  if (stop === 40 && text.startsWith("(CCH) ", e) && /^T\.C\.M\.\s?$/.test(text.slice(q, e))) {
    return caseCite(s, p, num, "T.C.M. (CCH)", e + 6);
  }
  if (e >= lim || !(isDigit(stop) || stop === 0xa7)) return atInstrument(s, p);
  const { win, kw, abbr } = nameOf(text.slice(q, e));
  // "1 Vet. App. 589": a reporter whose name ends in "App.", not an appendix.
  if (kw === "App." && reporterBySpelling.has(`${abbr}App.`)) {
    return caseCite(s, p, num, reporterBySpelling.get(`${abbr}App.`)!, e);
  }

  // "43 Public Law 103–325": a footnote number before a public law, not a journal.
  if (abbr === "" || /^(?:PublicLaw|PUBLICLAW|Pub\.L\.|P\.L\.)$/.test(abbr)) return -1;
  if (USC_NAMES.has(abbr)) return usc(s, p, num, e, kw);
  if (CFR_NAMES.has(abbr)) return cfr(s, p, num, e, kw);
  if (ILCS_NAMES.has(abbr) && kw === "") return ilcs(s, p, num, e);
  if (PA_NAMES.has(abbr) && kw === "") return titleFirst(s, p, "Pa. Cons. Stat.", num, e);
  // "509 U.S. at 187"; California's "45 Cal.4th at p. 1124".
  const at = kw.startsWith("at");
  if (kw === "" || at) {
    if (abbr === "Stat." || abbr === "STAT.") return statOrFr(s, "stat", p, num, e);
    if (FR_NAMES.has(abbr)) return statOrFr(s, "fr", p, num, e);
    if (abbr === "U.N.T.S." || abbr === "U.S.T.") return series(s, p, num, abbr, e);
    const reporter = reporterBySpelling.get(abbr);
    if (reporter) {
      return at ? shortCase(s, p, num, reporter, e) : caseCite(s, p, num, reporter, e);
    }
    const jn = kw === "" ? journalName(win.trim().split(/\s+/)) : null;
    if (jn) return journal(s, p, num, jn, e);
  }
  // "the 1951 Convention and the 1967 Protocol": a year opening a name.
  return num.length === 4 ? atInstrument(s, p) : -1;
}
