/// Builds labelled corpus items from a USLM XML file (public laws, Federal
/// Register issues, C.F.R. volumes and statute compilations published by
/// GPO/OLRC). The labels come from the publisher's own `<ref href>` markup,
/// not from the engine: each href is turned into a key of docs/citations.md
/// by the rules in SOURCES.md. Usage:
///   tsx tests/citations/corpus/fromUslm.ts FILE.xml "source note" MAX_LABELS SEED > out.jsonl
import { readFileSync } from "node:fs";

interface Label {
  text: string;
  at: number;
  key: string;
}

const INLINE = new Set([
  "ref",
  "inline",
  "quotedText",
  "amendingAction",
  "i",
  "b",
  "sup",
  "sub",
  "term",
  "date",
  "span",
  "em",
  "shortTitle",
  "quotedContent",
]);

const decode = (s: string): string =>
  s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/// "601–674" with both ends plain numbers and the second larger is a range.
const rangeEnds = (sec: string): [string, string] | null => {
  const m = /^(\d+)[–-](\d+)$/.exec(sec);
  return m && Number(m[2]) > Number(m[1]) ? [m[1]!, m[2]!] : null;
};

/// Subsection levels written right after a ref ("(b)(5)" after "78o–3"):
/// part of the citation the ref cut short. Four digits are a year, not a level.
/// One space may come first ("16 U.S.C. 1248 (e)(3)", issue 13's `8 C.F.R. 208.16 (c)`).
const LEVELS_AFTER =
  /^(?: (?=\((?:[a-z]{1,4}|\d{1,2})\)(?!\w)))?((?:\((?:[A-Za-z]{1,4}|\d{1,3})\))*)/;
const levelsOf = (w: string): string[] => (w ? w.slice(1, -1).split(")(") : []);

/// GPO sometimes ends a ref inside the number the text writes: "16 USC 460"
/// before "l–6d", "15 U.S.C. 78" before "o–3(b)(5)", "12 CFR Part 708" before
/// "a", "17 CFR 249" before "b.300". The label follows the text: the rest of the
/// number (letters, then a dash and digits, or a dotted section for C.F.R.).
const USC_REST = /^([a-z]{1,4}(?:[–-]\d{1,4}[a-z]{0,3})?)(?![\w–-])/;
const CFR_REST = /^([a-z]{1,2}(?:\.\d{1,5}[a-z]{0,3})?)(?![\w])/;
function restOfNumber(text: string, sec: string, after: string, re: RegExp): string {
  if (!text.endsWith(sec)) return "";
  return re.exec(after)?.[1] ?? "";
}

/// Keys of a C.F.R. href: "p71" a part, "s240.19b" a section (see keysForHref).
function cfrKeys(
  title: string,
  b: string,
  subs: string[],
  text: string,
  after: string,
  used: { n: number },
): string[] | null {
  // "40 CFR part 1506.6(b)" is marked p1506.6: a dotted "part" is a section.
  if (b.startsWith("p") && !b.includes(".")) {
    const part = b.slice(1);
    const tail = restOfNumber(text, part, after, CFR_REST);
    used.n = tail.length;
    return [`cfr/${title}/${part}${tail}`];
  }
  if (!b.startsWith("s") && !b.startsWith("p")) return null;
  let sec = b.slice(1);
  const rest = subs.length === 0 ? restOfNumber(text, sec, after, CFR_REST) : "";
  sec += rest;
  // GPO marks "240.19b–4(f)(6)(iii)" as s240.19b: the text has the whole number
  // (not "385.2001–2005", a range whose end has four digits).
  const whole = new RegExp(
    `${sec.replace(".", "\\.")}[–-](\\d{1,3})(?!\\d)((?:\\([a-z0-9]{1,4}\\))*)`,
  ).exec(text + after);
  if (whole && subs.length === 0) {
    used.n = Math.max(0, whole.index + whole[0].length - text.length);
    const levels = whole[2] ? whole[2].slice(1, -1).split(")(") : [];
    return [[`cfr/${title}/${sec}-${whole[1]}`, ...levels].join("/")];
  }
  const range = /^(\d+\.\d+)[–-](\d+\.\d+)$/.exec(sec);
  if (range) return [`cfr/${title}/${range[1]}`, `cfr/${title}/${range[2]}`];
  const lm = subs.length === 0 ? LEVELS_AFTER.exec(after.slice(rest.length))! : null;
  used.n = rest.length + (lm?.[0].length ?? 0);
  const more = levelsOf(lm?.[1] ?? "");
  // "12 CFR 747.901 et seq.": as for the U.S. Code (issue 13, third pass).
  const etSeq = sec.includes(".") && /^,?\s*et\.?\s+seq/.test(after.slice(used.n));
  return [[`cfr/${title}/${sec}`, ...subs, ...more, ...(etSeq ? ["et-seq"] : [])].join("/")];
}

