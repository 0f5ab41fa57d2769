import {
  annotationAuth,
  type ClaimStatus,
  createAnnotation,
  deleteAnnotation,
  deleteMessage,
  editMessage,
  type LinkRelation,
  linkSource,
  type OperationContext,
  type Person,
  parseMentions,
  randomId,
  readAnnotation,
  reattachAnnotation,
  reconcileAnchors,
  reopenAnnotation,
  replyToAnnotation,
  resolveAnnotation,
  type Selector,
  selectorFor,
  setClaimStatus,
  setTags,
  systemAuth,
  unlinkSource,
} from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import { type AnnotationOp, documentName, type Role } from "@glossa/protocol";
import { DocumentText } from "@glossa/schema";
import type { DirectConnection, Hocuspocus } from "@hocuspocus/server";
import type { Node } from "prosemirror-model";
import type * as Y from "yjs";
import { nextTurn } from "../loadSteps.ts";
import { loadConversions, TEXT_FIELD, ydocToPm } from "../ydoc.ts";
import { verifyAnchors } from "./anchorCheck.ts";
import { anchorItemsMap } from "./anchorIdentity.ts";
import { type AnchorIndex, RECONCILE_ORIGIN_FLAG } from "./anchorIndex.ts";
import { AnchorIndexes } from "./anchorIndexes.ts";
import { actorOrigin, type CreateCommand, createMany, createManyNow } from "./batchCreate.ts";
import { DocCaches } from "./docCaches.ts";
import { KeyedStore } from "./keyedStore.ts";
import { AnnotationRequestError, locateQuote, str, toRequestError } from "./requests.ts";
import { TextLayout } from "./yLayout.ts";
import { addAnnotationFormat, removeAnnotationFormat } from "./yMarks.ts";

/// What a reconcile changed (see `AnnotationService.reconcile`).
export interface ReconcileResult {
  detached: string[];
  reattached: string[];
  young: boolean;
}

export type { CreateCommand } from "./batchCreate.ts";
export { AnnotationRequestError, toRequestError } from "./requests.ts";

/// Who asks for an annotation operation.
export interface Actor {
  user: Person;
  role: Role;
}

/// What the service waits on before it acknowledges a write: the
/// persistence extension (an annotation is "made" only once it is on disk).
export interface Durability {
  /// True while the store refuses writes.
  readonly failing: boolean;
  /// Resolves when every update the document holds is on disk.
  whenDurable(documentName: string): Promise<void>;
}

const NOT_WRITABLE =
  "Glossa cannot save right now (its storage is not answering), so nothing was changed. Please try again in a moment.";
const NOT_SAVED =
  "Your change was made but is not saved yet: Glossa cannot reach its storage and keeps trying. Keep the page open and check that it appears as saved.";

/// Annotations younger than this are not judged detached: with several
/// instances the body can arrive before its mark.
export const RECONCILE_MIN_AGE_MS = 3000;

const LOCAL = actorOrigin;

/// Carries out annotation operations on the server, where annotators and
/// editors alike send them (docs/design.md §3): the body goes into the companion
/// annotations document and the anchor mark into the text, each through a
/// Hocuspocus direct connection so every client receives them live.
export class AnnotationService {
  /// Called after each operation is on disk (webhooks listen here): the
  /// same for the HTTP API and the websocket.
  readonly onExecuted = new Set<
    (e: { docId: string; actor: Actor; command: AnnotationOp; id: string }) => void
  >();

  constructor(
    private readonly hocuspocus: () => Hocuspocus,
    /// The people who may open a document, for resolving @mentions.
    private readonly people: (docId: string) => Promise<Person[]> = async () => [],
    private readonly durability: Durability | null = null,
  ) {}

  /// The anchor index of each loaded text document (dropped with it).
  private readonly indexes = new AnchorIndexes();
  /// Conversions, layouts and record indexes of loaded documents.
  readonly caches = new DocCaches();
  /// The reconcile running per document, if any.
  private readonly reconciling = new Map<string, Promise<ReconcileResult>>();
  /// Called after each reconcile with the annotations it checked
  /// (instrumentation: a test counts the work a keystroke causes).
  onReconciled: ((docId: string, checked: readonly string[]) => void) | null = null;

