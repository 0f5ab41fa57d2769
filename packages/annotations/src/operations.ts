import type { AnnotationAuth } from "./auth.ts";
import { ANNOTATION_KINDS, type AnnotationKind, type TagVocabulary } from "./kinds.ts";
import {
  type Annotation,
  type AuditAction,
  CLAIM_STATUSES,
  type ClaimStatus,
  type DetachReason,
  describeProblems,
  ID_PATTERN,
  LINK_RELATIONS,
  type LinkRelation,
  type Message,
  type Person,
  type Problem,
  type Selector,
  type SourceLink,
  validateLink,
  validateMessage,
  validateSelector,
  validateTags,
} from "./model.ts";
import { type AnnotationStore, readAnnotation, recordKey } from "./store.ts";

/// Why an operation was refused: `forbidden` (the auth said no), `invalid`
/// (the input broke a rule; `problems` lists them), `not-found`, or
/// `conflict` (the annotation is in a state that does not allow it).
export type AnnotationErrorCode = "forbidden" | "invalid" | "not-found" | "conflict";

/// Thrown by the operations; the server maps `code` to an HTTP status.
export class AnnotationError extends Error {
  constructor(
    readonly code: AnnotationErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = "AnnotationError";
  }
}

/// What every operation needs: who acts, and (for tests) a clock and an id
/// source. `kinds` and `vocabulary` narrow what may be written.
export interface OperationContext {
  auth: AnnotationAuth;
  now?: () => Date;
  newId?: () => string;
  kinds?: readonly AnnotationKind[];
  vocabulary?: TagVocabulary;
}

/// A random id of 16 URL-safe characters.
export function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_");
}

const nowOf = (ctx: OperationContext) => (ctx.now ?? (() => new Date()))().toISOString();
const idOf = (ctx: OperationContext) => (ctx.newId ?? randomId)();

function invalid(what: string, problems: Problem[]): never {
  throw new AnnotationError("invalid", `${what}: ${describeProblems(problems)}`, problems);
}

function load(store: AnnotationStore, id: string): Annotation {
  const a = readAnnotation(store, id);
  if (!a) throw new AnnotationError("not-found", `There is no annotation ${JSON.stringify(id)}.`);
  return a;
}

function allow(ok: boolean, what: string) {
  if (!ok) throw new AnnotationError("forbidden", `You may not ${what}.`);
}

function alive(a: Annotation) {
  if (a.deleted) throw new AnnotationError("conflict", "This annotation has been deleted.");
}

function audit(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  who: Person | null,
  action: AuditAction,
  detail = "",
) {
  const entry = { id: idOf(ctx), who, action, at: nowOf(ctx), detail: detail.slice(0, 2000) };
  store.put(recordKey(id, "audit", entry.id), { type: "audit", ...entry });
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

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
  store.transact(() => {
    store.put(id, {
      type: "annotation",
      id,
      kind: kind!.id,
      author: auth.user,
      createdAt: at,
      selector: input.selector,
    });
    if (tags.length) store.put(recordKey(id, "tags"), { type: "tags", tags });
    if (kind!.hasStatus)
      store.put(recordKey(id, "status"), { type: "status", status: "unsupported" });
    if (message) store.put(recordKey(id, "message", message.id), { type: "message", ...message });
    audit(
      store,
      ctx,
      id,
      auth.user,
      "created",
      `${kind!.id} on “${clip(input.selector.quote.exact)}”`,
    );
  });
  return load(store, id);
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

/// Marks the thread resolved, recording who and when. Resolving a resolved
/// thread does nothing.
export function resolveAnnotation(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
): Annotation {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canResolve(a), "resolve this annotation");
  if (a.resolved) return a;
  store.transact(() => {
    store.put(recordKey(id, "resolved"), {
      type: "resolved",
      resolved: { by: ctx.auth.user, at: nowOf(ctx) },
    });
    audit(store, ctx, id, ctx.auth.user, "resolved");
  });
  return load(store, id);
}

/// Reopens a resolved thread. Reopening an open thread does nothing.
export function reopenAnnotation(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
): Annotation {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canReopen(a), "reopen this annotation");
  if (!a.resolved) return a;
  store.transact(() => {
    store.put(recordKey(id, "resolved"), { type: "resolved", resolved: null });
    audit(store, ctx, id, ctx.auth.user, "reopened");
  });
  return load(store, id);
}

/// Sets a claim's status. Only kinds with a status (claims) take one.
export function setClaimStatus(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  status: ClaimStatus,
): Annotation {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canSetStatus(a), "change this claim's status");
  if (!(CLAIM_STATUSES as readonly string[]).includes(status))
    invalid("Cannot set the status", [
      { path: "status", message: `must be one of ${CLAIM_STATUSES.join(", ")}` },
    ]);
  const kind = (ctx.kinds ?? ANNOTATION_KINDS).find((k) => k.id === a.kind);
  if (!kind?.hasStatus)
    throw new AnnotationError("conflict", `A ${a.kind} has no status; only claims do.`);
  if (a.status === status) return a;
  store.transact(() => {
    store.put(recordKey(id, "status"), { type: "status", status });
    audit(store, ctx, id, ctx.auth.user, "status", `${a.status ?? "none"} → ${status}`);
  });
  return load(store, id);
}

