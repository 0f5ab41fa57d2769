import { annotationKind, type Person } from "@glossa/annotations";
import { BLOCK_SEPARATOR, LEAF_TEXT, type TextBlock } from "@glossa/schema";
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  type ICommentOptions,
  InsertedTextRun,
  type IParagraphOptions,
  type IRunOptions,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Tab,
  TextRun,
} from "docx";
import type { Node } from "prosemirror-model";
import { day, type ExportModel, type ExportRun, initials } from "../versions/exportModel.ts";
import { insertAt, type RedlineMarks } from "../versions/redline.ts";
import { type ExportWords, exportWords, noteHeadingIn, noteQuoteIn } from "./exportWords.ts";

/// How annotated text is highlighted: Word's yellow highlight, the colour of
/// each annotation's kind as in the app (comment, claim, question …), or not at all.
export type HighlightMode = "yellow" | "kind" | "none";

/// Options shared by the exports (query parameters of the export endpoint).
export interface ExportOptions {
  highlight: HighlightMode;
  /// The "Exported from Glossa" line at the end.
  footer: boolean;
  /// ¶ numbers before numbered paragraphs.
  numbers: boolean;
  /// The fixed words, in the requester's language (English when absent).
  words?: ExportWords;
}

/// A redline: tracked changes from an older version to the exported text.
export interface RedlineOptions {
  marks: RedlineMarks;
  /// The date Word shows on every change: when the newer side was saved (or exported).
  date: string;
}

/// Author Word shows on a change whose author Glossa does not know.
export const UNKNOWN_AUTHOR = "Unknown author";

const ORDERED = "glossa-ordered";

type Ctx = { quote: number; list: { ordered: boolean; instance: number; level: number } | null };

/// The annotated document as a Word file: the letter's blocks as styled
/// paragraphs, ¶ numbers before numbered paragraphs (the numbering of the
/// table of authorities), every anchored annotation as a real Word comment
/// over its text (`commentRangeStart` … `commentRangeEnd`), its replies
/// threaded under it and resolved threads marked done; detached annotations
/// listed in a last section. Citations link to their official source.
///
/// With `redline`, what changed since the older version is written as Word
/// tracked changes on the text: insertions (`w:ins`) and deletions (`w:del`
/// with `w:delText`) carry their author and date, and paragraphs added or
/// removed carry an inserted or deleted paragraph mark, so that accepting
/// every change gives the newer text and rejecting every change the older one.
export async function toDocx(
  m: ExportModel,
  footer: string,
  options: ExportOptions,
  redline: RedlineOptions | null = null,
): Promise<Buffer> {
  const w = options.words ?? exportWords(null);
  const { comments, ids, nextId } = wordComments(m, w);
  const writer = new BlockWriter(m, options, ids, redline, nextId);
  const paragraphs = [...bodyParagraphs(m, writer), ...detachedParagraphs(m, w)];
  if (options.footer)
    paragraphs.push(
      new Paragraph({
        spacing: { before: 480 },
        children: [new TextRun({ text: footer, italics: true, size: 18 })],
      }),
    );

  const doc = new Document({
    creator: "Glossa",
    title: m.title,
    description: redline ? w.docTitle.redline : w.docTitle.annotated,
    comments: { children: comments },
    // A redline goes on tracking the changes of whoever edits it next.
    ...(redline ? { features: { trackRevisions: true } } : {}),
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: [0, 1, 2, 3].map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(doc);
}

/// The Word comments of the anchored notes — the first message with the
/// note's heading and sources, then each reply — and, by note number, the
/// comment ids of each (`nextId`: the first id left).
function wordComments(m: ExportModel, w: ExportWords) {
  const comments: ICommentOptions[] = [];
  /// Word comment ids of each note: the first message, then each reply.
  const ids = new Map<number, number[]>();
  let nextId = 0;
  for (const n of m.notes) {
    if (!n.anchored) continue;
    const a = n.annotation;
    const [first, ...replies] = n.messages;
    const rootId = nextId++;
    const thread = [rootId];
    const sources = n.sources.map(
      (s) =>
        new Paragraph({
          children: [
            new TextRun({
              text: `${w.source}: ${s.label} (${w.relations[s.relation] ?? s.relation})${s.url ? ` ${s.url}` : ""}`,
            }),
          ],
        }),
    );
    comments.push({
      id: rootId,
      author: (first?.author ?? a.author).name,
      initials: initials(first?.author ?? a.author),
      date: new Date(first?.createdAt ?? a.createdAt),
      resolved: !!a.resolved,
      children: [
        new Paragraph({ children: [new TextRun({ text: noteHeadingIn(n, w), bold: true })] }),
        ...(first ? paragraphsOf(first.body) : []),
        ...sources,
      ],
    });
    for (const r of replies) {
      const id = nextId++;
      thread.push(id);
      comments.push({
        id,
        parentId: rootId,
        author: r.author.name,
        initials: initials(r.author),
        date: new Date(r.createdAt),
        resolved: !!a.resolved,
        children: paragraphsOf(r.body),
      });
    }
    ids.set(n.n, thread);
  }
  return { comments, ids, nextId };
}

/// The document's textblocks as Word paragraphs, in order, each told the
/// block quotes and list (one numbering instance per list) it sits in.
function bodyParagraphs(m: ExportModel, writer: BlockWriter): Paragraph[] {
  let listInstance = 0;
  const paragraphs: Paragraph[] = [];
  const walk = (node: Node, pos: number, ctx: Ctx) => {
    if (node.isTextblock) {
      paragraphs.push(...writer.block(node, pos, ctx));
      return;
    }
    let inner = ctx;
    if (node.type.name === "blockquote") inner = { ...ctx, quote: ctx.quote + 1 };
    else if (node.type.name === "bullet_list" || node.type.name === "ordered_list")
      inner = {
        ...ctx,
        list: {
          ordered: node.type.name === "ordered_list",
          instance: ++listInstance,
          level: ctx.list ? ctx.list.level + 1 : 0,
        },
      };
    node.forEach((child, offset) => {
      walk(child, pos + 1 + offset, inner);
    });
  };
  m.doc.forEach((child, offset) => {
    walk(child, offset, { quote: 0, list: null });
  });
  return paragraphs;
}

/// The notes without a mark, after the text under their own heading.
function detachedParagraphs(m: ExportModel, w: ExportWords): Paragraph[] {
  const detached = m.notes.filter((n) => !n.anchored);
  if (!detached.length) return [];
  const paragraphs = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [new TextRun(w.detachedHeading)],
    }),
  ];
  for (const n of detached) {
    paragraphs.push(
      new Paragraph({
        children: [
          new TextRun({ text: `${noteHeadingIn(n, w)} — ${noteQuoteIn(n, w)}`, bold: true }),
        ],
      }),
    );
    for (const msg of n.messages)
      paragraphs.push(
        new Paragraph({
          indent: { left: 360 },
          children: [
            new TextRun({ text: `${msg.author.name} (${day(msg.createdAt)}): `, bold: true }),
            new TextRun(msg.body),
          ],
        }),
      );
  }
  return paragraphs;
}

