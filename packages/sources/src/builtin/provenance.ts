import type { TextProvenance } from "../types.ts";

// Where each built-in text is taken from and how far it was checked. A text
// is `verified` only when tests/sources/provenance.test.ts compares it word
// for word with an official text kept in tests/sources/fixtures; every other
// text is `unverified` and the source pane says so. The manual audit of
// issue 17 (word-for-word comparison with the official publications, not
// kept in the repository) is recorded in `note` but does not make a text
// verified. docs/sources.md lists the same facts for readers.

const AUDIT =
  "A manual comparison with the official text (issue 17 audit) found this wording exact, but no copy of the official text is kept in Glossa to check it automatically.";
const NOT_COMPARED =
  "Not compared with the official text: the audit of issue 17 could not obtain it. Treat the wording as a draft.";

const OLRC = (section: string): Omit<TextProvenance, "status"> => ({
  source: `United States Code, Title 8, § ${section}, as published by the Office of the Law Revision Counsel (uscode.house.gov)`,
  url: `https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title8-section${section}&num=0&edition=prelim`,
  version: "current online edition; the release point the wording follows was not recorded",
});

const UNTS = (instrument: string, cite: string, url: string): Omit<TextProvenance, "status"> => ({
  source: `${instrument}, authentic English text, United Nations Treaty Series, ${cite}`,
  url,
  version: "text as adopted (treaty texts do not change; later protocols are separate instruments)",
});

const ACHR = {
  source:
    "American Convention on Human Rights, authentic English text, OAS Treaty Series No. 36 (OAS Department of International Law)",
  url: "https://www.oas.org/dil/treaties_B-32_American_Convention_on_Human_Rights.htm",
  version: "text as adopted, 22 November 1969",
} as const;

const CPEUM = {
  source:
    "Constitución Política de los Estados Unidos Mexicanos, consolidated text published by the Cámara de Diputados from the Diario Oficial de la Federación",
  url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/CPEUM.pdf",
} as const;

/// Verified against the OLRC's USLM XML for Title 8 at release point 119-102
/// (verbatim excerpts in tests/sources/fixtures/official, origin in SOURCES.md).
const OLRC_VERIFIED = (section: string): TextProvenance => ({
  status: "verified",
  ...OLRC(section),
  version:
    "release point 119-102 (Title 8 current through Pub. L. 119-102), OLRC USLM XML usc08@119-102.xml",
  fixture: `usc-8-${section}.xml`,
});

