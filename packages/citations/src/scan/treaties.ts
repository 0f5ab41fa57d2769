/// Treaties, soft law and Mexican laws by name or acronym: "Convention
/// relating to the Status of Refugees art. 33(1), July 28, 1951, 189
/// U.N.T.S. 150", "art. 22.8 CADH", "artículo 11 constitucional",
/// "189 U.N.T.S. 150" alone.
import { type Instrument, instruments, treatySeries } from "../instruments.ts";
import type { CitationKind } from "../types.ts";
import { parseArticles } from "./articles.ts";
import { foreignLaw } from "./foreignLaw.ts";
import { headBefore, lawHeads } from "./lawHeads.ts";
import { localConstitution } from "./localConstitution.ts";
import { mended } from "./mended.ts";
import { type ArticleItem, articleKey, mxTail } from "./mexico.ts";
import { isDigit, type Scanner } from "./scanner.ts";

// One sticky alternation of every instrument's names, then its acronyms.
// Generated, so its groups are numbered (INSTRUMENT_GROUPS says which is
// which): with ~100 named groups V8 would build a `groups` object per match.
const INSTRUMENT_GROUPS: ReadonlyArray<{ inst: Instrument; acronym: boolean }> =
  instruments.flatMap((inst) => [
    { inst, acronym: false },
    ...(inst.acronyms?.length ? [{ inst, acronym: true }] : []),
  ]);
