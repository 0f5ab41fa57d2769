import { parseRecordKey } from "@glossa/annotations";
import { BLOCK_SEPARATOR } from "@glossa/schema";
import * as Y from "yjs";
import type { TextLayout, TextPlace } from "./yLayout.ts";
import { xmlTexts } from "./yPositions.ts";

/// Marks whether a Yjs transaction is the reconcile's own (its trims and
/// moves): the index follows its changes without calling them new work.
export const RECONCILE_ORIGIN_FLAG = "anchorReconcile";

/// Record keys a sliced build reads between two looks at the clock.
const KEYS_PER_READ = 1_000;

/// Where an annotation's mark is (`AnchorIndex.locate`).
export interface MarkPlace {
  ranges: { from: number; to: number }[];
  text: string;
  /// The text its mark starts in.
  first: TextPlace;
}

/// The text under each annotation's mark, per Y.XmlText of a text document,
/// kept up to date as updates arrive, and the annotations whose marked text
/// an update changed since the last `takeDirty` (issue 16): the reconcile
/// re-checks only those, instead of walking the whole document once per
/// annotation. An annotation whose marked text did not change cannot have
/// moved (`verifyAnchors` leaves a mark over exactly its quote alone), so
/// checking it again finds nothing.
export class AnchorIndex {
  /// Per Y.XmlText, the characters under each annotation's mark in it.
  private readonly byText = new Map<Y.XmlText, Map<string, string>>();
  /// Per Y.XmlText, where each annotation's mark is in it: `[index, length, …]`.
  private readonly spans = new Map<Y.XmlText, Map<string, number[]>>();
  /// Per annotation, the texts its mark is in.
  private readonly byId = new Map<string, Set<Y.XmlText>>();
  /// Texts changed since the last `takeDirty`.
  private readonly touched = new Set<Y.XmlText>();
  /// Whether texts may have been deleted since the last `takeDirty`.
  private structureChanged = false;
  private dirty = new Set<string>();
  /// How many times a text's marks were read (instrumentation: tests count
  /// the work a request causes).
  textsRead = 0;
  private readonly onText = (events: Y.YEvent<Y.XmlText | Y.XmlElement | Y.XmlFragment>[]) =>
    this.textEvents(events);
  private readonly onRecords = (event: Y.YMapEvent<unknown>) => this.recordEvent(event);

  /// Indexes `fragment`; with `records` (the annotations document's map of
  /// records), follows both from now on (`destroy` stops), and every
  /// annotation starts dirty: nothing is known to have been checked yet.
  /// With `sliced`, the texts are read later, a slice at a time
  /// (`readPending`): at 10,000 annotations reading them all is one 0.1–0.2 s
  /// step, too long to hold the event loop (issue 16). Changes meanwhile are
  /// followed as usual.
  constructor(
    readonly fragment: Y.XmlFragment,
    readonly records: Y.Map<unknown> | null = null,
    sliced = false,
  ) {
    if (sliced) this.pending = [...xmlTexts(fragment)].reverse();
    else for (const text of xmlTexts(fragment)) this.scan(text, false);
    if (!records) return;
    // Every annotation starts dirty; with `sliced` its keys are read in
    // `readPending` too (30,000 keys at 10,000 annotations).
    this.pendingKeys = [...records.keys()];
    if (!sliced) this.dirtyFromKeys(this.pendingKeys.length);
    fragment.observeDeep(this.onText);
    records.observe(this.onRecords);
  }

  /// Texts of a sliced build not read yet, last first.
  private pending: Y.XmlText[] = [];
  /// Record keys of a sliced build not read yet.
  private pendingKeys: string[] = [];

  /// Reads texts and record keys of a sliced build for at most about `ms`
  /// milliseconds (at least one text and KEYS_PER_READ keys); true while
  /// some remain. The index answers only once none do.
  readPending(ms: number): boolean {
    const started = performance.now();
    do {
      if (this.pendingKeys.length > 0) this.dirtyFromKeys(KEYS_PER_READ);
      const text = this.pending.pop();
      if (text) this.scan(text, false);
      else if (this.pendingKeys.length === 0) break;
    } while (performance.now() - started < ms);
    return this.pending.length + this.pendingKeys.length > 0;
  }

