import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  type ICommentOptions,
  LevelFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from "docx";
import type { Node } from "prosemirror-model";
import {
  day,
  type ExportModel,
  type ExportNote,
  type ExportRun,
  exportModel,
  initials,
  noteHeading,
  noteQuote,
} from "../versions/exportModel.ts";
import { VersionNotFound, type VersionView, versionsFor } from "../versions/VersionService.ts";
import { access } from "./annotationsApi.ts";
import type { ApiContext } from "./api.ts";
import { DOCX_TYPE, safeFilename } from "./exports.ts";
import { badRequest, notFound, type Router } from "./http.ts";

// ---- HTML ---------------------------------------------------------------

/// Escapes text for HTML element content and attribute values.
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const multiline = (s: string) => escapeHtml(s).replace(/\r?\n/g, "<br>");

function htmlRuns(runs: ExportRun[]): string {
  let out = "";
  for (const r of runs) {
    if (r.hardBreak) {
      out += "<br>";
      continue;
    }
    let s = escapeHtml(r.text);
    if (r.underline) s = `<u>${s}</u>`;
    if (r.em) s = `<em>${s}</em>`;
    if (r.strong) s = `<strong>${s}</strong>`;
    if (r.href) s = `<a href="${escapeHtml(r.href)}" rel="noopener noreferrer">${s}</a>`;
    if (r.notes.length)
      s = `<mark class="annotation" data-notes="${r.notes.join(" ")}">${s}</mark>`;
    for (const n of r.closes)
      s += `<sup class="note-ref"><a id="ref-${n}" href="#note-${n}" aria-label="Annotation ${n}">[${n}]</a></sup>`;
    out += s;
  }
  return out;
}

const GROUP_LABEL: Record<string, string> = {
  signatories: "Signatories",
  addressees: "Addressees",
  copies: "Copies to",
};

const BLOCK_CLASS: Record<string, string> = {
  date_line: "date",
  salutation: "salutation",
  closing: "closing",
  signatory: "signatory",
  addressee: "addressee",
};

function htmlNode(m: ExportModel, node: Node, pos: number): string {
  if (node.isTextblock) {
    const inner = htmlRuns(m.runs(node, pos + 1));
    switch (node.type.name) {
      case "title":
        return `<h1 class="title">${inner}</h1>\n`;
      case "heading": {
        const level = Math.min(4, Math.max(2, Number(node.attrs.level) || 2));
        return `<h${level}>${inner}</h${level}>\n`;
      }
      case "paragraph": {
        const n = m.paragraphAt(pos + 1);
        return n ? `<p id="p-${n}" data-paragraph="${n}">${inner}</p>\n` : `<p>${inner}</p>\n`;
      }
      case "date_line": {
        const iso = typeof node.attrs.iso === "string" ? node.attrs.iso : null;
        return `<p class="date">${iso ? `<time datetime="${escapeHtml(iso)}">${inner}</time>` : inner}</p>\n`;
      }
      case "addressee":
        return `<p class="${node.attrs.copy ? "addressee cc" : "addressee"}">${inner}</p>\n`;
      default:
        return `<p class="${BLOCK_CLASS[node.type.name] ?? node.type.name}">${inner}</p>\n`;
    }
  }
  const children = (): string => {
    let s = "";
    node.forEach((child, offset) => {
      s += htmlNode(m, child, pos + 1 + offset);
    });
    return s;
  };
  switch (node.type.name) {
    case "blockquote":
      return `<blockquote>\n${children()}</blockquote>\n`;
    case "bullet_list":
      return `<ul>\n${children()}</ul>\n`;
    case "ordered_list": {
      const order = Number(node.attrs.order) || 1;
      return `<ol${order !== 1 ? ` start="${order}"` : ""}>\n${children()}</ol>\n`;
    }
    case "list_item":
      return `<li>${children()}</li>\n`;
    default:
      return children();
  }
}

