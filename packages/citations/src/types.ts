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
  | "soft_law";

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
  equivalents: string[];
  /// Official sources, most authoritative first.
  urls: string[];
  /// Page, paragraph or star page pointed at (`"1080"`, `"137-38"`, `"*3"`).
  pinpoint?: string;
  year?: number;
  /// Court as written in the parenthetical (`"9th Cir."`, `"A.G."`, `"BIA"`).
  court?: string;
  caseName?: string;
  /// For short forms (bare sections, short case cites): key of the full
  /// citation they were resolved against.
  antecedent?: string;
}

/// Options of `extractCitations`.
export interface ExtractOptions {
  /// Act a bare "section N" refers to. Default: the INA once the text has cited
  /// or named it ("the letter's later section 235(b)(2)(C)"); `null` disables.
  defaultAct?: "ina" | null;
  /// Title meant by "of this title" in U.S. Code text (e.g. 8).
  uscTitle?: number;
  /// C.F.R. title a bare "§ 208.17(a)" refers to before any C.F.R. cite (e.g. 8).
  cfrTitle?: number;
  /// Mexican law meant by "esta Ley" / "la presente Ley" (e.g. `"LMigra"`).
  mxLaw?: string;
  /// Keep only these kinds (resolution still sees every citation).
  kinds?: readonly CitationKind[];
}
