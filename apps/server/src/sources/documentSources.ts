import {
  ANNOTATION_KINDS,
  type Annotation,
  findAnnotationRanges,
  type SourceLink,
} from "@glossa/annotations";
import {
  type Citation,
  type ExtractOptions,
  extractCitations,
  tryCanonicalForKey,
} from "@glossa/citations";
import { type DocumentText, documentDate, type TextBlock } from "@glossa/schema";
import {
  type Authority,
  type Catalog,
  locatePinpoint,
  type PinpointLocation,
  parsePinpoint,
  renderText,
  linkKey as sharedLinkKey,
  type ToaInput,
  unwrapKey,
} from "@glossa/sources";

/// Where something sits in a document: its textblock, paragraph number (null
/// outside numbered paragraphs), document positions and plain-text offsets.
export interface Place {
  block: number;
  paragraph: number | null;
  from: number;
  to: number;
  start: number;
  end: number;
}

/// What the catalog knows of a key.
export interface AuthorityRef {
  known: boolean;
  /// The catalog authority's key, when known.
  key?: string;
  title?: string;
  kind?: string;
  /// Citation form at the cited level (`8 U.S.C. § 1225(b)(2)(C)`).
  canonical?: string;
  pinpoint?: string[];
  via?: "exact" | "equivalent" | "parent";
}

/// One citation found in a document (see `documentCitations`): the engine's
/// `Citation`, placed in the document (`Place`: offsets in the document's text).
export interface DocumentCitation extends Place, Omit<Citation, keyof Place> {
  /// True for `Id.`, `supra`, short case cites and bare sections resolved against an earlier cite.
  shortForm: boolean;
  /// The key with short-form wrappers removed (what the citation refers to).
  resolvedKey: string;
  authority: AuthorityRef;
}

/// What the catalog knows of `key` (short-form wrappers and INA keys included).
export function authorityRef(catalog: Catalog, key: string): AuthorityRef {
  const r = catalog.resolve(key);
  if (!r) return { known: false };
  return {
    known: true,
    key: r.key,
    title: r.authority.title,
    kind: r.authority.kind,
    canonical: r.canonical,
    pinpoint: r.pinpoint,
    via: r.via,
  };
}

function placeOf(paragraphs: DocumentText, start: number, end: number): Place {
  const block = paragraphs.blockAtOffset(start);
  const { from, to } = paragraphs.range(start, end);
  return {
    block: block?.index ?? 0,
    paragraph: block?.paragraph ?? null,
    from,
    to,
    start,
    end,
  };
}

/// What the citation engine is told about a document: its date (renumbered
/// INA sections read as they stood then) and, given a catalog, the team's
/// short citation forms.
export function citationOptions(paragraphs: DocumentText, catalog?: Catalog): ExtractOptions {
  const options: ExtractOptions = catalog ? { forms: catalog.citationForms() } : {};
  const asOf = documentDate(paragraphs.doc);
  if (asOf) options.asOf = asOf;
  return options;
}

/// Every citation in `doc`, in order, found over the whole text (so short
/// forms resolve across paragraphs), with its place and what the catalog
/// knows of it.
export function documentCitations(catalog: Catalog, paragraphs: DocumentText): DocumentCitation[] {
  return extractCitations(paragraphs.text, citationOptions(paragraphs, catalog)).map((c) => {
    // A renumbered section cited from before its renumbering refers to the provision that holds it now.
    const resolvedKey = c.dated?.now ?? unwrapKey(c.key);
    const out: DocumentCitation = {
      ...placeOf(paragraphs, c.start, c.end),
      kind: c.kind,
      text: c.text,
      key: c.key,
      canonical: c.canonical,
      equivalents: c.equivalents,
      urls: c.urls,
      shortForm:
        c.kind === "id" ||
        c.kind === "supra" ||
        c.kind === "case_short" ||
        c.antecedent !== undefined,
      resolvedKey,
      authority: authorityRef(catalog, resolvedKey),
    };
    for (const f of ["pinpoint", "year", "court", "caseName", "antecedent", "dated"] as const) {
      if (c[f] !== undefined) (out as unknown as Record<string, unknown>)[f] = c[f];
    }
    return out;
  });
}