function htmlNote(n: ExportNote): string {
  const thread = n.messages
    .map(
      (msg) =>
        `<li><p class="message-head"><strong>${escapeHtml(msg.author.name)}</strong>, <time datetime="${escapeHtml(msg.createdAt)}">${escapeHtml(day(msg.createdAt))}</time>${msg.editedAt ? " (edited)" : ""}</p><p>${multiline(msg.body)}</p></li>`,
    )
    .join("");
  const sources = n.sources.length
    ? `<p class="sources">Sources: ${n.sources
        .map((s) => {
          const label = escapeHtml(`${s.label}${s.pinpoint ? `, ${s.pinpoint}` : ""}`);
          const link = s.url
            ? `<a href="${escapeHtml(s.url)}" rel="noopener noreferrer">${label}</a>`
            : label;
          return `${link} (${escapeHtml(s.relation)})`;
        })
        .join("; ")}</p>`
    : "";
  const back = n.anchored
    ? ` <a class="back" href="#ref-${n.n}" aria-label="Back to the text">↩</a>`
    : "";
  return `<li id="note-${n.n}"><p class="note-head"><strong>${escapeHtml(noteHeading(n))}</strong> — ${escapeHtml(noteQuote(n))}${back}</p>${thread ? `<ol class="thread">${thread}</ol>` : ""}${sources}</li>\n`;
}

