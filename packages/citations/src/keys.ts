import { inaToUsc, uscToIna } from "./crosswalk.ts";
import { instrumentById } from "./instruments.ts";
import { formatKey, type ParsedKey, parseKey, STATE_CODE_LEVELS } from "./keyGrammar.ts";

export { formatKey, type ParsedKey, parseKey };

const subs = (s: readonly string[]): string => s.map((x) => `(${x})`).join("");

// biome-ignore format: compact table
const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

/// Arabic → roman numeral (1–89), for constitution articles and amendments.
export function toRoman(n: number): string {
  let out = "";
  let rest = n;
  for (const [v, r] of ROMAN) {
    while (rest >= v) {
      out += r;
      rest -= v;
    }
  }
  return out;
}

/// Roman numeral → arabic, or NaN.
export function fromRoman(s: string): number {
  const vals: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  const up = s.toUpperCase();
  for (let i = 0; i < up.length; i++) {
    const v = vals[up[i]!];
    const next = vals[up[i + 1] ?? ""] ?? 0;
    if (v === undefined) return Number.NaN;
    total += v < next ? -v : v;
  }
  return total;
}

const articleText = (art: string, roman: boolean): string => {
  const m = /^(\d+)(.*)$/.exec(art);
  if (roman && m) return toRoman(Number(m[1])) + m[2]!.replace(/^-/, " ").replace("bis", "bis");
  return art.replace(/-(bis|ter|quater)$/i, " $1");
};

/// "Mass. Gen. Laws ch. 93A, § 9", "815 Ill. Comp. Stat. 505/2", "Cal. Penal Code § 187 et seq.".
function stateCanonical(k: ParsedKey & { scheme: "state" }): string {
  const sec = `${k.section}${subs(k.subsections)}${k.suffix ? " et seq." : ""}`;
  const level = STATE_CODE_LEVELS.get(k.code);
  if (level === "ILCS") return `${k.chapter} ${k.code} ${k.act}/${sec}`;
  if (level && k.chapter) return `${k.code} ${level} ${k.chapter}, § ${sec}`;
  return `${k.code} § ${sec}`;
}

/// The Bluebook-style form of a key (`usc/8/1225/b/2/C` → `8 U.S.C. § 1225(b)(2)(C)`).
/// For `id->` and `supra->` keys it is the form of the target.
export function canonicalForKey(key: string): string {
  const k = parseKey(key);
  switch (k.scheme) {
    case "usc":
      return `${k.title} U.S.C.${k.appendix ? " app." : ""} § ${k.section}${subs(k.subsections)}${
        k.suffix === "note" ? " note" : k.suffix === "et-seq" ? " et seq." : ""
      }`;
    case "usc-ch":
      return `${k.title} U.S.C. ch. ${k.chapter}`;
    case "ina":
      return `INA § ${k.section}${subs(k.subsections)}${
        k.suffix === "note" ? " note" : k.suffix === "et-seq" ? " et seq." : ""
      }`;
    case "cfr":
      return k.section
        ? `${k.title} C.F.R. § ${k.section}${subs(k.subsections)}${k.suffix ? " et seq." : ""}`
        : `${k.title} C.F.R. pt. ${k.part}`;
    case "stat":
      return `${k.volume} Stat. ${k.page}`;
    case "pl":
      return `Pub. L. No. ${k.congress}-${k.number}${k.division ? `, div. ${k.division}` : ""}${
        k.section ? `, § ${k.section}${subs(k.subsections ?? [])}` : ""
      }`;
    case "fr":
      return `${k.volume} Fed. Reg. ${k.page}`;
    case "usconst": {
      if (k.preamble) return "U.S. Const. pmbl.";
      let s = k.amendment
        ? `U.S. Const. amend. ${toRoman(Number(k.amendment))}`
        : `U.S. Const. art. ${toRoman(Number(k.article))}`;
      if (k.section) s += `, § ${k.section}`;
      if (k.clause) s += `, cl. ${k.clause}`;
      return s;
    }
    case "case":
      // Tax Court memorandum and summary opinions are numbered "year-number".
      if (k.page && /^T\.C\. (?:Memo|Summ)/.test(k.reporter))
        return `${k.reporter} ${k.volume}-${k.page}`;
      return k.page ? `${k.volume} ${k.reporter} ${k.page}` : `${k.volume} ${k.reporter}`;
    case "journal":
      return `${k.volume} ${k.journal} ${k.page}`;
    case "state":
      return stateCanonical(k);
    case "unhcr-excom":
      return `UNHCR Exec. Comm., Conclusion No. ${k.number}`;
    case "supra-note":
      return `supra note ${k.note}`;
    case "treaty":
    case "softlaw": {
      const inst = instrumentById.get(`${k.scheme}/${k.instrument}`)!;
      const art = k.article
        ? ` art. ${articleText(k.article, inst.romanArticles === true)}${subs(k.paragraphs)}`
        : "";
      return `${inst.name}${art}, ${inst.tail}`;
    }
    case "mx": {
      const inst = instrumentById.get(`mx/${k.law}`)!;
      let s = inst.name;
      if (k.article) s += `, art. ${articleText(k.article, false)}`;
      if (k.paragraph) s += `, párr. ${k.paragraph}`;
      if (k.fraction) s += `, fr. ${k.fraction}`;
      if (k.inciso) s += `, inc. ${k.inciso})`;
      return `${s}, ${inst.tail}`;
    }
    case "id":
    case "supra":
      return canonicalForKey(k.target);
  }
}