/// Where an annotation's mark is now: the place of its first range, or null
/// when it has none (detached).
export function annotationPlace(
  paragraphs: DocumentText,
  annotation: Pick<Annotation, "id">,
): (Place & { ranges: { from: number; to: number }[] }) | null {
  const ranges = findAnnotationRanges(paragraphs.doc, annotation.id);
  if (!ranges.length) return null;
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  const block = paragraphs.blockAtPos(first.from);
  return {
    block: block?.index ?? 0,
    paragraph: block?.paragraph ?? null,
    from: first.from,
    to: last.to,
    start: paragraphs.offsetAt(first.from),
    end: paragraphs.offsetAt(last.to),
    ranges: ranges.map((r) => ({ from: r.from, to: r.to })),
  };
}

/// The key a link stands for in a table of authorities: `linkKey` of
/// `@glossa/sources` (its key narrowed by its pinpoint where the pinpoint
/// reads as subdivisions of the authority).
export function linkKey(catalog: Catalog, link: Pick<SourceLink, "key" | "pinpoint">): string {
  return sharedLinkKey(catalog, link.key, link.pinpoint);
}

/// Finds `pinpoint` in an authority's text. A bare number (`1`) is read as
/// a subdivision label when the authority is not itself a numbered section
/// (art. 33 ¶ 1), which `locatePinpoint` alone reads as a section number.
export function locateIn(authority: Authority, pinpoint: string): PinpointLocation | null {
  const plain = locatePinpoint(authority, pinpoint);
  const parsed = parsePinpoint(pinpoint);
  if (parsed.section === undefined) return plain;
  const own = authority.key.split("/").at(-1) ?? "";
  if (parsed.section === own) return plain;
  const asPath = locatePinpoint(authority, [parsed.section, ...parsed.path]);
  if (!plain) return asPath;
  if (asPath && asPath.found.length > plain.found.length) return asPath;
  return plain;
}

/// What the table of authorities is built from, and what was left out.
export interface ToaSources {
  inputs: ToaInput[];
  /// Citations and links that have no paragraph number (in the title,
  /// addressees …) or no place at all (detached annotations).
  omitted: { from: "citation" | "link"; key: string; reason: string; annotationId?: string }[];
}

/// The table of authorities' inputs: every citation at its paragraph, and
/// every link of every live, anchored annotation at the paragraph where its
/// mark starts.
export function toaSources(
  catalog: Catalog,
  paragraphs: DocumentText,
  citations: readonly DocumentCitation[],
  annotations: readonly Annotation[],
): ToaSources {
  const out: ToaSources = { inputs: [], omitted: [] };
  for (const c of citations) {
    if (c.paragraph === null)
      out.omitted.push({ from: "citation", key: c.key, reason: "not in a numbered paragraph" });
    else out.inputs.push({ key: c.key, canonical: c.canonical, paragraph: c.paragraph });
  }
  for (const a of annotations) {
    if (a.deleted || !a.links.length) continue;
    const place = annotationPlace(paragraphs, a);
    for (const l of a.links) {
      const key = linkKey(catalog, l);
      if (!place)
        out.omitted.push({ from: "link", key, reason: "annotation detached", annotationId: a.id });
      else if (place.paragraph === null)
        out.omitted.push({
          from: "link",
          key,
          reason: "not in a numbered paragraph",
          annotationId: a.id,
        });
      else out.inputs.push({ key, paragraph: place.paragraph });
    }
  }
  return out;
}

/// One finding of the review checks.
export type ReviewItem =
  | ({
      check: "claim-without-source";
      message: string;
      annotationId: string;
      quote: string;
      detached: boolean;
    } & NullablePlace)
  | ({
      check: "unknown-authority";
      message: string;
      citation: { text: string; key: string; canonical: string; kind: string };
    } & Place)
  | ({
      check: "quotation-mismatch";
      message: string;
      quotation: string;
      annotationIds: string[];
      checkedAgainst: { key: string; pinpoint: string | null; canonical: string }[];
    } & Place);

