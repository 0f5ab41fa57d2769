/// What every annotation operation shares: its context, its error, the
/// checks that refuse, and the audit trail it appends to.
import type { AnnotationAuth } from "../auth.ts";
import type { AnnotationKind, TagVocabulary } from "../kinds.ts";
import {
  type Annotation,
  type AuditAction,
  describeProblems,
  type Person,
  type Problem,
} from "../model.ts";
import { type AnnotationStore, readAnnotation, recordKey } from "../store.ts";

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

export const nowOf = (ctx: OperationContext) => (ctx.now ?? (() => new Date()))().toISOString();
export const idOf = (ctx: OperationContext) => (ctx.newId ?? randomId)();

/// Refuses an invalid input, listing its problems.
export function invalid(what: string, problems: Problem[]): never {
  throw new AnnotationError("invalid", `${what}: ${describeProblems(problems)}`, problems);
}

/// The annotation `id`, or `not-found`.
export function load(store: AnnotationStore, id: string): Annotation {
  const a = readAnnotation(store, id);
  if (!a) throw new AnnotationError("not-found", `There is no annotation ${JSON.stringify(id)}.`);
  return a;
}

/// Refuses what the auth does not allow.
export function allow(ok: boolean, what: string) {
  if (!ok) throw new AnnotationError("forbidden", `You may not ${what}.`);
}

/// Refuses to act on a deleted annotation.
export function alive(a: Annotation) {
  if (a.deleted) throw new AnnotationError("conflict", "This annotation has been deleted.");
}

/// Appends an entry to the annotation's audit trail.
export function audit(
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

/// The start of a text, for audit details.
export const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