  /// Marks the annotations of up to `count` pending record keys dirty.
  private dirtyFromKeys(count: number): void {
    for (const key of this.pendingKeys.splice(-count)) {
      const id = parseRecordKey(key)?.annotation;
      if (id) this.dirty.add(id);
    }
  }

  destroy(): void {
    this.fragment.unobserveDeep(this.onText);
    this.records?.unobserve(this.onRecords);
  }

  /// The annotations whose marked text, or records, changed since the last
  /// call (and those given back with `keepDirty`); clears them.
  takeDirty(): Set<string> {
    this.refresh();
    const out = this.dirty;
    this.dirty = new Set();
    return out;
  }

  /// Reads the texts changed since the last look (their annotations become dirty).
  refresh(): void {
    this.refreshSome(Number.POSITIVE_INFINITY);
  }

  /// `refresh` for at most about `ms` milliseconds (at least one text); true
  /// while changed texts remain to read. After a batch creation every text
  /// is changed, and reading them all (31,000 Yjs items at 10,000
  /// annotations) was one step of 0.1–0.2 s in the reconcile after it.
  refreshSome(ms: number): boolean {
    const started = performance.now();
    if (this.structureChanged) {
      this.structureChanged = false;
      for (const text of [...this.byText.keys()]) if (isDeleted(text)) this.scan(text, true);
    }
    for (const text of this.touched) {
      this.touched.delete(text);
      this.scan(text, true);
      if (performance.now() - started >= ms) break;
    }
    return this.touched.size > 0;
  }

  /// Gives back annotations to check at the next reconcile (too young now).
  keepDirty(ids: Iterable<string>): void {
    for (const id of ids) this.dirty.add(id);
  }

  /// Annotations whose mark is somewhere in the text (`has`, `keys`, the
  /// shape `reconcileAnchors` reads).
  readonly marks = {
    has: (id: string): boolean => this.byId.has(id),
    keys: (): Iterable<string> => this.byId.keys(),
  };

  /// The texts annotation `id`'s mark is in, in document order.
  textsOf(id: string): Y.XmlText[] {
    const texts = [...(this.byId.get(id) ?? [])];
    if (texts.length < 2) return texts;
    const paths = new Map(texts.map((t) => [t, pathOf(t)]));
    return texts.sort((a, b) => comparePaths(paths.get(a)!, paths.get(b)!));
  }

  /// The characters under annotation `id`'s mark, in document order, with
  /// nothing between blocks; null when no text carries it.
  markedText(id: string): string | null {
    const texts = this.textsOf(id);
    if (!texts.length) return null;
    return texts.map((t) => this.byText.get(t)!.get(id)!).join("");
  }

  /// Where annotation `id`'s mark is now in ProseMirror positions
  /// (`layout`: the text document's layout now; call `refresh` first) and
  /// the text under it as `anchorStatus` reads it (blocks joined by a blank
  /// line); null when no text carries it.
  locate(id: string, layout: TextLayout): MarkPlace | null {
    const places: TextPlace[] = [];
    for (const t of this.byId.get(id) ?? []) {
      const p = layout.placeOf(t);
      if (p) places.push(p);
    }
    if (!places.length) return null;
    places.sort((a, b) => a.order - b.order);
    const ranges: { from: number; to: number }[] = [];
    let text = "";
    for (const [i, p] of places.entries()) {
      if (i > 0 && places[i - 1]!.block !== p.block) text += BLOCK_SEPARATOR;
      text += this.byText.get(p.text)!.get(id)!;
      const runs = this.spans.get(p.text)!.get(id)!;
      for (let r = 0; r < runs.length; r += 2) {
        const from = p.from + runs[r]!;
        const last = ranges[ranges.length - 1];
        if (last?.to === from) last.to = from + runs[r + 1]!;
        else ranges.push({ from, to: from + runs[r + 1]! });
      }
    }
    return { ranges, text, first: places[0]! };
  }

