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

/// Who added a team authority, and when.
export interface Provenance {
  addedBy: { id: string; name: string };
  addedAt: string;
}

interface StoredTeam {
  version: 1;
  entries: (Provenance & { authority: Authority })[];
}

/// The server's catalog of authorities: the built-in set plus the team's own,
/// persisted as one JSON value in the store's settings (so the CLI and every
/// server process sharing the store see the same list). Each read checks the
/// stored value and rebuilds the catalog when another process changed it;
/// writes are serialised within a process and compare-and-set across them.
export class SourceCatalog {
  private raw: string | null | undefined = undefined;
  private current = new Catalog();
  private provenance = new Map<string, Provenance>();
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

  /// Adds one team authority for `by`. Throws `CatalogError` (`invalid`,
  /// `conflict`) with every problem listed.
  add(input: unknown, by: { id: string; name: string }): Promise<Authority> {
    return this.write((catalog) => {
      if (catalog.teamAuthorities().length >= MAX_TEAM_AUTHORITIES)
        throw new CatalogError(
          "conflict",
          `The catalog already holds ${MAX_TEAM_AUTHORITIES} team authorities.`,
        );
      const authority = catalog.add(teamInput(input));
      this.provenance.set(authority.key, { addedBy: by, addedAt: new Date().toISOString() });
      return authority;
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
        const copy = new Catalog({ authorities: this.current.teamAuthorities() });
        let out: T;
        try {
          out = change(copy);
        } catch (err) {
          this.provenance = before;
          throw err;
        }
        const stored: StoredTeam = {
          version: 1,
          entries: copy.teamAuthorities().map((authority) => ({
            authority,
            ...(this.provenance.get(authority.key) ?? unknownProvenance()),
          })),
        };
        const next = JSON.stringify(stored);
        if (await this.store.compareAndSetSetting(TEAM_SOURCES_SETTING, raw, next)) {
          this.raw = next;
          this.current = copy;
          return out;
        }
        this.provenance = before;
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
      for (const e of stored?.entries ?? []) {
        authorities.push(e.authority);
        provenance.set(e.authority.key, { addedBy: e.addedBy, addedAt: e.addedAt });
      }
    }
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
    this.raw = raw;
  }
}

const unknownProvenance = (): Provenance => ({
  addedBy: { id: "unknown", name: "unknown" },
  addedAt: new Date(0).toISOString(),
});

/// Fills the defaults of a team authority: `key` from kind and title
/// (`local/{kind}/{slug}`), `canonical` from the title, `jurisdiction`
/// "team", `urls` from a single `url`. Everything else is validated by the
/// catalog.
export function teamInput(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const a = { ...(input as Record<string, unknown>) };
  const title = typeof a.title === "string" ? a.title.trim() : a.title;
  if (typeof title === "string") a.title = title;
  if (
    a.key === undefined &&
    typeof title === "string" &&
    title &&
    AUTHORITY_KINDS.includes(a.kind as AuthorityKind)
  )
    a.key = localKey(a.kind as AuthorityKind, title);
  if (a.canonical === undefined && typeof title === "string" && title) a.canonical = title;
  if (a.jurisdiction === undefined) a.jurisdiction = "team";
  if (a.url !== undefined) {
    const link = { url: a.url, label: "Link" };
    a.urls = a.urls === undefined ? [link] : Array.isArray(a.urls) ? [...a.urls, link] : a.urls;
    delete a.url;
  }
  return a;
}