type NullablePlace = { [K in keyof Place]: Place[K] | null };

/// The outcome of `reviewDocument`.
export interface Review {
  items: ReviewItem[];
  summary: {
    claimsWithoutSource: number;
    unknownAuthorities: number;
    quotationMismatches: number;
    /// Quotations near links whose sources have no text in the catalog.
    quotationsUnchecked: number;
    quotationsChecked: number;
  };
}

const QUOTATION = /“([^“”]+)”|"([^"\n]+)"|«([^«»]+)»/g;
const MIN_QUOTATION = 12;

/// Lower-cased, quotation marks dropped (a quotation inside a quotation
/// changes its marks), dashes unified, whitespace collapsed.
export function normalizeQuote(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[“”„«»"‘’‚`']/g, "")
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/// Whether `quotation` can be read in `source`: each fragment between
/// ellipses and bracketed alterations must appear, in order (quoting law
/// with `…` and `[t]he` is ordinary).
export function quotationMatches(quotation: string, source: string): boolean {
  const text = normalizeQuote(source);
  const fragments = normalizeQuote(quotation)
    .split(/\s*(?:\.\s?\.\s?\.|…|\[[^\]]*\])\s*/)
    .map((f) => f.replace(/^[\s,.;:]+|[\s,.;:]+$/g, ""))
    .filter(Boolean);
  let at = 0;
  for (const f of fragments) {
    const i = text.indexOf(f, at);
    if (i < 0) return false;
    at = i + f.length;
  }
  return fragments.length > 0;
}

/// The review checks a lawyer wants before filing:
/// - `claim-without-source`: a live claim (a kind with a status) with no link;
/// - `unknown-authority`: a citation the catalog does not know;
/// - `quotation-mismatch`: text in quotation marks (“…”, "…", «…», at least
///   12 characters and two words) in a textblock that holds the mark of an
///   annotation linked to sources, where at least one of those sources has
///   text in the catalog and none of them contains the quotation (at its
///   pinpoint or anywhere in its text).
export function reviewDocument(
  catalog: Catalog,
  paragraphs: DocumentText,
  citations: readonly DocumentCitation[],
  annotations: readonly Annotation[],
): Review {
  const review: Review = {
    items: [],
    summary: {
      claimsWithoutSource: 0,
      unknownAuthorities: 0,
      quotationMismatches: 0,
      quotationsUnchecked: 0,
      quotationsChecked: 0,
    },
  };
  const linkedByBlock = reviewClaims(paragraphs, annotations, review);
  reviewCitations(citations, review);
  reviewQuotations(catalog, paragraphs, linkedByBlock, review);
  review.items.sort(
    (a, b) => (a.start ?? Number.MAX_SAFE_INTEGER) - (b.start ?? Number.MAX_SAFE_INTEGER),
  );
  return review;
}

/// Annotations linked to sources, by the index of each block they cover.
type LinkedByBlock = Map<number, { annotation: Annotation; link: SourceLink }[]>;

/// Claims without a source; returns the linked annotations by block, for
/// the quotation check.
function reviewClaims(
  paragraphs: DocumentText,
  annotations: readonly Annotation[],
  { items, summary }: Review,
): LinkedByBlock {
  const withStatus = new Set(ANNOTATION_KINDS.filter((k) => k.hasStatus).map((k) => k.id));
  const linkedByBlock: LinkedByBlock = new Map();
  for (const a of annotations) {
    if (a.deleted) continue;
    const place = annotationPlace(paragraphs, a);
    if (withStatus.has(a.kind) && a.links.length === 0) {
      summary.claimsWithoutSource++;
      items.push({
        check: "claim-without-source",
        message: `The claim on “${clip(a.selector.quote.exact)}” has no source linked.`,
        annotationId: a.id,
        quote: a.selector.quote.exact,
        detached: !place,
        block: place?.block ?? null,
        paragraph: place?.paragraph ?? null,
        from: place?.from ?? null,
        to: place?.to ?? null,
        start: place?.start ?? null,
        end: place?.end ?? null,
      });
    }
    if (!place || !a.links.length) continue;
    const blocks = new Set(
      (place.ranges ?? []).map((r) => paragraphs.blockAtPos(r.from)?.index ?? place.block),
    );
    for (const b of blocks) {
      const list = linkedByBlock.get(b) ?? [];
      for (const link of a.links) list.push({ annotation: a, link });
      linkedByBlock.set(b, list);
    }
  }
  return linkedByBlock;
}

/// Citations of authorities the catalog does not know.
function reviewCitations(citations: readonly DocumentCitation[], { items, summary }: Review) {
  for (const c of citations) {
    if (c.authority.known) continue;
    summary.unknownAuthorities++;
    items.push({
      check: "unknown-authority",
      message: `“${clip(c.text)}” (${c.canonical}) is not in the catalog of authorities.`,
      citation: { text: c.text, key: c.key, canonical: c.canonical, kind: c.kind },
      block: c.block,
      paragraph: c.paragraph,
      from: c.from,
      to: c.to,
      start: c.start,
      end: c.end,
    });
  }
}

/// Each quotation in a block with linked sources, against their texts.
function reviewQuotations(
  catalog: Catalog,
  paragraphs: DocumentText,
  linkedByBlock: LinkedByBlock,
  { items, summary }: Review,
): void {
  for (const [blockIndex, linked] of linkedByBlock) {
    const block = paragraphs.blocks[blockIndex];
    if (!block) continue;
    for (const q of quotations(block)) {
      const { checked, matched } = checkQuotation(catalog, q.text, linked);
      if (!checked.length) {
        summary.quotationsUnchecked++;
        continue;
      }
      summary.quotationsChecked++;
      if (matched) continue;
      summary.quotationMismatches++;
      const start = block.start + q.index;
      items.push({
        check: "quotation-mismatch",
        message: `The quotation “${clip(q.text)}” is not in the text of ${checked.map((c) => c.canonical).join("; ")}.`,
        quotation: q.text,
        annotationIds: [...new Set(linked.map((l) => l.annotation.id))],
        checkedAgainst: checked,
        ...placeOf(paragraphs, start, start + q.length),
      });
    }
  }
}

/// The linked sources with text that a quotation was checked against (up
/// to the first that contains it, at its pinpoint or anywhere), and whether
/// one did.
function checkQuotation(
  catalog: Catalog,
  quotation: string,
  linked: readonly { link: SourceLink }[],
) {
  const checked: { key: string; pinpoint: string | null; canonical: string }[] = [];
  for (const { link } of linked) {
    const r = catalog.resolve(link.key);
    if (!r?.authority.text) continue;
    const full = renderText(r.authority.text).text;
    const pin = link.pinpoint ? locateIn(r.authority, link.pinpoint)?.text : undefined;
    const cited = catalog.resolve(linkKey(catalog, link))?.canonical ?? r.canonical;
    checked.push({ key: link.key, pinpoint: link.pinpoint, canonical: cited });
    if ((pin && quotationMatches(quotation, pin)) || quotationMatches(quotation, full))
      return { checked, matched: true };
  }
  return { checked, matched: false };
}

/// Quotations in a block: their text (without the marks), and the offset and
/// length of the whole quotation, marks included.
function quotations(block: TextBlock): { text: string; index: number; length: number }[] {
  const out: { text: string; index: number; length: number }[] = [];
  for (const m of block.text.matchAll(QUOTATION)) {
    const text = (m[1] ?? m[2] ?? m[3] ?? "").trim();
    if (text.length < MIN_QUOTATION || !/\S\s+\S/.test(text)) continue;
    out.push({ text, index: m.index, length: m[0].length });
  }
  return out;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/// The citation form of a key the catalog does not know, from the citation
/// engine, or the key itself.
export function engineCanonical(key: string): string {
  return tryCanonicalForKey(unwrapKey(key)) ?? key;
}
