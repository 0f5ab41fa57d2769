/// The schema guard's fast path (issue 16, the keystroke path): an update
/// proven, from its bytes and the live document, to do nothing but insert
/// unformatted characters into an existing `XmlText` — right after a visible
/// character, after deleted items that follow one (a key after a backspace),
/// or where only deleted items precede — and delete characters of existing
/// `XmlText`s cannot make a block break the schema (every block holding text
/// is `inline*`; the new text takes the formatting that visible character
/// already shows, or none at the start). Such an update needs no application to the
/// guard's copy (`TextGuard.check`); anything else, or anything not proven,
/// takes the full path.
import * as Y from "yjs";
import { Cursor } from "./updateScan.ts";

/// Structs a deleted range may cover on the fast path (more: full path).
const MAX_DELETED_STRUCTS = 64;
/// Deleted structs typed text may follow before a visible one (more: full path).
const MAX_HIDDEN_LEFT = 64;

class NotPlain extends Error {}
const no = (): never => {
  throw new NotPlain();
};

/// A text of the fragment: an `XmlText` inside a block element.
function isBlockText(parent: unknown): parent is Y.XmlText {
  return (
    parent instanceof Y.XmlText &&
    !!parent._item &&
    parent._item.parent instanceof Y.XmlElement &&
    parent._item.parentSub === null
  );
}

/// The live item holding `client`'s `clock`, or none.
function itemAt(doc: Y.Doc, client: number, clock: number): Y.Item {
  if (clock >= Y.getState(doc.store, client)) no();
  const s = Y.getItem(doc.store, Y.createID(client, clock));
  return s instanceof Y.Item ? s : no();
}

/// Typed right after deleted text (a keystroke after a backspace): the new
/// text takes the formatting of what is visible before that deleted run,
/// since deleted items format nothing. Only when that is a visible
/// character (its formatting shown and checked) or the text's start (none)
/// is it proven; a visible format item there — formatting only deleted text
/// ever carried, never checked — takes the full path.
function shownBefore(deleted: Y.Item): void {
  let s: Y.Item | null = deleted;
  for (let n = 0; s !== null && s.deleted; s = s.left) if (++n > MAX_HIDDEN_LEFT) no();
  if (s !== null && !(s.content instanceof Y.ContentString)) no();
}

/// The id right of `clock` inside or after `item` (what Yjs integrates
/// an item after `clock` against), as "client:clock" or "" at the end.
function rightOf(item: Y.Item, clock: number): string {
  if (clock < item.id.clock + item.length - 1) return `${item.id.client}:${clock + 1}`;
  return item.right ? `${item.right.id.client}:${item.right.id.clock}` : "";
}

/// One struct of the update: a plain string placed with no conflict.
function plainStruct(c: Cursor, doc: Y.Doc): number {
  const info = c.byte();
  if ((info & 0x1f) !== 4 || (info & 0xc0) === 0) no(); // a string placed by its neighbours
  let left: Y.Item | null = null;
  let leftClock = 0;
  if (info & 0x80) {
    const client = c.uint();
    leftClock = c.uint();
    left = itemAt(doc, client, leftClock);
    // After an item of a block's text: a visible character (the new text takes
    // its formatting) or a deleted item (its content maybe collected:
    // `ContentDeleted`), then what is visible before it decides (`shownBefore`).
    if (left.parentSub !== null || !isBlockText(left.parent)) no();
    if (!left.deleted && !(left.content instanceof Y.ContentString)) no();
    if (left.deleted) shownBefore(left);
  }
  let right = "";
  if (info & 0x40) {
    const client = c.uint();
    const clock = c.uint();
    right = `${client}:${clock}`;
    if (!left) {
      // At the start of a block's text: no formatting.
      const item = itemAt(doc, client, clock);
      if (item.id.clock !== clock || item.left !== null || item.parentSub !== null) no();
      if (!isBlockText(item.parent)) no();
    }
  }
  // Directly between its neighbours as the document holds them: no concurrent
  // insert (a format item, say) between them decides where it lands.
  if (left && rightOf(left, leftClock) !== right) no();
  const len = c.string().length;
  return len > 0 ? len : no();
}

/// Deleted ranges: characters (or what is deleted already) of blocks' texts.
function plainDeletions(c: Cursor, doc: Y.Doc): void {
  const clients = c.uint();
  let visited = 0;
  for (let d = 0; d < clients; d++) {
    const client = c.uint();
    const n = c.uint();
    const structs = doc.store.clients.get(client);
    for (let i = 0; i < n; i++) {
      const clock = c.uint();
      const len = c.uint();
      if (!structs || len === 0 || clock + len > Y.getState(doc.store, client)) no();
      for (let k = Y.findIndexSS(structs!, clock); k < structs!.length; k++) {
        const s = structs![k]!;
        if (s.id.clock >= clock + len) break;
        if (++visited > MAX_DELETED_STRUCTS || !(s instanceof Y.Item)) no();
        const item = s as Y.Item;
        if (item.deleted) continue;
        if (!(item.content instanceof Y.ContentString) || item.parentSub !== null) no();
        if (!isBlockText(item.parent)) no();
      }
    }
  }
}

/// Work of the fast path counted (tests: work, not time).
export const plainStats = { proven: 0, refused: 0 };

/// Whether `update` (Yjs V1, already scanned and within limits) only types
/// or deletes characters in blocks' existing texts of `doc`.
export function plainTextEdit(update: Uint8Array, doc: Y.Doc): boolean {
  try {
    const c = new Cursor(update);
    const sections = c.uint();
    const seen = new Set<number>();
    for (let s = 0; s < sections; s++) {
      const n = c.uint();
      const client = c.uint();
      const from = c.uint();
      // Each client once, continuing exactly where the document holds it.
      if (seen.has(client) || from !== Y.getState(doc.store, client)) no();
      seen.add(client);
      for (let i = 0; i < n; i++) plainStruct(c, doc);
    }
    plainDeletions(c, doc);
    if (c.pos !== update.length) no();
    plainStats.proven += 1;
    return true;
  } catch {
    plainStats.refused += 1;
    return false;
  }
}
