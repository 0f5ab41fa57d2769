import { inaToUsc } from "./crosswalk.ts";
import { type Instrument, instrumentById, instruments, treatySeries } from "./instruments.ts";
import { canonicalForKey, equivalentsForKey, fromRoman, urlsForKey } from "./keys.ts";
import {
  journalName,
  reporterBySpelling,
  STATE_ABBREVIATIONS,
  supremeCourtReporters,
} from "./reporters.ts";
import type { Citation, CitationKind, ExtractOptions } from "./types.ts";

// ---------------------------------------------------------------------------
// Anchors. One global regex finds every place a citation can start; each
// handler then parses a bounded neighbourhood with sticky regexes. No pattern
// nests unbounded quantifiers, so the whole pass is linear in the input.

const TRIGGER = new RegExp(
  [
    String.raw`(?<![\w.\-–/§])\d{1,5}(?=\s{1,3}[A-Z§])`,
    "§",
    String.raw`\b(?:INA|Immigration and Nationality Act|[Ss]ections?|[Ss]ecs?\.|[Ii]d\.|Ibid\.|supra|Pub\.|P\.\s?L\.|Public Law|Const\.|CONST\.|Amendment|[Aa]rts?\.|[Aa]rticles?|[Aa]rt[ií]culos?|Chapter|chapter|Convention|Convención|Protocol|Protocolo|Covenant|Pacto|Declaration|Declaración|Constitución|Constitution|Political|Ley|Law on Refugees|Reglamento|Refugee|Torture|American|Universal|Cartagena|International|Global|New York|Brazil|San Jos[eé]|Mexican|Mexico|UN|U\.N\.|United Nations|CAT|ICCPR|PIDCP|ACHR|CADH|CPEUM|LRPCAP|LSRPCAP|LM|LGP|LGDNNA|UDHR|DUDH)`,
  ].join("|"),
  "g",
);

const sticky = (src: string): RegExp => new RegExp(src, "y");

const SUBS = /(?:\((?:[A-Za-z]{1,5}|\d{1,4})\)){1,10}/y;
const SUB_ONE = /\(([A-Za-z]{1,5}|\d{1,4})\)/g;
const SEC_USC = /(\d{1,5}(?:[A-Za-z]{1,3}(?![A-Za-z]))?)(-\d{1,4}[A-Za-z]{0,2}(?![\w]))?/y;
const SEC_CFR = /\d{1,4}(?:\.\d{1,5}[a-z]{0,3}(?:-\d{1,3})?)?(?![\w])/y;
const SEC_CFR_ABBR = /\.(\d{1,5}[a-z]{0,3})(?![\w])/y;
const SEC_STATE = /\d[\dA-Za-z]{0,6}(?:[.:\-–][\dA-Za-z]{1,7}){0,4}/y;
const SEP =
  /(?:\s*(,)\s*(?:and\s+|or\s+|&\s*)?|\s(?:and|or|&)\s+|\s*(–|—|--?)\s*|\s+(through|thru|to)\s+)/y;
