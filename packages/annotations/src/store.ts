import { ANNOTATION_KINDS } from "./kinds.ts";
import {
  type Annotation,
  type AuditEntry,
  Check,
  CLAIM_STATUSES,
  type ClaimStatus,
  type Detachment,
  ID_PATTERN,
  type Message,
  type Person,
  type Problem,
  type Resolution,
  type Selector,
  type SourceLink,
  type ValidationOptions,
  validateAuditEntry,
  validateLink,
  validateMessage,
  validateSelector,
  validateTags,
} from "./model.ts";

/// The immutable head of an annotation, stored under the key `<id>`.
export interface HeadRecord {
  type: "annotation";
  id: string;
  kind: string;
  author: Person;
  createdAt: string;
  selector: Selector;
}

/// The records an annotation is stored as. Each mutable field and each
/// message, link and audit entry is its own record under its own key, so
/// concurrent writers (a reply here, a resolve there) never overwrite each
/// other in a last-writer-wins map such as a `Y.Map`.
///
/// | key | record |
/// |---|---|
/// | `<id>` | `HeadRecord` |
/// | `<id>/selector` | `{type: "selector", selector}` (set on re-attachment to other words) |
/// | `<id>/tags` | `{type: "tags", tags}` |
/// | `<id>/status` | `{type: "status", status}` |
/// | `<id>/resolved` | `{type: "resolved", resolved}` |
/// | `<id>/detached` | `{type: "detached", detached}` |
/// | `<id>/deleted` | `{type: "deleted", deleted}` |
/// | `<id>/m/<messageId>` | `{type: "message", …Message}` |
/// | `<id>/l/<linkId>` | `{type: "link", …SourceLink}` |
/// | `<id>/log/<entryId>` | `{type: "audit", …AuditEntry}` |
export type AnnotationRecord =
  | HeadRecord
  | { type: "selector"; selector: Selector }
  | { type: "tags"; tags: string[] }
  | { type: "status"; status: ClaimStatus | null }
  | { type: "resolved"; resolved: Resolution | null }
  | { type: "detached"; detached: Detachment | null }
  | { type: "deleted"; deleted: Resolution }
  | ({ type: "message" } & Message)
  | ({ type: "link" } & SourceLink)
  | ({ type: "audit" } & AuditEntry);

/// What a store key refers to.
export type RecordField =
  | "annotation"
  | "selector"
  | "tags"
  | "status"
  | "resolved"
  | "detached"
  | "deleted"
  | "message"
  | "link"
  | "audit";

/// A parsed store key.
export interface RecordKey {
  annotation: string;
  field: RecordField;
  /// Id of the message, link or audit entry.
  child?: string;
}

const SINGLE: Record<string, RecordField> = {
  selector: "selector",
  tags: "tags",
  status: "status",
  resolved: "resolved",
  detached: "detached",
  deleted: "deleted",
};
const CHILD: Record<string, RecordField> = { m: "message", l: "link", log: "audit" };
const CHILD_PREFIX: Partial<Record<RecordField, string>> = {
  message: "m",
  link: "l",
  audit: "log",
};

/// Parses a store key; null when it is not one of the forms of `AnnotationRecord`.
export function parseRecordKey(key: string): RecordKey | null {
  if (typeof key !== "string" || key.length > 200) return null;
  const parts = key.split("/");
  const [annotation, a, b] = parts;
  if (!annotation || !ID_PATTERN.test(annotation)) return null;
  if (parts.length === 1) return { annotation, field: "annotation" };
  if (parts.length === 2 && a && Object.hasOwn(SINGLE, a)) return { annotation, field: SINGLE[a]! };
  if (parts.length === 3 && a && Object.hasOwn(CHILD, a) && b && ID_PATTERN.test(b))
    return { annotation, field: CHILD[a]!, child: b };
  return null;
}

/// The store key of a record.
export function recordKey(
  annotation: string,
  field: RecordField = "annotation",
  child?: string,
): string {
  if (field === "annotation") return annotation;
  const prefix = CHILD_PREFIX[field];
  if (prefix) {
    if (!child) throw new RangeError(`A ${field} record key needs a child id`);
    return `${annotation}/${prefix}/${child}`;
  }
  return `${annotation}/${field}`;
}

/// A change seen by `AnnotationStore.observe`: the keys written or deleted
/// in one transaction, and whether the change came from this replica.
export interface StoreChange {
  keys: string[];
  local: boolean;
}

/// Where annotation bodies live: a flat map from key to JSON record. The
/// collab layer and the server implement it over the `Y.Map` of the
/// companion document `doc/<id>/annotations`; `MemoryAnnotationStore` is the
/// in-memory version. Implementations store records as plain JSON values
/// and must not mutate or share the objects they are given.
export interface AnnotationStore {
  get(key: string): AnnotationRecord | undefined;
  /// Every record whose key starts with `prefix` (all when omitted), in any order.
  list(prefix?: string): [string, AnnotationRecord][];
  put(key: string, record: AnnotationRecord): void;
  delete(key: string): void;
  /// Runs `fn` as one atomic change (one Yjs transaction); observers hear of
  /// it once, at the end.
  transact<T>(fn: () => T): T;
  /// Calls `fn` after every change; returns a function that stops it.
  observe(fn: (change: StoreChange) => void): () => void;
}

