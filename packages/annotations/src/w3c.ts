import type { Node } from "prosemirror-model";
import type { EditorState, Transaction } from "prosemirror-state";
import { type ReanchorOptions, reanchor, selectorFor } from "./anchor.ts";
import {
  ANNOTATION_KINDS,
  type AnnotationKind,
  kindForMotivation,
  type TagVocabulary,
} from "./kinds.ts";
import { ANNOTATION_MARK } from "./marks.ts";
import {
  type Annotation,
  CLAIM_STATUSES,
  type ClaimStatus,
  ID_PATTERN,
  isObj,
  LIMITS,
  LINK_RELATIONS,
  type LinkRelation,
  type Message,
  type Person,
  type Problem,
  type Selector,
  type SourceLink,
  validateAnnotation,
} from "./model.ts";
import { randomId } from "./operations.ts";
import { type AnnotationStore, writeAnnotation } from "./store.ts";

/// The JSON-LD context of the Web Annotation Data Model.
export const W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/// Glossa's own terms, the second `@context` entry of every export, so that
/// JSON-LD processors keep them instead of dropping unknown keys: `glossa`
/// (kind, status, links, audit …) as a JSON literal (JSON-LD 1.1 `@json`)
/// and Hypothesis' `references` as IRIs.
export const GLOSSA_CONTEXT = {
  "@version": 1.1,
  glossa: { "@id": "urn:glossa:vocab:glossa", "@type": "@json" },
  references: { "@id": "urn:glossa:vocab:references", "@type": "@id", "@container": "@set" },
} as const;

/// The `@context` of every exported collection and annotation.
export const EXPORT_CONTEXT = [W3C_CONTEXT, GLOSSA_CONTEXT] as const;

const ANNOTATION_URN = "urn:glossa:annotation:";
const USER_URN = "urn:glossa:user:";
const SOURCE_URN = "urn:glossa:source:";

type Json = Record<string, unknown>;

/// Options of `exportW3C`.
export interface W3CExportOptions {
  /// IRI of the annotated document (the targets' `source`): its URL, so that
  /// Hypothesis-style clients can open and anchor it.
  documentIri: string;
  /// IRI of the collection (the export's own URL); its page is
  /// `<collectionIri>#page-1`. Default `<documentIri>#annotations`.
  collectionIri?: string;
  /// IRI of an annotation; default `urn:glossa:annotation:<id>`.
  annotationIri?: (id: string) => string;
  /// IRI of a legal source by key; default `urn:glossa:source:<key>`.
  sourceIri?: (key: string) => string;
  /// Include each annotation's audit trail under `glossa.audit`. Default false.
  includeAudit?: boolean;
  kinds?: readonly AnnotationKind[];
  vocabulary?: TagVocabulary;
}

const person = (p: Person) => ({ id: `${USER_URN}${p.id}`, type: "Person", name: p.name });

