/// The extraction pass. One global regex finds every place a citation can
/// start; the family modules in `scan/` then parse a bounded neighbourhood
/// with sticky regexes. No pattern nests unbounded quantifiers, so the whole
/// pass is linear in the input.
import { dateRenumbered } from "./dated.ts";
import { atTaxCourtNumbered } from "./scan/cases.ts";
import { atAmendment, atConst, orBareArticle } from "./scan/constitution.ts";
import { atBareConclusion, atConclusion } from "./scan/excom.ts";
import { atNumber } from "./scan/numberFirst.ts";
import { atPart } from "./scan/regulations.ts";
import { isDigit, Scanner } from "./scan/scanner.ts";
import { atSection, atSubsection } from "./scan/sectionRefs.ts";
import { atId, atSupra } from "./scan/shortForms.ts";
import { atNjs } from "./scan/stateNamed.ts";
import { atChapter, atIna, atInaName, atPublicLaw } from "./scan/statutes.ts";
import { atArticle, atBrokenArticle, atInstrument } from "./scan/treaties.ts";
import { groupedTrigger } from "./scan/trigger.ts";
import { addTeamForms, findTeamForms } from "./teamForms.ts";
import type { Citation, ExtractOptions } from "./types.ts";

const TRIGGER = new RegExp(
  [
    String.raw`(?<![\w.\-–/§])\d{1,5}(?=\s{1,3}[A-Z§])`,
    "§",
    String.raw`\b(?:No\.|N[º°]\.?)(?=\s?\d{1,3}\s?\([XL])`,
    String.raw`\bparts?(?=\s{1,2}\d)`,
    // Words, then the same in headings' capitals ("ARTÍCULOS 5 … DE LA CONVENCIÓN AMERICANA"),
    // then a first word broken by a line-end hyphen or a star page ("Con- vención", "Con*438vention",
    // "artí- culo"). "Mexico" only before "'s" (or a soft hyphen, mended away): every name it
    // begins ("Mexico's Constitution") goes on so, and most Mexicos of a text begin none.
    String.raw`\b(?:INA|Immigration and Nationality Act|[Ss]ections?|[Ss]ubsections?|[Ss]ecs?\.|[Ii]d\.|Ibid\.|supra|N\.J\.S\.(?:A\.)?|Pub\.|P\.\s?L\.|Public Law|PUBLIC LAW|Const\.|CONST\.|Conclusi(?:on|ón)|T\.\s?C\.\s?Memo\.?|T\.\s?C\.\s?Summary\s+Opinion|Amendment|[Aa]rts?\.|[Aa]rticles?|[Aa]rt[ií]culos?|Chapter|chapter|Convention|Convención|Protocol|Protocolo|Covenant|Pacto|Declaration|Declaración|Constitución|Constitution|Political|Ley|Código Nacional|Law on Refugees|Reglamento|Refugee|Torture|American|Universal|Cartagena|International|Global|New York|Brazil|San Jos[eé]|Mexican|Mexico(?=['’\u00AD])|UN|U\.N\.|United Nations|CAT|ICCPR|PIDCP|ACHR|CADH|CPEUM|LRPCAP|LSRPCAP|LM|LGP|LGDNNA|UDHR|DUDH|ARTS?\.|ARTICLES?|ARTÍCULOS?|CONVENTION|CONVENCIÓN|PROTOCOLO?|COVENANT|PACTO|DECLARATION|DECLARACIÓN|REFUGEE|TORTURE|AMERICAN|UNIVERSAL|CARTAGENA|INTERNATIONAL|UNITED NATIONS|LEY|CONSTITUCIÓN|[Aa]r(?:t[ií](?:cu)?)?(?:-\s{1,2}|\u00AD)[a-zí]{2,7}|Con[a-zá-ú]{0,8}(?:-\s{1,2}|\u00AD|\*\d)|Pro[a-zá-ú]{0,8}(?:-\s{1,2}|\u00AD|\*\d)|Dec[a-zá-ú]{0,8}(?:-\s{1,2}|\u00AD|\*\d)|Cov[a-zá-ú]{0,8}(?:-\s{1,2}|\u00AD|\*\d)|Pac[a-zá-ú]{0,8}(?:-\s{1,2}|\u00AD|\*\d))`,
  ].join("|"),
  "g",
);

type Handler = (s: Scanner, p: number, tok: string) => number;

const BY_TOKEN: Record<string, Handler> = {
  "§": atSection,
  INA: atIna,
  "Immigration and Nationality Act": atInaName,
  "Id.": atId,
  "id.": atId,
  "Ibid.": atId,
  supra: atSupra,
  "Const.": atConst,
  "CONST.": atConst,
  Amendment: atAmendment,
  "N.J.S.": atNjs,
  "N.J.S.A.": atNjs,
  Chapter: atChapter,
  chapter: atChapter,
  part: atPart,
  parts: atPart,
};
for (const t of ["subsection", "subsections", "Subsection", "Subsections"])
  BY_TOKEN[t] = atSubsection;
