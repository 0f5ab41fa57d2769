import { quoteBetween } from "@glossa/schema";
import { type Unzipped, unzipSync, zipSync } from "fflate";
import { DOMParser as XmlParser } from "linkedom";
import mammoth from "mammoth";
import type { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import { humanSize, ImportError } from "./errors.ts";
import { htmlToDoc } from "./html.ts";
import type { Converted, ImportedComment, ImportedMessage } from "./types.ts";

/// Limits checked before anything is decompressed (a "zip bomb" is a small
/// file that unpacks to gigabytes).
export interface DocxLimits {
  /// Largest total size of the unpacked parts, in bytes.
  maxUnpackedBytes: number;
  /// Most parts (files inside the archive).
  maxParts: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxParts: 5000,
};

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const ascii = (b: Uint8Array, n: number) => String.fromCharCode(...b.subarray(0, n));

/// Tells apart what people call "a Word file" but is not a readable .docx:
/// an encrypted (password-protected) document, an old .doc, RTF, PDF, or
/// some other file with the wrong name.
function sniff(bytes: Uint8Array, name: string): void {
  if (startsWith(bytes, OLE)) {
    // Word keeps a password-protected .docx inside an OLE container whose
    // stream "EncryptedPackage" holds the encrypted document.
    const marker = Buffer.from("EncryptedPackage", "utf16le");
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker)) {
      throw new ImportError(
        "encrypted",
        `“${name}” is protected with a password. Open it in Word, remove the password (File › Info › Protect Document › Encrypt with Password, and clear it), save, and import it again.`,
      );
    }
    throw new ImportError(
      "legacy-word",
      `“${name}” is an older Word document (.doc). Open it in Word and save it as a Word Document (.docx), then import that file.`,
    );
  }
  if (ascii(bytes, 5) === "{\\rtf")
    throw new ImportError(
      "legacy-word",
      `“${name}” is a Rich Text (RTF) file, not a Word document. Open it in Word and save it as a Word Document (.docx), then import that file.`,
    );
  if (ascii(bytes, 5) === "%PDF-")
    throw new ImportError(
      "not-text",
      `“${name}” is a PDF, not a Word document. Import the original Word file instead.`,
    );
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    throw corrupt(name);
}

const corrupt = (name: string) =>
  new ImportError(
    "corrupt",
    `“${name}” is not a Word document Glossa can read: the file is damaged or is another kind of file renamed to .docx. Open it in Word, save it again as a Word Document (.docx), and import that copy.`,
  );

/// Unpacks the archive after checking the sizes it declares; the inflater
/// writes into buffers of exactly those sizes, so a part that lies about its
/// size cannot grow past them.
function unpack(bytes: Uint8Array, name: string, limits: DocxLimits): Unzipped {
  let total = 0;
  let parts = 0;
  let over: "size" | "parts" | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        parts++;
        if (total > limits.maxUnpackedBytes) over = "size";
        else if (parts > limits.maxParts) over = "parts";
        return false;
      },
    });
  } catch {
    throw corrupt(name);
  }
  if (over) {
    throw new ImportError(
      "too-large",
      over === "size"
        ? `“${name}” unpacks to more than ${humanSize(limits.maxUnpackedBytes)}, far more than a document's text needs; Glossa does not open it. If it is a genuine document, remove large pictures or embedded files in Word and try again.`
        : `“${name}” holds more than ${limits.maxParts} parts, more than any document needs; Glossa does not open it.`,
    );
  }
  try {
    return unzipSync(bytes);
  } catch {
    throw corrupt(name);
  }
}

const utf8 = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : "");

/// Targets of the relationships of `type` (suffix) in a .rels part, resolved
/// against the folder of the part they belong to.
function relTargets(rels: string, type: string, base: string): string[] {
  const out: string[] = [];
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    const t = /\bType="([^"]*)"/.exec(tag)?.[1] ?? "";
    const target = /\bTarget="([^"]*)"/.exec(tag)?.[1];
    if (!target || !t.endsWith(type) || /TargetMode="External"/.test(tag)) continue;
    const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
    const resolved: string[] = [];
    for (const p of parts) {
      if (p === "..") resolved.pop();
      else if (p !== "." && p !== "") resolved.push(p);
    }
    out.push(resolved.join("/"));
  }
  return out;
}

const XML_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(
          e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
        )
      : (XML_ENTITIES[e] ?? m),
  );

/// One Word comment as read from comments.xml.
interface WordComment {
  id: string;
  author: string;
  date: string | null;
  text: string;
  /// w14:paraId of the comment's last paragraph (replies point at it).
  paraId: string | null;
}

