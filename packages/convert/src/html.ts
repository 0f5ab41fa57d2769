import { schema } from "@glossa/schema";
import { parseHTML } from "linkedom";
import { DOMParser, type Node } from "prosemirror-model";
import { ImportError } from "./errors.ts";

/// What the shared HTML stage produced: the document (its first block the
/// title) and notes about what could not be kept as it was.
export interface HtmlResult {
  doc: Node;
  title: string;
  warnings: string[];
}

/// Elements whose content is never document text, and everything that could
/// run or load something. ProseMirror's parser keeps only the schema's nodes
/// and marks (no attributes but those it declares, links through `safeHref`),
/// so nothing executable can reach a document; removing these first keeps
/// their text (scripts, styles, form fields) out of it as well.
const DROP =
  "script, style, noscript, template, iframe, frame, frameset, object, embed, applet, link, meta, base, head, title, input, button, select, option, textarea, svg, math, canvas, audio, video, source, track, map, area, dialog, portal";

type El = ReturnType<typeof parseHTML>["document"]["body"];

const BLOCKS = new Set([
  "P",
  "DIV",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "LI",
  "UL",
  "OL",
  "BLOCKQUOTE",
  "PRE",
  "SECTION",
  "ARTICLE",
  "TABLE",
  "TR",
  "TD",
  "TH",
  "THEAD",
  "TBODY",
  "TFOOT",
  "DL",
  "DT",
  "DD",
]);

/// Markers the DOCX reader puts where Word comments start and end (private-use
/// characters around the comment's id); see `docx.ts`.
export const MARKERS = /[\uE000\uE002\uE004]\d+[\uE001\uE003\uE005]/g;

/// The first element of `body` that holds text (where the document opens).
function firstTextElement(body: El): El | null {
  for (const el of body.querySelectorAll("*")) {
    if (
      !BLOCKS.has(el.tagName) ||
      el.tagName === "DIV" ||
      el.tagName === "SECTION" ||
      el.tagName === "ARTICLE"
    )
      continue;
    if (/\S/.test((el.textContent ?? "").replace(MARKERS, ""))) return el as El;
  }
  return null;
}

/// Turns the cells of each table row into one paragraph, "cell | cell": the
/// schema has no table node (a table in a shared, collaboratively edited
/// legal text is rare and would need its own editing and export support), and
/// a row read as a line keeps every word in its order.
function flattenTables(document: El["ownerDocument"], body: El): number {
  const tables = [...body.querySelectorAll("table")].reverse();
  for (const table of tables) {
    const rows = [...table.querySelectorAll("tr")].filter((tr) => tr.closest("table") === table);
    const paras = rows.map((tr) => {
      const p = document.createElement("p");
      const cells = [...tr.children].filter((c) => c.tagName === "TD" || c.tagName === "TH");
      cells.forEach((cell, i) => {
        if (i > 0) p.append(document.createTextNode(" | "));
        const span = document.createElement("span");
        for (const child of [...cell.childNodes]) span.append(child);
        for (const inner of [...span.querySelectorAll("*")].reverse()) {
          if (!BLOCKS.has(inner.tagName)) continue;
          const s = document.createElement("span");
          for (const child of [...inner.childNodes]) s.append(child);
          s.append(document.createTextNode(" "));
          inner.replaceWith(s);
        }
        p.append(span);
      });
      return p;
    });
    table.replaceWith(...paras);
  }
  return tables.length;
}

/// Footnotes as Word (through mammoth) and markdown-it write them: the
/// reference stays as its number in the text ("[1]"), the notes become a
/// numbered list under a "Notes" heading at the end, the back-links go.
function footnotes(document: El["ownerDocument"], body: El): number {
  for (const a of body.querySelectorAll(
    'a[href^="#footnote-ref-"], a[href^="#endnote-ref-"], a[href^="#comment-ref-"], a.footnote-backref, a[href^="#fnref"]',
  )) {
    a.remove();
  }
  for (const a of body.querySelectorAll(
    'a[href^="#footnote-"], a[href^="#endnote-"], a[href^="#fn"]',
  )) {
    a.replaceWith(document.createTextNode(a.textContent ?? ""));
  }
  for (const hr of body.querySelectorAll("hr.footnotes-sep")) hr.remove();
  const lists = new Set<El>();
  for (const li of body.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"], li[id^="fn"]')) {
    if (li.parentElement) lists.add(li.parentElement as El);
  }
  for (const list of lists) {
    const h = document.createElement("h6");
    h.setAttribute("data-notes", "");
    h.textContent = "Notes";
    list.before(h);
    const first = /(\d+)$/.exec(list.querySelector("li")?.getAttribute("id") ?? "");
    if (first && list.tagName === "OL") list.setAttribute("start", first[1]!);
  }
  return lists.size;
}

