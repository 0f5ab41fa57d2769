/// A parsed item made a Glossa annotation: its kind, id, tags (through the
/// team's vocabulary), links, claim status, resolution and messages.
import { type AnnotationKind, kindForMotivation } from "../kinds.ts";
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
  type SourceLink,
} from "../model.ts";
import { ANNOTATION_URN, type Json, list, str } from "./context.ts";
import type { W3CImportOptions, W3CImportResult } from "./options.ts";
import { date, importPerson, type Parsed, type ParsedText } from "./parse.ts";

/// The id of a message exported by Glossa (`urn:glossa:annotation:<a>:message:<m>`),
/// kept on import with `keepIds` unless the thread already has it.
export function messageId(
  iri: string | undefined,
  o: W3CImportOptions,
  taken: readonly Message[],
  newId: () => string,
): string {
  const m = o.keepIds && iri ? /^urn:glossa:annotation:[^:]+:message:([^:]+)$/.exec(iri) : null;
  const kept = m?.[1];
  return kept && ID_PATTERN.test(kept) && !taken.some((x) => x.id === kept) ? kept : newId();
}

/// The annotation a thread's head item describes (its quote is there: the
/// caller only passes items with one). Dropped tags become notes of `result`.
export function toAnnotation(
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
  const tags = tagsOf(p, g, o, result);
  const links = linksOf(p, g, newId);
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
  const messages: Message[] = [];
  for (const t of p.texts.slice(0, LIMITS.messagesPerAnnotation))
    messages.push(toMessage(t, messageId(t.iri, o, messages, newId), true));
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
    selector: { quote, position: p.position ?? { start: 0, end: quote.exact.length } },
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

/// A parsed text as message `id`; with `sameAsCreated`, a modification time
/// equal to the creation time is no edit.
export function toMessage(t: ParsedText, id: string, sameAsCreated = false): Message {
  const edited = t.modified && !(sameAsCreated && t.modified === t.created);
  return {
    id,
    author: t.creator,
    body: t.body,
    createdAt: t.created,
    ...(edited ? { editedAt: t.modified } : {}),
    mentions: t.mentions,
  };
}

/// Glossa's own tags and the item's, as ids of the vocabulary (when given).
function tagsOf(p: Parsed, g: Json, o: W3CImportOptions, result: W3CImportResult): string[] {
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
  return tags;
}

/// Glossa's exported links (with their relation) when present, else the
/// item's `linking` bodies.
function linksOf(p: Parsed, g: Json, newId: () => string): SourceLink[] {
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
  return links;
}
