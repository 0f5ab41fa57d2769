import { inaToUsc, uscToIna } from "./crosswalk.ts";
import { instrumentById } from "./instruments.ts";
import { formatKey, type ParsedKey, parseKey, STATE_CODE_LEVELS } from "./keyGrammar.ts";
import { linksForKey, type SourceLink, urlsForKey } from "./links.ts";
import { fromRoman, toRoman } from "./roman.ts";

export {
  formatKey,
  fromRoman,
  linksForKey,
  type ParsedKey,
  parseKey,
  type SourceLink,
  toRoman,
  urlsForKey,
};

const subs = (s: readonly string[]): string => s.map((x) => `(${x})`).join("");

const articleText = (art: string, roman: boolean): string => {
  const m = /^(?<num>\d+)(?<rest>.*)$/.exec(art)?.groups;
  if (roman && m) return toRoman(Number(m.num)) + m.rest!.replace(/^-/, " ").replace("bis", "bis");
  return art.replace(/-(?<suffix>bis|ter|quater)$/i, " $<suffix>");
};

/// "Mass. Gen. Laws ch. 93A, § 9", "815 Ill. Comp. Stat. 505/2", "740 Ill. Comp. Stat. 14",
/// "42 Pa. Cons. Stat. § 5524", "Cal. Penal Code § 187 et seq.".
function stateCanonical(k: ParsedKey & { scheme: "state" }): string {
  const sec = `${k.section}${subs(k.subsections)}${k.suffix ? " et seq." : ""}`;
  const level = STATE_CODE_LEVELS.get(k.code);
  if (level === "ILCS") return `${k.chapter} ${k.code} ${k.act}${k.section ? `/${sec}` : ""}`;
  if (level === "title first") return `${k.chapter} ${k.code} § ${sec}`;
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
        : `${k.title} C.F.R. pt. ${k.part}${k.suffix ? " et seq." : ""}`;
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
export const tryLinksForKey = (key: string): SourceLink[] | null => orNull(() => linksForKey(key));
export const tryEquivalentsForKey = (key: string): string[] | null =>
  orNull(() => equivalentsForKey(key));
