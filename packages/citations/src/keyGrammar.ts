import { instrumentById } from "./instruments.ts";

/// A key taken apart; `scheme` is the key's first segment (`id` and `supra`
/// wrap the key they resolve to).
export type ParsedKey =
  | {
      scheme: "usc";
      title: string;
      appendix: boolean;
      section: string;
      subsections: string[];
      suffix?: "note" | "et-seq";
    }
  | { scheme: "usc-ch"; title: string; chapter: string }
  | { scheme: "ina"; section: string; subsections: string[]; suffix?: "note" | "et-seq" }
  | {
      scheme: "cfr";
      title: string;
      part: string;
      section?: string;
      subsections: string[];
      suffix?: "et-seq";
    }
  | { scheme: "stat"; volume: string; page: string }
  | {
      scheme: "pl";
      congress: string;
      number: string;
      division?: string;
      section?: string;
      /// Levels below the section ("302(a)" → ["a"]).
      subsections?: string[];
    }
  | { scheme: "fr"; volume: string; page: string }
  | {
      scheme: "usconst";
      article?: string;
      amendment?: string;
      section?: string;
      clause?: string;
      preamble?: boolean;
    }
  | { scheme: "case"; volume: string; reporter: string; page?: string }
  | { scheme: "journal"; volume: string; journal: string; page: string }
  | {
      scheme: "state";
      code: string;
      /// Chapter or title of a code numbered by them (`STATE_CODE_LEVELS`).
      chapter?: string;
      /// Act within an ILCS chapter ("815 ILCS 505/2" → chapter 815, act 505).
      act?: string;
      /// Absent only for an ILCS act cited whole ("740 ILCS 14").
      section?: string;
      subsections: string[];
      suffix?: "et-seq";
    }
  | {
      scheme: "treaty" | "softlaw";
      instrument: string;
      article?: string;
      paragraphs: string[];
    }
  | {
      scheme: "mx";
      law: string;
      article?: string;
      paragraph?: string;
      fraction?: string;
      inciso?: string;
    }
  | { scheme: "unhcr-excom"; number: string }
  /// "X, supra note 3" whose target the text never cited in full: the footnote.
  | { scheme: "supra-note"; note: string }
  | { scheme: "id" | "supra"; target: string; parsed: ParsedKey };

/// State codes numbered by chapter or title before the section, and the word
/// that names the level: `state/Mass. Gen. Laws/93A/9` is chapter 93A, § 9.
/// ILCS has a chapter and an act: `state/Ill. Comp. Stat./815/505/2`;
/// Pennsylvania writes the title first (`42 Pa. Cons. Stat. § 5524` →
/// `state/Pa. Cons. Stat./42/5524`).
export const STATE_CODE_LEVELS: ReadonlyMap<string, "ch." | "tit." | "ILCS" | "title first"> =
  new Map([
    ["Mass. Gen. Laws", "ch."],
    ["Ill. Comp. Stat.", "ILCS"],
    ["Vt. Stat. Ann.", "tit."],
    ["Me. Rev. Stat.", "tit."],
    ["Del. Code Ann.", "tit."],
    ["Okla. Stat.", "tit."],
    ["Pa. Cons. Stat.", "title first"],
  ] as const);

const bad = (key: string, why: string): never => {
  throw new RangeError(`Malformed citation key "${key}": ${why}.`);
};

const need = (key: string, v: string | undefined, what: string): string =>
  v !== undefined && v !== "" ? v : bad(key, `missing ${what}`);

function parseUsc(key: string, parts: string[]): ParsedKey {
  const scheme = "usc";
  let title = need(key, parts[1], "title");
  const appendix = title.endsWith("-app");
  if (appendix) title = title.slice(0, -4);
  if (!/^\d+$/.test(title)) bad(key, "title is not a number");
  const section = need(key, parts[2], "section");
  const rest = parts.slice(3);
  let suffix: "note" | "et-seq" | undefined;
  const last = rest[rest.length - 1];
  if (last === "note" || last === "et-seq") {
    suffix = last;
    rest.pop();
  }
  return suffix
    ? { scheme, title, appendix, section, subsections: rest, suffix }
    : { scheme, title, appendix, section, subsections: rest };
}

function parsePl(key: string, parts: string[]): ParsedKey {
  const scheme = "pl";
  const congress = need(key, parts[1], "congress");
  const number = need(key, parts[2], "law number");
  let i = 3;
  let division: string | undefined;
  if (parts[i]?.startsWith("div-")) division = parts[i++]!.slice(4);
  const section = parts[i];
  const subsections = parts.slice(i + 1);
  return {
    scheme,
    congress,
    number,
    ...(division ? { division } : {}),
    ...(section ? { section } : {}),
    ...(subsections.length ? { subsections } : {}),
  };
}

