import { type NumberedParagraph, numberParagraphs } from "@glossa/schema";
import type { Node as PMNode } from "prosemirror-model";
import { type EditorState, Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

// The ¶ numbers of the editor: one plugin over the rule of `@glossa/schema`
// (`numberParagraphs`, `isNumberedParagraph`), the same rule the server,
// its exports and the table of authorities number by.

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
