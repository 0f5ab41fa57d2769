/// The kinds of authority the catalog knows. Team-added filings, exhibits
/// and reports sit beside the built-in law.
export const AUTHORITY_KINDS = [
  "statute",
  "regulation",
  "treaty",
  "case",
  "constitution",
  "foreign-statute",
  "foreign-constitution",
  "soft-law",
  "report",
  "filing",
  "exhibit",
  "other",
] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

/// How far a fact was checked: `verified` against a primary or official-derived
/// text, `recollection` (or a secondary source) still to be checked by counsel,
/// `concordance` from a third-party INA ↔ U.S.C. table, `team` entered by users.
export type Verification = "verified" | "recollection" | "concordance" | "team";

/// Where one fact of an authority came from. `about` names the fact
/// (`"citation"`, `"text"`, `"url"`, `"date"`, `"article number"` …).
export interface SourceNote {
  about: string;
  source: string;
  mark: Verification;
  note?: string;
}

/// A link to the authority. `official` marks the publisher of record
/// (OLRC, govinfo, eCFR, UN, OAS, DOF); LII and Refworld are not.
export interface AuthorityUrl {
  url: string;
  label: string;
  official?: boolean;
  lang?: string;
}

/// One level of an authority's text: a subsection, paragraph, fracción or
/// conclusion. `label` is the path segment used in keys and pinpoints
/// (`"b"`, `"2"`, `"C"`, `"fr-V"`, `"III"`); `marker` is how it prints
/// (defaults to `(label)`). A node without `text` is structure only: its
/// wording is not in the catalog.
export interface TextNode {
  label: string;
  marker?: string;
  heading?: string;
  text?: string;
  children?: TextNode[];
}

/// Where a stored text was taken from and how far it was checked.
/// `verified` only when a test in the repository compares the stored text
/// word for word with a copy of the official text kept as a fixture
/// (`tests/sources/fixtures`, each file's origin in its `SOURCES.md`);
/// anything else is `unverified` and the source pane says so.
export interface TextProvenance {
  status: "verified" | "unverified";
  /// The official publication the text is (or should be) taken from.
  source: string;
  url?: string;
  /// The version compared or claimed: an edition, amendment or "current through" date.
  version: string;
  /// Fixture file name for a `verified` text.
  fixture?: string;
  /// Why a text is unverified, or what is known about its currency.
  note?: string;
  /// Set when later amendments may have changed the text since `version`.
  mayBeOutdated?: boolean;
}

/// The text of an authority as a tree. `scope` says whether the tree holds
/// the whole provision or only the excerpts the catalog is sure of.
export interface AuthorityText {
  scope: "full" | "excerpt";
  lang: string;
  heading?: string;
  /// Text before the first numbered node (a section's lead-in, an article's sole paragraph).
  intro?: string;
  nodes: TextNode[];
  /// Set for every built-in text (enforced by tests/sources/provenance.test.ts).
  provenance?: TextProvenance;
}

/// A source of law or fact that a document can cite or link to.
export interface Authority {
  /// The citation engine's normalised key (`usc/8/1225`, `treaty/cat-1984/art-3`,
  /// `case/509/U.S./155`) or, for team material, `local/{kind}/{slug}`.
  key: string;
  kind: AuthorityKind;
  title: string;
  /// Bluebook-style citation, e.g. `8 U.S.C. § 1225`.
  canonical: string;
  /// Other keys for the same authority (`ina/235` for `usc/8/1225`, parallel reporters).
  equivalents?: string[];
  /// Other ways people name it ("Refugee Convention", "Convención de 1951").
  aliases?: string[];
  /// The team's own short citation forms for it ("A.B. Decl.", "Compl."),
  /// detected in documents like any other citation (team authorities only).
  citationForms?: string[];
  /// `us`, `intl`, `inter-american`, `mx`, or a team's own code.
  jurisdiction: string;
  /// Date of enactment, adoption or decision (ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
  date?: string;
  /// Date the text or facts are current as of.
  asOf?: string;
  /// Key of the instrument this is part of (an article's treaty, a section's act).
  parent?: string;
  /// For cases: the name as it is italicised, and the court.
  caseName?: string;
  court?: string;
  urls: AuthorityUrl[];
  text?: AuthorityText;
  /// A short description in our words (never presented as the authority's text).
  summary?: string;
  sources: SourceNote[];
  /// Parallel citations as written (`94 Stat. 102`, `1465 U.N.T.S. 85`).
  parallel?: string[];
  /// The CSL-JSON fields of an imported item that Glossa does not model
  /// (`author`, `publisher`, `container-title`, `volume`, `page`, `references`
  /// …), kept verbatim so an export gives Zotero back what it gave.
  csl?: Record<string, unknown>;
  /// `builtin` for the curated catalog, `team` for entries users add.
  origin: "builtin" | "team";
}

/// What a caller may pass to `Catalog.add`: `origin` is set by the catalog and
/// `sources` and `urls` default to empty.
export type AuthorityInput = Omit<Authority, "origin" | "sources" | "urls"> & {
  sources?: SourceNote[];
  urls?: AuthorityUrl[];
};
