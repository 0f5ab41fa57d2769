import type { Authority, SourceNote } from "../types.ts";

// Treaty texts are the authentic English texts as published by the UN
// (OHCHR) and the OAS; they are reproduced from memory of those texts and
// marked `recollection` until checked against the linked publications.
const LS = "docs/legal-sources.md";
const recalled = (what: string, where: string): SourceNote => ({
  about: "text",
  source: `${what}, English text as published by ${where}`,
  mark: "recollection",
  note: "check wording against the linked official text before quoting",
});
const intl = { jurisdiction: "intl", origin: "builtin" } as const;
const oas = { jurisdiction: "inter-american", origin: "builtin" } as const;

const REFUGEE_CONVENTION_URLS = [
  {
    label: "OHCHR",
    url: "https://www.ohchr.org/en/instruments-mechanisms/instruments/convention-relating-status-refugees",
    official: true,
  },
  { label: "Refworld", url: "https://www.refworld.org/docid/3be01b964.html" },
];
const PROTOCOL_URLS = [
  {
    label: "OHCHR",
    url: "https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-relating-status-refugees",
    official: true,
  },
  { label: "Refworld", url: "https://www.refworld.org/docid/3ae6b3ae4.html" },
];
const CAT_URLS = [
  {
    label: "OHCHR",
    url: "https://www.ohchr.org/en/instruments-mechanisms/instruments/convention-against-torture-and-other-cruel-inhuman-or-degrading",
    official: true,
  },
  { label: "Refworld", url: "https://www.refworld.org/docid/3ae6b3a94.html" },
];
const ICCPR_URLS = [
  {
    label: "OHCHR",
    url: "https://www.ohchr.org/en/instruments-mechanisms/instruments/international-covenant-civil-and-political-rights",
    official: true,
  },
  { label: "Refworld", url: "https://www.refworld.org/docid/3ae6b3aa0.html" },
];
const ACHR_URLS = [
  {
    label: "OAS (English)",
    url: "https://www.oas.org/dil/treaties_B-32_American_Convention_on_Human_Rights.htm",
    official: true,
  },
  {
    label: "OEA (español)",
    url: "https://www.oas.org/dil/esp/tratados_B-32_Convencion_Americana_sobre_Derechos_Humanos.htm",
    official: true,
    lang: "es",
  },
];

const citeMark = (row: string): SourceNote => ({
  about: "citation and URLs",
  source: `${LS} §4 (international instruments, ${row})`,
  mark: "recollection",
});

