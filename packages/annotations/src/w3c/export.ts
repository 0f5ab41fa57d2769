/// Export: annotations as a W3C `AnnotationCollection` (JSON-LD).
import { ANNOTATION_KINDS, type AnnotationKind, type TagVocabulary } from "../kinds.ts";
import type { Annotation, Message } from "../model.ts";
import { ANNOTATION_URN, EXPORT_CONTEXT, type Json, person, SOURCE_URN } from "./context.ts";
import { exportTarget } from "./selectors.ts";

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

/// `W3CExportOptions` with the defaults filled in.
type Resolved = W3CExportOptions & {
  iri: (id: string) => string;
  srcIri: (key: string) => string;
  kinds: readonly AnnotationKind[];
};

/// Exports annotations as a W3C `AnnotationCollection` (JSON-LD). Each
/// annotation carries a TextQuoteSelector and a TextPositionSelector, its
/// first message as a `TextualBody`, tags as `tagging` bodies and sources as
/// `linking` bodies; later messages become annotations of motivation
/// `replying` whose `target` and `references` name the thread (as
/// Hypothesis does). Glossa-only facts (kind, status, resolution, detached)
/// ride along under `glossa`, which other tools ignore.
export function exportW3C(annotations: readonly Annotation[], options: W3CExportOptions): Json {
  const o: Resolved = {
    ...options,
    iri: options.annotationIri ?? ((id: string) => `${ANNOTATION_URN}${id}`),
    srcIri: options.sourceIri ?? ((key: string) => `${SOURCE_URN}${encodeURIComponent(key)}`),
    kinds: options.kinds ?? ANNOTATION_KINDS,
  };
  const items: Json[] = [];
  for (const a of annotations) {
    if (a.deleted) continue;
    items.push(annotationItem(a, o));
    for (const m of a.messages.slice(1)) items.push(replyItem(a, m, o));
  }
  return collection(options.collectionIri ?? `${options.documentIri}#annotations`, items);
}

/// The collection around `items`. One page holds everything; an empty
/// collection has no page (model § 5.1).
function collection(id: string, items: Json[]): Json {
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

/// The thread's head: first message, tags and links as bodies, Glossa's facts.
function annotationItem(a: Annotation, o: Resolved): Json {
  const motivation = o.kinds.find((k) => k.id === a.kind)?.motivation ?? "commenting";
  const body = bodies(a, o);
  const edited = a.messages.map((m) => m.editedAt ?? m.createdAt).sort();
  return {
    "@context": EXPORT_CONTEXT,
    id: o.iri(a.id),
    type: "Annotation",
    motivation,
    creator: person(a.author),
    created: a.createdAt,
    ...(edited.length ? { modified: edited[edited.length - 1] } : {}),
    ...(body.length ? { body: body.length === 1 ? body[0] : body } : {}),
    target: exportTarget(o.documentIri, a.selector),
    glossa: {
      kind: a.kind,
      status: a.status,
      tags: a.tags,
      resolved: a.resolved && { by: person(a.resolved.by), at: a.resolved.at },
      detached: a.detached,
      links: a.links.map((l) => ({ key: l.key, pinpoint: l.pinpoint, relation: l.relation })),
      ...(o.includeAudit
        ? { audit: a.audit.map((e) => ({ ...e, who: e.who && person(e.who) })) }
        : {}),
    },
  };
}

/// The bodies of a thread's head: its first message, `tagging` and `linking`.
function bodies(a: Annotation, o: Resolved): Json[] {
  const body: Json[] = [];
  const first = a.messages[0];
  if (first) body.push(textualBody(first, o.iri(a.id)));
  for (const t of a.tags) {
    const tag = o.vocabulary?.tags.find((x) => x.id === t);
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
      source: o.srcIri(l.key),
      ...(l.pinpoint ? { selector: { type: "FragmentSelector", value: l.pinpoint } } : {}),
    });
  }
  return body;
}

/// A later message as an annotation `replying` to its thread.
function replyItem(a: Annotation, m: Message, o: Resolved): Json {
  return {
    "@context": EXPORT_CONTEXT,
    id: `${o.iri(a.id)}:message:${m.id}`,
    type: "Annotation",
    motivation: "replying",
    creator: person(m.author),
    created: m.createdAt,
    ...(m.editedAt ? { modified: m.editedAt } : {}),
    body: { type: "TextualBody", value: m.body, format: "text/plain", purpose: "replying" },
    target: o.iri(a.id),
    references: [o.iri(a.id)],
    ...(m.mentions.length ? { glossa: { mentions: m.mentions } } : {}),
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
