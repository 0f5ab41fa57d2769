import { canonicalForKey, extractCitations } from "@glossa/citations";
import type { Authority, AuthorityInput, AuthorityKind } from "./types.ts";
import { AUTHORITY_KINDS } from "./types.ts";
import { isWellFormedKey, localKey, type ValidationIssue, validateAuthority } from "./validate.ts";

/// A CSL-JSON item as Zotero and citeproc read and write it (the fields Glossa uses).
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  "title-short"?: string;
  "container-title"?: string;
  authority?: string;
  jurisdiction?: string;
  volume?: string;
  page?: string;
  section?: string;
  number?: string;
  genre?: string;
  publisher?: string;
  issued?: { "date-parts": number[][] };
  URL?: string;
  abstract?: string;
  language?: string;
  note?: string;
}

/// A CSL item that could not be imported, with its position in the input.
export interface CslImportError {
  index: number;
  id?: string;
  message: string;
  issues?: ValidationIssue[];
}

/// The result of reading CSL-JSON: the good items as authority inputs ready
/// for `Catalog.add` (with their index in the input), and one error per bad item.
export interface CslImport {
  items: { index: number; authority: AuthorityInput }[];
  errors: CslImportError[];
}

const CSL_TYPE: Record<AuthorityKind, string> = {
  statute: "legislation",
  regulation: "regulation",
  treaty: "treaty",
  case: "legal_case",
  constitution: "legislation",
  "foreign-statute": "legislation",
  "foreign-constitution": "legislation",
  "soft-law": "document",
  report: "report",
  filing: "document",
  exhibit: "document",
  other: "document",
};

function issued(date: string | undefined): CslItem["issued"] | undefined {
  if (!date) return undefined;
  return { "date-parts": [date.split("-").map(Number)] };
}

/// Writes an authority as a CSL-JSON item. Zotero keeps the Glossa key, kind,
/// canonical form and jurisdiction in `note` (its "Extra" field), so an
/// export read back with `fromCsl` gives the same authority. Texts are not exported.
export function toCsl(a: Authority): CslItem {
  const item: CslItem = { id: a.key, type: CSL_TYPE[a.kind], title: a.caseName ?? a.title };
  const segs = a.key.split("/");
  switch (segs[0]) {
    case "case":
      item["container-title"] = segs[2];
      item.volume = segs[1];
      if (segs[3]) item.page = segs[3];
      if (a.court) item.authority = a.court;
      break;
    case "usc":
      item["container-title"] = "U.S.C.";
      item.volume = segs[1];
      item.section = `§ ${segs
        .slice(2)
        .filter((s) => s !== "note")
        .join("")}${segs.at(-1) === "note" ? " note" : ""}`;
      break;
    case "cfr":
      item["container-title"] = "C.F.R.";
      item.volume = segs[1];
      item.section = `§ ${segs[2]}`;
      break;
    case "pl": {
      item.number = `Pub. L. No. ${segs[1]}-${segs[2]}`;
      const stat = /(\d+) Stat\. ([\d-]+)/.exec(a.canonical);
      if (stat) Object.assign(item, { "container-title": "Stat.", volume: stat[1], page: stat[2] });
      break;
    }
    case "stat":
      Object.assign(item, { "container-title": "Stat.", volume: segs[1], page: segs[2] });
      break;
    case "treaty":
    case "mx": {
      const art = segs.find((s) => s.startsWith("art-"));
      if (art) item.section = `art. ${art.slice(4)}`;
      const unts = /(\d+) U\.N\.T\.S\. (\d+)/.exec(a.canonical);
      if (unts)
        Object.assign(item, { "container-title": "U.N.T.S.", volume: unts[1], page: unts[2] });
      break;
    }
  }
  if (a.kind === "filing" || a.kind === "exhibit") item.genre = a.kind;
  if (a.kind === "case" && !item.authority && a.court) item.authority = a.court;
  item.jurisdiction = a.jurisdiction;
  const when = issued(a.date ?? a.asOf);
  if (when) item.issued = when;
  const url = a.urls.find((u) => u.official) ?? a.urls[0];
  if (url) item.URL = url.url;
  if (a.summary) item.abstract = a.summary;
  if (a.text?.lang) item.language = a.text.lang;
  if (a.aliases?.length) item["title-short"] = a.aliases[0];
  // An imported item's own fields (its id and type, authors, publisher,
  // container and pages …) go back as Zotero gave them; the fields Glossa
  // holds (title, URL, date, abstract, short title) are never in `csl`.
  const { note: keptNote, ...own } = (a.csl ?? {}) as Record<string, unknown>;
  Object.assign(item, own);
  item.note = [
    ...(typeof keptNote === "string" && keptNote ? [keptNote] : []),
    ...(a.parallel ?? []).map((p) => `Parallel citation: ${p}`),
    `Glossa key: ${a.key}`,
    `Glossa kind: ${a.kind}`,
    `Glossa canonical: ${a.canonical}`,
    `Glossa jurisdiction: ${a.jurisdiction}`,
    ...(a.caseName ? [`Glossa title: ${a.title}`] : []),
  ].join("\n");
  return item;
}

