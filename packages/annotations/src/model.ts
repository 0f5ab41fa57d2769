import { ANNOTATION_KINDS, type TagVocabulary } from "./kinds.ts";

/// A person as annotations record them.
export interface Person {
  id: string;
  name: string;
}

/// Status of a claim: it starts unsupported, becomes sourced when a source is
/// linked, and ends verified or disputed.
export type ClaimStatus = "unsupported" | "sourced" | "verified" | "disputed";
export const CLAIM_STATUSES: readonly ClaimStatus[] = [
  "unsupported",
  "sourced",
  "verified",
  "disputed",
];

/// Who resolved a thread, and when (ISO 8601).
export interface Resolution {
  by: Person;
  at: string;
}

/// One message of a thread. `body` is plain text; `mentions` holds the ids
/// of people mentioned with `@`. `editedAt` is set once the author edits it.
export interface Message {
  id: string;
  author: Person;
  body: string;
  createdAt: string;
  editedAt?: string;
  mentions: string[];
}

/// How an annotation relates to a legal source.
export type LinkRelation = "supports" | "contradicts" | "cites" | "defines";
export const LINK_RELATIONS: readonly LinkRelation[] = [
  "supports",
  "contradicts",
  "cites",
  "defines",
];

/// A link from an annotation to a legal source: `key` is the source's
/// normalised key (see @glossa/citations), `pinpoint` a subsection or page.
export interface SourceLink {
  id: string;
  key: string;
  pinpoint: string | null;
  relation: LinkRelation;
}

/// W3C TextQuoteSelector: the annotated text and some context around it.
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/// W3C TextPositionSelector: offsets into the document's plain text (see
/// `DocumentText` of @glossa/schema for the convention), end exclusive.
export interface TextPositionSelector {
  start: number;
  end: number;
}

/// What was annotated, captured when the annotation was made.
export interface Selector {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/// Why an annotation lost its place in the text.
/// `text-changed`: the mark was found over text its edits cannot explain
/// (concurrent edits moved it onto other words; docs/decisions/0003) and was
/// taken off; the quote could not be found again.
export type DetachReason = "deleted" | "not-found" | "ambiguous" | "removed" | "text-changed";

/// Set while an annotation has no mark in the text; it keeps its selector
/// (the original quote) so it can be listed and re-attached.
export interface Detachment {
  at: string;
  reason: DetachReason;
}

/// Actions recorded in an annotation's audit trail.
export type AuditAction =
  | "created"
  | "edited"
  | "replied"
  | "resolved"
  | "reopened"
  | "reattached"
  | "detached"
  | "trimmed"
  | "deleted"
  | "linked"
  | "unlinked"
  | "status"
  | "tagged";
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  "created",
  "edited",
  "replied",
  "resolved",
  "reopened",
  "reattached",
  "detached",
  "trimmed",
  "deleted",
  "linked",
  "unlinked",
  "status",
  "tagged",
];

/// One entry of an audit trail. `who` is null for changes Glossa made by
/// itself (detaching an annotation whose text was deleted).
export interface AuditEntry {
  id: string;
  who: Person | null;
  action: AuditAction;
  at: string;
  detail: string;
}

/// An annotation as the app sees it, assembled from the store's records
/// (see `readAnnotation`). `messages` and `audit` are in time order.
export interface Annotation {
  id: string;
  kind: string;
  tags: string[];
  author: Person;
  createdAt: string;
  /// Claim status, null for kinds without one.
  status: ClaimStatus | null;
  resolved: Resolution | null;
  messages: Message[];
  links: SourceLink[];
  selector: Selector;
  detached: Detachment | null;
  /// Set once the annotation is deleted; it is then kept only for its audit trail.
  deleted: Resolution | null;
  audit: AuditEntry[];
}

/// Limits checked on every write (the server runs the same checks).
export const LIMITS = Object.freeze({
  /// Message body, in UTF-16 code units (32 KiB of ASCII).
  body: 32 * 1024,
  messagesPerAnnotation: 1000,
  mentionsPerMessage: 50,
  tagsPerAnnotation: 20,
  linksPerAnnotation: 100,
  quote: 20_000,
  context: 64,
  name: 200,
  id: 64,
  sourceKey: 200,
  pinpoint: 200,
  detail: 2000,
  auditPerAnnotation: 10_000,
});

