/// Lower-cases, strips accents and folds typographic quotes, so that
/// "Devolución" and "devolucion", "alien’s" and "alien's" compare equal.
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase();
}

const SYNONYMS: Record<string, string> = {
  article: "art",
  articulo: "art",
  articles: "art",
  arts: "art",
  section: "sec",
  sections: "sec",
  seccion: "sec",
  fraccion: "fr",
  fracc: "fr",
  paragraph: "para",
  parrafo: "para",
  usc: "usc",
  cfr: "cfr",
};

/// A crude English/Spanish stem: plural and possessive endings only.
function stem(t: string): string {
  if (/^\d/.test(t)) return t;
  if (t.endsWith("'s")) t = t.slice(0, -2);
  if (t.length > 4 && t.endsWith("ies")) return `${t.slice(0, -3)}y`;
  if (t.length > 4 && t.endsWith("es") && /(ss|x|ch|sh)es$/.test(t)) return t.slice(0, -2);
  if (t.length > 3 && t.endsWith("s") && !t.endsWith("ss")) return t.slice(0, -1);
  return t;
}

/// Splits text into search tokens: folded, abbreviations collapsed
/// (`U.S.C.` → `usc`, `C.F.R.` → `cfr`), `§` and punctuation dropped,
/// section numbers such as `1229a` and `208.16` kept whole, parenthesised
/// subsections split (`1225(b)(2)(C)` → `1225 b 2 c`), hyphenated words
/// giving both halves and the joined word.
export function tokenize(s: string): string[] {
  const f = fold(s)
    .replace(/\bu\.?\s?s\.?\s?c\.?(?![a-z])/g, " usc ")
    .replace(/\bc\.?\s?f\.?\s?r\.?(?![a-z])/g, " cfr ")
    .replace(/\bu\.\s?s\.(?![a-z])/g, " us ")
    .replace(/\bi\.?\s?&\s?n\.?\s?dec\./g, " i&n dec ")
    .replace(/\bs\.\s?ct\./g, " sct ");
  const out: string[] = [];
  for (const raw of f.split(/[^a-z0-9&.'-]+/)) {
    let t = raw.replace(/^[.'-]+|[.'-]+$/g, "");
    if (!t) continue;
    if (/^\d+(\.\d+)+$/.test(t)) {
      out.push(t);
      continue;
    }
    t = t.replace(/\./g, "");
    if (!t) continue;
    if (t.includes("-")) {
      const parts = t.split("-").filter(Boolean);
      if (parts.length > 1) {
        out.push(parts.join(""));
        for (const p of parts) out.push(SYNONYMS[p] ?? stem(p));
        continue;
      }
    }
    out.push(SYNONYMS[t] ?? stem(t));
  }
  return out;
}

/// Folds text for phrase matching: accents, case, hyphens and punctuation
/// become single spaces, padded so `includes(" x y ")` matches whole words.
export function phraseForm(s: string): string {
  return ` ${fold(s)
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

/// Like `phraseForm`, but over search tokens, so plurals match
/// ("humanitarian visas" contains "humanitarian visa").
export function tokenPhrase(s: string): string {
  return ` ${tokenize(s).join(" ")} `;
}
