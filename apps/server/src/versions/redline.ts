import type { Person } from "@glossa/annotations";
import type { TextChange } from "./compare.ts";

/// A stretch of the newer text that the older one did not have.
export interface RedlineInsert {
  /// Plain-text offsets in the newer text (`DocumentParagraphs` offsets).
  start: number;
  end: number;
  author: Person | null;
}

/// Text of the older version missing from the newer one, at a point of the newer text.
export interface RedlineDelete {
  at: number;
  text: string;
  /// Who deleted it, when it is one side of a replacement (deleted words
  /// with words inserted at the same place, by a known person); else null —
  /// Yjs records no author for deletions (docs/decisions/0004-versions.md).
  author: Person | null;
}

/// What a comparison of two versions becomes on the newer text: insertions
/// by offsets of the newer text, deletions as points in it.
export interface RedlineMarks {
  inserts: RedlineInsert[];
  deletes: RedlineDelete[];
}

/// Lays a comparison's changes (`compareText`) on the newer text.
export function redlineMarks(changes: readonly TextChange[]): RedlineMarks {
  const inserts: RedlineInsert[] = [];
  const deletes: RedlineDelete[] = [];
  let at = 0;
  changes.forEach((c, i) => {
    if (c.op === "equal") at += c.text.length;
    else if (c.op === "insert") {
      inserts.push({ start: at, end: at + c.text.length, author: c.author });
      at += c.text.length;
    } else {
      const next = changes[i + 1];
      const prev = changes[i - 1];
      const author =
        next?.op === "insert" && next.author
          ? next.author
          : prev?.op === "insert" && prev.author
            ? prev.author
            : null;
      deletes.push({ at, text: c.text, author });
    }
  });
  return { inserts, deletes };
}

/// The insertion covering newer-text offset `offset`, if any (`inserts` in order).
export function insertAt(inserts: readonly RedlineInsert[], offset: number): RedlineInsert | null {
  let lo = 0;
  let hi = inserts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = inserts[mid]!;
    if (offset < x.start) hi = mid - 1;
    else if (offset >= x.end) lo = mid + 1;
    else return x;
  }
  return null;
}
