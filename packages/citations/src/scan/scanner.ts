/// The state one extraction pass shares across citation families: the text,
/// the citations found so far, what they make short forms mean, and `emit`.
import { canonicalForKey, equivalentsForKey, urlsForKey } from "../keys.ts";
import type { Citation, CitationKind, ExtractOptions, TeamForm } from "../types.ts";
import { CiteMemory } from "./memory.ts";
import { Breaks } from "./mended.ts";

/// "… Act of 1992 (" just before a U.S. Code cite: a parallel cite of an act's section.
const PARALLEL_BEFORE = /\b(?:Act|Amendments|Code)(?:\s+of\s+\d{4})?,?\s{0,2}\(\s{0,2}$/;
/// A U.S. Code cite that names its title itself ("33 U.S.C. 2326", "section 8905 of title 5").
const NAMES_TITLE = /^\d{1,2}\s{0,2}U\.?\s?S\.?\s?C|\btitle\s+\d/;

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/// Extra fields of an emitted citation; `equivalents` are added to the key's own.
export type Extra = Partial<Citation>;

const NAMES_INA = /\bINA\b|Immigration and Nationality Act/;

export class Scanner {
  readonly out: Citation[] = [];
  readonly mem: CiteMemory;
  /// The text's breaks of names, found as instrument names ask (scan/mended.ts).
  readonly breaks: Breaks;
  /// Parallel cites of the case being cited, awaiting their parenthetical.
  parallel: Citation[] = [];

  constructor(
    readonly text: string,
    readonly opts: ExtractOptions,
  ) {
    this.mem = new CiteMemory(opts);
    this.breaks = new Breaks(text);
    // A text that names the INA anywhere is written under it from its first line:
    // a memo's "Re: … Sections 212(a)(9)(B)(i) … of the Act" before the body names it.
    if (opts.defaultAct === undefined && NAMES_INA.test(text)) this.mem.sawIna();
  }

  /// Runs a sticky regex at `pos`.
  exec(re: RegExp, pos: number): RegExpExecArray | null {
    re.lastIndex = pos;
    return re.exec(this.text);
  }

  /// Tests a sticky regex at `pos` (no match array is made).
  test(re: RegExp, pos: number): boolean {
    re.lastIndex = pos;
    return re.test(this.text);
  }

  /// The citation emitted last, if any.
  last(): Citation | undefined {
    return this.out[this.out.length - 1];
  }

  emit(kind: CitationKind, start: number, end: number, key: string, extra?: Extra): Citation {
    const d = derived(key);
    const more = extra?.equivalents;
    // The key's own equivalents and URLs are one frozen array per key, shared
    // by its citations: dense texts cite the same provisions over and over.
    const c: Citation = {
      kind,
      text: this.text.slice(start, end),
      start,
      end,
      // The cached key, not the one just built: one string per key survives.
      key: d.key,
      canonical: extra?.canonical ?? d.canonical,
      equivalents: more?.length ? Object.freeze(d.equivalents.concat(more)) : d.equivalents,
      urls: d.urls,
    };
    if (extra) {
      if (extra.pinpoint !== undefined) c.pinpoint = extra.pinpoint;
      if (extra.year !== undefined) c.year = extra.year;
      if (extra.court !== undefined) c.court = extra.court;
      if (extra.caseName !== undefined) c.caseName = extra.caseName;
      if (extra.antecedent !== undefined) c.antecedent = extra.antecedent;
    }
    this.out.push(c);
    this.mem.cited(d.base, d.scheme, d.where, start);
    if (kind === "usc" && namesTitle(c.text)) this.mem.uscParallel = this.parallelBefore(start);
    return c;
  }

  /// An `Id.` of a team's authority: its key is the team's, outside the key
  /// grammar, so its form and links come from the team form, not from the key.
  emitTeamId(start: number, end: number, form: TeamForm, pinpoint?: string): void {
    const c: Citation = {
      kind: "id",
      text: this.text.slice(start, end),
      start,
      end,
      key: `id->${form.key}`,
      canonical: form.canonical ?? form.form,
      equivalents: [form.key],
      urls: [...(form.urls ?? [])],
      antecedent: form.key,
    };
    if (pinpoint !== undefined) c.pinpoint = pinpoint;
    this.out.push(c);
  }

  /// Whether "… Act of 1992 (" ends just before `start` (cheap look at the "(" first).
  private parallelBefore(start: number): boolean {
    let i = start - 1;
    while (i >= 0 && i > start - 4 && this.text.charCodeAt(i) === 32) i--;
    if (this.text.charCodeAt(i) !== 40) return false;
    return PARALLEL_BEFORE.test(this.text.slice(Math.max(0, start - 40), start));
  }
}

/// A U.S. Code cite that names its title itself: "33 U.S.C. 2326" (a digit
/// first), "section 8905 of title 5".
const namesTitle = (text: string): boolean =>
  isDigit(text.charCodeAt(0))
    ? NAMES_TITLE.test(text)
    : text.includes("title") && NAMES_TITLE.test(text);

interface Derived {
  key: string;
  canonical: string;
  equivalents: readonly string[];
  urls: readonly string[];
  /// Key without an `id->`/`supra->` prefix, its scheme and second segment.
  base: string;
  scheme: string;
  where: string;
}

const derivedCache = new Map<string, Derived>();

/// What a key implies (canonical form, equivalents, URLs), memoised: dense
/// texts cite the same provisions over and over.
const derived = (key: string): Derived => {
  let d = derivedCache.get(key);
  if (!d) {
    const arrow = key.indexOf("->");
    const base = arrow >= 0 ? key.slice(arrow + 2) : key;
    const s1 = base.indexOf("/");
    const s2 = base.indexOf("/", s1 + 1);
    d = {
      key,
      canonical: canonicalForKey(key),
      equivalents: Object.freeze(equivalentsForKey(key)),
      urls: Object.freeze(urlsForKey(key)),
      base,
      scheme: base.slice(0, s1),
      where: base.slice(s1 + 1, s2 < 0 ? base.length : s2),
    };
    if (derivedCache.size > 20_000) derivedCache.clear();
    derivedCache.set(key, d);
  }
  return d;
};