function parseUsconst(key: string, parts: string[]): ParsedKey {
  const scheme = "usconst";
  const out: ParsedKey & { scheme: "usconst" } = { scheme };
  for (const p of parts.slice(1)) {
    const m = /^(?<part>article|amendment|section|clause)-(?<value>\w+)$/.exec(p)?.groups;
    if (p === "preamble") out.preamble = true;
    else if (m) out[m.part as "article" | "amendment" | "section" | "clause"] = m.value!;
    else bad(key, `unknown constitution part "${p}"`);
  }
  return out;
}

function parseInstrument(key: string, parts: string[], scheme: "treaty" | "softlaw"): ParsedKey {
  const instrument = need(key, parts[1], "instrument");
  if (!instrumentById.has(`${scheme}/${instrument}`)) bad(key, "unknown instrument");
  const art = parts[2];
  if (art === undefined) return { scheme, instrument, paragraphs: [] };
  if (!art.startsWith("art-")) bad(key, "expected art-N");
  return { scheme, instrument, article: art.slice(4), paragraphs: parts.slice(3) };
}

function parseMx(key: string, parts: string[]): ParsedKey {
  const scheme = "mx";
  const law = need(key, parts[1], "law");
  if (!instrumentById.has(`mx/${law}`)) bad(key, "unknown Mexican law");
  const out: ParsedKey & { scheme: "mx" } = { scheme, law };
  for (const p of parts.slice(2)) {
    const m = /^(?<part>art|parr|fr|inc)-(?<value>.+)$/.exec(p)?.groups;
    if (!m) bad(key, `unknown part "${p}"`);
    const field = ({ art: "article", parr: "paragraph", fr: "fraction", inc: "inciso" } as const)[
      m!.part as "art" | "parr" | "fr" | "inc"
    ];
    out[field] = m!.value!;
  }
  return out;
}

/// The one number of a two-segment key ("unhcr-excom/8", "supra-note/3").
const numbered = (key: string, parts: string[], what: string): string =>
  parts.length === 2 && /^\d{1,4}$/.test(parts[1]!) ? parts[1]! : bad(key, `expected ${what}`);

function parseCfr(key: string, parts: string[]): ParsedKey {
  const scheme = "cfr";
  const title = need(key, parts[1], "title");
  const sec = need(key, parts[2], "part or section");
  const dot = sec.indexOf(".");
  const subsections = parts.slice(3);
  const etSeq = subsections[subsections.length - 1] === "et-seq";
  if (etSeq) subsections.pop();
  if (dot < 0)
    return {
      scheme,
      title,
      part: sec,
      subsections,
      ...(etSeq ? { suffix: "et-seq" as const } : {}),
    };
  return {
    scheme,
    title,
    part: sec.slice(0, dot),
    section: sec,
    subsections,
    ...(etSeq ? { suffix: "et-seq" as const } : {}),
  };
}

function parseState(key: string, parts: string[]): ParsedKey {
  const scheme = "state";
  const code = need(key, parts[1], "code");
  const level = STATE_CODE_LEVELS.get(code);
  const depth = level === "ILCS" ? 2 : level ? 1 : 0;
  const rest = parts.slice(2 + depth + 1);
  const etSeq = rest[rest.length - 1] === "et-seq";
  // "740 ILCS 14": an ILCS act cited whole has no section.
  const whole = depth > 1 && parts.length === 4;
  return {
    scheme,
    code,
    ...(depth > 0 ? { chapter: need(key, parts[2], "chapter") } : {}),
    ...(depth > 1 ? { act: need(key, parts[3], "act") } : {}),
    ...(whole ? {} : { section: need(key, parts[2 + depth], "section") }),
    subsections: etSeq ? rest.slice(0, -1) : rest,
    ...(etSeq ? { suffix: "et-seq" as const } : {}),
  };
}

function parseCase(key: string, parts: string[]): ParsedKey {
  const scheme = "case";
  return parts[3] !== undefined
    ? {
        scheme,
        volume: need(key, parts[1], "volume"),
        reporter: need(key, parts[2], "reporter"),
        page: parts[3],
      }
    : {
        scheme,
        volume: need(key, parts[1], "volume"),
        reporter: need(key, parts[2], "reporter"),
      };
}

