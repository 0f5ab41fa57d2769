import type { Person } from "@glossa/annotations";
import type { TextChange } from "./compare.ts";

/// A stretch of the newer text that the older one did not have.
export interface RedlineInsert {
  /// Plain-text offsets in the newer text (`DocumentText` offsets, @glossa/schema).
  start: number;
  end: number;
  author: Person | null;
}

/// Text of the older version missing from the newer one, at a point of the newer text.
export interface RedlineDelete {
  at: number;
  text: string;
  /// Who deleted it: recorded with the update that deleted it
  /// (`yjs_deletions`), else the person who inserted at the same place (a
  /// replacement), else null (deleted before Glossa recorded deletions).
  author: Person | null;
}

/// What a comparison of two versions becomes on the newer text: insertions
/// by offsets of the newer text, deletions as points in it.
export interface RedlineMarks {
  inserts: RedlineInsert[];
  deletes: RedlineDelete[];
}

/// Lays a comparison's changes (`compareText`) on the newer text.
/// `deleterAt` names who deleted the older text's character at an offset
/// (null: not recorded; undefined: a separator, which joins its neighbours).
/// Deleted text nobody is recorded for is given to the person who inserted
/// at the same place, when there is one (a replacement).
export function redlineMarks(
  changes: readonly TextChange[],
  deleterAt: (olderOffset: number) => Person | null | undefined = () => null,
): RedlineMarks {
  const inserts: RedlineInsert[] = [];
  const deletes: RedlineDelete[] = [];
  let at = 0;
  let old = 0;
  changes.forEach((c, i) => {
    if (c.op === "equal") {
      at += c.text.length;
      old += c.text.length;
    } else if (c.op === "insert") {
      inserts.push({ start: at, end: at + c.text.length, author: c.author });
      at += c.text.length;
    } else {
      const next = changes[i + 1];
      const prev = changes[i - 1];
      const replacer =
        next?.op === "insert" && next.author
          ? next.author
          : prev?.op === "insert" && prev.author
            ? prev.author
            : null;
      // One deletion per deleter, in order, at the same point.
      let j = 0;
      while (j < c.text.length) {
        let who = deleterAt(old + j);
        let k = j + 1;
        for (; k < c.text.length; k++) {
          const next = deleterAt(old + k);
          if (next === undefined) continue;
          if (who === undefined) who = next;
          else if ((next?.id ?? null) !== (who?.id ?? null)) break;
        }
        deletes.push({ at, text: c.text.slice(j, k), author: who ?? replacer });
        j = k;
      }
      old += c.text.length;
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
