/// Names of the shared types inside a document's two Yjs documents; server,
/// client and tests read the same fields through these.

/// The text document's `Y.XmlFragment` (y-prosemirror's default name).
export const TEXT_FIELD = "prosemirror";
/// The annotations document's `Y.Map` of annotation records.
export const ANNOTATIONS_FIELD = "annotations";
/// The annotations document's `Y.Map` of the Yjs items each anchor was made on.
export const ANCHOR_ITEMS_FIELD = "anchorItems";
