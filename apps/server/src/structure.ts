import { CloseEvents } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import { type ContentMatch, Mark, type Node } from "prosemirror-model";
import * as Y from "yjs";
import { HttpError } from "./http/http.ts";
import { LOAD_STEP, loadSteps, nextTurn } from "./loadSteps.ts";
import { TEXT_FIELD } from "./ydoc.ts";

/// Any Yjs type, as a transaction's `changed` holds them.
// biome-ignore lint/suspicious/noExplicitAny: Yjs types its shared types by their event.
export type YType = Y.AbstractType<any>;

/// Why the text of a document does not fit the schema, in words for a person.
export class StructureError extends Error {}

/// A stored document whose text is broken: not served (HTTP 423, and the
/// websocket refuses it with this reason) until an administrator repairs it.
export class DocumentQuarantined extends HttpError {
  readonly reason = CloseEvents.Quarantined.reason;
  constructor(readonly problem: string) {
    super(423, "quarantined", CloseEvents.Quarantined.reason);
  }
}

/// Deepest nesting of blocks accepted (blockquotes and lists inside each
/// other); deeper documents are refused before recursion can exhaust the stack.
export const MAX_DEPTH = 64;

const MARK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/// y-prosemirror stores marks that may overlap themselves (annotations)
/// under `<name>--<8-character hash>`; this is its own pattern.
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;
const markName = (key: string) => HASHED_MARK.exec(key)?.[1] ?? key;

/// The parts of a Yjs type read here (its child list and its map part).
interface TypeParts {
  _start: Y.Item | null;
  _map: Map<string, Y.Item>;
}

const fail = (message: string): never => {
  throw new StructureError(message);
};

type Primitive = string | number | boolean | null;
const isPrimitive = (v: unknown): v is Primitive =>
  v === null || typeof v === "string" || typeof v === "boolean" || Number.isFinite(v);

/// Visible items of a type's child list, oldest to newest position.
function* visibleChildren(type: TypeParts): Generator<Y.Item> {
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) yield item;
  }
}

/// Visible attribute entries of a type (its map part).
function* visibleEntries(type: TypeParts): Generator<[string, Y.Item]> {
  for (const [key, item] of type._map) if (!item.deleted) yield [key, item];
}

/// The element an item holds, when it is exactly a `Y.XmlElement`.
function elementOf(item: Y.Item): Y.XmlElement | null {
  const c = item.content;
  return c instanceof Y.ContentType && c.type.constructor === Y.XmlElement
    ? (c.type as Y.XmlElement)
    : null;
}

/// Converts one Yjs element to a ProseMirror node, checking everything
/// y-prosemirror would otherwise repair by deleting: the Yjs type of every
/// value, node names, attributes (names, JSON primitives, the schema's
/// `validate`), marks and content expressions (`createChecked`). Unlike
/// y-prosemirror's conversion it never writes to the document.
export function elementToNode(el: Y.XmlElement, depth = 0): Node {
  if (depth > MAX_DEPTH) fail("blocks are nested too deeply");
  const type = schema.nodes[el.nodeName];
  if (!type || type === schema.topNodeType || type.isText) {
    fail(`unknown kind of block "${el.nodeName.slice(0, 40)}"`);
  }
  const attrs: Record<string, Primitive> = {};
  for (const [key, item] of visibleEntries(el)) {
    const c = item.content;
    const value = c instanceof Y.ContentAny ? c.arr[c.arr.length - 1] : undefined;
    if (!(key in (type!.spec.attrs ?? {}))) fail(`unknown setting "${key.slice(0, 40)}"`);
    if (!isPrimitive(value)) fail(`setting "${key.slice(0, 40)}" has a value of the wrong kind`);
    attrs[key] = value as Primitive;
  }
  const children: Node[] = [];
  for (const item of visibleChildren(el)) {
    const child = elementOf(item);
    if (child) {
      children.push(elementToNode(child, depth + 1));
      continue;
    }
    const c = item.content;
    if (!(c instanceof Y.ContentType) || c.type.constructor !== Y.XmlText) {
      fail(`a "${el.nodeName}" holds data of a kind documents do not contain`);
    }
    for (const node of textNodes((c as Y.ContentType).type as Y.XmlText)) children.push(node);
  }
  try {
    return type!.createChecked(attrs, children);
  } catch (err) {
    return fail(
      `a "${el.nodeName}" does not fit the document structure (${(err as Error).message})`,
    );
  }
}

