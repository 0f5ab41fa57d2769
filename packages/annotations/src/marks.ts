import { Fragment, type Mark, type MarkType, type Node, Slice } from "prosemirror-model";
import type { EditorState, Transaction } from "prosemirror-state";
import { ID_PATTERN } from "./model.ts";

/// A ProseMirror command.
export type Command = (state: EditorState, dispatch?: (tr: Transaction) => void) => boolean;

/// A range of document positions, end exclusive.
export interface Range {
  from: number;
  to: number;
}

/// Name of the mark type that anchors annotations.
export const ANNOTATION_MARK = "annotation";

function markType(doc: Node): MarkType {
  const type = doc.type.schema.marks[ANNOTATION_MARK];
  if (!type) throw new RangeError(`The schema has no "${ANNOTATION_MARK}" mark`);
  return type;
}

const isAnnotation = (m: Mark) => m.type.name === ANNOTATION_MARK;

/// Whether [from, to) holds text an annotation can be placed on.
function hasText(doc: Node, from: number, to: number): boolean {
  let found = false;
  doc.nodesBetween(from, to, (node) => {
    if (found) return false;
    if (node.isInline) found = true;
    return !found;
  });
  return found;
}

/// Adds the annotation mark with `id` over [from, to). Fails when the range
/// is empty, out of the document or holds no text, when `id` is malformed, or
/// when the document already carries `id` (one anchor per annotation; use
/// `removeAnnotationMark` first to move it).
export function addAnnotationMark(from: number, to: number, id: string): Command {
  return (state, dispatch) => {
    const { doc } = state;
    if (!ID_PATTERN.test(id) || !(from >= 0 && to <= doc.content.size && from < to)) return false;
    if (!hasText(doc, from, to) || findAnnotationRanges(doc, id).length) return false;
    if (dispatch) dispatch(state.tr.addMark(from, to, markType(doc).create({ id })));
    return true;
  };
}

/// Removes every mark of annotation `id`; fails when there is none.
export function removeAnnotationMark(id: string): Command {
  return (state, dispatch) => {
    if (!findAnnotationRanges(state.doc, id).length) return false;
    if (dispatch) {
      const mark = markType(state.doc).create({ id });
      dispatch(state.tr.removeMark(0, state.doc.content.size, mark));
    }
    return true;
  };
}

/// The ranges the mark of annotation `id` covers, in document order. Adjacent
/// inline nodes merge into one range; a span broken by a block boundary or by
/// unmarked text gives several.
export function findAnnotationRanges(doc: Node, id: string): Range[] {
  const ranges: Range[] = [];
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    if (node.marks.some((m) => isAnnotation(m) && m.attrs.id === id)) {
      const last = ranges[ranges.length - 1];
      if (last && last.to === pos) last.to = pos + node.nodeSize;
      else ranges.push({ from: pos, to: pos + node.nodeSize });
    }
    return false;
  });
  return ranges;
}

/// Every annotation id found in `doc` with the ranges of each, in order of
/// first appearance.
export function annotationRanges(doc: Node): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    for (const m of node.marks) {
      if (!isAnnotation(m)) continue;
      const id = m.attrs.id as string;
      let ranges = out.get(id);
      if (!ranges) {
        ranges = [];
        out.set(id, ranges);
      }
      const last = ranges[ranges.length - 1];
      if (last && last.to === pos) last.to = pos + node.nodeSize;
      else ranges.push({ from: pos, to: pos + node.nodeSize });
    }
    return false;
  });
  return out;
}

/// The ids of the annotations anchored in `doc`, in order of first appearance.
export function annotationIdsInDoc(doc: Node): string[] {
  return [...annotationRanges(doc).keys()];
}

/// The ids of the annotations at `pos`: those on the character after it and
/// those on the character before it (so a position at either edge of a span
/// counts), in that order, without repeats.
export function annotationsAt(doc: Node, pos: number): string[] {
  if (pos < 0 || pos > doc.content.size) return [];
  const $pos = doc.resolve(pos);
  const ids: string[] = [];
  for (const node of [$pos.nodeAfter, $pos.nodeBefore]) {
    if (!node?.isInline) continue;
    for (const m of node.marks)
      if (isAnnotation(m) && !ids.includes(m.attrs.id as string)) ids.push(m.attrs.id as string);
  }
  return ids;
}

function mapFragment(fragment: Fragment, keep: (id: string) => boolean): Fragment {
  const nodes: Node[] = [];
  fragment.forEach((node) => {
    if (node.isInline) {
      const marks = node.marks.filter((m) => !isAnnotation(m) || keep(m.attrs.id as string));
      nodes.push(marks.length === node.marks.length ? node : node.mark(marks));
    } else nodes.push(node.copy(mapFragment(node.content, keep)));
  });
  return Fragment.fromArray(nodes);
}

/// Strips annotation marks from a pasted or dropped slice, so that copying
/// annotated text never makes a second anchor for a live thread. Use it as
/// (or in) the editor's `transformPasted` prop. `keep` may spare some ids,
/// e.g. `id => !liveIds.has(id) && store has a detached body for id` to let
/// cut-and-paste carry a thread along with its text.
export function stripAnnotationMarks(
  slice: Slice,
  keep: (id: string) => boolean = () => false,
): Slice {
  return new Slice(mapFragment(slice.content, keep), slice.openStart, slice.openEnd);
}
