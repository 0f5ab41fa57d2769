import { linksForKey } from "@glossa/citations";
import type { Authority, SourceNote } from "../types.ts";

// Cases on the Migrant Protection Protocols and related immigration law,
// from docs/legal-sources.md §5. Reporter citations it marks [R] stay marked
// `recollection` until checked with CourtListener's citation lookup.
const LS = "docs/legal-sources.md";
const cite = (mark: SourceNote["mark"], note?: string): SourceNote => ({
  about: "citation",
  source: `${LS} §5 (related cases)`,
  mark,
  ...(note ? { note } : {}),
});

interface CaseFacts {
  key: string;
  caseName: string;
  court: string;
  parenthetical: string;
  date: string;
  summary?: string;
  equivalents?: string[];
  aliases?: string[];
  sources: SourceNote[];
}

function caseAuthority(f: CaseFacts): Authority {
  const [, volume, reporter, page] = f.key.split("/") as [string, string, string, string];
  return {
    key: f.key,
    kind: "case",
    title: f.caseName,
    caseName: f.caseName,
    court: f.court,
    canonical: `${f.caseName}, ${volume} ${reporter} ${page} (${f.parenthetical})`,
    jurisdiction: "us",
    date: f.date,
    urls: linksForKey(f.key),
    origin: "builtin",
    sources: [
      ...f.sources,
      { about: "CourtListener URL", source: `${LS} §3 (URL template)`, mark: "recollection" },
    ],
    ...(f.summary ? { summary: f.summary } : {}),
    ...(f.equivalents ? { equivalents: f.equivalents } : {}),
    ...(f.aliases ? { aliases: f.aliases } : {}),
  };
}