function readComments(xml: string): WordComment[] {
  if (!xml) return [];
  const dom = new XmlParser().parseFromString(xml, "text/xml");
  const out: WordComment[] = [];
  for (const c of dom.getElementsByTagName("w:comment")) {
    const paras = [...c.getElementsByTagName("w:p")];
    const text = paras
      .map((p) => {
        let s = "";
        for (const el of p.querySelectorAll("*")) {
          if (el.tagName === "w:t") s += el.textContent ?? "";
          else if (el.tagName === "w:tab") s += "\t";
          else if (el.tagName === "w:br" || el.tagName === "w:cr") s += "\n";
        }
        return s;
      })
      .join("\n")
      .trim();
    out.push({
      id: c.getAttribute("w:id") ?? "",
      author: (c.getAttribute("w:author") ?? "").trim(),
      date: c.getAttribute("w:date") || null,
      text,
      paraId: paras.at(-1)?.getAttribute("w14:paraId") ?? null,
    });
  }
  return out;
}

/// Replies and resolved state from commentsExtended.xml (Word 2013 and later).
function readCommentsExtended(xml: string): Map<string, { parent: string | null; done: boolean }> {
  const out = new Map<string, { parent: string | null; done: boolean }>();
  for (const m of xml.matchAll(/<w15:commentEx\b[^>]*>/g)) {
    const paraId = /w15:paraId="([^"]+)"/.exec(m[0])?.[1];
    if (!paraId) continue;
    out.set(paraId, {
      parent: /w15:paraIdParent="([^"]+)"/.exec(m[0])?.[1] ?? null,
      done: /w15:done="1"/.test(m[0]),
    });
  }
  return out;
}

/// Marks where each comment starts and ends (and, for comments without a
/// range, where its reference is) with private-use characters around its
/// id, so its place can be found again in the converted document.
function markComments(xml: string): string {
  const run = (open: string, id: string, close: string) =>
    `<w:r><w:t xml:space="preserve">${open}${id}${close}</w:t></w:r>`;
  return xml
    .replace(/<w:commentRangeStart\b[^>]*?w:id="(\d+)"[^>]*\/>/g, (_, id) =>
      run("\uE000", id, "\uE001"),
    )
    .replace(/<w:commentRangeEnd\b[^>]*?w:id="(\d+)"[^>]*\/>/g, (_, id) =>
      run("\uE002", id, "\uE003"),
    )
    .replace(
      /<w:commentReference\b[^>]*?w:id="(\d+)"[^>]*\/>/g,
      (_, id) => `<w:t xml:space="preserve">\uE004${id}\uE005</w:t>`,
    );
}

/// Finds the comment markers in `doc`, removes them, and returns where each
/// was (positions in the document without markers).
function takeMarkers(doc: Node): {
  doc: Node;
  at: Map<string, { start?: number; end?: number; ref?: number }>;
} {
  const found: { pos: number; len: number; kind: string; id: string }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const m of node.text!.matchAll(/([\uE000\uE002\uE004])(\d+)[\uE001\uE003\uE005]/g)) {
      found.push({ pos: pos + m.index!, len: m[0].length, kind: m[1]!, id: m[2]! });
    }
    return false;
  });
  const at = new Map<string, { start?: number; end?: number; ref?: number }>();
  let removed = 0;
  for (const f of found) {
    const entry = at.get(f.id) ?? {};
    const pos = f.pos - removed;
    if (f.kind === "\uE000") entry.start ??= pos;
    else if (f.kind === "\uE002") entry.end = pos;
    else entry.ref ??= pos;
    at.set(f.id, entry);
    removed += f.len;
  }
  const tr = new Transform(doc);
  for (const f of [...found].reverse()) tr.delete(f.pos, f.pos + f.len);
  return { doc: tr.doc, at };
}

const QUOTE_LIMIT = 20_000;

/// The text range a comment is anchored on: its range in Word, else the
/// paragraph of its reference, else the title (a comment is never dropped).
function anchorRange(
  doc: Node,
  place: { start?: number; end?: number; ref?: number } | undefined,
): { from: number; to: number } {
  const block = (pos: number) => {
    const $p = doc.resolve(Math.min(pos, doc.content.size));
    for (let d = $p.depth; d > 0; d--) {
      if ($p.node(d).isTextblock) return { from: $p.start(d), to: $p.end(d) };
    }
    return null;
  };
  const text = (r: { from: number; to: number }) => quoteBetween(doc, r.from, r.to);
  const ok = (r: { from: number; to: number } | null) =>
    !!r && r.from < r.to && /\S/.test(text(r)) && text(r).length <= QUOTE_LIMIT;
  if (place?.start !== undefined) {
    const end = place.end ?? place.ref;
    if (end !== undefined) {
      const r = { from: Math.min(place.start, end), to: Math.max(place.start, end) };
      if (ok(r)) return r;
    }
  }
  for (const p of [place?.start, place?.end, place?.ref]) {
    if (p === undefined) continue;
    const r = block(p);
    if (r && ok(r)) return r;
  }
  const title = block(1);
  if (title && ok(title)) return title;
  let first: { from: number; to: number } | null = null;
  doc.descendants((n, pos) => {
    if (first) return false;
    if (n.isTextblock && /\S/.test(n.textContent) && n.textContent.length <= QUOTE_LIMIT) {
      first = { from: pos + 1, to: pos + 1 + n.content.size };
    }
    return !n.isTextblock;
  });
  return first ?? { from: 1, to: 1 };
}

