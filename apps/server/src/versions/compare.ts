import type { Annotation, Person } from "@glossa/annotations";
import { diffWordsWithSpace } from "diff";
import { type AttributedText, NO_CLIENT } from "./attribution.ts";

/// One stretch of a comparison: text both sides share, text only the newer
/// side has (with who inserted it, null when not known) or text only the
/// older side had (who deleted it is never known: Yjs records no author for
/// deletions).
export type TextChange =
  | { op: "equal"; text: string }
  | { op: "insert"; text: string; author: Person | null }
  | { op: "delete"; text: string };

export interface TextComparison {
  changes: TextChange[];
  inserted: number;
  deleted: number;
  /// Who inserted how many characters (null id: not known).
  authors: { id: string | null; name: string; inserted: number }[];
  /// Node type of each textblock of the newer text, in order (`title`,
  /// `paragraph`, `signatory` …), to lay the changes out as the letter is.
  blocks: string[];
}

/// Compares two texts word by word (whitespace kept as its own tokens) and
/// names the author of each inserted run from the Yjs client id of its
/// characters in the newer text. `authorOf` maps a client id to a person.
export function compareText(
  older: AttributedText,
  newer: AttributedText,
  authorOf: (client: number) => Person | null,
): TextComparison {
  const changes: TextChange[] = [];
  const counts = new Map<string | null, { id: string | null; name: string; inserted: number }>();
  let inserted = 0;
  let deleted = 0;
  let at = 0; // offset in the newer text
  const push = (c: TextChange) => {
    const last = changes[changes.length - 1];
    if (
      last &&
      last.op === c.op &&
      (c.op !== "insert" ||
        (last as { author: Person | null }).author?.id === (c.author?.id ?? undefined))
    ) {
      last.text += c.text;
      return;
    }
    changes.push(c);
  };
  for (const part of diffWordsWithSpace(older.text, newer.text)) {
    if (part.removed) {
      deleted += countable(part.value);
      push({ op: "delete", text: part.value });
      continue;
    }
    if (!part.added) {
      push({ op: "equal", text: part.value });
      at += part.value.length;
      continue;
    }
    // Split the insertion into runs of one author each.
    let i = 0;
    while (i < part.value.length) {
      let author = authorAt(newer, at + i, authorOf);
      let j = i + 1;
      for (; j < part.value.length; j++) {
        const next = authorAt(newer, at + j, authorOf);
        if (next === undefined) continue;
        if (author === undefined) author = next;
        else if ((next?.id ?? null) !== (author?.id ?? null)) break;
      }
      const text = part.value.slice(i, j);
      if (author === undefined) author = null;
      push({ op: "insert", text, author });
      const n = countable(text);
      inserted += n;
      const key = author?.id ?? null;
      const entry = counts.get(key) ?? { id: key, name: author?.name ?? "", inserted: 0 };
      entry.inserted += n;
      counts.set(key, entry);
      i = j;
    }
    at += part.value.length;
  }
  return {
    changes,
    inserted,
    deleted,
    blocks: newer.blocks,
    authors: [...counts.values()]
      .filter((a) => a.inserted > 0)
      .sort((a, b) => b.inserted - a.inserted),
  };
}

/// Characters that count as a change: block separators do not.
const countable = (s: string) => s.replace(/\n\n/g, "").length;

function authorAt(
  text: AttributedText,
  offset: number,
  authorOf: (client: number) => Person | null,
): Person | null | undefined {
  const client = text.clients[offset];
  // Separators belong to no one: they join the run around them.
  if (client === undefined || client === NO_CLIENT) return undefined;
  return authorOf(client);
}

/// What happened to annotations between two versions.
export type AnnotationChangeType =
  | "added"
  | "removed"
  | "resolved"
  | "reopened"
  | "replied"
  | "detached"
  | "reattached"
  | "status";

export interface AnnotationChange {
  type: AnnotationChangeType;
  annotation: { id: string; kind: string; quote: string; body: string | null; author: Person };
  /// Who did it, when known.
  by: Person | null;
  at: string | null;
  detail?: string;
}

const summary = (a: Annotation) => ({
  id: a.id,
  kind: a.kind,
  quote: a.selector.quote.exact,
  body: a.messages[0]?.body ?? null,
  author: a.author,
});

/// The latest audit entry of `action` in `a`, if any.
const lastAudit = (a: Annotation, action: string) =>
  [...a.audit].reverse().find((e) => e.action === action) ?? null;

/// Annotations added, removed (deleted), resolved, reopened, replied to,
/// detached from or reattached to their text, and claim statuses changed,
/// from the `older` list to the `newer` one (deleted annotations included
/// in both, as versions record them).
export function compareAnnotations(
  older: readonly Annotation[],
  newer: readonly Annotation[],
): AnnotationChange[] {
  const before = new Map(older.filter((a) => !a.deleted).map((a) => [a.id, a]));
  const out: AnnotationChange[] = [];
  const seen = new Set<string>();
  for (const b of newer) {
    seen.add(b.id);
    const a = before.get(b.id);
    if (b.deleted) {
      if (a)
        out.push({ type: "removed", annotation: summary(a), by: b.deleted.by, at: b.deleted.at });
      continue;
    }
    if (!a) {
      out.push({ type: "added", annotation: summary(b), by: b.author, at: b.createdAt });
      continue;
    }
    if (!a.resolved && b.resolved)
      out.push({ type: "resolved", annotation: summary(b), by: b.resolved.by, at: b.resolved.at });
    else if (a.resolved && !b.resolved) {
      const e = lastAudit(b, "reopened");
      out.push({ type: "reopened", annotation: summary(b), by: e?.who ?? null, at: e?.at ?? null });
    }
    const had = new Set(a.messages.map((m) => m.id));
    for (const m of b.messages)
      if (!had.has(m.id))
        out.push({
          type: "replied",
          annotation: summary(b),
          by: m.author,
          at: m.createdAt,
          detail: m.body,
        });
    if (!a.detached && b.detached)
      out.push({ type: "detached", annotation: summary(b), by: null, at: b.detached.at });
    else if (a.detached && !b.detached) {
      const e = lastAudit(b, "reattached");
      out.push({
        type: "reattached",
        annotation: summary(b),
        by: e?.who ?? null,
        at: e?.at ?? null,
      });
    }
    if (a.status !== b.status) {
      const e = lastAudit(b, "status");
      out.push({
        type: "status",
        annotation: summary(b),
        by: e?.who ?? null,
        at: e?.at ?? null,
        detail: `${a.status ?? "none"} → ${b.status ?? "none"}`,
      });
    }
  }
  // Present before, absent now (removed without a trace, e.g. an import replaced it).
  for (const [id, a] of before)
    if (!seen.has(id)) out.push({ type: "removed", annotation: summary(a), by: null, at: null });
  return out.sort((x, y) => (x.at ?? "").localeCompare(y.at ?? ""));
}
