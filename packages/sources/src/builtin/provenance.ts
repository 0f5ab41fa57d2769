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

const NL_NOTE =
  "Compared word for word with the English authentic text as the Netherlands government publishes it, through a Markdown copy of its treaty database; not compared with the printed United Nations Treaty Series volume, which could not be obtained.";

/// Verified against the English authentic text as the Government of the
/// Netherlands publishes it in its official treaty database (wetten.overheid.nl),
/// through the Markdown mirror statengeneraal/laws-markdown (origin in SOURCES.md).
const NL_VERIFIED = (
  instrument: string,
  bwb: string,
  fixture: string,
  record: string,
): TextProvenance => ({
  status: "verified",
  source: `${instrument}, English authentic text as published by the Government of the Netherlands (Tractatenblad; official treaty database wetten.overheid.nl, ${bwb})`,
  url: `https://wetten.overheid.nl/${bwb}`,
  version: `text as adopted (treaty texts do not change); the Netherlands' database record ${record}`,
  fixture,
  note: NL_NOTE,
});

const ICCPR_NL = NL_VERIFIED(
  "International Covenant on Civil and Political Rights",
  "BWBV0001017",
  "nl-iccpr-1966.md",
  "as mirrored on 24 March 2014",
);

const CPEUM_VERIFIED = (reform: string): TextProvenance => ({
  status: "verified",
  ...CPEUM,
  version: `consolidated text, última reforma publicada DOF 15-04-2025; ${reform}`,
  fixture: "mx-cpeum-dof-2025-04-15.txt",
  note: "The Constitution is amended often: this is the text as of the reform published on 15 April 2025, the latest when the copy was made (August 2025). Compare with the current consolidated text before quoting.",
  mayBeOutdated: true,
});

const LRPCAP_VERIFIED = (reform: string): TextProvenance => ({
  status: "verified",
  source:
    "Ley sobre Refugiados, Protección Complementaria y Asilo Político, consolidated text published by the Cámara de Diputados from the Diario Oficial de la Federación",
  url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/LRPCAP.pdf",
  version: `consolidated text, última reforma publicada DOF 18-02-2022; ${reform}`,
  fixture: "mx-lrpcap-dof-2022-02-18.txt",
  note: "This is the text as last reformed by the decree published on 18 February 2022, still the latest reform when the copy was made (August 2025). Check for later reforms before quoting.",
  mayBeOutdated: true,
});

