import {
  type Annotation,
  anchorStatus,
  findAnnotationRanges,
  listAnnotations,
  type Person,
  randomId,
  reanchor,
  type Selector,
  selectorFor,
} from "@glossa/annotations";
import { documentName } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import * as Y from "yjs";
import type { AnnotationService } from "../annotations/AnnotationService.ts";
import type { Store } from "../storage/index.ts";
import { loadConversions, TEXT_FIELD, ydocToPm, yProsemirror } from "../ydoc.ts";
import type { AuthorshipExtension } from "./AuthorshipExtension.ts";
import { type AttributedText, attributedText, NO_CLIENT, ydocFromState } from "./attribution.ts";
import type { AnnotationChange, TextComparison } from "./compare.ts";
import { DeleterIndex } from "./deleters.ts";
import type { VersionKind, VersionMeta, VersionRecord, VersionStore } from "./VersionStore.ts";

/// A version as the API shows it.
export interface VersionView {
  id: string;
  name: string;
  kind: VersionKind;
  createdAt: string;
  createdBy: Person | null;
  restoredFrom: { id: string; name: string } | null;
}

/// One side of a comparison: a saved version or the document as it is now.
export interface Side {
  version: VersionView | null;
  text: AttributedText;
  annotations: Annotation[];
  /// Its ProseMirror document, read from the same state as `text` (when asked for).
  doc?: Node;
}

export interface Comparison {
  from: VersionView | null;
  to: VersionView | null;
  text: TextComparison;
  annotations: AnnotationChange[];
  /// Sentences on what the comparison can and cannot say.
  notes: string[];
}

/// Thrown for a version that is not there.
export class VersionNotFound extends Error {}

const MAX_NAME = 200;

let lastStamp = 0;
/// Now as an ISO time, strictly later than the previous call's, so that
/// versions saved in the same millisecond (a checkpoint and its restore)
/// keep their order.
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/// Named versions, comparisons with authors, and restores (docs/design.md §7,
/// docs/decisions/0004-versions.md).
export class VersionService {
  constructor(
    private readonly main: Store,
    readonly store: VersionStore,
    private readonly annotations: AnnotationService,
    private readonly authorship: AuthorshipExtension | null = null,
  ) {}

  /// The text state and annotations of the live document now.
  private async current(docId: string): Promise<{ textState: Uint8Array; list: Annotation[] }> {
    return this.annotations.withDocuments(docId, ({ text, store }) => ({
      textState: Y.encodeStateAsUpdate(text),
      list: listAnnotations(store, { includeDeleted: true }),
    }));
  }

  /// Saves the document as it is now under `name`.
  async save(
    docId: string,
    by: Person | null,
    name: string,
    kind: VersionKind = "named",
    restoredFrom: string | null = null,
  ): Promise<VersionView> {
    const now = await this.current(docId);
    return this.record(docId, by, name, kind, restoredFrom, now.textState, now.list);
  }

  private async record(
    docId: string,
    by: Person | null,
    name: string,
    kind: VersionKind,
    restoredFrom: string | null,
    textState: Uint8Array,
    list: Annotation[],
  ): Promise<VersionView> {
    const record: VersionRecord = {
      id: randomId(),
      documentId: docId,
      name: name.trim().slice(0, MAX_NAME),
      kind,
      createdAt: stamp(),
      createdBy: by?.id ?? null,
      restoredFrom,
      textState,
      annotations: JSON.stringify(list),
    };
    await this.store.createVersion(record);
    return this.view(record, new Map(), by ? new Map([[by.id, by]]) : new Map());
  }

  /// Every version of a document, newest first.
  async list(docId: string): Promise<VersionView[]> {
    const metas = await this.store.listVersions(docId);
    const names = new Map(metas.map((m) => [m.id, m.name]));
    const people = await this.people(metas.map((m) => m.createdBy));
    return metas.map((m) => this.view(m, names, people));
  }

  /// One version: its meta, its ProseMirror document and its annotations as
  /// they were (deleted ones left out), each with where its mark was.
  async get(docId: string, id: string) {
    await loadConversions();
    const v = await this.load(docId, id);
    const ydoc = ydocFromState(v.textState);
    try {
      const doc = ydocToPm(ydoc);
      const list = (JSON.parse(v.annotations) as Annotation[]).filter((a) => !a.deleted);
      const [view] = await this.views([v], docId);
      return {
        version: view!,
        doc,
        annotations: list.map((a) => {
          const report = anchorStatus(doc, a);
          return {
            ...a,
            anchor: {
              status: report.status,
              text: report.text,
              ranges: report.ranges.map((r) => ({ from: r.from, to: r.to })),
            },
          };
        }),
      };
    } finally {
      ydoc.destroy();
    }
  }