  /// Runs `fn` with both documents of `docId` loaded.
  async withDocuments<T>(
    docId: string,
    fn: (docs: {
      text: Y.Doc;
      fragment: Y.XmlFragment;
      store: YMapAnnotationStore;
      textConn: DirectConnection;
    }) => T | Promise<T>,
  ): Promise<T> {
    // What runs inside may convert the text (ydoc.ts).
    await loadConversions();
    const hp = this.hocuspocus();
    const textConn = await hp.openDirectConnection(documentName(docId), { system: true });
    const annConn = await hp.openDirectConnection(documentName(docId, "annotations"), {
      system: true,
    });
    try {
      const text = textConn.document!;
      const annotations = annConn.document!;
      const store = new YMapAnnotationStore(annotations, LOCAL(null));
      return await fn({ text, fragment: text.getXmlFragment(TEXT_FIELD), store, textConn });
    } finally {
      await textConn.disconnect({ unloadImmediately: false });
      await annConn.disconnect({ unloadImmediately: false });
    }
  }

  /// Executes one operation for `actor`; returns the annotation id it
  /// concerns once both documents are on disk. Refused (503, nothing
  /// changed) while the store fails; 503 `not-saved` with the id when the
  /// write was made in memory but could not be stored in time.
  async execute(docId: string, actor: Actor, command: AnnotationOp): Promise<{ id: string }> {
    this.writable();
    const body = (command as { body?: unknown }).body;
    const people = typeof body === "string" && body.includes("@") ? await this.people(docId) : [];
    const result = await this.withDocuments(docId, (docs) =>
      this.apply(docs, actor, command, people),
    );
    await this.whenStored(docId, result.id);
    for (const f of this.onExecuted) f({ docId, actor, command, id: result.id });
    return result;
  }

  /// Refuses (503 `storage-unavailable`) a write while the store fails, before
  /// anything is changed.
  writable(): void {
    if (this.durability?.failing)
      throw new AnnotationRequestError(503, "storage-unavailable", NOT_WRITABLE);
  }

  /// Resolves once both documents of `docId` are on disk (503 `not-saved`,
  /// naming `id` when given, if they could not be stored in time).
  async whenStored(docId: string, id?: string): Promise<void> {
    if (this.durability) {
      try {
        await Promise.all([
          this.durability.whenDurable(documentName(docId)),
          this.durability.whenDurable(documentName(docId, "annotations")),
        ]);
      } catch {
        throw new AnnotationRequestError(503, "not-saved", NOT_SAVED, id);
      }
    }
  }

  /// Carries out `command` for `actor` on the given text and annotations
  /// documents: the live ones (`execute`) or, for an import, new ones not yet
  /// stored, so that a document arrives with its annotations in one piece.
  apply(
    { text, fragment, store }: { text: Y.Doc; fragment: Y.XmlFragment; store: YMapAnnotationStore },
    actor: Actor,
    command: AnnotationOp,
    people: Person[] = [],
  ): { id: string } {
    {
      const ctx: OperationContext = { auth: annotationAuth(actor.role, actor.user) };
      const userStore = new YMapAnnotationStore(store.ymap.doc!, LOCAL(actor));
      try {
        switch (command.op) {
          case "create":
            return {
              id: createManyNow(this, { text, fragment, store }, actor, [command], people)[0]!,
            };
          case "reply":
            replyToAnnotation(
              userStore,
              ctx,
              command.id,
              str(command.body, "body"),
              this.mentions(command.body, people),
            );
            return { id: command.id };
          case "edit-message":
            editMessage(
              userStore,
              ctx,
              command.id,
              command.messageId,
              str(command.body, "body"),
              this.mentions(command.body, people),
            );
            return { id: command.id };
          case "delete-message":
            deleteMessage(userStore, ctx, command.id, command.messageId);
            return { id: command.id };
          case "resolve":
            resolveAnnotation(userStore, ctx, command.id);
            return { id: command.id };
          case "reopen":
            reopenAnnotation(userStore, ctx, command.id);
            return { id: command.id };
          case "status":
            setClaimStatus(userStore, ctx, command.id, command.status as ClaimStatus);
            return { id: command.id };
          case "tags":
            setTags(userStore, ctx, command.id, Array.isArray(command.tags) ? command.tags : []);
            return { id: command.id };
          case "link":
            linkSource(userStore, ctx, command.id, {
              key: str(command.key, "key"),
              pinpoint: typeof command.pinpoint === "string" ? command.pinpoint : null,
              relation: command.relation as LinkRelation,
            });
            return { id: command.id };
          case "unlink":
            unlinkSource(userStore, ctx, command.id, command.linkId);
            return { id: command.id };
          case "reattach":
            this.reattach({ text, fragment, store }, actor, userStore, ctx, command);
            return { id: command.id };
          case "delete":
            deleteAnnotation(userStore, ctx, command.id);
            text.transact(() => removeAnnotationFormat(fragment, command.id), LOCAL(actor));
            store.ymap.doc!.transact(
              () => anchorItemsMap(store.ymap.doc!).delete(command.id),
              LOCAL(actor),
            );
            return { id: command.id };
          default:
            throw new AnnotationRequestError(400, "invalid", "Unknown annotation operation.");
        }
      } catch (err) {
        throw toRequestError(err);
      }
    }
  }