/// The text nodes of a `Y.XmlText`: strings with known, valid marks only.
function textNodes(text: Y.XmlText): Node[] {
  for (const _ of visibleEntries(text)) fail("a piece of text carries settings");
  for (const item of visibleChildren(text)) {
    if (!(item.content instanceof Y.ContentString) && !(item.content instanceof Y.ContentFormat)) {
      fail("a piece of text holds data of a kind documents do not contain");
    }
  }
  const out: Node[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== "string") fail("a piece of text holds an embedded object");
    let set = Mark.none;
    let count = 0;
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const name = markName(key);
      const markType = schema.marks[name];
      if (!markType) fail(`unknown formatting "${name.slice(0, 40)}"`);
      if (value !== null && (typeof value !== "object" || Array.isArray(value))) {
        fail(`formatting "${name}" has settings of the wrong kind`);
      }
      const attrs = (value ?? {}) as Record<string, unknown>;
      if (name === "annotation" && (typeof attrs.id !== "string" || !MARK_ID.test(attrs.id))) {
        fail("an annotation anchor is malformed");
      }
      for (const [k, v] of Object.entries(attrs)) {
        if (!(k in (markType!.spec.attrs ?? {})) || !isPrimitive(v)) {
          fail(`formatting "${name}" has an unknown or malformed setting`);
        }
      }
      try {
        set = markType!.create(attrs).addToSet(set);
      } catch (err) {
        fail(`formatting "${name}" is malformed (${(err as Error).message})`);
      }
      count++;
    }
    if (set.length !== count) fail("a piece of text carries conflicting formatting");
    out.push(schema.text(op.insert as string, set));
  }
  return out;
}

/// Checks the top level of the text: only elements, no settings, and a
/// sequence of blocks the schema's `doc` accepts. Returns the elements.
export function checkTopLevel(fragment: Y.XmlFragment): Y.XmlElement[] {
  for (const _ of visibleEntries(fragment)) fail("the document carries data outside its text");
  const blocks: Y.XmlElement[] = [];
  let match: ReturnType<typeof schema.topNodeType.contentMatch.matchType> =
    schema.topNodeType.contentMatch;
  for (const item of visibleChildren(fragment)) {
    structureStats.topLevelVisits += 1;
    const el = elementOf(item);
    if (!el) return fail("the top level of the document holds something that is not a block");
    const type = schema.nodes[el.nodeName];
    match = type ? (match?.matchType(type) ?? null) : null;
    if (!match) fail(`"${el.nodeName.slice(0, 40)}" cannot stand at the top of a document`);
    blocks.push(el);
  }
  if (!match?.validEnd) fail("the document would have no blocks");
  return blocks;
}

/// The content match after one block at the top of a document, when the
/// top accepts any sequence of one or more blocks (`block+`): then a block
/// stands there whatever surrounds it, and a change's new top-level items
/// are checked alone (`newTopLevel`), not the whole top level (one walk
/// over 100,000s of blocks per update of a large document).
const ANY_BLOCKS = ((): ContentMatch | null => {
  const start = schema.topNodeType.contentMatch;
  const types = Object.values(schema.nodes);
  const blocks = types.filter((t) => start.matchType(t));
  const after = blocks[0] && start.matchType(blocks[0]);
  if (!after?.validEnd || start.validEnd) return null;
  for (const t of types) {
    const fits = blocks.includes(t);
    if ((fits && start.matchType(t) !== after) || (after.matchType(t) === after) !== fits)
      return null;
  }
  return after;
})();

/// Top-level items a document's top level visited (tests count them).
export const structureStats = { topLevelVisits: 0 };

/// The top-level blocks added since `beforeState` (read from each writer's
/// structs after that state, so the cost follows the change), each checked to
/// be an element of a kind that stands at the top (`ANY_BLOCKS`); also that
/// the top level holds no settings and at least one block.
function newTopLevel(
  ydoc: Y.Doc,
  fragment: Y.XmlFragment,
  beforeState: Map<number, number>,
): Y.XmlElement[] {
  for (const _ of visibleEntries(fragment)) fail("the document carries data outside its text");
  if (fragment.length === 0) fail("the document would have no blocks");
  const added: Y.XmlElement[] = [];
  for (const [client, structs] of ydoc.store.clients) {
    const from = beforeState.get(client) ?? 0;
    if (Y.getState(ydoc.store, client) <= from) continue;
    for (let i = from === 0 ? 0 : Y.findIndexSS(structs, from); i < structs.length; i++) {
      const item = structs[i];
      if (!(item instanceof Y.Item) || item.deleted || item.parentSub !== null) continue;
      if (item.parent !== (fragment as unknown)) continue;
      structureStats.topLevelVisits += 1;
      const el = elementOf(item);
      if (!el) fail("the top level of the document holds something that is not a block");
      const type = schema.nodes[el!.nodeName];
      if (!type || ANY_BLOCKS!.matchType(type) !== ANY_BLOCKS)
        fail(`"${el!.nodeName.slice(0, 40)}" cannot stand at the top of a document`);
      added.push(el!);
    }
  }
  return added;
}

