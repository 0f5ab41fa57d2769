/// The U.S. Constitution: "U.S. Const. art. I, § 8, cl. 18", "U.S. Const.
/// amend. XIV", "the Fifth Amendment".
import { formatKey } from "../keyGrammar.ts";
import { fromRoman } from "../keys.ts";
import type { Scanner } from "./scanner.ts";
import { STATES } from "./stateNamed.ts";

// biome-ignore format: compact table
const AMEND_WORDS = [
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
  "eighteenth", "nineteenth", "twentieth",
];
const AMEND_BEFORE =
  /(?:^|[^\w-])(?:(?<word>(?:Twenty-)?(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth))|(?<num>\d{1,2})(?:st|nd|rd|th)) $/;
const AMEND_AFTER = /\sto\sthe\s(?:U\.S\.\s|United\sStates\s)?Constitution(?![\w])/y;
/// "art. II, § 2, cl. 2", also the older "art. II, § 2, ¶ 2" and "art. VI, ¶ 2" (a clause).
const CONST_AFTER =
  /,?\s+(?:(?:amend\.|AMEND\.|Amend\.)\s?(?<amendment>[IVXL]{1,6})|(?:art\.|ART\.|Art\.)\s?(?<article>[IVX]{1,4})|(?<preamble>pmbl\.|PMBL\.))(?:,\s?§\s?(?<section>\d{1,2}))?(?:,\s?(?:cl\.|¶)\s?(?<clause>\d{1,2}))?/y;

/// A bare "Art. I, §10, cl. 3" / "Art. VI, cl. 2" (a U.S. opinion's own form):
/// a roman article with a section or clause; never after a named constitution.
const BARE_ARTICLE =
  /\s?(?<article>[IVX]{1,4}),\s?(?:§\s?(?<section>\d{1,2})(?:,\s?(?:cl\.|¶)\s?(?<clause>\d{1,2}))?|(?:cl\.|¶)\s?(?<clause2>\d{1,2}))(?!\d)/y;
const CONST_NAMED_BEFORE = /Const(?:\.|itution),?\s?$/;
/// Spelled out, as briefs write it: "Article II, Section 2, Clause 2 of the (U.S.) Constitution".
const WORDED_ARTICLE =
  /\s(?<article>[IVX]{1,4})(?:,?\s(?:Section|section|§)\s?(?<section>\d{1,2}))?(?:,?\s(?:Clause|clause|cl\.)\s(?<clause>\d{1,2}))?,?\sof\sthe\s(?<us>U\.\s?S\.\s|United\sStates\s)?Constitution(?![\w])/y;

/// Without the comma, the federal owner written after it: "Art. I § 8 of the federal
/// constitution", "Article I. §2 cl. 2 of U.S. Constitution" (a course's slides).
const FEDERAL_OWNED =
  /\s?(?<article>[IVX]{1,4})\.?,?\s(?:Section\s|section\s|§\s?)(?<section>\d{1,2})(?:,?\s(?:Clause|clause|cl\.)\s?(?<clause>\d{1,2}))?,?\sof\s(?:the\s)?(?:U\.\s?S\.\s?|United\sStates\s|[Ff]ederal\s)[Cc]onstitution(?![\w])/y;

