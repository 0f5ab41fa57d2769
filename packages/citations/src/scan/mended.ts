/// Instrument names as PDFs and reporters break them: a line-end hyphen
/// ("Conven-\nción", "Con- vención" once whitespace is collapsed), a soft
/// hyphen, a star page inside or before a word ("Con*438vention",
/// "Convention *27Against"), a line break between two words ("Convention
/// Against\nTorture"). `mended` gives the text from a position with those
/// removed (a line break made a space), and where each of its characters stood,
/// so a name can be matched and its end mapped back.
import type { Scanner } from "./scanner.ts";

/// How much text after the position is mended: the longest name and its year.
const WINDOW = 220;
/// A break of a name: removed, or (a line break alone) made one space.
const BREAK =
  /(?<=\p{L})-[ \t]*\r?\n[ \t]*(?=\p{Ll})|(?<=\p{L})- {1,2}(?=\p{Ll})|\u00AD(?:[ \t]*\r?\n[ \t]*)?|(?<=\s)\*\d{1,5} |\*\d{1,5}(?=\p{L})|(?<=\S)[ \t]*\r?\n[ \t]*(?=\S)/gu;
/// The characters a break holds: a hyphen, a soft hyphen, a star, a line feed.
const MARKS = ["-", "\u00AD", "*", "\n"] as const;
const LETTER = /\p{L}/u;
const isBlank = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r";

/// Per scanner and mark: its next index at or after `from` (`at`, Infinity if
/// none), so look-ups while the scan moves forward stay linear (`indexOf`, no regex).
const nextMark = new WeakMap<Scanner, Array<{ from: number; at: number }>>();

function markAfter(s: Scanner, k: number, pos: number): number {
  let cache = nextMark.get(s);
  if (!cache) {
    cache = MARKS.map(() => ({ from: Number.POSITIVE_INFINITY, at: -1 }));
    nextMark.set(s, cache);
  }
  const c = cache[k]!;
  if (c.from <= pos && pos <= c.at) return c.at;
  const i = s.text.indexOf(MARKS[k]!, pos);
  c.from = pos;
  c.at = i < 0 ? Number.POSITIVE_INFINITY : i;
  return c.at;
}

/// Whether the mark at `i` is a break ("a-\n", "a- b", a soft hyphen, "*27", a lone line feed).
function breaksAt(t: string, i: number): boolean {
  const ch = t[i];
  if (ch === "\u00AD") return true;
  if (ch === "*") return t.charCodeAt(i + 1) >= 48 && t.charCodeAt(i + 1) <= 57;
  if (ch === "-") {
    const n = t[i + 1];
    return LETTER.test(t[i - 1] ?? "") && (n === " " || n === "\n" || n === "\r");
  }
  let a = i - 1;
  while (isBlank(t[a])) a--;
  let b = i + 1;
  while (t[b] === " " || t[b] === "\t") b++;
  return a >= 0 && t[a] !== "\n" && b < t.length && t[b] !== "\n" && t[b] !== "\r";
}

/// Whether a break stands within `reach` characters after `pos`.
function breakAhead(s: Scanner, pos: number, reach: number): boolean {
  for (let k = 0; k < MARKS.length; k++) {
    for (let q = pos; ; ) {
      const i = markAfter(s, k, q);
      if (i - pos > reach) break;
      if (breaksAt(s.text, i)) return true;
      q = i + 1;
    }
  }
  return false;
}

export interface Mended {
  text: string;
  /// Index in the scanner's text of each character of `text`.
  at: number[];
}

/// The text at `pos` with its breaks mended, or null when none stands near.
export function mended(s: Scanner, pos: number): Mended | null {
  if (!breakAhead(s, pos, WINDOW - 20)) return null;
  const w = s.text.slice(pos, pos + WINDOW);
  let text = "";
  const at: number[] = [];
  let last = 0;
  for (const m of w.matchAll(BREAK)) {
    const i = m.index;
    text += w.slice(last, i);
    for (let k = last; k < i; k++) at.push(pos + k);
    if (m[0].includes("\n") && !m[0].includes("-") && !m[0].includes("\u00AD")) {
      text += " ";
      at.push(pos + i);
    }
    last = i + m[0].length;
  }
  if (last === 0) return null;
  text += w.slice(last);
  for (let k = last; k < w.length; k++) at.push(pos + k);
  return { text, at };
}