  /// `reattach`: the annotation placed on the words `command` names, its
  /// mark taken off wherever it was and put there.
  private reattach(
    { text, fragment, store }: { text: Y.Doc; fragment: Y.XmlFragment; store: YMapAnnotationStore },
    actor: Actor,
    userStore: YMapAnnotationStore,
    ctx: OperationContext,
    command: Extract<AnnotationOp, { op: "reattach" }>,
  ): void {
    const doc = this.pmDoc(text);
    const { from, to } = this.locate(doc, command, this.textIndex(text));
    const selector: Selector = selectorFor(doc, from, to, this.textIndex(text));
    reattachAnnotation(userStore, ctx, command.id, selector);
    text.transact(() => {
      removeAnnotationFormat(fragment, command.id);
      addAnnotationFormat(fragment, from, to, command.id, anchorItemsMap(store.ymap.doc!));
    }, LOCAL(actor));
  }

  /// The text of `text` as ProseMirror sees it, converted once per change
  /// of its characters or structure (adding or removing marks keeps it, so
  /// its marks may be stale: read only its text), with its text index.
  /// Nodes are immutable, so sharing one is safe.
  pmDoc(text: Y.Doc): Node {
    return this.caches.untilTextChange(text, "pm", () => ydocToPm(text));
  }

  /// The text index of `pmDoc(text)`, made once per change of its text.
  textIndex(text: Y.Doc): DocumentText {
    return this.caches.untilTextChange(text, "textIndex", () => new DocumentText(this.pmDoc(text)));
  }

  /// Where each Y.XmlText of `text` is, made once per change of the document.
  layout(text: Y.Doc): TextLayout {
    return this.caches.untilChange(
      text,
      "layout",
      () => new TextLayout(text.getXmlFragment(TEXT_FIELD)),
    );
  }

  /// Creates annotations in one batch (the API's batch, the bench), a
  /// large one in slices that give the event loop back (`batchCreate.ts`:
  /// what a refusal, a concurrent edit and a crash mid-way do).
  createMany(
    docs: { text: Y.Doc; fragment: Y.XmlFragment; store: YMapAnnotationStore },
    actor: Actor,
    commands: readonly CreateCommand[],
    people: Person[] = [],
  ): Promise<string[]> {
    return createMany(this, docs, actor, commands, people);
  }

  /// Checks that `quote` is at [from, to) in the server's text; if not (the
  /// requester's copy was behind), finds it by quote and context (`locateQuote`).
  locate(
    doc: Node,
    q: { from?: unknown; to?: unknown; quote?: unknown; prefix?: unknown; suffix?: unknown },
    index?: DocumentText,
  ): { from: number; to: number } {
    return locateQuote(doc, q, index);
  }

  private mentions(body: unknown, people: Person[]): string[] {
    return typeof body === "string" ? parseMentions(body, people) : [];
  }

  /// Brings detached flags in line with the marks of `docId`, checks marks
  /// against the identity of their text and their quote, and removes the
  /// marks of deleted annotations. Run after text changes settle. Only the
  /// annotations whose marked text or records changed since the last run
  /// are checked (`AnchorIndex`), in slices that give the event loop back
  /// every ~20 ms. `young` says that annotations too recent to judge were
  /// left alone (their mark may still be on its way from another
  /// instance): run it again later.
  async reconcile(
    docId: string,
  ): Promise<{ detached: string[]; reattached: string[]; young: boolean }> {
    // One at a time per document: a run yields between slices.
    const previous = this.reconciling.get(docId);
    const run = (previous ?? Promise.resolve())
      .catch(() => {})
      .then(() => this.reconcileNow(docId));
    this.reconciling.set(docId, run);
    try {
      return await run;
    } finally {
      if (this.reconciling.get(docId) === run) this.reconciling.delete(docId);
    }
  }

