import { tryCanonicalForKey, tryUrlsForKey } from "@glossa/citations";
import { builtinCatalog, type Catalog } from "./catalog.ts";
import { citationOf } from "./cite.ts";
import { crosswalkKey, inaCanonical, kindForKey, unwrapKey } from "./keys.ts";
import type { AuthorityKind } from "./types.ts";

/// One place a document relies on an authority: a citation or a link, with
/// the document paragraph (¶) it sits in.
export interface ToaInput {
  key: string;
  canonical?: string;
  kind?: AuthorityKind;
  paragraph: number;
}

/// The groups of a table of authorities, in the order courts expect.
export const TOA_GROUPS = [
  { id: "cases", heading: "Cases", kinds: ["case"] },
  { id: "constitutional", heading: "Constitutional Provisions", kinds: ["constitution"] },
  { id: "statutes", heading: "Statutes", kinds: ["statute"] },
  { id: "regulations", heading: "Regulations", kinds: ["regulation"] },
  {
    id: "treaties",
    heading: "Treaties and International Instruments",
    kinds: ["treaty", "soft-law"],
  },
  { id: "foreign", heading: "Foreign Law", kinds: ["foreign-constitution", "foreign-statute"] },
  { id: "other", heading: "Other Authorities", kinds: ["report", "filing", "exhibit", "other"] },
] as const satisfies readonly { id: string; heading: string; kinds: readonly AuthorityKind[] }[];
export type ToaGroupId = (typeof TOA_GROUPS)[number]["id"];

/// One authority in the table. `label` is its citation at the cited level;
/// `alsoCitedAs` holds other forms merged into it (`INA § 235(b)(2)(C)` beside
/// `8 U.S.C. § 1225(b)(2)(C)`); `display` joins them. `refs` is `¶ 2`,
/// `¶¶ 2, 4–6` or `passim`. `known` is false when the catalog lacks the authority.
export interface ToaEntry {
  key: string;
  label: string;
  alsoCitedAs: string[];
  display: string;
  caseName?: string;
  paragraphs: number[];
  passim: boolean;
  refs: string;
  url?: string;
  known: boolean;
}

/// A heading of the table and its entries, alphabetical (cases by name,
/// codes in numeric order).
export interface ToaGroup {
  id: ToaGroupId;
  heading: string;
  entries: ToaEntry[];
}

/// A table of authorities: only groups with entries, in court order.
export interface TableOfAuthorities {
  groups: ToaGroup[];
  passimAfter: number;
}

