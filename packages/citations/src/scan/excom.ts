/// UNHCR Executive Committee conclusions: "ExCom Conclusion No. 8 (XXVIII)
/// (1977)", "Conclusión No. 22 (XXXII) del Comité Ejecutivo" → `unhcr-excom/8`.
import { formatKey } from "../keyGrammar.ts";
import type { Scanner } from "./scanner.ts";

const AFTER =
  /\s(?:No\.|Núm\.|núm\.|N[º°o]\.?)\s?(?<n>\d{1,3})(?![\d])(?:\s?\((?<session>[XLVI]{1,8})\))?(?:\s?\((?<year>(?:19|20)\d{2})\))?/y;
/// Words just before that make a bare "Conclusion No. 8" an ExCom conclusion.
const EXCOM_BEFORE =
  /(?:ExCom|EXCOM|Excom|Executive Committee|UNHCR|ACNUR|Comité Ejecutivo)\W{0,4}$/;
const EXCOM_AFTER = /,?\s(?:of the Executive Committee|del Comité Ejecutivo)/y;

/// The conclusion at the "Conclusion"/"Conclusión" token `p`: needs its
/// session in roman numerals or the Executive Committee named beside it.
export function atConclusion(s: Scanner, p: number, tok: string): number {
  const m = s.exec(AFTER, p + tok.length);
  if (!m) return p + tok.length;
  let end = AFTER.lastIndex;
  const { n, session } = m.groups as Record<string, string | undefined>;
  const named = EXCOM_BEFORE.test(s.text.slice(Math.max(0, p - 24), p));
  const after = s.exec(EXCOM_AFTER, end);
  if (after) end = EXCOM_AFTER.lastIndex;
  if (!session && !named && !after) return end;
  s.emit("soft_law", p, end, formatKey({ scheme: "unhcr-excom", number: String(Number(n)) }));
  return end;
}