/// The annotated document as one standalone HTML page: the letter's
/// structure in semantic elements, annotated text in `<mark>` with a
/// numbered reference to its thread in the notes at the end, citations
/// linked to their official source. Everything written by people is escaped.
/// No scripts and no styles (browsers show `<mark>` highlighted already).
export function toHtml(m: ExportModel, meta: ExportMeta): string {
  // Consecutive signatories, addressees and copies go in a group of their own.
  const groupOf = (n: Node) =>
    n.type.name === "signatory"
      ? "signatories"
      : n.type.name === "addressee"
        ? n.attrs.copy
          ? "copies"
          : "addressees"
        : null;
  let body = "";
  let open: string | null = null;
  m.doc.forEach((child, offset) => {
    const group = groupOf(child);
    if (group !== open) {
      if (open) body += "</section>\n";
      if (group) body += `<section class="${group}" aria-label="${GROUP_LABEL[group]}">\n`;
      open = group;
    }
    body += htmlNode(m, child, offset);
  });
  if (open) body += "</section>\n";
  const notes = m.notes.length
    ? `<section class="annotations" aria-labelledby="annotations">\n<h2 id="annotations">Annotations</h2>\n<ol>\n${m.notes.map(htmlNote).join("")}</ol>\n</section>\n`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="Glossa">
<title>${escapeHtml(m.title)}</title>
</head>
<body>
<header><p class="export-note">${escapeHtml(describe(meta))}</p></header>
<article>
${body}</article>
${notes}</body>
</html>
`;
}

// ---- Markdown ------------------------------------------------------------

/// Escapes Markdown punctuation so that text stays text: emphasis, code,
/// links and HTML everywhere; headings, list and quote markers at a line's start.
export function escapeMarkdown(s: string): string {
  return s
    .replace(/([\\`*_[\]<>|~])/g, "\\$1")
    .replace(/^(\s*)([#+=-])/gm, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/gm, "$1\\$2");
}

function mdRuns(runs: ExportRun[]): string {
  let out = "";
  for (const r of runs) {
    if (r.hardBreak) {
      out += "\\\n";
      continue;
    }
    let s = escapeMarkdown(r.text);
    if (s.trim()) {
      if (r.em) s = `*${s}*`;
      if (r.strong) s = `**${s}**`;
      if (r.href) s = `[${s}](<${r.href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
    }
    for (const n of r.closes) s += `[^${n}]`;
    out += s;
  }
  return out;
}

function mdNode(m: ExportModel, node: Node, pos: number, out: string[]): void {
  if (node.isTextblock) {
    const inner = mdRuns(m.runs(node, pos + 1));
    switch (node.type.name) {
      case "title":
        out.push(`# ${inner}`);
        return;
      case "heading":
        out.push(`${"#".repeat(Math.min(4, Math.max(2, Number(node.attrs.level) || 2)))} ${inner}`);
        return;
      default:
        if (inner.trim()) out.push(inner);
        return;
    }
  }
  const prefixed = (prefix: (i: number) => string, indent: string) => {
    node.forEach((child, offset, i) => {
      const inner: string[] = [];
      mdNode(m, child, pos + 1 + offset, inner);
      const text = inner.join("\n\n");
      out.push(
        text
          .split("\n")
          .map((line, j) => (j === 0 ? prefix(i) : line ? indent : "") + line)
          .join("\n"),
      );
    });
  };
  switch (node.type.name) {
    case "blockquote": {
      const inner: string[] = [];
      node.forEach((child, offset) => {
        mdNode(m, child, pos + 1 + offset, inner);
      });
      out.push(
        inner
          .join("\n\n")
          .split("\n")
          .map((l) => (l ? `> ${l}` : ">"))
          .join("\n"),
      );
      return;
    }
    case "bullet_list":
      prefixed(() => "- ", "  ");
      return;
    case "ordered_list": {
      const start = Number(node.attrs.order) || 1;
      prefixed((i) => `${start + i}. `, "   ");
      return;
    }
    case "list_item": {
      const inner: string[] = [];
      node.forEach((child, offset) => {
        mdNode(m, child, pos + 1 + offset, inner);
      });
      out.push(inner.join("\n\n"));
      return;
    }
    default:
      node.forEach((child, offset) => {
        mdNode(m, child, pos + 1 + offset, out);
      });
  }
}

function mdNote(n: ExportNote): string {
  const lines = [
    `[^${n.n}]: **${escapeMarkdown(noteHeading(n))}** — ${escapeMarkdown(noteQuote(n))}`,
  ];
  for (const msg of n.messages) {
    lines.push("");
    const body = msg.body
      .split(/\r?\n/)
      .map((l) => escapeMarkdown(l))
      .join("\\\n    ");
    lines.push(`    **${escapeMarkdown(msg.author.name)}** (${day(msg.createdAt)}): ${body}`);
  }
  if (n.sources.length) {
    lines.push("");
    lines.push(
      `    Sources: ${n.sources
        .map((s) => {
          const label = escapeMarkdown(`${s.label}${s.pinpoint ? `, ${s.pinpoint}` : ""}`);
          return `${s.url ? `[${label}](<${s.url}>)` : label} (${s.relation})`;
        })
        .join("; ")}`,
    );
  }
  return lines.join("\n");
}

/// The annotated document as Markdown: the letter's blocks as paragraphs
/// and headings, each annotation as a footnote holding its thread (detached
/// ones as footnotes listed after the text), citations as links.
export function toMarkdown(m: ExportModel, meta: ExportMeta): string {
  const blocks: string[] = [];
  m.doc.forEach((child, offset) => {
    mdNode(m, child, offset, blocks);
  });
  const detached = m.notes.filter((n) => !n.anchored);
  if (detached.length)
    blocks.push(
      `Annotations whose text is no longer in the document: ${detached.map((n) => `[^${n.n}]`).join(" ")}`,
    );
  blocks.push(`*${escapeMarkdown(describe(meta))}*`);
  return `${blocks.join("\n\n")}\n\n${m.notes.map(mdNote).join("\n\n")}\n`;
}

// ---- DOCX ----------------------------------------------------------------

const ORDERED = "glossa-ordered";

/// The annotated document as a Word file: the letter's blocks as styled
/// paragraphs and every anchored annotation as a real Word comment over its
/// text (`commentRangeStart` … `commentRangeEnd`), its replies threaded
/// under it and resolved threads marked done; detached annotations are
/// listed in a last section. Citations link to their official source.
export async function toDocx(m: ExportModel, meta: ExportMeta): Promise<Buffer> {
  const comments: ICommentOptions[] = [];
  /// Word comment ids of each note: the first message, then each reply.
  const ids = new Map<number, number[]>();
  let nextId = 0;
  for (const n of m.notes) {
    if (!n.anchored) continue;
    const a = n.annotation;
    const head = `${noteHeading(n)}`;
    const [first, ...replies] = n.messages;
    const rootId = nextId++;
    const thread = [rootId];
    const sources = n.sources.map(
      (s) =>
        new Paragraph({
          children: [
            new TextRun({
              text: `Source: ${s.label}${s.pinpoint ? `, ${s.pinpoint}` : ""} (${s.relation})${s.url ? ` ${s.url}` : ""}`,
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
        new Paragraph({ children: [new TextRun({ text: head, bold: true })] }),
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

  let listInstance = 0;
  const paragraphs: Paragraph[] = [];
  const walk = (
    node: Node,
    pos: number,
    ctx: { quote: number; list: { ordered: boolean; instance: number; level: number } | null },
  ) => {
    if (node.isTextblock) {
      paragraphs.push(docxParagraph(m, node, pos, ctx, ids));
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

  const detached = m.notes.filter((n) => !n.anchored);
  if (detached.length) {
    paragraphs.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [new TextRun("Annotations whose text is no longer in the document")],
      }),
    );
    for (const n of detached) {
      paragraphs.push(
        new Paragraph({
          children: [new TextRun({ text: `${noteHeading(n)} — ${noteQuote(n)}`, bold: true })],
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
  }
  paragraphs.push(
    new Paragraph({
      spacing: { before: 480 },
      children: [new TextRun({ text: describe(meta), italics: true, size: 18 })],
    }),
  );

  const doc = new Document({
    creator: "Glossa",
    title: m.title,
    description: "Annotated document exported by Glossa",
    comments: { children: comments },
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

function paragraphsOf(body: string): Paragraph[] {
  return body.split(/\r?\n/).map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

function docxParagraph(
  m: ExportModel,
  node: Node,
  pos: number,
  ctx: { quote: number; list: { ordered: boolean; instance: number; level: number } | null },
  ids: Map<number, number[]>,
): Paragraph {
  const children: ParagraphChild[] = [];
  for (const r of m.runs(node, pos + 1)) {
    for (const n of r.opens)
      for (const id of ids.get(n) ?? []) children.push(new CommentRangeStart(id));
    if (r.hardBreak) children.push(new TextRun({ break: 1 }));
    else {
      const run = new TextRun({
        text: r.text,
        bold: r.strong || undefined,
        italics: r.em || undefined,
        underline: r.underline ? {} : undefined,
        ...(r.href ? { style: "Hyperlink" } : {}),
        ...(r.notes.length ? { highlight: "yellow" } : {}),
      });
      children.push(r.href ? new ExternalHyperlink({ link: r.href, children: [run] }) : run);
    }
    for (const n of r.closes)
      for (const id of ids.get(n) ?? []) {
        children.push(new CommentRangeEnd(id));
        children.push(new TextRun({ children: [new CommentReference(id)] }));
      }
  }
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
      return new Paragraph({
        heading: HeadingLevel.TITLE,
        alignment: AlignmentType.CENTER,
        children,
      });
    case "heading": {
      const level = Number(node.attrs.level) || 2;
      const heading =
        level <= 2
          ? HeadingLevel.HEADING_2
          : level === 3
            ? HeadingLevel.HEADING_3
            : HeadingLevel.HEADING_4;
      return new Paragraph({ heading, children });
    }
    case "date_line":
      return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children });
    case "salutation":
    case "closing":
      return new Paragraph({ spacing: { before: 240, after: 120 }, children });
    case "signatory":
    case "addressee":
      return new Paragraph({ spacing: { after: 0 }, children });
    default:
      return new Paragraph({ spacing: { after: 160 }, indent, ...listProps, children });
  }
}

// ---- the endpoint ------------------------------------------------------

interface ExportMeta {
  exportedAt: string;
  version: VersionView | null;
}

function describe(meta: ExportMeta): string {
  const v = meta.version;
  return v
    ? `Version “${v.name}” saved ${day(v.createdAt)}${v.createdBy ? ` by ${v.createdBy.name}` : ""}; exported from Glossa on ${day(meta.exportedAt)}.`
    : `Exported from Glossa on ${day(meta.exportedAt)}.`;
}

const FORMATS = {
  html: { type: "text/html; charset=utf-8", ext: "html" },
  md: { type: "text/markdown; charset=utf-8", ext: "md" },
  docx: { type: DOCX_TYPE, ext: "docx" },
} as const;

/// Mounts `GET /api/documents/:id/export?format=html|md|docx[&version=<id>]`.
export function documentExportRoutes(router: Router<ApiContext>): Router<ApiContext> {
  return router.on("GET", "/api/documents/:id/export", async (ctx, { id }) => {
    await access(ctx, id!);
    const format = ctx.url.searchParams.get("format") ?? "html";
    if (!Object.hasOwn(FORMATS, format))
      throw badRequest('"format" must be "html", "md" or "docx".');
    const versionId = ctx.url.searchParams.get("version");
    const record = await ctx.store.getDocument(id!);
    if (!record) throw notFound();
    let source: Awaited<ReturnType<ReturnType<typeof versionsFor>["document"]>>;
    try {
      source = await versionsFor(ctx.store, ctx.annotations).document(id!, versionId);
    } catch (err) {
      if (err instanceof VersionNotFound) throw notFound(err.message);
      throw err;
    }
    const model = exportModel(record.title, source.doc, source.annotations);
    const meta: ExportMeta = { exportedAt: new Date().toISOString(), version: source.version };
    const { type, ext } = FORMATS[format as keyof typeof FORMATS];
    const body =
      format === "html"
        ? Buffer.from(toHtml(model, meta), "utf8")
        : format === "md"
          ? Buffer.from(toMarkdown(model, meta), "utf8")
          : await toDocx(model, meta);
    const name = safeFilename(
      record.title,
      source.version ? source.version.name : "annotated",
      ext,
    );
    ctx.res.writeHead(200, {
      "Content-Type": type,
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    });
    ctx.res.end(body);
  });
}