/// One problem found by a validation function: `path` names the offending
/// field (`messages[2].body`), `message` says what is wrong in plain words.
export interface Problem {
  path: string;
  message: string;
}

/// Ids of annotations, messages, links and audit entries: 6–64 letters,
/// digits, `_` or `-` (so they never contain the store's `/` separator).
export const ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/// A tiny checker that collects problems under a path prefix.
class Check {
  problems: Problem[] = [];
  add(path: string, message: string) {
    this.problems.push({ path, message });
  }
  obj(v: unknown, path: string): v is Obj {
    if (isObj(v)) return true;
    this.add(path, "must be an object");
    return false;
  }
  str(v: unknown, path: string, max: number, min = 0): v is string {
    if (typeof v !== "string") this.add(path, "must be a string");
    else if (v.length > max) this.add(path, `is too long (${v.length} characters, at most ${max})`);
    else if (v.length < min)
      this.add(path, min === 1 ? "must not be empty" : `must have at least ${min} characters`);
    else return true;
    return false;
  }
  id(v: unknown, path: string): v is string {
    if (typeof v === "string" && ID_PATTERN.test(v)) return true;
    this.add(path, "must be an id of 6–64 letters, digits, '_' or '-'");
    return false;
  }
  date(v: unknown, path: string): v is string {
    if (typeof v === "string" && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))) return true;
    this.add(path, "must be an ISO 8601 date-time");
    return false;
  }
  oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): v is T {
    if (typeof v === "string" && (values as readonly string[]).includes(v)) return true;
    this.add(path, `must be one of ${values.join(", ")}`);
    return false;
  }
  arr(v: unknown, path: string, max: number): v is unknown[] {
    if (!Array.isArray(v)) this.add(path, "must be an array");
    else if (v.length > max) this.add(path, `has too many entries (${v.length}, at most ${max})`);
    else return true;
    return false;
  }
  person(v: unknown, path: string): v is Person {
    if (!this.obj(v, path)) return false;
    const a = this.problems.length;
    this.str(v.id, `${path}.id`, LIMITS.id, 1);
    this.str(v.name, `${path}.name`, LIMITS.name);
    return this.problems.length === a;
  }
  int(v: unknown, path: string): v is number {
    if (Number.isSafeInteger(v) && (v as number) >= 0) return true;
    this.add(path, "must be a non-negative integer");
    return false;
  }
}

/// Options of the validation functions.
export interface ValidationOptions {
  /// Known kind ids; defaults to the built-in kinds.
  kinds?: readonly string[];
  /// When given, tags must come from it.
  vocabulary?: TagVocabulary;
}

const kindIds = (o: ValidationOptions) => o.kinds ?? ANNOTATION_KINDS.map((k) => k.id);

/// Checks a message body: plain text, not blank, at most `LIMITS.body` long,
/// without NUL or other control characters besides tab and line breaks.
export function validateMessageBody(body: unknown, path = "body"): Problem[] {
  const c = new Check();
  if (c.str(body, path, LIMITS.body)) {
    if (!body.trim()) c.add(path, "must not be empty");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(body))
      c.add(path, "must not contain control characters");
  }
  return c.problems;
}

/// Checks a message record.
export function validateMessage(value: unknown, path = "message"): Problem[] {
  const c = new Check();
  if (!c.obj(value, path)) return c.problems;
  c.id(value.id, `${path}.id`);
  c.person(value.author, `${path}.author`);
  c.problems.push(...validateMessageBody(value.body, `${path}.body`));
  c.date(value.createdAt, `${path}.createdAt`);
  if (value.editedAt !== undefined) c.date(value.editedAt, `${path}.editedAt`);
  if (c.arr(value.mentions, `${path}.mentions`, LIMITS.mentionsPerMessage))
    value.mentions.forEach((m, i) => {
      c.str(m, `${path}.mentions[${i}]`, LIMITS.id, 1);
    });
  return c.problems;
}

/// Checks a source link.
export function validateLink(value: unknown, path = "link"): Problem[] {
  const c = new Check();
  if (!c.obj(value, path)) return c.problems;
  c.id(value.id, `${path}.id`);
  c.str(value.key, `${path}.key`, LIMITS.sourceKey, 1);
  if (value.pinpoint !== null) c.str(value.pinpoint, `${path}.pinpoint`, LIMITS.pinpoint);
  c.oneOf(value.relation, `${path}.relation`, LINK_RELATIONS);
  return c.problems;
}