function paragraphsOf(body: string): Paragraph[] {
  return body.split(/\r?\n/).map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

/// Kind colour (`#f2c94c`) as Word's hex fill (`F2C94C`).
const fill = (kind: string | undefined) =>
  (annotationKind(kind ?? "")?.colour ?? "#f2c94c").replace("#", "").toUpperCase();

/// Turns textblocks into Word paragraphs: one paragraph each, or — in a
/// redline — several when text holding paragraph breaks was deleted there.
class BlockWriter {
  private revision: number;

  constructor(
    private readonly m: ExportModel,
    private readonly options: ExportOptions,
    private readonly ids: Map<number, number[]>,
    private readonly redline: RedlineOptions | null,
    firstRevisionId: number,
  ) {
    // Revision ids after the comment ids: every w:id in the file is unique.
    this.revision = firstRevisionId + 1;
  }

  private change(author: Person | null) {
    return {
      id: this.revision++,
      author: author?.name || (this.options.words ?? exportWords(null)).unknownAuthor,
      // Word writes change dates to the second (`2025-01-14T10:02:11Z`).
      date: this.redline!.date.replace(/\.\d+Z$/, "Z"),
    };
  }

  /// Formatting of a run of the model.
  private runOptions(r: ExportRun): IRunOptions {
    const highlighted = r.notes.length > 0 && this.options.highlight !== "none";
    const kind =
      this.options.highlight === "kind" && highlighted
        ? this.m.notes[r.notes[r.notes.length - 1]! - 1]?.annotation.kind
        : undefined;
    return {
      bold: r.strong || undefined,
      italics: r.em || undefined,
      underline: r.underline ? {} : undefined,
      ...(r.href ? { style: "Hyperlink" } : {}),
      ...(highlighted && this.options.highlight === "yellow" ? { highlight: "yellow" } : {}),
      ...(highlighted && this.options.highlight === "kind"
        ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: fill(kind) } }
        : {}),
    };
  }

  block(node: Node, pos: number, ctx: Ctx): Paragraph[] {
    const m = this.m;
    const tb = m.paragraphs.blockAtPos(pos + 1);
    const number = tb?.paragraph ?? null;
    const prefix: ParagraphChild[] =
      number !== null && this.options.numbers
        ? [new TextRun({ text: `¶ ${number}` }), new TextRun({ children: [new Tab()] })]
        : [];
    const props = paragraphProps(node, ctx);
    const runs = m.runs(node, pos + 1);
    if (!this.redline || !tb) {
      const children: ParagraphChild[] = [...prefix];
      for (const r of runs) this.pushRun(children, r, r.text, r.opens, r.closes, null);
      return [new Paragraph({ ...props, children })];
    }
    return this.redlineBlock(tb, runs, prefix, props);
  }

  private pushRun(
    children: ParagraphChild[],
    r: ExportRun,
    text: string,
    opens: readonly number[],
    closes: readonly number[],
    inserted: { author: Person | null } | null,
  ): void {
    for (const n of opens)
      for (const id of this.ids.get(n) ?? []) children.push(new CommentRangeStart(id));
    const base: IRunOptions = r.hardBreak ? { break: 1 } : { text, ...this.runOptions(r) };
    const run = inserted
      ? new InsertedTextRun({ ...base, ...this.change(inserted.author) })
      : new TextRun(base);
    children.push(
      r.href && !r.hardBreak ? new ExternalHyperlink({ link: r.href, children: [run] }) : run,
    );
    for (const n of closes)
      for (const id of this.ids.get(n) ?? []) {
        children.push(new CommentRangeEnd(id));
        children.push(new TextRun({ children: [new CommentReference(id)] }));
      }
  }

  /// Deleted text of one block as tracked deletions (a hard break as a break).
  private deletedRuns(text: string, author: Person | null): DeletedTextRun[] {
    return text.split(LEAF_TEXT).flatMap((line, j) =>
      !line && j === 0
        ? []
        : [
            new DeletedTextRun({
              text: line,
              ...(j > 0 ? { break: 1 } : {}),
              ...this.change(author),
            }),
          ],
    );
  }

  /// One textblock of the newer text with the tracked changes that fall in it.
  private redlineBlock(
    tb: TextBlock,
    runs: ExportRun[],
    prefix: ParagraphChild[],
    props: IParagraphOptions,
  ): Paragraph[] {
    const { marks } = this.redline!;
    const out: Paragraph[] = [];
    let children: ParagraphChild[] = [...prefix];
    // Deletions that belong here: a point in the separator before this block counts as its start.
    const deletes = marks.deletes
      .filter((d) => {
        const b = this.m.paragraphs.blockAtOffset(d.at);
        return b?.index === tb.index;
      })
      .map((d) => ({ ...d, at: Math.min(Math.max(d.at, tb.start), tb.end) }));
    let di = 0;
    const flushDeletes = (upTo: number) => {
      while (di < deletes.length && deletes[di]!.at <= upTo) {
        const d = deletes[di++]!;
        d.text.split(BLOCK_SEPARATOR).forEach((part, i) => {
          if (i > 0) {
            // A paragraph break of the older text: this paragraph's mark is deleted.
            out.push(
              new Paragraph({ ...props, run: { deletion: this.change(d.author) }, children }),
            );
            children = [];
          }
          children.push(...this.deletedRuns(part, d.author));
        });
      }
    };
    const offsetOf = (r: ExportRun) => tb.start + (r.from - tb.from);
    for (const r of runs) {
      const start = offsetOf(r);
      const length = r.hardBreak ? 1 : r.text.length;
      const end = start + length;
      // Cut the run where an insertion starts or ends or a deletion sits.
      const cuts = new Set<number>([start, end]);
      for (const x of marks.inserts) {
        if (x.start > start && x.start < end) cuts.add(x.start);
        if (x.end > start && x.end < end) cuts.add(x.end);
      }
      for (const d of deletes) if (d.at > start && d.at < end) cuts.add(d.at);
      const points = [...cuts].sort((a, b) => a - b);
      for (let i = 0; i + 1 < points.length; i++) {
        const a = points[i]!;
        const b = points[i + 1]!;
        flushDeletes(a);
        const ins = insertAt(marks.inserts, a);
        this.pushRun(
          children,
          r,
          r.hardBreak ? "" : r.text.slice(a - start, b - start),
          i === 0 ? r.opens : [],
          i + 2 === points.length ? r.closes : [],
          ins ? { author: ins.author } : null,
        );
      }
    }
    flushDeletes(tb.end);
    // The paragraph mark: inserted when the break after this block is new.
    const separator = insertAt(marks.inserts, tb.end);
    out.push(
      new Paragraph({
        ...props,
        ...(separator ? { run: { insertion: this.change(separator.author) } } : {}),
        children,
      }),
    );
    return out;
  }
}