export const CASE_AUTHORITIES: Authority[] = [
  caseAuthority({
    key: "case/366/F. Supp. 3d/1110",
    caseName: "Innovation Law Lab v. Nielsen",
    court: "N.D. Cal.",
    parenthetical: "N.D. Cal. 2019",
    date: "2019",
    aliases: ["MPP", "Migrant Protection Protocols", "Remain in Mexico"],
    summary:
      "Preliminary injunction against the Migrant Protection Protocols (No. 3:19-cv-00807-RS, Seeborg, J.).",
    sources: [cite("recollection", "docket 3:19-cv-00807-RS verified; reporter cite not yet")],
  }),
  caseAuthority({
    key: "case/924/F.3d/503",
    caseName: "Innovation Law Lab v. McAleenan",
    court: "9th Cir.",
    parenthetical: "9th Cir. 2019",
    date: "2019-05-07",
    aliases: ["MPP", "Migrant Protection Protocols"],
    summary:
      "Motions panel stays the preliminary injunction pending appeal (No. 19-15716; per curiam).",
    sources: [
      cite("verified", "docket, date and panel verified"),
      cite("recollection", "reporter cite 924 F.3d 503"),
    ],
  }),
  caseAuthority({
    key: "case/951/F.3d/1073",
    caseName: "Innovation Law Lab v. Wolf",
    court: "9th Cir.",
    parenthetical: "9th Cir. 2020",
    date: "2020-02-28",
    aliases: ["MPP", "Migrant Protection Protocols", "Remain in Mexico"],
    summary:
      "Affirms the injunction: MPP is not authorised by § 1225(b)(2)(C) for those it covered and its non-refoulement procedures fall short (W. Fletcher, J.; Fernandez, J., dissenting).",
    sources: [cite("verified")],
  }),
  caseAuthority({
    key: "case/951/F.3d/986",
    caseName: "Innovation Law Lab v. Wolf",
    court: "9th Cir.",
    parenthetical: "9th Cir. 2020",
    date: "2020-03-04",
    summary: "Order limiting the injunction to the Ninth Circuit pending certiorari.",
    sources: [cite("recollection", "order text verified; reporter cite not yet")],
  }),
  caseAuthority({
    key: "case/140/S. Ct./1564",
    caseName: "Wolf v. Innovation Law Lab",
    court: "U.S.",
    parenthetical: "2020",
    date: "2020",
    summary: "The Supreme Court stays the injunction against MPP pending certiorari (mem.).",
    sources: [cite("recollection")],
  }),
  caseAuthority({
    key: "case/141/S. Ct./2842",
    caseName: "Mayorkas v. Innovation Law Lab",
    court: "U.S.",
    parenthetical: "2021",
    date: "2021",
    summary: "Judgment vacated as moot after the new administration suspended MPP (mem.).",
    sources: [cite("recollection")],
  }),
  caseAuthority({
    key: "case/591/U.S./103",
    caseName: "Department of Homeland Security v. Thuraissigiam",
    court: "U.S.",
    parenthetical: "2020",
    date: "2020-06-25",
    equivalents: ["case/140/S. Ct./1959"],
    aliases: ["Thuraissigiam", "DHS v. Thuraissigiam"],
    summary:
      "Limits due process for arriving aliens: an alien stopped shortly after crossing the border and placed in expedited removal has only the procedure Congress provided by statute, and the Suspension Clause does not require habeas review of a negative credible-fear finding.",
    sources: [
      {
        about: "citation, parallel cite 140 S. Ct. 1959 and decision date",
        source: "recollection (issue 17)",
        mark: "recollection",
      },
    ],
  }),
  caseAuthority({
    key: "case/597/U.S./785",
    caseName: "Biden v. Texas",
    court: "U.S.",
    parenthetical: "2022",
    date: "2022-06-30",
    equivalents: ["case/142/S. Ct./2528"],
    aliases: ["MPP termination", "Migrant Protection Protocols", "Remain in Mexico"],
    summary:
      "Holds that § 1225(b)(2)(C) is discretionary (“may return”), so the government could end MPP.",
    sources: [
      cite("recollection"),
      {
        about: "parallel cite 142 S. Ct. 2528 and decision date",
        source: "recollection",
        mark: "recollection",
      },
    ],
  }),
  caseAuthority({
    key: "case/27/I. & N. Dec./509",
    caseName: "Matter of M-S-",
    court: "A.G.",
    parenthetical: "A.G. 2019",
    date: "2019",
    summary:
      "Aliens transferred from expedited removal to full proceedings after a credible-fear finding are not eligible for bond; overrules Matter of X-K-.",
    sources: [cite("verified")],
  }),
  caseAuthority({
    key: "case/27/I. & N. Dec./476",
    caseName: "Matter of M-S-",
    court: "A.G.",
    parenthetical: "A.G. 2018",
    date: "2018",
    summary: "Attorney General's referral order in M-S-.",
    sources: [cite("verified")],
  }),
  caseAuthority({
    key: "case/23/I. & N. Dec./731",
    caseName: "Matter of X-K-",
    court: "BIA",
    parenthetical: "BIA 2005",
    date: "2005",
    summary: "Overruled by Matter of M-S-, 27 I. & N. Dec. 509 (A.G. 2019).",
    sources: [cite("verified")],
  }),
  caseAuthority({
    key: "case/27/I. & N. Dec./316",
    caseName: "Matter of A-B-",
    court: "A.G.",
    parenthetical: "A.G. 2018",
    date: "2018",
    sources: [cite("recollection")],
  }),
  caseAuthority({
    key: "case/583/U.S./281",
    caseName: "Jennings v. Rodriguez",
    court: "U.S.",
    parenthetical: "2018",
    date: "2018",
    equivalents: ["case/138/S. Ct./830"],
    summary: "Sections 1225(b) and 1226(c) do not implicitly limit detention to six months.",
    sources: [cite("verified")],
  }),
  caseAuthority({
    key: "case/889/F.3d/134",
    caseName: "Lara-Aguilar v. Sessions",
    court: "4th Cir.",
    parenthetical: "4th Cir. 2018",
    date: "2018",
    sources: [cite("verified")],
  }),
  caseAuthority({
    key: "case/467/U.S./407",
    caseName: "INS v. Stevic",
    court: "U.S.",
    parenthetical: "1984",
    date: "1984",
    aliases: ["non-refoulement", "withholding of deportation", "clear probability"],
    summary: "Withholding of deportation requires a clear probability of persecution.",
    sources: [cite("recollection")],
  }),
  caseAuthority({
    key: "case/480/U.S./421",
    caseName: "INS v. Cardoza-Fonseca",
    court: "U.S.",
    parenthetical: "1987",
    date: "1987",
    aliases: ["well-founded fear"],
    summary:
      "The asylum standard (well-founded fear) is more generous than the withholding standard.",
    sources: [cite("recollection")],
  }),
  caseAuthority({
    key: "case/509/U.S./155",
    caseName: "Sale v. Haitian Centers Council, Inc.",
    court: "U.S.",
    parenthetical: "1993",
    date: "1993",
    aliases: ["non-refoulement", "extraterritorial", "Haitian interdiction"],
    summary:
      "Neither INA § 243(h) nor art. 33 of the Refugee Convention applies to aliens interdicted on the high seas.",
    sources: [
      {
        about: "citation",
        source: "issue 3 (key example `case/509/U.S./155`); case name and year from recollection",
        mark: "recollection",
      },
    ],
  }),
];