const HOUSE = (t: string, s: string) =>
  `https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title${t}-section${s}&num=0&edition=prelim`;
const LII = (t: string, s: string, sub: readonly string[]) =>
  `https://www.law.cornell.edu/uscode/text/${t}/${s}${sub.length ? `#${sub.join("_")}` : ""}`;
const GOVINFO_USC = (t: string, s: string) =>
  `https://www.govinfo.gov/link/uscode/${t}/${s}?link-type=html`;

// biome-ignore format: compact table
const AMENDMENT_WORDS = [
  "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
  "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
  "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
  "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
];

/// Links of a constitution key: congress.gov's annotated Constitution, then LII.
function usconstUrls(k: ParsedKey & { scheme: "usconst" }): string[] {
  if (k.preamble) return ["https://constitution.congress.gov/browse/preamble/"];
  if (k.amendment) {
    const word = AMENDMENT_WORDS[Number(k.amendment)];
    const out = [`https://constitution.congress.gov/browse/amendment-${k.amendment}/`];
    if (word)
      out.push(`https://www.law.cornell.edu/constitution/${word.replace("-", "-")}_amendment`);
    return out;
  }
  let path = `article-${k.article}`;
  if (k.section) path += `/section-${k.section}`;
  if (k.clause) path += `/clause-${k.clause}`;
  return [
    `https://constitution.congress.gov/browse/${path}/`,
    `https://www.law.cornell.edu/constitution/article${toRoman(Number(k.article)).toLowerCase()}`,
  ];
}

