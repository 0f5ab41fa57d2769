import type * as Y from "yjs";
import { AnchorIndex } from "./anchorIndex.ts";

/// The anchor index of each loaded text document (`AnchorIndex`), made on
/// first use and dropped with the document. At 10,000 annotations reading
/// every text's marks is one 0.1–0.2 s step (issue 16): `ready` makes it in
/// slices that give the event loop back between them.
export class AnchorIndexes {
  private readonly indexes = new WeakMap<Y.Doc, AnchorIndex>();

  /// The index of `text`, complete (made in one step if need be).
  get(text: Y.Doc, fragment: Y.XmlFragment, records: Y.Map<unknown>): AnchorIndex {
    const index = this.start(text, fragment, records);
    while (index.readPending(Number.POSITIVE_INFINITY));
    return index;
  }

  /// The index of `text`, complete, its texts read at most ~`sliceMs` at a time.
  async ready(
    text: Y.Doc,
    fragment: Y.XmlFragment,
    records: Y.Map<unknown>,
    sliceMs: number,
  ): Promise<AnchorIndex> {
    let index = this.start(text, fragment, records);
    while (index.readPending(sliceMs)) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Replaced meanwhile (the records map changed): read the new one.
      index = this.start(text, fragment, records);
    }
    return index;
  }

  private start(text: Y.Doc, fragment: Y.XmlFragment, records: Y.Map<unknown>): AnchorIndex {
    let index = this.indexes.get(text);
    if (!index || index.records !== records) {
      index?.destroy();
      index = new AnchorIndex(fragment, records, true);
      this.indexes.set(text, index);
    }
    return index;
  }
}
