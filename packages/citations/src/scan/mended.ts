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
/// The characters a break holds: a hyphen, a soft hyphen, a star, a line feed
/// (last: its index also finds the blank lines no name runs across).
const MARKS = ["-", "\u00AD", "*", "\n"] as const;
const LINE_FEED = 3;
const LETTER = /\p{L}/u;
/// A space, a tab, a carriage return (NaN, before the text, is none).
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 13;

/// Whether the mark at `i` is a break ("a-\n", "a- b", a soft hyphen, "*27", a
/// lone line feed). By character code: it runs on each line feed of a text.
export function breaksAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c === 0xad) return true;
  if (c === 42) return t.charCodeAt(i + 1) >= 48 && t.charCodeAt(i + 1) <= 57;
  if (c === 45) {
    const n = t.charCodeAt(i + 1);
    return (n === 32 || n === 10 || n === 13) && LETTER.test(t[i - 1] ?? "");
  }
  let a = i - 1;
  while (isBlank(t.charCodeAt(a))) a--;
  let b = i + 1;
  while (t.charCodeAt(b) === 32 || t.charCodeAt(b) === 9) b++;
  const n = t.charCodeAt(b);
  return a >= 0 && t.charCodeAt(a) !== 10 && b < t.length && n !== 10 && n !== 13;
}

/// Whether a blank line (`\n[ \t]*\r?\n`) starts at `i`.
function blankLineAt(t: string, i: number): boolean {
  if (t.charCodeAt(i) !== 10) return false;
  let j = i + 1;
  while (t[j] === " " || t[j] === "\t") j++;
  if (t[j] === "\r") j++;
  return t[j] === "\n";
}

/// The breaks of one scan's text, found as its calls ask, so that each mark of
/// the text is looked at about once: failed instrument names are many (~11,000
/// per 2 MB of the sparse letter) and their 200-character windows overlap.
/// Per mark, `at`: its first break after where it was last searched from
/// (`Infinity`: none to the end of the text); over all marks: none in
/// `[lo, hi)`, one at `hi`. Most texts break no name, so most calls answer
/// from `hi` alone.
export class Breaks {
  /// Marks looked at so far: the work, for tests.
  looked = 0;
  private readonly at = [-1, -1, -1, -1];
  private lo = 0;
  private hi = -1;

  constructor(private readonly text: string) {}

  /// Whether a break stands within `reach` characters after `pos`, before
  /// any blank line (no name runs across one).
  ahead(pos: number, reach: number): boolean {
    if (pos > this.hi) {
      let first = Number.POSITIVE_INFINITY;
      for (let k = 0; k < MARKS.length; k++) first = Math.min(first, this.next(k, pos));
      this.lo = pos;
      this.hi = first;
    } else if (pos < this.lo) return this.behind(pos, pos + reach);
    const b = this.hi;
    if (b > pos + reach) return false;
    // A blank line between: the break is another paragraph's. (None can
    // hold a break: its second line feed follows a line feed and blanks.)
    const w = this.text.slice(pos, b);
    for (let i = w.indexOf("\n"); i >= 0; i = w.indexOf("\n", i + 1)) {
      if (blankLineAt(this.text, pos + i)) return false;
    }
    return true;
  }

  /// The first break of mark `k` at or after `pos`, for a `pos` at or after
  /// the one it was last searched from: known, or searched on and remembered.
  private next(k: number, pos: number): number {
    const { text, at } = this;
    if (pos <= at[k]!) return at[k]!;
    const mark = MARKS[k]!;
    let i = text.indexOf(mark, pos);
    while (i >= 0) {
      // Two line feeds (most paragraphs' ends): neither is a break, and
      // neither need be looked at further.
      if (k === LINE_FEED && text.charCodeAt(i + 1) === 10) i = text.indexOf(mark, i + 2);
      else if (this.breaks(i)) break;
      else i = text.indexOf(mark, i + 1);
    }
    at[k] = i < 0 ? Number.POSITIVE_INFINITY : i;
    return at[k]!;
  }

  private breaks(i: number): boolean {
    this.looked++;
    return breaksAt(this.text, i);
  }

  /// `ahead` for a `pos` before the stretch known (an owner read after an
  /// article, then the scan goes on): its window searched, up to `last`.
  private behind(pos: number, last: number): boolean {
    // In a slice: indexOf on the text would read on to the next such mark,
    // for a mark the text does not hold (most hold no soft hyphen) to its end.
    const w = this.text.slice(pos, last + 1);
    let first = Number.POSITIVE_INFINITY;
    let stop = Number.POSITIVE_INFINITY;
    for (let k = 0; k < MARKS.length; k++) {
      for (
        let i = w.indexOf(MARKS[k]!);
        i >= 0 && pos + i < first;
        i = w.indexOf(MARKS[k]!, i + 1)
      ) {
        if (k === LINE_FEED && blankLineAt(this.text, pos + i)) stop = pos + i;
        else if (this.breaks(pos + i)) first = pos + i;
        else continue;
        break;
      }
    }
    return first <= last && first < stop;
  }
}

export interface Mended {
  text: string;
  /// Index in the scanner's text of each character of `text`.
  at: number[];
}

/// The text at `pos` with its breaks mended, or null when none stands near.
export function mended(s: Scanner, pos: number): Mended | null {
  if (!s.breaks.ahead(pos, WINDOW - 20)) return null;
  const w = s.text.slice(pos, pos + WINDOW);
  let text = "";
  const at: number[] = [];
  let last = 0;
  // exec, not matchAll: matchAll clones the regex per call, and each clone
  // starts again in V8's regex interpreter (4× slower scans of the letter).
  BREAK.lastIndex = 0;
  for (let m = BREAK.exec(w); m; m = BREAK.exec(w)) {
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
