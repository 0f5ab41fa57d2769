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
/// A clause opening on another country, the law's name close after it: "En Bolivia, la Ley
/// de Migración regula …", "In Bolivia, the Ley de Migración", "En el caso de Bolivia, el
/// artículo 12 de la Ley de Migración", "Bolivia aprobó en 2013 la Ley de Migración".
const CLAUSE_OPENS = new RegExp(
  String.raw`^(?:(?:Por\ssu\sparte|Asimismo|Además|Por\sotro\slado|Sin\sembargo|Similarly|Likewise|However|Meanwhile),?\s)?(?:(?:En|In|en|in)\s(?:el\scaso\sde\s|the\scase\sof\s)?(?:la\s|the\s)?(?:Rep[úu]blica\s(?:de\s)?)?${COUNTRY}(?![\w])|${COUNTRY}\s(?:aprobó|adoptó|promulgó|expidió|publicó|reformó|adopted|enacted|passed|amended)(?![\w]))`,
);
/// Words that end a clause inside a sentence ("mientras que en Bolivia, la Ley …").
const CLAUSE_WORDS = [" mientras que ", " whereas ", " while "];
/// What opens a sentence after a period: a capital, "¿", "¡" or a quote.
const SENTENCE_OPEN = /[\p{Lu}¿¡"“]/u;
/// How far after the country the name may stand (a longer gap is another predicate:
/// "En Honduras, el quejoso sufrió persecución y, por ello, invoca el artículo 13 de la
/// Ley sobre Refugiados" is Mexico's law).
const OPENER_REACH = 60;
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
  if (countryOpensClause(t, pos)) return true;
  const around = `${t.slice(Math.max(0, pos - 200), pos)} ${t.slice(hit.end, hit.end + 200)}`;
  const pt = count(PT_WORDS, around);
  return pt >= 3 && pt > count(ES_WORDS, around) && !MEXICO_NAMED.test(around);
}

/// Whether the clause holding the name at `pos` opens on another country, the name within
/// `OPENER_REACH` of it, and names no Mexico. A country elsewhere in the sentence ("El
/// quejoso, nacional de Honduras, …") does not count.
function countryOpensClause(t: string, pos: number): boolean {
  const start = clauseStart(t, pos);
  if (start < 0) return false;
  let clause = t.slice(start, pos);
  for (const w of CLAUSE_WORDS) {
    const i = clause.lastIndexOf(w);
    if (i >= 0) clause = clause.slice(i + w.length);
  }
  const o = CLAUSE_OPENS.exec(clause);
  return !!o && clause.length - o[0].length <= OPENER_REACH && !MEXICO_NAMED.test(clause);
}

/// Where the clause holding `pos` starts (read back by character, at most 300): after a
/// line break, "; ", ": ", or a sentence's end before a capital; -1 when none is that near.
function clauseStart(t: string, pos: number): number {
  const from = Math.max(0, pos - 300);
  for (let i = pos - 1; i >= from; i--) {
    const c = t.charCodeAt(i);
    if (c === 10) return i + 1;
    const next = t.charCodeAt(i + 1);
    if ((c === 59 || c === 58) && next === 32) return i + 2;
    if ((c === 46 || c === 33 || c === 63) && (next === 32 || next === 10)) {
      let j = i + 1;
      while (j < pos && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 10)) j++;
      if (j < pos && SENTENCE_OPEN.test(t[j]!)) return j;
    }
  }
  return from === 0 ? 0 : -1;
}