/// Paragraph properties of a textblock: heading levels, alignment of the
/// date line, spacing of signatures, indents of quotes, list numbering.
function paragraphProps(node: Node, ctx: Ctx): IParagraphOptions {
  const indent = ctx.quote ? { left: 720 * ctx.quote, right: 720 * ctx.quote } : undefined;
  const list = ctx.list;
  const listProps = list
    ? list.ordered
      ? {
          numbering: {
            reference: ORDERED,
            level: Math.min(3, list.level),
            instance: list.instance,
          },
        }
      : { bullet: { level: Math.min(3, list.level) } }
    : {};
  switch (node.type.name) {
    case "title":
      return { heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER };
    case "heading": {
      const level = Number(node.attrs.level) || 2;
      const heading =
        level <= 2
          ? HeadingLevel.HEADING_2
          : level === 3
            ? HeadingLevel.HEADING_3
            : HeadingLevel.HEADING_4;
      return { heading };
    }
    case "date_line":
      return { alignment: AlignmentType.RIGHT, spacing: { after: 240 } };
    case "salutation":
    case "closing":
      return { spacing: { before: 240, after: 120 } };
    case "signatory":
    case "addressee":
      return { spacing: { after: 0 } };
    default:
      return { spacing: { after: 160 }, indent, ...listProps };
  }
}