/// Parses a key of the grammar in the package README. Throws a RangeError
/// for a key that does not follow it.
export function parseKey(key: string): ParsedKey {
  if (typeof key !== "string" || key === "") bad(String(key), "empty");
  const arrow = key.indexOf("->");
  if (arrow >= 0) {
    const scheme = key.slice(0, arrow);
    if (scheme !== "id" && scheme !== "supra") bad(key, `unknown short-form prefix "${scheme}"`);
    const target = key.slice(arrow + 2);
    return { scheme: scheme as "id" | "supra", target, parsed: parseKey(target) };
  }
  const parts = key.split("/");
  const scheme = parts[0];
  switch (scheme) {
    case "usc":
      return parseUsc(key, parts);
    case "usc-ch":
      return {
        scheme,
        title: need(key, parts[1], "title"),
        chapter: need(key, parts[2], "chapter"),
      };
    case "ina": {
      const section = need(key, parts[1], "section");
      const rest = parts.slice(2);
      const last = rest[rest.length - 1];
      if (last === "note" || last === "et-seq") {
        rest.pop();
        return { scheme, section, subsections: rest, suffix: last };
      }
      return { scheme, section, subsections: rest };
    }
    case "cfr":
      return parseCfr(key, parts);
    case "stat":
    case "fr":
      if (parts.length !== 3) bad(key, "expected volume and page");
      return { scheme, volume: need(key, parts[1], "volume"), page: need(key, parts[2], "page") };
    case "pl":
      return parsePl(key, parts);
    case "usconst":
      return parseUsconst(key, parts);
    case "case":
      return parseCase(key, parts);
    case "journal":
      return {
        scheme,
        volume: need(key, parts[1], "volume"),
        journal: need(key, parts[2], "journal"),
        page: need(key, parts[3], "page"),
      };
    case "state":
      return parseState(key, parts);
    case "unhcr-excom":
      return { scheme, number: numbered(key, parts, "a conclusion number") };
    case "supra-note":
      return { scheme, note: numbered(key, parts, "a note number") };
    case "treaty":
    case "softlaw":
      return parseInstrument(key, parts, scheme);
    case "mx":
      return parseMx(key, parts);
    default:
      return bad(key, `unknown scheme "${scheme}"`);
  }
}

/// Subsection levels as key segments ("/b/2/C").
const segs = (xs: readonly string[]): string => {
  let out = "";
  for (const x of xs) out += `/${x}`;
  return out;
};

const opt = (prefix: string, v: string | undefined): string => (v ? `/${prefix}${v}` : "");

/// The key of a parsed key: the one place keys are assembled, so
/// `formatKey(parseKey(k)) === k` for every key the engine emits.
export function formatKey(k: ParsedKey): string {
  switch (k.scheme) {
    case "usc":
      return `usc/${k.title}${k.appendix ? "-app" : ""}/${k.section}${segs(k.subsections)}${opt("", k.suffix)}`;
    case "usc-ch":
      return `usc-ch/${k.title}/${k.chapter}`;
    case "ina":
      return `ina/${k.section}${segs(k.subsections)}${opt("", k.suffix)}`;
    case "cfr":
      return `cfr/${k.title}/${k.section ?? k.part}${segs(k.subsections)}${opt("", k.suffix)}`;
    case "stat":
    case "fr":
      return `${k.scheme}/${k.volume}/${k.page}`;
    case "pl":
      return `pl/${k.congress}/${k.number}${opt("div-", k.division)}${opt("", k.section)}${segs(k.subsections ?? [])}`;
    case "usconst":
      if (k.preamble) return "usconst/preamble";
      return `usconst${opt("article-", k.article)}${opt("amendment-", k.amendment)}${opt("section-", k.section)}${opt("clause-", k.clause)}`;
    case "case":
      return `case/${k.volume}/${k.reporter}${opt("", k.page)}`;
    case "journal":
      return `journal/${k.volume}/${k.journal}/${k.page}`;
    case "state":
      return `state/${k.code}${opt("", k.chapter)}${opt("", k.act)}${opt("", k.section)}${segs(k.subsections)}${opt("", k.suffix)}`;
    case "unhcr-excom":
      return `unhcr-excom/${k.number}`;
    case "supra-note":
      return `supra-note/${k.note}`;
    case "treaty":
    case "softlaw":
      return `${k.scheme}/${k.instrument}${k.article ? `/art-${k.article}${segs(k.paragraphs)}` : ""}`;
    case "mx":
      return `mx/${k.law}${opt("art-", k.article)}${opt("parr-", k.paragraph)}${opt("fr-", k.fraction)}${opt("inc-", k.inciso)}`;
    case "id":
    case "supra":
      return `${k.scheme}->${k.target}`;
  }
}
