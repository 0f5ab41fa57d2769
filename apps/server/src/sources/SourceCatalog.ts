import { extractCitations } from "@glossa/citations";
import {
  AUTHORITY_KINDS,
  type Authority,
  type AuthorityKind,
  Catalog,
  CatalogError,
  type CslImportError,
  fromCsl,
  localKey,
} from "@glossa/sources";
import { log } from "../log.ts";
import type { Store } from "../storage/index.ts";

/// Settings key under which team authorities are stored, as JSON.
export const TEAM_SOURCES_SETTING = "sources.team";

/// Most team authorities one instance keeps.
export const MAX_TEAM_AUTHORITIES = 5000;

/// Who added a team authority, and when; who last edited it.
export interface Provenance {
  addedBy: { id: string; name: string };
  addedAt: string;
  editedBy?: { id: string; name: string };
  editedAt?: string;
}

/// A team authority deleted from the catalog. Its record is kept so that
/// annotations linking to it still read as what they cited (title,
/// citation, URL), without a scan of every document at delete time; search
/// and lists no longer show it, and adding the key again replaces it.
export interface Retired extends Provenance {
  authority: Authority;
  deletedBy: { id: string; name: string };
  deletedAt: string;
}

/// Most deleted authorities kept readable; the oldest go first.
export const MAX_RETIRED = 5000;

interface StoredTeam {
  version: 1;
  entries: (Provenance & { authority: Authority })[];
  retired?: Retired[];
}

type Person = { id: string; name: string };

/// Whose team authorities a writer may edit and delete: `any` (the
/// administrator, the command line on the server) or `own` (those the
/// writer added; everyone else who curates).
export type Reach = "any" | "own";

/// The server's catalog of authorities: the built-in set plus the team's own,
/// persisted as one JSON value in the store's settings (so the CLI and every
/// server process sharing the store see the same list). Each read checks the
/// stored value and rebuilds the catalog when another process changed it;
/// writes are serialised within a process and compare-and-set across them.
export class SourceCatalog {
  private raw: string | null | undefined = undefined;
  private current = new Catalog();
  private provenance = new Map<string, Provenance>();
  private retired = new Map<string, Retired>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /// The catalog as stored now.
  async catalog(): Promise<Catalog> {
    const raw = await this.store.getSetting(TEAM_SOURCES_SETTING);
    if (raw !== this.raw) this.load(raw);
    return this.current;
  }

  /// Who added the team authority `key`, if it is one.
  provenanceOf(key: string): Provenance | undefined {
    return this.provenance.get(key);
  }

  /// Whether `userId` may edit and delete the team authority `key` with
  /// `reach` (false for built-ins and unknown keys). Reads the provenance
  /// as last loaded: call `catalog()` first.
  mayChange(key: string, userId: string, reach: Reach): boolean {
    const p = this.provenance.get(key);
    return !!p && (reach === "any" || p.addedBy.id === userId);
  }

  /// Refuses an edit or delete of `key` by someone who did not add it.
  private checkReach(key: string, by: Person, reach: Reach, verb: "edit" | "delete"): void {
    if (reach === "any") return;
    const p = this.provenance.get(key);
    if (p && p.addedBy.id === by.id) return;
    const who = p && p.addedBy.id !== "unknown" ? p.addedBy.name : "someone else";
    throw new CatalogError(
      "forbidden",
      `Only the person who added "${key}" (${who}) or the administrator may ${verb} it; you may still link to it.`,
    );
  }

  /// The record of a deleted team authority `key`, if one is kept.
  async retiredOf(key: string): Promise<Retired | undefined> {
    await this.catalog();
    return this.retired.get(key);
  }

  /// Adds one team authority for `by`. Throws `CatalogError` (`invalid`,
  /// `conflict`) with every problem listed.
  add(input: unknown, by: Person): Promise<Authority> {
    return this.write((catalog) => {
      if (catalog.teamAuthorities().length >= MAX_TEAM_AUTHORITIES)
        throw new CatalogError(
          "conflict",
          `The catalog already holds ${MAX_TEAM_AUTHORITIES} team authorities.`,
        );
      const authority = catalog.add(teamInput(input));
      this.provenance.set(authority.key, { addedBy: by, addedAt: new Date().toISOString() });
      this.retired.delete(authority.key);
      return authority;
    });
  }