const escapeDots = (a: string): string => a.replace(/\./g, "\\.").replace(/ /g, "\\s?");
const STATE_NAMES = Object.keys(STATES).join("|");
const STATE_ABBRS = [...new Set(Object.values(STATES))].map(escapeDots).join("|");
/// Constitutions a text names: a state's by name ("the California Constitution", "Constitution
/// of the State of New York", "Cal. Const.") or as the state's ("the state constitution", "the
/// State Constitution", "this State's Constitution": whichever state, a state's, never the
/// federal one), or the federal one. Read around each "Const" and "constitution" (found with
/// indexOf: one regex over the whole text cost more than the trigger's own pass on 1 MB of corpus text).
const STATE_BEFORE_CONST = new RegExp(
  String.raw`(?:(?:^|[^\w])(?:${STATE_NAMES})(?:['’]s)?\s(?:State\s)?|(?:^|[^\w])[Ss]tate(?:['’]s)?\s|(?:^|[^\w.])(?:${STATE_ABBRS})\s?)$`,
);
/// "each state's constitution", "every State Constitution": every state's, not one's.
const EVERY_STATE_BEFORE =
  /(?:^|[^\w])(?:[Ee]ach|[Ee]very|[Aa]ny|[Aa]ll|[Bb]oth|[Oo]ther|[Mm]any|[Ss]everal|[Ss]ome|[Mm]ost)\s[Ss]tate(?:['’]s)?\s$/;
const US_BEFORE_CONST = /(?:U\.\s?S\.\s?|(?:United\sStates|U\.\s?S\.|[Ff]ederal)\s)$/;
const STATE_AFTER_CONST = new RegExp(
  String.raw`(?:itution\sof\s(?:(?:the|this)\sState(?![\w])|(?:the\s)?(?:(?:State|Commonwealth)\sof\s)?(?:${STATE_NAMES})(?![\w])))`,
  "y",
);
const US_AFTER_CONST = /itution\sof\sthe\sUnited\sStates/y;

/// The constitutions named in `t`, in order (`state` false for the federal one).
function constitutionsNamed(t: string): Array<{ at: number; state: boolean }> {
  const out: Array<{ at: number; state: boolean }> = [];
  for (let i = t.indexOf("Const"); i >= 0; i = t.indexOf("Const", i + 5)) {
    const word = t.startsWith("itution", i + 5) ? "Constitution" : t[i + 5] === "." ? "Const." : "";
    if (!word || /\w/.test(t[i + word.length] ?? "") || t.startsWith("(s)", i + word.length))
      continue;
    const named = namedAt(t, i, word === "Constitution");
    if (named) out.push(named);
  }
  // Lower case only with its owner before it: "the state constitution", "the federal constitution".
  let lower = false;
  for (let i = t.indexOf("constitution"); i >= 0; i = t.indexOf("constitution", i + 12)) {
    if (/\w/.test(t[i + 12] ?? "") || t.startsWith("(s)", i + 12)) continue;
    const named = namedAt(t, i, false);
    if (named) lower = out.push(named) > 0;
  }
  return lower ? out.sort((a, b) => a.at - b.at) : out;
}

/// The constitution named by the word at `i`, if its words say whose.
function namedAt(t: string, i: number, full: boolean): { at: number; state: boolean } | null {
  const before = t.slice(Math.max(0, i - 24), i);
  // A plural or every state's ("State Constitution(s)", "each state's constitution"): no one's.
  if (EVERY_STATE_BEFORE.test(before)) return null;
  STATE_AFTER_CONST.lastIndex = i + 5;
  US_AFTER_CONST.lastIndex = i + 5;
  if (STATE_BEFORE_CONST.test(before) || (full && STATE_AFTER_CONST.test(t)))
    return { at: i, state: true };
  if (US_BEFORE_CONST.test(before) || (full && US_AFTER_CONST.test(t)))
    return { at: i, state: false };
  return null;
}

/// Whether the constitution a text named last before `p` is a state's: a bare
/// "Art. II, § 2" or "Article II, Section 2 of the Constitution" is then that
/// state's, which the key scheme has no key for: no citation (never the U.S.
/// Constitution). The names are found once per scan, on the first bare article.
function stateConstitutionBefore(s: Scanner, p: number): boolean {
  const named = namedConstitutions(s);
  const i = firstAtOrAfter(named, p);
  return i > 0 && named[i - 1]!.state;
}

const namedConstitutions = (s: Scanner) => {
  s.mem.constitutions ??= constitutionsNamed(s.text);
  return s.mem.constitutions;
};

/// Index of the first named constitution at or after `p` (binary search: one per bare article).
function firstAtOrAfter(named: Array<{ at: number }>, p: number): number {
  let lo = 0;
  let hi = named.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (named[mid]!.at < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/// How many sections each article of the U.S. Constitution has (V–VII none).
const US_SECTIONS = [10, 4, 3, 4, 0, 0, 0];
/// Between a bare article and the constitution named right after it: its subsections, "of
/// the", "(", and the owner's capitalised name ("Art. I, § 8 of the Texas Constitution").
const OWNER_GAP =
  /^(?:\(\w{1,4}\))*,?\s(?:(?:of|in)\s(?:the\s)?|\()?(?:(?:State|Commonwealth)\sof\s)?(?:[A-Z][A-Za-z.]*\s?){1,3}(?:['’]s\s)?$/;

/// The states' constitutions as the article's owner: "Art. I, § 8 of the state constitutions",
/// "… of the constitutions of the several States", "(state constitutions)" — no federal article.
const STATES_AFTER =
  /(?:\(\w{1,4}\))*,?\s(?:(?:of|in)\s(?:the\s|many\s|most\s|some\s|several\s|all\s)?|\()(?:(?:[Ss]tate|[Ss]tates['’])\s[Cc]onstitutions|[Cc]onstitutions\sof\s(?:the\s)?(?:several\s)?[Ss]tates)(?![\w])/y;

/// Whether a state's constitution, or the states', is named right after a bare article ending at `end`.
function stateConstitutionAfter(s: Scanner, end: number): boolean {
  if (s.test(STATES_AFTER, end)) return true;
  const named = namedConstitutions(s);
  const next = named[firstAtOrAfter(named, end)];
  return !!next?.state && next.at - end <= 48 && OWNER_GAP.test(s.text.slice(end, next.at));
}

/// The article handler with the bare constitution form first: "Art. VI, cl. 2".
export function orBareArticle(next: (s: Scanner, p: number, tok: string) => number) {
  return (s: Scanner, p: number, tok: string): number => {
    if (tok === "Article") return wordedArticle(s, p) ?? federalOwned(s, p, tok) ?? next(s, p, tok);
    if (tok !== "Art." && tok !== "art.") return next(s, p, tok);
    const m = s.exec(BARE_ARTICLE, p + tok.length);
    if (!m) return federalOwned(s, p, tok) ?? next(s, p, tok);
    if (CONST_NAMED_BEFORE.test(s.text.slice(Math.max(0, p - 16), p))) return next(s, p, tok);
    const g = m.groups as Record<string, string | undefined>;
    const n = fromRoman(g.article!);
    const clause = g.clause ?? g.clause2;
    if (!(n >= 1 && n <= 7)) return next(s, p, tok);
    // "Cal. Const., art. I, § 7 … art. I, § 13", "Art. I, § 8 of the Texas Constitution",
    // "Art. I, § 25(1)(n) North Dakota Const.": the state's, not the U.S. Constitution;
    // nor is a section the federal article does not have ("Art. I, § 25").
    const end = BARE_ARTICLE.lastIndex;
    if (stateConstitutionBefore(s, p) || stateConstitutionAfter(s, end)) return end;
    if (g.section && !(Number(g.section) <= (US_SECTIONS[n - 1] ?? 0))) return end;
    const key = formatKey({
      scheme: "usconst",
      article: String(n),
      ...(g.section ? { section: g.section } : {}),
      ...(clause ? { clause } : {}),
    });
    s.emit("us_const", p, end, key);
    return end;
  };
}

/// "Art. I § 8 of the federal constitution" at `p` (the token `tok`), or null.
function federalOwned(s: Scanner, p: number, tok: string): number | null {
  const g = s.exec(FEDERAL_OWNED, p + tok.length)?.groups;
  const n = g ? fromRoman(g.article!) : 0;
  if (!g || !(n >= 1 && n <= 7) || !(Number(g.section) <= (US_SECTIONS[n - 1] ?? 0))) return null;
  const key = formatKey({
    scheme: "usconst",
    article: String(n),
    section: g.section!,
    ...(g.clause ? { clause: g.clause } : {}),
  });
  s.emit("us_const", p, FEDERAL_OWNED.lastIndex, key);
  return FEDERAL_OWNED.lastIndex;
}

/// "Article II, Section 2, Clause 2 of the Constitution" at `p`, or null.
function wordedArticle(s: Scanner, p: number): number | null {
  const m = s.exec(WORDED_ARTICLE, p + 7);
  const g = m?.groups;
  const n = g ? fromRoman(g.article!) : 0;
  if (!g || !(n >= 1 && n <= 7)) return null;
  // "of the Constitution" after the text has named a state's: that state's (no key).
  if (!g.us && stateConstitutionBefore(s, p)) return WORDED_ARTICLE.lastIndex;
  if (g.section && !(Number(g.section) <= (US_SECTIONS[n - 1] ?? 0)))
    return WORDED_ARTICLE.lastIndex;
  const key = formatKey({
    scheme: "usconst",
    article: String(n),
    ...(g.section ? { section: g.section } : {}),
    ...(g.clause ? { clause: g.clause } : {}),
  });
  s.emit("us_const", p, WORDED_ARTICLE.lastIndex, key);
  return WORDED_ARTICLE.lastIndex;
}

/// "U.S. Const. …" at the "Const." token `p`.
export function atConst(s: Scanner, p: number, tok: string): number {
  const before = /U\.\s?S\.\s$/.exec(s.text.slice(Math.max(0, p - 6), p));
  if (!before) return p + tok.length;
  const start = p - before[0].length;
  const m = s.exec(CONST_AFTER, p + tok.length);
  if (!m) return p + tok.length;
  const g = m.groups as Record<string, string | undefined>;
  let key: string;
  if (g.preamble) key = formatKey({ scheme: "usconst", preamble: true });
  else {
    const n = fromRoman(g.amendment ?? g.article!);
    if (!(n > 0)) return p + tok.length;
    key = formatKey({
      scheme: "usconst",
      ...(g.amendment ? { amendment: String(n) } : { article: String(n) }),
      ...(g.section ? { section: g.section } : {}),
      ...(g.clause ? { clause: g.clause } : {}),
    });
  }
  const end = CONST_AFTER.lastIndex;
  s.emit("us_const", start, end, key);
  return end;
}

/// "the Fourteenth Amendment", "the 5th Amendment to the Constitution".
export function atAmendment(s: Scanner, p: number): number {
  const text = s.text;
  const from = Math.max(0, p - 32);
  const m = AMEND_BEFORE.exec(text.slice(from, p));
  const q = p + "Amendment".length;
  if (!m || /[\w]/.test(text[q] ?? "")) return q;
  const { word, num } = m.groups as { word?: string; num?: string };
  let n: number;
  if (num) n = Number(num);
  else {
    const w = word!.toLowerCase();
    n = w.startsWith("twenty-")
      ? 20 + AMEND_WORDS.indexOf(w.slice(7)) + 1
      : AMEND_WORDS.indexOf(w) + 1;
  }
  if (!(n >= 1 && n <= 27)) return q;
  const start = from + m.index + m[0].indexOf(word ?? num!);
  const after = s.exec(AMEND_AFTER, q);
  const end = after ? AMEND_AFTER.lastIndex : q;
  s.emit("us_const", start, end, formatKey({ scheme: "usconst", amendment: String(n) }));
  return end;
}