/// Exports annotations as a W3C `AnnotationCollection` (JSON-LD). Each
/// annotation carries a TextQuoteSelector and a TextPositionSelector, its
/// first message as a `TextualBody`, tags as `tagging` bodies and sources as
/// `linking` bodies; later messages become annotations of motivation
/// `replying` whose `target` and `references` name the thread (as
/// Hypothesis does). Glossa-only facts (kind, status, resolution, detached)
/// ride along under `glossa`, which other tools ignore.
export function exportW3C(annotations: readonly Annotation[], options: W3CExportOptions): Json {
  const iri = options.annotationIri ?? ((id: string) => `${ANNOTATION_URN}${id}`);
  const srcIri = options.sourceIri ?? ((key: string) => `${SOURCE_URN}${encodeURIComponent(key)}`);
  const kinds = options.kinds ?? ANNOTATION_KINDS;
  const items: Json[] = [];
  for (const a of annotations) {
    if (a.deleted) continue;
    const kind = kinds.find((k) => k.id === a.kind);
    const motivation = kind?.motivation ?? "commenting";
    const [first, ...replies] = a.messages;
    const body: Json[] = [];
    if (first) body.push(textualBody(first, iri(a.id)));
    for (const t of a.tags) {
      const tag = options.vocabulary?.tags.find((x) => x.id === t);
      body.push({
        type: "TextualBody",
        purpose: "tagging",
        value: tag?.label ?? t,
        // Not as `id`: a body with an `id` reads as an External Web Resource,
        // which may carry no `purpose` (W3C test suite 3.3.5-bodyEWRNoPurpose).
        ...(tag?.uri ? { glossa: { uri: tag.uri } } : {}),
      });
    }
    for (const l of a.links) {
      body.push({
        type: "SpecificResource",
        purpose: "linking",
        source: srcIri(l.key),
        ...(l.pinpoint ? { selector: { type: "FragmentSelector", value: l.pinpoint } } : {}),
      });
    }
    const edited = a.messages.map((m) => m.editedAt ?? m.createdAt).sort();
    items.push({
      "@context": EXPORT_CONTEXT,
      id: iri(a.id),
      type: "Annotation",
      motivation,
      creator: person(a.author),
      created: a.createdAt,
      ...(edited.length ? { modified: edited[edited.length - 1] } : {}),
      ...(body.length ? { body: body.length === 1 ? body[0] : body } : {}),
      target: {
        source: options.documentIri,
        selector: [
          { type: "TextQuoteSelector", ...a.selector.quote },
          { type: "TextPositionSelector", ...a.selector.position },
        ],
      },
      glossa: {
        kind: a.kind,
        status: a.status,
        tags: a.tags,
        resolved: a.resolved && { by: person(a.resolved.by), at: a.resolved.at },
        detached: a.detached,
        links: a.links.map((l) => ({ key: l.key, pinpoint: l.pinpoint, relation: l.relation })),
        ...(options.includeAudit
          ? { audit: a.audit.map((e) => ({ ...e, who: e.who && person(e.who) })) }
          : {}),
      },
    });
    for (const m of replies) {
      items.push({
        "@context": EXPORT_CONTEXT,
        id: `${iri(a.id)}:message:${m.id}`,
        type: "Annotation",
        motivation: "replying",
        creator: person(m.author),
        created: m.createdAt,
        ...(m.editedAt ? { modified: m.editedAt } : {}),
        body: { type: "TextualBody", value: m.body, format: "text/plain", purpose: "replying" },
        target: iri(a.id),
        references: [iri(a.id)],
        ...(m.mentions.length ? { glossa: { mentions: m.mentions } } : {}),
      });
    }
  }
  const id = options.collectionIri ?? `${options.documentIri}#annotations`;
  // One page holds everything; an empty collection has no page (model § 5.1).
  return {
    "@context": EXPORT_CONTEXT,
    id,
    type: "AnnotationCollection",
    total: items.length,
    ...(items.length
      ? {
          first: {
            id: `${id}${id.includes("#") ? "-" : "#"}page-1`,
            type: "AnnotationPage",
            partOf: id,
            startIndex: 0,
            items,
          },
        }
      : {}),
  };
}

// The first message's body carries its IRI (for lossless round trips) and so
// no `purpose`: the W3C test suite reads a body with an `id` as an External
// Web Resource, which may not have one (3.3.5-bodyEWRNoPurpose); the
// annotation's `motivation` says the same.
function textualBody(m: Message, parent: string): Json {
  return {
    id: `${parent}:message:${m.id}`,
    type: "TextualBody",
    value: m.body,
    format: "text/plain",
    creator: person(m.author),
    created: m.createdAt,
    ...(m.editedAt ? { modified: m.editedAt } : {}),
    ...(m.mentions.length ? { glossa: { mentions: m.mentions } } : {}),
  };
}