/// Maps the document's heading levels onto the schema's three (h2–h4): the
/// highest level used becomes h2, the next h3, all deeper ones h4.
function headings(document: El["ownerDocument"], body: El): void {
  const all = [...body.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(
    (h) => !h.classList.contains("gl-title"),
  );
  const levels = [
    ...new Set(all.filter((h) => !h.hasAttribute("data-notes")).map((h) => Number(h.tagName[1]))),
  ].sort();
  for (const h of all) {
    const rank = h.hasAttribute("data-notes") ? 0 : levels.indexOf(Number(h.tagName[1]));
    const next = document.createElement(`h${2 + Math.min(2, rank)}`);
    for (const child of [...h.childNodes]) next.append(child);
    h.replaceWith(next);
  }
}

/// Parses HTML (from a file, from Markdown or from Word through mammoth) into
/// a Glossa document on a server-side DOM, with the schema's own parser.
/// The title is `explicitTitle` (the file's own), else the first heading or a
/// `<title>`, else `fallbackTitle` (the file name); it becomes the title node.
export function htmlToDoc(
  html: string,
  opts: { explicitTitle?: string | null; fallbackTitle: string },
): HtmlResult {
  const { document } = parseHTML(
    /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  const warnings: string[] = [];
  const headTitle = document.querySelector("title")?.textContent ?? "";
  const body = (document.body ?? document.documentElement) as El;
  const images = body.querySelectorAll("img, svg, picture, canvas, video").length;
  for (const el of body.querySelectorAll(DROP)) el.remove();
  for (const img of body.querySelectorAll("img, picture")) img.remove();
  if (images) warnings.push(`${images} picture(s) were left out: Glossa documents hold text only.`);
  const tables = flattenTables(document, body);
  if (tables) warnings.push(`${tables} table(s) were turned into paragraphs, one per row.`);
  footnotes(document, body);

  if (!/\S/.test(body.textContent ?? "")) {
    throw new ImportError("empty", "The file contains no text to import.");
  }
  // The title: the file's own, else a title-styled paragraph or the first
  // heading. A heading that opens the text and gives the title becomes the
  // title node itself (keeping its formatting and any comment on it).
  const clean = (t: string) => t.replace(MARKERS, "").replace(/\s+/g, " ").trim();
  const styled = body.querySelector("h1.gl-title, p.gl-title");
  const firstHeading = styled ?? body.querySelector("h1, h2, h3, h4, h5, h6");
  let title = clean(opts.explicitTitle ?? "") || clean(headTitle);
  let inPlace: El | null = null;
  if (firstHeading && !firstHeading.hasAttribute("data-notes")) {
    const t = clean(firstHeading.textContent ?? "");
    if (!title && t) title = t;
    const opensText = firstTextElement(body) === firstHeading;
    if (t && opensText && t.toLowerCase() === title.toLowerCase()) inPlace = firstHeading as El;
  }
  if (!title) title = opts.fallbackTitle;
  title = title.slice(0, 300);
  for (const el of body.querySelectorAll(".gl-title")) el.removeAttribute("class");
  if (inPlace) {
    const h = document.createElement("h1");
    h.setAttribute("class", "gl-title");
    for (const child of [...inPlace.childNodes]) h.append(child);
    inPlace.replaceWith(h);
  }
  headings(document, body);

  const parsed = DOMParser.fromSchema(schema).parse(body as unknown as globalThis.Node);
  // Text outside any paragraph is wrapped in the schema's first textblock
  // type, the title: only the title made above stays one.
  const blocks: Node[] = [];
  if (!inPlace) blocks.push(schema.nodes.title!.create(null, schema.text(title)));
  parsed.forEach((block, _, i) => {
    if (block.type.name === "title" && !(inPlace && i === 0))
      blocks.push(schema.nodes.paragraph!.create(null, block.content));
    else if (!(block.type.name === "paragraph" && block.content.size === 0)) blocks.push(block);
  });
  const doc = schema.nodes.doc!.create(null, blocks);
  doc.check();
  return { doc, title, warnings };
}
