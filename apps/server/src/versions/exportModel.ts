import {
  type Annotation,
  annotationKind,
  annotationRanges,
  type Message,
  type Person,
} from "@glossa/annotations";
import { extractCitations } from "@glossa/citations";
import { DocumentText } from "@glossa/schema";
import { citeLink, type Resolver } from "@glossa/sources";
import type { Node } from "prosemirror-model";
import { citationOptions } from "../sources/documentSources.ts";

/// An annotation as an export shows it: numbered in the order its text
/// appears (detached ones after), with its thread and sources.
export interface ExportNote {
  n: number;
  annotation: Annotation;
  label: string;
  /// Paragraph number (¶) where its text starts, when numbered.
  paragraph: number | null;
  /// False for detached annotations (their text is not in the document).
  anchored: boolean;
  /// Document positions of the start of its first range and the end of its last.
  from: number;
  to: number;
  messages: Message[];
  /// Linked sources: `label` is the citation at the pinpoint as the app shows it (`citeLink`).
  sources: { label: string; url: string | null; relation: string; pinpoint: string | null }[];
}

/// A stretch of inline content with one set of formatting.
export interface ExportRun {
  text: string;
  /// Document position where it starts.
  from: number;
  /// A hard line break (text is empty).
  hardBreak?: boolean;
  strong: boolean;
  em: boolean;
  underline: boolean;
  /// A link: the text's own link mark, or the official source of a citation.
  href: string | null;
  /// Notes whose annotation covers this run.
  notes: number[];
  /// Notes whose first range starts at this run.
  opens: number[];
  /// Notes whose last range ends with this run.
  closes: number[];
}

/// Everything a renderer needs: the document, its notes and how to turn a
/// textblock into runs.
export interface ExportModel {
  title: string;
  doc: Node;
  notes: ExportNote[];
  paragraphs: DocumentText;
  runs(block: Node, contentStart: number): ExportRun[];
  /// The paragraph number of the textblock whose content starts at `pos`.
  paragraphAt(pos: number): number | null;
}

const safeUrl = (url: unknown): string | null =>
  typeof url === "string" && /^(https?:|mailto:)/i.test(url.trim()) ? url.trim() : null;

/// Builds the export model of `doc` with its live (not deleted) `annotations`;
/// `catalog` (with the team's authorities) spells out linked sources.
export function exportModel(
  title: string,
  doc: Node,
  annotations: readonly Annotation[],
  catalog: Resolver,
): ExportModel {
  const paragraphs = new DocumentText(doc);
  const { notes, noteOf } = notesOf(doc, paragraphs, annotations, catalog);
  const citations = linkedCitations(paragraphs);
  return {
    title,
    doc,
    notes,
    paragraphs,
    runs: (block, contentStart) => runsOf(block, contentStart, citations, noteOf),
    paragraphAt: (pos) => paragraphs.blockAtPos(pos)?.paragraph ?? null,
  };
}

/// A citation found in the text with the URL of its official source.
type LinkedCitation = { from: number; to: number; url: string };

/// The notes, numbered in the order of their marks in the text, then the
/// annotations without a mark; `noteOf` holds those anchored, by id.
function notesOf(
  doc: Node,
  paragraphs: DocumentText,
  annotations: readonly Annotation[],
  catalog: Resolver,
) {
  const ranges = annotationRanges(doc);
  const byId = new Map(annotations.filter((a) => !a.deleted).map((a) => [a.id, a]));
  const notes: ExportNote[] = [];
  const noteOf = new Map<string, ExportNote>();
  const note = (a: Annotation, anchored: boolean, from: number, to: number): ExportNote => {
    const kind = annotationKind(a.kind);
    const n: ExportNote = {
      n: notes.length + 1,
      annotation: a,
      label: kind?.label ?? a.kind,
      paragraph: anchored ? (paragraphs.blockAtPos(from)?.paragraph ?? null) : null,
      anchored,
      from,
      to,
      messages: a.messages,
      sources: a.links.map((l) => {
        const c = citeLink(catalog, l.key, l.pinpoint);
        return {
          label: c.canonical,
          url: safeUrl(c.url),
          relation: l.relation,
          pinpoint: l.pinpoint,
        };
      }),
    };
    notes.push(n);
    return n;
  };
  for (const [id, rs] of ranges) {
    const a = byId.get(id);
    if (!a || !rs.length) continue;
    noteOf.set(id, note(a, true, rs[0]!.from, rs[rs.length - 1]!.to));
  }
  for (const a of byId.values()) if (!noteOf.has(a.id)) note(a, false, -1, -1);
  return { notes, noteOf };
}