  /// The document of a version (or the live one for `"current"`) and its
  /// annotations (deleted ones left out), for exports.
  async document(
    docId: string,
    id: string | null,
  ): Promise<{ doc: Node; annotations: Annotation[]; version: VersionView | null }> {
    if (!id || id === "current") {
      const { doc, annotations } = await this.annotations.withDocuments(
        docId,
        ({ text, store }) => ({ doc: ydocToPm(text), annotations: listAnnotations(store) }),
      );
      return { doc, annotations, version: null };
    }
    const v = await this.get(docId, id);
    return { doc: v.doc, annotations: v.annotations, version: v.version };
  }

  private async side(docId: string, id: string, withDoc = false): Promise<Side> {
    if (withDoc) await loadConversions();
    if (id === "current") {
      const { textState, list } = await this.current(docId);
      const ydoc = ydocFromState(textState);
      try {
        return {
          version: null,
          text: attributedText(ydoc),
          annotations: list,
          ...(withDoc ? { doc: ydocToPm(ydoc) } : {}),
        };
      } finally {
        ydoc.destroy();
      }
    }
    const v = await this.load(docId, id);
    const ydoc = ydocFromState(v.textState);
    try {
      const [view] = await this.views([v], docId);
      return {
        version: view!,
        text: attributedText(ydoc),
        annotations: JSON.parse(v.annotations) as Annotation[],
        ...(withDoc ? { doc: ydocToPm(ydoc) } : {}),
      };
    } finally {
      ydoc.destroy();
    }
  }

  /// Compares version `fromId` with version `toId` (or `"current"`).
  async compare(docId: string, fromId: string, toId: string): Promise<Comparison> {
    return (await this.compareSides(docId, fromId, toId, false)).comparison;
  }

  /// What a redline needs: the comparison of `fromId` with `toId` (or
  /// `"current"`) and the newer side's document and live annotations, read
  /// from the same state as the compared text.
  async redline(
    docId: string,
    fromId: string,
    toId: string,
  ): Promise<{
    comparison: Comparison;
    doc: Node;
    annotations: Annotation[];
    /// Who deleted the older text's character at an offset (see `redlineMarks`).
    deleterAt: (olderOffset: number) => Person | null | undefined;
  }> {
    const { comparison, newer, older } = await this.compareSides(docId, fromId, toId, true);
    const deletions = await this.store.listDeletions(docId);
    const people = await this.people(deletions.map((d) => d.userId));
    const deleters = new DeleterIndex(
      deletions.map((d) => ({ ...d, who: d.userId ? (people.get(d.userId) ?? null) : null })),
    );
    const deleterAt = (offset: number): Person | null | undefined => {
      const client = older.text.clients[offset];
      const clock = older.text.clocks?.[offset] ?? -1;
      if (client === undefined || client === NO_CLIENT || clock < 0) return undefined;
      return deleters.find(client, clock)?.who ?? null;
    };
    return {
      comparison,
      doc: newer.doc!,
      annotations: newer.annotations.filter((a) => !a.deleted),
      deleterAt,
    };
  }

  private async compareSides(
    docId: string,
    fromId: string,
    toId: string,
    withDoc: boolean,
  ): Promise<{ comparison: Comparison; newer: Side; older: Side }> {
    const [a, b] = await Promise.all([this.side(docId, fromId), this.side(docId, toId, withDoc)]);
    const clients = await this.store.listClients(docId);
    const people = await this.people(clients.map((c) => c.userId));
    const byClient = new Map<number, Person | null>();
    for (const c of clients)
      byClient.set(c.clientId, c.userId ? (people.get(c.userId) ?? null) : null);
    // The word diff (`diff`) is loaded by the first comparison, not at start.
    const { compareAnnotations, compareText } = await import("./compare.ts");
    const text = compareText(a.text, b.text, (client) => byClient.get(client) ?? null);
    const notes = [
      "Inserted words are credited to the person who typed them; deletions carry no author here, so deleted words are shown struck through, without a name.",
    ];
    if (text.authors.some((x) => x.id === null))
      notes.push(
        "Some inserted text has no known author: it was written before Glossa recorded authorship, imported with the document, or came through the server.",
      );
    notes.push("Annotation marks are not counted as changes to the text.");
    return {
      comparison: {
        from: a.version,
        to: b.version,
        text,
        annotations: compareAnnotations(a.annotations, b.annotations),
        notes,
      },
      newer: b,
      older: a,
    };
  }

