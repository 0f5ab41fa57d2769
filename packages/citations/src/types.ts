/// What a citation refers to.
export type CitationKind =
  | "usc"
  | "usc_chapter"
  | "ina"
  | "cfr"
  | "stat"
  | "public_law"
  | "fed_reg"
  | "us_const"
  | "case_full"
  | "case_short"
  | "id"
  | "supra"
  | "journal"
  | "state_statute"
  | "treaty"
  | "mx_const"
  | "mx_statute"
  | "soft_law"
  /// One of a team's own authorities, by a short name the team taught (`forms`).
  | "team";

/// One citation found in a text. Offsets are UTF-16 code units into the
/// input; `text` is `input.slice(start, end)`.
export interface Citation {
  kind: CitationKind;
  text: string;
  start: number;
  end: number;
  /// Normalised key (grammar in the package README).
  key: string;
  /// Bluebook-style form of what is cited.
  canonical: string;
  /// Keys of the same authority under another numbering or in a parallel cite.
  /// Frozen, and shared by the citations of one key (dense texts repeat them).
  equivalents: readonly string[];
  /// Official sources, most authoritative first.
  /// Frozen and shared, as `equivalents`.
  urls: readonly string[];
  /// Page, paragraph or star page pointed at (`"1080"`, `"137-38"`, `"*3"`).
  pinpoint?: string;
  year?: number;
  /// Court as written in the parenthetical (`"9th Cir."`, `"A.G."`, `"BIA"`).
  court?: string;
  caseName?: string;
  /// For short forms (bare sections, short case cites): key of the full
  /// citation they were resolved against.
  antecedent?: string;
  /// Set when a renumbered provision is cited from before its renumbering
  /// (INA § 243(h) in a 1995 text): what it meant then and where it is now.
  /// `equivalents` and `urls` then point at the provision as it is now.
  dated?: DatedMeaning;
}

/// A provision read as it stood on the citation's date (see `RENUMBERED`).
export interface DatedMeaning {
  /// The date the citation speaks from: a year (`"1994"`) or an ISO date.
  asOf: string;
  /// Where that date came from: the cite's own year or edition (`(1994 ed.)`),
  /// a case of that year cited in the same paragraph, or the document's date.
  source: "citation" | "context" | "document";
  /// What the provision was (`"withholding of deportation"`).
  meaning: string;
  /// First day of the new numbering (ISO date).
  until: string;
  /// The enactment that renumbered it.
  by: string;
  /// Key and canonical form of the provision that holds it now.
  now: string;
  nowCanonical: string;
}

/// Options of `extractCitations`.
export interface ExtractOptions {
  /// Act a bare "section N" refers to. Default: the INA once the text has cited
  /// or named it ("the letter's later section 235(b)(2)(C)"); `null` disables.
  defaultAct?: "ina" | null;
  /// Title meant by "of this title" in U.S. Code text (e.g. 8), and the title of
  /// every bare "section 465(b)" in a document whose sections are that title's
  /// (a Tax Court opinion: 26), unless the text is citing another title.
  uscTitle?: number;
  /// C.F.R. title a bare "§ 208.17(a)" refers to before any C.F.R. cite (e.g. 8).
  cfrTitle?: number;
  /// Mexican law meant by "esta Ley" / "la presente Ley" (e.g. `"LMigra"`).
  mxLaw?: string;
  /// The date the text speaks from (ISO `YYYY-MM-DD`, e.g. a letter's date
  /// line): renumbered INA sections cited without a nearer date keep the
  /// meaning they had then. Without it, and without a date in the text, a
  /// citation means today's provision.
  asOf?: string;
  /// A team's own short names for its authorities, found as `team` citations.
  forms?: readonly TeamForm[];
  /// Keep only these kinds (resolution still sees every citation).
  kinds?: readonly CitationKind[];
}

/// A short name a team gave one of its authorities ("A.B. Decl." → the key of
/// that declaration), with the authority's canonical form and links.
export interface TeamForm {
  form: string;
  key: string;
  canonical?: string;
  urls?: readonly string[];
}