/// Provenance of every built-in text, by authority key.
export const BUILTIN_PROVENANCE: Readonly<Record<string, TextProvenance>> = {
  "usc/8/1101": OLRC_VERIFIED("1101"),
  "usc/8/1158": OLRC_VERIFIED("1158"),
  "usc/8/1182": OLRC_VERIFIED("1182"),
  "usc/8/1225": OLRC_VERIFIED("1225"),
  "usc/8/1229a": OLRC_VERIFIED("1229a"),
  "usc/8/1231": OLRC_VERIFIED("1231"),
  "usc/8/1231/note": {
    status: "verified",
    source:
      "Foreign Affairs Reform and Restructuring Act of 1998, Pub. L. No. 105-277, div. G, § 2242(a), 112 Stat. 2681-822, printed by the Office of the Law Revision Counsel as a note to 8 U.S.C. § 1231",
    url: "https://www.govinfo.gov/link/statute/112/2681-822",
    version:
      "as enacted, 21 October 1998 (not amended since); compared with the OLRC's printing of the note, release point 119-102, OLRC USLM XML usc08@119-102.xml",
    fixture: "usc-8-1231-note.xml",
  },
  "usc/8/1362": OLRC_VERIFIED("1362"),
  "usconst/amendment-5": {
    status: "unverified",
    source:
      "Constitution of the United States, Amendment V, as transcribed by the National Archives",
    url: "https://www.archives.gov/founding-docs/bill-of-rights-transcript",
    version: "ratified 15 December 1791 (unamended)",
    note: AUDIT,
  },
  "cfr/8/208.16": {
    status: "unverified",
    source:
      "Code of Federal Regulations, Title 8, § 208.16, Electronic Code of Federal Regulations (ecfr.gov)",
    url: "https://www.ecfr.gov/current/title-8/chapter-I/subchapter-B/part-208/subpart-B/section-208.16",
    version: "current eCFR text; the date it was read was not recorded",
    note: `${NOT_COMPARED} The regulation has been amended several times (the immigration-court twin is 8 C.F.R. § 1208.16).`,
    mayBeOutdated: true,
  },
  "treaty/refugee-convention-1951/art-1": {
    status: "unverified",
    ...UNTS(
      "Convention Relating to the Status of Refugees",
      "vol. 189, p. 137",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20189/volume-189-I-2545-English.pdf",
    ),
    note: `${NOT_COMPARED} Article 1A(2) is read with the 1967 Protocol, which removed its dateline and geographic limits.`,
  },
  "treaty/refugee-convention-1951/art-33": {
    status: "unverified",
    ...UNTS(
      "Convention Relating to the Status of Refugees",
      "vol. 189, p. 137",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20189/volume-189-I-2545-English.pdf",
    ),
    note: AUDIT,
  },
  "treaty/refugee-protocol-1967/art-1": {
    status: "unverified",
    ...UNTS(
      "Protocol Relating to the Status of Refugees",
      "vol. 606, p. 267",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20606/volume-606-I-8791-English.pdf",
    ),
    note: AUDIT,
  },
  "treaty/cat-1984/art-3": {
    status: "unverified",
    ...UNTS(
      "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
      "vol. 1465, p. 85",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%201465/volume-1465-I-24841-English.pdf",
    ),
    note: AUDIT,
  },
  "treaty/iccpr-1966/art-7": {
    status: "unverified",
    ...UNTS(
      "International Covenant on Civil and Political Rights",
      "vol. 999, p. 171",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20999/volume-999-I-14668-English.pdf",
    ),
    note: AUDIT,
  },
  "treaty/iccpr-1966/art-13": {
    status: "unverified",
    ...UNTS(
      "International Covenant on Civil and Political Rights",
      "vol. 999, p. 171",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20999/volume-999-I-14668-English.pdf",
    ),
    note: AUDIT,
  },
  "treaty/iccpr-1966/art-17": {
    status: "unverified",
    ...UNTS(
      "International Covenant on Civil and Political Rights",
      "vol. 999, p. 171",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20999/volume-999-I-14668-English.pdf",
    ),
    note: NOT_COMPARED,
  },
  "treaty/iccpr-1966/art-23": {
    status: "unverified",
    ...UNTS(
      "International Covenant on Civil and Political Rights",
      "vol. 999, p. 171",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20999/volume-999-I-14668-English.pdf",
    ),
    note: AUDIT,
  },
  "treaty/achr-1969/art-17": { status: "unverified", ...ACHR, note: NOT_COMPARED },
  "treaty/achr-1969/art-22": {
    status: "unverified",
    ...ACHR,
    note: "Paragraphs 7 and 8: a manual comparison with the official text (issue 17 audit) found them exact. Paragraph 9 was not compared. No copy of the official text is kept in Glossa to check it automatically.",
  },
  "softlaw/cartagena-declaration-1984": {
    status: "unverified",
    source:
      "Cartagena Declaration on Refugees, Colloquium on the International Protection of Refugees in Central America, Mexico and Panama, 22 November 1984, as published by UNHCR",
    version: "text as adopted, 22 November 1984 (a declaration, never amended)",
    note: `${NOT_COMPARED} The Declaration was adopted in Spanish; which English translation the wording follows was not recorded.`,
  },
  "mx/CPEUM/art-1": {
    status: "unverified",
    ...CPEUM,
    version: "as amended by the decree published in the DOF on 10 June 2011",
    note: `${AUDIT} The Constitution is amended often: compare with the current consolidated text before quoting.`,
    mayBeOutdated: true,
  },
  "mx/CPEUM/art-11": {
    status: "unverified",
    ...CPEUM,
    version:
      "second paragraph as amended by the decree published in the DOF on 15 August 2016 (date from recollection)",
    note: `${AUDIT} Only the first two sentences of the second paragraph are stored; the paragraph has been amended more than once (2011, 2016), so it may have changed again since.`,
    mayBeOutdated: true,
  },
  "mx/LMigra/art-52": {
    status: "unverified",
    source:
      "Ley de Migración, consolidated text published by the Cámara de Diputados from the Diario Oficial de la Federación",
    url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/LMigra.pdf",
    version: "not recorded",
    note: "Only the heading of fracción V is stored, not the article's text; the summary above is in Glossa's words. The law has been amended many times since 2011.",
    mayBeOutdated: true,
  },
};