/// Keys an href stands for (two for a section range), or null when the
/// scheme has no key for it (bills, reports, executive orders, whole titles).
/// `used.n` is set to how much of `after` the key took in (the rest of a number
/// or subsections the ref cut short).
export function keysForHref(
  href: string,
  text: string,
  after: string,
  used: { n: number } = { n: 0 },
): string[] | null {
  const parts = href.replace(/\s+/g, "").split("/").filter(Boolean); // us, usc, t8, s1101, a, 42
  const [, kind, a, b, ...rest] = parts;
  // "etseq" closes a U.S.C. href; "tIII", "dA", "chX" name divisions the key scheme has no place for.
  const etSeq = rest[rest.length - 1] === "etseq";
  const subs = etSeq ? rest.slice(0, -1) : rest;
  if (
    subs.some(
      (x) =>
        !/^[A-Za-z0-9]{1,6}$/.test(x) ||
        /^(?:t[IVXL]+|d[A-Z]|ch[IVXL\d]+|st[IVXL]+|pt[IVXL\d]+)$/.test(x),
    )
  )
    return null;
  // "paragraph (h)(2)": a reference inside the document, which no key names.
  if (/^\s*(?:sub)?(?:paragraphs?|clauses?|subsections?)\b/i.test(text)) return null;
  switch (kind) {
    case "usc": {
      if (!a?.startsWith("t") || !b?.startsWith("s")) return null;
      const title = a.slice(1);
      let sec = b.slice(1);
      const range = rangeEnds(sec);
      if (range) return range.map((s) => `usc/${title}/${s}`);
      const rest = subs.length === 0 ? restOfNumber(text, sec, after, USC_REST) : "";
      sec += rest;
      const lm = LEVELS_AFTER.exec(after.slice(rest.length))!;
      const more = levelsOf(lm[1]!);
      used.n = rest.length + lm[0].length;
      let key = [`usc/${title}/${sec.replace(/–/g, "-")}`, ...subs, ...more].join("/");
      if (/\bnote\s*$/.test(text) || /^\s*note\b/.test(after)) key += "/note";
      else if (etSeq || /^,?\s*et\.?\s+seq/.test(after) || /et\.?\s+seq\.?\s*$/.test(text))
        key += "/et-seq";
      return [key];
    }
    case "cfr":
      if (!a?.startsWith("t") || !b) return null;
      return cfrKeys(a.slice(1), b, subs, text, after, used);
    case "fr":
    case "stat":
      if (!a || !b) return null;
      return [`${kind}/${a}/${b.replace(/–/g, "-")}`];
    case "pl": {
      if (!a || !b) return null;
      const sec = rest[0]?.startsWith("s") ? rest[0].slice(1) : undefined;
      return [[`pl/${a}/${b}`, ...(sec ? [sec, ...rest.slice(1)] : [])].join("/")];
    }
    default:
      return null;
  }
}

