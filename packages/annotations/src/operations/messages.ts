/// Operations on a thread's messages: creating the annotation with its
/// first message, replies, edits, deletions, and the mentions in a body.
import { ANNOTATION_KINDS } from "../kinds.ts";
import {
  type Annotation,
  ID_PATTERN,
  type Message,
  type Person,
  type Problem,
  type Selector,
  validateMessage,
  validateSelector,
  validateTags,
} from "../model.ts";
import { type AnnotationStore, recordKey } from "../store.ts";
import {
  AnnotationError,
  alive,
  allow,
  audit,
  clip,
  idOf,
  invalid,
  load,
  nowOf,
  type OperationContext,
} from "./common.ts";

/// What `createAnnotation` needs.
export interface CreateAnnotationInput {
  /// The annotation's id (also the mark's id); generated when omitted.
  id?: string;
  kind: string;
  selector: Selector;
  /// The first message; optional (highlights often have none).
  body?: string;
  mentions?: string[];
  tags?: string[];
}

/// Creates an annotation's body in the store and returns it. The caller
/// anchors it with `addAnnotationMark` (an annotator asks the server to).
export function createAnnotation(
  store: AnnotationStore,
  ctx: OperationContext,
  input: CreateAnnotationInput,
): Annotation {
  const { auth } = ctx;
  const { id, kind, tags, message, at } = prepareCreate(store, ctx, input);
  store.transact(() => {
    store.put(id, {
      type: "annotation",
      id,
      kind: kind.id,
      author: auth.user,
      createdAt: at,
      selector: input.selector,
    });
    if (tags.length) store.put(recordKey(id, "tags"), { type: "tags", tags });
    if (kind.hasStatus)
      store.put(recordKey(id, "status"), { type: "status", status: "unsupported" });
    if (message) store.put(recordKey(id, "message", message.id), { type: "message", ...message });
    audit(
      store,
      ctx,
      id,
      auth.user,
      "created",
      `${kind.id} on “${clip(input.selector.quote.exact)}”`,
    );
  });
  return load(store, id);
}

/// Refuses `input` exactly as `createAnnotation` would (rights, id, kind,
/// selector, tags, body), writing nothing: a batch checks every item
/// before its first write, so that a refusal changes nothing.
export function checkCreate(
  store: AnnotationStore,
  ctx: OperationContext,
  input: CreateAnnotationInput,
): void {
  prepareCreate(store, ctx, input);
}

/// `createAnnotation`'s checks, and what it writes.
function prepareCreate(
  store: AnnotationStore,
  ctx: OperationContext,
  input: CreateAnnotationInput,
) {
  const { auth } = ctx;
  allow(auth.canCreate(), "annotate this document");
  const id = input.id ?? idOf(ctx);
  if (!ID_PATTERN.test(id))
    invalid("Cannot create the annotation", [{ path: "id", message: "is malformed" }]);
  if (store.get(id)) throw new AnnotationError("conflict", `Annotation ${id} already exists.`);
  const kinds = ctx.kinds ?? ANNOTATION_KINDS;
  const kind = kinds.find((k) => k.id === input.kind);
  const problems: Problem[] = [];
  if (!kind)
    problems.push({ path: "kind", message: `must be one of ${kinds.map((k) => k.id).join(", ")}` });
  problems.push(...validateSelector(input.selector));
  const tags = input.tags ?? [];
  problems.push(...validateTags(tags, { vocabulary: ctx.vocabulary }));
  const at = nowOf(ctx);
  const message: Message | null =
    input.body === undefined
      ? null
      : {
          id: idOf(ctx),
          author: auth.user,
          body: input.body,
          createdAt: at,
          mentions: input.mentions ?? [],
        };
  if (message) problems.push(...validateMessage(message, "body"));
  if (problems.length) invalid("Cannot create the annotation", problems);
  return { id, kind: kind!, tags, message, at };
}

/// Adds a reply to the thread of annotation `id` and returns it.
export function replyToAnnotation(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  body: string,
  mentions: string[] = [],
): Message {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canReply(a), "reply to this annotation");
  const message: Message = {
    id: idOf(ctx),
    author: ctx.auth.user,
    body,
    createdAt: nowOf(ctx),
    mentions,
  };
  const problems = validateMessage(message, "reply");
  if (problems.length) invalid("Cannot add the reply", problems);
  store.transact(() => {
    store.put(recordKey(id, "message", message.id), { type: "message", ...message });
    audit(store, ctx, id, ctx.auth.user, "replied", clip(body));
  });
  return message;
}

function findMessage(a: Annotation, messageId: string): Message {
  const m = a.messages.find((x) => x.id === messageId);
  if (!m)
    throw new AnnotationError(
      "not-found",
      `There is no message ${JSON.stringify(messageId)} in this thread.`,
    );
  return m;
}

/// Replaces the body of one's own message, marking it edited.
export function editMessage(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  messageId: string,
  body: string,
  mentions?: string[],
): Message {
  const a = load(store, id);
  alive(a);
  const m = findMessage(a, messageId);
  allow(ctx.auth.canEditMessage(a, m), "edit someone else's message");
  const next: Message = { ...m, body, editedAt: nowOf(ctx), mentions: mentions ?? m.mentions };
  const problems = validateMessage(next, "message");
  if (problems.length) invalid("Cannot edit the message", problems);
  store.transact(() => {
    store.put(recordKey(id, "message", m.id), { type: "message", ...next });
    audit(
      store,
      ctx,
      id,
      ctx.auth.user,
      "edited",
      `message ${m.id}: “${clip(m.body)}” → “${clip(body)}”`,
    );
  });
  return next;
}

/// Deletes one's own message. The audit trail keeps the fact and the start
/// of the text.
export function deleteMessage(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  messageId: string,
): void {
  const a = load(store, id);
  alive(a);
  const m = findMessage(a, messageId);
  allow(ctx.auth.canDeleteMessage(a, m), "delete someone else's message");
  store.transact(() => {
    store.delete(recordKey(id, "message", m.id));
    audit(store, ctx, id, ctx.auth.user, "edited", `deleted message ${m.id}: “${clip(m.body)}”`);
  });
}

/// The ids of the people mentioned in `body` as `@name` or `@id` (names
/// compared without case; longer names win so "@Ana Ruiz" beats "@Ana").
export function parseMentions(body: string, people: readonly Person[]): string[] {
  const lower = body.toLowerCase();
  const found: string[] = [];
  const sorted = [...people].sort((a, b) => b.name.length - a.name.length);
  let i = lower.indexOf("@");
  while (i >= 0) {
    const rest = lower.slice(i + 1);
    const p = sorted.find((x) => {
      for (const handle of [x.name.toLowerCase(), x.id.toLowerCase()]) {
        if (handle && rest.startsWith(handle) && !/[\p{L}\p{N}_]/u.test(rest[handle.length] ?? ""))
          return true;
      }
      return false;
    });
    if (p && !found.includes(p.id)) found.push(p.id);
    i = lower.indexOf("@", i + 1);
  }
  return found;
}