  private reconcileNow(
    docId: string,
  ): Promise<{ detached: string[]; reattached: string[]; young: boolean }> {
    return this.withDocuments(docId, async ({ text, fragment, store: ymapStore }) => {
      const result = { detached: [] as string[], reattached: [] as string[], young: false };
      if (ymapStore.ymap.size === 0) return result;
      const index = await this.readyIndex(text, fragment, ymapStore.ymap);
      // The texts changed since the last run, a slice per turn.
      while (index.refreshSome(SLICE_MS / 2)) await nextTurn();
      const ids = [...index.takeDirty()];
      const checked: string[] = [];
      // Its own writes: the index follows them without counting them as new work.
      // The keys a slice per turn: a list request may be reading them in
      // slices right now, and a synchronous read would finish them in one step.
      const store = new KeyedStore(
        new YMapAnnotationStore(ymapStore.ymap.doc!, RECONCILE),
        await this.caches.readyRecordKeys(ymapStore.ymap),
      );
      let batch = 32;
      for (let i = 0; i < ids.length; ) {
        if (i > 0) {
          do await nextTurn();
          while (index.refreshSome(SLICE_MS / 2));
        }
        const slice = ids.slice(i, i + batch);
        i += slice.length;
        const started = performance.now();
        this.reconcileSlice(text, fragment, store, index, slice, result);
        checked.push(...slice);
        const ms = performance.now() - started;
        batch =
          ms < SLICE_MS / 2
            ? Math.min(batch * 2, 4096)
            : ms > SLICE_MS
              ? Math.max(1, Math.floor((batch * SLICE_MS) / 2 / ms))
              : batch;
      }
      store.dispose();
      this.onReconciled?.(docId, checked);
      return result;
    });
  }

  /// Reconciles the annotations `ids` of one document (see `reconcile`).
  private reconcileSlice(
    text: Y.Doc,
    fragment: Y.XmlFragment,
    store: KeyedStore,
    index: AnchorIndex,
    ids: string[],
    result: { detached: string[]; reattached: string[]; young: boolean },
  ): void {
    const annDoc = store.ymap.doc!;
    const annotations = ids
      .map((id) => readAnnotation(store, id))
      .filter((a) => a !== undefined)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const now = Date.now();
    const young = annotations.filter(
      (a) => !a.deleted && now - Date.parse(a.createdAt) < RECONCILE_MIN_AGE_MS,
    );
    if (young.length) {
      result.young = true;
      index.keepDirty(young.map((a) => a.id));
    }
    const system = { auth: systemAuth() };
    const options = { minAgeMs: RECONCILE_MIN_AGE_MS, annotations };
    // Marks that concurrent edits left over other words (ADR 0003).
    text.transact(
      () =>
        verifyAnchors(fragment, store, system, {
          ...options,
          index,
          items: anchorItemsMap(annDoc),
          layout: () => this.layout(text),
          onConvert: () => this.caches.count("reconcileConversion"),
        }),
      RECONCILE,
    );
    const report = reconcileAnchors(index.marks, store, system, options);
    if (report.deletedMarks.length) {
      text.transact(() => {
        for (const id of report.deletedMarks) removeAnnotationFormat(index.textsOf(id), id);
      }, RECONCILE);
    }
    result.detached.push(...report.detached);
    result.reattached.push(...report.reattached);
  }

  /// The anchor index of a loaded text document, made on first use (every
  /// annotation is then checked once) and kept while the document is.
  anchorIndex(text: Y.Doc, fragment: Y.XmlFragment, records: Y.Map<unknown>): AnchorIndex {
    return this.indexes.get(text, fragment, records);
  }

  /// `anchorIndex`, made in slices of at most ~SLICE_MS / 2 that give the
  /// event loop back between them.
  readyIndex(text: Y.Doc, fragment: Y.XmlFragment, records: Y.Map<unknown>): Promise<AnchorIndex> {
    return this.indexes.ready(text, fragment, records, SLICE_MS / 2);
  }
}

/// The longest a reconcile holds the event loop in one go, ms.
const SLICE_MS = 20;

/// The origin of the reconcile's own changes (see `AnchorIndex`).
const RECONCILE = {
  source: "local",
  context: { annotationActor: "glossa", [RECONCILE_ORIGIN_FLAG]: true },
};