/// Citations found in the text, linked to their official source.
function linkedCitations(paragraphs: DocumentText): LinkedCitation[] {
  const citations: LinkedCitation[] = [];
  for (const c of extractCitations(paragraphs.text, citationOptions(paragraphs))) {
    const url = safeUrl(c.urls[0]);
    if (!url) continue;
    const { from, to } = paragraphs.range(c.start, c.end);
    if (from < to) citations.push({ from, to, url });
  }
  return citations;
}

/// A block's runs (`ExportModel.runs`).
function runsOf(
  block: Node,
  contentStart: number,
  citations: readonly LinkedCitation[],
  noteOf: ReadonlyMap<string, ExportNote>,
): ExportRun[] {
  const out: ExportRun[] = [];
  block.forEach((child, offset) => {
    const pos = contentStart + offset;
    if (!child.isText) {
      out.push({
        text: "",
        from: pos,
        hardBreak: true,
        strong: false,
        em: false,
        underline: false,
        href: null,
        notes: [],
        opens: [],
        closes: [],
      });
      return;
    }
    out.push(...textRuns(child, pos, citations, noteOf));
  });
  return out;
}

/// A text node at `pos` as runs, split at citation edges.
function textRuns(
  child: Node,
  pos: number,
  citations: readonly LinkedCitation[],
  noteOf: ReadonlyMap<string, ExportNote>,
): ExportRun[] {
  const out: ExportRun[] = [];
  const text = child.text!;
  const end = pos + text.length;
  const cuts = new Set<number>([pos, end]);
  for (const c of citations) {
    if (c.from > pos && c.from < end) cuts.add(c.from);
    if (c.to > pos && c.to < end) cuts.add(c.to);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const marks = child.marks;
  const link = safeUrl(marks.find((m) => m.type.name === "link")?.attrs.href);
  const ids = marks
    .filter((m) => m.type.name === "annotation")
    .map((m) => noteOf.get(m.attrs.id as string))
    .filter((x): x is ExportNote => !!x);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const cite = citations.find((c) => c.from <= a && c.to >= b);
    out.push({
      text: text.slice(a - pos, b - pos),
      from: a,
      strong: marks.some((m) => m.type.name === "strong"),
      em: marks.some((m) => m.type.name === "em"),
      underline: marks.some((m) => m.type.name === "underline"),
      href: link ?? cite?.url ?? null,
      notes: ids.map((x) => x.n),
      opens: ids.filter((x) => x.from === a).map((x) => x.n),
      closes: ids.filter((x) => x.to === b).map((x) => x.n),
    });
  }
  return out;
}

/// "Comment · resolved by Ana on 2024-05-01" and the like.
export function noteHeading(n: ExportNote): string {
  const a = n.annotation;
  const parts = [n.label];
  if (a.status) parts.push(`status: ${a.status}`);
  if (a.resolved) parts.push(`resolved by ${a.resolved.by.name} on ${day(a.resolved.at)}`);
  if (!n.anchored) parts.push("its text is no longer in the document");
  return parts.join(" · ");
}

/// Where the note points: `on “quote” (¶ 3)`.
export function noteQuote(n: ExportNote): string {
  const quote = n.annotation.selector.quote.exact;
  const short = quote.length > 200 ? `${quote.slice(0, 197)}…` : quote;
  return `on “${short}”${n.paragraph ? ` (¶ ${n.paragraph})` : ""}`;
}

/// The date part of an ISO time.
export const day = (iso: string) => iso.slice(0, 10);

/// A person's initials.
export function initials(p: Person): string {
  return (
    p.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 3)
      .map((w) => w[0]!.toUpperCase())
      .join("") || "?"
  );
}