for (const t of ["section", "sections", "Section", "Sections", "sec.", "secs.", "Sec.", "Secs."])
  BY_TOKEN[t] = atSection;

const articleOrConst = orBareArticle(atArticle);

/// The handler of a trigger word (numbers go to atNumber).
function handlerOf(tok: string): Handler {
  const h = Object.hasOwn(BY_TOKEN, tok) ? BY_TOKEN[tok] : undefined;
  if (h) return h;
  if (tok.startsWith("Pub") || tok.startsWith("P.") || tok === "Public Law" || tok === "PUBLIC LAW")
    return atPublicLaw;
  if (/^[Aa]r[^.]*[-\u00AD]/.test(tok)) return atBrokenArticle;
  if (/^(?:[Aa]rt|ART|Article)/.test(tok)) return articleOrConst;
  if (tok.startsWith("T.")) return atTaxCourtNumbered;
  if (tok.startsWith("Conclusi")) return atConclusion;
  if (tok === "No." || tok.startsWith("N°") || tok.startsWith("Nº")) return atBareConclusion;
  return atInstrument;
}

/// handlerOf per word, kept: a text repeats its few trigger words ("Mexico"
/// in a letter about Mexico), and the choice depends on the word alone.
const handlers = new Map<string, Handler>();

/// The handler of a trigger token; answers where scanning resumes (or -1).
function dispatch(s: Scanner, p: number, tok: string): number {
  if (isDigit(tok.charCodeAt(0))) return atNumber(s, p, tok);
  let h = handlers.get(tok);
  if (!h) {
    h = handlerOf(tok);
    // Spaced forms ("T. C.  Summary Opinion") vary: the map stays small.
    if (handlers.size > 1000) handlers.clear();
    handlers.set(tok, h);
  }
  return h(s, p, tok);
}

/// TRIGGER as the scan runs it: its words grouped by first character (scan/trigger.ts).
const SCAN = groupedTrigger(TRIGGER.source);
/// Both forms, for scan/trigger.test.ts's check that they find the same places.
export const TRIGGER_FORMS = { written: TRIGGER.source, scan: SCAN } as const;

const WORD_CHAR = /\w/;
const BLANK = /\s/;

/// "DefinitionsArticle 1": "Article(s)" glued to the word before it (a space
/// lost in extraction), from `from` on. Found with indexOf, not as a trigger
/// alternative: one without a word boundary made the scan try it at every
/// position (sparse text 205 → 174 MB/s). Where a word boundary stands before
/// it, the trigger reads it. indexOf("Articl"), then the "e": V8 finds the
/// 6-character word ~12× faster than the 7-character one in a text without
/// it (0.1 vs 1.2 ms per 2 MB of the letter; a regex took 0.2 ms).
function gluedArticle(text: string, from: number): { at: number; tok: string } | null {
  for (let i = text.indexOf("Articl", from); i >= 0; i = text.indexOf("Articl", i + 1)) {
    if (text.charCodeAt(i + 6) !== 101 || i === 0 || !WORD_CHAR.test(text[i - 1]!)) continue;
    const len = text[i + 7] === "s" ? 8 : 7;
    if (BLANK.test(text[i + len] ?? "")) return { at: i, tok: text.slice(i, i + len) };
  }
  return null;
}

/// Finds every legal citation in `text`, in order of appearance, with
/// normalised keys, canonical forms, equivalents and official URLs. Short
/// forms (`Id.`, `supra`, bare sections, `509 U.S. at 187`) are resolved
/// against the citations before them. Linear in the length of the input.
export function extractCitations(text: string, options: ExtractOptions = {}): Citation[] {
  if (typeof text !== "string") throw new TypeError("extractCitations expects a string.");
  const s = new Scanner(text, options);
  const team = options.forms?.length ? findTeamForms(text, options.forms) : [];
  let t = 0;
  const re = new RegExp(SCAN, "g");
  let m: RegExpExecArray | null = re.exec(text);
  let g = gluedArticle(text, 0);
  for (;;) {
    const fromScan = m !== null && (g === null || m.index <= g.at);
    if (!fromScan && g === null) break;
    const p = fromScan ? m!.index : g!.at;
    const tok = fromScan ? m![0] : g!.tok;
    // Team forms read since the last trigger, outside the engine's citations.
    for (; t < team.length && team[t]!.start < p; t++) {
      if (team[t]!.start >= (s.last()?.end ?? 0)) s.mem.sawTeam(team[t]!.form);
    }
    let end = -1;
    try {
      end = dispatch(s, p, tok);
    } catch (err) {
      // A handler bug must never lose the rest of the document.
      if (!(err instanceof RangeError)) throw err;
    }
    const next = Math.max(end, p + tok.length);
    re.lastIndex = next;
    m = re.exec(text);
    if (g && g.at < next) g = gluedArticle(text, next);
  }
  dateRenumbered(text, s.out, options.asOf);
  const out = team.length ? addTeamForms(text, s.out, team) : s.out;
  if (options.kinds) {
    const keep = new Set(options.kinds);
    return out.filter((c) => keep.has(c.kind));
  }
  return out;
}
