import { ANNOTATIONS_FIELD, TEXT_FIELD } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import type * as YProsemirror from "y-prosemirror";
import * as Y from "yjs";

export { ANNOTATIONS_FIELD, TEXT_FIELD };

let conversions: typeof YProsemirror | null = null;
let loading: Promise<typeof YProsemirror> | null = null;

/// Loads y-prosemirror (with prosemirror-view and prosemirror-state, ~1 MiB
/// of heap that a server nobody writes to or annotates does not need; issue
/// 16, idle memory). The conversions below are synchronous: every path that
/// converts awaits this first (`AnnotationService.withDocuments`, document
/// creation and reading, imports, versions), and they refuse to run before.
export function loadConversions(): Promise<typeof YProsemirror> {
  loading ??= import("y-prosemirror").then((m) => {
    conversions = m;
    return m;
  });
  return loading;
}

/// y-prosemirror, once `loadConversions` has loaded it.
export function yProsemirror(): typeof YProsemirror {
  if (!conversions) throw new Error("y-prosemirror is not loaded: await loadConversions() first.");
  return conversions;
}

/// Encodes a ProseMirror document as a Yjs update of a fresh document.
export function pmDocToUpdate(doc: Node): Uint8Array {
  const ydoc = new Y.Doc();
  yProsemirror().prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(TEXT_FIELD));
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

/// The ProseMirror document held by a Y.Doc.
export function ydocToPm(ydoc: Y.Doc): Node {
  return fragmentToPm(ydoc.getXmlFragment(TEXT_FIELD));
}

/// The ProseMirror document held by a document's text fragment.
export function fragmentToPm(fragment: Y.XmlFragment): Node {
  return yProsemirror().yXmlFragmentToProseMirrorRootNode(fragment, schema);
}

/// Applies stored parts (snapshot then journal) to a fresh Y.Doc.
export function ydocFromParts(parts: Uint8Array[]): Y.Doc {
  const ydoc = new Y.Doc();
  for (const part of parts) Y.applyUpdate(ydoc, part);
  return ydoc;
}

/// Merges stored parts into one compact update (garbage-collected).
export function mergeParts(parts: Uint8Array[]): Uint8Array {
  const ydoc = ydocFromParts(parts);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}
