import { ANNOTATIONS_FIELD, TEXT_FIELD } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";

export { ANNOTATIONS_FIELD, TEXT_FIELD };

/// Encodes a ProseMirror document as a Yjs update of a fresh document.
export function pmDocToUpdate(doc: Node): Uint8Array {
  const ydoc = new Y.Doc();
  prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(TEXT_FIELD));
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

/// The ProseMirror document held by a Y.Doc.
export function ydocToPm(ydoc: Y.Doc): Node {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(TEXT_FIELD), schema);
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