/// Links a legal source. Linking a supporting source to an unsupported claim
/// makes it `sourced`.
export function linkSource(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  link: { key: string; pinpoint?: string | null; relation: LinkRelation },
): SourceLink {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canLink(a), "link sources to this annotation");
  const value: SourceLink = {
    id: idOf(ctx),
    key: link.key,
    pinpoint: link.pinpoint ?? null,
    relation: link.relation,
  };
  const problems = validateLink(value);
  if (problems.length) invalid("Cannot link the source", problems);
  if (
    a.links.some(
      (l) => l.key === value.key && l.pinpoint === value.pinpoint && l.relation === value.relation,
    )
  )
    throw new AnnotationError("conflict", "This source is already linked that way.");
  if (!LINK_RELATIONS.includes(value.relation)) throw new Error("unreachable");
  store.transact(() => {
    store.put(recordKey(id, "link", value.id), { type: "link", ...value });
    audit(
      store,
      ctx,
      id,
      ctx.auth.user,
      "linked",
      `${value.relation} ${value.key}${value.pinpoint ? ` ${value.pinpoint}` : ""}`,
    );
    if (value.relation === "supports" && a.status === "unsupported") {
      store.put(recordKey(id, "status"), { type: "status", status: "sourced" });
      audit(store, ctx, id, ctx.auth.user, "status", "unsupported → sourced");
    }
  });
  return value;
}

/// Removes a source link.
export function unlinkSource(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  linkId: string,
): void {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canLink(a), "change this annotation's sources");
  const l = a.links.find((x) => x.id === linkId);
  if (!l) throw new AnnotationError("not-found", `There is no link ${JSON.stringify(linkId)}.`);
  store.transact(() => {
    store.delete(recordKey(id, "link", linkId));
    audit(store, ctx, id, ctx.auth.user, "unlinked", `${l.relation} ${l.key}`);
  });
}

/// Replaces the annotation's tags (checked against the vocabulary, if any).
export function setTags(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  tags: string[],
): Annotation {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canTag(a), "tag this annotation");
  const problems = validateTags(tags, { vocabulary: ctx.vocabulary });
  if (problems.length) invalid("Cannot set the tags", problems);
  store.transact(() => {
    store.put(recordKey(id, "tags"), { type: "tags", tags });
    audit(store, ctx, id, ctx.auth.user, "tagged", tags.join(", "));
  });
  return load(store, id);
}

/// Records that the annotation has lost its mark. `who` defaults to the
/// acting user; pass null when Glossa notices it by itself. Does nothing if
/// it is already detached.
export function markDetached(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  reason: DetachReason = "deleted",
  who: Person | null = ctx.auth.user,
): Annotation {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canAnchor(a), "detach this annotation");
  if (a.detached) return a;
  store.transact(() => {
    store.put(recordKey(id, "detached"), {
      type: "detached",
      detached: { at: nowOf(ctx), reason },
    });
    audit(store, ctx, id, who, "detached", `${reason}; quote “${clip(a.selector.quote.exact)}”`);
  });
  return load(store, id);
}

/// Records that the annotation is anchored again. Pass the new `selector`
/// when it was placed on other words (the caller adds the mark); without
/// one, the mark came back over its own text (an undo). Does nothing for an
/// attached annotation unless a new selector is given.
export function reattachAnnotation(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  selector?: Selector,
  who: Person | null = ctx.auth.user,
): Annotation {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canAnchor(a), "re-attach this annotation");
  if (selector) {
    const problems = validateSelector(selector);
    if (problems.length) invalid("Cannot re-attach the annotation", problems);
  }
  if (!a.detached && !selector) return a;
  store.transact(() => {
    if (a.detached) store.put(recordKey(id, "detached"), { type: "detached", detached: null });
    if (selector) store.put(recordKey(id, "selector"), { type: "selector", selector });
    const detail = selector
      ? `“${clip(a.selector.quote.exact)}” → “${clip(selector.quote.exact)}”`
      : `“${clip(a.selector.quote.exact)}”`;
    audit(store, ctx, id, who, "reattached", detail);
  });
  return load(store, id);
}

/// Records that Glossa took the annotation's mark off `removed`: text that
/// concurrent edits had put under it (docs/decisions/0003). The annotation
/// keeps its place on the rest of its words.
export function noteMarkTrimmed(
  store: AnnotationStore,
  ctx: OperationContext,
  id: string,
  removed: string,
): Annotation {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canAnchor(a), "change where this annotation is anchored");
  audit(
    store,
    ctx,
    id,
    null,
    "trimmed",
    `took the mark off “${clip(removed)}”, which others' concurrent edits had put under it`,
  );
  return load(store, id);
}

/// Deletes an annotation: it leaves every list but its records and audit
/// trail stay. The caller removes its mark with `removeAnnotationMark`.
export function deleteAnnotation(store: AnnotationStore, ctx: OperationContext, id: string): void {
  const a = load(store, id);
  alive(a);
  allow(ctx.auth.canDelete(a), "delete this annotation");
  store.transact(() => {
    store.put(recordKey(id, "deleted"), {
      type: "deleted",
      deleted: { by: ctx.auth.user, at: nowOf(ctx) },
    });
    audit(store, ctx, id, ctx.auth.user, "deleted", `“${clip(a.selector.quote.exact)}”`);
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
