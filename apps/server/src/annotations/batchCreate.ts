import {
  annotationAuth,
  type CreateAnnotationInput,
  checkCreate,
  createAnnotation,
  markDetached,
  type OperationContext,
  type Person,
  parseMentions,
  randomId,
  selectorFor,
  systemAuth,
} from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import type { AnnotationOp, Role } from "@glossa/protocol";
import type { DocumentText } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import type * as Y from "yjs";
import { anchorItemsMap } from "./anchorIdentity.ts";
import { BATCH_SLICE, type Carried, carry, inSlices, whereNow } from "./batchWrite.ts";
import type { DocCaches } from "./docCaches.ts";
import { KeyedStore } from "./keyedStore.ts";
import { AnnotationRequestError, locateQuote, str, toRequestError } from "./requests.ts";
import type { TextLayout } from "./yLayout.ts";
import { addAnnotationFormat } from "./yMarks.ts";

/// A request to create one annotation.
export type CreateCommand = Extract<AnnotationOp, { op: "create" }>;

/// The documents a batch writes into.
export interface BatchDocs {
  text: Y.Doc;
  fragment: Y.XmlFragment;
  store: YMapAnnotationStore;
}

/// What a batch reads of the service: the text converted and indexed once
/// per change of its characters, its layout, the record index.
export interface BatchService {
  pmDoc(text: Y.Doc): Node;
  textIndex(text: Y.Doc): DocumentText;
  layout(text: Y.Doc): TextLayout;
  readonly caches: DocCaches;
}

/// The origin of a person's writes.
export const actorOrigin = (actor: { user: Person } | null) => ({
  source: "local",
  context: { annotationActor: actor?.user.id ?? "glossa" },
});

const SYSTEM: OperationContext = { auth: systemAuth() };

/// Creates annotations in one batch (the API's batch and the bench): every
/// command checked — its quote located (`locateQuote`), its id, kind, tags
/// and body as `createAnnotation` checks them — before anything is written,
/// so a refusal (400/403/409) changes nothing. A batch of at most
/// `BATCH_SLICE.oneStep` is then written in one transaction per document in
/// the same turn, as before. A larger one (`createMany`) is located and
/// then written a slice per turn of the event loop (`inSlices`), each slice
/// one transaction per document, so other documents keep being served and
/// the people connected get it in pieces. The text is live meanwhile: a
/// quote located before a yield is carried (`carry`) and placed where its
/// words are now (`whereNow`); one whose words were changed or deleted
/// meanwhile is still created, detached (`text-changed`), never put on
/// other words. If the server dies mid-way, the slices written are in the
/// journal (each is stored like any edit) and the rest is not: the request
/// got no answer, and asking again creates the batch again (new ids) —
/// the caller sees which are there by listing.
export async function createMany(
  service: BatchService,
  docs: BatchDocs,
  actor: { user: Person; role: Role },
  commands: readonly CreateCommand[],
  people: Person[] = [],
): Promise<string[]> {
  const batch = new CreateBatch(service, docs, actor, commands, people);
  try {
    await inSlices("locate", (n) => batch.locate(n), !batch.sliced);
    await inSlices("write", (n) => batch.write(n), !batch.sliced);
  } catch (err) {
    throw toRequestError(err);
  }
  return batch.ids();
}

/// `createMany` in one synchronous step, whatever its size (a single
/// create, and imports into a document nobody has open yet).
export function createManyNow(
  service: BatchService,
  docs: BatchDocs,
  actor: { user: Person; role: Role },
  commands: readonly CreateCommand[],
  people: Person[] = [],
): string[] {
  const batch = new CreateBatch(service, docs, actor, commands, people, false);
  try {
    batch.locate(Number.POSITIVE_INFINITY);
    batch.write(Number.POSITIVE_INFINITY);
  } catch (err) {
    throw toRequestError(err);
  }
  return batch.ids();
}

/// One batch of creations: what was located and checked, and how much of
/// it was written.
class CreateBatch {
  private readonly planned: { input: CreateAnnotationInput & { id: string }; at: Carried }[] = [];
  private readonly seen = new Set<string>();
  private written = 0;
  private readonly ctx: OperationContext;
  private readonly userStore: KeyedStore;

  constructor(
    private readonly service: BatchService,
    private readonly docs: BatchDocs,
    private readonly actor: { user: Person; role: Role },
    private readonly commands: readonly CreateCommand[],
    private readonly people: Person[],
    /// Written over several turns (positions carried across them).
    readonly sliced = commands.length > BATCH_SLICE.oneStep,
  ) {
    this.ctx = { auth: annotationAuth(actor.role, actor.user) };
    this.userStore = new KeyedStore(
      new YMapAnnotationStore(docs.store.ymap.doc!, actorOrigin(actor)),
      service.caches.recordKeys(docs.store.ymap),
    );
  }

  ids(): string[] {
    return this.planned.map((p) => p.input.id);
  }

  /// Locates and checks up to `n` more commands in the text as it is now.
  locate(n: number): { done: number; more: boolean } {
    const { service, commands } = this;
    const text = this.docs.text;
    const doc = service.pmDoc(text);
    const index = service.textIndex(text);
    const layout = this.sliced ? service.layout(text) : null;
    const end = Math.min(this.planned.length + n, commands.length);
    const start = this.planned.length;
    for (let i = start; i < end; i++) {
      const command = commands[i]!;
      const { from, to } = locateQuote(doc, command, index);
      const id = command.id ?? randomId();
      if (this.seen.has(id))
        throw new AnnotationRequestError(
          409,
          "conflict",
          `Annotation ${id} is twice in the batch.`,
        );
      this.seen.add(id);
      const body =
        command.body === undefined || command.body === "" ? undefined : str(command.body, "body");
      const input = {
        id,
        kind: str(command.kind, "kind"),
        selector: selectorFor(doc, from, to, index),
        body,
        mentions: typeof body === "string" ? parseMentions(body, this.people) : [],
        tags: command.tags,
      };
      checkCreate(this.userStore, this.ctx, input);
      this.planned.push({ input, at: carry(doc, layout, from, to, this.sliced) });
    }
    return { done: end - start, more: end < commands.length };
  }

  /// Writes up to `n` more of the located annotations: their records in one
  /// transaction of the annotations document, their marks in one of the text.
  write(n: number): { done: number; more: boolean } {
    const { service, userStore } = this;
    const { text, fragment } = this.docs;
    const doc = service.pmDoc(text);
    const slice = this.planned.slice(this.written, this.written + n);
    this.written += slice.length;
    const placed: { id: string; from: number; to: number }[] = [];
    userStore.transact(() => {
      for (const { input, at } of slice) {
        const where = whereNow(at, text, doc, () => service.layout(text));
        const selector =
          where && doc !== at.doc
            ? selectorFor(doc, where.from, where.to, service.textIndex(text))
            : input.selector;
        createAnnotation(userStore, this.ctx, { ...input, selector });
        if (where) placed.push({ id: input.id, ...where });
        else markDetached(userStore, SYSTEM, input.id, "text-changed", null);
      }
    });
    const annotations = this.docs.store.ymap.doc!;
    const items = anchorItemsMap(annotations);
    // Formatting moves no position: one layout serves the slice, and every
    // identity goes into one transaction of the annotations document.
    const layout = service.layout(text);
    const origin = actorOrigin(this.actor);
    annotations.transact(() => {
      text.transact(() => {
        for (const p of placed) addAnnotationFormat(fragment, p.from, p.to, p.id, items, layout);
      }, origin);
    }, origin);
    return { done: slice.length, more: this.written < this.planned.length };
  }
}