/// Writes authorities as a CSL-JSON array.
export function authoritiesToCsl(authorities: readonly Authority[]): CslItem[] {
  return authorities.map(toCsl);
}

const KIND_OF_TYPE: Record<string, AuthorityKind> = {
  legal_case: "case",
  legislation: "statute",
  bill: "statute",
  regulation: "regulation",
  treaty: "treaty",
  report: "report",
  document: "other",
  hearing: "other",
  manuscript: "other",
  webpage: "other",
  "article-journal": "other",
  book: "other",
};

const str = (v: unknown): string | undefined =>
  typeof v === "string"
    ? v.trim() || undefined
    : typeof v === "number" && Number.isFinite(v)
      ? String(v)
      : undefined;

function noteFields(note: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (note ?? "").split(/\r?\n/)) {
    const m = /^\s*Glossa (key|kind|canonical|jurisdiction|title):\s*(.+?)\s*$/i.exec(line);
    if (m) out[m[1]!.toLowerCase()] = m[2]!;
  }
  return out;
}

function dateOf(v: unknown): string | undefined | null {
  if (v === undefined) return undefined;
  const parts = (v as { "date-parts"?: unknown })?.["date-parts"];
  if (!Array.isArray(parts) || !Array.isArray(parts[0])) {
    const raw = str((v as { raw?: unknown })?.raw);
    return raw && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(raw) ? raw : null;
  }
  const [y, m, d] = (parts[0] as unknown[]).map((x) => Number(x));
  if (!Number.isInteger(y)) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return [String(y).padStart(4, "0"), ...(m ? [pad(m)] : []), ...(m && d ? [pad(d)] : [])].join(
    "-",
  );
}

/// A citation-engine key for an item's citation fields, if the engine reads them.
function engineKey(kind: AuthorityKind, item: Record<string, unknown>): string | undefined {
  const container = str(item["container-title"]);
  const volume = str(item.volume);
  const cite =
    kind === "case" && volume && container && str(item.page)
      ? `${volume} ${container} ${str(item.page)!.split(/[-–,]/)[0]}`
      : (kind === "statute" || kind === "regulation") && volume && container && str(item.section)
        ? `${volume} ${container} ${/§/.test(str(item.section)!) ? "" : "§ "}${str(item.section)}`
        : undefined;
  if (!cite) return undefined;
  try {
    return extractCitations(cite)[0]?.key;
  } catch {
    return undefined;
  }
}

function canonicalOf(
  kind: AuthorityKind,
  item: Record<string, unknown>,
  title: string,
  date?: string,
): string {
  const container = str(item["container-title"]);
  const volume = str(item.volume);
  const page = str(item.page);
  const section = str(item.section);
  const year = date?.slice(0, 4);
  if (kind === "case") {
    const court = str(item.authority);
    const paren = [court && court !== "U.S." ? court : undefined, year].filter(Boolean).join(" ");
    return `${title}${volume && container && page ? `, ${volume} ${container} ${page}` : ""}${paren ? ` (${paren})` : ""}`;
  }
  if (volume && container && section) return `${volume} ${container} ${section}`;
  return `${[title, section].filter(Boolean).join(", ")}${year ? ` (${year})` : ""}`;
}

/// Reads CSL-JSON (an array of items, e.g. a Zotero export) into authority
/// inputs. Bad items are reported with their index and never stop the good
/// ones. Keys come from a Glossa note, else the citation engine reading the
/// item's citation fields, else `local/{kind}/{slug}`.
export function fromCsl(json: unknown): CslImport {
  const items = typeof json === "string" ? safeParse(json) : json;
  if (!Array.isArray(items)) {
    return { items: [], errors: [{ index: -1, message: "CSL-JSON must be an array of items." }] };
  }
  const out: CslImport["items"] = [];
  const errors: CslImportError[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of (items as unknown[]).entries()) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      errors.push({ index, message: "Item is not an object." });
      continue;
    }
    const item = raw as Record<string, unknown>;
    const id = str(item.id);
    const fail: Fail = (message, issues) => {
      errors.push({ index, ...(id ? { id } : {}), message, ...(issues ? { issues } : {}) });
      return null;
    };
    const input = authorityOf(item, id, seen, fail);
    if (!input) continue;
    seen.add(input.key);
    out.push({ index, authority: input });
  }
  return { items: out, errors };
}

/// Records why an item was refused; answers null.
type Fail = (message: string, issues?: ValidationIssue[]) => null;