/// An `AnnotationStore` in memory, for tests and for server-side scratch work.
export class MemoryAnnotationStore implements AnnotationStore {
  private readonly records = new Map<string, AnnotationRecord>();
  private readonly observers = new Set<(change: StoreChange) => void>();
  private pending: Set<string> | null = null;

  get(key: string): AnnotationRecord | undefined {
    const r = this.records.get(key);
    return r && structuredClone(r);
  }

  list(prefix = ""): [string, AnnotationRecord][] {
    const out: [string, AnnotationRecord][] = [];
    for (const [k, v] of this.records) if (k.startsWith(prefix)) out.push([k, structuredClone(v)]);
    return out;
  }

  put(key: string, record: AnnotationRecord): void {
    this.transact(() => {
      this.records.set(key, structuredClone(record));
      this.pending!.add(key);
    });
  }

  delete(key: string): void {
    this.transact(() => {
      if (this.records.delete(key)) this.pending!.add(key);
    });
  }

  transact<T>(fn: () => T): T {
    if (this.pending) return fn();
    this.pending = new Set();
    try {
      return fn();
    } finally {
      const keys = [...this.pending];
      this.pending = null;
      if (keys.length) for (const o of [...this.observers]) o({ keys, local: true });
    }
  }

  observe(fn: (change: StoreChange) => void): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }
}

const byTime =
  <T extends { id: string }>(time: (x: T) => string) =>
  (a: T, b: T) =>
    time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/// Assembles the annotation `id` from its records; undefined when it has no head.
export function readAnnotation(store: AnnotationStore, id: string): Annotation | undefined {
  const head = store.get(id);
  if (head?.type !== "annotation") return undefined;
  return assemble(head, store.list(`${id}/`));
}

function assemble(head: HeadRecord, records: [string, AnnotationRecord][]): Annotation {
  const a: Annotation = {
    id: head.id,
    kind: head.kind,
    tags: [],
    author: head.author,
    createdAt: head.createdAt,
    status: ANNOTATION_KINDS.find((k) => k.id === head.kind)?.hasStatus ? "unsupported" : null,
    resolved: null,
    messages: [],
    links: [],
    selector: head.selector,
    detached: null,
    deleted: null,
    audit: [],
  };
  for (const [key, r] of records) {
    const k = parseRecordKey(key);
    if (!k || k.annotation !== head.id) continue;
    switch (r.type) {
      case "selector":
        a.selector = r.selector;
        break;
      case "tags":
        a.tags = r.tags;
        break;
      case "status":
        a.status = r.status;
        break;
      case "resolved":
        a.resolved = r.resolved;
        break;
      case "detached":
        a.detached = r.detached;
        break;
      case "deleted":
        a.deleted = r.deleted;
        break;
      case "message": {
        const { type: _, ...m } = r;
        a.messages.push(m);
        break;
      }
      case "link": {
        const { type: _, ...l } = r;
        a.links.push(l);
        break;
      }
      case "audit": {
        const { type: _, ...e } = r;
        a.audit.push(e);
        break;
      }
      case "annotation":
        break;
      default:
        throw new Error(`unreachable: ${(r as { type: string }).type}`);
    }
  }
  a.messages.sort(byTime((m) => m.createdAt));
  a.links.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  a.audit.sort(byTime((e) => e.at));
  return a;
}

/// Options of `listAnnotations`.
export interface ListOptions {
  /// Include deleted annotations (kept for their audit trail). Default false.
  includeDeleted?: boolean;
}

/// Every annotation in the store, oldest first.
export function listAnnotations(store: AnnotationStore, options: ListOptions = {}): Annotation[] {
  const heads = new Map<string, HeadRecord>();
  const rest = new Map<string, [string, AnnotationRecord][]>();
  for (const [key, r] of store.list()) {
    const k = parseRecordKey(key);
    if (!k) continue;
    if (r.type === "annotation" && k.field === "annotation") heads.set(k.annotation, r);
    else {
      let list = rest.get(k.annotation);
      if (!list) {
        list = [];
        rest.set(k.annotation, list);
      }
      list.push([key, r]);
    }
  }
  const out: Annotation[] = [];
  for (const [id, head] of heads) {
    const a = assemble(head, rest.get(id) ?? []);
    if (!a.deleted || options.includeDeleted) out.push(a);
  }
  return out.sort(byTime((a) => a.createdAt));
}

