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

/// Keys an href stands for (two for a section range), or null when the
/// scheme has no key for it (bills, reports, executive orders, whole titles).
export function keysForHref(href: string, text: string, after: string): string[] | null {
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
      const sec = b.slice(1);
      const range = rangeEnds(sec);
      if (range) return range.map((s) => `usc/${title}/${s}`);
      let key = [`usc/${title}/${sec.replace(/–/g, "-")}`, ...subs].join("/");
      if (/\bnote\s*$/.test(text) || /^\s*note\b/.test(after)) key += "/note";
      else if (etSeq || /^,?\s*et\.?\s+seq/.test(after) || /et\.?\s+seq\.?\s*$/.test(text))
        key += "/et-seq";
      return [key];
    }
    case "cfr": {
      if (!a?.startsWith("t") || !b) return null;
      const title = a.slice(1);
      if (b.startsWith("p")) return [`cfr/${title}/${b.slice(1)}`];
      if (!b.startsWith("s")) return null;
      const sec = b.slice(1);
      // GPO marks "240.19b–4(f)(6)(iii)" as s240.19b: the text has the whole number.
      const whole = new RegExp(
        `${sec.replace(".", "\\.")}[–-](\\d{1,3})((?:\\([a-z0-9]{1,4}\\))*)`,
      ).exec(text + after);
      if (whole && subs.length === 0) {
        const levels = whole[2] ? whole[2].slice(1, -1).split(")(") : [];
        return [[`cfr/${title}/${sec}-${whole[1]}`, ...levels].join("/")];
      }
      const range = /^(\d+\.\d+)[–-](\d+\.\d+)$/.exec(sec);
      if (range) return [`cfr/${title}/${range[1]}`, `cfr/${title}/${range[2]}`];
      return [[`cfr/${title}/${sec}`, ...subs].join("/")];
    }
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

/// The C.F.R. title a bare "§ 44.224" or "part 71" in the item means: the
/// document's own title, which an editor sets as `cfrTitle` for it.
function bareCfrTitle(labels: Label[]): number | undefined {
  const bare = labels.find(
    (l) => l.key.startsWith("cfr/") && !/CFR|C\.F\.R\.|Code of Federal Regulations/.test(l.text),
  );
  return bare ? Number(bare.key.split("/")[1]) : undefined;
}

const MEMBER =
  /^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(\d{1,6}(?:\.\d{1,5})?[a-z]{0,4}(?:[–-]\d{1,3}[a-z]?)?)((?:\([A-Za-z0-9]{1,4}\))*)(?![\w.–-])/;

/// "(16 U.S.C. 1, 2, 3, 4)", "(42 U.S.C. 5170 and 5191)": GPO tags only the
/// first member of a section list; the others are the same title's sections
/// and are labelled so (a plain-number member after a U.S.C. or dotted
/// C.F.R. section only; never across other words).
function listMembers(text: string, from: number, key: string, labels: Label[]): void {
  const [scheme, title, first] = key.split("/");
  if ((scheme !== "usc" && scheme !== "cfr") || !first) return;
  const dotted = first.includes(".");
  let at = from;
  for (let n = 0; n < 20; n++) {
    const m = MEMBER.exec(text.slice(at));
    if (!m) return;
    const sec = m[1]!.replace("–", "-");
    // A C.F.R. list keeps its form: sections after a section, parts after a part.
    if (scheme === "cfr" && sec.includes(".") !== dotted) return;
    const levels = m[2] ? m[2].slice(1, -1).split(")(") : [];
    const start = at + m[0].indexOf(m[1]!);
    labels.push({ text: m[1]! + m[2]!, at: start, key: [scheme, title, sec, ...levels].join("/") });
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
    const keys = keysForHref(p.href, t, text.slice(p.end, p.end + 40));
    if (!keys) {
      skipped++;
      continue;
    }
    for (const key of keys) labels.push({ text: t, at: p.at, key });
    listMembers(text, p.end, keys[keys.length - 1]!, labels);
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

if (import.meta.url === `file://${process.argv[1]}`) {
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
    process.stdout.write(
      `${JSON.stringify({ source, text: it.text, expected: it.labels, ...options })}\n`,
    );
  }
}