const NEW_CITE_AHEAD = /\s{1,3}(?:§|[A-Z][A-Za-z']{0,6}\.|[A-Z]{2,5}\s)/y;
const SUFFIX = /\s+(?:(et\.?\s+seq\.?)|(note)(?![\w]))/y;
const YEAR_PAREN = /\s\((?:Supp\.\s[IVX]{1,4}\s)?(\d{4})\)/y;
const MARKER = /(§§?|[Ss]ecs?\.|[Ss]ections?)\s{0,2}/y;
const PAGE = /(\d{1,7})(?![\d])/y;
const STAT_PAGE = /(\d{1,5}(?:-\d{1,4})?)(?![\d])/y;
const PIN =
  /,\s{0,2}(?:at\s+)?(\*{0,2}\d{1,5}(?:-\d{1,5})?(?:\s?[-–]\s?\d{1,5})?(?:\s?(?:&\s)?n\.\s?\d{1,3})?)(?![\d])/y;
const PIN_AT = /(\*{0,2}\d{1,5}(?:\s?[-–]\s?\d{1,5})?(?:\s?n\.\s?\d{1,3})?)(?![\d])/y;
const CASE_PAREN = /\s{0,2}\(([^()\n]{0,60}?)\s?(\d{4})\)/y;
const FR_PAREN = /\s\((?:[A-Z][a-z]{2,8}\.?\s\d{1,2},\s)?(\d{4})\)/y;
const TRAIL_KW =
  /\s(app\.|App\.|Appendix|ch\.|Ch\.|chapter|Chapter|pts?\.|parts?|Parts?|secs?\.|Secs?\.|sections?|at)\s*$/;
const MONTH_DAY =
  /,?\s*(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},?\s*$/;

const USC_NAMES = new Set([
  "U.S.C.",
  "USC",
  "U.S.C.A.",
  "U.S.C.S.",
  "U.S.Code",
  "UnitedStatesCode",
  "U.S.C",
]);
const CFR_NAMES = new Set(["C.F.R.", "CFR", "C.F.R"]);
const FR_NAMES = new Set(["Fed.Reg.", "FR", "F.R.", "Fed.Register"]);

const OF_ACT = sticky(
  String.raw`,?\s+of\s+(?:the\s+)?(?:(Immigration and Nationality Act)(?:\s?\((?:the\s)?["“]?(?:INA|Act)["”]?(?:\s(?:or|and)\s(?:the\s)?["“]?(?:INA|Act)["”]?)?\))?|(INA)(?![\w])|(Act)(?![\w])|[Tt]itle\s+(\d{1,2})(?:(?:,|\s+of\s+the)\s+(?:United\s+States\s+Code|U\.\s?S\.\s?Code|U\.S\.C\.)(?:\s+Annotated)?|(?![\w(]|\s+of\s+(?:this|such|the|division)\b))|((?:this|such)\s+title)|(?:Public\s+Law|Pub\.\s?L\.|P\.\s?L\.)\s?(?:No\.\s?)?(\d{1,3})\s?[-–]\s?(\d{1,4}))`,
);

const INA_ABBR =
  /\s?\((?:the\s)?["“]?(?:INA|Act)["”]?(?:\s(?:or|and)\s(?:the\s)?["“]?(?:INA|Act)["”]?)?\)/y;
const UNKNOWN_OF = /,?\s+of\s+(?:the\s+|this\s+|such\s+|that\s+)?[A-Z]/y;

const STATE_BEFORE = new RegExp(
  String.raw`(?:^|[\s(;,])((?:${STATE_ABBREVIATIONS.join("|")})(?:\s(?:[A-Z][A-Za-z.'’&]{0,14}|ch\.\s\d{1,4},?|tit\.\s\d{1,3},?)){1,6})\s?$`,
);
const STATE_CODE_WORD = /\b(?:Code|Stat\.|Laws?|Ann\.|Rev\.|Gen\.|Cons\.)/;

// Instruments: one sticky alternation, two groups per instrument (names, acronyms).
const INSTRUMENT_RE = sticky(
  instruments
    .map((i) => {
      const names = `(${i.names.join("|")})`;
      const acr = i.acronyms?.length ? `(${i.acronyms.join("|")})(?![\\w])` : "(?!)()";
      return `${names}|${acr}`;
    })
    .join("|"),
);
const BRACKET =
  /\s?(?:\[(?:hereinafter\s)?[^\]\n]{1,60}\]|\((?:the\s)?["“][^)\n"”]{1,40}["”]\)|\((?:the\s)?[A-Z][A-Za-z]{1,8}\))/y;
const SUPRA_AFTER = /,?\s+supra(?:\s+note\s+\d{1,4})?(?![\w])/y;
const SERIES_DATE = /,\s(?:opened for signature\s)?[A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4}/y;
const SERIES_ITEM =
  /,\s(?:\d{1,4}\s(?:U\.N\.T\.S\.|U\.S\.T\.|I\.L\.M\.)\s\d{1,5}|S\.\s(?:Treaty|Exec\.)\sDoc\.\s(?:No\.\s)?[\w.-]{1,8}(?:,\s95-2\s\(1978\))?|O\.A\.S\.T\.S\.\sNo\.\s\d{1,4}|T\.I\.A\.S\.\sNo\.\s[\d,]{1,8})/y;
const MX_TAIL =
  /,?\s(?:DOF|D\.O\.F\.)\s\d{2}-\d{2}-\d{4}(?:,\s(?:últimas reformas|última reforma)\s(?:DOF\s)?\d{2}-\d{2}-\d{4})?(?:\s\(Mex\.\))?/y;
const ARTICLE_WORD =
  /,?\s+(?:arts?\.|Arts?\.|ART\.|Articles?|articles?|artículos?|Artículos?)\s{0,2}/y;
const ART_NUM =
  /(?:(\d{1,3})(?:\s?(?:o(?![A-Za-zñáéíóú])\.?|º\.?|°\.?|ª))?(?:\s(Bis|bis|BIS|Ter|ter)(?![\w]))?|([IVX]{1,5})(?![\w]))/y;
const ART_LETTER = /([A-F])(?=\()/y;
const ART_DOT = /\.(\d{1,2})(?![\d.])/y;
const ART_SUBS = /\((\d{1,2}|[A-Za-z]{1,4})\)/y;
const ART_PARA = /,\s(?:paragraph|para\.)\s(\d{1,2})(?![\d])/y;
const MX_PARR =
  /,?\s(?:párrafo|párr\.)\s(primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo|\d{1,2})(?![\w])/y;
const MX_FR = /,?\s(?:fracción|fracciones|fracc\.|fr\.|frs\.)\s([IVXL]{1,7})(?![\w])/y;
const MX_FR_MORE = /(?:,\s|\sy\s|\se\s)([IVXL]{1,7})(?![\w])/y;
const MX_INC = /,?\s(?:inciso|inc\.)\s([a-z])\)?/y;
const ART_SEP =
  /(?:\s?,\s?(?:and\s|y\s)?|\s(?:and|y|e|&)\s|\s?(?:–|-)\s?|\s(?:to|through|a|al)\s)/y;
const ART_CONNECT =
  /(?:\s+(constitucional(?:es)?)(?![\w])|,?\s+(?:of\s+the|of|to\s+the|de\s+la|de\s+los|del|de|en\s+la)\s+(?:(?:(esta|la\s+presente)\s+Ley)(?![\w])|(Convention|Protocol|Covenant|Declaration|Convención|Protocolo|Pacto|Declaración)(?![\w])|(Constitución|Carta\s+Magna)(?![\w])))/y;
const ART_CONNECT_WORD = /,?\s+(?:of\s+the|of|to\s+the|de\s+la|de\s+los|del|de|en\s+la)\s+/y;
// biome-ignore format: compact table
const ORDINAL_WORDS: Record<string, number> = {
  primero: 1, segundo: 2, tercero: 3, cuarto: 4, quinto: 5, sexto: 6, séptimo: 7, octavo: 8,
  noveno: 9, décimo: 10,
};
// biome-ignore format: compact table
const AMEND_WORDS = [
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
  "eighteenth", "nineteenth", "twentieth",
];
const AMEND_BEFORE =
  /(?:^|[^\w-])((?:Twenty-)?(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth)|(\d{1,2})(?:st|nd|rd|th)) $/;
const AMEND_AFTER = /\sto\sthe\s(?:U\.S\.\s|United\sStates\s)?Constitution(?![\w])/y;
const CONST_AFTER =
  /\s+(?:(?:amend\.|AMEND\.|Amend\.)\s?([IVXL]{1,6})|(?:art\.|ART\.|Art\.)\s?([IVX]{1,4})|(pmbl\.|PMBL\.))(?:,\s?§\s?(\d{1,2}))?(?:,\s?cl\.\s?(\d{1,2}))?/y;
const PL_RE =
  /(?:Pub\.\s?L\.|P\.\s?L\.|Public\s+Law)\s?(?:No\.\s?)?(\d{1,3})\s?[-–]\s?(\d{1,4})(?![\d])(?:,\s?div\.\s?([A-Z]{1,2})(?![\w]))?(?:,\s?(?:tit\.|title)\s?[IVXLC]{1,6}(?![\w]))?(?:,\s?(?:§|sec\.|section)\s?(\d{1,5}[A-Za-z]?)(?:\((?:\w{1,4})\)){0,5})?/y;
const CHAPTER_RE =
  /[Cc]hapter\s(\d{1,3}[A-Z]?)\sof\s[Tt]itle\s(\d{1,2})(?:,|\sof\sthe)\s(?:United\sStates\sCode|U\.S\.\sCode|U\.S\.C\.)/y;
const ID_AFTER =
  /,?\s{0,2}(?:at\s(\*{0,2}\d{1,5}(?:\s?[-–]\s?\d{1,5})?(?:\s?n\.\s?\d{1,3})?)(?![\d])|(§§?|(?=\d{2,5}(?:[a-zA-Z]{0,2})\())\s{0,2}|(arts?\.|Article|artículo)\s{0,2}|¶\s?(\d{1,4}))/y;
const SUPRA_NAME =
  /([A-Z][\w'’\-.&]*(?:\s(?:of|the|v\.|de|&|et\sal\.|[A-Z][\w'’\-.&]*)){0,5}),\s{0,2}$/;
const SUPRA_TAIL = /(?:\s+note\s+(\d{1,4}))?(?:,\s{0,2}at\s+(\*?\d{1,5}(?:\s?[-–]\s?\d{1,5})?))?/y;
const CASE_NAME_ABBR = new Set([
  "Inc.",
  "Co.",
  "Corp.",
  "Ltd.",
  "Ass'n",
  "U.S.",
  "Dep't",
  "Sec'y",
  "Bd.",
  "Comm'n",
  "Ctr.",
  "Ctrs.",
  "Cnty.",
  "Univ.",
  "Nat'l",
  "Int'l",
  "Am.",
  "Fed.",
  "Gov't",
  "Mr.",
  "St.",
  "Mt.",
  "Jr.",
  "Dist.",
  "Admin.",
  "Auth.",
  "Bros.",
  "Med.",
  "Mfg.",
  "Org.",
  "Pub.",
  "Sch.",
  "Serv.",
  "Servs.",
  "Soc'y",
  "Sys.",
  "Tech.",
  "Transp.",
  "Hous.",
  "Dev.",
  "Educ.",
  "Emp.",
  "Env't",
  "Cmty.",
  "Immigr.",
  "Enf't",
  "Customs",
  "L.L.C.",
  "N.Y.",
  "D.C.",
  "Cal.",
  "Tex.",
  "Ariz.",
  "Fla.",
]);
const CASE_NAME_STOP = new Set([
  "See",
  "see",
  "Cf.",
  "cf.",
  "But",
  "but",
  "also",
  "Accord",
  "accord",
  "e.g.,",
  "E.g.,",
  "Compare",
  "compare",
  "with",
  "and",
  "In",
  "citing",
  "quoting",
  "(citing",
  "(quoting",
  "See,",
  "Contra",
  "contra",
  "Also,",
  "Thus,",
  "Similarly,",
  "also,",
]);
const CASE_NAME_CONNECT = new Set([
  "of",
  "the",
  "for",
  "de",
  "del",
  "la",
  "los",
  "ex",
  "rel.",
  "&",
  "on",
  "behalf",
  "y",
  "et",
  "al.",
]);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

interface Item {
  start: number;
  end: number;
  section: string;
  subs: string[];
  /// Continues the previous item ("(2)" after "(b)(1)", or a range end).
  joint?: boolean;
}

interface ArticleItem {
  start: number;
  end: number;
  article: string;
  paragraphs: string[];
  parr?: string;
  fr?: string;
  inc?: string;
}

interface StatContext {
  scheme: "usc" | "ina" | "cfr" | "state";
  /// Title (usc/cfr) or code name (state).
  where: string;
  key: string;
}

interface FullCase {
  key: string;
  volume: string;
  reporter: string;
  page: number;
  name: string;
}

type Mode = "usc" | "cfr" | "state";

class Scanner {
  readonly out: Citation[] = [];
  private lastAuthority: string | null = null;
  /// Last authority with pages (case, article, register, session law).
  private lastPaged: string | null = null;
  private lastStat: StatContext | null = null;
  private lastIna: string | null = null;
  private defaultAct: "ina" | null;
  private readonly actInferred: boolean;
  private lastTreaty: Instrument | null = null;
  private lastMx: string | null = null;
  /// Full case cites by "volume reporter", most recent last (bounded).
  private readonly cases = new Map<string, FullCase[]>();
  /// Parallel cites of the case being cited, awaiting their parenthetical.
  private parallel: Citation[] = [];
  private readonly supraTargets: Array<{ key: string; names: string }> = [];

  constructor(
    private readonly text: string,
    private readonly opts: ExtractOptions,
  ) {
    this.defaultAct = opts.defaultAct ?? null;
    this.actInferred = opts.defaultAct === undefined;
    this.lastMx = opts.mxLaw ?? null;
    if (opts.cfrTitle !== undefined) {
      this.lastStat = { scheme: "cfr", where: String(opts.cfrTitle), key: `cfr/${opts.cfrTitle}` };
    } else if (opts.uscTitle !== undefined) {
      this.lastStat = { scheme: "usc", where: String(opts.uscTitle), key: `usc/${opts.uscTitle}` };
    }
  }

  run(): void {
    const text = this.text;
    const re = new RegExp(TRIGGER.source, "g");
    let m: RegExpExecArray | null = re.exec(text);
    while (m !== null) {
      const p = m.index;
      const tok = m[0];
      let end = -1;
      try {
        end = this.dispatch(p, tok);
      } catch (err) {
        // A handler bug must never lose the rest of the document.
        if (!(err instanceof RangeError)) throw err;
      }
      re.lastIndex = Math.max(end, p + tok.length);
      m = re.exec(text);
    }
  }

  private dispatch(p: number, tok: string): number {
    const c = tok.charCodeAt(0);
    if (isDigit(c)) return this.atNumber(p, tok);
    if (tok === "§") return this.atSection(p, "§");
    switch (tok) {
      case "INA":
        return this.atIna(p);
      case "Immigration and Nationality Act":
        return this.atInaName(p);
      case "section":
      case "sections":
      case "Section":
      case "Sections":
      case "sec.":
      case "secs.":
      case "Sec.":
      case "Secs.":
        return this.atSection(p, tok);
      case "Id.":
      case "id.":
      case "Ibid.":
        return this.atId(p, tok);
      case "supra":
        return this.atSupra(p);
      case "Const.":
      case "CONST.":
        return this.atConst(p, tok);
      case "Amendment":
        return this.atAmendment(p);
      case "Chapter":
      case "chapter":
        return this.atChapter(p);
      default:
        break;
    }
    if (tok.startsWith("Pub") || tok.startsWith("P.") || tok === "Public Law")
      return this.atPublicLaw(p);
    if (/^(?:[Aa]rt|Article)/.test(tok)) return this.atArticle(p, tok);
    return this.atInstrument(p, p);
  }

  // --- helpers -------------------------------------------------------------

  private exec(re: RegExp, pos: number): RegExpExecArray | null {
    re.lastIndex = pos;
    return re.exec(this.text);
  }

  private emit(
    kind: CitationKind,
    start: number,
    end: number,
    key: string,
    extra?: Partial<Citation>,
  ): Citation {
    const d = cached(key);
    const c: Citation = {
      kind,
      text: this.text.slice(start, end),
      start,
      end,
      key,
      canonical: extra?.canonical ?? d.canonical,
      equivalents: extra?.equivalents?.length
        ? d.equivalents.concat(extra.equivalents)
        : d.equivalents.slice(),
      urls: d.urls.slice(),
    };
    if (extra) {
      if (extra.pinpoint !== undefined) c.pinpoint = extra.pinpoint;
      if (extra.year !== undefined) c.year = extra.year;
      if (extra.court !== undefined) c.court = extra.court;
      if (extra.caseName !== undefined) c.caseName = extra.caseName;
      if (extra.antecedent !== undefined) c.antecedent = extra.antecedent;
    }
    this.out.push(c);
    const base = d.base;
    this.lastAuthority = base;
    switch (d.scheme) {
      case "case":
      case "journal":
      case "fr":
      case "stat":
        this.lastPaged = base;
        break;
      case "usc":
        this.lastStat = { scheme: "usc", where: d.where, key: base };
        break;
      case "ina":
        this.lastStat = { scheme: "ina", where: "", key: base };
        this.lastIna = base;
        if (this.actInferred) this.defaultAct = "ina";
        break;
      case "cfr":
        this.lastStat = { scheme: "cfr", where: d.where, key: base };
        break;
      case "state":
        this.lastStat = { scheme: "state", where: d.where, key: base };
        break;
      case "mx":
        this.lastMx = d.where;
        break;
      case "treaty":
      case "softlaw":
        this.lastTreaty = instrumentById.get(`${d.scheme}/${d.where}`) ?? null;
        break;
      default:
        break;
    }
    return c;
  }

  private pushSupra(key: string, names: string): void {
    if (this.supraTargets.length >= 512) this.supraTargets.splice(0, 256);
    this.supraTargets.push({ key, names });
  }

  /// Parses a section, its subsections, then further list items and range ends.
  private parseList(pos: number, mode: Mode, multi: boolean): Item[] | null {
    const first = this.item(pos, mode, null, multi);
    if (!first) return null;
    const items = [first];
    let prev = first;
    for (let n = 0; n < 50; n++) {
      const sm = this.exec(SEP, prev.end);
      if (!sm) break;
      const isRange = sm[2] !== undefined || sm[3] !== undefined;
      const q = SEP.lastIndex;
      const ch = this.text.charCodeAt(q);
      let it: Item | null = null;
      if (ch === 40 /* ( */) {
        it = this.continuation(q, prev);
      } else if (isDigit(ch) || (ch === 46 && mode === "cfr")) {
        if (!multi && !isRange) break;
        it = this.item(q, mode, prev, multi);
      }
      if (!it) break;
      if (this.exec(NEW_CITE_AHEAD, it.end)) break;
      if (ch === 40 || isRange) it.joint = true;
      items.push(it);
      prev = it;
    }
    return items;
  }

  private item(pos: number, mode: Mode, prev: Item | null, multi = false): Item | null {
    const text = this.text;
    let section: string;
    let end: number;
    if (mode === "usc") {
      const m = this.exec(SEC_USC, pos);
      if (!m) return null;
      // After "§§" a hyphen is a range ("§§ 2201-2202"); after "§" it is part
      // of the section number ("§ 2000e-2", "§ 1440-1").
      const hyphenated = m[2] !== undefined && !multi;
      section = m[1]! + (hyphenated ? m[2] : "");
      end = hyphenated || m[2] === undefined ? SEC_USC.lastIndex : pos + m[1]!.length;
    } else if (mode === "cfr") {
      if (text.charCodeAt(pos) === 46) {
        const m = this.exec(SEC_CFR_ABBR, pos);
        if (!m || !prev) return null;
        const dot = prev.section.indexOf(".");
        section = `${dot >= 0 ? prev.section.slice(0, dot) : prev.section}.${m[1]}`;
        end = SEC_CFR_ABBR.lastIndex;
      } else {
        const m = this.exec(SEC_CFR, pos);
        if (!m) return null;
        section = m[0];
        end = SEC_CFR.lastIndex;
      }
    } else {
      const m = this.exec(SEC_STATE, pos);
      if (!m) return null;
      section = m[0].replace(/[.:\-–]+$/, "");
      end = pos + section.length;
    }
    const subs: string[] = [];
    const sm = this.exec(SUBS, end);
    if (sm) {
      for (const x of sm[0].matchAll(SUB_ONE)) subs.push(x[1]!);
      end = SUBS.lastIndex;
    }
    return { start: pos, end, section, subs };
  }

  /// "(2)" after "(b)(1)": replaces the level of the same class.
  private continuation(pos: number, prev: Item): Item | null {
    const sm = this.exec(SUBS, pos);
    if (!sm) return null;
    const add = [...sm[0].matchAll(SUB_ONE)].map((x) => x[1]!);
    const head = add[0]!;
    const cls = (s: string): number => (/^\d/.test(s) ? 1 : /^[A-Z]/.test(s) ? 2 : 0);
    const isRoman = /^[ivx]+$/.test(head);
    let at = -1;
    for (let i = prev.subs.length - 1; i >= 0; i--) {
      if (cls(prev.subs[i]!) !== cls(head)) continue;
      if (cls(head) === 0 && !(isRoman && i >= 3) && i !== 0) continue;
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
  private tail(end: number): { end: number; suffix?: "note" | "et-seq"; year?: number } {
    let e = end;
    let suffix: "note" | "et-seq" | undefined;
    const s = this.exec(SUFFIX, e);
    if (s) {
      suffix = s[1] ? "et-seq" : "note";
      e = SUFFIX.lastIndex;
    }
    const y = this.exec(YEAR_PAREN, e);
    if (y) return { end: YEAR_PAREN.lastIndex, ...(suffix ? { suffix } : {}), year: Number(y[1]) };
    return suffix ? { end: e, suffix } : { end: e };
  }

  private emitItems(
    kind: CitationKind,
    start: number,
    items: Item[],
    keyOf: (it: Item, suffix?: string) => string,
    extra: Partial<Citation> = {},
  ): number {
    const t = this.tail(items[items.length - 1]!.end);
    items.forEach((it, i) => {
      const last = i === items.length - 1;
      const key = keyOf(it, last ? t.suffix : undefined);
      const e = last ? t.end : it.end;
      this.emit(kind, i === 0 ? start : it.start, e, key, {
        ...extra,
        ...(last && t.year !== undefined ? { year: t.year } : {}),
      });
    });
    return t.end;
  }

  // --- number-first: 8 U.S.C., 8 C.F.R., 66 Stat., 82 Fed. Reg., reporters, journals

  private atNumber(p: number, num: string): number {
    const text = this.text;
    let q = p + num.length;
    while (q < text.length && q - p - num.length < 3 && /\s/.test(text[q]!)) q++;
    const lim = Math.min(text.length, q + 64);
    let e = q;
    for (; e < lim; e++) {
      const c = text.charCodeAt(e);
      if (isDigit(c)) {
        // "F.3d", "So. 2d", "Cal. 4th": an edition number is part of the name.
        const prevC = text.charCodeAt(e - 1);
        if (
          (prevC === 46 || prevC === 32) &&
          e > q &&
          /^\d(?:d|th|st|nd|rd)(?![\w])/.test(text.slice(e, e + 4))
        ) {
          e += 1;
          continue;
        }
        break;
      }
      if (c === 0xa7 || c === 44 || c === 59 || c === 40 || c === 41 || c === 91) break;
      if (c === 10 && text.charCodeAt(e + 1) === 10) break;
    }
    const stop = text.charCodeAt(e);
    if (stop === 44 && e < lim) {
      // "533 U.S., at 699": the United States Reports' own short form.
      const at = this.exec(/,\s?at\s(?=\d)/y, e);
      const rep = at ? reporterBySpelling.get(text.slice(q, e).replace(/\s+/g, "")) : undefined;
      if (at && rep) return this.caseCite(p, num, rep, e + at[0].length, true);
    }
    if (e >= lim || !(isDigit(stop) || stop === 0xa7)) return this.atInstrument(p, p);
    let win = text.slice(q, e);
    let kw = "";
    const km = TRAIL_KW.exec(win);
    if (km) {
      kw = km[1]!;
      win = win.slice(0, km.index);
    }
    const abbr = win.replace(/\s+/g, "").replace(/[’‘]/g, "'");
    if (abbr === "") return -1;
    if (USC_NAMES.has(abbr)) return this.usc(p, num, e, kw);
    if (CFR_NAMES.has(abbr)) return this.cfr(p, num, e, kw);
    if (kw === "" || kw === "at") {
      if (abbr === "Stat.") return this.statOrFr("stat", p, num, e);
      if (FR_NAMES.has(abbr)) return this.statOrFr("fr", p, num, e);
      if (abbr === "U.N.T.S." || abbr === "U.S.T.") return this.series(p, num, abbr, e);
      const reporter = reporterBySpelling.get(abbr);
      if (reporter) return this.caseCite(p, num, reporter, e, kw === "at");
      const journal = kw === "" ? journalName(win.trim().split(/\s+/)) : null;
      if (journal) return this.journal(p, num, journal, e);
    }
    // "the 1951 Convention and the 1967 Protocol": a year opening a name.
    return num.length === 4 ? this.atInstrument(p, p) : -1;
  }

  private usc(p: number, title: string, e: number, kw: string): number {
    if (kw === "ch." || kw === "Ch." || kw === "chapter" || kw === "Chapter") {
      const m = this.exec(/(\d{1,4}[A-Z]?)(?![\w])/y, e);
      if (!m) return -1;
      const end = e + m[0].length;
      this.emit("usc_chapter", p, end, `usc-ch/${title}/${m[1]}`);
      return end;
    }
    const appendix = kw === "app." || kw === "App." || kw === "Appendix";
    let multi = /s\.?$/.test(kw) && kw !== "app.";
    let q = e;
    const mm = this.exec(MARKER, q);
    if (mm) {
      multi = multi || mm[1] === "§§" || /s\.?$/.test(mm[1]!);
      q = MARKER.lastIndex;
    } else if (!/^(?:secs?\.|Secs?\.|sections?)$/.test(kw)) {
      // "8 U.S.C. 1101, 1103, 1158": lists without a section sign are common.
      multi = true;
    }
    const items = this.parseList(q, "usc", multi);
    if (!items) return -1;
    const t = appendix ? `${title}-app` : title;
    return this.emitItems("usc", p, items, (it, suffix) =>
      ["usc", t, it.section, ...it.subs, ...(suffix ? [suffix] : [])].join("/"),
    );
  }

  private cfr(p: number, title: string, e: number, kw: string): number {
    const isPart = /^(?:pts?\.|parts?|Parts?)$/.test(kw);
    let q = e;
    let multi = /s\.?$/.test(kw);
    const mm = this.exec(MARKER, q);
    if (mm) {
      multi = multi || mm[1] === "§§" || /s\.?$/.test(mm[1]!);
      q = MARKER.lastIndex;
    } else if (kw === "") {
      multi = true;
    }
    const items = this.parseList(q, "cfr", multi || isPart);
    if (!items) return -1;
    return this.emitItems("cfr", p, items, (it) =>
      isPart || !it.section.includes(".")
        ? `cfr/${title}/${it.section.split(".")[0]}`
        : ["cfr", title, it.section, ...it.subs].join("/"),
    );
  }

  private statOrFr(kind: "stat" | "fr", p: number, vol: string, e: number): number {
    const m = this.exec(STAT_PAGE, e);
    if (!m) return -1;
    let end = STAT_PAGE.lastIndex;
    const extra: Partial<Citation> = {};
    const pin = this.exec(PIN, end);
    if (pin && !this.exec(NEW_CITE_AHEAD, PIN.lastIndex)) {
      extra.pinpoint = pin[1]!;
      end = PIN.lastIndex;
    }
    const yr = this.exec(FR_PAREN, end);
    if (yr) {
      extra.year = Number(yr[1]);
      end = FR_PAREN.lastIndex;
    }
    const key = `${kind}/${vol}/${m[1]}`;
    const prev = this.out[this.out.length - 1];
    if (
      kind === "stat" &&
      prev?.kind === "public_law" &&
      /^,\s{0,2}$/.test(this.text.slice(prev.end, p))
    ) {
      extra.equivalents = [prev.key];
      prev.equivalents.push(key);
    }
    this.emit(kind === "stat" ? "stat" : "fed_reg", p, end, key, extra);
    return end;
  }

  private series(p: number, vol: string, abbr: string, e: number): number {
    const m = this.exec(PAGE, e);
    if (!m) return -1;
    const key = treatySeries[`${vol} ${abbr} ${m[1]}`];
    if (!key) return -1;
    const end = PAGE.lastIndex;
    this.emit("treaty", p, end, key);
    return end;
  }

  private caseCite(p: number, vol: string, reporter: string, e: number, short: boolean): number {
    const text = this.text;
    if (short) {
      const m = this.exec(PIN_AT, e);
      if (!m) return -1;
      const end = PIN_AT.lastIndex;
      const pin = m[1]!;
      const nameBefore = text.slice(Math.max(0, p - 80), p);
      const full = this.resolveShortCase(
        vol,
        reporter,
        Number.parseInt(pin.replace(/^\*+/, ""), 10),
        nameBefore,
      );
      const key = full ? full.key : `case/${vol}/${reporter}`;
      this.emit("case_short", p, end, key, {
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
    const m = this.exec(PAGE, e);
    if (!m) return -1;
    let end = PAGE.lastIndex;
    const page = m[1]!;
    const extra: Partial<Citation> = {};
    const pin = this.exec(PIN, end);
    if (pin && !this.exec(NEW_CITE_AHEAD, PIN.lastIndex)) {
      extra.pinpoint = pin[1]!;
      end = PIN.lastIndex;
    }
    let court: string | undefined;
    let year: number | undefined;
    const paren = this.exec(CASE_PAREN, end);
    if (paren) {
      year = Number(paren[2]);
      const ct = paren[1]!
        .replace(MONTH_DAY, "")
        .replace(/[,\s]+$/, "")
        .trim();
      if (ct !== "") court = ct === "B.I.A." ? "BIA" : ct;
      end = CASE_PAREN.lastIndex;
    }
    const key = `case/${vol}/${reporter}/${page}`;
    // Parallel cite: directly after another full case cite and a comma.
    const prev = this.out[this.out.length - 1];
    let name: string | undefined;
    let group: Citation[] = [];
    if (prev?.kind === "case_full" && /^,\s{0,2}$/.test(text.slice(prev.end, p))) {
      name = prev.caseName;
      group = this.parallel[this.parallel.length - 1] === prev ? this.parallel : [prev];
    } else {
      name = this.caseNameBefore(p);
    }
    if (name) extra.caseName = name;
    if (year !== undefined) extra.year = year;
    if (court !== undefined) extra.court = court;
    extra.canonical = `${name ? `${name}, ` : ""}${vol} ${reporter} ${page}${extra.pinpoint ? `, ${extra.pinpoint}` : ""}${
      year !== undefined ? ` (${court ? `${court} ` : ""}${year})` : ""
    }`;
    extra.equivalents = group.map((g) => g.key);
    const c = this.emit("case_full", p, end, key, extra);
    this.parallel = year === undefined ? [...group, c] : [];
    for (const g of group) {
      g.equivalents.push(key);
      if (year !== undefined && g.year === undefined) {
        g.year = year;
        if (court !== undefined) g.court = court;
        g.canonical = `${g.canonical} (${court ? `${court} ` : ""}${year})`;
      }
    }
    const vr = `${vol} ${reporter}`;
    const list = this.cases.get(vr) ?? [];
    list.push({ key, volume: vol, reporter, page: Number(page), name: name ?? "" });
    if (list.length > 32) list.shift();
    this.cases.set(vr, list);
    this.pushSupra(key, (name ?? "").toLowerCase());
    void c;
    if (supremeCourtReporters.has(reporter) && c.court === undefined) {
      // Court left implicit for the Supreme Court's reporters.
    }
    return end;
  }

  private resolveShortCase(
    vol: string,
    reporter: string,
    pin: number,
    before: string,
  ): FullCase | null {
    const cands = this.cases.get(`${vol} ${reporter}`) ?? [];
    if (cands.length === 0) return null;
    if (cands.length === 1) return cands[0]!;
    const nm = /([A-Z][\w'’\-.&]*(?:\s[\w'’\-.&]+){0,4}),\s{0,2}$/.exec(before);
    if (nm) {
      const words = nm[1]!.toLowerCase().split(/\s+/);
      const hit = [...cands]
        .reverse()
        .find((c) => words.some((w) => w.length > 2 && c.name.toLowerCase().includes(w)));
      if (hit) return hit;
    }
    const below = cands.filter((c) => c.page <= pin);
    const pool = below.length ? below : cands;
    return pool.reduce((a, b) => (b.page > a.page ? b : a));
  }

  /// Case name before "…, 509 U.S. 155": "X v. Y", "Matter of X", "In re X".
  private caseNameBefore(p: number): string | undefined {
    const text = this.text;
    const from = Math.max(0, p - 180);
    const w = text.slice(from, p);
    const cm = /,\s{0,2}$/.exec(w);
    if (!cm) return undefined;
    const seg = w.slice(0, cm.index);
    const cut = Math.max(
      seg.lastIndexOf("\n"),
      seg.lastIndexOf(";"),
      seg.lastIndexOf("("),
      seg.lastIndexOf(")"),
    );
    const s = seg.slice(cut + 1);
    const mat = /(?:^|\s)((?:Matter|In re|Ex parte|In the Matter)\b.*)$/.exec(s);
    const vIdx = Math.max(s.lastIndexOf(" v. "), s.lastIndexOf(" vs. "), s.lastIndexOf(" v "));
    if (mat && (vIdx < 0 || mat.index > vIdx)) {
      const name = mat[1]!.trim();
      return /\d{2,}\s[A-Z]/.test(name) || name.length > 120 ? undefined : name;
    }
    if (vIdx < 0) return undefined;
    const defendant = s
      .slice(vIdx)
      .replace(/^\s+vs?\.?\s+/, "")
      .trim();
    if (defendant === "" || /\d{2,}\s[A-Z]|\.\s[a-z]/.test(defendant) || defendant.length > 100)
      return undefined;
    const words = s.slice(0, vIdx).trim().split(/\s+/);
    const keep: string[] = [];
    for (let i = words.length - 1; i >= 0 && keep.length < 10; i--) {
      const wd = words[i]!;
      if (CASE_NAME_STOP.has(wd)) break;
      const cap = /^[A-Z0-9"“]/.test(wd);
      if (!cap && !CASE_NAME_CONNECT.has(wd)) break;
      if (wd.endsWith(",") && !/^(?:Inc\.|Co\.|Corp\.|Ltd\.|LLC|L\.L\.C\.)$/.test(keep[0] ?? ""))
        break;
      if (
        wd.endsWith(".") &&
        !CASE_NAME_ABBR.has(wd) &&
        !/^(?:[A-Z]\.)+$/.test(wd) &&
        !/^[A-Z]{1,3}\.$/.test(wd) &&
        keep.length > 0
      )
        break;
      if (
        wd.endsWith(".") &&
        keep.length === 0 &&
        !CASE_NAME_ABBR.has(wd) &&
        !/^(?:[A-Z]\.)+$/.test(wd)
      )
        break;
      keep.unshift(wd);
    }
    while (keep.length && CASE_NAME_CONNECT.has(keep[0]!)) keep.shift();
    if (keep.length === 0) return undefined;
    return `${keep.join(" ")} v. ${defendant}`.replace(/^["“]/, "");
  }

  private journal(p: number, vol: string, name: string, e: number): number {
    const m = this.exec(PAGE, e);
    if (!m) return -1;
    let end = PAGE.lastIndex;
    const extra: Partial<Citation> = {};
    const pin = this.exec(PIN, end);
    if (pin && !this.exec(NEW_CITE_AHEAD, PIN.lastIndex)) {
      extra.pinpoint = pin[1]!;
      end = PIN.lastIndex;
    }
    const yr = this.exec(YEAR_PAREN, end);
    if (yr) {
      extra.year = Number(yr[1]);
      end = YEAR_PAREN.lastIndex;
    }
    const key = `journal/${vol}/${name}/${m[1]}`;
    this.emit("journal", p, end, key, extra);
    const prevEnd = this.out.length > 1 ? this.out[this.out.length - 2]!.end : 0;
    this.pushSupra(key, this.text.slice(Math.max(prevEnd, p - 160), p).toLowerCase());
    return end;
  }

  // --- sections: "section 235(b)(2)(C) of the INA", "§ 1225(b)", "section 1252 of title 8"

  private atSection(p: number, tok: string): number {
    const text = this.text;
    let q = p + tok.length;
    let multi = /s\.?$/.test(tok);
    if (tok === "§" && text.charCodeAt(q) === 0xa7) {
      multi = true;
      q++;
    }
    const wsEnd = q + 3;
    while (q < wsEnd && (text[q] === " " || text[q] === "\u00a0" || text[q] === "\n")) q++;
    if (!isDigit(text.charCodeAt(q))) return q;
    const isSymbol = tok === "§";
    const cfrish =
      isSymbol && this.lastStat?.scheme === "cfr" && /^\d{1,4}\.\d/.test(text.slice(q, q + 6));
    let items = this.parseList(q, cfrish ? "cfr" : "usc", multi || !isSymbol);
    if (!items) return q;
    const of = this.exec(OF_ACT, items[items.length - 1]!.end);
    if (!of && !multi) {
      // "section 1182(h), 1182(i), … of this title" is a list only with its "of".
      const keep: Item[] = [];
      for (const it of items) {
        if (keep.length > 0 && !it.joint) break;
        keep.push(it);
      }
      items = keep;
    }
    if (of) {
      const end = OF_ACT.lastIndex;
      const lastItemEnd = items[items.length - 1]!.end;
      if (of[1] || of[2] || (of[3] && this.defaultAct === "ina")) {
        if (this.actInferred) this.defaultAct = "ina";
        return this.emitWithOf("ina", p, items, end, lastItemEnd, (it) =>
          ["ina", it.section, ...it.subs].join("/"),
        );
      }
      const such =
        of[5]?.startsWith("such") && this.lastStat?.scheme === "usc"
          ? this.lastStat.where
          : undefined;
      const thisTitle = of[5]?.startsWith("this")
        ? ((this.opts.uscTitle !== undefined ? String(this.opts.uscTitle) : undefined) ??
          (this.lastStat?.scheme === "usc" ? this.lastStat.where : undefined))
        : undefined;
      if (of[4] || such || thisTitle) {
        const title = of[4] ?? such ?? thisTitle!;
        return this.emitWithOf("usc", p, items, end, lastItemEnd, (it) =>
          ["usc", title, it.section, ...it.subs].join("/"),
        );
      }
      if (of[6]) {
        return this.emitWithOf(
          "public_law",
          p,
          items,
          end,
          lastItemEnd,
          (it) => `pl/${of[6]}/${of[7]}/${it.section}`,
        );
      }
    }
    // "section 208 of the Refugee Act", "§ 302 of IIRIRA": another act we do not know.
    if (!of && this.exec(UNKNOWN_OF, items[items.length - 1]!.end)) return q;
    if (isSymbol) {
      const st = this.stateBefore(p);
      if (st) {
        const sitems = this.parseList(q, "state", multi);
        if (sitems) {
          return this.emitItems("state_statute", st.start, sitems, (it) =>
            ["state", st.code, it.section, ...it.subs].join("/"),
          );
        }
      }
      let ctx = this.lastStat;
      // "§ 243(h)" after "§ 243(h)(1) of the INA, 8 U.S.C. § 1253(h)(1)": an INA number.
      if (
        ctx?.scheme === "usc" &&
        ctx.where === "8" &&
        this.lastIna &&
        items.every((it) => /^\d{3}[A-Z]?$/.test(it.section) && inaToUsc[it.section] !== undefined)
      ) {
        ctx = { scheme: "ina", where: "", key: this.lastIna };
      }
      if (!ctx || !items.every((it) => fitsContext(ctx!, it.section))) return q;
      const c = ctx;
      if (ctx.scheme === "state") {
        items = this.parseList(q, "state", multi);
        if (!items) return q;
      }
      const keyOf = (it: Item, suffix?: string): string => {
        const tail = [...it.subs, ...(suffix ? [suffix] : [])];
        switch (c.scheme) {
          case "usc":
            return ["usc", c.where, it.section, ...tail].join("/");
          case "ina":
            return ["ina", it.section, ...tail].join("/");
          case "cfr":
            return it.section.includes(".")
              ? ["cfr", c.where, it.section, ...it.subs].join("/")
              : `cfr/${c.where}/${it.section}`;
          case "state":
            return ["state", c.where, it.section, ...it.subs].join("/");
        }
      };
      const kind: CitationKind = c.scheme === "state" ? "state_statute" : c.scheme;
      return this.emitItems(kind, p, items, keyOf, { antecedent: c.key });
    }
    // A bare "section N": an INA section when the INA is the document's act,
    // or a section of the Code title being cited ("section 1229(a)").
    const uctx = this.lastStat;
    if (
      uctx?.scheme === "usc" &&
      items.every((it) => /^\d{4}/.test(it.section) && fitsContext(uctx, it.section))
    ) {
      return this.emitItems(
        "usc",
        p,
        items,
        (it, suffix) =>
          ["usc", uctx.where, it.section, ...it.subs, ...(suffix ? [suffix] : [])].join("/"),
        { antecedent: uctx.key },
      );
    }
    if (this.defaultAct !== "ina") return q;
    if (!items.every((it) => inaToUsc[it.section] !== undefined)) return q;
    const ante = this.lastIna ?? undefined;
    return this.emitItems(
      "ina",
      p,
      items,
      (it, suffix) => ["ina", it.section, ...it.subs, ...(suffix ? [suffix] : [])].join("/"),
      ante ? { antecedent: ante } : {},
    );
  }

  private emitWithOf(
    kind: CitationKind,
    p: number,
    items: Item[],
    end: number,
    lastItemEnd: number,
    keyOf: (it: Item) => string,
  ): number {
    void lastItemEnd;
    items.forEach((it, i) => {
      const last = i === items.length - 1;
      this.emit(kind, i === 0 ? p : it.start, last ? end : it.end, keyOf(it));
    });
    return end;
  }

  private stateBefore(p: number): { start: number; code: string } | null {
    const from = Math.max(0, p - 70);
    const m = STATE_BEFORE.exec(this.text.slice(from, p));
    if (!m) return null;
    const code = m[1]!.replace(/,$/, "").replace(/\s+/g, " ").trim();
    if (!STATE_CODE_WORD.test(code)) return null;
    return { start: from + m.index + m[0].indexOf(m[1]!), code };
  }

  // --- INA -------------------------------------------------------------------

  private atIna(p: number): number {
    const text = this.text;
    let q = p + 3;
    if (/[\w]/.test(text[q] ?? "")) return q;
    if (this.actInferred) this.defaultAct = "ina";
    const m = this.exec(/,?\s{0,2}(§§?|[Ss]ecs?\.|[Ss]ections?)?\s{0,2}(?=\d)/y, q);
    if (!m) return q;
    if (
      !m[1] &&
      !/^\d{3}[A-Z]?(?![\w.])/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 5))
    )
      return q;
    q = m.index + m[0].length;
    const multi = !!m[1] && (m[1] === "§§" || /s\.?$/.test(m[1]));
    const items = this.parseList(q, "usc", multi);
    if (!items) return q;
    return this.emitItems("ina", p, items, (it, suffix) =>
      ["ina", it.section, ...it.subs, ...(suffix ? [suffix] : [])].join("/"),
    );
  }

  private atInaName(p: number): number {
    let q = p + "Immigration and Nationality Act".length;
    if (this.actInferred) this.defaultAct = "ina";
    const ab = this.exec(INA_ABBR, q);
    if (ab) q = ab.index + ab[0].length;
    const m = this.exec(/,?\s{0,2}(§§?|[Ss]ecs?\.|[Ss]ections?)\s{0,2}(?=\d)/y, q);
    if (!m) return q;
    const multi = m[1] === "§§" || /s\.?$/.test(m[1]!);
    const items = this.parseList(m.index + m[0].length, "usc", multi);
    if (!items) return q;
    return this.emitItems("ina", p, items, (it, suffix) =>
      ["ina", it.section, ...it.subs, ...(suffix ? [suffix] : [])].join("/"),
    );
  }

  // --- short forms --------------------------------------------------------------

  private atId(p: number, tok: string): number {
    const q = p + tok.length;
    const target = this.lastAuthority;
    if (!target) return q;
    const m = this.exec(ID_AFTER, q);
    if (m?.[1] !== undefined) {
      const end = ID_AFTER.lastIndex;
      // "Id. at 701" needs something with pages: after a statute mentioned in
      // passing it points back to the last case, article or register cite.
      const paged = /^(?:case|journal|fr|stat)\//.test(target)
        ? target
        : (this.lastPaged ?? target);
      this.emit("id", p, end, `id->${paged}`, { pinpoint: m[1], antecedent: paged });
      return end;
    }
    if (m?.[4] !== undefined) {
      const end = ID_AFTER.lastIndex;
      this.emit("id", p, end, `id->${target}`, { pinpoint: `¶ ${m[4]}`, antecedent: target });
      return end;
    }
    if (m?.[2] !== undefined) {
      const ctx = this.lastStat;
      const after = ID_AFTER.lastIndex;
      if (ctx && ctx.key === target && (m[2] !== "" || ctx.scheme !== "state")) {
        const mode: Mode = ctx.scheme === "cfr" ? "cfr" : ctx.scheme === "state" ? "state" : "usc";
        const items = this.parseList(after, mode, m[2] === "§§");
        if (items) {
          const keyOf = (it: Item, suffix?: string): string => {
            const tail = [...it.subs, ...(suffix ? [suffix] : [])];
            switch (ctx.scheme) {
              case "usc":
                return ["usc", ctx.where, it.section, ...tail].join("/");
              case "ina":
                return ["ina", it.section, ...tail].join("/");
              case "cfr":
                return ["cfr", ctx.where, it.section, ...it.subs].join("/");
              case "state":
                return ["state", ctx.where, it.section, ...it.subs].join("/");
            }
          };
          return this.emitItems("id", p, items, (it, s) => `id->${keyOf(it, s)}`, {
            antecedent: target,
          });
        }
      }
    }
    if (m?.[3] !== undefined) {
      const slash = target.indexOf("/");
      const scheme = target.slice(0, slash);
      if (scheme === "treaty" || scheme === "softlaw" || scheme === "mx") {
        const base = target.split("/").slice(0, 2).join("/");
        const arts = this.parseArticles(ID_AFTER.lastIndex);
        if (arts) {
          let end = ID_AFTER.lastIndex;
          arts.forEach((a, i) => {
            end = a.end;
            this.emit("id", i === 0 ? p : a.start, a.end, `id->${articleKey(base, a)}`, {
              antecedent: target,
            });
          });
          return end;
        }
      }
    }
    this.emit("id", p, q, `id->${target}`, { antecedent: target });
    return q;
  }

  private atSupra(p: number): number {
    const text = this.text;
    const from = Math.max(0, p - 100);
    const nm = SUPRA_NAME.exec(text.slice(from, p));
    const q = p + 5;
    if (!nm) return q;
    const words = nm[1]!
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 2 && w !== "the" && w !== "v." && w !== "al.");
    const last = words[words.length - 1];
    if (!last) return q;
    let target: string | null = null;
    for (let i = this.supraTargets.length - 1; i >= 0 && i >= this.supraTargets.length - 256; i--) {
      const t = this.supraTargets[i]!;
      if (t.names.includes(last)) {
        target = t.key;
        break;
      }
    }
    if (!target) return q;
    const tl = this.exec(SUPRA_TAIL, q);
    const end = tl ? SUPRA_TAIL.lastIndex : q;
    const start = from + nm.index;
    this.emit("supra", start, end, `supra->${target}`, {
      antecedent: target,
      ...(tl?.[2] ? { pinpoint: tl[2] } : {}),
    });
    return end;
  }

  // --- public laws, the Constitution, chapters -----------------------------------

  private atPublicLaw(p: number): number {
    const m = this.exec(PL_RE, p);
    if (!m) return p + 2;
    const [, congress, num, div, sec] = m;
    let key = `pl/${congress}/${num}`;
    if (sec) key += div ? `/div-${div}/${sec}` : `/${sec}`;
    const end = PL_RE.lastIndex;
    this.emit("public_law", p, end, key);
    return end;
  }

  private atConst(p: number, tok: string): number {
    const before = /U\.\s?S\.\s$/.exec(this.text.slice(Math.max(0, p - 6), p));
    if (!before) return p + tok.length;
    const start = p - before[0].length;
    const m = this.exec(CONST_AFTER, p + tok.length);
    if (!m) return p + tok.length;
    let key: string;
    if (m[3]) key = "usconst/preamble";
    else {
      const n = fromRoman(m[1] ?? m[2]!);
      if (!(n > 0)) return p + tok.length;
      key = m[1] ? `usconst/amendment-${n}` : `usconst/article-${n}`;
      if (m[4]) key += `/section-${m[4]}`;
      if (m[5]) key += `/clause-${m[5]}`;
    }
    const end = CONST_AFTER.lastIndex;
    this.emit("us_const", start, end, key);
    return end;
  }

  private atAmendment(p: number): number {
    const text = this.text;
    const from = Math.max(0, p - 32);
    const m = AMEND_BEFORE.exec(text.slice(from, p));
    const q = p + "Amendment".length;
    if (!m || /[\w]/.test(text[q] ?? "")) return q;
    let n: number;
    if (m[2]) n = Number(m[2]);
    else {
      const w = m[1]!.toLowerCase();
      n = w.startsWith("twenty-")
        ? 20 + AMEND_WORDS.indexOf(w.slice(7)) + 1
        : AMEND_WORDS.indexOf(w) + 1;
    }
    if (!(n >= 1 && n <= 27)) return q;
    const start = from + m.index + m[0].indexOf(m[1] ?? m[2]!);
    const after = this.exec(AMEND_AFTER, q);
    const end = after ? AMEND_AFTER.lastIndex : q;
    this.emit("us_const", start, end, `usconst/amendment-${n}`);
    return end;
  }

  private atChapter(p: number): number {
    const m = this.exec(CHAPTER_RE, p);
    if (!m) return p + 7;
    const end = CHAPTER_RE.lastIndex;
    this.emit("usc_chapter", p, end, `usc-ch/${m[2]}/${m[1]}`);
    return end;
  }

  // --- treaties, Mexican law, soft law ------------------------------------------

  private matchInstrument(pos: number): { inst: Instrument; acronym: boolean; end: number } | null {
    const m = this.exec(INSTRUMENT_RE, pos);
    if (!m) return null;
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined && m[g] !== "") {
        return {
          inst: instruments[(g - 1) >> 1]!,
          acronym: (g - 1) % 2 === 1,
          end: INSTRUMENT_RE.lastIndex,
        };
      }
    }
    return null;
  }

  private seriesTail(pos: number, mx: boolean): number {
    let e = pos;
    if (mx) {
      const t = this.exec(MX_TAIL, e);
      return t ? MX_TAIL.lastIndex : e;
    }
    const d = this.exec(SERIES_DATE, e);
    const afterDate = d ? SERIES_DATE.lastIndex : e;
    let f = afterDate;
    let n = 0;
    while (n < 4 && this.exec(SERIES_ITEM, f)) {
      f = SERIES_ITEM.lastIndex;
      n++;
    }
    if (n > 0) e = f;
    return e;
  }

  private atInstrument(p: number, start: number): number {
    // "Inter-American Convention to Prevent and Punish Torture" is another treaty.
    if (this.text.charCodeAt(p - 1) === 45) return -1;
    const hit = this.matchInstrument(p);
    if (!hit) return -1;
    const { inst, acronym } = hit;
    let e = hit.end;
    const br = this.exec(BRACKET, e);
    if (br) e = BRACKET.lastIndex;
    const sup = this.exec(SUPRA_AFTER, e);
    if (sup) e = SUPRA_AFTER.lastIndex;
    const isMx = inst.scheme === "mx";
    e = this.seriesTail(e, isMx);
    const base = `${inst.scheme}/${inst.id}`;
    const kind: CitationKind = sup ? "supra" : inst.kind;
    const wrap = (k: string): string => (sup ? `supra->${k}` : k);
    const aw = this.exec(ARTICLE_WORD, e);
    if (aw) {
      const arts = this.parseArticles(ARTICLE_WORD.lastIndex);
      if (arts) {
        let end = this.seriesTail(arts[arts.length - 1]!.end, isMx);
        arts.forEach((a, i) => {
          const last = i === arts.length - 1;
          this.emit(
            kind,
            i === 0 ? start : a.start,
            last ? end : a.end,
            wrap(articleKey(base, a)),
            sup ? { antecedent: base } : {},
          );
        });
        end = Math.max(end, arts[arts.length - 1]!.end);
        return end;
      }
    }
    if (acronym) {
      if (isMx) this.lastMx = inst.id;
      else this.lastTreaty = inst;
      return e;
    }
    this.emit(kind, start, e, wrap(base), sup ? { antecedent: base } : {});
    this.pushSupra(base, inst.names.join(" ").toLowerCase());
    return e;
  }

  private parseArticles(pos: number): ArticleItem[] | null {
    const out: ArticleItem[] = [];
    let q = pos;
    for (let n = 0; n < 20; n++) {
      const m = this.exec(ART_NUM, q);
      if (!m) break;
      let e = ART_NUM.lastIndex;
      let article: string;
      if (m[3]) {
        const r = fromRoman(m[3]);
        if (!(r > 0)) break;
        article = String(r);
      } else {
        article = m[1]! + (m[2] ? `-${m[2].toLowerCase()}` : "");
      }
      const it: ArticleItem = { start: q, end: e, article, paragraphs: [] };
      const lt = this.exec(ART_LETTER, e);
      if (lt) {
        it.paragraphs.push(lt[1]!);
        e = ART_LETTER.lastIndex;
      }
      const dt = this.exec(ART_DOT, e);
      if (dt && !lt) {
        it.paragraphs.push(dt[1]!);
        e = ART_DOT.lastIndex;
      }
      for (let k = 0; k < 4; k++) {
        const sm = this.exec(ART_SUBS, e);
        if (!sm) break;
        it.paragraphs.push(sm[1]!);
        e = ART_SUBS.lastIndex;
      }
      const para = this.exec(ART_PARA, e);
      if (para) {
        it.paragraphs.push(para[1]!);
        e = ART_PARA.lastIndex;
      }
      const pr = this.exec(MX_PARR, e);
      if (pr) {
        it.parr = String(ORDINAL_WORDS[pr[1]!] ?? pr[1]);
        e = MX_PARR.lastIndex;
      }
      const fr = this.exec(MX_FR, e);
      if (fr) {
        it.fr = fr[1]!;
        e = MX_FR.lastIndex;
        const inc = this.exec(MX_INC, e);
        if (inc) {
          it.inc = inc[1]!;
          e = MX_INC.lastIndex;
        }
        it.end = e;
        out.push(it);
        // further fracciones of the same article
        for (let k = 0; k < 10; k++) {
          const more = this.exec(MX_FR_MORE, e);
          if (!more) break;
          const s = more.index + more[0].indexOf(more[1]!);
          e = MX_FR_MORE.lastIndex;
          out.push({ start: s, end: e, article, paragraphs: [], fr: more[1]! });
        }
      } else {
        it.end = e;
        out.push(it);
      }
      const sep = this.exec(ART_SEP, e);
      if (!sep) break;
      const nq = ART_SEP.lastIndex;
      if (!this.exec(ART_NUM, nq)) break;
      // "art. 52, fr. V": a comma followed by a new clause is not a list.
      q = nq;
    }
    return out.length ? out : null;
  }

  private atArticle(p: number, tok: string): number {
    const text = this.text;
    let q = p + tok.length;
    while (q < text.length && q - p - tok.length < 2 && text[q] === " ") q++;
    const arts = this.parseArticles(q);
    if (!arts) return q;
    const last = arts[arts.length - 1]!;
    let base: string | null = null;
    let end = last.end;
    const cw = this.exec(ART_CONNECT_WORD, last.end);
    if (cw) {
      const hit = this.matchInstrument(ART_CONNECT_WORD.lastIndex);
      if (hit) {
        base = `${hit.inst.scheme}/${hit.inst.id}`;
        end = hit.end;
        const br = this.exec(BRACKET, end);
        if (br) end = BRACKET.lastIndex;
        end = this.seriesTail(end, hit.inst.scheme === "mx");
      }
    }
    if (!base) {
      const cm = this.exec(ART_CONNECT, last.end);
      if (cm) {
        if (cm[1]) base = "mx/CPEUM";
        else if (cm[2]) base = this.lastMx && this.lastMx !== "CPEUM" ? `mx/${this.lastMx}` : null;
        else if (cm[3]) {
          const t = this.lastTreaty;
          if (t && (t.name.includes(cm[3]) || t.names.some((n) => n.includes(cm[3]!))))
            base = `${t.scheme}/${t.id}`;
        } else if (cm[4]) base = "mx/CPEUM";
        if (base) end = ART_CONNECT.lastIndex;
      }
    }
    if (!base) return q;
    const kind = kindOfBase(base);
    arts.forEach((a, i) => {
      this.emit(
        kind,
        i === 0 ? p : a.start,
        i === arts.length - 1 ? end : a.end,
        articleKey(base!, a),
      );
    });
    return end;
  }
}

/// Whether a bare "§ N" plausibly continues the statute last cited: an INA
/// section in the crosswalk, a dotted C.F.R. section, or a Code section of
/// about the same length as the one cited before ("§ 7" after 8 U.S.C.
/// § 1225 is an order's own section, not 8 U.S.C. § 7).
const fitsContext = (ctx: StatContext, section: string): boolean => {
  switch (ctx.scheme) {
    case "ina":
      return inaToUsc[section] !== undefined;
    case "cfr":
      return section.includes(".");
    case "usc": {
      const prev = /^\d+/.exec(ctx.key.split("/")[2] ?? "")?.[0].length ?? 0;
      const cur = /^\d+/.exec(section)?.[0].length ?? 0;
      return cur >= 2 && (prev === 0 || Math.abs(cur - prev) <= 1);
    }
    case "state":
      return true;
  }
};

const kindOfBase = (base: string): CitationKind => {
  if (base === "mx/CPEUM") return "mx_const";
  if (base.startsWith("mx/")) return "mx_statute";
  if (base.startsWith("softlaw/")) return "soft_law";
  return "treaty";
};

const articleKey = (base: string, a: ArticleItem): string => {
  if (base.startsWith("mx/")) {
    let k = `${base}/art-${a.article}`;
    if (a.parr) k += `/parr-${a.parr}`;
    if (a.fr) k += `/fr-${a.fr}`;
    if (a.inc) k += `/inc-${a.inc}`;
    return k;
  }
  return [`${base}/art-${a.article}`, ...a.paragraphs].join("/");
};

interface Derived {
  canonical: string;
  equivalents: readonly string[];
  urls: readonly string[];
  /// Key without an `id->`/`supra->` prefix, its scheme and second segment.
  base: string;
  scheme: string;
  where: string;
}
const derivedCache = new Map<string, Derived>();

const cached = (key: string): Derived => {
  let d = derivedCache.get(key);
  if (!d) {
    const arrow = key.indexOf("->");
    const base = arrow >= 0 ? key.slice(arrow + 2) : key;
    const s1 = base.indexOf("/");
    const s2 = base.indexOf("/", s1 + 1);
    d = {
      canonical: canonicalForKey(key),
      equivalents: equivalentsForKey(key),
      urls: urlsForKey(key),
      base,
      scheme: base.slice(0, s1),
      where: base.slice(s1 + 1, s2 < 0 ? base.length : s2),
    };
    if (derivedCache.size > 20_000) derivedCache.clear();
    derivedCache.set(key, d);
  }
  return d;
};

/// Finds every legal citation in `text`, in order of appearance, with
/// normalised keys, canonical forms, equivalents and official URLs. Short
/// forms (`Id.`, `supra`, bare sections, `509 U.S. at 187`) are resolved
/// against the citations before them. Linear in the length of the input.
export function extractCitations(text: string, options: ExtractOptions = {}): Citation[] {
  if (typeof text !== "string") throw new TypeError("extractCitations expects a string.");
  const s = new Scanner(text, options);
  s.run();
  if (options.kinds) {
    const keep = new Set(options.kinds);
    return s.out.filter((c) => keep.has(c.kind));
  }
  return s.out;
}