  /// Changes the fields `patch` gives of the team authority `key` (the key
  /// stays; `url`, `citation` and a plain-text `text` as for `add`; `null`
  /// clears an optional field). Throws `CatalogError`: `not-found`,
  /// `read-only` for a built-in, `forbidden` when `reach` is `own` and
  /// someone else added it, `invalid`, `conflict`. The check runs inside the
  /// compare-and-set write, on the provenance stored now.
  update(key: string, patch: unknown, by: Person, reach: Reach = "any"): Promise<Authority> {
    return this.write((catalog) => {
      const current = catalog.get(key);
      if (!current || current.key !== key)
        throw new CatalogError("not-found", `No team authority has the key "${key}".`);
      if (current.origin === "builtin")
        throw new CatalogError(
          "read-only",
          `"${key}" is a built-in authority; only the team's own can be edited.`,
        );
      this.checkReach(key, by, reach, "edit");
      const next = teamPatch(current, patch);
      if (next.key !== key)
        throw new CatalogError("invalid", "The key of an authority cannot change.", [
          { path: "key", message: "cannot change" },
        ]);
      // Replaced whole, so that fields the edit clears stay cleared.
      catalog.remove(key);
      const authority = catalog.add(next);
      const was = this.provenance.get(key) ?? unknownProvenance();
      this.provenance.set(key, { ...was, editedBy: by, editedAt: new Date().toISOString() });
      return authority;
    });
  }

  /// Deletes the team authority `key`; its record is kept (`Retired`) so
  /// links to it stay readable. Throws `CatalogError`: `not-found`,
  /// `read-only`, `forbidden` (as for `update`).
  remove(key: string, by: Person, reach: Reach = "any"): Promise<Retired> {
    return this.write((catalog) => {
      const current = catalog.get(key);
      if (!current || current.key !== key)
        throw new CatalogError("not-found", `No team authority has the key "${key}".`);
      if (current.origin === "team") this.checkReach(key, by, reach, "delete");
      catalog.remove(key);
      const retired: Retired = {
        ...(this.provenance.get(key) ?? unknownProvenance()),
        authority: current,
        deletedBy: by,
        deletedAt: new Date().toISOString(),
      };
      this.provenance.delete(key);
      this.retired.delete(key);
      this.retired.set(key, retired);
      while (this.retired.size > MAX_RETIRED)
        this.retired.delete(this.retired.keys().next().value!);
      return retired;
    });
  }

  /// Adds the items of a CSL-JSON export for `by`; bad items and taken keys
  /// are reported by index and never stop the good ones.
  importCsl(
    json: unknown,
    by: { id: string; name: string },
  ): Promise<{ added: Authority[]; errors: CslImportError[] }> {
    return this.write((catalog) => {
      const { items, errors } = fromCsl(json);
      const added: Authority[] = [];
      const at = new Date().toISOString();
      for (const { index, authority } of items) {
        if (catalog.teamAuthorities().length >= MAX_TEAM_AUTHORITIES) {
          errors.push({
            index,
            message: `The catalog already holds ${MAX_TEAM_AUTHORITIES} team authorities.`,
          });
          continue;
        }
        try {
          const a = catalog.add(authority);
          this.provenance.set(a.key, { addedBy: by, addedAt: at });
          added.push(a);
        } catch (err) {
          if (!(err instanceof CatalogError)) throw err;
          errors.push({ index, message: err.message, issues: err.issues });
        }
      }
      errors.sort((a, b) => a.index - b.index);
      return { added, errors };
    });
  }