/// Options of `importW3C`.
export interface W3CImportOptions extends ReanchorOptions {
  /// The person importing; the author of anything without a creator.
  importer: Person;
  now?: () => Date;
  newId?: () => string;
  /// Keep `urn:glossa:annotation:<id>` ids instead of making new ones
  /// (restoring into a copy). Default false.
  keepIds?: boolean;
  kinds?: readonly AnnotationKind[];
  /// Tags not in it are dropped and reported.
  vocabulary?: TagVocabulary;
  /// At most this many items are read. Default 10 000.
  maxItems?: number;
}

/// One item `importW3C` could not take, and why, in plain words.
export interface W3CRejection {
  /// Index of the item in the input's list.
  index: number;
  id?: string;
  problems: Problem[];
}

/// The outcome of `importW3C`: annotations placed on text, annotations kept
/// but detached because their quote was not found or not unique, items
/// rejected as malformed, and notes (dropped tags, orphaned replies).
export interface W3CImportResult {
  placed: { annotation: Annotation; from: number; to: number; exact: boolean }[];
  unplaced: { annotation: Annotation; reason: "ambiguous" | "notFound"; candidates: number }[];
  rejected: W3CRejection[];
  notes: string[];
}

/// Largest JSON text `importW3C` parses (10 MiB).
export const MAX_IMPORT_SIZE = 10 * 1024 * 1024;

const str = (v: unknown): v is string => typeof v === "string";
const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
const hasType = (v: Json, t: string) => list(v.type).includes(t) || list(v["@type"]).includes(t);

/// The list of annotation-like items in a parsed input.
function itemsOf(input: unknown): unknown[] | null {
  if (Array.isArray(input)) return input;
  if (!isObj(input)) return null;
  if (Array.isArray(input.rows)) return input.rows; // Hypothesis search API
  if (Array.isArray(input.items)) return input.items;
  if (isObj(input.first) && Array.isArray(input.first.items)) return input.first.items;
  // An empty collection has no page.
  if (hasType(input, "AnnotationCollection") && input.first === undefined) return [];
  if (hasType(input, "Annotation") || input.target !== undefined) return [input];
  return null;
}

function importPerson(v: unknown, fallback: Person): Person {
  if (str(v)) return { id: personId(v), name: v.replace(/^acct:/, "").slice(0, LIMITS.name) };
  if (!isObj(v)) return fallback;
  const rawId = str(v.id) ? v.id : str(v.name) ? v.name : fallback.id;
  const name = str(v.name) ? v.name : str(v.nickname) ? v.nickname : rawId;
  return { id: personId(rawId), name: name.slice(0, LIMITS.name) };
}

function personId(raw: string): string {
  const id = raw.startsWith(USER_URN) ? raw.slice(USER_URN.length) : raw;
  if (id && id.length <= LIMITS.id) return id;
  let h = 0;
  for (let i = 0; i < raw.length; i++) h = (Math.imul(h, 31) + raw.charCodeAt(i)) | 0;
  return `ext-${(h >>> 0).toString(36)}`;
}

const date = (v: unknown, fallback: string) =>
  str(v) && v.length < 40 && !Number.isNaN(Date.parse(v))
    ? new Date(Date.parse(v)).toISOString()
    : fallback;

/// A Hypothesis-native or W3C item, read into neutral terms.
interface Parsed {
  index: number;
  iri: string | undefined;
  replyTo: string | undefined;
  motivation: string;
  creator: Person;
  created: string;
  modified: string | undefined;
  texts: {
    /// The message's IRI (`…:message:<id>`), kept with `keepIds`.
    iri?: string;
    body: string;
    creator: Person;
    created: string;
    modified?: string;
    mentions: string[];
  }[];
  tags: string[];
  links: Omit<SourceLink, "id">[];
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  glossa: Json | null;
  problems: Problem[];
}