/// Checks a whole document's text (at load, and for content read from the
/// store). Throws a StructureError naming the first problem.
export function checkDocument(ydoc: Y.Doc): void {
  checkOutsideText(ydoc);
  for (const el of checkTopLevel(ydoc.getXmlFragment(TEXT_FIELD))) elementToNode(el);
}

/// `checkDocument`, `LOAD_STEP.blocks` top-level blocks per turn of the
/// event loop (at load: the whole check of the letter ×10 with 10,000
/// annotations was one 0.14–0.4 s step, issue 16). The document must not
/// change meanwhile (a loading document: nothing is served from it yet).
export async function checkDocumentSliced(ydoc: Y.Doc): Promise<void> {
  checkOutsideText(ydoc);
  const blocks = checkTopLevel(ydoc.getXmlFragment(TEXT_FIELD));
  for (let i = 0; i < blocks.length; i += LOAD_STEP.blocks) {
    if (i > 0) await nextTurn();
    const step = blocks.slice(i, i + LOAD_STEP.blocks);
    for (const el of step) elementToNode(el);
    loadSteps.onStep?.("blocks", step.length);
  }
}

function checkOutsideText(ydoc: Y.Doc): void {
  for (const [name, type] of ydoc.share) {
    if (name === TEXT_FIELD) continue;
    for (const _ of visibleChildren(type)) fail("the document carries data outside its text");
    for (const _ of visibleEntries(type)) fail("the document carries data outside its text");
  }
}

/// Checks what a transaction on a document changed: the top level when it
/// changed (and every block it added), and each top-level block containing a
/// changed type. Blocks nothing touched are not re-read, so the cost follows
/// the size of the change and of the blocks it touches, not of the document.
export function checkTransaction(ydoc: Y.Doc, tr: Y.Transaction): void {
  for (const el of touchedBlocks(ydoc, tr.changed.keys(), tr.beforeState)) checkBlock(el);
}

/// The top-level blocks to check after changes to the types `changed` (the
/// keys of one or several transactions' `changed`; `beforeState` the state
/// before the first): every block added (read while the top level is
/// checked, when it changed) and each visible block containing a changed type.
export function touchedBlocks(
  ydoc: Y.Doc,
  changed: Iterable<YType>,
  beforeState: Map<number, number>,
): Set<Y.XmlElement> {
  const fragment = ydoc.getXmlFragment(TEXT_FIELD);
  const blocks = new Set<Y.XmlElement>();
  for (const type of changed) {
    if ((type as unknown) === fragment) {
      if (ANY_BLOCKS) {
        for (const el of newTopLevel(ydoc, fragment, beforeState)) blocks.add(el);
        continue;
      }
      const isNew = (el: Y.XmlElement) =>
        el._item!.id.clock >= (beforeState.get(el._item!.id.client) ?? 0);
      for (const el of checkTopLevel(fragment)) if (isNew(el)) blocks.add(el);
      continue;
    }
    let t: { _item: Y.Item | null } = type;
    let hidden = false;
    for (;;) {
      const item = t._item;
      if (!item) throw new StructureError("a change touched data outside the document text");
      if (item.deleted) hidden = true;
      if (item.parent === (fragment as unknown)) break;
      t = item.parent as unknown as { _item: Y.Item | null };
    }
    if (!hidden) blocks.add(t as unknown as Y.XmlElement);
  }
  return blocks;
}

/// Checks one top-level block (`touchedBlocks`).
export function checkBlock(el: Y.XmlElement): void {
  if (!(el instanceof Y.XmlElement) || el.constructor !== Y.XmlElement) {
    fail("the top level of the document holds something that is not a block");
  }
  elementToNode(el);
}
