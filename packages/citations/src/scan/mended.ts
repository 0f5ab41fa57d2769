/// Instrument names as PDFs and reporters break them: a line-end hyphen
/// ("Conven-\nción", "Con- vención" once whitespace is collapsed), a soft
/// hyphen, a star page inside or before a word ("Con*438vention",
/// "Convention *27Against"), a line break or a run of spaces between words.
/// `mended` gives the text from a position with those removed, and where each
/// of its characters stood, so a name can be matched and its end mapped back.
import type { Scanner } from "./scanner.ts";

/// How much text after the position is mended: the longest name and its year.
const WINDOW = 220;
/// A break of a name; whitespace-only matches become one space, the rest nothing.
const BREAK =
  /(?<=\p{L})-[ \t]*\r?\n[ \t]*(?=\p{Ll})|(?<=\p{L})- {1,2}(?=\p{Ll})|\u00AD(?:[ \t]*\r?\n[ \t]*)?|(?<=\s)\*\d{1,5} |\*\d{1,5}(?=\p{L})|[ \t]*[\r\n\t][ \t]*| {2,}/gu;
/// The same breaks, found ahead of a position (cheap check before mending).
const NEXT_BREAK = /\p{L}-\s|\u00AD|\*\d|[\r\n\t]| {2}/gu;

/// Per scanner: the next break at or after `from` (`at`, Infinity if none), so
/// repeated look-ups while the scan moves forward stay linear.
const nextBreak = new WeakMap<Scanner, { from: number; at: number }>();

function breakAhead(s: Scanner, pos: number): number {
  const c = nextBreak.get(s);
  if (c && c.from <= pos && pos <= c.at) return c.at;
  NEXT_BREAK.lastIndex = pos;
  const m = NEXT_BREAK.exec(s.text);
  const at = m ? m.index : Number.POSITIVE_INFINITY;
  nextBreak.set(s, { from: pos, at });
  return at;
}

export interface Mended {
  text: string;
  /// Index in the scanner's text of each character of `text`.
  at: number[];
}

/// The text at `pos` with its breaks mended, or null when none stands near.
export function mended(s: Scanner, pos: number): Mended | null {
  if (breakAhead(s, pos) - pos > WINDOW - 20) return null;
  const w = s.text.slice(pos, pos + WINDOW);
  let text = "";
  const at: number[] = [];
  let last = 0;
  for (const m of w.matchAll(BREAK)) {
    const i = m.index;
    text += w.slice(last, i);
    for (let k = last; k < i; k++) at.push(pos + k);
    if (m[0].trim() === "") {
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
