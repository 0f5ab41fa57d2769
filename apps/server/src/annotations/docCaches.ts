import * as Y from "yjs";
import { LOAD_STEP, nextTurn } from "../loadSteps.ts";
import { RecordKeys } from "./keyedStore.ts";

/// What the annotation requests of a loaded document share (issue 16):
/// values kept until the document changes (or until its characters or
/// structure change: adding or removing marks does not count), and the
/// index of its annotation records, followed as they change. All go with
/// the document.
export class DocCaches {
  private readonly values = new WeakMap<
    Y.Doc,
    { any: Map<string, unknown>; text: Map<string, unknown> }
  >();
  private readonly keys = new WeakMap<Y.Map<unknown>, RecordKeys>();
  /// The sliced read of a map's keys under way: callers meanwhile share it
  /// (two loops would each read a slice in the same turn).
  private readonly reading = new WeakMap<Y.Map<unknown>, Promise<RecordKeys>>();
  /// How many times each value was made (instrumentation: a test counts
  /// the work requests cause, never their time).
  readonly made = new Map<string, number>();

  /// `make()`'s value for `doc`, made again once `doc` has changed.
  untilChange<T>(doc: Y.Doc, name: string, make: () => T): T {
    return this.cached(this.entry(doc).any, name, make);
  }

  /// `make()`'s value for `doc`, made again once the characters or the
  /// structure of `doc` have changed; changes of formatting alone keep it.
  /// For values that read the text only (never its marks).
  untilTextChange<T>(doc: Y.Doc, name: string, make: () => T): T {
    return this.cached(this.entry(doc).text, name, make);
  }

  /// The record keys of an annotations document's map, by annotation and in
  /// creation order (made in one pass, then followed).
  recordKeys(ymap: Y.Map<unknown>): RecordKeys {
    const keys = this.startKeys(ymap);
    while (keys.readPending(Number.POSITIVE_INFINITY));
    return keys;
  }

  /// `recordKeys`, its keys read `LOAD_STEP.keys` per turn of the event
  /// loop the first time (a document just loaded).
  readyRecordKeys(ymap: Y.Map<unknown>): Promise<RecordKeys> {
    const under = this.reading.get(ymap);
    if (under) return under;
    const keys = this.startKeys(ymap);
    if (!keys.readPending(LOAD_STEP.keys)) return Promise.resolve(keys);
    const read = (async () => {
      try {
        do await nextTurn();
        while (keys.readPending(LOAD_STEP.keys));
        return keys;
      } finally {
        this.reading.delete(ymap);
      }
    })();
    this.reading.set(ymap, read);
    return read;
  }

  private startKeys(ymap: Y.Map<unknown>): RecordKeys {
    let keys = this.keys.get(ymap);
    if (!keys) {
      keys = new RecordKeys(ymap, true, true);
      this.keys.set(ymap, keys);
      this.count("recordKeys");
    }
    return keys;
  }

  private cached<T>(values: Map<string, unknown>, name: string, make: () => T): T {
    if (!values.has(name)) {
      values.set(name, make());
      this.count(name);
    }
    return values.get(name) as T;
  }

  /// Counts one making of `name` (see `made`).
  count(name: string): void {
    this.made.set(name, (this.made.get(name) ?? 0) + 1);
  }

  private entry(doc: Y.Doc) {
    let entry = this.values.get(doc);
    if (!entry) {
      const fresh = { any: new Map<string, unknown>(), text: new Map<string, unknown>() };
      doc.on("afterTransaction", (tr: Y.Transaction) => {
        if (!changed(tr)) return;
        fresh.any.clear();
        if (fresh.text.size && !formattingOnly(tr)) fresh.text.clear();
      });
      this.values.set(doc, fresh);
      entry = fresh;
    }
    return entry;
  }
}

/// Whether transaction `tr` changed its document.
function changed(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size) return true;
  for (const [client, clock] of tr.afterState)
    if (clock > (tr.beforeState.get(client) ?? 0)) return true;
  return false;
}

/// Whether transaction `tr` only added or removed formatting (marks): every
/// item it made or deleted is a format item.
function formattingOnly(tr: Y.Transaction): boolean {
  const format = (s: Y.AbstractStruct) =>
    s instanceof Y.Item && s.content instanceof Y.ContentFormat;
  for (const [client, clock] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (clock <= before) continue;
    const structs = tr.doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++)
      if (!format(structs[i]!)) return false;
  }
  let only = true;
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (!format(s)) only = false;
  });
  return only;
}