export const INTL_AUTHORITIES: Authority[] = [
  {
    ...intl,
    key: "treaty/refugee-convention-1951",
    kind: "treaty",
    title: "Convention Relating to the Status of Refugees",
    canonical: "Convention Relating to the Status of Refugees, July 28, 1951, 189 U.N.T.S. 150",
    aliases: [
      "1951 Refugee Convention",
      "Refugee Convention",
      "Geneva Convention on refugees",
      "Convención sobre el Estatuto de los Refugiados",
      "Convención de 1951",
    ],
    date: "1951-07-28",
    urls: REFUGEE_CONVENTION_URLS,
    summary:
      "Defines who is a refugee and the rights refugees hold; art. 33 forbids refoulement. Mexico acceded in 2000; the United States is bound through the 1967 Protocol.",
    sources: [
      citeMark("Refugee Convention row"),
      {
        about: "Mexico's accession (2000)",
        source: `${LS} §4 (news quoting art. 33)`,
        mark: "verified",
      },
    ],
  },
  {
    ...intl,
    key: "treaty/refugee-convention-1951/art-1",
    kind: "treaty",
    title: "Refugee Convention art. 1 (definition of the term “refugee”)",
    canonical:
      "Convention Relating to the Status of Refugees art. 1, July 28, 1951, 189 U.N.T.S. 150",
    parent: "treaty/refugee-convention-1951",
    date: "1951-07-28",
    urls: REFUGEE_CONVENTION_URLS,
    summary:
      "The refugee definition: a well-founded fear of persecution for reasons of race, religion, nationality, membership of a particular social group or political opinion.",
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Definition of the Term “Refugee”",
      nodes: [
        {
          label: "A",
          marker: "A.",
          text: "For the purposes of the present Convention, the term “refugee” shall apply to any person who:",
          children: [
            {
              label: "2",
              text: "As a result of events occurring before 1 January 1951 and owing to well-founded fear of being persecuted for reasons of race, religion, nationality, membership of a particular social group or political opinion, is outside the country of his nationality and is unable or, owing to such fear, is unwilling to avail himself of the protection of that country; or who, not having a nationality and being outside the country of his former habitual residence as a result of such events, is unable or, owing to such fear, is unwilling to return to it.",
            },
          ],
        },
      ],
    },
    sources: [citeMark("Refugee Convention row"), recalled("Art. 1A(2)", "the UN")],
  },
  {
    ...intl,
    key: "treaty/refugee-convention-1951/art-33",
    kind: "treaty",
    title: "Refugee Convention art. 33 (prohibition of expulsion or return, “refoulement”)",
    canonical:
      "Convention Relating to the Status of Refugees art. 33, July 28, 1951, 189 U.N.T.S. 150",
    aliases: ["non-refoulement", "principle of non-refoulement"],
    parent: "treaty/refugee-convention-1951",
    date: "1951-07-28",
    urls: REFUGEE_CONVENTION_URLS,
    text: {
      scope: "full",
      lang: "en",
      heading: "Prohibition of expulsion or return (“refoulement”)",
      nodes: [
        {
          label: "1",
          marker: "1.",
          text: "No Contracting State shall expel or return (“refouler”) a refugee in any manner whatsoever to the frontiers of territories where his life or freedom would be threatened on account of his race, religion, nationality, membership of a particular social group or political opinion.",
        },
        {
          label: "2",
          marker: "2.",
          text: "The benefit of the present provision may not, however, be claimed by a refugee whom there are reasonable grounds for regarding as a danger to the security of the country in which he is, or who, having been convicted by a final judgment of a particularly serious crime, constitutes a danger to the community of that country.",
        },
      ],
    },
    sources: [citeMark("Refugee Convention row"), recalled("Art. 33", "the UN")],
  },
  {
    ...intl,
    key: "treaty/refugee-protocol-1967",
    kind: "treaty",
    title: "Protocol Relating to the Status of Refugees",
    canonical:
      "Protocol Relating to the Status of Refugees, Jan. 31, 1967, 19 U.S.T. 6223, 606 U.N.T.S. 267",
    aliases: [
      "1967 Protocol",
      "Refugee Protocol",
      "Protocolo sobre el Estatuto de los Refugiados",
      "Protocolo de 1967",
    ],
    date: "1967-01-31",
    urls: PROTOCOL_URLS,
    summary:
      "Removes the 1951 Convention's time limit; through art. I(1) it binds parties (including the United States) to Convention arts. 2–34, and so to art. 33.",
    sources: [citeMark("1967 Protocol row")],
  },
  {
    ...intl,
    key: "treaty/refugee-protocol-1967/art-1",
    kind: "treaty",
    title: "Refugee Protocol art. I (general provision)",
    canonical:
      "Protocol Relating to the Status of Refugees art. I, Jan. 31, 1967, 19 U.S.T. 6223, 606 U.N.T.S. 267",
    parent: "treaty/refugee-protocol-1967",
    date: "1967-01-31",
    urls: PROTOCOL_URLS,
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "General provision",
      nodes: [
        {
          label: "1",
          marker: "1.",
          text: "The States Parties to the present Protocol undertake to apply articles 2 to 34 inclusive of the Convention to refugees as hereinafter defined.",
        },
      ],
    },
    sources: [
      citeMark("1967 Protocol row"),
      {
        about: "effect of art. I(1)",
        source: `${LS} §4 (“art. I(1) incorporates Convention arts. 2–34”)`,
        mark: "recollection",
      },
      recalled("Art. I(1)", "the UN"),
    ],
  },
  {
    ...intl,
    key: "treaty/cat-1984",
    kind: "treaty",
    title:
      "Convention Against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
    canonical:
      "Convention Against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment, Dec. 10, 1984, S. Treaty Doc. No. 100-20, 1465 U.N.T.S. 85",
    aliases: ["Convention Against Torture", "CAT", "Convención contra la Tortura"],
    date: "1984-12-10",
    urls: CAT_URLS,
    summary:
      "Art. 3 forbids returning anyone to a State where there are substantial grounds for believing they would be in danger of torture; implemented in U.S. law by FARRA § 2242 and 8 C.F.R. §§ 208.16–.18.",
    sources: [citeMark("CAT row")],
  },
  {
    ...intl,
    key: "treaty/cat-1984/art-3",
    kind: "treaty",
    title: "Convention Against Torture art. 3 (no return to torture)",
    canonical:
      "Convention Against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment art. 3, Dec. 10, 1984, S. Treaty Doc. No. 100-20, 1465 U.N.T.S. 85",
    aliases: ["non-refoulement", "CAT non-refoulement"],
    parent: "treaty/cat-1984",
    date: "1984-12-10",
    urls: CAT_URLS,
    text: {
      scope: "full",
      lang: "en",
      nodes: [
        {
          label: "1",
          marker: "1.",
          text: "No State Party shall expel, return (“refouler”) or extradite a person to another State where there are substantial grounds for believing that he would be in danger of being subjected to torture.",
        },
        {
          label: "2",
          marker: "2.",
          text: "For the purpose of determining whether there are such grounds, the competent authorities shall take into account all relevant considerations including, where applicable, the existence in the State concerned of a consistent pattern of gross, flagrant or mass violations of human rights.",
        },
      ],
    },
    sources: [citeMark("CAT row"), recalled("Art. 3", "the UN")],
  },
  {
    ...intl,
    key: "treaty/iccpr-1966",
    kind: "treaty",
    title: "International Covenant on Civil and Political Rights",
    canonical:
      "International Covenant on Civil and Political Rights, Dec. 16, 1966, S. Exec. Doc. E, 95-2 (1978), 999 U.N.T.S. 171",
    aliases: ["ICCPR", "Pacto Internacional de Derechos Civiles y Políticos"],
    date: "1966-12-16",
    urls: ICCPR_URLS,
    sources: [citeMark("ICCPR row")],
  },
  {
    ...intl,
    key: "treaty/iccpr-1966/art-7",
    kind: "treaty",
    title: "ICCPR art. 7 (torture and cruel, inhuman or degrading treatment)",
    canonical:
      "International Covenant on Civil and Political Rights art. 7, Dec. 16, 1966, S. Exec. Doc. E, 95-2 (1978), 999 U.N.T.S. 171",
    parent: "treaty/iccpr-1966",
    date: "1966-12-16",
    urls: ICCPR_URLS,
    text: {
      scope: "full",
      lang: "en",
      intro:
        "No one shall be subjected to torture or to cruel, inhuman or degrading treatment or punishment. In particular, no one shall be subjected without his free consent to medical or scientific experimentation.",
      nodes: [],
    },
    sources: [citeMark("ICCPR row"), recalled("Art. 7", "the UN")],
  },
  {
    ...intl,
    key: "treaty/iccpr-1966/art-13",
    kind: "treaty",
    title: "ICCPR art. 13 (expulsion of aliens)",
    canonical:
      "International Covenant on Civil and Political Rights art. 13, Dec. 16, 1966, S. Exec. Doc. E, 95-2 (1978), 999 U.N.T.S. 171",
    parent: "treaty/iccpr-1966",
    date: "1966-12-16",
    urls: ICCPR_URLS,
    text: {
      scope: "full",
      lang: "en",
      intro:
        "An alien lawfully in the territory of a State Party to the present Covenant may be expelled therefrom only in pursuance of a decision reached in accordance with law and shall, except where compelling reasons of national security otherwise require, be allowed to submit the reasons against his expulsion and to have his case reviewed by, and be represented for the purpose before, the competent authority or a person or persons especially designated by the competent authority.",
      nodes: [],
    },
    sources: [citeMark("ICCPR row (arts. 13, 14, 17, 23)"), recalled("Art. 13", "the UN")],
  },
  {
    ...intl,
    key: "treaty/iccpr-1966/art-14",
    kind: "treaty",
    title: "ICCPR art. 14 (equality before courts; fair hearing)",
    canonical:
      "International Covenant on Civil and Political Rights art. 14, Dec. 16, 1966, S. Exec. Doc. E, 95-2 (1978), 999 U.N.T.S. 171",
    parent: "treaty/iccpr-1966",
    date: "1966-12-16",
    urls: ICCPR_URLS,
    summary: "Equality before courts and tribunals and the right to a fair and public hearing.",
    sources: [citeMark("ICCPR row (arts. 13, 14, 17, 23)")],
  },
  {
    ...intl,
    key: "treaty/iccpr-1966/art-17",
    kind: "treaty",
    title: "ICCPR art. 17 (privacy, family, home)",
    canonical:
      "International Covenant on Civil and Political Rights art. 17, Dec. 16, 1966, S. Exec. Doc. E, 95-2 (1978), 999 U.N.T.S. 171",
    parent: "treaty/iccpr-1966",
    date: "1966-12-16",
    urls: ICCPR_URLS,
    text: {
      scope: "full",
      lang: "en",
      nodes: [
        {
          label: "1",
          marker: "1.",
          text: "No one shall be subjected to arbitrary or unlawful interference with his privacy, family, home or correspondence, nor to unlawful attacks on his honour and reputation.",
        },
        {
          label: "2",
          marker: "2.",
          text: "Everyone has the right to the protection of the law against such interference or attacks.",
        },
      ],
    },
    sources: [citeMark("ICCPR row (arts. 13, 14, 17, 23)"), recalled("Art. 17", "the UN")],
  },
  {
    ...intl,
    key: "treaty/iccpr-1966/art-23",
    kind: "treaty",
    title: "ICCPR art. 23 (protection of the family)",
    canonical:
      "International Covenant on Civil and Political Rights art. 23, Dec. 16, 1966, S. Exec. Doc. E, 95-2 (1978), 999 U.N.T.S. 171",
    parent: "treaty/iccpr-1966",
    date: "1966-12-16",
    urls: ICCPR_URLS,
    text: {
      scope: "full",
      lang: "en",
      nodes: [
        {
          label: "1",
          marker: "1.",
          text: "The family is the natural and fundamental group unit of society and is entitled to protection by society and the State.",
        },
        {
          label: "2",
          marker: "2.",
          text: "The right of men and women of marriageable age to marry and to found a family shall be recognized.",
        },
        {
          label: "3",
          marker: "3.",
          text: "No marriage shall be entered into without the free and full consent of the intending spouses.",
        },
        {
          label: "4",
          marker: "4.",
          text: "States Parties to the present Covenant shall take appropriate steps to ensure equality of rights and responsibilities of spouses as to marriage, during marriage and at its dissolution. In the case of dissolution, provision shall be made for the necessary protection of any children.",
        },
      ],
    },
    sources: [citeMark("ICCPR row (arts. 13, 14, 17, 23)"), recalled("Art. 23", "the UN")],
  },
  {
    ...oas,
    key: "treaty/achr-1969",
    kind: "treaty",
    title: "American Convention on Human Rights",
    canonical:
      "American Convention on Human Rights, Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
    aliases: [
      "ACHR",
      "Pact of San José",
      "Pacto de San José",
      "Convención Americana sobre Derechos Humanos",
    ],
    date: "1969-11-22",
    urls: ACHR_URLS,
    summary: "Mexico is a party; the United States has signed but not ratified.",
    sources: [citeMark("American Convention row")],
  },
  {
    ...oas,
    key: "treaty/achr-1969/art-8",
    kind: "treaty",
    title: "American Convention art. 8 (right to a fair trial; judicial guarantees)",
    canonical:
      "American Convention on Human Rights art. 8, Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
    aliases: ["garantías judiciales"],
    parent: "treaty/achr-1969",
    date: "1969-11-22",
    urls: ACHR_URLS,
    summary:
      "A hearing with due guarantees, within a reasonable time, by a competent, independent and impartial tribunal.",
    sources: [citeMark("American Convention row (art. 8 judicial guarantees)")],
  },
  {
    ...oas,
    key: "treaty/achr-1969/art-17",
    kind: "treaty",
    title: "American Convention art. 17 (rights of the family)",
    canonical:
      "American Convention on Human Rights art. 17, Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
    aliases: ["protección a la familia"],
    parent: "treaty/achr-1969",
    date: "1969-11-22",
    urls: ACHR_URLS,
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Rights of the Family",
      nodes: [
        {
          label: "1",
          marker: "1.",
          text: "The family is the natural and fundamental group unit of society and is entitled to protection by society and the state.",
        },
      ],
    },
    sources: [
      citeMark("American Convention row (art. 17 family)"),
      recalled("Art. 17(1)", "the OAS"),
    ],
  },
  {
    ...oas,
    key: "treaty/achr-1969/art-22",
    kind: "treaty",
    title:
      "American Convention art. 22 (freedom of movement and residence; asylum; non-refoulement)",
    canonical:
      "American Convention on Human Rights art. 22, Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
    aliases: ["right to seek and be granted asylum", "non-refoulement", "collective expulsion"],
    parent: "treaty/achr-1969",
    date: "1969-11-22",
    urls: ACHR_URLS,
    text: {
      scope: "excerpt",
      lang: "en",
      heading: "Freedom of Movement and Residence",
      nodes: [
        {
          label: "7",
          marker: "7.",
          text: "Every person has the right to seek and be granted asylum in a foreign territory, in accordance with the legislation of the state and international conventions, in the event he is being pursued for political offenses or related common crimes.",
        },
        {
          label: "8",
          marker: "8.",
          text: "In no case may an alien be deported or returned to a country, regardless of whether or not it is his country of origin, if in that country his right to life or personal freedom is in danger of being violated because of his race, nationality, religion, social status, or political opinions.",
        },
        { label: "9", marker: "9.", text: "The collective expulsion of aliens is prohibited." },
      ],
    },
    sources: [
      citeMark("American Convention row (arts. 22(7), 22(8))"),
      recalled("Art. 22(7)–(9)", "the OAS"),
    ],
  },
  {
    ...intl,
    key: "softlaw/cartagena-declaration-1984",
    kind: "soft-law",
    title: "Cartagena Declaration on Refugees",
    canonical:
      "Cartagena Declaration on Refugees, Colloquium on the International Protection of Refugees in Central America, Mexico and Panama (Nov. 22, 1984)",
    aliases: [
      "Cartagena Declaration",
      "Declaración de Cartagena sobre Refugiados",
      "Declaración de Cartagena",
    ],
    jurisdiction: "inter-american",
    date: "1984-11-22",
    urls: [{ label: "Refworld", url: "https://www.refworld.org/docid/3ae6b36ec.html" }],
    summary:
      "Non-binding regional declaration: conclusion III(3) widens the refugee definition to people fleeing generalised violence (taken into Mexico's LRPCAP art. 13 fr. II); conclusion III(5) calls non-refoulement a cornerstone of protection and a rule of jus cogens.",
    text: {
      scope: "excerpt",
      lang: "en",
      nodes: [
        {
          label: "III",
          marker: "III.",
          heading: "Conclusions",
          children: [
            {
              label: "3",
              text: "To reiterate that, in view of the experience gained from the massive flows of refugees in the Central American area, it is necessary to consider enlarging the concept of a refugee, bearing in mind, as far as appropriate and in the light of the situation prevailing in the region, the precedent of the OAU Convention (article 1, paragraph 2) and the doctrine employed in the reports of the Inter-American Commission on Human Rights. Hence the definition or concept of a refugee to be recommended for use in the region is one which, in addition to containing the elements of the 1951 Convention and the 1967 Protocol, includes among refugees persons who have fled their country because their lives, safety or freedom have been threatened by generalized violence, foreign aggression, internal conflicts, massive violation of human rights or other circumstances which have seriously disturbed public order.",
            },
            {
              label: "5",
              text: "To reiterate the importance and meaning of the principle of non-refoulement (including the prohibition of rejection at the frontier) as a corner-stone of the international protection of refugees. This principle is imperative in regard to refugees and in the present state of international law should be acknowledged and observed as a rule of jus cogens.",
            },
          ],
        },
      ],
    },
    sources: [
      {
        about: "title, date, Refworld docid",
        source: `${LS} §4 (Cartagena row)`,
        mark: "verified",
      },
      {
        about: "LRPCAP art. 13 fr. II takes up III(3)",
        source: `${LS} §4 (Cartagena row)`,
        mark: "verified",
      },
      recalled("Conclusions III(3) and III(5)", "UNHCR (Refworld)"),
    ],
  },
  {
    ...intl,
    key: "doc/unhcr/excom-conclusion-37-1985",
    kind: "soft-law",
    equivalents: ["unhcr-excom/37"],
    title:
      "UNHCR Executive Committee Conclusion No. 37 (XXXVI): Central American Refugees and the Cartagena Declaration",
    canonical:
      "UNHCR Exec. Comm., Conclusion No. 37 (XXXVI), Central American Refugees and the Cartagena Declaration (1985)",
    aliases: ["ExCom Conclusion 37"],
    date: "1985",
    urls: [
      {
        label: "UNHCR",
        url: "https://www.unhcr.org/excom/exconc/3ae68c43b0/central-american-refugees-cartagena-declaration.html",
        official: true,
      },
    ],
    sources: [
      { about: "citation and URL", source: `${LS} §4 (UNHCR ExCom row)`, mark: "verified" },
    ],
  },
];
