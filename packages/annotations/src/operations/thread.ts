/// Operations on a thread's state: resolution, claim status, source links,
/// tags, deletion.
import { ANNOTATION_KINDS } from "../kinds.ts";
import {
  type Annotation,
  CLAIM_STATUSES,
  type ClaimStatus,
  LINK_RELATIONS,
  type LinkRelation,
  type SourceLink,
  validateLink,
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
