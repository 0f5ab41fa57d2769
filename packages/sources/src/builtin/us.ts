import { linksForKey } from "@glossa/citations";
import type { Authority, SourceNote } from "../types.ts";

// Facts come from Glossa's docs/legal-sources.md unless a note says otherwise.
// Statutory wording reproduced from memory is marked `recollection` so that
// counsel checks it against the OLRC text before relying on it.
const LS = "docs/legal-sources.md";
const crosswalk = (row: string, mark: SourceNote["mark"]): SourceNote => ({
  about: "INA ↔ 8 U.S.C. equivalence",
  source: `${LS} §1 crosswalk, row INA § ${row}`,
  mark,
});
const heading = (mark: SourceNote["mark"] = "recollection"): SourceNote => ({
  about: "section heading",
  source: "OLRC section heading (uscode.house.gov)",
  mark,
});
/// A stored text that tests/sources/provenance.test.ts compares word for word
/// with the OLRC's USLM XML (fixtures in tests/sources/fixtures/official).
const comparedText = (what: string): SourceNote => ({
  about: "text",
  source: `${what}, compared word for word with the U.S. Code as published by OLRC (USLM XML, release point 119-102)`,
  mark: "verified",
});

const us = { jurisdiction: "us", origin: "builtin" } as const;

export const US_AUTHORITIES: Authority[] = [
  {
    ...us,
    key: "stat/66/163",
    kind: "statute",
    title: "Immigration and Nationality Act",
    canonical:
      "Immigration and Nationality Act, ch. 477, 66 Stat. 163 (1952) (codified as amended at 8 U.S.C. §§ 1101–1537)",
    aliases: [
      "INA",
      "Immigration and Nationality Act of 1952",
      "Ley de Inmigración y Nacionalidad",
    ],
    date: "1952-06-27",
    urls: [
      {
        label: "USCIS: INA with U.S. Code table",
        url: "https://www.uscis.gov/laws-and-policy/legislation/immigration-and-nationality-act",
        official: true,
      },
      {
        label: "govinfo (Statutes at Large)",
        url: "https://www.govinfo.gov/link/statute/66/163",
        official: true,
      },
    ],
    summary:
      "The basic U.S. immigration statute; its sections are codified in Title 8 of the U.S. Code (INA § 235 = 8 U.S.C. § 1225).",
    sources: [
      {
        about: "citation",
        source: `${LS} §1 ("act June 27, 1952, ch. 477, 66 Stat. 163")`,
        mark: "verified",
      },
      { about: "date", source: "OLRC source credits on Title 8 sections", mark: "verified" },
    ],
  },
  {
    ...us,
    key: "usc/8/1101",
    kind: "statute",
    title: "Definitions",
    canonical: "8 U.S.C. § 1101",
    equivalents: ["ina/101"],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1101"),
    summary: "Definitions for the INA, including “refugee” in § 1101(a)(42).",
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Definitions",
      nodes: [
        {
          label: "a",
          children: [
            {
              label: "42",
              text: "The term “refugee” means",
              children: [
                {
                  label: "A",
                  text: "any person who is outside any country of such person's nationality or, in the case of a person having no nationality, is outside any country in which such person last habitually resided, and who is unable or unwilling to return to, and is unable or unwilling to avail himself or herself of the protection of, that country because of persecution or a well-founded fear of persecution on account of race, religion, nationality, membership in a particular social group, or political opinion, or",
                },
              ],
            },
          ],
        },
      ],
    },
    sources: [crosswalk("101", "verified"), comparedText("8 U.S.C. § 1101(a)(42)(A)")],
  },
  {
    ...us,
    key: "usc/8/1158",
    kind: "statute",
    title: "Asylum",
    canonical: "8 U.S.C. § 1158",
    equivalents: ["ina/208"],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1158"),
    summary:
      "Who may apply for asylum, the bars to applying (including the safe-third-country bar in (a)(2)(A)) and the conditions for a grant.",
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Asylum",
      nodes: [
        {
          label: "a",
          heading: "Authority to apply for asylum",
          children: [
            {
              label: "1",
              heading: "In general",
              text: "Any alien who is physically present in the United States or who arrives in the United States (whether or not at a designated port of arrival and including an alien who is brought to the United States after having been interdicted in international or United States waters), irrespective of such alien's status, may apply for asylum in accordance with this section or, where applicable, section 1225(b) of this title.",
            },
          ],
        },
      ],
    },
    sources: [
      crosswalk("208", "concordance"),
      heading("verified"),
      comparedText("8 U.S.C. § 1158(a)(1)"),
    ],
  },
  {
    ...us,
    key: "usc/8/1182",
    kind: "statute",
    title: "Inadmissible aliens",
    canonical: "8 U.S.C. § 1182",
    equivalents: ["ina/212"],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1182"),
    summary:
      "Grounds of inadmissibility (including (a)(6)(C) and (a)(7)) and, in (d)(5)(A), parole into the United States case by case for urgent humanitarian reasons or significant public benefit.",
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Inadmissible aliens",
      nodes: [
        {
          label: "d",
          children: [
            {
              label: "5",
              children: [
                {
                  label: "A",
                  text: "The Secretary of Homeland Security may, except as provided in subparagraph (B) or in section 1184(f) of this title, in his discretion parole into the United States temporarily under such conditions as he may prescribe only on a case-by-case basis for urgent humanitarian reasons or significant public benefit any alien applying for admission to the United States, but such parole of such alien shall not be regarded as an admission of the alien and when the purposes of such parole shall, in the opinion of the Secretary of Homeland Security, have been served the alien shall forthwith return or be returned to the custody from which he was paroled and thereafter his case shall continue to be dealt with in the same manner as that of any other applicant for admission to the United States.",
                },
              ],
            },
          ],
        },
      ],
    },
    sources: [crosswalk("212", "concordance"), comparedText("8 U.S.C. § 1182(d)(5)(A)")],
  },
  {
    ...us,
    key: "usc/8/1225",
    kind: "statute",
    title:
      "Inspection by immigration officers; expedited removal of inadmissible arriving aliens; referral for hearing",
    canonical: "8 U.S.C. § 1225",
    equivalents: ["ina/235"],
    aliases: [
      "contiguous territory return",
      "return to contiguous territory",
      "Remain in Mexico",
      "Migrant Protection Protocols",
      "MPP",
    ],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1225"),
    summary:
      "Inspection of applicants for admission, expedited removal, and in (b)(2)(C) the return of aliens arriving on land from a contiguous territory pending removal proceedings: the authority invoked for “Remain in Mexico” (the Migrant Protection Protocols).",
    text: {
      scope: "excerpt",
      lang: "en",
      heading:
        "Inspection by immigration officers; expedited removal of inadmissible arriving aliens; referral for hearing",
      nodes: [
        {
          label: "a",
          heading: "Inspection",
          children: [
            {
              label: "1",
              heading: "Aliens treated as applicants for admission",
              text: "An alien present in the United States who has not been admitted or who arrives in the United States (whether or not at a designated port of arrival and including an alien who is brought to the United States after having been interdicted in international or United States waters) shall be deemed for purposes of this chapter an applicant for admission.",
            },
          ],
        },
        {
          label: "b",
          heading: "Inspection of applicants for admission",
          children: [
            {
              label: "1",
              heading:
                "Inspection of aliens arriving in the United States and certain other aliens who have not been admitted or paroled",
            },
            {
              label: "2",
              heading: "Inspection of other aliens",
              children: [
                {
                  label: "A",
                  heading: "In general",
                  text: "Subject to subparagraphs (B) and (C), in the case of an alien who is an applicant for admission, if the examining immigration officer determines that an alien seeking admission is not clearly and beyond a doubt entitled to be admitted, the alien shall be detained for a proceeding under section 1229a of this title.",
                },
                {
                  label: "B",
                  heading: "Exception",
                  text: "Subparagraph (A) shall not apply to an alien—",
                  children: [
                    { label: "i", text: "who is a crewman," },
                    { label: "ii", text: "to whom paragraph (1) applies, or" },
                    { label: "iii", text: "who is a stowaway." },
                  ],
                },
                {
                  label: "C",
                  heading: "Treatment of aliens arriving from contiguous territory",
                  text: "In the case of an alien described in subparagraph (A) who is arriving on land (whether or not at a designated port of arrival) from a foreign territory contiguous to the United States, the Attorney General may return the alien to that territory pending a proceeding under section 1229a of this title.",
                },
              ],
            },
            { label: "3", heading: "Enforcement by attorney general of a state" },
            { label: "4", heading: "Challenge of decision" },
          ],
        },
        { label: "c", heading: "Removal of aliens inadmissible on security and related grounds" },
        { label: "d", heading: "Authority relating to inspections" },
      ],
    },
    sources: [
      crosswalk("235", "verified"),
      comparedText("8 U.S.C. § 1225(a)(1), (b)(2) and the subsection headings"),
      {
        about: "Attorney General functions",
        source: `${LS} §2: exercised by the Secretary of Homeland Security (6 U.S.C. §§ 202, 251, 557)`,
        mark: "recollection",
      },
    ],
  },
  {
    ...us,
    key: "usc/8/1226",
    kind: "statute",
    title: "Apprehension and detention of aliens",
    canonical: "8 U.S.C. § 1226",
    equivalents: ["ina/236"],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1226"),
    summary:
      "Arrest and detention pending a removal decision; (a) discretionary detention and bond, (c) mandatory detention.",
    sources: [crosswalk("236", "concordance")],
  },
  {
    ...us,
    key: "usc/8/1229a",
    kind: "statute",
    title: "Removal proceedings",
    canonical: "8 U.S.C. § 1229a",
    equivalents: ["ina/240"],
    aliases: ["section 240 proceedings", "removal proceedings before an immigration judge"],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1229a"),
    summary:
      "Removal proceedings before an immigration judge, including the alien's rights in the proceeding (counsel, evidence, cross-examination) in (b)(4).",
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Removal proceedings",
      nodes: [
        {
          label: "a",
          heading: "Proceeding",
          children: [
            {
              label: "1",
              heading: "In general",
              text: "An immigration judge shall conduct proceedings for deciding the inadmissibility or deportability of an alien.",
            },
          ],
        },
      ],
    },
    sources: [crosswalk("240", "verified"), comparedText("8 U.S.C. § 1229a(a)(1)")],
  },
  {
    ...us,
    key: "usc/8/1231",
    kind: "statute",
    title: "Detention and removal of aliens ordered removed",
    canonical: "8 U.S.C. § 1231",
    equivalents: ["ina/241"],
    aliases: ["withholding of removal", "statutory withholding", "restriction on removal"],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1231"),
    summary:
      "Detention and removal after a final order; (b)(3) forbids removal to a country where the alien's life or freedom would be threatened on a protected ground — the statutory form of non-refoulement (withholding of removal).",
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Detention and removal of aliens ordered removed",
      nodes: [
        {
          label: "b",
          heading: "Countries to which aliens may be removed",
          children: [
            {
              label: "3",
              heading:
                "Restriction on removal to a country where alien's life or freedom would be threatened",
              children: [
                {
                  label: "A",
                  heading: "In general",
                  text: "Notwithstanding paragraphs (1) and (2), the Attorney General may not remove an alien to a country if the Attorney General decides that the alien's life or freedom would be threatened in that country because of the alien's race, religion, nationality, membership in a particular social group, or political opinion.",
                },
              ],
            },
          ],
        },
      ],
    },
    sources: [
      crosswalk("241", "concordance"),
      heading("verified"),
      comparedText("8 U.S.C. § 1231(b)(3)(A)"),
    ],
  },
  {
    ...us,
    key: "usc/8/1231/note",
    kind: "statute",
    title:
      "Foreign Affairs Reform and Restructuring Act of 1998, § 2242 (implementation of the Convention Against Torture)",
    canonical:
      "Foreign Affairs Reform and Restructuring Act of 1998, Pub. L. No. 105-277, div. G, § 2242, 112 Stat. 2681-761, 2681-822 (codified at 8 U.S.C. § 1231 note)",
    equivalents: ["pl/105/277/div-G/2242", "stat/112/2681-761"],
    aliases: ["FARRA", "FARRA § 2242", "CAT implementation"],
    date: "1998-10-21",
    urls: [
      { label: "Cornell LII (notes)", url: "https://www.law.cornell.edu/uscode/text/8/1231" },
      ...linksForKey("usc/8/1231").filter((l) => l.official),
    ],
    summary:
      "Makes it U.S. policy not to return anyone to a country where there are substantial grounds for believing they would be in danger of torture, and directs agencies to implement CAT art. 3 by regulation.",
    text: {
      scope: "excerpt",
      lang: "en",
      nodes: [
        {
          label: "a",
          heading: "Policy",
          text: "It shall be the policy of the United States not to expel, extradite, or otherwise effect the involuntary return of any person to a country in which there are substantial grounds for believing the person would be in danger of being subjected to torture, regardless of whether the person is physically present in the United States.",
        },
      ],
    },
    sources: [
      { about: "citation", source: `${LS} §4 (U.S. law table)`, mark: "recollection" },
      { about: "date", source: "enactment date of Pub. L. No. 105-277", mark: "recollection" },
      comparedText("FARRA § 2242(a), as printed in the note to 8 U.S.C. § 1231"),
    ],
  },
  {
    ...us,
    key: "usc/8/1362",
    kind: "statute",
    title: "Right to counsel",
    canonical: "8 U.S.C. § 1362",
    equivalents: ["ina/292"],
    parent: "stat/66/163",
    urls: linksForKey("usc/8/1362"),
    summary:
      "The privilege of being represented in removal proceedings by counsel of one’s choice, at no expense to the Government: the statute gives no right to appointed or government-funded counsel.",
    text: {
      scope: "full",
      lang: "en",
      heading: "Right to counsel",
      intro:
        "In any removal proceedings before an immigration judge and in any appeal proceedings before the Attorney General from any such removal proceedings, the person concerned shall have the privilege of being represented (at no expense to the Government) by such counsel, authorized to practice in such proceedings, as he shall choose.",
      nodes: [],
    },
    sources: [crosswalk("292", "concordance"), comparedText("8 U.S.C. § 1362")],
  },
  {
    ...us,
    key: "pl/104/208",
    kind: "statute",
    title: "Illegal Immigration Reform and Immigrant Responsibility Act of 1996",
    canonical:
      "Illegal Immigration Reform and Immigrant Responsibility Act of 1996, Pub. L. No. 104-208, div. C, 110 Stat. 3009-546",
    equivalents: ["stat/110/3009-546"],
    aliases: ["IIRIRA"],
    date: "1996-09-30",
    urls: [...linksForKey("pl/104/208"), ...linksForKey("stat/110/3009-546")],
    summary:
      "Section 302 enacted INA § 235(b)(2)(C), the contiguous-territory return provision (110 Stat. 3009-583).",
    sources: [
      { about: "citation", source: `${LS} §4 (U.S. law table)`, mark: "verified" },
      { about: "date", source: "enactment date of Pub. L. No. 104-208", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "pl/96/212",
    kind: "statute",
    title: "Refugee Act of 1980",
    canonical: "Refugee Act of 1980, Pub. L. No. 96-212, 94 Stat. 102",
    equivalents: ["stat/94/102"],
    date: "1980-03-17",
    urls: [...linksForKey("pl/96/212"), ...linksForKey("stat/94/102")],
    summary:
      "Brought the U.S. definition of refugee and the duty of non-return into line with the 1967 Protocol (INA §§ 101(a)(42), 207, 208, 243(h), now 241(b)(3)).",
    sources: [
      { about: "citation", source: `${LS} §4 (U.S. law table)`, mark: "recollection" },
      { about: "date", source: "enactment date", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "usconst/amendment-5",
    kind: "constitution",
    title: "Fifth Amendment (due process)",
    canonical: "U.S. Const. amend. V",
    aliases: ["Fifth Amendment", "Due Process Clause"],
    date: "1791-12-15",
    urls: [
      {
        label: "Constitution Annotated",
        url: "https://constitution.congress.gov/constitution/amendment-5/",
        official: true,
      },
      { label: "Cornell LII", url: "https://www.law.cornell.edu/constitution/fifth_amendment" },
    ],
    text: {
      scope: "full",
      lang: "en",
      intro:
        "No person shall be held to answer for a capital, or otherwise infamous crime, unless on a presentment or indictment of a Grand Jury, except in cases arising in the land or naval forces, or in the Militia, when in actual service in time of War or public danger; nor shall any person be subject for the same offence to be twice put in jeopardy of life or limb; nor shall be compelled in any criminal case to be a witness against himself, nor be deprived of life, liberty, or property, without due process of law; nor shall private property be taken for public use, without just compensation.",
      nodes: [],
    },
    sources: [
      {
        about: "text",
        source: "U.S. Constitution, amend. V (public domain)",
        mark: "recollection",
      },
      {
        about: "urls",
        source: "constitution.congress.gov, law.cornell.edu URL patterns",
        mark: "recollection",
      },
      { about: "key", source: "issue 3 key scheme (`usconst/amendment-5`)", mark: "verified" },
    ],
  },
  {
    ...us,
    key: "cfr/8/208.16",
    kind: "regulation",
    title:
      "Withholding of removal under section 241(b)(3)(B) of the Act and withholding of removal under the Convention Against Torture",
    canonical: "8 C.F.R. § 208.16",
    aliases: ["withholding of removal", "CAT withholding"],
    urls: linksForKey("cfr/8/208.16"),
    summary:
      "How asylum officers and immigration judges decide statutory withholding (INA § 241(b)(3)) and withholding under the Convention Against Torture; burden “more likely than not”.",
    text: {
      scope: "excerpt",
      lang: "en",
      nodes: [
        { label: "a", heading: "Consideration of application for withholding of removal" },
        {
          label: "b",
          heading:
            "Eligibility for withholding of removal under section 241(b)(3) of the Act; burden of proof",
        },
        {
          label: "c",
          heading: "Eligibility for withholding of removal under the Convention Against Torture",
          children: [
            {
              label: "2",
              text: "The burden of proof is on the applicant for withholding of removal under this paragraph to establish that it is more likely than not that he or she would be tortured if removed to the proposed country of removal. The testimony of the applicant, if credible, may be sufficient to sustain the burden of proof without corroboration.",
            },
          ],
        },
      ],
    },
    sources: [
      { about: "citation and role", source: `${LS} §4 (regulations row)`, mark: "verified" },
      {
        about: "heading and text",
        source: "8 C.F.R. § 208.16 (eCFR)",
        mark: "recollection",
        note: "check against eCFR",
      },
    ],
  },
  {
    ...us,
    key: "cfr/8/208.17",
    kind: "regulation",
    title: "Deferral of removal under the Convention Against Torture",
    canonical: "8 C.F.R. § 208.17",
    aliases: ["CAT deferral"],
    urls: linksForKey("cfr/8/208.17"),
    sources: [
      { about: "citation and role", source: `${LS} §4 (regulations row)`, mark: "verified" },
      { about: "heading", source: "8 C.F.R. § 208.17 (eCFR)", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "cfr/8/208.18",
    kind: "regulation",
    title: "Implementation of the Convention Against Torture",
    canonical: "8 C.F.R. § 208.18",
    aliases: ["definition of torture"],
    urls: linksForKey("cfr/8/208.18"),
    summary: "Defines torture for CAT protection and sets out how CAT claims are implemented.",
    sources: [
      { about: "citation and role", source: `${LS} §4 (regulations row)`, mark: "verified" },
      { about: "heading", source: "8 C.F.R. § 208.18 (eCFR)", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "cfr/8/1208.16",
    kind: "regulation",
    title:
      "Withholding of removal under section 241(b)(3)(B) of the Act and withholding of removal under the Convention Against Torture",
    canonical: "8 C.F.R. § 1208.16",
    aliases: ["withholding of removal (immigration court)", "CAT withholding (immigration court)"],
    urls: linksForKey("cfr/8/1208.16"),
    summary:
      "The immigration-court rule on statutory withholding (INA § 241(b)(3)) and withholding under the Convention Against Torture, applied by immigration judges and the Board of Immigration Appeals; twin of 8 C.F.R. § 208.16.",
    sources: [
      {
        about: "citation and role",
        source: "8 C.F.R. pt. 1208 (EOIR's copy of pt. 208 for immigration judges and the BIA)",
        mark: "recollection",
        note: "issue 17: the immigration-court version of the CAT rules",
      },
      { about: "heading", source: "8 C.F.R. § 1208.16 (eCFR)", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "cfr/8/1208.17",
    kind: "regulation",
    title: "Deferral of removal under the Convention Against Torture",
    canonical: "8 C.F.R. § 1208.17",
    aliases: ["CAT deferral (immigration court)"],
    urls: linksForKey("cfr/8/1208.17"),
    summary:
      "Deferral of removal under the Convention Against Torture before immigration judges, for those barred from withholding; twin of 8 C.F.R. § 208.17.",
    sources: [
      {
        about: "citation and role",
        source: "8 C.F.R. pt. 1208 (EOIR's copy of pt. 208 for immigration judges and the BIA)",
        mark: "recollection",
        note: "issue 17: the immigration-court version of the CAT rules",
      },
      { about: "heading", source: "8 C.F.R. § 1208.17 (eCFR)", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "cfr/8/1208.18",
    kind: "regulation",
    title: "Implementation of the Convention Against Torture",
    canonical: "8 C.F.R. § 1208.18",
    aliases: ["definition of torture (immigration court)"],
    urls: linksForKey("cfr/8/1208.18"),
    summary:
      "The definition of torture and the implementation of CAT claims in immigration court; twin of 8 C.F.R. § 208.18.",
    sources: [
      {
        about: "citation and role",
        source: "8 C.F.R. pt. 1208 (EOIR's copy of pt. 208 for immigration judges and the BIA)",
        mark: "recollection",
        note: "issue 17: the immigration-court version of the CAT rules",
      },
      { about: "heading", source: "8 C.F.R. § 1208.18 (eCFR)", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "cfr/8/208.30",
    kind: "regulation",
    title: "Credible fear determinations",
    canonical: "8 C.F.R. § 208.30",
    aliases: ["credible fear"],
    urls: linksForKey("cfr/8/208.30"),
    summary: "Credible fear screening of applicants for admission placed in expedited removal.",
    sources: [
      {
        about: "citation",
        source: `${LS} §4 (regulations row; § 208.30(f) cited in Matter of M-S-)`,
        mark: "verified",
      },
      {
        about: "title",
        source: "short title; the official heading has been amended several times",
        mark: "recollection",
      },
    ],
  },
  {
    ...us,
    key: "cfr/8/235.3",
    kind: "regulation",
    title: "Inadmissible aliens and expedited removal",
    canonical: "8 C.F.R. § 235.3",
    urls: linksForKey("cfr/8/235.3"),
    summary:
      "DHS procedure for expedited removal and for inadmissible arriving aliens under INA § 235.",
    sources: [{ about: "heading", source: "8 C.F.R. § 235.3 (eCFR)", mark: "recollection" }],
  },
  {
    ...us,
    key: "cfr/8/1003.1",
    kind: "regulation",
    title: "Organization, jurisdiction, and powers of the Board of Immigration Appeals",
    canonical: "8 C.F.R. § 1003.1",
    aliases: ["Attorney General referral", "certification to the Attorney General"],
    urls: linksForKey("cfr/8/1003.1"),
    summary:
      "The Board of Immigration Appeals; (h)(1)(i) lets the Attorney General review Board decisions on referral.",
    sources: [
      {
        about: "citation",
        source: `${LS} §4 (§ 1003.1(h)(1)(i) cited in Matter of M-S-)`,
        mark: "verified",
      },
      { about: "heading", source: "8 C.F.R. § 1003.1 (eCFR)", mark: "recollection" },
    ],
  },
  {
    ...us,
    key: "fr/82/8793",
    kind: "other",
    title: "Executive Order 13767: Border Security and Immigration Enforcement Improvements",
    canonical: "Exec. Order No. 13,767, 82 Fed. Reg. 8793 (Jan. 30, 2017)",
    aliases: ["EO 13767", "Executive Order 13767", "Return to Territory"],
    date: "2017-01-25",
    urls: [
      {
        label: "govinfo (Federal Register)",
        url: "https://www.govinfo.gov/link/fr/82/8793",
        official: true,
      },
      {
        label: "govinfo (executive order)",
        url: "https://www.govinfo.gov/link/cpd/executiveorder/13767",
        official: true,
      },
    ],
    summary:
      "Section 7 (“Return to Territory”) directs use of INA § 235(b)(2)(C) to return aliens to the contiguous territory they arrived from.",
    sources: [
      { about: "§ 7 text and citation", source: `${LS} §4 (U.S. law table)`, mark: "verified" },
      {
        about: "page numbers, title and signing date",
        source: `${LS} §4; recollection`,
        mark: "recollection",
      },
    ],
  },
  {
    ...us,
    key: "doc/dhs/mpp-guidance-2019-01-25",
    kind: "other",
    title: "Policy Guidance for Implementation of the Migrant Protection Protocols",
    canonical:
      "Memorandum from Kirstjen M. Nielsen, Sec'y of Homeland Sec., Policy Guidance for Implementation of the Migrant Protection Protocols (Jan. 25, 2019)",
    aliases: ["MPP", "Migrant Protection Protocols", "Remain in Mexico"],
    date: "2019-01-25",
    urls: [
      {
        label: "DHS (memorandum of Jan. 25, 2019, PDF)",
        url: "https://www.dhs.gov/sites/default/files/publications/19_0129_OPA_migrant-protection-protocols-policy-guidance.pdf",
        official: true,
      },
    ],
    summary:
      "Secretary Nielsen's memorandum of January 25, 2019 implementing the Migrant Protection Protocols. DHS announced the Protocols the day before in a press release (January 24, 2019), a different document.",
    sources: [
      { about: "citation", source: `${LS} §4 (U.S. law table)`, mark: "recollection" },
      {
        about: "URL",
        source: "DHS publication of the January 25, 2019 memorandum",
        mark: "recollection",
        note: "issue 17: the previous link was the January 24, 2019 press release, not the memorandum; not link-checked from this machine",
      },
    ],
  },
];
