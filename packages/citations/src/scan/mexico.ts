/// Mexican law: the pieces of an article ("párrafo segundo", "fracción V",
/// "inciso a)"), the DOF publication tail, and the article key of a law.
import { formatKey } from "../keyGrammar.ts";
import type { Scanner } from "./scanner.ts";

const MX_TAIL =
  /,?\s(?:DOF|D\.O\.F\.)\s\d{2}-\d{2}-\d{4}(?:,\s(?:últimas reformas|última reforma)\s(?:DOF\s)?\d{2}-\d{2}-\d{4})?(?:\s\(Mex\.\))?/y;
const MX_PARR =
  /,?\s(?:(?:párrafo|párr\.)\s(?<after>primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo|\d{1,2})|(?<before>primer|segundo|tercer|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo)\spárrafo)(?![\w])/y;
const MX_FR =
  /,?\s(?:fracción|fracciones|fracc\.|fr\.|frs\.)\s(?<fr>[IVXL]{1,7}(?:\sBis)?)(?![\w])/y;
/// Further fracciones: "y VI", "y fracción VII", and a range's far end ("fracciones III a V":
/// fr. V, as every range keys its ends; the "V" is no article) — not one "del artículo 6" owns.
const MX_FR_MORE =
  /(?:,\s|\sy\s|\se\s|\sa\s|\sal\s)(?:(?:fracción|fracc\.|fr\.)\s)?(?<fr>[IVXL]{1,7}(?:\sBis)?)(?![\w])(?!,?\s(?:del|de\sla|de\slos)\s(?:artículo|art\.))/y;
const MX_INC = /,?\s(?:inciso|inc\.)\s(?<inc>[a-z])\)?/y;
/// "apartado B" (the CPEUM's arts. 6o., 26, 37, 102, 122, 123) and the levels inside it.
const MX_APARTADO = /,?\s(?:apartado|Apartado|APARTADO)\s(?<ap>[A-D])\)?(?![\w])/y;
const MX_IN_APARTADO =
  /(?:,?\s(?:Base|BASE)\s[A-Za-zÁÉÍÓÚáéíóú]{4,10}|,?\s(?:fracción|fracciones|Fracción|fracc\.|fr\.)\s[IVXL]{1,7}(?:\sBis)?|,?\s(?:inciso|inc\.)\s[a-z]\)?|,?\s(?:párrafo|párr\.)\s(?:primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo|\d{1,2})|,?\s(?:primer|segundo|tercer|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo|último|penúltimo)\spárrafo|\s[ye]\s[IVXL]{1,7}(?:\sBis)?)(?![\w])/y;
// biome-ignore format: compact table
const ORDINAL_WORDS: Record<string, number> = {
  primero: 1, primer: 1, segundo: 2, tercero: 3, tercer: 3, cuarto: 4, quinto: 5, sexto: 6, séptimo: 7, octavo: 8,
  noveno: 9, décimo: 10,
};

/// One article of a list, with the levels written after it.
export interface ArticleItem {
  start: number;
  end: number;
  article: string;
  paragraphs: string[];
  parr?: string;
  fr?: string;
  inc?: string;
  /// "apartado B": a level the key has no place for (the article is keyed whole).
  apartado?: string;
}

/// After "DOF 04-12-2006, últimas reformas …": where the tail ends.
export function mxTail(s: Scanner, pos: number): number {
  return s.exec(MX_TAIL, pos) ? MX_TAIL.lastIndex : pos;
}

/// Reads "párrafo segundo" into `it`; answers where it ends.
export function mxParagraph(s: Scanner, it: ArticleItem, e: number): number {
  const pr = s.exec(MX_PARR, e);
  if (!pr) return e;
  const w = (pr.groups!.after ?? pr.groups!.before)!;
  it.parr = String(ORDINAL_WORDS[w] ?? w);
  return MX_PARR.lastIndex;
}

/// Reads "apartado B" and the levels inside it ("Base Primera", "fracción V", "inciso f)",
/// "segundo párrafo y XX Bis") into `it`: its fracciones are the apartado's, not the
/// article's, and the key has no apartado, so the article is keyed whole and its cite spans
/// them. Answers where they end; null when no apartado follows.
export function mxApartado(s: Scanner, it: ArticleItem, e: number): number | null {
  const m = s.exec(MX_APARTADO, e);
  if (!m) return null;
  it.apartado = m.groups!.ap!;
  let end = MX_APARTADO.lastIndex;
  for (let k = 0; k < 8 && s.exec(MX_IN_APARTADO, end); k++) end = MX_IN_APARTADO.lastIndex;
  return end;
}

/// Reads "fracción V, inciso a)" and further "y VI" into items pushed on
/// `out` (the article itself first); null when there is no fracción.
export function mxFractions(
  s: Scanner,
  it: ArticleItem,
  e: number,
  out: ArticleItem[],
): number | null {
  const fr = s.exec(MX_FR, e);
  if (!fr) return null;
  it.fr = fr.groups!.fr!.replace(" Bis", "-bis");
  let end = MX_FR.lastIndex;
  const inc = s.exec(MX_INC, end);
  if (inc) {
    it.inc = inc.groups!.inc!;
    end = MX_INC.lastIndex;
  }
  it.end = end;
  out.push(it);
  for (let k = 0; k < 10; k++) {
    const more = s.exec(MX_FR_MORE, end);
    if (!more) break;
    const f = more.groups!.fr!;
    const start = more.index + more[0].indexOf(f);
    const fr = f.replace(" Bis", "-bis");
    end = MX_FR_MORE.lastIndex;
    out.push({ start, end, article: it.article, paragraphs: [], fr });
  }
  return end;
}

/// Key of an article of an instrument (`base` = `scheme/id`).
export function articleKey(base: string, a: ArticleItem): string {
  const slash = base.indexOf("/");
  const scheme = base.slice(0, slash);
  const id = base.slice(slash + 1);
  if (scheme === "mx") {
    return formatKey({
      scheme: "mx",
      law: id,
      article: a.article,
      ...(a.parr ? { paragraph: a.parr } : {}),
      ...(a.fr ? { fraction: a.fr } : {}),
      ...(a.inc ? { inciso: a.inc } : {}),
    });
  }
  return formatKey({
    scheme: scheme as "treaty" | "softlaw",
    instrument: id,
    article: a.article,
    paragraphs: a.paragraphs,
  });
}