/// Options for `tableOfAuthorities`.
export interface ToaOptions {
  /// An authority cited in more than this many distinct paragraphs shows "passim" (default 5).
  passimAfter?: number;
  catalog?: Catalog;
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/// Formats paragraph numbers: `¶ 3`, `¶¶ 2, 4–6` (runs of three or more become ranges).
export function formatParagraphs(paragraphs: readonly number[]): string {
  const ps = [...new Set(paragraphs)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < ps.length; ) {
    let j = i;
    while (j + 1 < ps.length && ps[j + 1] === ps[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${ps[i]}–${ps[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(ps[k]));
    i = j + 1;
  }
  return `${ps.length > 1 ? "¶¶" : "¶"} ${parts.join(", ")}`;
}

const engineCanonical = (key: string): string | undefined => tryCanonicalForKey(key) ?? undefined;

const engineUrl = (key: string): string | undefined => tryUrlsForKey(key)?.[0];

/// Builds the table of authorities from the places a document cites or links
/// authorities. Keys resolve through the catalog, so INA and 8 U.S.C. cites of
/// one provision merge into one entry; case pinpoints merge into the case.
/// Throws a RangeError for a paragraph that is not a positive integer.
export function tableOfAuthorities(
  inputs: readonly ToaInput[],
  options: ToaOptions = {},
): TableOfAuthorities {
  const catalog = options.catalog ?? builtinCatalog();
  const passimAfter = options.passimAfter ?? 5;
  const entries = new Map<string, { entry: ToaEntry; kind: AuthorityKind; sortKey: string }>();
  for (const input of inputs) {
    if (!Number.isInteger(input.paragraph) || input.paragraph < 1)
      throw new RangeError(
        `Paragraph ${input.paragraph} of "${input.key}" is not a positive integer.`,
      );
    const key = unwrapKey(input.key);
    const res = catalog.resolve(key);
    let id: string;
    let kind: AuthorityKind;
    let label: string;
    let caseName: string | undefined;
    let url: string | undefined;
    if (res) {
      kind = res.authority.kind;
      caseName = res.authority.caseName;
      // A case is one entry whatever page is cited; a provision is listed at the level cited.
      const pin = kind === "case" ? [] : res.pinpoint;
      id = [res.key, ...pin].join("/");
      label = kind === "case" ? res.authority.canonical : citationOf(res);
      const urls = pin.length ? res.urls : res.authority.urls;
      url = (urls.find((u) => u.official) ?? urls[0])?.url;
    } else {
      id = key.startsWith("ina/") ? (crosswalkKey(key) ?? key) : key;
      kind = input.kind ?? kindForKey(key) ?? "other";
      label = engineCanonical(id) ?? input.canonical ?? key;
      url = engineUrl(id);
    }
    const alsoCitedAs: string[] = [];
    const ina = id.startsWith("usc/8/") ? inaCanonical(id) : undefined;
    if (ina) alsoCitedAs.push(ina);
    let slot = entries.get(id);
    if (!slot) {
      const entry: ToaEntry = {
        key: id,
        label,
        alsoCitedAs,
        display: alsoCitedAs.length ? `${label} (${alsoCitedAs.join("; ")})` : label,
        paragraphs: [],
        passim: false,
        refs: "",
        known: Boolean(res),
      };
      if (caseName) entry.caseName = caseName;
      if (url) entry.url = url;
      slot = { entry, kind, sortKey: caseName ? `${caseName} ${label}` : label };
      entries.set(id, slot);
    }
    if (!slot.entry.paragraphs.includes(input.paragraph))
      slot.entry.paragraphs.push(input.paragraph);
  }
  const groups: ToaGroup[] = [];
  for (const g of TOA_GROUPS) {
    const inGroup = [...entries.values()].filter((s) =>
      (g.kinds as readonly string[]).includes(s.kind),
    );
    if (!inGroup.length) continue;
    inGroup.sort((a, b) => collator.compare(a.sortKey, b.sortKey));
    for (const { entry } of inGroup) {
      entry.paragraphs.sort((a, b) => a - b);
      entry.passim = entry.paragraphs.length > passimAfter;
      entry.refs = entry.passim ? "passim" : formatParagraphs(entry.paragraphs);
    }
    groups.push({ id: g.id, heading: g.heading, entries: inGroup.map((s) => s.entry) });
  }
  return { groups, passimAfter };
}

/// A run of text in a rendered entry; case names are italic.
export interface ToaRun {
  text: string;
  italic?: boolean;
}

/// The table as a flat list of blocks for document writers (the server's
/// DOCX export): a title, group headings, and entries as runs plus their
/// references (to set after a dot-leader tab) and link.
export type ToaBlock =
  | { type: "title"; text: string }
  | { type: "heading"; group: ToaGroupId; text: string }
  | { type: "entry"; group: ToaGroupId; key: string; runs: ToaRun[]; refs: string; url?: string };

function runs(entry: ToaEntry): ToaRun[] {
  if (entry.caseName && entry.display.startsWith(entry.caseName)) {
    return [
      { text: entry.caseName, italic: true },
      { text: entry.display.slice(entry.caseName.length) },
    ];
  }
  return [{ text: entry.display }];
}

/// The table as blocks (see `ToaBlock`).
export function toaToBlocks(toa: TableOfAuthorities, title = "Table of Authorities"): ToaBlock[] {
  const out: ToaBlock[] = [{ type: "title", text: title }];
  for (const g of toa.groups) {
    out.push({ type: "heading", group: g.id, text: g.heading });
    for (const e of g.entries) {
      const block: ToaBlock = {
        type: "entry",
        group: g.id,
        key: e.key,
        runs: runs(e),
        refs: e.refs,
      };
      if (e.url) block.url = e.url;
      out.push(block);
    }
  }
  return out;
}

const ESC: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
/// Escapes text for HTML element content and attribute values.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/// The table as an HTML fragment: escaped, case names in `<i>`, each entry
/// linked to its official text, references in `<span class="toa-refs">`.
export function toaToHtml(toa: TableOfAuthorities, title = "Table of Authorities"): string {
  const lines = [`<section class="toa">`, `<h2>${escapeHtml(title)}</h2>`];
  for (const g of toa.groups) {
    lines.push(
      `<section class="toa-group" data-group="${g.id}">`,
      `<h3>${escapeHtml(g.heading)}</h3>`,
      "<ul>",
    );
    for (const e of g.entries) {
      const body = runs(e)
        .map((r) => (r.italic ? `<i>${escapeHtml(r.text)}</i>` : escapeHtml(r.text)))
        .join("");
      const safe = e.url && /^https?:\/\//.test(e.url) ? e.url : undefined;
      const cite = safe ? `<a href="${escapeHtml(safe)}">${body}</a>` : body;
      lines.push(
        `<li data-key="${escapeHtml(e.key)}">${cite} <span class="toa-refs">${escapeHtml(e.refs)}</span></li>`,
      );
    }
    lines.push("</ul>", "</section>");
  }
  lines.push("</section>");
  return lines.join("\n");
}

/// The table as plain text, one entry a line with its references after a tab.
export function toaToText(toa: TableOfAuthorities, title = "Table of Authorities"): string {
  const lines = [title.toUpperCase(), ""];
  for (const g of toa.groups) {
    lines.push(g.heading);
    for (const e of g.entries) lines.push(`  ${e.display}\t${e.refs}`);
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}
