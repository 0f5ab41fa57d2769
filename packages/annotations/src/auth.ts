import { capabilities, type Role } from "@glossa/protocol";
import type { Annotation, Message, Person, Problem, ValidationOptions } from "./model.ts";
import { type AnnotationRecord, parseRecordKey, validateRecord } from "./store.ts";

/// What one person may do with annotations (cf. BlockNote's
/// `ThreadStoreAuth`). Operations ask it before every write. Clients never
/// write the annotations document themselves: the server carries out each
/// request as an operation under the requester's current role
/// (docs/decisions/0002-annotation-writes-through-the-server.md).
export interface AnnotationAuth {
  readonly user: Person;
  readonly role: Role | null;
  canRead(): boolean;
  canCreate(): boolean;
  canReply(annotation: Annotation): boolean;
  canEditMessage(annotation: Annotation, message: Message): boolean;
  canDeleteMessage(annotation: Annotation, message: Message): boolean;
  canResolve(annotation: Annotation): boolean;
  canReopen(annotation: Annotation): boolean;
  canSetStatus(annotation: Annotation): boolean;
  canLink(annotation: Annotation): boolean;
  canTag(annotation: Annotation): boolean;
  /// Detaching and re-attaching (placing the annotation on other words).
  canAnchor(annotation: Annotation): boolean;
  canDelete(annotation: Annotation): boolean;
}

/// The default rules: owners, editors and annotators may annotate, reply,
/// resolve, reopen, set a claim's status, link and tag; viewers may only
/// read. A message may be edited or deleted only by its author. A whole
/// annotation may be deleted by its author, an owner or an editor.
export class DefaultAnnotationAuth implements AnnotationAuth {
  private readonly may: boolean;
  constructor(
    readonly user: Person,
    readonly role: Role | null,
  ) {
    this.may = capabilities(role).annotate;
  }
  canRead() {
    return capabilities(this.role).read;
  }
  canCreate() {
    return this.may;
  }
  canReply(a: Annotation) {
    return this.may && !a.deleted;
  }
  canEditMessage(a: Annotation, m: Message) {
    return this.may && !a.deleted && m.author.id === this.user.id;
  }
  canDeleteMessage(a: Annotation, m: Message) {
    return this.canEditMessage(a, m);
  }
  canResolve(a: Annotation) {
    return this.may && !a.deleted;
  }
  canReopen(a: Annotation) {
    return this.may && !a.deleted;
  }
  canSetStatus(a: Annotation) {
    return this.may && !a.deleted;
  }
  canLink(a: Annotation) {
    return this.may && !a.deleted;
  }
  canTag(a: Annotation) {
    return this.may && !a.deleted;
  }
  canAnchor(a: Annotation) {
    return this.may && !a.deleted;
  }
  canDelete(a: Annotation) {
    return (
      !a.deleted &&
      this.may &&
      (a.author.id === this.user.id || capabilities(this.role).moderateAnnotations)
    );
  }
}

/// The auth of `user` holding `role` on a document.
export function annotationAuth(role: Role | null, user: Person): AnnotationAuth {
  return new DefaultAnnotationAuth(user, role);
}

/// Authority Glossa itself acts with (detaching annotations whose text was
/// deleted, import on behalf of an owner). It may do everything but edit or
/// delete someone's messages.
export function systemAuth(): AnnotationAuth {
  return new DefaultAnnotationAuth({ id: "glossa", name: "Glossa" }, "owner");
}

const samePerson = (a: Person | null | undefined, user: Person) => !!a && a.id === user.id;

/// Decides whether a raw write to the annotations map is allowed: `key` is
/// the record key, `before` the record there now (undefined if none),
/// `after` the new value (undefined for a delete), `annotation` the
/// annotation as it stands (undefined when it does not exist yet). Returns
/// the problems; empty means allowed. The server does not call it: since
/// ADR 0002 no client writes the annotations map, and writes come only from
/// operations, which ask `AnnotationAuth` first. It states the per-record
/// rules for a store that would accept raw writes (tested in
/// `operations.test.ts`).
///
/// Rules: heads are written once, by their author, and never changed or
/// deleted; messages are added by their author and changed or deleted only
/// by them (id, author and creation time fixed); audit entries are append
/// only and must name the writer; other fields follow `AnnotationAuth`.
export function checkRecordWrite(
  auth: AnnotationAuth,
  key: string,
  before: AnnotationRecord | undefined,
  after: unknown,
  annotation: Annotation | undefined,
  options: ValidationOptions = {},
): Problem[] {
  const k = parseRecordKey(key);
  if (!k)
    return [
      { path: "key", message: `"${String(key).slice(0, 80)}" is not an annotation record key` },
    ];
  if (after !== undefined) {
    const problems = validateRecord(key, after, options);
    if (problems.length) return problems;
  }
  const rec = after as AnnotationRecord | undefined;
  const no = (message: string): Problem[] => [{ path: key, message }];
  const user = auth.user;
  if (k.field === "annotation") {
    if (before || !rec) return no("an annotation's head cannot be changed or removed");
    if (!auth.canCreate()) return no("you may not create annotations on this document");
    if (rec.type === "annotation" && !samePerson(rec.author, user))
      return no("an annotation's author must be the person creating it");
    return [];
  }
  if (!annotation) return no("the annotation does not exist");
  switch (k.field) {
    case "message": {
      const prev = before?.type === "message" ? before : undefined;
      const next = rec?.type === "message" ? rec : undefined;
      if (!prev && next) {
        if (!auth.canReply(annotation)) return no("you may not reply to this annotation");
        if (!samePerson(next.author, user))
          return no("a message's author must be the person writing it");
        return [];
      }
      if (prev && !auth.canEditMessage(annotation, prev))
        return no("only the author of a message may edit or delete it");
      if (prev && next) {
        if (next.author.id !== prev.author.id || next.createdAt !== prev.createdAt)
          return no("a message's author and creation time cannot change");
        if (!next.editedAt) return no("an edited message must carry editedAt");
      }
      return [];
    }
    case "audit": {
      if (before || !rec) return no("audit entries cannot be changed or removed");
      if (rec.type === "audit" && !samePerson(rec.who, user) && user.id !== "glossa")
        return no("an audit entry must name the person writing it");
      return [];
    }
    case "tags":
      return auth.canTag(annotation) ? [] : no("you may not tag this annotation");
    case "status":
      return auth.canSetStatus(annotation) ? [] : no("you may not change this claim's status");
    case "resolved": {
      const resolving = rec?.type === "resolved" && rec.resolved;
      if (resolving && !samePerson(rec.resolved!.by, user))
        return no("a resolution must name the person resolving");
      const ok = resolving ? auth.canResolve(annotation) : auth.canReopen(annotation);
      return ok ? [] : no("you may not resolve or reopen this annotation");
    }
    case "link":
      return auth.canLink(annotation) ? [] : no("you may not change this annotation's sources");
    case "selector":
    case "detached":
      return auth.canAnchor(annotation)
        ? []
        : no("you may not detach or re-attach this annotation");
    case "deleted":
      if (!rec) return no("a deleted annotation cannot be restored by removing its tombstone");
      if (rec.type === "deleted" && !samePerson(rec.deleted.by, user))
        return no("a deletion must name the person deleting");
      return auth.canDelete(annotation) ? [] : no("you may not delete this annotation");
    default:
      throw new Error(`unreachable: ${k.field}`);
  }
}
