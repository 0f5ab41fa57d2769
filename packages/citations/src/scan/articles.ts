/// Article lists shared by treaties and Mexican law: "arts. 22.7 y 22.8",
/// "Article 33(1)", "artículo 1o.", "art. 52, fracción V", "arts. III–V".
import { fromRoman } from "../keys.ts";
import { type ArticleItem, mxApartado, mxFractions, mxParagraph } from "./mexico.ts";
import type { Scanner } from "./scanner.ts";

const ART_NUM =
  /(?:(?<num>\d{1,3})(?:\s?(?:o(?![A-Za-zñáéíóú])\.?|º\.?|°\.?|ª))?(?:\s(?<bis>Bis|bis|BIS|Ter|ter|Qu[áa]ter|Quinquies|Sexies|Septies|Octies|Nonies|Decies)(?![\w]))?|(?<roman>[IVX]{1,5})(?![\w]))/y;
const ART_LETTER = /(?<letter>[A-F])(?=\()/y;
const ART_DOT = /\.(?<para>\d{1,2})(?![\d.])/y;
const ART_SUBS = /\((?<para>\d{1,2}|[A-Za-z]{1,4})\)/y;
/// The first level after a space, as some write it: "Article 33 (1)", "1 (F)" (one character
/// or number only: "Article 3 (CAT)" is no paragraph).
const ART_SUBS_SPACED = /\s\((?<para>\d{1,2}|[A-Za-z])\)/y;
const ART_PARA =
  /(?:,\s(?:paragraph|para\.)|,?\s(?:numeral|numero|número|núm\.|num\.))\s(?<para>\d{1,2})(?![\d])/y;
// Also in capitals: "ARTÍCULOS 5, 22.7 Y 22.8", "ARTICLES 2 TO 34".
const ART_SEP =
  /(?:\s?,\s?(?:and\s|y\s|AND\s|Y\s)?|\s(?:and|y|e|&|AND|Y|E)\s|\s?(?:–|-)\s?|\s(?:to|through|a|al|TO|THROUGH|A|AL)\s)/y;

/// "y el artículo 53", "y la fracción II del artículo 53": the word said again after "y", the
/// list going on (Spanish only); the fracciones before it are the next article's, as a lead's
/// are ("la fracción II del artículo 52 y el artículo 53 de la Ley de Migración").
const ART_AGAIN =
  /,?\s[yeYE]\s(?:(?<lead>(?:las?\s)?(?:fracción|fracciones)\s(?<frs>[IVXL]{1,7}(?:\sBis)?(?:(?:,\s|\sy\s|\se\s|\sa\s|\sal\s)[IVXL]{1,7}(?:\sBis)?){0,15})\sdel\s)|(?:el|del|al|EL|DEL|AL)\s)?(?:artículo|ARTÍCULO)\s{1,2}/y;
const ROMAN_RUN = /[IVXL]+(?: Bis)?/g;

/// The article number at `q` ("1o.", "11 Bis", "XXVII"), or null.
function articleNumber(s: Scanner, q: number): ArticleItem | null {
  const m = s.exec(ART_NUM, q);
  if (!m) return null;
  const { num, bis, roman } = m.groups as Record<string, string | undefined>;
  let article: string;
  if (roman) {
    const r = fromRoman(roman);
    if (!(r > 0)) return null;
    article = String(r);
  } else {
    article = num! + (bis ? `-${bis.toLowerCase().replace("á", "a")}` : "");
  }
  return { start: q, end: ART_NUM.lastIndex, article, paragraphs: [] };
}

/// Paragraph levels after an article number: "A(1)", ".8", "(1)(b)", ", para. 2".
function articleLevels(s: Scanner, it: ArticleItem): number {
  let e = it.end;
  const lt = s.exec(ART_LETTER, e);
  if (lt) {
    it.paragraphs.push(lt.groups!.letter!);
    e = ART_LETTER.lastIndex;
  }
  const dt = s.exec(ART_DOT, e);
  if (dt && !lt) {
    it.paragraphs.push(dt.groups!.para!);
    e = ART_DOT.lastIndex;
  }
  const sp = !lt && !dt ? s.exec(ART_SUBS_SPACED, e) : null;
  if (sp) {
    it.paragraphs.push(sp.groups!.para!);
    e = ART_SUBS_SPACED.lastIndex;
  }
  for (let k = 0; k < 4; k++) {
    const sm = s.exec(ART_SUBS, e);
    if (!sm) break;
    it.paragraphs.push(sm.groups!.para!);
    e = ART_SUBS.lastIndex;
  }
  const para = s.exec(ART_PARA, e);
  if (para) {
    it.paragraphs.push(para.groups!.para!);
    e = ART_PARA.lastIndex;
  }
  return mxParagraph(s, it, e);
}

/// The article said again at `e` ("y el artículo 53"): where its number starts, where its
/// cite starts, and the fracciones written before it; null when the list ends at `e`.
function again(s: Scanner, e: number): { q: number; start: number; frs?: RegExpExecArray } | null {
  const m = s.exec(ART_AGAIN, e);
  if (!m) return null;
  const q = ART_AGAIN.lastIndex;
  const g = m.groups!;
  const start = e + (g.lead ? m[0].indexOf(g.lead) : m[0].search(/(?:artículo|ARTÍCULO)\s{1,2}$/));
  return { q, start, ...(g.frs ? { frs: m } : {}) };
}

/// The article `it` as the fracciones written before it ("la fracción II y III del artículo
/// 53"): one item per fracción, the first from "la", the last to the article's end.
function leadFractions(
  it: ArticleItem,
  m: RegExpExecArray,
  e: number,
  start: number,
): ArticleItem[] {
  const list = m.groups!.frs!;
  const at = e + m[0].indexOf(list, m[0].indexOf("fr"));
  const items = [...list.matchAll(ROMAN_RUN)].map(
    (r, i): ArticleItem => ({
      ...it,
      start: i === 0 ? start : at + r.index,
      end: at + r.index + r[0].length,
      fr: r[0].replace(" Bis", "-bis"),
    }),
  );
  items[items.length - 1]!.end = it.end;
  return items;
}

/// Parses a list of articles starting at `pos`.
export function parseArticles(s: Scanner, pos: number): ArticleItem[] | null {
  const out: ArticleItem[] = [];
  let q = pos;
  let said: ReturnType<typeof again> = null;
  let saidAt = 0;
  for (let n = 0; n < 20; n++) {
    const it = articleNumber(s, q);
    if (!it) break;
    if (said) it.start = said.start;
    let e = articleLevels(s, it);
    const afterAp = it.parr ? null : mxApartado(s, it, e);
    const afterFr = afterAp === null ? mxFractions(s, it, e, out) : null;
    if (afterFr !== null) e = afterFr;
    else if (afterAp !== null) {
      e = it.end = afterAp;
      out.push(it);
    } else {
      it.end = e;
      if (said?.frs && !it.parr) out.push(...leadFractions(it, said.frs, saidAt, said.start));
      else out.push(it);
    }
    said = null;
    const sep = s.exec(ART_SEP, e);
    const nq = sep ? ART_SEP.lastIndex : -1;
    // "art. 52, fr. V": a comma followed by a new clause is not a list.
    if (sep && s.exec(ART_NUM, nq)) {
      q = nq;
      continue;
    }
    said = again(s, e);
    if (!said || !s.exec(ART_NUM, said.q)) break;
    saidAt = e;
    q = said.q;
  }
  return out.length ? out : null;
}
