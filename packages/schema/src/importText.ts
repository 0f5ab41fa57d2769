import type { Node } from "prosemirror-model";
import { schema } from "./schema.ts";

/// What the importer learned about a letter besides its content.
export interface ImportedLetter {
  doc: Node;
  title: string;
  /// ISO date (YYYY-MM-DD) of the date line, when one was found.
  date: string | null;
  signatories: string[];
  addressees: { name: string | null; office: string | null; copy: boolean }[];
  /// Lines that were dropped as web-page navigation.
  dropped: string[];
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MESES = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
];

/// Reads "December 21, 2018", "21 December 2018", "21 de diciembre de 2018"
/// or "2018-12-21"; returns YYYY-MM-DD or null.
export function parseDateLine(line: string): string | null {
  const s = line.trim().toLowerCase();
  const pad = (n: number) => String(n).padStart(2, "0");
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (iso) return s;
  let m = /^([a-z]+)\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m && MONTHS.includes(m[1]!))
    return `${m[3]}-${pad(MONTHS.indexOf(m[1]!) + 1)}-${pad(Number(m[2]))}`;
  m = /^(\d{1,2})\s+(?:de\s+)?([a-z]+)\s+(?:de\s+)?(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.includes(m[2]!) ? MONTHS.indexOf(m[2]!) : MESES.indexOf(m[2]!);
    if (month >= 0) return `${m[3]}-${pad(month + 1)}-${pad(Number(m[1]))}`;
  }
  return null;
}

const NAVIGATION = /^(go to\b|back to\b|home$|skip to\b|menu$|press releases?$|share\b|print$)/i;
const SALUTATION = /^(dear|to whom|estimad[oa]s?|señor|señora|sr\.|sra\.)\b.*[:,]$/i;
const CLOSING =
  /^(sincerely|respectfully|regards|yours|atentamente|cordialmente|we are grateful|thank you)/i;
const OFFICE_TITLE =
  /^((?:President|Vice President|Secretary|Undersecretary|Minister|Ambassador|Commissioner|Director|Governor|Senator|Representative|Attorney General|Judge)(?: of(?: the)? (?:Foreign Affairs|Homeland Security|[A-Z][a-z]+))?)\s+(.+)$/;

/// Splits an addressee line into name and office: "Name, Office, Body" or
/// "Office Name" ("Secretary of the Interior Olga Sanchez Cordero").
export function parseAddressee(line: string): { name: string | null; office: string | null } {
  const comma = line.indexOf(",");
  if (comma > 0) return { name: line.slice(0, comma).trim(), office: line.slice(comma + 1).trim() };
  const m = OFFICE_TITLE.exec(line.trim());
  if (m) return { office: m[1]!, name: m[2]! };
  return { name: line.trim(), office: null };
}

const paragraphsOf = (section: string) =>
  section
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/[ \t]+\n/g, "\n").trim())
    .filter((p) => p.length > 0);

function inline(text: string) {
  // Single newlines inside a paragraph are hard breaks, not new paragraphs.
  const parts = text.split("\n");
  const out: Node[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(schema.nodes.hard_break!.create());
    if (part) out.push(schema.text(part));
  });
  return out;
}