/// Compilations print "Enacted December 29, 1970, P.L. 91–596, sec. 2, 84
/// Stat. 1590." under each section without tagging it: those two citations,
/// read by hand in the first items and labelled by this fixed pattern.
function labelEnactmentNotes(text: string, labels: Label[]): void {
  for (const m of text.matchAll(
    /Enacted [A-Z][a-z]+ \d{1,2}, \d{4}, (P\.L\. (\d+)–(\d+), sec\. (\d+[a-z]?)), ((\d+) Stat\. (\d+))/g,
  )) {
    const at = m.index! + m[0].indexOf(m[1]!);
    labels.push({ text: m[1]!, at, key: `pl/${m[2]}/${m[3]}/${m[4]}` });
    labels.push({
      text: m[5]!,
      at: m.index! + m[0].lastIndexOf(m[5]!),
      key: `stat/${m[6]}/${m[7]}`,
    });
  }
  // "; P.L. 95–251, sec. 2(a)(7), 92 Stat. 183": the amendments listed after it.
  const taken = (at: number) => labels.some((l) => at >= l.at && at < l.at + l.text.length);
  for (const m of text.matchAll(
    /(P\.L\. (\d+)–(\d+), (?:title [IVXLC]+, )?sec\. (\d+[a-z]?)((?:\([A-Za-z0-9]{1,4}\))*)), ((\d+) Stat\. (\d+[A-Z]?)(?:–(\d+))?)/g,
  )) {
    if (taken(m.index!)) continue;
    const levels = m[5] ? m[5].slice(1, -1).split(")(") : [];
    labels.push({
      text: m[1]!,
      at: m.index!,
      key: [`pl/${m[2]}/${m[3]}/${m[4]}`, ...levels].join("/"),
    });
    const tail = m[9] && Number(m[9]) < Number(m[8]) ? `-${m[9]}` : "";
    labels.push({
      text: m[6]!,
      at: m.index! + m[0].lastIndexOf(m[6]!),
      key: `stat/${m[7]}/${m[8]}${tail}`,
    });
  }
  labels.sort((a, b) => a.at - b.at);
}

/// A public law's sections named with the act's title before it: "section 903(c) of the Water
/// Resources Development Act of 1986 (Public Law 99–662)", "sections 100215, … and 100246 of
/// the Biggert-Waters Flood Insurance Reform Act of 2012, (Public Law 112–141)", "section 1101
/// of division O of the Consolidated Appropriations Act, 2016 (Public Law 114–113)". GPO tags
/// only the public law; the text cites its sections (issue 13, session 11: the key keeps them).
const MEMBER_NUM = String.raw`\d{1,6}[a-z]?(?:\([A-Za-z0-9]{1,4}\))*`;
const NAMED_ACT_BEFORE = new RegExp(
  String.raw`(?:^|[^\w])(?<word>[Ss]ections?)\s(?<list>${MEMBER_NUM}(?:(?:,\s(?:and\s)?|\sand\s)${MEMBER_NUM}){0,10})\sof\s(?:division\s(?<division>[A-Z]{1,2})\sof\s)?the\s[A-Z][^()[\];]{0,160}?\sAct(?:\sof\s\d{4}|,\s\d{4})?(?:\s?\([A-Z][A-Za-z]{1,12}\))?,?\s?\(?$`,
);
const DIVISION_AFTER = /^,\s?[Dd]iv\.\s?([A-Z]{1,2})(?![\w])/;

/// Replaces each such public law's label by one label per section it names (applied
/// after the sample is drawn, so the sample of a rebuild stays the same).
export function namedActSections(text: string, labels: Label[]): Label[] {
  return labels.flatMap((l) => {
    if (!/^pl\/\d+\/\d+$/.test(l.key)) return [l];
    const from = Math.max(0, l.at - 320);
    const m = NAMED_ACT_BEFORE.exec(text.slice(from, l.at));
    if (!m) return [l];
    const g = m.groups!;
    const div = DIVISION_AFTER.exec(text.slice(l.at + l.text.length));
    const d = g.division ?? div?.[1];
    const end = l.at + l.text.length + (div ? div[0].length : 0);
    const start = from + m.index + m[0].indexOf(g.word!);
    const listAt = start + g.word!.length + 1;
    const members = [...g.list!.matchAll(new RegExp(MEMBER_NUM, "g"))];
    return members.map((mm, i) => {
      const [, sec, subs] = /^(\d+[a-z]?)(.*)$/.exec(mm[0])!;
      const levels = subs ? subs.slice(1, -1).split(")(") : [];
      const key = [l.key, ...(d ? [`div-${d}`] : []), sec!, ...levels].join("/");
      const a = i === 0 ? start : listAt + mm.index!;
      const b = i === members.length - 1 ? end : listAt + mm.index! + mm[0].length;
      return { text: text.slice(a, b), at: a, key };
    });
  });
}

