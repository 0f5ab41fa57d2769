import { type MarkSpec, type NodeSpec, Schema } from "prosemirror-model";

/// Version of the document schema. Clients send it when they connect; the
/// server refuses a client whose schema differs, because y-prosemirror
/// deletes, for everyone, content that a client's schema cannot build.
export const SCHEMA_VERSION = 1;

const inlineBlock = (tag: string, cls: string, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  content: "inline*",
  group: "block",
  defining: true,
  parseDOM: [{ tag: `${tag}.${cls}` }],
  toDOM: () => [tag, { class: cls }, 0],
  ...extra,
});

/// Node specs of a legal document. Content expressions are deliberately
/// permissive (`block+` at the top) so that concurrent edits rarely produce a
/// document the schema rejects.
export const nodes: Record<string, NodeSpec> = {
  doc: { content: "block+" },
  text: { group: "inline" },
  /// The document's title; at most one is expected, at the top, but the
  /// schema does not insist (a concurrent edit could otherwise destroy it).
  title: inlineBlock("h1", "gl-title"),
  paragraph: {
    content: "inline*",
    group: "block",
    parseDOM: [{ tag: "p" }],
    toDOM: () => ["p", 0],
  },
  heading: {
    attrs: { level: { default: 2, validate: "number" } },
    content: "inline*",
    group: "block",
    defining: true,
    parseDOM: [2, 3, 4].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    toDOM: (node) => [`h${Math.min(4, Math.max(2, node.attrs.level as number))}`, 0],
  },
  blockquote: {
    content: "block+",
    group: "block",
    defining: true,
    parseDOM: [{ tag: "blockquote" }],
    toDOM: () => ["blockquote", 0],
  },
  ordered_list: {
    attrs: { order: { default: 1, validate: "number" } },
    content: "list_item+",
    group: "block",
    parseDOM: [
      {
        tag: "ol",
        getAttrs: (dom) => ({
          order: Number((dom as HTMLElement).getAttribute("start") ?? 1) || 1,
        }),
      },
    ],
    toDOM: (node) => (node.attrs.order === 1 ? ["ol", 0] : ["ol", { start: node.attrs.order }, 0]),
  },
  bullet_list: {
    content: "list_item+",
    group: "block",
    parseDOM: [{ tag: "ul" }],
    toDOM: () => ["ul", 0],
  },
  list_item: {
    content: "paragraph block*",
    defining: true,
    parseDOM: [{ tag: "li" }],
    toDOM: () => ["li", 0],
  },
  /// The date of a letter or filing, e.g. "December 21, 2018"; `iso` holds the
  /// parsed date (YYYY-MM-DD) when the importer could read it.
  date_line: inlineBlock("p", "gl-date", {
    attrs: { iso: { default: null } },
    toDOM: (node) => ["p", { class: "gl-date", "data-iso": node.attrs.iso ?? "" }, 0],
  }),
  salutation: inlineBlock("p", "gl-salutation"),
  closing: inlineBlock("p", "gl-closing"),
  /// One signing person or organisation; `abbreviation` is e.g. "HRF".
  signatory: inlineBlock("p", "gl-signatory", {
    attrs: { abbreviation: { default: null } },
    toDOM: () => ["p", { class: "gl-signatory" }, 0],
  }),
  /// One addressee. `copy` marks people the letter is copied to (cc) rather
  /// than addressed to; `name` and `office` are read from the text on import.
  addressee: inlineBlock("p", "gl-addressee", {
    attrs: { copy: { default: false }, name: { default: null }, office: { default: null } },
    toDOM: (node) => ["p", { class: node.attrs.copy ? "gl-addressee gl-cc" : "gl-addressee" }, 0],
  }),
  hard_break: {
    inline: true,
    group: "inline",
    selectable: false,
    parseDOM: [{ tag: "br" }],
    toDOM: () => ["br"],
  },
};

/// Returns `href` when it is a safe link target (http, https, mailto or a
/// relative/anchor link) and null otherwise: ProseMirror writes attributes
/// verbatim, so `javascript:` and `data:` URLs must never reach the DOM.
export function safeHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[#/]/.test(trimmed) && !trimmed.startsWith("//")) return trimmed;
  return null;
}

/// Mark specs. `annotation` carries only an id (the body lives in the
/// companion annotations document): `excludes: ""` lets annotations overlap
/// and `inclusive: false` keeps typing at an edge outside the annotation.
export const marks: Record<string, MarkSpec> = {
  strong: {
    parseDOM: [{ tag: "strong" }, { tag: "b" }],
    toDOM: () => ["strong", 0],
  },
  em: {
    parseDOM: [{ tag: "em" }, { tag: "i" }],
    toDOM: () => ["em", 0],
  },
  underline: {
    parseDOM: [{ tag: "u" }],
    toDOM: () => ["u", 0],
  },
  link: {
    attrs: { href: { validate: "string" }, title: { default: null } },
    inclusive: false,
    parseDOM: [
      {
        tag: "a[href]",
        getAttrs: (dom) => {
          const href = safeHref((dom as HTMLElement).getAttribute("href"));
          return href ? { href, title: (dom as HTMLElement).getAttribute("title") } : false;
        },
      },
    ],
    toDOM: (mark) => [
      "a",
      {
        href: safeHref(mark.attrs.href) ?? "#",
        title: mark.attrs.title,
        rel: "noopener noreferrer nofollow",
        target: "_blank",
      },
      0,
    ],
  },
  annotation: {
    attrs: { id: { validate: "string" } },
    excludes: "",
    inclusive: false,
    spanning: true,
    parseDOM: [
      {
        tag: "span[data-annotation]",
        getAttrs: (dom) => ({ id: (dom as HTMLElement).getAttribute("data-annotation") }),
      },
    ],
    toDOM: (mark) => ["span", { class: "gl-annotation", "data-annotation": mark.attrs.id }, 0],
  },
};

/// The one schema of Glossa documents, shared by the server and the browser.
export const schema = new Schema({ nodes, marks });