const LMIGRA_VERIFIED = (stored: string): TextProvenance => ({
  status: "verified",
  source:
    "Ley de Migración, consolidated text published by the Cámara de Diputados from the Diario Oficial de la Federación",
  url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/LMigra.pdf",
  version: "consolidated text, última reforma publicada DOF 27-05-2024",
  fixture: "mx-lmigra-dof-2024-05-27.txt",
  note: `${stored} This is the text as last reformed by the decree published on 27 May 2024, still the latest reform when the copy was made (August 2025); the law is amended often, so check for later reforms before quoting.`,
  mayBeOutdated: true,
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
    note: `${AUDIT} Official printings differ in capitals and punctuation: the House Rules and Manual (GPO, 117th Congress) prints “in any Criminal Case to be a witness against himself; nor be deprived”, where the National Archives transcription Glossa follows has “in any criminal case to be a witness against himself, nor be deprived”.`,
  },
  "cfr/8/208.16": {
    status: "verified",
    source:
      "Code of Federal Regulations, Title 8, § 208.16, Electronic Code of Federal Regulations (ecfr.gov)",
    url: "https://www.ecfr.gov/current/title-8/chapter-I/subchapter-B/part-208/subpart-A/section-208.16",
    version:
      "eCFR current through 3 August 2026 (section last amended at 90 FR 61048, Dec. 30, 2025)",
    fixture: "ecfr-8-208.16.jsonl",
    note: "Compared word for word with the eCFR text of 3 August 2026 as a third-party research project extracted it from the eCFR's XML (the XML's checksum is recorded). The eCFR is the Office of the Federal Register's continuously updated editorial compilation, not the annual official CFR edition, which was not compared. The regulation is amended often (the immigration-court twin is 8 C.F.R. § 1208.16): check ecfr.gov for later amendments.",
    mayBeOutdated: true,
  },
  "treaty/refugee-convention-1951/art-1": {
    ...NL_VERIFIED(
      "Convention Relating to the Status of Refugees",
      "BWBV0001002",
      "nl-refugee-convention-1951.md",
      "in force for the Netherlands from 1 August 1956",
    ),
    note: `${NL_NOTE} Article 1A(2) is read with the 1967 Protocol, which removed its dateline and geographic limits.`,
  },
  "treaty/refugee-convention-1951/art-33": {
    status: "unverified",
    ...UNTS(
      "Convention Relating to the Status of Refugees",
      "vol. 189, p. 137",
      "https://treaties.un.org/doc/Publication/UNTS/Volume%20189/volume-189-I-2545-English.pdf",
    ),
    note: `A manual comparison with the United Nations Treaty Series text (issue 17 audit) found this wording exact, but Glossa keeps no copy of that text. The Netherlands government's official English text, which Glossa keeps (nl-refugee-convention-1951.md), has the same wording except in paragraph 2: “final judgement” where Glossa has “final judgment”. Until the United Nations text settles the spelling, this article is not marked verified.`,
  },
  "treaty/refugee-protocol-1967/art-1": NL_VERIFIED(
    "Protocol Relating to the Status of Refugees",
    "BWBV0006107",
    "nl-refugee-protocol-1967.md",
    "as mirrored on 15 April 2013",
  ),
  "treaty/cat-1984/art-3": NL_VERIFIED(
    "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
    "BWBV0002507",
    "nl-cat-1984.md",
    "as mirrored on 15 April 2013",
  ),
  "treaty/iccpr-1966/art-7": ICCPR_NL,
  "treaty/iccpr-1966/art-13": ICCPR_NL,
  "treaty/iccpr-1966/art-17": ICCPR_NL,
  "treaty/iccpr-1966/art-23": ICCPR_NL,
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
  "mx/CPEUM/art-1": CPEUM_VERIFIED(
    "¶1 as reformed and ¶2 as added by the decree published in the DOF on 10 June 2011",
  ),
  "mx/CPEUM/art-11": CPEUM_VERIFIED(
    "¶2 as reformed by the decree published in the DOF on 15 August 2016 (article reformed 10 June 2011)",
  ),
  "mx/LRPCAP/art-2": LRPCAP_VERIFIED(
    "article as reformed by the decree published in the DOF on 30 October 2014 (fracciones XIII–XVI added on 18 February 2022)",
  ),
  "mx/LRPCAP/art-5": LRPCAP_VERIFIED("article as enacted (DOF 27 January 2011)"),
  "mx/LRPCAP/art-6": LRPCAP_VERIFIED(
    "paragraph 3 added by the decree published in the DOF on 11 November 2020",
  ),
  "mx/LRPCAP/art-13": LRPCAP_VERIFIED("article as enacted (DOF 27 January 2011)"),
  "mx/LRPCAP/art-28": LRPCAP_VERIFIED("article as enacted (DOF 27 January 2011)"),
  "mx/LMigra/art-37": LMIGRA_VERIFIED("Only the chapeau and fracción III(e) are stored."),
  "mx/LMigra/art-52": LMIGRA_VERIFIED(
    "Only the chapeau and fracción V are stored, and of incisos a) and b) only their first sentence (inciso b) as reformed by the decree published in the DOF on 11 November 2020).",
  ),
  "mx/LMigra/art-133": LMIGRA_VERIFIED(
    "Only the first paragraph, the opening of the second and fracción III are stored.",
  ),
};
