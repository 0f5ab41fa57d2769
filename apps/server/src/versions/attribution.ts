import { BLOCK_SEPARATOR, LEAF_TEXT, schema } from "@glossa/schema";
import * as Y from "yjs";
import { TEXT_FIELD } from "../ydoc.ts";

/// Marks separators and other characters no Yjs item carries.
export const NO_CLIENT = -1;

/// A document's plain text (the convention of `DocumentText` in
/// @glossa/schema: textblocks joined by `BLOCK_SEPARATOR`, hard breaks as
/// `LEAF_TEXT`; the same string `docText` gives for the document) with, for every UTF-16 unit, the Yjs
/// client id of the item that inserted it.
export interface AttributedText {
  text: string;
  clients: Int32Array | number[];
  /// For every UTF-16 unit, the Yjs clock of its item's character (-1 for separators).
  clocks?: number[];
  /// The node type of each textblock, in order.
  blocks: string[];
}

/// Reads the text of `ydoc` straight from its Yjs items. Formatting items
/// (marks, annotation anchors included) have no length in the text and are
/// skipped, so adding or removing marks never shows as a text change.
export function attributedText(ydoc: Y.Doc): AttributedText {
  const parts: string[] = [];
  const clients: number[] = [];
  const clocks: number[] = [];
  const blocks: string[] = [];
  const push = (s: string, client: number, clock = -1) => {
    parts.push(s);
    for (let i = 0; i < s.length; i++) {
      clients.push(client);
      clocks.push(clock < 0 ? -1 : clock + i);
    }
  };
  readText(
    ydoc,
    (name) => {
      if (blocks.length) push(BLOCK_SEPARATOR, NO_CLIENT);
      blocks.push(name);
    },
    push,
  );
  return { text: parts.join(""), clients, clocks, blocks };
}

/// The text alone (`attributedText(ydoc).text`, equal to `docText` of the
/// document), without a ProseMirror copy or per-character records: what
/// search indexes (a 20,000,000-character document took 0.8–1.5 s through
/// `ydocToPm` and `docText`).
/// With `limit`, the walk stops once that many characters are read (the
/// result may be a little longer: the last run is whole). With `texts`, each
/// `Y.XmlText`'s string comes from that cache (read again only once changed).
export function plainText(
  ydoc: Y.Doc,
  limit = Number.POSITIVE_INFINITY,
  texts?: TextReader,
): string {
  const parts: string[] = [];
  let blocks = 0;
  let length = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  readText(
    ydoc,
    () => {
      if (blocks++) push(BLOCK_SEPARATOR);
    },
    push,
    () => length >= limit,
    texts,
  );
  return parts.join("");
}

/// Where a walk reads each `Y.XmlText`'s string from (`TextCache`, or the
/// search text's folded copies, `SearchText`).
export interface TextReader {
  read(text: Y.XmlText): string;
}

/// Yjs items the text walks read (instrumentation: a test counts the work
/// of refreshing a document's search text, never its time).
export const textReads = { items: 0 };

/// The visible string of each `Y.XmlText` of a loaded document, kept until
/// a transaction changes that text (issue 16: with 10,000 annotations the
/// letter ×10 is 31,000 Yjs items — each mark splits the text it covers —
/// and reading them all for the search text after each pause in typing
/// held the event loop 30–40 ms; a keystroke changes one text).
export class TextCache implements TextReader {
  private readonly texts = new WeakMap<Y.XmlText, string>();
  private readonly drop = (tr: Y.Transaction) => {
    for (const type of tr.changed.keys()) if (type instanceof Y.XmlText) this.texts.delete(type);
  };

  constructor(private readonly ydoc: Y.Doc) {
    ydoc.on("afterTransaction", this.drop);
  }

  /// The visible characters of `text` (its strings; formatting has no length).
  read(text: Y.XmlText): string {
    let s = this.texts.get(text);
    if (s === undefined) {
      const parts: string[] = [];
      for (let item = text._start; item; item = item.right) {
        textReads.items++;
        if (!item.deleted && item.countable && item.content instanceof Y.ContentString)
          parts.push(item.content.str);
      }
      s = parts.join("");
      this.texts.set(text, s);
    }
    return s;
  }

  dispose(): void {
    this.ydoc.off("afterTransaction", this.drop);
  }
}

/// Walks the textblocks of `ydoc` in document order: `block` at each, then
/// `run` for each string and hard break in it, with the Yjs id it came from.
function readText(
  ydoc: Y.Doc,
  block: (name: string) => void,
  run: (s: string, client: number, clock?: number) => void,
  /// Stop walking once this says so.
  done: () => boolean = () => false,
  /// Each text's string from here, in one run (no client or clock).
  texts?: TextReader,
): void {
  const inline = (child: Y.XmlText | Y.XmlElement) => {
    if (child instanceof Y.XmlText && texts) {
      const s = texts.read(child);
      if (s) run(s, NO_CLIENT);
    } else if (child instanceof Y.XmlText) {
      let item = child._start;
      while (item && !done()) {
        textReads.items++;
        if (!item.deleted && item.countable && item.content instanceof Y.ContentString) {
          run(item.content.str, item.id.client, item.id.clock);
        }
        item = item.right;
      }
    } else {
      // An inline leaf (hard break).
      run(LEAF_TEXT, child._item?.id.client ?? NO_CLIENT, child._item?.id.clock ?? -1);
    }
  };
  readPieces(ydoc, block, inline, done);
}

/// Walks the textblocks of `ydoc` in document order: `block` at each, then
/// `inline` for each of its texts and inline leaves.
function readPieces(
  ydoc: Y.Doc,
  block: (name: string) => void,
  inline: (child: Y.XmlText | Y.XmlElement) => void,
  done: () => boolean = () => false,
): void {
  const textblock = (el: Y.XmlElement) => {
    block(el.nodeName);
    for (const child of el.toArray()) {
      if (done()) return;
      if (child instanceof Y.XmlText || child instanceof Y.XmlElement) inline(child);
    }
  };
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (done()) return;
      if (!(child instanceof Y.XmlElement)) continue;
      const type = schema.nodes[child.nodeName];
      if (!type) continue; // y-prosemirror drops what the schema does not know
      if (type.isTextblock) textblock(child);
      else if (!type.isLeaf) walk(child);
    }
  };
  walk(ydoc.getXmlFragment(TEXT_FIELD));
}

/// The pieces of the text of `ydoc` in order, as `plainText` reads them:
/// each textblock's `Y.XmlText`s, `LEAF_TEXT` for a hard break, and
/// `BLOCK_SEPARATOR` between textblocks (what a search-text refresh keeps
/// while only the texts change: `SearchText`); `null` after each block
/// visited, where the caller may pause (the walk is lazy).
export function* textPieces(ydoc: Y.Doc): Generator<string | Y.XmlText | null> {
  let blocks = 0;
  function* walk(parent: Y.XmlFragment | Y.XmlElement): Generator<string | Y.XmlText | null> {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const type = schema.nodes[child.nodeName];
      if (!type) continue; // y-prosemirror drops what the schema does not know
      if (type.isTextblock) {
        if (blocks++) yield BLOCK_SEPARATOR;
        for (const c of child.toArray()) {
          if (c instanceof Y.XmlText) yield c;
          else if (c instanceof Y.XmlElement) yield LEAF_TEXT;
        }
      } else if (!type.isLeaf) yield* walk(child);
      yield null;
    }
  }
  yield* walk(ydoc.getXmlFragment(TEXT_FIELD));
}

/// A document rebuilt from a stored state.
export function ydocFromState(state: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  return ydoc;
}
