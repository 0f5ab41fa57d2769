/// State codes named in words after their section, as agency decisions write
/// them: "section 2C:35-10(a)(1) of the New Jersey Statutes Annotated",
/// "section 496(a) of the California Penal Code", "title 35, section
/// 780-113(a)(30) of the Pennsylvania Consolidated Statutes"; and a bare
/// "section 2C:35-10(a)" of the state code the text cited last.
import { STATE_CODE_LEVELS } from "../keyGrammar.ts";
import type { StatContext, StateCites } from "./memory.ts";
import type { Scanner } from "./scanner.ts";
import { emitItems, emitWithOf, type Item, parseList } from "./sectionList.ts";
import { keyInContext, stateKey } from "./statuteKeys.ts";

// biome-ignore format: compact table
export const STATES: Readonly<Record<string, string>> = {
  Alabama: "Ala.", Alaska: "Alaska", Arizona: "Ariz.", Arkansas: "Ark.", California: "Cal.",
  Colorado: "Colo.", Connecticut: "Conn.", Delaware: "Del.", Florida: "Fla.", Georgia: "Ga.",
  Hawaii: "Haw.", Idaho: "Idaho", Illinois: "Ill.", Indiana: "Ind.", Iowa: "Iowa", Kansas: "Kan.",
  Kentucky: "Ky.", Louisiana: "La.", Maine: "Me.", Maryland: "Md.", Massachusetts: "Mass.",
  Michigan: "Mich.", Minnesota: "Minn.", Mississippi: "Miss.", Missouri: "Mo.", Montana: "Mont.",
  Nebraska: "Neb.", Nevada: "Nev.", "New Hampshire": "N.H.", "New Jersey": "N.J.",
  "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
  Ohio: "Ohio", Oklahoma: "Okla.", Oregon: "Or.", Pennsylvania: "Pa.", "Rhode Island": "R.I.",
  "South Carolina": "S.C.", "South Dakota": "S.D.", Tennessee: "Tenn.", Texas: "Tex.",
  Utah: "Utah", Vermont: "Vt.", Virginia: "Va.", Washington: "Wash.", "West Virginia": "W. Va.",
  Wisconsin: "Wis.", Wyoming: "Wyo.",
};

/// The words of a code's name and their Bluebook abbreviations.
// biome-ignore format: compact table
const WORDS: Readonly<Record<string, string>> = {
  Revised: "Rev.", Statutes: "Stat.", Annotated: "Ann.", Consolidated: "Cons.", Compiled: "Comp.",
  General: "Gen.", Code: "Code", Penal: "Penal", Laws: "Laws", Law: "Law", Vehicle: "Veh.",
  Criminal: "Crim.", Health: "Health", and: "&", Safety: "Safety", Family: "Fam.", Civil: "Civ.",
  Procedure: "Proc.", Business: "Bus.", Professions: "Prof.", Education: "Educ.",
  Welfare: "Welf.", Institutions: "Inst.", Insurance: "Ins.", Labor: "Lab.", Evidence: "Evid.",
};

const STATE_OF = new RegExp(
  String.raw`,?\s+of\s+the\s+(?<state>${Object.keys(STATES).join("|")})\s(?<words>(?:[A-Z][a-z]+|and)(?:\s(?:[A-Z][a-z]+|and)){0,5})`,
  "y",
);
const TITLE_BEFORE = /[Tt]itle\s(?<title>\d{1,3}),\s?$/;
const CODE_WORD_BEFORE = /(?:Code|Statutes|Laws?|Annotated)\s?$/;
const NAMED_BEFORE = new RegExp(
  String.raw`(?:^|[\s(;,])(?<state>${Object.keys(STATES).join("|")})\s(?<words>(?:[A-Z][a-z]+|and)(?:\s(?:[A-Z][a-z]+|and)){0,5})\s?$`,
);

/// "New Jersey" + "Statutes Annotated" → "N.J. Stat. Ann." and the length of
/// the words used; null when a word is not a code's or the name does not end
/// as a code's does.
function codeName(state: string, words: string): { code: string; len: number } | null {
  const ws = words.split(" ");
  // The name ends at its last code word ("… Penal Code and was …").
  let last = -1;
  for (let i = 0; i < ws.length; i++) {
    if (WORDS[ws[i]!] === undefined) break;
    if (/^(?:Code|Statutes|Laws|Law|Annotated)$/.test(ws[i]!)) last = i;
  }
  if (last < 0) return null;
  const used = ws.slice(0, last + 1);
  return {
    code: [STATES[state]!, ...used.map((w) => WORDS[w]!)].join(" "),
    len: used.join(" ").length,
  };
}

/// "California Penal Code § 496(a)": a state code named in words just before
/// the "§" at `p` — its Bluebook name and where the name starts.
export function namedCodeBefore(
  s: Scanner,
  p: number,
): { start: number; code: string; chapter?: string } | null {
  const from = Math.max(0, p - 64);
  if (!CODE_WORD_BEFORE.test(s.text.slice(Math.max(0, p - 12), p))) return null;
  const m = NAMED_BEFORE.exec(s.text.slice(from, p));
  if (!m) return null;
  const named = codeName(m.groups!.state!, m.groups!.words!);
  // The whole name must be a code's: "… Penal Code §", not "… Code and §".
  if (!named || named.len !== m.groups!.words!.length) return null;
  if (STATE_CODE_LEVELS.has(named.code)) return null;
  return { start: from + m.index + m[0].indexOf(m.groups!.state!), code: named.code };
}

