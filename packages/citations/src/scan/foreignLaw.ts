/// Mexican law names that name another country's law: "Ley de Migración de Bolivia",
/// "la Ley de Migración N° 370", "Ley de Migración y Extranjería", a Spanish name in
/// Portuguese text ("a Ley de Migración foi aprovada pelo Congresso"). Only asked where a
/// Mexican law's name matched (scan/treaties.ts), so it costs nothing elsewhere.
import type { InstrumentHit } from "./treaties.ts";

// Countries other than Mexico, and their adjectives (Spanish, English, Portuguese).
const COUNTRY = String.raw`(?:Argentina|Bolivia|Brasil|Brazil|Chile|Colombia|Costa\sRica|Cuba|Ecuador|El\sSalvador|España|Spain|Guatemala|Honduras|Nicaragua|Panam[áa]|Paraguay|Per[úu]|Rep[úu]blica\sDominicana|Dominican\sRepublic|Uruguay|Venezuela|Hait[íi]|Belice|Belize|Portugal|Puerto\sRico|Canad[áa]|Estados\sUnidos(?!\sMexicanos)|United\sStates)`;
const COUNTRY_ADJ = String.raw`(?:argentin[ao]|bolivian[ao]|brasileñ[ao]|brasileir[ao]|chilen[ao]|colombian[ao]|costarricense|cuban[ao]|ecuatorian[ao]|salvadoreñ[ao]|español[a]?|guatemaltec[ao]|hondureñ[ao]|nicaragüense|panameñ[ao]|paraguay[ao]|peruan[ao]|dominican[ao]|uruguay[ao]|venezolan[ao]|haitian[ao]|estadounidense)`;
const COUNTRY_ADJ_EN = String.raw`(?:Argentine|Argentinian|Bolivian|Brazilian|Chilean|Colombian|Costa\sRican|Cuban|Ecuadorian|Ecuadoran|Salvadoran|Salvadorean|Spanish|Guatemalan|Honduran|Nicaraguan|Panamanian|Paraguayan|Peruvian|Dominican|Uruguayan|Venezuelan|Haitian|Portuguese)`;
/// After a Mexican law's name: the country it belongs to ("de Bolivia", "(Brasil)",
/// "boliviana"), a law number as other countries cite theirs ("N° 370", "13.445"), or
/// the rest of another country's longer title ("… y Extranjería", "…, Exhibición Personal").
const FOREIGN_AFTER = new RegExp(
  String.raw`,?\s\(?(?:(?:de|del|of|do|da)\s(?:la\s|the\s)?(?:Rep[úu]blica\s(?:de\s)?)?)?${COUNTRY}(?![\w])|\s${COUNTRY_ADJ}(?![\w])|,?\s\(?(?:Ley\s|Lei\s|Law\s)?(?:N\.?\s?[°º]\.?|No\.|n\.?\s?º|[Nn]úmero|Nro\.)\s?\d|,?\s\(?\d{1,3}\.\d{3}(?![\d])|\s(?:y|e)\s(?:de\s)?Extranjer[íi]a|,?\sExhibici[óo]n\sPersonal`,
  "y",
);
/// Before it: "Bolivia's Ley de Migración", "the Bolivian Ley de Migración".
const FOREIGN_BEFORE = new RegExp(
  String.raw`(?:${COUNTRY}['’]s\s(?:(?:\d{4}|new|current|former)\s)?(?:the\s)?|\b${COUNTRY_ADJ_EN}\s)$`,
);
/// Portuguese words and endings, and Spanish ones, for the language around a name.
const PT_WORDS =
  /(?:^|[^\p{L}])(?:da|do|das|dos|não|são|uma|pelo|pela|ao|aos|às|em|é|também|lei|foi|seu|sua)(?![\p{L}])|ções?(?![\p{L}])/giu;
const ES_WORDS =
  /(?:^|[^\p{L}])(?:del|el|los|las|una|y|en|es|ley|fue|su|sus)(?![\p{L}])|ci(?:ó|o)n(?:es)?(?![\p{L}])/giu;
const MEXICO_NAMED = /M[ée]xic|mexican/i;
const count = (re: RegExp, t: string): number => {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(t)) n++;
  return n;
};

/// Whether the Mexican law's name at `pos` names another country's law: a country
/// or number attached to it, or Portuguese text around it ("a Ley de Migración foi
/// aprovada pelo Congresso") that does not name Mexico. A name holding "Mexic…"
/// is always Mexico's. Runs only where a Mexican law's name matched.
export function foreignLaw(t: string, pos: number, hit: InstrumentHit): boolean {
  const name = t.slice(pos, hit.end);
  if (MEXICO_NAMED.test(name)) return false;
  FOREIGN_AFTER.lastIndex = hit.end;
  if (FOREIGN_AFTER.test(t) || FOREIGN_BEFORE.test(t.slice(Math.max(0, pos - 40), pos)))
    return true;
  const around = `${t.slice(Math.max(0, pos - 200), pos)} ${t.slice(hit.end, hit.end + 200)}`;
  const pt = count(PT_WORDS, around);
  return pt >= 3 && pt > count(ES_WORDS, around) && !MEXICO_NAMED.test(around);
}
