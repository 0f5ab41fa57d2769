import { extractCitations } from "@glossa/citations";
import { AUTHORITY_KINDS, type Authority, type AuthorityInput, type TextNode } from "./types.ts";

/// One problem with an authority a caller tried to store.
export interface ValidationIssue {
  path: string;
  message: string;
}

/// Thrown by `Catalog` writes. `code` tells the API which status to send:
/// `invalid` (400), `not-found` (404), `conflict` (409), `read-only` (403
/// for built-in entries), `forbidden` (403: a team authority someone else
/// added, which only they and the administrator may change).
export class CatalogError extends Error {
  readonly code: "invalid" | "not-found" | "conflict" | "read-only" | "forbidden";
  readonly issues: ValidationIssue[];
  constructor(code: CatalogError["code"], message: string, issues: ValidationIssue[] = []) {
    super(message);
    this.name = "CatalogError";
    this.code = code;
    this.issues = issues;
  }
}

const FIELDS = new Set([
  "key",
  "kind",
  "title",
  "canonical",
  "equivalents",
  "aliases",
  "citationForms",
  "jurisdiction",
  "date",
  "asOf",
  "parent",
  "caseName",
  "court",
  "urls",
  "text",
  "summary",
  "sources",
  "parallel",
  "csl",
]);

/// Largest `csl` bag, as JSON.
const MAX_CSL_FIELDS = 20_000;
const MARKS = new Set(["verified", "recollection", "concordance", "team"]);

/// True for a well-formed key: `/`-separated non-empty segments, no
/// surrounding or doubled spaces, no control characters, at most 300 chars.
export function isWellFormedKey(key: unknown): key is string {
  return (
    typeof key === "string" &&
    key.length > 0 &&
    key.length <= 300 &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
    !/[\u0000-\u001f\u007f]/.test(key) &&
    key.split("/").every((seg) => seg.length > 0 && seg === seg.trim() && !/\s{2}/.test(seg)) &&
    key.includes("/")
  );
}

function isDate(s: unknown): boolean {
  if (typeof s !== "string") return false;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo && (+mo < 1 || +mo > 12)) return false;
  if (d) {
    const days = new Date(Date.UTC(+y!, +mo!, 0)).getUTCDate();
    if (+d < 1 || +d > days) return false;
  }
  return true;
}

function text(
  v: unknown,
  path: string,
  issues: ValidationIssue[],
  max: number,
  required = true,
): void {
  if (v === undefined && !required) return;
  if (typeof v !== "string" || !v.trim())
    issues.push({ path, message: "must be a non-empty string" });
  else if (v.length > max) issues.push({ path, message: `must be at most ${max} characters` });
}

function stringArray(
  v: unknown,
  path: string,
  issues: ValidationIssue[],
  check?: (s: string) => string | null,
): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    issues.push({ path, message: "must be an array of strings" });
    return;
  }
  v.forEach((s, i) => {
    if (typeof s !== "string" || !s.trim())
      issues.push({ path: `${path}[${i}]`, message: "must be a non-empty string" });
    else {
      const problem = check?.(s);
      if (problem) issues.push({ path: `${path}[${i}]`, message: problem });
    }
  });
}

/// An authority's notes on where its facts come from.
function sourceNotes(v: unknown, issues: ValidationIssue[]): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    issues.push({ path: "sources", message: "must be an array" });
    return;
  }
  v.forEach((s: Record<string, unknown>, i) => {
    const p = `sources[${i}]`;
    if (!s || typeof s !== "object") {
      issues.push({ path: p, message: "must be an object { about, source, mark }" });
      return;
    }
    text(s.about, `${p}.about`, issues, 500);
    text(s.source, `${p}.source`, issues, 2000);
    if (!MARKS.has(s.mark as string))
      issues.push({
        path: `${p}.mark`,
        message: "must be verified, recollection, concordance or team",
      });
  });
}