  /// Re-reads the marks of `text`; with `report`, annotations whose marked
  /// characters there changed become dirty.
  private scan(text: Y.XmlText, report: boolean): void {
    this.textsRead++;
    const before = this.byText.get(text);
    const spans = new Map<string, number[]>();
    const after = isDeleted(text) ? new Map<string, string>() : markedRuns(text, spans);
    if (report) {
      for (const [id, s] of after) if (before?.get(id) !== s) this.dirty.add(id);
      for (const id of before?.keys() ?? []) if (!after.has(id)) this.dirty.add(id);
    }
    for (const id of before?.keys() ?? []) {
      if (after.has(id)) continue;
      const set = this.byId.get(id)!;
      set.delete(text);
      if (!set.size) this.byId.delete(id);
    }
    for (const id of after.keys()) {
      let set = this.byId.get(id);
      if (!set) {
        set = new Set();
        this.byId.set(id, set);
      }
      set.add(text);
    }
    if (after.size) {
      this.byText.set(text, after);
      this.spans.set(text, spans);
    } else {
      this.byText.delete(text);
      this.spans.delete(text);
    }
  }

  private textEvents(events: Y.YEvent<Y.XmlText | Y.XmlElement | Y.XmlFragment>[]): void {
    const own = isOwn(events[0]?.transaction.origin);
    const touch = (text: Y.XmlText) => (own ? this.scan(text, false) : this.touched.add(text));
    for (const event of events) {
      const target = event.target;
      if (target instanceof Y.XmlText) {
        touch(target);
        continue;
      }
      // Children added or removed: new texts to read, deleted ones to drop.
      if (event.changes.deleted.size) this.structureChanged = true;
      for (const item of event.changes.added) {
        const type = item.content instanceof Y.ContentType ? item.content.type : null;
        if (type instanceof Y.XmlText) touch(type);
        else if (type instanceof Y.XmlElement) for (const t of xmlTexts(type)) touch(t);
      }
    }
  }

  private recordEvent(event: Y.YMapEvent<unknown>): void {
    if (isOwn(event.transaction.origin)) return;
    for (const key of event.keysChanged) {
      const id = parseRecordKey(key)?.annotation;
      if (id) this.dirty.add(id);
    }
  }
}

function isOwn(origin: unknown): boolean {
  return !!(origin as { context?: Record<string, unknown> } | null)?.context?.[
    RECONCILE_ORIGIN_FLAG
  ];
}

/// Whether `text` is no longer in the document (its item, or an ancestor's,
/// deleted: Yjs deletes the content of a deleted type with it).
function isDeleted(text: Y.XmlText): boolean {
  return !text._item || text._item.deleted;
}

/// The characters under each annotation mark of `text` (marks are keyed
/// `annotation` or `annotation--<hash>`; the id is in the value).
/// `spans` receives where they are: `[index, length, …]` per annotation,
/// adjacent runs joined.
function markedRuns(text: Y.XmlText, spans: Map<string, number[]>): Map<string, string> {
  const out = new Map<string, string>();
  let index = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    if (typeof op.insert === "string" && op.attributes) {
      for (const [k, v] of Object.entries(op.attributes)) {
        const id = (v as { id?: unknown } | null)?.id;
        if (!k.startsWith("annotation") || typeof id !== "string") continue;
        out.set(id, (out.get(id) ?? "") + op.insert);
        const runs = spans.get(id);
        if (!runs) spans.set(id, [index, length]);
        else if (runs[runs.length - 2]! + runs[runs.length - 1]! === index)
          runs[runs.length - 1]! += length;
        else runs.push(index, length);
      }
    }
    index += length;
  }
  return out;
}

/// The position of `type` in its document: its index in each ancestor.
// biome-ignore lint/suspicious/noExplicitAny: any Yjs type
function pathOf(type: Y.AbstractType<any>): number[] {
  const path: number[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: any Yjs type
  for (let t = type; t._item; t = t._item.parent as Y.AbstractType<any>) {
    let index = 0;
    for (
      let i = (t._item.parent as Y.AbstractType<unknown>)._start;
      i && i !== t._item;
      i = i.right
    )
      if (!i.deleted && i.countable) index++;
    path.push(index);
  }
  return path.reverse();
}

function comparePaths(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