/// The C.F.R. title a bare "§ 44.224" or "part 71" in the item means: the
/// document's own title, which an editor sets as `cfrTitle` for it. A list
/// member ("807" after "18 CFR parts 806") takes its title from the list, not
/// the document: its label starts with a digit and does not count.
function bareCfrTitle(labels: Label[]): number | undefined {
  const bare = labels.find(
    (l) =>
      l.key.startsWith("cfr/") &&
      !/^\d/.test(l.text) &&
      !/CFR|C\.F\.R\.|Code of Federal Regulations/.test(l.text),
  );
  return bare ? Number(bare.key.split("/")[1]) : undefined;
}

/// A list member after a labelled section: ", 1787", " and 8722(a)", a range
/// end ("–2680", " to 4626", " through 1236"). Not a number that is the title
/// of the next cite ("9303, 26 U.S.C. 5711", "2778, 90 Stat. 744", "part 590 and
/// 43 CFR part 4"); a sentence's closing period ends the member.
const MEMBER =
  /^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*(?<range>–|\s(?:to|through)\s)\s*)(\d{1,6}(?:\.\d{1,5})?[a-z]{0,4}(?:[–-]\d{1,3}[a-z]?)?)((?:\([A-Za-z0-9]{1,4}\))*)(?![\w]|\.\w|[–-][a-z])(?!\s*(?:U\.\s?S\.\s?C|USC|C\.\s?F\.\s?R|CFR|Stat\.|STAT\.|FR\b|F\.R\.|Fed\.))/;
/// "and (e)" after "404(a)": a further pinpoint of the member before it, which
/// the engine reports inside that citation (no label of its own); the list goes on.
const PIECE =
  /^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*[–-]\s*)(?:\((?:[A-Za-z]{1,4}|\d{1,3})\))+(?![\w])/;

/// "(16 U.S.C. 1, 2, 3, 4)", "(42 U.S.C. 5170 and 5191)": GPO tags only the
/// first member of a section list; the others are the same title's sections
/// and are labelled so (a plain-number member after a U.S.C. or dotted
/// C.F.R. section only; never across other words than "and", "or", "to",
/// "through"). A range end is labelled when it is larger than the member before
/// it; "385.2001–2005" ends at 385.2005.
function listMembers(text: string, from: number, key: string, labels: Label[]): void {
  const [scheme, title, first] = key.split("/");
  if ((scheme !== "usc" && scheme !== "cfr") || !first) return;
  const dotted = first.includes(".");
  let prev = first;
  let at = from;
  for (let n = 0; n < 40; n++) {
    const rest = text.slice(at);
    const piece = PIECE.exec(rest);
    if (piece) {
      at += piece[0].length;
      continue;
    }
    const m = MEMBER.exec(rest);
    if (!m) return;
    let sec = m[2]!.replace("–", "-");
    if (m.groups!.range) {
      const [a, b] = [/^\d+/.exec(prev.replace(/^\d+\./, ""))?.[0], /^\d+/.exec(sec)?.[0]];
      if (scheme === "cfr" && dotted && !sec.includes(".") && a?.length === sec.length) {
        sec = `${prev.split(".")[0]}.${sec}`;
      } else if (!a || !b || Number(b) <= Number(/^\d+/.exec(prev)![0])) return;
    }
    // A C.F.R. list keeps its form: sections after a section, parts after a part.
    if (scheme === "cfr" && sec.includes(".") !== dotted) return;
    const levels = m[3] ? m[3].slice(1, -1).split(")(") : [];
    const start = at + m[0].indexOf(m[2]!);
    labels.push({ text: m[2]! + m[3]!, at: start, key: [scheme, title, sec, ...levels].join("/") });
    prev = sec;
    at += m[0].length;
  }
}

