/// The one builder of links to the law: the engine's `urls` and the source
/// catalog's labelled links both come from `linksForKey`. Every pattern is
/// listed, with where it was checked, in docs/legal-sources.md §3.
import { inaToUsc } from "./crosswalk.ts";
import { instrumentById } from "./instruments.ts";
import { type ParsedKey, parseKey } from "./keyGrammar.ts";
import { toRoman } from "./roman.ts";

/// A link to an authority: `official` for the publisher of record (OLRC,
/// govinfo, eCFR, National Archives/Congress, UN, OAS, DOF); LII, CourtListener
/// and the federalregister.gov reader are free copies.
export interface SourceLink {
  url: string;
  label: string;
  official?: boolean;
}

const GOVINFO = "https://www.govinfo.gov/link";

/// The first public laws in govinfo's PLAW collection are those of the 104th
/// Congress (1995); older laws are in its Statutes at Large (STATUTE, 1789–).
export const FIRST_PLAW_CONGRESS = 104;

const subs = (s: readonly string[]): string => s.map((x) => `(${x})`).join("");

/// OLRC, LII (with its `#b_2_C` subsection anchor) and govinfo for a U.S. Code section.
function uscLinks(t: string, s: string, sub: readonly string[]): SourceLink[] {
  return [
    {
      label: "U.S. Code (OLRC)",
      url: `https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title${t}-section${s}&num=0&edition=prelim`,
      official: true,
    },
    {
      label: "Cornell LII",
      url: `https://www.law.cornell.edu/uscode/text/${t}/${s}${sub.length ? `#${sub.join("_")}` : ""}`,
    },
    {
      label: "govinfo",
      url: `${GOVINFO}/uscode/${t}/${s}?link-type=html`,
      official: true,
    },
  ];
}

/// An INA section's links are its 8 U.S.C. section's; without a crosswalk row, USCIS's INA page.
function inaLinks(k: ParsedKey & { scheme: "ina" }): SourceLink[] {
  const usc = inaToUsc[k.section];
  if (usc) return uscLinks("8", usc, k.subsections);
  return [
    {
      label: "USCIS: INA",
      url: "https://www.uscis.gov/laws-and-policy/legislation/immigration-and-nationality-act",
      official: true,
    },
  ];
}

/// eCFR (paragraph anchor), govinfo's annual edition and LII for a C.F.R. section
/// or part. The govinfo CFR query documents the link-types pdf (default), xml,
/// mods, premis, details, context and related — not html — so the link asks
/// for the PDF, the authenticated official text.
function cfrLinks(k: ParsedKey & { scheme: "cfr" }): SourceLink[] {
  if (!k.section) {
    return [
      {
        label: "eCFR",
        url: `https://www.ecfr.gov/current/title-${k.title}/part-${k.part}`,
        official: true,
      },
      {
        label: "govinfo",
        url: `${GOVINFO}/cfr/${k.title}/${k.part}?year=mostrecent&link-type=pdf`,
        official: true,
      },
      {
        label: "Cornell LII",
        url: `https://www.law.cornell.edu/cfr/text/${k.title}/part-${k.part}`,
      },
    ];
  }
  const num = encodeURIComponent(k.section.slice(k.section.indexOf(".") + 1));
  const anchor = k.subsections.length ? `#p-${k.section}${subs(k.subsections)}` : "";
  return [
    {
      label: "eCFR",
      url: `https://www.ecfr.gov/current/title-${k.title}/section-${k.section}${anchor}`,
      official: true,
    },
    {
      label: "govinfo",
      url: `${GOVINFO}/cfr/${k.title}/${k.part}?sectionnum=${num}&year=mostrecent&link-type=pdf`,
      official: true,
    },
    { label: "Cornell LII", url: `https://www.law.cornell.edu/cfr/text/${k.title}/${k.section}` },
  ];
}

/// A public law: govinfo's PLAW collection from the 104th Congress; before it,
/// the law as printed in the Statutes at Large (the link service's "statute
/// by Congress and law" query), where the text really is.
function plLinks(k: ParsedKey & { scheme: "pl" }): SourceLink[] {
  if (Number(k.congress) >= FIRST_PLAW_CONGRESS) {
    return [
      {
        label: "govinfo (public law)",
        url: `${GOVINFO}/plaw/${k.congress}/public/${k.number}`,
        official: true,
      },
    ];
  }
  return [
    {
      label: "govinfo (Statutes at Large)",
      url: `${GOVINFO}/statute/${k.congress}/public/${k.number}`,
      official: true,
    },
  ];
}

// biome-ignore format: compact table
const BILL_OF_RIGHTS = [
  "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

/// LII's page of an amendment: `fifth_amendment` for I–X, `amendmentxiv` for XI–XXVII.
export function liiAmendment(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 27) return null;
  const slug = n <= 10 ? `${BILL_OF_RIGHTS[n]}_amendment` : `amendment${toRoman(n).toLowerCase()}`;
  return `https://www.law.cornell.edu/constitution/${slug}`;
}