const INSTRUMENT_RE = new RegExp(
  instruments
    .flatMap((inst) => [
      `(${inst.names.join("|")})`,
      ...(inst.acronyms?.length ? [`(${inst.acronyms.join("|")})(?![\\w])`] : []),
    ])
    .join("|"),
  "y",
);
// A defined name after the instrument's is no cite of its own: "(the “Convention”)",
// "(en adelante “la Convención Americana” o “la Convención”)".
// Also unquoted: "(1951 Convention)", "(en adelante, Convención de 1951)".
// Also with spaces inside: "( en adelante " la Convención " o " la Convención Americana " )".
const BRACKET =
  /\s?(?:\[(?:hereinafter\s)?[^\]\n]{1,60}\]|\(\s?(?:en adelante|hereinafter),?\s[^)\n]{1,80}\)|\((?:the\s)?["“][^)\n"”]{1,40}["”]\)|\((?:the\s)?(?:\d{4}\s)?[A-Z][A-Za-z]{1,12}(?:\sde\s\d{4})?\))/y;
const SUPRA_AFTER = /,?\s+supra(?:\s+note\s+\d{1,4})?(?![\w])/y;
const SERIES_DATE = /,\s(?:opened for signature\s)?[A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4}/y;
/// A footnote call may stand between the comma and the item ("Refugees,20 189 U.N.T.S. 150").
const SERIES_ITEM =
  /,(?:\d{1,2}(?=\s\d))?\s(?:\d{1,4}\s(?:U\.N\.T\.S\.|U\.S\.T\.|I\.L\.M\.)\s\d{1,5}|S\.\s(?:Treaty|Exec\.)\sDoc\.\s(?:No\.\s)?[\w.-]{1,8}(?:,\s95-2\s\(1978\))?|O\.A\.S\.T\.S\.\sNo\.\s\d{1,4}|T\.I\.A\.S\.\sNo\.\s[\d,]{1,8})/y;
const ARTICLE_WORD =
  /,?\s+(?:arts?\.|Arts?\.|ART\.|Articles?|articles?|artículos?|Artículos?)\s{0,2}/y;
const ART_CONNECT =
  /(?:\s+(?<constitucional>[Cc]onstitucional(?:es)?)(?![\w])|,?\s+(?:of\s+the|of|to\s+the|de\s+la|de\s+los|del|de|en\s+la|en\s+el|en)\s+(?:(?<thisLaw>(?:esta|la\s+presente)\s+[Ll]ey|(?:este|el\s+presente|presente)\s+ordenamiento)(?![\w])|(?<generic>Convention|Protocol|Covenant|Declaration|Convención|Protocolo|Pacto|Declaración)(?![\w])|(?<same>(?:la\s+misma|el\s+mismo|that\s+instrument|the\s+same\s+instrument)(?![\w]|\s+[a-zá-ú])|(?:mismo|dicho)\s+(?:instrumento|tratado)(?![\w])|(?:the\s+same|that)\s+(?:Convention|treaty)(?![\w]))|(?<constitution>(?:esta\s+|la\s+presente\s+)?Constitución(?!\s+Política\s+de(?:l|\s+la)\s)|Carta\s+Magna)(?![\w])))/y;
/// After a Spanish article list: another law or instrument is its owner, one
/// the engine does not know ("artículo 3 de la Ley Federal del Trabajo").
const OTHER_OWNER =
  /,?\s+(?:de|del|de\s+la|de\s+los|en\s+la|en\s+el)\s+(?:Ley|Código|Reglamento|Estatuto|Lineamientos|Convención|Convenio|Pacto|Protocolo|Tratado|Acuerdo|Decreto|Constitución|Norma|presente\s+Reglamento|este\s+Reglamento)(?![\w])/y;
/// Before "artículo": the fracciones or the párrafo of it written first
/// ("las fracciones I y II del artículo 123", "las fracciones III a V del artículo 3"
/// — a range keys its ends —, "el párrafo quinto del artículo 4o."); before "de los
/// artículos" the fracción is of no one article (`plural`).
const FRACTIONS_LEAD =
  /(?:las?\s)?(?:fracción|fracciones|fracc\.|fr\.)\s(?<fractions>[IVXL]{1,7}(?:\sBis)?(?:(?:,\s|\sy\s|\se\s|\sa\s|\sal\s)[IVXL]{1,7}(?:\sBis)?){0,15})\s(?:del|(?<plural>de\slos))\s$/;
const PARAGRAPH_LEAD =
  /(?:el\s)?(?:(?<before>primer|segundo|tercer|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo)\spárrafo|párrafo\s(?<after>primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo))\s(?:del|(?<plural>de\slos))\s$/;
// biome-ignore format: compact table
const ORDINALS: Record<string, string> = {
  primer: "1", primero: "1", segundo: "2", tercer: "3", tercero: "3", cuarto: "4", quinto: "5",
  sexto: "6", séptimo: "7", octavo: "8", noveno: "9", décimo: "10",
};
/// How far after the last cite "de la misma" / "of that instrument" may stand.
const SAME_REACH = 240;
const ROMAN_RUN = /[IVXL]+(?: Bis)?/g;
/// Any case ("DE LA CONVENCIÓN"), and after a number with its space lost ("22.7DE LA").
const ART_CONNECT_WORD =
  /(?:,?\s+|(?<=\d))(?:(?:ambos|ambas|todos|todas)\s+)?(?:of\s+the|of|to\s+the|de\s+la|de\s+los|del|de|en\s+la)\s+/iy;
const ACRONYM_GAP = /,?\s{1,2}(?:de\s(?:la\s)?|of\s(?:the\s)?)?(?=[A-Z]{2,6}(?![\w]))/y;
const PAGE = /\d{1,7}(?![\d])/y;
/// An article of such a list, with a Mexican law's fracciones ("13, fracción I").
const LIST_NUM = String.raw`(?:[IVXL]{1,6}|\d{1,3}(?:\.\d{1,2})?(?:\s(?:numero|número|núm\.|num\.)\s\d{1,2})?(?:,?\s(?:fracción|fracciones|fracc\.|fr\.)\s[IVXL]{1,7}(?:(?:,\s|\sy\s)[IVXL]{1,7}){0,6})?)`;
/// A separator before the list (else it starts right after the last cite, or after its "y",
/// or after "y" closing an article of a law the engine does not know: "artículo 15 del Código
/// Penal Federal y 251, fracción IX del Código Nacional …"), the list, "de la" (also in
/// capitals: "… HUMANOS Y XXVII DE LA DECLARACIÓN AMERICANA").
const LIST_BEFORE = new RegExp(
  String.raw`(?:(?<sep>[;:]\s?)|^(?:,?\s?|\s[yYeE]\s)|(?<other>(?:artículos?|arts?\.)\s\d{1,3}[^;:()\d]{0,60}?\s(?:del|de\sla)\s(?:Ley|Código|Reglamento|Estatuto)\s[^;:()\d]{1,80}?,?\s[yYeE]\s))(?<list>${LIST_NUM}(?:(?:,\s|\s[yYeE]\s|;\s)${LIST_NUM}){0,24})(?<of>,?\s(?:de\s(?:la|los)|del|DE\s(?:LA|LOS)|DEL)\s)$`,
);

export interface InstrumentHit {
  inst: Instrument;
  acronym: boolean;
  end: number;
  /// A Mexican law's name in capitals ("LEY DE MIGRACIÓN").
  caps?: boolean;
}

// The treaties' and soft law's names again, whatever the case of their words
// ("Convención sobre el estatuto de los refugiados", "Declaración de cartagena"),
// tried when the exact names fail; never acronyms ("cat"); Mexican laws only in capitals (below).
const CASELESS = instruments.filter((i) => i.scheme !== "mx");
const CASELESS_RE = new RegExp(CASELESS.map((i) => `(${i.names.join("|")})`).join("|"), "iy");

// Mexican laws' names in capitals, as a DOF heading or a writ prints them ("LEY DE
// MIGRACIÓN", "CONSTITUCIÓN POLÍTICA DE LOS ESTADOS UNIDOS MEXICANOS"): only when
// every letter matched is a capital, so "ley de migración" in prose stays no name.
const MX = instruments.filter((i) => i.scheme === "mx");
const MX_CAPS_RE = new RegExp(MX.map((i) => `(${i.names.join("|")})`).join("|"), "iy");
const CAPITAL2 = /\p{Lu}\p{Lu}/uy;

function capsMxAt(text: string, pos: number): InstrumentHit | null {
  CAPITAL2.lastIndex = pos;
  if (!CAPITAL2.test(text)) return null;
  MX_CAPS_RE.lastIndex = pos;
  const c = MX_CAPS_RE.exec(text);
  if (!c || c[0] !== c[0].toUpperCase()) return null;
  const g = c.findIndex((v, i) => i > 0 && v !== undefined && v !== "");
  return { inst: MX[g - 1]!, acronym: false, end: MX_CAPS_RE.lastIndex, caps: true };
}

/// The instrument named at `pos` in `text` (the scanner's, or a mended copy).
function nameAt(text: string, pos: number): InstrumentHit | null {
  INSTRUMENT_RE.lastIndex = pos;
  const m = INSTRUMENT_RE.exec(text);
  if (!m) {
    CASELESS_RE.lastIndex = pos;
    const c = CASELESS_RE.exec(text);
    const g = c ? c.findIndex((v, i) => i > 0 && v !== undefined && v !== "") : -1;
    if (g > 0) return { inst: CASELESS[g - 1]!, acronym: false, end: CASELESS_RE.lastIndex };
    return capsMxAt(text, pos);
  }
  for (let g = 1; g < m.length; g++) {
    const v = m[g];
    if (v !== undefined && v !== "") {
      const { inst, acronym } = INSTRUMENT_GROUPS[g - 1]!;
      return { inst, acronym, end: INSTRUMENT_RE.lastIndex };
    }
  }
  return null;
}

/// A year before a name that holds none: "the 1948 Universal Declaration of
/// Human Rights". `(?:19|20)\d\d ` by character code: a regex call per failed
/// name (~11,000 per 2 MB of the sparse letter) cost ~0.4 ms.
function yearBefore(t: string, pos: number): boolean {
  const a = t.charCodeAt(pos);
  const b = t.charCodeAt(pos + 1);
  if (!((a === 49 && b === 57) || (a === 50 && b === 48))) return false;
  return (
    isDigit(t.charCodeAt(pos + 2)) && isDigit(t.charCodeAt(pos + 3)) && t.charCodeAt(pos + 4) === 32
  );
}

function matchInstrument(s: Scanner, pos: number): InstrumentHit | null {
  const hit = nameAt(s.text, pos) ?? (yearBefore(s.text, pos) ? nameAt(s.text, pos + 5) : null);
  if (hit) return hit.inst.scheme === "mx" && foreignLaw(s.text, pos, hit) ? null : hit;
  // "Con- vención Americana", "Convention *27Against Torture": the name read mended.
  const md = mended(s, pos);
  const h = md ? nameAt(md.text, 0) : null;
  const mh = h && md ? { ...h, end: md.at[h.end - 1]! + 1 } : null;
  return mh && mh.inst.scheme === "mx" && foreignLaw(s.text, pos, mh) ? null : mh;
}

/// Date and treaty-series references after a treaty's name; the DOF tail after a Mexican law's.
function seriesTail(s: Scanner, pos: number, mx: boolean): number {
  if (mx) return mxTail(s, pos);
  const d = s.exec(SERIES_DATE, pos);
  let f = d ? SERIES_DATE.lastIndex : pos;
  let n = 0;
  while (n < 4 && s.exec(SERIES_ITEM, f)) {
    f = SERIES_ITEM.lastIndex;
    n++;
  }
  return n > 0 ? f : pos;
}

/// "189 U.N.T.S. 150": a treaty known by its place in a series.
export function series(s: Scanner, p: number, vol: string, abbr: string, e: number): number {
  const m = s.exec(PAGE, e);
  if (!m) return -1;
  const key = treatySeries[`${vol} ${abbr} ${m[0]}`];
  if (!key) return -1;
  const end = PAGE.lastIndex;
  s.emit("treaty", p, end, key);
  return end;
}

/// An instrument named at `p`, with the articles that follow its name.
export function atInstrument(s: Scanner, p: number): number {
  // "Inter-American Convention to Prevent and Punish Torture" is another treaty.
  if (s.text.charCodeAt(p - 1) === 45) return -1;
  const hit = matchInstrument(s, p);
  if (!hit) return protocolBeside(s, p);
  const { inst, acronym } = hit;
  let e = hit.end;
  if (s.exec(BRACKET, e)) e = BRACKET.lastIndex;
  const sup = s.exec(SUPRA_AFTER, e);
  if (sup) e = SUPRA_AFTER.lastIndex;
  const isMx = inst.scheme === "mx";
  e = seriesTail(s, e, isMx);
  const base = `${inst.scheme}/${inst.id}`;
  const kind: CitationKind = sup ? "supra" : inst.kind;
  const wrap = (k: string): string => (sup ? `supra->${k}` : k);
  const ante = sup ? { antecedent: base } : {};
  // A heading in capitals is no owner of the article heading the next line.
  const artAt = s.exec(ARTICLE_WORD, e) ? ARTICLE_WORD.lastIndex : -1;
  const ownsArt = artAt >= 0 && !(hit.caps && s.text.slice(e, artAt).includes("\n"));
  const arts = ownsArt ? parseArticles(s, artAt) : null;
  if (arts) {
    const lastEnd = arts[arts.length - 1]!.end;
    const end = seriesTail(s, lastEnd, isMx);
    arts.forEach((a, i) => {
      const last = i === arts.length - 1;
      s.emit(kind, i === 0 ? p : a.start, last ? end : a.end, wrap(articleKey(base, a)), ante);
    });
    return Math.max(end, lastEnd);
  }
  if (acronym || (hit.caps && !capsInSentence(s, p, e))) {
    // "CADH" alone names the instrument a later "art. 22" belongs to; so does a law's
    // name in capitals that no sentence holds (a heading, a page's running head).
    if (isMx) s.mem.lastMx = inst.id;
    else s.mem.named(inst, p);
    return e;
  }
  // "artículo 52 de la Ley de Migración y 13 de la Ley sobre Refugiados": a second law's
  // articles joined by "y" (or after a semicolon) before its name, as for a treaty.
  if (!sup && listBefore(s, p, base, kind, e)) return e;
  if (!sup && !isMx && parensBefore(s, p, base, kind, e)) return e;
  s.emit(kind, p, e, wrap(base), ante);
  s.mem.addSupraTarget(base, inst.names.join(" ").toLowerCase());
  return e;
}

/// Before a name in capitals: an article of a sentence ("conforme a la LEY DE MIGRACIÓN").
const IN_SENTENCE = /(?:^|[\s(])(?:la|el|del|al)\s$/;
/// After it: more capitals, a longer title the name only begins (a running head
/// "LEY DE AMPARO, REGLAMENTARIA DE LOS ARTÍCULOS …" dropped into a sentence).
const CAPS_AFTER = /,?\s{1,2}\p{Lu}\p{Lu}/uy;

/// Whether a law's name in capitals stands in a sentence: a lower-case article before it, no capitals after.
function capsInSentence(s: Scanner, p: number, e: number): boolean {
  return IN_SENTENCE.test(s.text.slice(Math.max(0, p - 7), p)) && !s.test(CAPS_AFTER, e);
}

/// "la Convención de 1951 y el Protocolo de 1957", "the 1951 Convention and its 1968
/// Protocol": a protocol of any year joined to a cite of the 1951 Convention is
/// its Protocol (it has one; the year is the source's typo).
const PROTOCOL_YEAR = /(?:Protocolo de|Protocol of) 19\d\d(?![\d])|19\d\d Protocol(?![\w])/y;
const JOINED = /^,?\s(?:y|e|o|and|or)\s(?:el\s|the\s|su\s|its\s)?$/;
const RC = "treaty/refugee-convention-1951";

function protocolBeside(s: Scanner, p: number): number {
  const last = s.last();
  if (!last || p - last.end > 12 || !last.key.startsWith(RC)) return -1;
  if (!JOINED.test(s.text.slice(last.end, p)) || !s.test(PROTOCOL_YEAR, p)) return -1;
  const end = PROTOCOL_YEAR.lastIndex;
  s.emit("treaty", p, end, "treaty/refugee-protocol-1967");
  return end;
}

/// Articles listed before an instrument's name without the word "artículo", as
/// the grounds of a Mexican writ enumerate them after a semicolon ("…; 1, 2, 3,
/// 7 y 8 de la Declaración Universal de Derechos Humanos; 8, 27 núm. 1, 9, 24 y
/// 25 de la Convención Americana") or right after another cite ("22.8 de la
/// Convención Americana, VII y XXVII de la Declaración Americana").
function listBefore(s: Scanner, p: number, base: string, kind: CitationKind, end: number): boolean {
  const lastEnd = s.last()?.end ?? -1;
  const from = Math.max(0, p - 160, lastEnd);
  const m = LIST_BEFORE.exec(s.text.slice(from, p));
  const g = m?.groups;
  if (!m || !g || (g.sep === undefined && g.other === undefined && from !== lastEnd)) return false;
  const at = from + m.index + m[0].length - g.list!.length - g.of!.length;
  // "1, 3, 6 numero 1; 9 numero 1; 27 y 26 del Pacto": lists split by semicolons, one owner.
  const stop = at + g.list!.length;
  const arts: ArticleItem[] = [];
  for (let q = at, k = 0; k < 25; k++) {
    const part = parseArticles(s, q);
    if (!part) return false;
    arts.push(...part);
    const e = part[part.length - 1]!.end;
    if (e === stop) break;
    if (s.text.charCodeAt(e) !== 59 || e > stop) return false;
    q = e + 2;
  }
  if (arts[arts.length - 1]!.end !== stop) return false;
  arts.forEach((a, i) => {
    s.emit(kind, a.start, i === arts.length - 1 ? end : a.end, articleKey(base, a));
  });
  return true;
}

const PAREN_TAIL =
  /\((?:artículos?|arts?\.|Articles?|articles?)\s[^()]{1,40}\)\s(?:de\s(?:la|los)|del|of\sthe)\s$/;
const PAREN_OPEN = /\((?:artículos?|arts?\.|Articles?|articles?)\s/g;

/// "(artículo 5.1), derecho a … (artículos 17 y 19), … (artículo 25) de la Convención
/// Americana": articles in parentheses, the owner named once after the last. Only
/// since the last cite, and within 600 characters.
function parensBefore(
  s: Scanner,
  p: number,
  base: string,
  kind: CitationKind,
  end: number,
): boolean {
  // Cheap first: a ")" just before "de la" / "of the".
  if (s.text.lastIndexOf(")", p) < p - 11) return false;
  const from = Math.max(0, p - 600, s.last()?.end ?? -1);
  const win = s.text.slice(from, p);
  if (!PAREN_TAIL.test(win)) return false;
  const found: Array<{ start: number; a: ArticleItem }> = [];
  for (const m of win.matchAll(PAREN_OPEN)) {
    const arts = parseArticles(s, from + m.index + m[0].length);
    if (!arts || s.text.charCodeAt(arts[arts.length - 1]!.end) !== 41) continue;
    found.push(...arts.map((a, i) => ({ start: i === 0 ? from + m.index + 1 : a.start, a })));
  }
  found.forEach(({ start, a }, i) => {
    s.emit(kind, start, i === found.length - 1 ? end : a.end, articleKey(base, a));
  });
  return found.length > 0;
}

const kindOfBase = (base: string): CitationKind => {
  if (base === "mx/CPEUM") return "mx_const";
  if (base.startsWith("mx/")) return "mx_statute";
  if (base.startsWith("softlaw/")) return "soft_law";
  return "treaty";
};

/// The instrument an article-first cite names after its articles, and where it ends.
function articleOwner(s: Scanner, at: number): { base: string; end: number } | null {
  if (s.exec(ART_CONNECT_WORD, at)) {
    const hit = matchInstrument(s, ART_CONNECT_WORD.lastIndex);
    if (hit) {
      let end = hit.end;
      if (s.exec(BRACKET, end)) end = BRACKET.lastIndex;
      end = seriesTail(s, end, hit.inst.scheme === "mx");
      return { base: `${hit.inst.scheme}/${hit.inst.id}`, end };
    }
  }
  // "art. 22.8 CADH", "Article 3 CAT", "artículo 1o. CPEUM": the acronym right after.
  if (s.exec(ACRONYM_GAP, at)) {
    const hit = matchInstrument(s, ACRONYM_GAP.lastIndex);
    if (hit?.acronym) {
      return {
        base: `${hit.inst.scheme}/${hit.inst.id}`,
        end: seriesTail(s, hit.end, hit.inst.scheme === "mx"),
      };
    }
  }
  const cm = s.exec(ART_CONNECT, at);
  if (!cm) return capsGeneric(s, at);
  const g = cm.groups as Record<string, string | undefined>;
  const { lastMx } = s.mem;
  let base: string | null = null;
  if (g.constitucional) base = "mx/CPEUM";
  else if (g.constitution) base = localConstitution(s, ART_CONNECT.lastIndex) ? null : "mx/CPEUM";
  else if (g.thisLaw) {
    // A law's own text means itself, whatever other law it has just named: by `mxLaw`,
    // or by its title heading the text or the page (unknown: no key).
    s.mem.lawHeads ??= s.mem.mxDoc ? [] : lawHeads(s.text);
    const head = headBefore(s.mem.lawHeads, at);
    const law = s.mem.mxDoc ?? (head ? head.law : lastMx !== "CPEUM" ? lastMx : null);
    base = law ? `mx/${law}` : null;
  } else if (g.same) {
    // "los artículos 8 y 25 de la misma", "Article I (1) of that instrument": the instrument just cited.
    const t = s.mem.lastTreaty;
    const near = at - (s.last()?.end ?? Number.NEGATIVE_INFINITY) <= SAME_REACH;
    if (t && near) return { base: `${t.scheme}/${t.id}`, end: ART_CONNECT.lastIndex };
  } else if (g.generic) {
    const t = s.mem.generic(g.generic, at);
    // "Article 33.1 of the Convention, 189 U.N.T.S. 150": the series is the cite's tail.
    if (t) return { base: `${t.scheme}/${t.id}`, end: seriesTail(s, ART_CONNECT.lastIndex, false) };
  }
  return base ? { base, end: ART_CONNECT.lastIndex } : null;
}

/// "ARTICLE 33 OF THE CONVENTION" in a heading: the generic word in capitals; "DE LA CONSTITUCIÓN".
const GENERIC_CAPS =
  /,?\s+(?:OF\s+THE|OF|TO\s+THE|DE\s+LA|DEL|DE|of\s+the|de\s+la)\s+(?:(?<word>CONVENTION|PROTOCOL|COVENANT|DECLARATION|CONVENCIÓN|PROTOCOLO|PACTO|DECLARACIÓN)|(?<cpeum>CONSTITUCIÓN(?!\s+POLÍTICA)))(?![\w])/y;

function capsGeneric(s: Scanner, at: number): { base: string; end: number } | null {
  const m = s.exec(GENERIC_CAPS, at);
  if (!m) return null;
  // "ARTÍCULO 11 DE LA CONSTITUCIÓN", as "de la Constitución" (a cut "CONSTITUCIÓN POLÍTICA DE LOS" is not).
  if (m.groups!.cpeum) {
    const end = GENERIC_CAPS.lastIndex;
    return localConstitution(s, end) ? null : { base: "mx/CPEUM", end };
  }
  const w = m.groups!.word!;
  const t = s.mem.generic(w[0] + w.slice(1).toLowerCase(), at);
  return t ? { base: `${t.scheme}/${t.id}`, end: GENERIC_CAPS.lastIndex } : null;
}

/// No owner named after a Spanish "artículo 52" in a law's own text (`mxLaw`):
/// the law itself, unless another law follows or the word heads an article.
function documentLaw(
  s: Scanner,
  p: number,
  tok: string,
  at: number,
): { base: string; end: number } | null {
  const doc = s.mem.mxDoc;
  if (!doc || (!tok.startsWith("art") && !tok.startsWith("Art"))) return null;
  if (!/í/.test(tok) || s.test(OTHER_OWNER, at)) return null;
  // "Artículo 52. Los extranjeros …" at the start of a line is the article's heading.
  if (tok[0] === "A" && (p === 0 || s.text.charCodeAt(p - 1) === 10)) return null;
  return { base: `mx/${doc}`, end: at };
}

/// "artículos 5, 22.7 y 22.8, en relación con el artículo 1.1 de la Convención
/// Americana": the owner of the article they are read with. The end stays at
/// the first list, so the second is read as a cite of its own.
function relatedOwner(s: Scanner, at: number): { base: string; end: number } | null {
  if (!s.exec(RELATED, at)) return null;
  const next = parseArticles(s, RELATED.lastIndex);
  const owner = next ? articleOwner(s, next[next.length - 1]!.end) : null;
  return owner ? { base: owner.base, end: at } : null;
}
// Any case: "EN RELACIÓN CON EL ARTÍCULO 1.1" in a heading.
const RELATED =
  /,?\s(?:en relación con|en conexión con|in relation to|in conjunction with|read with)\s(?:el\s|los\s)?(?:artículos?|arts?\.|articles?)\s/iy;

interface Lead {
  start: number;
  fractions?: Array<[start: number, end: number, roman: string]>;
  paragraph?: string;
  /// "de los artículos 52 y 53": the level belongs to no one article.
  plural: boolean;
}

/// "la fracción XVI del " / "el primer párrafo del " / "la fracción II de los " just
/// before `p`, after the last citation.
function levelLead(s: Scanner, p: number): Lead | null {
  const t = s.text;
  if (t.charCodeAt(p - 1) !== 32 || !(t.endsWith(" del ", p) || t.endsWith(" de los ", p)))
    return null;
  const from = Math.max(0, p - 120, s.last()?.end ?? 0);
  const before = t.slice(from, p);
  const fm = FRACTIONS_LEAD.exec(before);
  if (fm) {
    const list = fm.groups!.fractions!;
    const at = from + fm.index + fm[0].indexOf(list, fm[0].search(/fr/));
    const fractions: Lead["fractions"] = [];
    for (const r of list.matchAll(ROMAN_RUN)) {
      fractions.push([at + r.index, at + r.index + r[0].length, r[0].replace(" Bis", "-bis")]);
    }
    return { start: from + fm.index, fractions, plural: !!fm.groups!.plural };
  }
  const pm = PARAGRAPH_LEAD.exec(before);
  if (!pm) return null;
  const g = pm.groups!;
  return { start: from + pm.index, paragraph: ORDINALS[g.before ?? g.after!]!, plural: !!g.plural };
}

/// The articles of an article-first cite, with the level written before them: of the
/// first article only ("las fracciones I y II del artículo 52 y 53": art. 52 fr. I,
/// art. 52 fr. II, art. 53 whole); before "de los artículos" of none (the articles
/// whole, the first cite from the level) — the conservative reading of both.
function withLead(arts: ArticleItem[], lead: Lead | null, p: number): Array<[number, ArticleItem]> {
  const a0 = arts[0]!;
  const rest = arts.slice(1).map((a): [number, ArticleItem] => [a.start, a]);
  if (!lead || (lead.fractions ? !!(a0.fr || a0.parr) : !!a0.parr)) return [[p, a0], ...rest];
  // "la fracción XIII del artículo 123, apartado B": the apartado's fracción, no key for it.
  if (lead.plural || a0.apartado) return [[lead.start, a0], ...rest];
  if (lead.paragraph) return [[lead.start, { ...a0, parr: lead.paragraph }], ...rest];
  const frs = lead.fractions!.map(([fs, fe, fr], i): [number, ArticleItem] => [
    i === 0 ? lead.start : fs,
    { ...a0, fr, end: fe },
  ]);
  frs[frs.length - 1]![1].end = a0.end;
  return [...frs, ...rest];
}

/// Article-first: "Article 33(1) of the Refugee Convention", "artículo 11
/// constitucional", "artículo 47 de esta Ley", "la fracción V del artículo 52
/// de esta Ley", a bare "artículo 52" in a law's own text.
export function atArticle(s: Scanner, p: number, tok: string, word = tok): number {
  const text = s.text;
  let q = p + tok.length;
  while (q < text.length && q - p - tok.length < 2 && text[q] === " ") q++;
  const arts = parseArticles(s, q);
  if (!arts) return q;
  const last = arts[arts.length - 1]!;
  const owner =
    articleOwner(s, last.end) ?? documentLaw(s, p, word, last.end) ?? relatedOwner(s, last.end);
  if (!owner) return q;
  const { base, end } = owner;
  const kind = kindOfBase(base);
  const items = withLead(arts, base.startsWith("mx/") ? levelLead(s, p) : null, p);
  items.forEach(([start, a], i) => {
    s.emit(kind, start, i === items.length - 1 ? end : a.end, articleKey(base, a));
  });
  return end;
}

/// "artí- culo", "ar-\nticulos", "artícu\u00ADlo": the word broken by a line-end
/// hyphen or a soft hyphen (the trigger's own alternative); read as "artículo".
export function atBrokenArticle(s: Scanner, p: number, tok: string): number {
  const word = tok.replace(/-\s{1,2}|\u00AD/, "");
  return /^[Aa]rt[ií]culos?$/.test(word) ? atArticle(s, p, tok, word) : -1;
}