  /// Runs `change` on a fresh copy of the stored catalog and saves it when
  /// `change` returns; a throw leaves the store untouched. The save is a
  /// compare-and-set: when another process (the CLI, another instance)
  /// changed the list meanwhile, `change` runs again on its version, so
  /// simultaneous additions all land.
  private write<T>(change: (catalog: Catalog) => T): Promise<T> {
    const run = async () => {
      for (let attempt = 0; ; attempt++) {
        const raw = (await this.store.getSetting(TEAM_SOURCES_SETTING)) ?? null;
        if (raw !== this.raw) this.load(raw);
        const before = new Map(this.provenance);
        const retiredBefore = new Map(this.retired);
        const copy = new Catalog({ authorities: this.current.teamAuthorities() });
        let out: T;
        try {
          out = change(copy);
        } catch (err) {
          this.provenance = before;
          this.retired = retiredBefore;
          throw err;
        }
        const stored: StoredTeam = {
          version: 1,
          entries: copy.teamAuthorities().map((authority) => ({
            authority,
            ...(this.provenance.get(authority.key) ?? unknownProvenance()),
          })),
          ...(this.retired.size ? { retired: [...this.retired.values()] } : {}),
        };
        const next = JSON.stringify(stored);
        if (await this.store.compareAndSetSetting(TEAM_SOURCES_SETTING, raw, next)) {
          this.raw = next;
          this.current = copy;
          return out;
        }
        this.provenance = before;
        this.retired = retiredBefore;
        if (attempt >= 20)
          throw new Error("The team's authorities kept changing; try again in a moment.");
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private load(raw: string | null): void {
    const provenance = new Map<string, Provenance>();
    const authorities: Authority[] = [];
    if (raw) {
      let stored: StoredTeam | null = null;
      try {
        stored = JSON.parse(raw) as StoredTeam;
      } catch {
        log.error({ setting: TEAM_SOURCES_SETTING }, "the stored team authorities are not JSON");
      }
      for (const { authority, ...p } of stored?.entries ?? []) {
        authorities.push(authority);
        provenance.set(authority.key, storedProvenance(p));
      }
    }
    const retired = new Map<string, Retired>();
    for (const r of (raw && safeStored(raw)?.retired) || []) retired.set(r.authority.key, r);
    const catalog = new Catalog();
    for (const a of authorities) {
      try {
        catalog.add(a);
      } catch (err) {
        // A stored entry that no longer validates (or now clashes with a
        // built-in) is skipped rather than taking the whole catalog down.
        log.error({ key: a.key, err: (err as Error).message }, "team authority skipped");
        provenance.delete(a.key);
      }
    }
    this.current = catalog;
    this.provenance = provenance;
    this.retired = retired;
    this.raw = raw;
  }
}

/// An entry's provenance as stored, or "unknown" (added at the epoch) when
/// it names no adder: such an entry can be edited and deleted only by the
/// administrator and the command line. The next write stores it so.
function storedProvenance(p: Partial<Provenance>): Provenance {
  const ok = (x: unknown): x is Person =>
    !!x && typeof (x as Person).id === "string" && typeof (x as Person).name === "string";
  if (ok(p.addedBy) && typeof p.addedAt === "string") return p as Provenance;
  return { ...p, ...unknownProvenance() };
}

function safeStored(raw: string): StoredTeam | null {
  try {
    return JSON.parse(raw) as StoredTeam;
  } catch {
    return null;
  }
}

const unknownProvenance = (): Provenance => ({
  addedBy: { id: "unknown", name: "unknown" },
  addedAt: new Date(0).toISOString(),
});

/// Fills the defaults of a team authority: `key` from a `citation` the
/// citation engine reads (`932 F.3d 742` → `case/932/F.3d/742`, so searching
/// the citation finds it) else from kind and title (`local/{kind}/{slug}`),
/// `canonical` from the citation (a case's with its name, court and year) or
/// the title, a case's `caseName` from the title, `jurisdiction` "team",
/// `urls` from a single `url`. Everything else is validated by the catalog.
export function teamInput(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const a = { ...(input as Record<string, unknown>) };
  const title = typeof a.title === "string" ? a.title.trim() : a.title;
  if (typeof title === "string") a.title = title;
  if (typeof a.citation === "string") {
    const citation = a.citation.replace(/\s+/g, " ").trim();
    delete a.citation;
    if (citation) {
      let key: string | undefined;
      try {
        const found = extractCitations(citation);
        if (found.length === 1 && found[0]!.text.trim() === citation) key = found[0]!.key;
      } catch {
        key = undefined;
      }
      if (a.key === undefined && key) a.key = key;
      if (a.canonical === undefined) {
        if (a.kind === "case" && typeof title === "string" && title) {
          const year = typeof a.date === "string" ? a.date.slice(0, 4) : "";
          const paren = [typeof a.court === "string" ? a.court.trim() : "", year]
            .filter(Boolean)
            .join(" ");
          a.canonical = `${title}, ${citation}${paren ? ` (${paren})` : ""}`;
        } else a.canonical = citation;
      }
    }
  } else if (a.citation === null || a.citation === "") delete a.citation;
  if (a.kind === "case" && a.caseName === undefined && typeof title === "string" && title)
    a.caseName = title;
  if (
    a.key === undefined &&
    typeof title === "string" &&
    title &&
    AUTHORITY_KINDS.includes(a.kind as AuthorityKind)
  )
    a.key = localKey(a.kind as AuthorityKind, title);
  if (a.canonical === undefined && typeof title === "string" && title) a.canonical = title;
  if (a.jurisdiction === undefined) a.jurisdiction = "team";
  plainText(a);
  if (a.url !== undefined) {
    const link = { url: a.url, label: "Link" };
    a.urls = a.urls === undefined ? [link] : Array.isArray(a.urls) ? [...a.urls, link] : a.urls;
    delete a.url;
  }
  return a;
}

/// A plain-text `text` (what the app's form sends) as a one-paragraph text
/// tree in `lang` (default English); paragraphs split on blank lines.
function plainText(a: Record<string, unknown>): void {
  const lang = typeof a.lang === "string" && a.lang.trim() ? a.lang.trim() : "en";
  delete a.lang;
  if (typeof a.text !== "string") return;
  const paras = a.text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paras.length) {
    delete a.text;
    return;
  }
  a.text = {
    scope: "full",
    lang,
    intro: paras[0],
    nodes: paras.slice(1).map((text, i) => ({ label: String(i + 2), marker: "", text })),
  };
}

const CLEARABLE = [
  "summary",
  "date",
  "court",
  "caseName",
  "aliases",
  "citationForms",
  "text",
  "urls",
  "asOf",
];

/// Merges an edit into `current` as `update` takes it: the shorthands of
/// `teamInput` (`url` replaces the links, `citation` rewrites the canonical
/// form, a plain-text `text`), `null` clearing an optional field.
export function teamPatch(current: Authority, patch: unknown): Record<string, unknown> {
  if (!patch || typeof patch !== "object" || Array.isArray(patch))
    throw new CatalogError("invalid", "An edit must be an object of the fields to change.");
  const p = { ...(patch as Record<string, unknown>) };
  const cleared: string[] = [];
  for (const [k, v] of Object.entries(p))
    if (v === null) {
      if (k !== "url" && k !== "citation" && !CLEARABLE.includes(k))
        throw new CatalogError("invalid", `Invalid edit: ${k} cannot be cleared.`, [
          { path: k, message: "cannot be cleared" },
        ]);
      delete p[k];
      cleared.push(k === "url" ? "urls" : k);
    }
  if (typeof p.url === "string") {
    p.urls = p.url.trim() ? [{ url: p.url.trim(), label: "Link" }] : [];
    delete p.url;
  }
  if (typeof p.citation === "string" && p.canonical === undefined) {
    const kind = (p.kind as string | undefined) ?? current.kind;
    const title = typeof p.title === "string" ? p.title.trim() : current.title;
    const filled = teamInput({
      kind,
      title,
      citation: p.citation,
      key: current.key,
      court: p.court ?? current.court,
      date: p.date ?? current.date,
    }) as Record<string, unknown>;
    if (typeof filled.canonical === "string") p.canonical = filled.canonical;
  }
  delete p.citation;
  // A case named by its title keeps the two together.
  if (typeof p.title === "string" && p.caseName === undefined && current.caseName === current.title)
    p.caseName = p.title.trim();
  plainText(p);
  const { origin: _o, ...rest } = current as Authority & Record<string, unknown>;
  const next: Record<string, unknown> = { ...rest, ...p };
  for (const k of cleared) delete next[k];
  if (!next.urls) next.urls = [];
  return next;
}