function parseItem(
  v: unknown,
  index: number,
  o: W3CImportOptions,
  now: string,
  parent?: string,
): Parsed {
  const p: Parsed = {
    index,
    iri: undefined,
    replyTo: undefined,
    motivation: "commenting",
    creator: o.importer,
    created: now,
    modified: undefined,
    texts: [],
    tags: [],
    links: [],
    quote: null,
    position: null,
    glossa: null,
    problems: [],
  };
  const bad = (path: string, message: string): void => {
    p.problems.push({ path: `items[${index}].${path}`, message });
  };
  if (!isObj(v)) {
    bad("", "is not an object");
    return p;
  }
  if (str(v.id) && v.id.length <= 2000) p.iri = v.id;
  const motivations = list(v.motivation).filter(str);
  p.motivation = motivations[0] ?? "commenting";
  p.creator = importPerson(v.creator ?? v.user, o.importer);
  // Hypothesis rows name the person in `user_info.display_name`, the account in `user`.
  const shown = isObj(v.user_info) ? v.user_info.display_name : undefined;
  if (v.creator === undefined && str(shown) && shown.trim())
    p.creator = { ...p.creator, name: shown.trim().slice(0, LIMITS.name) };
  p.created = date(v.created, now);
  p.modified = str(v.modified) || str(v.updated) ? date(v.modified ?? v.updated, now) : undefined;
  p.glossa = isObj(v.glossa) ? v.glossa : null;
  const refs = list(v.references).filter(str);
  if (parent) p.replyTo = parent;
  else if (refs.length) p.replyTo = refs[0];
  else if (str(v.target)) p.replyTo = v.target;
  else if (p.motivation === "replying")
    bad("target", "a reply must name the annotation it answers");

  // Bodies: W3C `body`/`bodyValue`, Hypothesis `text` and `tags`.
  const textOf = (
    value: unknown,
    path: string,
    creator: Person,
    created: string,
    extra: Json = {},
  ): void => {
    if (!str(value)) {
      bad(path, "must be a string");
      return;
    }
    if (value.length > LIMITS.body) {
      bad(path, `is too long (${value.length} characters, at most ${LIMITS.body})`);
      return;
    }
    if (!value.trim()) return;
    const g = isObj(extra.glossa) ? extra.glossa : {};
    const mentions = list(g.mentions)
      .filter((m): m is string => str(m) && m.length <= LIMITS.id)
      .slice(0, LIMITS.mentionsPerMessage);
    p.texts.push({
      ...(str(extra.id) ? { iri: extra.id } : {}),
      body: value,
      creator,
      created,
      modified: str(extra.modified) ? date(extra.modified, now) : undefined,
      mentions,
    });
  };
  if (v.bodyValue !== undefined) textOf(v.bodyValue, "bodyValue", p.creator, p.created);
  if (v.text !== undefined) textOf(v.text, "text", p.creator, p.created);
  for (const t of list(v.tags)) if (str(t) && t.length <= LIMITS.id) p.tags.push(t);
  const bodies = list(v.body);
  if (bodies.length > 200) bad("body", "has too many bodies (at most 200)");
  bodies.slice(0, 200).forEach((b, i): void => {
    if (!isObj(b)) {
      bad(`body[${i}]`, "must be an object");
      return;
    }
    const purpose = str(b.purpose) ? b.purpose : "";
    if (purpose === "tagging") {
      if (str(b.value) && b.value.length <= LIMITS.name) p.tags.push(b.value);
      else bad(`body[${i}].value`, "a tag must be a short string");
    } else if (
      purpose === "linking" ||
      hasType(b, "SpecificResource") ||
      (str(b.source) && b.value === undefined)
    ) {
      const source = str(b.source) ? b.source : str(b.id) ? b.id : null;
      if (!source) {
        bad(`body[${i}].source`, "a linking body needs a source");
        return;
      }
      const key = source.startsWith(SOURCE_URN)
        ? decodeURIComponent(source.slice(SOURCE_URN.length))
        : source;
      const pin = isObj(b.selector) && str(b.selector.value) ? b.selector.value : null;
      p.links.push({
        key: key.slice(0, LIMITS.sourceKey),
        pinpoint: pin?.slice(0, LIMITS.pinpoint) ?? null,
        relation: "cites",
      });
    } else if (b.value !== undefined) {
      textOf(
        b.value,
        `body[${i}].value`,
        importPerson(b.creator, p.creator),
        date(b.created, p.created),
        b,
      );
    }
  });

  // A reply item is one message: its IRI and Glossa's mentions sit on the item.
  const only = p.texts.length === 1 ? p.texts[0]! : null;
  if (p.replyTo && only) {
    if (!only.iri && p.iri) only.iri = p.iri;
    const g = p.glossa ?? {};
    if (!only.mentions.length)
      only.mentions = list(g.mentions)
        .filter((m): m is string => str(m) && m.length <= LIMITS.id)
        .slice(0, LIMITS.mentionsPerMessage);
  }

  // Target: the first with a TextQuoteSelector.
  for (const t of list(v.target)) {
    if (!isObj(t)) continue;
    for (const s of list(t.selector)) {
      if (!isObj(s)) continue;
      if (hasType(s, "TextQuoteSelector") && !p.quote) {
        if (!str(s.exact) || !s.exact) bad("target.selector.exact", "must be a non-empty string");
        else if (s.exact.length > LIMITS.quote)
          bad("target.selector.exact", `is too long (at most ${LIMITS.quote} characters)`);
        else
          p.quote = {
            exact: s.exact,
            prefix: str(s.prefix) ? s.prefix.slice(-LIMITS.context) : "",
            suffix: str(s.suffix) ? s.suffix.slice(0, LIMITS.context) : "",
          };
      } else if (hasType(s, "TextPositionSelector") && !p.position) {
        if (
          Number.isSafeInteger(s.start) &&
          Number.isSafeInteger(s.end) &&
          (s.start as number) >= 0 &&
          (s.end as number) > (s.start as number)
        )
          p.position = { start: s.start as number, end: s.end as number };
      }
    }
  }
  if (!p.replyTo && !p.quote && p.motivation !== "replying")
    bad("target", "has no TextQuoteSelector to anchor by");
  return p;
}

