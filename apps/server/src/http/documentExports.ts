import { ANNOTATION_KINDS } from "@glossa/annotations";
import type { Node } from "prosemirror-model";
import {
  day,
  type ExportModel,
  type ExportNote,
  type ExportRun,
  exportModel,
} from "../versions/exportModel.ts";
import { redlineMarks } from "../versions/redline.ts";
import type { VersionView } from "../versions/VersionService.ts";
import { access } from "./annotationsApi.ts";
import type { ApiContext } from "./api.ts";
import type { ExportOptions, HighlightMode } from "./docxExport.ts";

/// The Word writer and docx (about 3 MB of heap), loaded on the first Word
/// export, not at start (`pnpm build` splits it into its own chunk).
const toDocx: typeof import("./docxExport.ts").toDocx = async (...args) =>
  (await import("./docxExport.ts")).toDocx(...args);

/// prosemirror-markdown and markdown-it (about 1.4 MiB of heap: its default
/// parser is built when it is imported), loaded by the first Markdown export.
let markdown: typeof import("./markdownExport.ts") | null = null;

/// Loads the Markdown writer; `toMarkdown` needs it loaded once.
export async function loadMarkdown(): Promise<void> {
  markdown ??= await import("./markdownExport.ts");
}

import { DOCX_TYPE, safeFilename } from "./exports.ts";
import { type ExportWords, exportWords, noteHeadingIn, noteQuoteIn } from "./exportWords.ts";
import { badRequest, type Handlers, notFound } from "./http.ts";
import { preferredLanguage } from "./preferencesApi.ts";
import { versionId as checkVersionId, found } from "./versionsApi.ts";

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

function htmlRuns(m: ExportModel, runs: ExportRun[], options: ExportOptions): string {
  const w = options.words ?? exportWords(null);
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
    if (r.notes.length) {
      const notes = r.notes.join(" ");
      if (options.highlight === "none")
        s = `<span class="annotation" data-notes="${notes}">${s}</span>`;
      else if (options.highlight === "kind") {
        const kind = m.notes[r.notes[r.notes.length - 1]! - 1]?.annotation.kind ?? "comment";
        s = `<mark class="annotation kind-${escapeHtml(kind)}" data-notes="${notes}">${s}</mark>`;
      } else s = `<mark class="annotation" data-notes="${notes}">${s}</mark>`;
    }
    for (const n of r.closes)
      s += `<sup class="note-ref"><a id="ref-${n}" href="#note-${n}" aria-label="${escapeHtml(w.annotation(n))}">[${n}]</a></sup>`;
    out += s;
  }
  return out;
}

const BLOCK_CLASS: Record<string, string> = {
  date_line: "date",
  salutation: "salutation",
  closing: "closing",
  signatory: "signatory",
  addressee: "addressee",
};

