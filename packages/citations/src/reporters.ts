/// Case reporters: canonical Bluebook abbreviation and the spellings seen in
/// practice. Lookup is on the spelling with all whitespace removed and curly
/// apostrophes straightened.
const REPORTERS: ReadonlyArray<readonly [canonical: string, ...variants: string[]]> = [
  ["U.S.", "U. S."],
  ["S. Ct.", "S.Ct.", "Sup. Ct.", "Sup. Ct. Rep."],
  ["L. Ed.", "L.Ed."],
  ["L. Ed. 2d", "L.Ed.2d", "L. Ed.2d"],
  ["F."],
  ["F.2d", "F.2d."],
  ["F.3d", "F.3d."],
  ["F.4th"],
  ["F. Supp."],
  ["F. Supp. 2d", "F.Supp.2d"],
  ["F. Supp. 3d", "F.Supp.3d"],
  ["F. App'x", "F. Appx.", "F. Appx", "Fed. App'x", "Fed. Appx.", "Fed. Appx"],
  ["F.R.D."],
  ["B.R."],
  ["Fed. Cl."],
  ["Ct. Cl."],
  ["Vet. App."],
  ["T.C."],
  ["T.C.M. (CCH)", "T.C.M."],
  ["M.J."],
  ["U.S. App. D.C."],
  ["I. & N. Dec.", "I&N Dec.", "I & N Dec.", "I.&N. Dec.", "I. & N.Dec.", "I&N Dec"],
  ["WL"],
  ["U.S. Dist. LEXIS"],
  ["U.S. App. LEXIS"],
  ["A."],
  ["A.2d"],
  ["A.3d"],
  ["P."],
  ["P.2d"],
  ["P.3d"],
  ["N.E."],
  ["N.E.2d"],
  ["N.E.3d"],
  ["N.W."],
  ["N.W.2d"],
  ["S.E."],
  ["S.E.2d"],
  ["S.W.", "S. W.", "S. W. Rep.", "S.W. Rep."],
  ["S.W.2d"],
  ["S.W.3d"],
  ["So."],
  ["So. 2d", "So.2d"],
  ["So. 3d", "So.3d"],
  ["Cal."],
  ["Cal. 2d"],
  ["Cal. 3d"],
  ["Cal. 4th"],
  ["Cal. 5th"],
  ["Cal. App."],
  ["Cal. App. 2d"],
  ["Cal. App. 3d"],
  ["Cal. App. 4th"],
  ["Cal. App. 5th"],
  ["Cal. Rptr."],
  ["Cal. Rptr. 2d"],
  ["Cal. Rptr. 3d"],
  ["N.Y."],
  ["N.Y.2d"],
  ["N.Y.3d"],
  ["N.Y.S."],
  ["N.Y.S.2d"],
  ["N.Y.S.3d"],
  ["A.D.2d"],
  ["A.D.3d"],
  ["Misc. 3d"],
  ["Ill. 2d"],
  ["Ill. App. 3d"],
  ["Mass."],
  ["Wash. 2d", "Wn.2d", "Wn. 2d"],
  ["Ariz."],
  ["Tex."],
  ["N.J."],
  ["Pa."],
  ["Md."],
  ["Conn."],
  ["Wis. 2d"],
  ["Ohio St. 3d"],
  ["Mich."],
  ["Minn."],
  ["Or."],
  ["Or. App."],
  ["Colo."],
  ["Va."],
  ["Ga."],
  ["Fla."],
  ["Haw."],
  ["Iowa"],
  // The Supreme Court's nominative reporters, cited by their own volumes.
  ["Dall."],
  ["Cranch"],
  ["Wheat."],
  ["Pet."],
  ["How."],
  ["Black"],
  ["Wall."],
];

const squeeze = (s: string): string => s.replace(/\s+/g, "").replace(/[’‘]/g, "'");

/// Whitespace-free spelling → canonical reporter abbreviation.
export const reporterBySpelling: ReadonlyMap<string, string> = new Map(
  REPORTERS.flatMap(([canonical, ...variants]) =>
    [canonical, ...variants].map((v) => [squeeze(v), canonical] as const),
  ),
);

/// Canonical reporters cited for U.S. Supreme Court opinions.
export const supremeCourtReporters: ReadonlySet<string> = new Set([
  "U.S.",
  "S. Ct.",
  "L. Ed.",
  "L. Ed. 2d",
]);

const JOURNAL_TOKEN = /^(?:[A-Z][A-Za-z'’]{0,14}\.?|&|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|L\.J\.|2d|3d)$/;
const JOURNAL_MARK = /^(?:L\.|Rev\.|J\.|L\.J\.|Q\.|Law|Review|Journal|F\.|Bull\.|Forum|Educ\.)$/;
/// "of", "in" inside a title ("J. of Negro Educ.", "Research in Higher Educ.").
const JOURNAL_LINK = /^(?:of|in)$/;

/// Returns the normalised journal abbreviation when `words` (already split on
/// whitespace) look like a law-review title such as `Harv. L. Rev.`, or null.
export function journalName(words: readonly string[]): string | null {
  if (words.length < 2 || words.length > 9) return null;
  let marked = false;
  for (const [i, w] of words.entries()) {
    const link = i > 0 && i < words.length - 1 && JOURNAL_LINK.test(w);
    if (!link && !JOURNAL_TOKEN.test(w)) return null;
    if (JOURNAL_MARK.test(w) || w.endsWith("L.J.")) marked = true;
  }
  if (!marked) return null;
  // "F." alone is a reporter; a journal needs an L./J./Rev. style word too.
  const last = words[words.length - 1]!;
  if (!/(?:\.|Law|Review|Journal|Forum)$/.test(last)) return null;
  return words.join(" ").replace(/[’]/g, "'");
}

/// State and territory abbreviations that open a state-code citation.
// biome-ignore format: compact table
export const STATE_ABBREVIATIONS = [
  "Ala\\.", "Alaska", "Ariz\\.", "Ark\\.", "Cal\\.", "Colo\\.", "Conn\\.", "Del\\.", "D\\.C\\.",
  "Fla\\.", "Ga\\.", "Haw\\.", "Idaho", "Ill\\.", "Ind\\.", "Iowa", "Kan\\.", "Ky\\.", "La\\.",
  "Me\\.", "Md\\.", "Mass\\.", "Mich\\.", "Minn\\.", "Miss\\.", "Mo\\.", "Mont\\.", "Neb\\.",
  "Nev\\.", "N\\.H\\.", "N\\.J\\.", "N\\.M\\.", "N\\.Y\\.", "N\\.C\\.", "N\\.D\\.", "Ohio",
  "Okla\\.", "Or\\.", "Pa\\.", "R\\.I\\.", "S\\.C\\.", "S\\.D\\.", "Tenn\\.", "Tex\\.", "Utah",
  "Vt\\.", "Va\\.", "Wash\\.", "W\\. Va\\.", "Wis\\.", "Wyo\\.", "P\\.R\\.",
] as const;