/// Checks a selector: the quote is non-empty and bounded, the context short,
/// the position a well-ordered pair of offsets whose length matches the quote.
export function validateSelector(value: unknown, path = "selector"): Problem[] {
  const c = new Check();
  if (!c.obj(value, path)) return c.problems;
  if (c.obj(value.quote, `${path}.quote`)) {
    const q = value.quote;
    c.str(q.exact, `${path}.quote.exact`, LIMITS.quote, 1);
    c.str(q.prefix, `${path}.quote.prefix`, LIMITS.context);
    c.str(q.suffix, `${path}.quote.suffix`, LIMITS.context);
  }
  if (c.obj(value.position, `${path}.position`)) {
    const p = value.position;
    if (c.int(p.start, `${path}.position.start`) && c.int(p.end, `${path}.position.end`)) {
      if (p.end <= p.start) c.add(`${path}.position`, "end must be after start");
    }
  }
  return c.problems;
}

/// Checks a resolution, deletion or detachment timestamp record.
function checkResolution(c: Check, v: unknown, path: string) {
  if (v === null) return;
  if (!c.obj(v, path)) return;
  c.person(v.by, `${path}.by`);
  c.date(v.at, `${path}.at`);
}

/// Checks an audit entry.
export function validateAuditEntry(value: unknown, path = "audit"): Problem[] {
  const c = new Check();
  if (!c.obj(value, path)) return c.problems;
  c.id(value.id, `${path}.id`);
  if (value.who !== null) c.person(value.who, `${path}.who`);
  c.oneOf(value.action, `${path}.action`, AUDIT_ACTIONS);
  c.date(value.at, `${path}.at`);
  c.str(value.detail, `${path}.detail`, LIMITS.detail);
  return c.problems;
}

/// Checks a list of tag ids against the limits and, when given, the vocabulary.
export function validateTags(
  value: unknown,
  options: ValidationOptions = {},
  path = "tags",
): Problem[] {
  const c = new Check();
  if (!c.arr(value, path, LIMITS.tagsPerAnnotation)) return c.problems;
  const seen = new Set<string>();
  value.forEach((t, i) => {
    if (!c.str(t, `${path}[${i}]`, LIMITS.id, 1)) return;
    if (seen.has(t)) c.add(`${path}[${i}]`, `repeats the tag "${t}"`);
    seen.add(t);
    if (options.vocabulary && !options.vocabulary.tags.some((v) => v.id === t))
      c.add(`${path}[${i}]`, `"${t}" is not in the team's tag vocabulary`);
  });
  return c.problems;
}

/// Checks a whole annotation value (what `readAnnotation` returns and what
/// import produces). Returns every problem found; an empty list means valid.
export function validateAnnotation(value: unknown, options: ValidationOptions = {}): Problem[] {
  const c = new Check();
  if (!c.obj(value, "annotation")) return c.problems;
  const v = value;
  c.id(v.id, "id");
  c.oneOf(v.kind, "kind", kindIds(options));
  c.problems.push(...validateTags(v.tags, options));
  c.person(v.author, "author");
  c.date(v.createdAt, "createdAt");
  if (v.status !== null) c.oneOf(v.status, "status", CLAIM_STATUSES);
  checkResolution(c, v.resolved, "resolved");
  checkResolution(c, v.deleted, "deleted");
  if (c.arr(v.messages, "messages", LIMITS.messagesPerAnnotation))
    v.messages.forEach((m, i) => {
      c.problems.push(...validateMessage(m, `messages[${i}]`));
    });
  if (c.arr(v.links, "links", LIMITS.linksPerAnnotation))
    v.links.forEach((l, i) => {
      c.problems.push(...validateLink(l, `links[${i}]`));
    });
  c.problems.push(...validateSelector(v.selector));
  if (v.detached !== null && c.obj(v.detached, "detached")) {
    c.date(v.detached.at, "detached.at");
    c.oneOf(v.detached.reason, "detached.reason", [
      "deleted",
      "not-found",
      "ambiguous",
      "removed",
      "text-changed",
    ]);
  }
  if (c.arr(v.audit, "audit", LIMITS.auditPerAnnotation))
    v.audit.forEach((e, i) => {
      c.problems.push(...validateAuditEntry(e, `audit[${i}]`));
    });
  return c.problems;
}

/// Formats problems as one readable sentence list.
export function describeProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path} ${p.message}`).join("; ");
}

/// @internal
export { Check, isObj };