/// Constitution Annotated (congress.gov), then LII.
function usconstLinks(k: ParsedKey & { scheme: "usconst" }): SourceLink[] {
  const annotated = (path: string): SourceLink => ({
    label: "Constitution Annotated",
    url: `https://constitution.congress.gov/browse/${path}/`,
    official: true,
  });
  if (k.preamble) return [annotated("preamble")];
  if (k.amendment) {
    const lii = liiAmendment(Number(k.amendment));
    const out = [annotated(`amendment-${k.amendment}`)];
    if (lii) out.push({ label: "Cornell LII", url: lii });
    return out;
  }
  let path = `article-${k.article}`;
  if (k.section) path += `/section-${k.section}`;
  if (k.clause) path += `/clause-${k.clause}`;
  return [
    annotated(path),
    {
      label: "Cornell LII",
      url: `https://www.law.cornell.edu/constitution/article${toRoman(Number(k.article)).toLowerCase()}`,
    },
  ];
}

/// UNHCR's and Refworld's pages of ExCom conclusions are addressed by a
/// database id or a title slug, never by the conclusion's number, so there is
/// no pattern: these are the pages found for each number (docs/legal-sources.md §3);
/// other conclusions have no link.
// biome-ignore format: compact table
const EXCOM_PAGES: Readonly<Record<string, string>> = {
  1: "https://www.refworld.org/policy/exconc/excom/1975/en/6537",
  2: "https://www.unhcr.org/ie/publications/functioning-sub-committee-and-general-conclusion-international-protection",
  3: "https://unhcr.org/asia/node/1022",
  4: "https://unhcr.org/node/1040",
  5: "https://www.unhcr.org/us/publications/asylum",
  6: "https://www.refworld.org/docid/3ae68c5a30.html",
  8: "https://www.unhcr.org/uk/publications/determination-refugee-status",
  11: "https://www.unhcr.org/asia/publications/general-conclusion-international-protection-18",
  14: "https://unhcr.org/us/publications/general-conclusion-international-protection-16",
  36: "https://www.unhcr.org/uk/publications/general-conclusion-international-protection-3",
  37: "https://www.unhcr.org/excom/exconc/3ae68c43b0/central-american-refugees-cartagena-declaration.html",
  41: "https://www.unhcr.org/in/publications/general-conclusion-international-protection-7",
};

/// The page of an ExCom conclusion, where its address is known.
function excomLinks(n: string): SourceLink[] {
  const url = EXCOM_PAGES[n];
  return url ? [{ label: new URL(url).hostname, url, official: true }] : [];
}

const instrumentLinks = (id: string): SourceLink[] =>
  instrumentById.get(id)!.urls.map((url) => ({ url, label: new URL(url).hostname }));

/// Labelled links for a key, most authoritative first. Unknown INA sections
/// link to the USCIS INA page; journals and state codes have none.
export function linksForKey(key: string): SourceLink[] {
  const k = parseKey(key);
  switch (k.scheme) {
    case "usc":
      if (k.appendix) {
        return [
          {
            label: "govinfo",
            url: `${GOVINFO}/uscode/${k.title}/${k.section}?type=uscappendix&link-type=html`,
            official: true,
          },
        ];
      }
      return uscLinks(k.title, k.section, k.subsections);
    case "usc-ch":
      return [
        {
          label: "U.S. Code (OLRC)",
          url: `https://uscode.house.gov/view.xhtml?path=/prelim@title${k.title}/chapter${k.chapter}&edition=prelim`,
          official: true,
        },
        {
          label: "Cornell LII",
          url: `https://www.law.cornell.edu/uscode/text/${k.title}/chapter-${k.chapter}`,
        },
      ];
    case "ina":
      return inaLinks(k);
    case "cfr":
      return cfrLinks(k);
    case "stat":
      return [
        {
          label: "govinfo (Statutes at Large)",
          url: `${GOVINFO}/statute/${k.volume}/${k.page}`,
          official: true,
        },
      ];
    case "pl":
      return plLinks(k);
    case "fr":
      return [
        { label: "govinfo", url: `${GOVINFO}/fr/${k.volume}/${k.page}`, official: true },
        {
          label: "FederalRegister.gov",
          url: `https://www.federalregister.gov/citation/${k.volume}-FR-${k.page}`,
        },
      ];
    case "usconst":
      return usconstLinks(k);
    case "case":
      // Tax Court memorandum and summary opinions: neither the court's site
      // nor govinfo has an address made from the year and number.
      if (!k.page || k.reporter === "WL" || k.reporter.includes("LEXIS")) return [];
      if (k.reporter === "T.C. Memo." || k.reporter === "T.C. Summ. Op.") return [];
      return [
        {
          label: "CourtListener",
          url: `https://www.courtlistener.com/c/${encodeURIComponent(k.reporter)}/${k.volume}/${k.page}/`,
        },
      ];
    case "journal":
    case "state":
      return [];
    case "treaty":
    case "softlaw":
      return instrumentLinks(`${k.scheme}/${k.instrument}`);
    case "mx":
      return instrumentLinks(`mx/${k.law}`);
    case "unhcr-excom":
      return excomLinks(k.number);
    case "id":
    case "supra":
      return linksForKey(k.target);
    default:
      return []; // a scheme with no publisher to link to
  }
}

/// The URLs of `linksForKey`, in its order.
export const urlsForKey = (key: string): string[] => linksForKey(key).map((l) => l.url);