/// One XML line as text, with the refs it holds.
function lineItem(
  line: string,
  enactmentNotes: boolean,
): { text: string; labels: Label[]; skipped: number } {
  let text = "";
  const labels: Label[] = [];
  let skipped = 0;
  let open: { href: string; at: number } | null = null;
  const pending: Array<{ href: string; at: number; end: number }> = [];
  const re = /<(\/?)([A-Za-z]+)([^>]*)>|([^<]+)/g;
  let hidden = 0;
  for (const m of line.matchAll(re)) {
    // Running heads ("130 STAT. 620") mark print pages, not citations.
    if (m[2] === "page") {
      hidden += m[1] ? -1 : m[3]!.endsWith("/") ? 0 : 1;
      continue;
    }
    if (hidden > 0) continue;
    if (m[4] !== undefined) {
      text += decode(m[4]).replace(/\s+/g, " ");
      continue;
    }
    const [, close, tag, attrs] = m;
    if (tag === "ref") {
      if (!close) {
        const href = /href="([^"]*)"/.exec(attrs!)?.[1];
        open = href ? { href, at: text.length } : null;
      } else if (open) {
        pending.push({ ...open, end: text.length });
        open = null;
      }
      continue;
    }
    if (!INLINE.has(tag!) && !/\s$/.test(text) && text !== "") text += " ";
  }
  for (const p of pending) {
    const t = text.slice(p.at, p.end);
    const used = { n: 0 };
    const keys = keysForHref(p.href, t, text.slice(p.end, p.end + 40), used);
    if (!keys) {
      skipped++;
      continue;
    }
    for (const key of keys) labels.push({ text: t, at: p.at, key });
    listMembers(text, p.end + used.n, keys[keys.length - 1]!, labels);
  }
  if (enactmentNotes) labelEnactmentNotes(text, labels);
  const lead = text.length - text.trimStart().length;
  for (const l of labels) l.at -= lead;
  return { text: text.trim(), labels, skipped };
}

// Seeded shuffle (mulberry32) so a rebuild picks the same lines.
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/// "--relabel FILE.xml corpus.jsonl [enacted]": the same items (matched by
/// their text) with labels made again by the rules above, so a fix to a rule
/// reaches the corpus without drawing a new sample.
function relabel(file: string, corpus: string, enactmentNotes: boolean): void {
  const byText = new Map<string, { labels: Label[]; skipped: number }>();
  for (const l of readFileSync(file, "utf8").split("\n")) {
    if (!l.includes("<ref href")) continue;
    const it = lineItem(l, enactmentNotes);
    if (!byText.has(it.text)) byText.set(it.text, it);
  }
  for (const line of readFileSync(corpus, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const old = JSON.parse(line) as { source: string; text: string };
    const it = byText.get(old.text);
    if (!it || it.skipped > 0)
      throw new Error(`item not found in ${file}: ${old.text.slice(0, 80)}`);
    const cfrTitle = bareCfrTitle(it.labels);
    const options = cfrTitle !== undefined ? { options: { cfrTitle } } : {};
    const expected = namedActSections(old.text, it.labels);
    process.stdout.write(
      `${JSON.stringify({ source: old.source, text: old.text, expected, ...options })}\n`,
    );
  }
}

/// "--named-acts corpus.jsonl": `namedActSections` on the items as they are (the XML is
/// not kept here; every other label is left as it was).
function relabelNamedActs(corpus: string): void {
  for (const line of readFileSync(corpus, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const item = JSON.parse(line) as { text: string; expected: Label[] };
    const expected = namedActSections(item.text, item.expected);
    process.stdout.write(`${JSON.stringify({ ...item, expected })}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === "--named-acts") {
  relabelNamedActs(process.argv[3]!);
} else if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === "--relabel") {
  relabel(process.argv[3]!, process.argv[4]!, process.argv[5] === "enacted");
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, source, max, seed] = process.argv.slice(2);
  const lines = readFileSync(file!, "utf8").split("\n");
  const items = lines
    .filter((l) => l.includes("<ref href"))
    .map((l) => lineItem(l, process.argv[6] === "enacted"))
    .filter((i) => i.labels.length > 0 && i.skipped === 0 && i.text.length <= 4000);
  const r = rng(Number(seed ?? 1));
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  let n = 0;
  for (const it of items) {
    if (n >= Number(max ?? 200)) break;
    n += it.labels.length;
    const cfrTitle = bareCfrTitle(it.labels);
    const options = cfrTitle !== undefined ? { options: { cfrTitle } } : {};
    const expected = namedActSections(it.text, it.labels);
    process.stdout.write(`${JSON.stringify({ source, text: it.text, expected, ...options })}\n`);
  }
}
