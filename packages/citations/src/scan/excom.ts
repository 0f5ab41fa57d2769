/// UNHCR Executive Committee conclusions: "ExCom Conclusion No. 8 (XXVIII)
/// (1977)", "Conclusión No. 22 (XXXII) del Comité Ejecutivo" → `unhcr-excom/8`,
/// and lists: "Conclusions No. 6 (XXVIII) and No. 7 (XXVIII)", "Conclusions Nos. 6, 7 and 8".
import { formatKey } from "../keyGrammar.ts";
import { fromRoman } from "../keys.ts";
import type { Scanner } from "./scanner.ts";

/// "s" / "es" of the plural, right after the "Conclusion" token.
const PLURAL = /e?s(?![\w])/y;
/// One conclusion: "Nos." (a list), its number, its session.
const FIRST =
  /\s(?:(?<nos>Nos\.|Núms\.|núms\.)|No\.|Núm\.|núm\.|N[º°o]\.?)\s?(?<number>\d{1,3})(?![\d])(?:\s?\((?<session>[XLVI]{1,8})\))?(?:\s?\((?:19|20)\d{2}\))?/y;
const SEP = /(?:,\s(?:and\s|y\s)?|\s(?:and|y|e|&)\s)/y;
/// A further member of a list: its number, its session.
const MORE =
  /(?:(?:No\.|Núm\.|núm\.|N[º°]\.?)\s?)?(?<number>\d{1,3})(?![\d])(?:\s?\((?<session>[XLVI]{1,8})\))?(?:\s?\((?:19|20)\d{2}\))?/y;
/// Words just before that make a bare "Conclusion No. 8" an ExCom conclusion.
const EXCOM_BEFORE =
  /(?:ExCom|EXCOM|Excom|Executive Committee(?: of the (?:United Nations )?High Commissioner['’]s Programme)?|UNHCR|ACNUR|Comité Ejecutivo)(?:\s(?:adopted|adoptó|in its|en su))?\W{0,4}$/;
const EXCOM_AFTER =
  /,?\s(?:of the Executive Committee|adopted by the Executive Committee|del Comité Ejecutivo|adoptadas? por el Comité Ejecutivo)/y;

/// The conclusions at the "Conclusion"/"Conclusión" token `p`: they need a
/// session in roman numerals or the Executive Committee named beside them.
export function atConclusion(s: Scanner, p: number, tok: string): number {
  let q = p + tok.length;
  const plural = s.test(PLURAL, q);
  if (plural) q = PLURAL.lastIndex;
  const m = s.exec(FIRST, q);
  if (!m) return q;
  let end = FIRST.lastIndex;
  const items: Array<[start: number, end: number, n: string]> = [[p, end, m.groups!.number!]];
  let session = m.groups!.session !== undefined;
  // "Conclusions No. 6 … and No. 7", "Conclusions Nos. 6, 7 and 8".
  for (let k = 0; k < 20 && (plural || m.groups!.nos); k++) {
    if (!s.test(SEP, end)) break;
    const at = SEP.lastIndex;
    const mm = s.exec(MORE, at);
    if (!mm) break;
    end = MORE.lastIndex;
    items.push([at, end, mm.groups!.number!]);
    session ||= mm.groups!.session !== undefined;
  }
  const named = EXCOM_BEFORE.test(s.text.slice(Math.max(0, p - 72), p));
  const after = s.exec(EXCOM_AFTER, end);
  if (after) end = EXCOM_AFTER.lastIndex;
  if (!session && !named && !after) return end;
  items.forEach(([a, b, n], i) => {
    const e = i === items.length - 1 ? end : b;
    s.emit("soft_law", a, e, formatKey({ scheme: "unhcr-excom", number: String(Number(n)) }));
  });
  return end;
}

/// "No. 44 (XXXVII)" with no "Conclusion" before it: the number, the session.
const BARE =
  /(?:No\.|N[º°]\.?)\s?(?<number>\d{1,3})(?![\d])\s?\((?<session>[XLVI]{1,8})\)(?:\s?\((?:19|20)\d{2}\))?/y;

/// A conclusion written by number and session alone, as ExCom's compilations and
/// their readers write it. The session must be one at which the Executive
/// Committee adopted conclusions (the 26th, 1975, onwards): "Resolution No. 5
/// (IV)" is not one.
export function atBareConclusion(s: Scanner, p: number): number {
  const m = s.exec(BARE, p);
  if (!m) return -1;
  const session = fromRoman(m.groups!.session!);
  if (!(session >= 26 && session <= 99)) return -1;
  s.emit(
    "soft_law",
    p,
    BARE.lastIndex,
    formatKey({ scheme: "unhcr-excom", number: String(Number(m.groups!.number)) }),
  );
  return BARE.lastIndex;
}
