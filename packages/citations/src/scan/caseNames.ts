/// Case names written before a cite: "X v. Y", "Matter of X", "In re X".

const CASE_NAME_ABBR = new Set([
  "Inc.",
  "Co.",
  "Corp.",
  "Ltd.",
  "Ass'n",
  "U.S.",
  "Dep't",
  "Sec'y",
  "Bd.",
  "Comm'n",
  "Ctr.",
  "Ctrs.",
  "Cnty.",
  "Univ.",
  "Nat'l",
  "Int'l",
  "Am.",
  "Fed.",
  "Gov't",
  "Mr.",
  "St.",
  "Mt.",
  "Jr.",
  "Dist.",
  "Admin.",
  "Auth.",
  "Bros.",
  "Med.",
  "Mfg.",
  "Org.",
  "Pub.",
  "Sch.",
  "Serv.",
  "Servs.",
  "Soc'y",
  "Sys.",
  "Tech.",
  "Transp.",
  "Hous.",
  "Dev.",
  "Educ.",
  "Emp.",
  "Env't",
  "Cmty.",
  "Immigr.",
  "Enf't",
  "Customs",
  "L.L.C.",
  "N.Y.",
  "D.C.",
  "Cal.",
  "Tex.",
  "Ariz.",
  "Fla.",
]);
const CASE_NAME_STOP = new Set([
  "See",
  "see",
  "Cf.",
  "cf.",
  "But",
  "but",
  "also",
  "Accord",
  "accord",
  "e.g.,",
  "E.g.,",
  "Compare",
  "compare",
  "with",
  "and",
  "In",
  "citing",
  "quoting",
  "(citing",
  "(quoting",
  "See,",
  "Contra",
  "contra",
  "Also,",
  "Thus,",
  "Similarly,",
  "also,",
]);
const CASE_NAME_CONNECT = new Set([
  "of",
  "the",
  "for",
  "de",
  "del",
  "la",
  "los",
  "ex",
  "rel.",
  "&",
  "on",
  "behalf",
  "y",
  "et",
  "al.",
]);

const isCorpSuffix = (w: string): boolean => /^(?:Inc\.|Co\.|Corp\.|Ltd\.|LLC|L\.L\.C\.)$/.test(w);
const isInitials = (w: string): boolean => /^(?:[A-Z]\.)+$/.test(w);

/// Whether `wd`, read right to left, still belongs to the plaintiff's name.
function plaintiffWord(wd: string, keep: readonly string[]): boolean {
  if (CASE_NAME_STOP.has(wd)) return false;
  if (!/^[A-Z0-9"“]/.test(wd) && !CASE_NAME_CONNECT.has(wd)) return false;
  if (wd.endsWith(",") && !isCorpSuffix(keep[0] ?? "")) return false;
  if (!wd.endsWith(".") || CASE_NAME_ABBR.has(wd) || isInitials(wd)) return true;
  return keep.length === 0 ? false : /^[A-Z]{1,3}\.$/.test(wd);
}

/// Case name before "…, 509 U.S. 155" at `p`, if one is written there.
export function caseNameBefore(text: string, p: number): string | undefined {
  const w = text.slice(Math.max(0, p - 180), p);
  const cm = /,\s{0,2}$/.exec(w);
  if (!cm) return undefined;
  const seg = w.slice(0, cm.index);
  const cut = Math.max(
    seg.lastIndexOf("\n"),
    seg.lastIndexOf(";"),
    seg.lastIndexOf("("),
    seg.lastIndexOf(")"),
  );
  const s = seg.slice(cut + 1);
  const mat = /(?:^|\s)(?<name>(?:Matter|In re|Ex parte|In the Matter)\b.*)$/.exec(s);
  const vIdx = Math.max(s.lastIndexOf(" v. "), s.lastIndexOf(" vs. "), s.lastIndexOf(" v "));
  if (mat && (vIdx < 0 || mat.index > vIdx)) {
    const name = mat.groups!.name!.trim();
    return /\d{2,}\s[A-Z]/.test(name) || name.length > 120 ? undefined : name;
  }
  if (vIdx < 0) return undefined;
  const defendant = s
    .slice(vIdx)
    .replace(/^\s+vs?\.?\s+/, "")
    .trim();
  if (defendant === "" || /\d{2,}\s[A-Z]|\.\s[a-z]/.test(defendant) || defendant.length > 100)
    return undefined;
  const words = s.slice(0, vIdx).trim().split(/\s+/);
  const keep: string[] = [];
  for (let i = words.length - 1; i >= 0 && keep.length < 10; i--) {
    if (!plaintiffWord(words[i]!, keep)) break;
    keep.unshift(words[i]!);
  }
  while (keep.length && CASE_NAME_CONNECT.has(keep[0]!)) keep.shift();
  if (keep.length === 0) return undefined;
  return `${keep.join(" ")} v. ${defendant}`.replace(/^["“]/, "");
}
