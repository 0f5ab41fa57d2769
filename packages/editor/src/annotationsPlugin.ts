import { annotationRanges, stripAnnotationMarks } from "@glossa/annotations";
import type { Node } from "prosemirror-model";
import { type EditorState, Plugin, PluginKey, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";

/// How the editor should show one annotation.
export interface AnnotationView {
  id: string;
  kind: string;
  resolved: boolean;
  /// Hidden by the sidebar's filters.
  hidden?: boolean;
}

/// Plugin state: what is known about annotations, which one is active, and
/// the decorations drawn over their marks.
export interface AnnotationsState {
  views: Map<string, AnnotationView>;
  active: string | null;
  decorations: DecorationSet;
}

type Meta = { views?: Map<string, AnnotationView>; active?: string | null };

export const annotationsKey = new PluginKey<AnnotationsState>("glossa-annotations");

function decorate(
  doc: Node,
  views: Map<string, AnnotationView>,
  active: string | null,
): DecorationSet {
  const decos: Decoration[] = [];
  for (const [id, ranges] of annotationRanges(doc)) {
    const v = views.get(id);
    if (v?.hidden) continue;
    const cls = [
      "gl-ann",
      `gl-ann-${/^[a-z0-9-]+$/.test(v?.kind ?? "") ? v!.kind : "other"}`,
      v?.resolved ? "gl-ann-resolved" : "",
      v ? "" : "gl-ann-pending",
      id === active ? "gl-ann-active" : "",
    ]
      .filter(Boolean)
      .join(" ");
    for (const r of ranges)
      decos.push(Decoration.inline(r.from, r.to, { class: cls, "data-ann": id }));
  }
  return DecorationSet.create(doc, decos);
}

/// Sets what the editor knows about annotations (from the annotations
/// document) and/or which one is active.
export function setAnnotationViews(tr: Transaction, meta: Meta): Transaction {
  return tr.setMeta(annotationsKey, meta);
}

/// The active annotation, if any.
export function activeAnnotation(state: EditorState): string | null {
  return annotationsKey.getState(state)?.active ?? null;
}

/// Draws annotation marks by kind and state, keeps track of the active one,
/// reports clicks on annotated text, and strips annotation marks from pasted
/// content so that copy-paste never duplicates a live thread.
export function annotationsPlugin(
  options: { onActivate?: (id: string | null, view: EditorView) => void } = {},
): Plugin<AnnotationsState> {
  return new Plugin<AnnotationsState>({
    key: annotationsKey,
    state: {
      init: (_, state) => ({
        views: new Map(),
        active: null,
        decorations: decorate(state.doc, new Map(), null),
      }),
      apply(tr, prev, _old, state) {
        const meta = tr.getMeta(annotationsKey) as Meta | undefined;
        if (!meta && !tr.docChanged) return prev;
        const views = meta?.views ?? prev.views;
        const active = meta && "active" in meta ? (meta.active ?? null) : prev.active;
        // Marks move with the text; re-derive rather than map so overlapping
        // and split ranges stay exact.
        return { views, active, decorations: decorate(state.doc, views, active) };
      },
    },
    props: {
      decorations: (state) => annotationsKey.getState(state)?.decorations,
      transformPasted: (slice) => stripAnnotationMarks(slice),
      handleClick(view, pos) {
        const ids = annotationIdsAtPos(view.state.doc, pos);
        const current = activeAnnotation(view.state);
        // Clicking again on overlapping annotations cycles through them.
        const next = ids.length
          ? (ids[(ids.indexOf(current ?? "") + 1) % ids.length] ?? null)
          : null;
        if (next !== current) {
          view.dispatch(setAnnotationViews(view.state.tr, { active: next }));
          options.onActivate?.(next, view);
        }
        return false;
      },
    },
  });
}

/// Ids of the annotations covering the character at `pos`.
export function annotationIdsAtPos(doc: Node, pos: number): string[] {
  if (pos < 0 || pos >= doc.content.size) return [];
  const node = doc.resolve(pos).nodeAfter ?? doc.resolve(pos).nodeBefore;
  if (!node?.isInline) return [];
  return node.marks.filter((m) => m.type.name === "annotation").map((m) => m.attrs.id as string);
}
