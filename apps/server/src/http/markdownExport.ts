import { schema } from "@glossa/schema";
import {
  defaultMarkdownSerializer,
  MarkdownSerializer,
  type MarkdownSerializerState,
} from "prosemirror-markdown";
import { type Mark, type Node, Schema } from "prosemirror-model";
import type { ExportModel } from "../versions/exportModel.ts";
import type { ExportOptions } from "./docxExport.ts";

/// The letter's schema plus an inline `note_ref` (a footnote reference
/// `[^n]`), the shape the Markdown serializer writes from.
const mdSchema = new Schema({
  nodes: schema.spec.nodes.addToEnd("note_ref", {
    inline: true,
    group: "inline",
    atom: true,
    attrs: { n: { validate: "number" } },
  }),
  marks: schema.spec.marks,
});

const inline = (state: MarkdownSerializerState, node: Node) => {
  state.renderInline(node);
  state.closeBlock(node);
};

/// `prosemirror-markdown`'s CommonMark serializer taught the letter's
/// blocks (title `#`, headings `##`–`####`, date line, salutation, closing,
/// signatories and addressees as paragraphs) and Glossa's footnote
/// references. Underline and annotation marks have no Markdown form. `<`,
/// `>` and `|` are escaped too, so nothing in the text becomes HTML or a table.
const serializer = new MarkdownSerializer(
  {
    ...defaultMarkdownSerializer.nodes,
    title(state, node) {
      state.write("# ");
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    heading(state, node) {
      const level = Math.min(4, Math.max(2, Number(node.attrs.level) || 2));
      state.write(`${state.repeat("#", level)} `);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    date_line: inline,
    salutation: inline,
    closing: inline,
    signatory: inline,
    addressee: inline,
    note_ref(state, node) {
      state.write(`[^${node.attrs.n}]`);
    },
  },
  {
    ...defaultMarkdownSerializer.marks,
    underline: { open: "", close: "" },
    annotation: { open: "", close: "" },
    link: {
      open: "[",
      close: (_state: MarkdownSerializerState, mark: Mark) =>
        `](<${String(mark.attrs.href).replace(/[<>\s]/g, encodeURIComponent)}>)`,
    },
  },
  { escapeExtraCharacters: /[<>|]/g, strict: false },
);

/// The text of the model as a document of `mdSchema`: each textblock's
/// runs with their formatting and links (citations linked to their
/// official source), a `[^n]` after the last run of each annotation, and
/// `¶ n` before numbered paragraphs when `numbers` is on.
function mdDoc(m: ExportModel, options: ExportOptions): Node {
  const s = mdSchema;
  const convert = (node: Node, pos: number): Node => {
    const type = s.nodes[node.type.name]!;
    if (!node.isTextblock) {
      const children: Node[] = [];
      node.forEach((child, offset) => {
        children.push(convert(child, pos + 1 + offset));
      });
      return type.create(node.attrs, children);
    }
    const content: Node[] = [];
    const n = node.type.name === "paragraph" && options.numbers ? m.paragraphAt(pos + 1) : null;
    if (n) content.push(s.text(`¶ ${n} `));
    for (const r of m.runs(node, pos + 1)) {
      if (r.hardBreak) content.push(s.nodes.hard_break!.create());
      else if (r.text) {
        const marks: Mark[] = [];
        if (r.strong) marks.push(s.marks.strong!.create());
        if (r.em) marks.push(s.marks.em!.create());
        if (r.href) marks.push(s.marks.link!.create({ href: r.href }));
        content.push(s.text(r.text, marks));
      }
      for (const x of r.closes) content.push(s.nodes.note_ref!.create({ n: x }));
    }
    return type.create(node.attrs, content);
  };
  const blocks: Node[] = [];
  m.doc.forEach((child, offset) => {
    blocks.push(convert(child, offset));
  });
  return s.nodes.doc!.create(null, blocks);
}

/// The text of the annotated document in Markdown (CommonMark, footnote
/// references `[^n]` as GitHub and Pandoc read them).
export function markdownText(m: ExportModel, options: ExportOptions): string {
  return serializer.serialize(mdDoc(m, options), { tightLists: true });
}