/// Reads W3C Web Annotation JSON-LD (a collection, a page, a list, one
/// annotation, or a Hypothesis API search result), re-anchors each annotation
/// in `doc` by its quote (`reanchor`), and returns what it placed, what it
/// keeps detached, and what it refused, each with reasons. Nested replies
/// (`hasReply`, `oa:hasReply`) and Hypothesis `references` join their
/// thread. Writes nothing: see `commitW3CImport`.
export function importW3C(input: unknown, doc: Node, options: W3CImportOptions): W3CImportResult {
  const result: W3CImportResult = { placed: [], unplaced: [], rejected: [], notes: [] };
  const now = (options.now ?? (() => new Date()))().toISOString();
  const newId = options.newId ?? randomId;
  if (typeof input === "string") {
    if (input.length > MAX_IMPORT_SIZE) {
      result.rejected.push({
        index: -1,
        problems: [{ path: "input", message: `is larger than ${MAX_IMPORT_SIZE} characters` }],
      });
      return result;
    }
    try {
      input = JSON.parse(input);
    } catch (e) {
      result.rejected.push({
        index: -1,
        problems: [{ path: "input", message: `is not JSON (${(e as Error).message})` }],
      });
      return result;
    }
  }
  const raw = itemsOf(input);
  if (!raw) {
    result.rejected.push({
      index: -1,
      problems: [
        {
          path: "input",
          message:
            "is not a Web Annotation, a list of them, an AnnotationCollection or an AnnotationPage",
        },
      ],
    });
    return result;
  }
  const max = options.maxItems ?? 10_000;
  if (raw.length > max)
    result.notes.push(`Only the first ${max} of ${raw.length} items were read.`);
  // Flatten nested replies.
  const flat: { item: unknown; parent?: string; index: number }[] = [];
  raw.slice(0, max).forEach((item, index) => {
    flat.push({ item, index });
    if (isObj(item)) {
      const parent = str(item.id) ? item.id : `#${index}`;
      for (const r of [...list(item.hasReply), ...list(item["oa:hasReply"])].slice(0, 1000))
        flat.push({ item: r, parent, index });
    }
  });

  const kinds = options.kinds ?? ANNOTATION_KINDS;
  const threads = new Map<string, Annotation>();
  const replies: Parsed[] = [];
  for (const { item, parent, index } of flat) {
    const p = parseItem(item, index, options, now, parent);
    if (p.problems.length) {
      result.rejected.push({ index, id: p.iri, problems: p.problems });
      continue;
    }
    if (p.replyTo) {
      replies.push(p);
      continue;
    }
    const annotation = toAnnotation(p, options, kinds, newId, now, result);
    if (!annotation) continue;
    const problems = validateAnnotation(annotation, {
      kinds: kinds.map((k) => k.id),
      vocabulary: options.vocabulary,
    });
    if (problems.length) {
      result.rejected.push({ index, id: p.iri, problems });
      continue;
    }
    threads.set(p.iri ?? `#${index}`, annotation);
  }
  for (const r of replies.sort((a, b) => (a.created < b.created ? -1 : 1))) {
    const a = threads.get(r.replyTo!);
    if (!a) {
      result.notes.push(
        `A reply (item ${r.index}) answers ${JSON.stringify(r.replyTo!.slice(0, 100))}, which is not in the import; skipped.`,
      );
      continue;
    }
    for (const t of r.texts) {
      if (a.messages.length >= LIMITS.messagesPerAnnotation) break;
      a.messages.push({
        id: messageId(t.iri, options, a.messages, newId),
        author: t.creator,
        body: t.body,
        createdAt: t.created,
        ...(t.modified ? { editedAt: t.modified } : {}),
        mentions: t.mentions,
      });
    }
  }
  for (const a of threads.values()) {
    a.messages.sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : 0));
    const found = reanchor(doc, a.selector, options);
    if (found.status === "found") {
      a.selector = selectorFor(doc, found.from, found.to);
      result.placed.push({ annotation: a, from: found.from, to: found.to, exact: found.exact });
    } else {
      a.detached = { at: now, reason: found.status === "ambiguous" ? "ambiguous" : "not-found" };
      a.audit.push({
        id: newId(),
        who: null,
        action: "detached",
        at: now,
        detail:
          found.status === "ambiguous"
            ? `the quote occurs ${found.candidates.length} times`
            : "the quote was not found",
      });
      result.unplaced.push({
        annotation: a,
        reason: found.status,
        candidates: found.status === "ambiguous" ? found.candidates.length : 0,
      });
    }
  }
  return result;
}

