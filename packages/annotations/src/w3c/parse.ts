/// Reading one imported item, Hypothesis-native or W3C, into neutral terms
/// (`Parsed`): its people, dates, texts, tags, links and target, with the
/// problems that make it unusable.
import { isObj, LIMITS, type Person, type Problem, type SourceLink } from "../model.ts";
import { hasType, type Json, list, SOURCE_URN, str, USER_URN } from "./context.ts";
import type { W3CImportOptions } from "./options.ts";
import { readTarget } from "./selectors.ts";

/// One message read from an item.
export interface ParsedText {
  /// The message's IRI (`…:message:<id>`), kept with `keepIds`.
  iri?: string;
  body: string;
  creator: Person;
  created: string;
  modified?: string;
  mentions: string[];
}

/// A Hypothesis-native or W3C item, read into neutral terms.
export interface Parsed {
  index: number;
  iri: string | undefined;
  replyTo: string | undefined;
  motivation: string;
  creator: Person;
  created: string;
  modified: string | undefined;
  texts: ParsedText[];
  tags: string[];
  links: Omit<SourceLink, "id">[];
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  glossa: Json | null;
  problems: Problem[];
}

/// An item's creator (a string, a W3C `Agent` or a Hypothesis account).
export function importPerson(v: unknown, fallback: Person): Person {
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

/// A date as ISO text, or `fallback` when it is not one.
export const date = (v: unknown, fallback: string) =>
  str(v) && v.length < 40 && !Number.isNaN(Date.parse(v))
    ? new Date(Date.parse(v)).toISOString()
    : fallback;

/// The mentions Glossa exported beside a message.
const mentionsOf = (g: Json): string[] =>
  list(g.mentions)
    .filter((m): m is string => str(m) && m.length <= LIMITS.id)
    .slice(0, LIMITS.mentionsPerMessage);

/// Reads item `v` (at `index` of the input; `parent`: the thread a nested
/// reply answers).
export function parseItem(
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
  readHead(p, v, o, now, parent, bad);
  readBodies(p, v, now, bad);
  // A reply item is one message: its IRI and Glossa's mentions sit on the item.
  const only = p.texts.length === 1 ? p.texts[0]! : null;
  if (p.replyTo && only) {
    if (!only.iri && p.iri) only.iri = p.iri;
    if (!only.mentions.length) only.mentions = mentionsOf(p.glossa ?? {});
  }
  // Target: the first with a TextQuoteSelector.
  Object.assign(p, readTarget(v.target, bad));
  if (!p.replyTo && !p.quote && p.motivation !== "replying")
    bad("target", "has no TextQuoteSelector to anchor by");
  return p;
}

type Bad = (path: string, message: string) => void;

/// The item's own facts: IRI, motivation, creator, dates, what it answers.
function readHead(
  p: Parsed,
  v: Json,
  o: W3CImportOptions,
  now: string,
  parent: string | undefined,
  bad: Bad,
): void {
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
}

/// Bodies: W3C `body`/`bodyValue`, Hypothesis `text` and `tags`.
function readBodies(p: Parsed, v: Json, now: string, bad: Bad): void {
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
    p.texts.push({
      ...(str(extra.id) ? { iri: extra.id } : {}),
      body: value,
      creator,
      created,
      modified: str(extra.modified) ? date(extra.modified, now) : undefined,
      mentions: mentionsOf(isObj(extra.glossa) ? extra.glossa : {}),
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
      readLink(p, b, `body[${i}]`, bad);
    } else if (b.value !== undefined) {
      const creator = importPerson(b.creator, p.creator);
      textOf(b.value, `body[${i}].value`, creator, date(b.created, p.created), b);
    }
  });
}

/// A `linking` body: a source by IRI (Glossa's `urn:glossa:source:<key>`
/// read back as the key) with an optional pinpoint.
function readLink(p: Parsed, b: Json, path: string, bad: Bad): void {
  const source = str(b.source) ? b.source : str(b.id) ? b.id : null;
  if (!source) {
    bad(`${path}.source`, "a linking body needs a source");
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
}
