import type { Node as PMNode } from "prosemirror-model";
import { type EditorState, Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

/// One numbered paragraph: its number and where its content lies.
export interface NumberedParagraph {
  paragraph: number;
  /// Position of the paragraph node, and of the start / end of its content.
  pos: number;
  from: number;
  to: number;
}

/// Paragraph numbers (¶ 1, ¶ 2 …), numbered as the server numbers them
/// (docs/api.md): every `paragraph` textblock with some non-blank text, in
/// document order — top-level paragraphs, paragraphs of list items and of
/// block quotes alike. Title, date line, headings, signatories, addressees
/// and empty paragraphs are not numbered, so a number changes only when a
/// numbered paragraph before it is added, removed, emptied, split or joined.
export function numberParagraphs(doc: PMNode): NumberedParagraph[] {
  const out: NumberedParagraph[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (node.type.name === "paragraph" && node.textContent.trim() !== "") {
      out.push({
        paragraph: out.length + 1,
        pos,
        from: pos + 1,
        to: pos + 1 + node.content.size,
      });
    }
    return false;
  });
  return out;
}

interface ParagraphState {
  paragraphs: NumberedParagraph[];
  decorations: DecorationSet;
}

/// Key of the paragraph-numbers plugin.
export const paragraphNumbersKey = new PluginKey<ParagraphState>("glossaParagraphNumbers");

function build(doc: PMNode): ParagraphState {
  const paragraphs = numberParagraphs(doc);
  const decorations = DecorationSet.create(
    doc,
    paragraphs.map((p) =>
      Decoration.node(p.pos, p.to + 1, {
        class: "gl-pnum",
        "data-pnum": `¶ ${p.paragraph}`,
        "data-paragraph": String(p.paragraph),
      }),
    ),
  );
  return { paragraphs, decorations };
}

/// Shows each numbered paragraph's ¶ number in the left margin of the text
/// (a node decoration: the number is drawn by CSS, so it is never part of
/// the text, the selection or what is copied).
export function paragraphNumbersPlugin(): Plugin<ParagraphState> {
  return new Plugin<ParagraphState>({
    key: paragraphNumbersKey,
    state: {
      init: (_config, state) => build(state.doc),
      apply: (tr, prev) => (tr.docChanged ? build(tr.doc) : prev),
    },
    props: {
      decorations: (state) => paragraphNumbersKey.getState(state)?.decorations ?? null,
    },
  });
}

/// The numbered paragraphs of the editor's document (computed when the plugin is absent).
export function paragraphsOf(state: EditorState): NumberedParagraph[] {
  return paragraphNumbersKey.getState(state)?.paragraphs ?? numberParagraphs(state.doc);
}

/// The number of the paragraph holding position `pos`, or null outside numbered paragraphs.
export function paragraphAt(state: EditorState, pos: number): number | null {
  const ps = paragraphsOf(state);
  let lo = 0;
  let hi = ps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = ps[mid]!;
    if (pos < p.from) hi = mid - 1;
    else if (pos > p.to) lo = mid + 1;
    else return p.paragraph;
  }
  return null;
}