/// The id of a message exported by Glossa (`urn:glossa:annotation:<a>:message:<m>`),
/// kept on import with `keepIds` unless the thread already has it.
function messageId(
  iri: string | undefined,
  o: W3CImportOptions,
  taken: readonly Message[],
  newId: () => string,
): string {
  const m = o.keepIds && iri ? /^urn:glossa:annotation:[^:]+:message:([^:]+)$/.exec(iri) : null;
  const kept = m?.[1];
  return kept && ID_PATTERN.test(kept) && !taken.some((x) => x.id === kept) ? kept : newId();
}

function toAnnotation(
  p: Parsed,
  o: W3CImportOptions,
  kinds: readonly AnnotationKind[],
  newId: () => string,
  now: string,
  result: W3CImportResult,
): Annotation | null {
  const g = p.glossa ?? {};
  const kindId =
    str(g.kind) && kinds.some((k) => k.id === g.kind) ? g.kind : kindForMotivation(p.motivation);
  const kind = kinds.find((k) => k.id === kindId) ?? kinds[0]!;
  let id = newId();
  if (o.keepIds && p.iri?.startsWith(ANNOTATION_URN)) {
    const kept = p.iri.slice(ANNOTATION_URN.length);
    if (ID_PATTERN.test(kept)) id = kept;
  }
  const tags: string[] = [];
  for (const t of [...list(g.tags).filter(str), ...p.tags]) {
    const known = o.vocabulary
      ? o.vocabulary.tags.find((x) => x.id === t || x.label.toLowerCase() === t.toLowerCase())
      : { id: t };
    if (!known)
      result.notes.push(
        `Tag ${JSON.stringify(t.slice(0, 100))} is not in the vocabulary; dropped (item ${p.index}).`,
      );
    else if (!tags.includes(known.id) && tags.length < LIMITS.tagsPerAnnotation)
      tags.push(known.id);
  }
  const links: SourceLink[] = [];
  const glinks = list(g.links);
  const linkSrc = glinks.length ? glinks : p.links;
  for (const l of linkSrc.slice(0, LIMITS.linksPerAnnotation)) {
    if (!isObj(l) || !str(l.key)) continue;
    const relation: LinkRelation = LINK_RELATIONS.includes(l.relation as LinkRelation)
      ? (l.relation as LinkRelation)
      : "cites";
    links.push({
      id: newId(),
      key: l.key.slice(0, LIMITS.sourceKey),
      pinpoint: str(l.pinpoint) ? l.pinpoint.slice(0, LIMITS.pinpoint) : null,
      relation,
    });
  }
  const status: ClaimStatus | null = kind.hasStatus
    ? CLAIM_STATUSES.includes(g.status as ClaimStatus)
      ? (g.status as ClaimStatus)
      : "unsupported"
    : null;
  const resolved =
    isObj(g.resolved) && str(g.resolved.at)
      ? { by: importPerson(g.resolved.by, o.importer), at: date(g.resolved.at, now) }
      : null;
  const quote = p.quote!;
  const selector: Selector = {
    quote,
    position: p.position ?? { start: 0, end: quote.exact.length },
  };
  const messages: Message[] = [];
  for (const t of p.texts.slice(0, LIMITS.messagesPerAnnotation))
    messages.push({
      id: messageId(t.iri, o, messages, newId),
      author: t.creator,
      body: t.body,
      createdAt: t.created,
      ...(t.modified && t.modified !== t.created ? { editedAt: t.modified } : {}),
      mentions: t.mentions,
    });
  return {
    id,
    kind: kind.id,
    tags,
    author: p.creator,
    createdAt: p.created,
    status,
    resolved,
    messages,
    links,
    selector,
    detached: null,
    deleted: null,
    audit: [
      {
        id: newId(),
        who: o.importer,
        action: "created",
        at: now,
        detail: `imported${p.iri ? ` from ${p.iri.slice(0, 200)}` : ""}`,
      },
    ],
  };
}

/// Writes an import's annotations to `store` (unplaced ones as detached, so
/// nothing is lost) and returns a transaction adding the marks of the placed
/// ones, for the caller to dispatch (on the server, through its direct
/// connection).
export function commitW3CImport(
  result: W3CImportResult,
  store: AnnotationStore,
  state: EditorState,
): Transaction {
  const type = state.schema.marks[ANNOTATION_MARK];
  if (!type) throw new RangeError(`The schema has no "${ANNOTATION_MARK}" mark`);
  const tr = state.tr;
  store.transact(() => {
    for (const { annotation } of result.placed) writeAnnotation(store, annotation);
    for (const { annotation } of result.unplaced) writeAnnotation(store, annotation);
  });
  for (const { annotation, from, to } of result.placed)
    tr.addMark(from, to, type.create({ id: annotation.id }));
  return tr;
}