/// Imports a letter given as plain text into a structured document.
///
/// Sections of the text are separated by two or more blank lines, paragraphs
/// by one. The first section holds the title, the date line, the salutation
/// and the body; a short closing section follows; then the signatories (one
/// per paragraph), then the addressees, then those the letter is copied to.
/// Leading web-page navigation lines ("Go to Press Releases library") are
/// dropped and reported in `dropped`. Text that matches none of these forms
/// is kept as ordinary paragraphs: the importer never loses text.
export function importLetter(text: string): ImportedLetter {
  const normalized = text.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  const sections = normalized
    .split(/\n[ \t]*\n(?:[ \t]*\n)+/)
    .map(paragraphsOf)
    .filter((s) => s.length > 0);
  if (sections.length === 0) throw new RangeError("The text to import is empty.");

  const blocks: Node[] = [];
  const dropped: string[] = [];
  const n = schema.nodes;
  let title = "";
  let date: string | null = null;
  const signatories: string[] = [];
  const addressees: ImportedLetter["addressees"] = [];

  const first = dropNavigation(sections[0]!, dropped);
  let seenSalutation = false;
  for (const para of first) {
    const iso: string | null = !date && !seenSalutation ? parseDateLine(para) : null;
    if (!title && !iso && !SALUTATION.test(para) && !para.includes("\n") && para.length < 300) {
      title = para;
      blocks.push(n.title!.create(null, inline(para)));
    } else if (iso) {
      date = iso;
      blocks.push(n.date_line!.create({ iso }, inline(para)));
    } else if (!seenSalutation && SALUTATION.test(para)) {
      seenSalutation = true;
      blocks.push(n.salutation!.create(null, inline(para)));
    } else {
      blocks.push(n.paragraph!.create(null, inline(para)));
    }
  }

  // Later sections: a closing, then signatories, then addressees, then copies.
  let stage: "closing" | "signatories" | "addressees" | "copies" | "done" = "closing";
  for (const section of sections.slice(1)) {
    if (
      stage === "closing" &&
      section.length === 1 &&
      (CLOSING.test(section[0]!) || sections.length >= 4)
    ) {
      blocks.push(n.closing!.create(null, inline(section[0]!)));
      stage = "signatories";
      continue;
    }
    if (stage === "closing") stage = "signatories";
    if (stage === "signatories") {
      for (const para of section) {
        const abbr = /\(([A-Z][A-Za-z&.]{1,9})\)\s*$/.exec(para);
        signatories.push(para);
        blocks.push(n.signatory!.create({ abbreviation: abbr?.[1] ?? null }, inline(para)));
      }
      stage = "addressees";
      continue;
    }
    if (stage === "addressees" || stage === "copies") {
      const copy: boolean = stage === "copies";
      for (const para of section) {
        const parsed = parseAddressee(para);
        addressees.push({ ...parsed, copy });
        blocks.push(n.addressee!.create({ ...parsed, copy }, inline(para)));
      }
      stage = copy ? "done" : "copies";
      continue;
    }
    for (const para of section) blocks.push(n.paragraph!.create(null, inline(para)));
  }

  const doc = n.doc!.create(null, blocks.length ? blocks : [n.paragraph!.create()]);
  doc.check();
  return { doc, title, date, signatories, addressees, dropped };
}

/// The first section's paragraphs without the navigation lines of a web page
/// that come before the title (short and unpunctuated); those go to `dropped`.
function dropNavigation(section: readonly string[], dropped: string[]): string[] {
  const first = [...section];
  while (first.length > 0) {
    const lines = first[0]!.split("\n");
    const nav = lines.filter((l) => NAVIGATION.test(l.trim()));
    if (nav.length === 0) break;
    dropped.push(...nav);
    const rest = lines
      .filter((l) => !NAVIGATION.test(l.trim()))
      .join("\n")
      .trim();
    if (rest) first[0] = rest;
    else first.shift();
  }
  return first;
}

/// Imports arbitrary plain text: one paragraph per blank-line-separated block,
/// the first short line as title. Used for documents that are not letters.
export function importPlainText(text: string, title?: string): Node {
  const paras = paragraphsOf(text.replace(/\r\n?/g, "\n"));
  const n = schema.nodes;
  const blocks: Node[] = [];
  if (title) blocks.push(n.title!.create(null, inline(title)));
  for (const p of paras) blocks.push(n.paragraph!.create(null, inline(p)));
  return n.doc!.create(null, blocks.length ? blocks : [n.paragraph!.create()]);
}

/// The date a document speaks from: its first top-level date line, read by
/// `parseDateLine` (so an edited date counts), else the line's imported `iso`;
/// null without a readable date line. The citation engine reads renumbered
/// provisions as they stood on this date.
export function documentDate(doc: Node): string | null {
  for (let i = 0; i < doc.childCount; i++) {
    const node = doc.child(i);
    if (node.type.name !== "date_line") continue;
    const iso = node.attrs.iso as string | null;
    return parseDateLine(node.textContent) ?? (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : null);
  }
  return null;
}