/// Writes a whole annotation as records (used by import and restore). Records
/// of the annotation that `annotation` no longer has are deleted.
export function writeAnnotation(store: AnnotationStore, annotation: Annotation): void {
  const id = annotation.id;
  store.transact(() => {
    const keep = new Set<string>();
    const put = (key: string, r: AnnotationRecord) => {
      keep.add(key);
      store.put(key, r);
    };
    put(id, {
      type: "annotation",
      id,
      kind: annotation.kind,
      author: annotation.author,
      createdAt: annotation.createdAt,
      selector: annotation.selector,
    });
    if (annotation.tags.length) put(recordKey(id, "tags"), { type: "tags", tags: annotation.tags });
    if (annotation.status)
      put(recordKey(id, "status"), { type: "status", status: annotation.status });
    if (annotation.resolved)
      put(recordKey(id, "resolved"), { type: "resolved", resolved: annotation.resolved });
    if (annotation.detached)
      put(recordKey(id, "detached"), { type: "detached", detached: annotation.detached });
    if (annotation.deleted)
      put(recordKey(id, "deleted"), { type: "deleted", deleted: annotation.deleted });
    for (const m of annotation.messages)
      put(recordKey(id, "message", m.id), { type: "message", ...m });
    for (const l of annotation.links) put(recordKey(id, "link", l.id), { type: "link", ...l });
    for (const e of annotation.audit) put(recordKey(id, "audit", e.id), { type: "audit", ...e });
    for (const [key] of store.list(`${id}/`)) if (!keep.has(key)) store.delete(key);
  });
}

/// Checks that `value` is a well-formed record for `key` (shape, limits,
/// vocabulary). The server runs it on every write to the annotations map.
export function validateRecord(
  key: string,
  value: unknown,
  options: ValidationOptions = {},
): Problem[] {
  const k = parseRecordKey(key);
  if (!k)
    return [
      { path: "key", message: `"${String(key).slice(0, 80)}" is not an annotation record key` },
    ];
  const c = new Check();
  if (!c.obj(value, key)) return c.problems;
  const expected = k.field;
  if (value.type !== expected) {
    c.add(`${key}.type`, `must be "${expected}" for this key`);
    return c.problems;
  }
  checkRecordValue(c, k, key, value, options);
  const allowed = ALLOWED_FIELDS[k.field];
  for (const f of Object.keys(value))
    if (!allowed.includes(f)) c.add(`${key}.${f}`, "is not a known field");
  return c.problems;
}

/// The checks of `validateRecord` particular to the record's field.
function checkRecordValue(
  c: Check,
  k: RecordKey,
  key: string,
  value: Record<string, unknown>,
  options: ValidationOptions,
): void {
  const sameChild = () => {
    if (value.id !== k.child) c.add(`${key}.id`, "must match the id in the key");
  };
  switch (k.field) {
    case "annotation": {
      if (value.id !== k.annotation) c.add(`${key}.id`, "must match the key");
      c.oneOf(value.kind, `${key}.kind`, options.kinds ?? ANNOTATION_KINDS.map((x) => x.id));
      c.person(value.author, `${key}.author`);
      c.date(value.createdAt, `${key}.createdAt`);
      c.problems.push(...validateSelector(value.selector, `${key}.selector`));
      break;
    }
    case "selector":
      c.problems.push(...validateSelector(value.selector, `${key}.selector`));
      break;
    case "tags":
      c.problems.push(...validateTags(value.tags, options, `${key}.tags`));
      break;
    case "status":
      if (value.status !== null) c.oneOf(value.status, `${key}.status`, CLAIM_STATUSES);
      break;
    case "resolved":
    case "deleted": {
      const v = value[k.field];
      if (v === null && k.field === "resolved") break;
      if (c.obj(v, `${key}.${k.field}`)) {
        c.person(v.by, `${key}.${k.field}.by`);
        c.date(v.at, `${key}.${k.field}.at`);
      }
      break;
    }
    case "detached": {
      const v = value.detached;
      if (v !== null && c.obj(v, `${key}.detached`)) {
        c.date(v.at, `${key}.detached.at`);
        c.oneOf(v.reason, `${key}.detached.reason`, [
          "deleted",
          "not-found",
          "ambiguous",
          "removed",
        ]);
      }
      break;
    }
    case "message":
      sameChild();
      c.problems.push(...validateMessage(value, key));
      break;
    case "link":
      sameChild();
      c.problems.push(...validateLink(value, key));
      break;
    case "audit":
      sameChild();
      c.problems.push(...validateAuditEntry(value, key));
      break;
    default:
      throw new Error(`unreachable: ${k.field as string}`);
  }
}

const ALLOWED_FIELDS: Record<RecordField, string[]> = {
  annotation: ["type", "id", "kind", "author", "createdAt", "selector"],
  selector: ["type", "selector"],
  tags: ["type", "tags"],
  status: ["type", "status"],
  resolved: ["type", "resolved"],
  detached: ["type", "detached"],
  deleted: ["type", "deleted"],
  message: ["type", "id", "author", "body", "createdAt", "editedAt", "mentions"],
  link: ["type", "id", "key", "pinpoint", "relation"],
  audit: ["type", "id", "who", "action", "at", "detail"],
};