/// Official (or stable public) URLs for a key, most authoritative first.
/// Unknown INA sections link to the USCIS INA page; journals and state codes have none.
export function urlsForKey(key: string): string[] {
  const k = parseKey(key);
  switch (k.scheme) {
    case "usc":
      if (k.appendix) {
        return [
          `https://www.govinfo.gov/link/uscode/${k.title}/${k.section}?type=uscappendix&link-type=html`,
        ];
      }
      return [
        HOUSE(k.title, k.section),
        LII(k.title, k.section, k.subsections),
        GOVINFO_USC(k.title, k.section),
      ];
    case "usc-ch":
      return [
        `https://uscode.house.gov/view.xhtml?path=/prelim@title${k.title}/chapter${k.chapter}&edition=prelim`,
        `https://www.law.cornell.edu/uscode/text/${k.title}/chapter-${k.chapter}`,
      ];
    case "ina": {
      const usc = inaToUsc[k.section];
      if (!usc) {
        return [
          "https://www.uscis.gov/laws-and-policy/legislation/immigration-and-nationality-act",
        ];
      }
      return [HOUSE("8", usc), LII("8", usc, k.subsections), GOVINFO_USC("8", usc)];
    }
    case "cfr": {
      if (!k.section) {
        return [
          `https://www.ecfr.gov/current/title-${k.title}/part-${k.part}`,
          `https://www.law.cornell.edu/cfr/text/${k.title}/part-${k.part}`,
        ];
      }
      const num = k.section.slice(k.section.indexOf(".") + 1);
      const anchor = k.subsections.length ? `#p-${k.section}${subs(k.subsections)}` : "";
      return [
        `https://www.ecfr.gov/current/title-${k.title}/section-${k.section}${anchor}`,
        `https://www.govinfo.gov/link/cfr/${k.title}/${k.part}?sectionnum=${num}&year=mostrecent&link-type=html`,
        `https://www.law.cornell.edu/cfr/text/${k.title}/${k.section}`,
      ];
    }
    case "stat":
      return [`https://www.govinfo.gov/link/statute/${k.volume}/${k.page}`];
    case "pl":
      return [`https://www.govinfo.gov/link/plaw/${k.congress}/public/${k.number}`];
    case "fr":
      return [
        `https://www.govinfo.gov/link/fr/${k.volume}/${k.page}`,
        `https://www.federalregister.gov/citation/${k.volume}-FR-${k.page}`,
      ];
    case "usconst":
      return usconstUrls(k);
    case "case":
      if (!k.page || k.reporter === "WL" || k.reporter.includes("LEXIS")) return [];
      return [
        `https://www.courtlistener.com/c/${encodeURIComponent(k.reporter)}/${k.volume}/${k.page}/`,
      ];
    case "journal":
    case "state":
    case "unhcr-excom":
    case "supra-note":
      return [];
    case "treaty":
    case "softlaw":
      return [...instrumentById.get(`${k.scheme}/${k.instrument}`)!.urls];
    case "mx":
      return [...instrumentById.get(`mx/${k.law}`)!.urls];
    case "id":
    case "supra":
      return urlsForKey(k.target);
  }
}

/// Keys of the same provision under another numbering: INA ↔ 8 U.S.C. via
/// the crosswalk (sub-levels carried over). For `id->`/`supra->` keys, the
/// target and the target's equivalents.
export function equivalentsForKey(key: string): string[] {
  const k = parseKey(key);
  switch (k.scheme) {
    case "ina": {
      const usc = inaToUsc[k.section];
      if (!usc) return [];
      return [formatKey({ ...k, scheme: "usc", title: "8", appendix: false, section: usc })];
    }
    case "usc": {
      if (k.title !== "8" || k.appendix) return [];
      const ina = uscToIna[k.section];
      if (!ina) return [];
      return [
        formatKey({
          scheme: "ina",
          section: ina,
          subsections: k.subsections,
          ...(k.suffix ? { suffix: k.suffix } : {}),
        }),
      ];
    }
    case "id":
    case "supra":
      return [k.target, ...equivalentsForKey(k.target)];
    default:
      return [];
  }
}

/// The answer of `read`, or null where it throws.
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/// For keys that come from outside the engine (a person, a file, a stored
/// link): `parseKey`, `canonicalForKey`, `urlsForKey` and `equivalentsForKey`
/// answering null, instead of throwing, for a key the engine cannot read.
export const tryParseKey = (key: string): ParsedKey | null => orNull(() => parseKey(key));
export const tryCanonicalForKey = (key: string): string | null =>
  orNull(() => canonicalForKey(key));
export const tryUrlsForKey = (key: string): string[] | null => orNull(() => urlsForKey(key));
export const tryEquivalentsForKey = (key: string): string[] | null =>
  orNull(() => equivalentsForKey(key));
