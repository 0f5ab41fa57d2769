/// Article lists shared by treaties and Mexican law: "arts. 22.7 y 22.8",
/// "Article 33(1)", "artículo 1o.", "art. 52, fracción V", "arts. III–V".
import { fromRoman } from "../keys.ts";
import { type ArticleItem, mxFractions, mxParagraph } from "./mexico.ts";
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

/// Parses a list of articles starting at `pos`.
export function parseArticles(s: Scanner, pos: number): ArticleItem[] | null {
  const out: ArticleItem[] = [];
  let q = pos;
  for (let n = 0; n < 20; n++) {
    const it = articleNumber(s, q);
    if (!it) break;
    let e = articleLevels(s, it);
    const afterFr = mxFractions(s, it, e, out);
    if (afterFr !== null) e = afterFr;
    else {
      it.end = e;
      out.push(it);
    }
    if (!s.exec(ART_SEP, e)) break;
    const nq = ART_SEP.lastIndex;
    // "art. 52, fr. V": a comma followed by a new clause is not a list.
    if (!s.exec(ART_NUM, nq)) break;
    q = nq;
  }
  return out.length ? out : null;
}