/// An authority's links: absolute http(s) URLs with a label.
function urlList(v: unknown, issues: ValidationIssue[]): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    issues.push({ path: "urls", message: "must be an array" });
    return;
  }
  v.forEach((u: Record<string, unknown>, i) => {
    const p = `urls[${i}]`;
    if (!u || typeof u !== "object") {
      issues.push({ path: p, message: "must be an object { url, label }" });
      return;
    }
    let ok = false;
    try {
      ok = typeof u.url === "string" && /^https?:$/.test(new URL(u.url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) issues.push({ path: `${p}.url`, message: "must be an absolute http(s) URL" });
    text(u.label, `${p}.label`, issues, 200);
  });
}

/// At most this many short citation forms per authority.
export const MAX_CITATION_FORMS = 10;

/// A team's short citation forms: 2–40 characters with a letter, on one line,
/// each new to the authority and not a citation the engine already reads
/// (`8 U.S.C.`, `Id.` would change what every document's citations mean).
function citationForms(v: unknown, issues: ValidationIssue[]): void {
  const seen = new Set<string>();
  stringArray(v, "citationForms", issues, (s) => {
    const f = s.trim();
    if (f.length < 2 || f.length > 40) return "must be 2 to 40 characters";
    if (!/\p{L}/u.test(f) || /\p{Cc}/u.test(f)) return "must be one line with a letter";
    if (seen.has(f)) return "is listed twice";
    seen.add(f);
    const read = [f, `${f} 12`].some((probe) =>
      extractCitations(probe).some((c) => c.start < f.length),
    );
    if (read) return "is already read as a citation by Glossa";
    return null;
  });
  if (Array.isArray(v) && v.length > MAX_CITATION_FORMS)
    issues.push({
      path: "citationForms",
      message: `must list at most ${MAX_CITATION_FORMS} forms`,
    });
}

function nodes(v: unknown, path: string, issues: ValidationIssue[]): void {
  if (!Array.isArray(v)) {
    issues.push({ path, message: "must be an array of text nodes" });
    return;
  }
  const seen = new Set<string>();
  v.forEach((n: Partial<TextNode>, i) => {
    const p = `${path}[${i}]`;
    if (!n || typeof n !== "object") {
      issues.push({ path: p, message: "must be an object" });
      return;
    }
    if (typeof n.label !== "string" || !/^[\w.-]{1,16}$/.test(n.label))
      issues.push({ path: `${p}.label`, message: "must be 1–16 letters, digits, '.', '-' or '_'" });
    else if (seen.has(n.label))
      issues.push({ path: `${p}.label`, message: `repeats the sibling label "${n.label}"` });
    else seen.add(n.label);
    for (const f of ["marker", "heading", "text"] as const) {
      if (n[f] !== undefined && typeof n[f] !== "string")
        issues.push({ path: `${p}.${f}`, message: "must be a string" });
    }
    if (n.children !== undefined) nodes(n.children, `${p}.children`, issues);
  });
}

/// Checks an authority a caller wants to store and lists every problem found
/// (never just the first). Accepts `AuthorityInput`-shaped data from JSON.
export function validateAuthority(
  input: unknown,
  { builtin = false }: { builtin?: boolean } = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    return [{ path: "", message: "must be an object" }];
  }
  const a = input as Record<string, unknown>;
  for (const f of Object.keys(a)) {
    if (!FIELDS.has(f) && f !== "origin")
      issues.push({ path: f, message: "is not a field of an authority" });
  }
  if (!isWellFormedKey(a.key))
    issues.push({
      path: "key",
      message: "must be a key such as `usc/8/1225` or `local/exhibit/declaration-a`",
    });
  if (!AUTHORITY_KINDS.includes(a.kind as never))
    issues.push({ path: "kind", message: `must be one of ${AUTHORITY_KINDS.join(", ")}` });
  text(a.title, "title", issues, 500);
  text(a.canonical, "canonical", issues, 1000);
  text(a.jurisdiction, "jurisdiction", issues, 40);
  text(a.summary, "summary", issues, 4000, false);
  text(a.caseName, "caseName", issues, 500, false);
  text(a.court, "court", issues, 200, false);
  for (const f of ["date", "asOf"] as const) {
    if (a[f] !== undefined && !isDate(a[f]))
      issues.push({ path: f, message: "must be a date YYYY, YYYY-MM or YYYY-MM-DD" });
  }
  if (a.parent !== undefined && !isWellFormedKey(a.parent))
    issues.push({ path: "parent", message: "must be a key" });
  stringArray(a.equivalents, "equivalents", issues, (s) =>
    isWellFormedKey(s) ? (s === a.key ? "repeats the key" : null) : "must be a key",
  );
  stringArray(a.aliases, "aliases", issues);
  citationForms(a.citationForms, issues);
  stringArray(a.parallel, "parallel", issues);
  if (a.csl !== undefined) {
    if (!a.csl || typeof a.csl !== "object" || Array.isArray(a.csl))
      issues.push({ path: "csl", message: "must be an object of CSL-JSON fields" });
    else if (JSON.stringify(a.csl).length > MAX_CSL_FIELDS)
      issues.push({ path: "csl", message: `must be at most ${MAX_CSL_FIELDS} characters of JSON` });
  }
  urlList(a.urls, issues);
  sourceNotes(a.sources, issues);
  if (a.text !== undefined) {
    const t = a.text as Record<string, unknown>;
    if (!t || typeof t !== "object")
      issues.push({ path: "text", message: "must be an object { scope, lang, nodes }" });
    else {
      if (t.scope !== "full" && t.scope !== "excerpt")
        issues.push({ path: "text.scope", message: "must be full or excerpt" });
      text(t.lang, "text.lang", issues, 20);
      if (t.intro !== undefined && typeof t.intro !== "string")
        issues.push({ path: "text.intro", message: "must be a string" });
      if (t.heading !== undefined && typeof t.heading !== "string")
        issues.push({ path: "text.heading", message: "must be a string" });
      nodes(t.nodes, "text.nodes", issues);
      if (t.provenance !== undefined) provenance(t.provenance, issues, builtin);
    }
  }
  return issues;
}

