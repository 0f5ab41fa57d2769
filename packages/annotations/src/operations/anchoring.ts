/// What happens to an annotation's mark, recorded: detached, attached
/// again, trimmed of text others put under it.
import {
  type Annotation,
  type DetachReason,
  type Person,
  type Selector,
  validateSelector,
} from "../model.ts";
import { type AnnotationStore, recordKey } from "../store.ts";
import {
  alive,
  allow,
  audit,
  clip,
  invalid,
  load,
  nowOf,
  type OperationContext,
} from "./common.ts";

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