  /// Restores version `id` as a new forward change: the live text becomes
  /// the version's text through one Yjs update (sent to every client), with
  /// an automatic checkpoint of the text before it and a `restore` entry in
  /// the history. Annotations that exist now keep their marks where their
  /// text is found again in the restored text; the others become detached
  /// by the normal reconciliation. Answers only once the restored text is
  /// on disk: 503 `storage-unavailable` (nothing changed) while the store
  /// fails, 503 `not-saved` (restored in memory, no `restore` entry in the
  /// history) when it could not be stored in time.
  async restore(docId: string, id: string, by: Person) {
    this.annotations.writable();
    await loadConversions();
    const v = await this.load(docId, id);
    const source = ydocFromState(v.textState);
    let target: Node;
    try {
      target = ydocToPm(source);
    } finally {
      source.destroy();
    }
    // A Yjs client of its own, recorded for the person restoring, so that a
    // comparison names them as the author of the text the restore brings back.
    const writer = new Y.Doc();
    await this.store.recordClients(docId, [
      { clientId: writer.clientID, userId: by.id, firstSeen: new Date().toISOString() },
    ]);
    this.authorship?.remember(documentName(docId), writer.clientID, by.id);
    let outcome: { before: Uint8Array; beforeList: Annotation[]; kept: string[]; lost: string[] };
    try {
      outcome = await this.annotations.withDocuments(docId, ({ text, store }) => {
        const before = Y.encodeStateAsUpdate(text);
        const beforeList = listAnnotations(store, { includeDeleted: true });
        const now = ydocToPm(text);
        const { doc, kept, lost } = remark(target, now, listAnnotations(store));
        Y.applyUpdate(writer, before);
        const vector = Y.encodeStateVector(text);
        writer.transact(() =>
          yProsemirror().updateYFragment(writer, writer.getXmlFragment(TEXT_FIELD), doc, {
            mapping: new Map(),
            isOMark: new Map(),
          }),
        );
        const update = Y.encodeStateAsUpdate(writer, vector);
        Y.applyUpdate(text, update, {
          source: "local",
          context: { restoredBy: by.id, version: id },
        });
        return { before, beforeList, kept, lost };
      });
    } finally {
      writer.destroy();
    }
    const checkpoint = await this.record(
      docId,
      by,
      `Before restoring “${v.name}”`,
      "auto",
      null,
      outcome.before,
      outcome.beforeList,
    );
    const report = await this.annotations.reconcile(docId);
    // The history says "Restored" only of text that is on disk.
    await this.annotations.whenStored(docId);
    const restored = await this.save(docId, by, `Restored “${v.name}”`, "restore", v.id);
    restored.restoredFrom = { id: v.id, name: v.name };
    return {
      restored,
      checkpoint,
      annotations: {
        /// Annotations whose text is in the restored version: their marks are kept.
        kept: outcome.kept,
        /// Annotations whose text is not: reconciliation detaches them (now,
        /// or within seconds for annotations made in the last few seconds).
        detached: outcome.lost,
        /// Detached annotations whose text the restore brought back.
        reattached: report.reattached,
      },
    };
  }

  private async load(docId: string, id: string): Promise<VersionRecord> {
    const v = await this.store.getVersion(docId, id);
    if (!v)
      throw new VersionNotFound(`There is no version ${JSON.stringify(id)} of this document.`);
    return v;
  }

  private async views(metas: VersionMeta[], docId: string): Promise<VersionView[]> {
    const restored = metas.map((m) => m.restoredFrom).filter((x): x is string => !!x);
    const names = new Map<string, string>();
    for (const r of restored) {
      const v = await this.store.getVersion(docId, r);
      if (v) names.set(v.id, v.name);
    }
    const people = await this.people(metas.map((m) => m.createdBy));
    return metas.map((m) => this.view(m, names, people));
  }

  private view(
    m: VersionMeta,
    names: Map<string, string>,
    people: Map<string, Person>,
  ): VersionView {
    return {
      id: m.id,
      name: m.name,
      kind: m.kind,
      createdAt: m.createdAt,
      createdBy: m.createdBy
        ? (people.get(m.createdBy) ?? { id: m.createdBy, name: "Former member" })
        : null,
      restoredFrom: m.restoredFrom
        ? { id: m.restoredFrom, name: names.get(m.restoredFrom) ?? "an earlier version" }
        : null,
    };
  }

  private async people(ids: (string | null)[]): Promise<Map<string, Person>> {
    const out = new Map<string, Person>();
    for (const id of new Set(ids)) {
      if (!id) continue;
      const u = await this.main.getUser(id);
      if (u) out.set(id, { id: u.id, name: u.name });
    }
    return out;
  }
}

/// The restored document `target` with annotation marks for the annotations
/// alive `now`: each is placed where its current text (or, when detached,
/// its original quote) is found exactly and unambiguously in `target`.
/// Marks the version carried are dropped first: they may name annotations
/// deleted since.
export function remark(
  target: Node,
  now: Node,
  live: readonly Annotation[],
): { doc: Node; kept: string[]; lost: string[] } {
  const type = schema.marks.annotation!;
  const tr = new Transform(target).removeMark(0, target.content.size, type);
  const stripped = tr.doc;
  const kept: string[] = [];
  const lost: string[] = [];
  for (const a of live) {
    const ranges = findAnnotationRanges(now, a.id);
    const selector: Selector = ranges.length
      ? selectorFor(now, ranges[0]!.from, ranges[ranges.length - 1]!.to)
      : a.selector;
    const found = reanchor(stripped, selector);
    if (found.status === "found" && found.exact) {
      tr.addMark(found.from, found.to, type.create({ id: a.id }));
      kept.push(a.id);
    } else lost.push(a.id);
  }
  return { doc: tr.doc, kept, lost };
}