/// "section 2C:35-10(a)(1) of the New Jersey Statutes Annotated" at `p`
/// (the number at `q`); null when no state code is named after the section.
export function stateNamedAfter(s: Scanner, p: number, q: number, multi: boolean): number | null {
  // Cheap looks first: " of the " and a state's name after it.
  const look = s.text.slice(q, q + 80);
  const k = look.indexOf(" of the ");
  if (k < 0) return null;
  const w = /^[A-Z][a-z]+(?: [A-Z][a-z]+)?/.exec(look.slice(k + 8));
  if (!w || (STATES[w[0]] === undefined && STATES[w[0].split(" ")[0]!] === undefined)) return null;
  const items = parseList(s, q, "state", multi);
  if (!items) return null;
  const m = s.exec(STATE_OF, items[items.length - 1]!.end);
  if (!m) return null;
  const named = codeName(m.groups!.state!, m.groups!.words!);
  if (!named) return null;
  const { code } = named;
  const tm = TITLE_BEFORE.exec(s.text.slice(Math.max(0, p - 16), p));
  // Pennsylvania's statutes are numbered by title: the one written, else the
  // title of the text's last cite of them; without either, no key.
  const title =
    tm?.groups?.title ??
    (STATE_CODE_LEVELS.get(code) === "title first" ? lastState(s, code)?.key.split("/")[2] : null);
  if (STATE_CODE_LEVELS.get(code) === "title first" && !title) return null;
  const end = STATE_OF.lastIndex - m.groups!.words!.length + named.len;
  const start = tm ? p - tm[0].length : p;
  return emitWithOf(s, "state_statute", start, items, end, (it) =>
    stateKey(code, it, undefined, title ?? undefined),
  );
}

/// The scan's state-code cites (held by its memory, `s.mem.states`), updated
/// from `s.out` as it grows, so a look-up costs only the citations emitted
/// since the previous one.
function seenStates(s: Scanner): StateCites {
  s.mem.states ??= { upTo: 0, last: null, byCode: new Map(), byShape: new Map() };
  const seen = s.mem.states;
  for (; seen.upTo < s.out.length; seen.upTo++) {
    const c = s.out[seen.upTo]!;
    if (c.kind !== "state_statute") continue;
    const parts = c.key.split("/");
    const where = parts[1]!;
    const ctx: StatContext = { scheme: "state", where, key: c.key };
    const levels = STATE_CODE_LEVELS.has(where) ? 1 : 0;
    seen.last = ctx;
    seen.byCode.set(where, ctx);
    seen.byShape.set(shape(parts[2 + levels] ?? ""), ctx);
  }
  return seen;
}

/// The text's last state-code cite (of `code`, or whose section has `sectionShape`).
function lastState(s: Scanner, code?: string, sectionShape?: string): StatContext | null {
  const seen = seenStates(s);
  if (code !== undefined) return seen.byCode.get(code) ?? null;
  if (sectionShape !== undefined) return seen.byShape.get(sectionShape) ?? null;
  return seen.last;
}

/// A section number's shape: its digits as 9s ("2C:35-10" → "9C:99-99").
const shape = (section: string): string => section.replace(/\d/g, "9");
const OF_AFTER = /\)?,?\s+of\s(?!\[)/y;

/// A bare "section 2C:35-10(a)" or "section 484" that is no federal section:
/// a section of the state code the text cited last, when its number has the
/// shape of that cite's ("section 484" after "section 496(a) of the California
/// Penal Code"; never "section 1229a" after it) and no "of …" names another act.
export function bareStateSection(s: Scanner, p: number, q: number, multi: boolean): number {
  const all: Item[] | null = parseList(s, q, "state", multi);
  if (!all) return q;
  // "of section 2C:35-10(a)(1), 442 the respondent": a page number ends the list.
  const want = shape(all[0]!.section);
  const cut = all.findIndex((it) => shape(it.section) !== want);
  const items = cut < 0 ? all : all.slice(0, cut);
  if (s.exec(OF_AFTER, items[items.length - 1]!.end)) return q;
  const ctx = lastState(s, undefined, want);
  if (!ctx || STATE_CODE_LEVELS.get(ctx.where) === "ILCS") return q;
  return emitItems(s, "state_statute", p, items, (it, sfx) => keyInContext(ctx, it, sfx), {
    antecedent: ctx.key,
  });
}

/// "N.J.S.A. 2C:35-10(a)", "N.J.S. 2C:43-3", "N.J.S.2C:43-3": New Jersey's own
/// short name of its statutes, the section straight after it.
export function atNjs(s: Scanner, p: number, tok: string): number {
  let q = p + tok.length;
  if (s.text.charCodeAt(q) === 32) q++;
  if (!/^\d{1,3}[A-Z]{0,2}:\d/.test(s.text.slice(q, q + 8))) return q;
  const items = parseList(s, q, "state", false);
  if (!items) return q;
  return emitItems(s, "state_statute", p, items, (it, sfx) => stateKey("N.J. Stat. Ann.", it, sfx));
}