// A team may say where its text came from, but only a test in the
// repository can make a text `verified` (packages/sources/src/provenance.ts):
// `builtin` is for the catalog's own texts, whose verified status names the
// fixture tests/sources/provenance.test.ts compares them with.
function provenance(p: unknown, issues: ValidationIssue[], builtin: boolean): void {
  if (!p || typeof p !== "object" || Array.isArray(p)) {
    issues.push({
      path: "text.provenance",
      message: "must be an object { status, source, version }",
    });
    return;
  }
  const v = p as Record<string, unknown>;
  if (builtin && v.status === "verified") {
    if (typeof v.fixture !== "string" || !v.fixture)
      issues.push({
        path: "text.provenance.fixture",
        message: "a verified text names its fixture",
      });
  } else if (v.status !== "unverified")
    issues.push({
      path: "text.provenance.status",
      message: "must be unverified: only built-in texts compared by a test are verified",
    });
  text(v.source, "text.provenance.source", issues, 2000);
  text(v.version, "text.provenance.version", issues, 200);
  text(v.url, "text.provenance.url", issues, 2000, false);
  text(v.note, "text.provenance.note", issues, 2000, false);
  if (v.fixture !== undefined && !builtin)
    issues.push({ path: "text.provenance.fixture", message: "is for built-in texts only" });
  if (v.mayBeOutdated !== undefined && typeof v.mayBeOutdated !== "boolean")
    issues.push({ path: "text.provenance.mayBeOutdated", message: "must be true or false" });
}

/// Validates `input` and returns it as a team `Authority`, or throws a
/// `CatalogError` (`invalid`) listing every problem.
export function toTeamAuthority(input: AuthorityInput | unknown): Authority {
  const issues = validateAuthority(input);
  if (issues.length) {
    const key = (input as { key?: unknown } | null)?.key;
    const name = typeof key === "string" ? ` "${key}"` : "";
    throw new CatalogError(
      "invalid",
      `Invalid authority${name}: ${issues.map((i) => (i.path ? `${i.path} ${i.message}` : i.message)).join("; ")}.`,
      issues,
    );
  }
  const a = structuredClone(input) as AuthorityInput & { origin?: unknown };
  delete a.origin;
  return { ...a, urls: a.urls ?? [], sources: a.sources ?? [], origin: "team" };
}

/// A key for team material with no citation-engine key: `local/{kind}/{slug}`.
export function localKey(kind: Authority["kind"], title: string): string {
  const slug =
    title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "untitled";
  return `local/${kind}/${slug}`;
}