const STYLE_MAP = [
  "p[style-name='Title'] => h1.gl-title:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='Block Quotation'] => blockquote > p:fresh",
  "p[style-name='Block Quote'] => blockquote > p:fresh",
  "u => u",
];

/// The path of the package's main document part; a workbook, a presentation
/// or a package without a Word document is refused in words.
function mainPart(files: Unzipped, name: string): string {
  const rootRels = utf8(files["_rels/.rels"]);
  const main = relTargets(rootRels, "/officeDocument", "")[0] ?? "word/document.xml";
  if (files[main] && /wordprocessingml|word\//.test(`${utf8(files["[Content_Types].xml"])}${main}`))
    return main;
  if (Object.keys(files).some((f) => f.startsWith("xl/")))
    throw new ImportError(
      "unsupported",
      `“${name}” is an Excel workbook, not a Word document. Glossa imports Word documents (.docx), Markdown, web pages and plain text.`,
    );
  if (Object.keys(files).some((f) => f.startsWith("ppt/")))
    throw new ImportError(
      "unsupported",
      `“${name}” is a PowerPoint presentation, not a Word document. Glossa imports Word documents (.docx), Markdown, web pages and plain text.`,
    );
  throw corrupt(name);
}

/// The package's HTML as mammoth reads it (pictures left empty, no file
/// outside the package touched).
async function mammothHtml(files: Unzipped, name: string): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(zipSync(files, { level: 0 })) },
      {
        styleMap: STYLE_MAP,
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
    return result.value;
  } catch {
    throw corrupt(name);
  }
}

/// Word comments as threads on `doc` (`at`: where each comment's markers
/// ended up): a comment whose last paragraph is named as another's parent
/// (commentsExtended) is a reply to it; empty ranges are dropped.
function threadsOf(
  comments: WordComment[],
  extended: ReturnType<typeof readCommentsExtended>,
  doc: Node,
  at: ReturnType<typeof takeMarkers>["at"],
): ImportedComment[] {
  const byPara = new Map(comments.filter((c) => c.paraId).map((c) => [c.paraId!, c]));
  const parentOf = (c: WordComment): WordComment | null => {
    let parent = c.paraId ? extended.get(c.paraId)?.parent : null;
    let p = parent ? byPara.get(parent) : undefined;
    // Word points replies at the thread's first comment; follow chains anyway.
    for (let i = 0; p && i < 100; i++) {
      parent = p.paraId ? extended.get(p.paraId)?.parent : null;
      const up = parent ? byPara.get(parent) : undefined;
      if (!up) break;
      p = up;
    }
    return p && p !== c ? p : null;
  };
  const message = (c: WordComment): ImportedMessage => ({
    author: c.author || "Unknown author",
    date: c.date,
    text: c.text,
  });
  const threads = new Map<WordComment, ImportedComment>();
  for (const c of comments) {
    if (parentOf(c)) continue;
    const { from, to } = anchorRange(doc, at.get(c.id));
    threads.set(c, {
      from,
      to,
      quote: quoteBetween(doc, from, to),
      ...message(c),
      resolved: !!(c.paraId && extended.get(c.paraId)?.done),
      replies: [],
    });
  }
  for (const c of comments) {
    const parent = parentOf(c);
    if (parent) threads.get(parent)?.replies.push(message(c));
  }
  return [...threads.values()].filter((t) => t.from < t.to);
}

/// Converts a Word document (.docx) through mammoth and the schema's parser.
/// Word comments come back as `comments` anchored in the result; replies
/// (Word 2013+) are attached to the comment they answer.
export async function convertDocx(
  bytes: Uint8Array,
  opts: { fileName: string; fallbackTitle: string; limits?: Partial<DocxLimits> },
): Promise<Converted> {
  const name = opts.fileName;
  const limits = { ...DEFAULT_DOCX_LIMITS, ...opts.limits };
  if (bytes.length === 0) throw new ImportError("empty", `“${name}” is empty.`);
  sniff(bytes, name);
  const files = unpack(bytes, name, limits);
  const main = mainPart(files, name);
  const dir = main.includes("/") ? main.slice(0, main.lastIndexOf("/") + 1) : "";
  const docRels = utf8(files[`${dir}_rels/${main.slice(dir.length)}.rels`]);
  const comments = relTargets(docRels, "/comments", dir).flatMap((p) =>
    readComments(utf8(files[p])),
  );
  const extended = readCommentsExtended(
    relTargets(docRels, "/commentsExtended", dir)
      .map((p) => utf8(files[p]))
      .join(""),
  );
  if (comments.length) files[main] = new TextEncoder().encode(markComments(utf8(files[main])));
  const html = await mammothHtml(files, name);
  const core = utf8(files["docProps/core.xml"]);
  const coreTitle = unescapeXml(/<dc:title>([\s\S]*?)<\/dc:title>/.exec(core)?.[1] ?? "");
  const result = htmlToDoc(html, { explicitTitle: coreTitle, fallbackTitle: opts.fallbackTitle });
  const { doc, at } = takeMarkers(result.doc);
  return {
    format: "docx",
    doc,
    title: result.title,
    comments: threadsOf(comments, extended, doc, at),
    warnings: [...result.warnings],
  };
}