function htmlNode(m: ExportModel, node: Node, pos: number, options: ExportOptions): string {
  if (node.isTextblock) {
    const inner = htmlRuns(m, m.runs(node, pos + 1), options);
    switch (node.type.name) {
      case "title":
        return `<h1 class="title">${inner}</h1>\n`;
      case "heading": {
        const level = Math.min(4, Math.max(2, Number(node.attrs.level) || 2));
        return `<h${level}>${inner}</h${level}>\n`;
      }
      case "paragraph": {
        const n = m.paragraphAt(pos + 1);
        if (!n) return `<p>${inner}</p>\n`;
        const number = options.numbers ? `<span class="paragraph-number">¶ ${n}</span> ` : "";
        return `<p id="p-${n}" data-paragraph="${n}">${number}${inner}</p>\n`;
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
      s += htmlNode(m, child, pos + 1 + offset, options);
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

function htmlNote(n: ExportNote, w: ExportWords): string {
  const thread = n.messages
    .map(
      (msg) =>
        `<li><p class="message-head"><strong>${escapeHtml(msg.author.name)}</strong>, <time datetime="${escapeHtml(msg.createdAt)}">${escapeHtml(day(msg.createdAt))}</time>${msg.editedAt ? ` (${escapeHtml(w.edited)})` : ""}</p><p>${multiline(msg.body)}</p></li>`,
    )
    .join("");
  const sources = n.sources.length
    ? `<p class="sources">${escapeHtml(w.sources)}: ${n.sources
        .map((s) => {
          const label = escapeHtml(s.label);
          const link = s.url
            ? `<a href="${escapeHtml(s.url)}" rel="noopener noreferrer">${label}</a>`
            : label;
          return `${link} (${escapeHtml(w.relations[s.relation] ?? s.relation)})`;
        })
        .join("; ")}</p>`
    : "";
  const back = n.anchored
    ? ` <a class="back" href="#ref-${n.n}" aria-label="${escapeHtml(w.backToText)}">↩</a>`
    : "";
  return `<li id="note-${n.n}"><p class="note-head"><strong>${escapeHtml(noteHeadingIn(n, w))}</strong> — ${escapeHtml(noteQuoteIn(n, w))}${back}</p>${thread ? `<ol class="thread">${thread}</ol>` : ""}${sources}</li>\n`;
}

/// Highlight colours of the kinds of annotation, as in the app (`highlight=kind`).
const KIND_STYLE = `<style>${ANNOTATION_KINDS.map((k) => `mark.kind-${k.id}{background:${k.colour}66}`).join("")}</style>`;

/// The annotated document as one standalone HTML page: the letter's
/// structure in semantic elements, annotated text in `<mark>` with a
/// numbered reference to its thread in the notes at the end, citations
/// linked to their official source. Everything written by people is escaped.
/// No scripts, and no styles but the kind colours of `highlight=kind`
/// (browsers show `<mark>` highlighted already). ¶ numbers before numbered
/// paragraphs unless `numbers` is off; the export note unless `footer` is off.
export function toHtml(m: ExportModel, meta: ExportMeta, options: ExportOptions): string {
  const w = options.words ?? exportWords(null);
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
      if (group) body += `<section class="${group}" aria-label="${escapeHtml(w.groups[group])}">\n`;
      open = group;
    }
    body += htmlNode(m, child, offset, options);
  });
  if (open) body += "</section>\n";
  const notes = m.notes.length
    ? `<section class="annotations" aria-labelledby="annotations">\n<h2 id="annotations">${escapeHtml(w.annotations)}</h2>\n<ol>\n${m.notes.map((n) => htmlNote(n, w)).join("")}</ol>\n</section>\n`
    : "";
  return `<!DOCTYPE html>
<html lang="${w.lang}">
<head>
<meta charset="utf-8">
<meta name="generator" content="Glossa">
<title>${escapeHtml(m.title)}</title>
${options.highlight === "kind" ? `${KIND_STYLE}\n` : ""}</head>
<body>
${options.footer ? `<header><p class="export-note">${escapeHtml(describe(meta, w))}</p></header>\n` : ""}
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

function mdNote(n: ExportNote, w: ExportWords): string {
  const lines = [
    `[^${n.n}]: **${escapeMarkdown(noteHeadingIn(n, w))}** — ${escapeMarkdown(noteQuoteIn(n, w))}`,
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
      `    ${w.sources}: ${n.sources
        .map((s) => {
          const label = escapeMarkdown(s.label);
          return `${s.url ? `[${label}](<${s.url}>)` : label} (${w.relations[s.relation] ?? s.relation})`;
        })
        .join("; ")}`,
    );
  }
  return lines.join("\n");
}

/// The annotated document as Markdown: the letter's blocks as paragraphs
/// and headings, each annotation as a footnote holding its thread (detached
/// ones as footnotes listed after the text), citations as links.
/// The Markdown writer must be loaded first (`loadMarkdown`).
export function toMarkdown(m: ExportModel, meta: ExportMeta, options: ExportOptions): string {
  if (!markdown) throw new Error("toMarkdown before loadMarkdown()");
  const w = options.words ?? exportWords(null);
  const blocks: string[] = [markdown.markdownText(m, options).trimEnd()];
  const detached = m.notes.filter((n) => !n.anchored);
  if (detached.length)
    blocks.push(`${w.detachedLine} ${detached.map((n) => `[^${n.n}]`).join(" ")}`);
  if (options.footer) blocks.push(`*${escapeMarkdown(describe(meta, w))}*`);
  return `${blocks.join("\n\n")}\n\n${m.notes.map((n) => mdNote(n, w)).join("\n\n")}\n`;
}

// ---- the endpoint ------------------------------------------------------

interface ExportMeta {
  exportedAt: string;
  version: VersionView | null;
  /// For a redline: the older version and whether the newer side is the current text.
  redline?: { from: VersionView; to: VersionView | null };
}

function describe(meta: ExportMeta, w: ExportWords): string {
  const v = meta.version;
  const saved = (x: VersionView) =>
    w.savedVersion(x.name, day(x.createdAt), x.createdBy ? x.createdBy.name : null);
  if (meta.redline) {
    const { from, to } = meta.redline;
    return w.redlineNote(saved(from), to ? saved(to) : null, day(meta.exportedAt));
  }
  return v ? w.versionNote(saved(v), day(meta.exportedAt)) : w.exportedOn(day(meta.exportedAt));
}

const FORMATS = {
  html: { type: "text/html; charset=utf-8", ext: "html" },
  md: { type: "text/markdown; charset=utf-8", ext: "md" },
  docx: { type: DOCX_TYPE, ext: "docx" },
} as const;

const HIGHLIGHTS: readonly HighlightMode[] = ["yellow", "kind", "none"];

/// A yes/no query parameter (`1`/`0`, `true`/`false`, `yes`/`no`), `def` when absent.
function flag(ctx: ApiContext, name: string, def: boolean): boolean {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null || raw === "") return def;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw badRequest(`"${name}" must be 1 (yes) or 0 (no).`);
}

/// The export options of a request (see docs/api.md); the fixed words in
/// `?lang=`, else in the caller's chosen interface language (`fallbackLang`).
export function exportOptions(ctx: ApiContext, fallbackLang: string | null = null): ExportOptions {
  const highlight = ctx.url.searchParams.get("highlight") || "yellow";
  if (!HIGHLIGHTS.includes(highlight as HighlightMode))
    throw badRequest(
      '"highlight" must be "yellow" (Word\'s highlighter), "kind" (the colour of each kind of annotation, as in the app) or "none".',
    );
  return {
    highlight: highlight as HighlightMode,
    footer: flag(ctx, "footer", true),
    numbers: flag(ctx, "numbers", true),
    words: exportWords(ctx.url.searchParams.get("lang") || fallbackLang),
  };
}

/// Mounts `GET /api/documents/:id/export?format=html|md|docx[&version=<id>]`
/// and its redline form `?format=docx&from=<id>[&to=<id|current>]`.
export function documentExportRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  return router.on("GET", "/api/documents/:id/export", async (ctx, { id }) => {
    const { claims } = await access(ctx, id!);
    const params = ctx.url.searchParams;
    const format = params.get("format") ?? "html";
    if (!Object.hasOwn(FORMATS, format))
      throw badRequest('"format" must be "html", "md" or "docx".');
    const options = exportOptions(ctx, await preferredLanguage(ctx.store, claims.userId));
    const versionId = params.get("version");
    const redlineFrom = params.get("from");
    if (redlineFrom === null && params.get("to") !== null)
      throw badRequest('A redline needs "from": the version to show the changes from.');
    if (redlineFrom !== null && format !== "docx")
      throw badRequest(
        'A redline (with "from") is written as Word tracked changes: ask for format=docx.',
      );
    if (redlineFrom !== null && versionId !== null)
      throw badRequest(
        'Give either "version" (one version) or "from" and "to" (a redline), not both.',
      );
    const record = await ctx.store.getDocument(id!);
    if (!record) throw notFound();
    const catalog = await ctx.sources.catalog();
    const versions = ctx.versions;
    const { type, ext } = FORMATS[format as keyof typeof FORMATS];
    const exportedAt = new Date().toISOString();
    let body: Buffer;
    let suffix: string;
    if (redlineFrom !== null) {
      const from = checkVersionId(redlineFrom, "from");
      const to = checkVersionId(params.get("to") ?? "current", "to", true);
      const r = await found(() => versions.redline(id!, from, to));
      const model = exportModel(record.title, r.doc, r.annotations, catalog);
      const meta: ExportMeta = {
        exportedAt,
        version: r.comparison.to,
        redline: { from: r.comparison.from!, to: r.comparison.to },
      };
      body = await toDocx(model, describe(meta, options.words ?? exportWords(null)), options, {
        marks: redlineMarks(r.comparison.text.changes, r.deleterAt),
        date: r.comparison.to?.createdAt ?? exportedAt,
      });
      suffix = `redline ${r.comparison.from!.name} to ${r.comparison.to?.name ?? "current"}`;
    } else {
      const source = await found(() => versions.document(id!, versionId));
      if (format === "md") await loadMarkdown();
      const model = exportModel(record.title, source.doc, source.annotations, catalog);
      const meta: ExportMeta = { exportedAt, version: source.version };
      body =
        format === "html"
          ? Buffer.from(toHtml(model, meta, options), "utf8")
          : format === "md"
            ? Buffer.from(toMarkdown(model, meta, options), "utf8")
            : await toDocx(model, describe(meta, options.words ?? exportWords(null)), options);
      suffix = source.version ? source.version.name : "annotated";
    }
    const name = safeFilename(record.title, suffix, ext);
    ctx.res.writeHead(200, {
      "Content-Type": type,
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    });
    ctx.res.end(body);
  });
}