/// The authority input one CSL item describes, or null once `fail` has said
/// why not (no type or title, an unreadable date, a key `seen` in this file,
/// an invalid authority).
function authorityOf(
  item: Record<string, unknown>,
  id: string | undefined,
  seen: ReadonlySet<string>,
  fail: Fail,
): AuthorityInput | null {
  const type = str(item.type);
  if (!type) return fail("Item has no type.");
  const glossa = noteFields(str(item.note));
  const title = glossa.title ?? str(item.title);
  if (!title) return fail("Item has no title.");
  const kind = kindOf(glossa, type, item);
  const date = dateOf(item.issued);
  if (date === null) return fail("Item has an unreadable issued date.");
  const derived = engineKey(kind, item);
  const key =
    (glossa.key && isWellFormedKey(glossa.key) ? glossa.key : undefined) ??
    (id &&
    isWellFormedKey(id) &&
    /^(usc|ina|cfr|case|treaty|mx|softlaw|pl|stat|fr|usconst|doc|local)\//.test(id)
      ? id
      : undefined) ??
    derived ??
    localKey(kind, title);
  if (seen.has(key)) return fail(`Another item in this file has the key "${key}".`);
  const url = str(item.URL);
  const input: AuthorityInput = {
    key,
    kind,
    title: str(item.title) && kind !== "case" ? str(item.title)! : title,
    canonical:
      glossa.canonical ??
      (derived === key && kind !== "case"
        ? canonicalForKey(derived)
        : canonicalOf(kind, item, str(item.title) ?? title, date)),
    jurisdiction: glossa.jurisdiction ?? str(item.jurisdiction) ?? "unspecified",
    urls: url ? [{ url, label: "Link" }] : [],
    sources: [
      { about: "record", source: `CSL-JSON import${id ? ` (item ${id})` : ""}`, mark: "team" },
    ],
  };
  addOptional(input, item, glossa, title, date);
  const issues = validateAuthority(input);
  if (issues.length)
    return fail(
      `Item is not a valid authority: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`,
      issues,
    );
  return input;
}

/// The kind a Glossa note names, a filing or exhibit document, else the
/// kind of the CSL type.
function kindOf(
  glossa: Record<string, string>,
  type: string,
  item: Record<string, unknown>,
): AuthorityKind {
  return glossa.kind && (AUTHORITY_KINDS as readonly string[]).includes(glossa.kind)
    ? (glossa.kind as AuthorityKind)
    : type === "document" && (item.genre === "filing" || item.genre === "exhibit")
      ? item.genre
      : (KIND_OF_TYPE[type] ?? "other");
}

/// The fields an item may add: case name, date, court, summary, short
/// title, parallel citations, CSL fields Glossa keeps as they are.
function addOptional(
  input: AuthorityInput,
  item: Record<string, unknown>,
  glossa: Record<string, string>,
  title: string,
  date: string | undefined,
): void {
  const kind = input.kind;
  if (glossa.title) {
    input.title = glossa.title;
    input.caseName = str(item.title)!;
  } else if (kind === "case") input.caseName = title;
  if (date) input.date = date;
  const court = str(item.authority);
  if (kind === "case" && court) input.court = court;
  const abstract = str(item.abstract);
  if (abstract) input.summary = abstract;
  const short = str(item["title-short"]);
  if (short) input.aliases = [short];
  const parallel = parallelOf(item);
  if (parallel.length) input.parallel = parallel;
  const own = ownFields(item);
  if (own) input.csl = own;
}

/// Parallel citations of an item: `Parallel citation:` (or `Also cited as:`)
/// lines of its note (Zotero's Extra), `;`-separated, and CSL `references`
/// read by the citation engine.
function parallelOf(item: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const line of (str(item.note) ?? "").split(/\r?\n/)) {
    const m = /^\s*(?:parallel citations?|also cited as)\s*:\s*(.+?)\s*$/i.exec(line);
    if (m) for (const c of m[1]!.split(";")) if (c.trim()) out.push(c.trim());
  }
  return [...new Set(out)];
}

/// Keys never copied from input into an object (prototype pollution).
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/// Fields Glossa derives or models itself, not kept in `csl`.
const MODELLED = new Set(["title", "URL", "abstract", "issued", "title-short"]);

/// The item's fields Glossa does not model, kept verbatim (its note without
/// the lines Glossa reads); undefined when there are none.
function ownFields(item: Record<string, unknown>): Record<string, unknown> | undefined {
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (MODELLED.has(k) || v === undefined || v === null || UNSAFE_KEYS.has(k)) continue;
    if (k === "note") {
      const rest = String(v)
        .split(/\r?\n/)
        .filter(
          (l) =>
            !/^\s*Glossa (key|kind|canonical|jurisdiction|title):/i.test(l) &&
            !/^\s*(?:parallel citations?|also cited as)\s*:/i.test(l),
        )
        .join("\n")
        .trim();
      if (rest) own.note = rest;
      continue;
    }
    own[k] = structuredClone(v);
  }
  return Object.keys(own).length ? own : undefined;
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
