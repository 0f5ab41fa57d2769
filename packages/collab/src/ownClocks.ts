import * as Y from "yjs";
import { UNLISTED } from "./deletions.ts";

type Clocks = Map<number, { local: number; saved: number }>;

/// One page's part of the record: the clocks it knows, and its own
/// deletions not yet confirmed on disk (base64 delete-set updates).
interface Part {
  clocks: Clocks;
  /// `UNLISTED` among them: some did not fit in the origin's storage.
  deletions: string[];
}

/// What this browser wrote in a document under earlier client ids (earlier
/// pages, other tabs) and the server has not reported on disk. A page that
/// opens again gets a new client id, and the words its local store restores
/// were written under the old one: without this record they counted as
/// nothing pending and the page said "saved" before the server had them.
/// A deletion moves no clock, so each page also keeps its deletions not
/// yet confirmed (`DeletionTracker`) here: a page opened later takes over
/// a closed page's and asks the server about them again (`flush`).
///
/// Kept in `localStorage` (read at once, before the local store's
/// asynchronous load and the first paint), one key per page,
/// `<key>#<client id>`, written only by that page: two tabs writing at the
/// same instant never read, change and write back one shared value (which
/// dropped one tab's entry, docs/reliability.md §2.8). A page reads every
/// page's key and merges them (clocks only grow: the largest wins); a
/// closed page's key is taken over by an open one (`adopt`: copied into
/// its own key, then removed).
export class OwnClocks {
  private readonly clocks: Clocks = new Map();
  /// Other pages' keys as last read, by key.
  private readonly others = new Map<string, Part>();
  /// This page's deletions not yet on disk, as written in its key.
  private deletions: string[] = [];
  /// Client ids of other pages still open: their changes are theirs to
  /// report (the server tells each page only about its own).
  private live = new Set<number>();
  /// Heard of the open pages at least once.
  private liveKnown = false;
  /// `forget` was called.
  private forgotten = false;

  constructor(
    private readonly key: string | null,
    private readonly current: number,
  ) {
    this.clocks.set(current, { local: 0, saved: 0 });
    this.refresh();
  }

  /// Changes written under earlier client ids of closed pages not yet on
  /// disk: their recorded or restored clock beyond the clock the server
  /// confirmed, and closed pages' deletions not yet taken over.
  pending(doc: Y.Doc): number {
    let n = 0;
    for (const [client, c] of this.clocks) {
      if (client === this.current || this.live.has(client)) continue;
      n += Math.max(0, Math.max(c.local, Y.getState(doc.store, client)) - c.saved);
    }
    for (const [key, part] of this.others) if (!this.isLive(key)) n += part.deletions.length;
    return n;
  }

  /// The transaction moved the clock of a client this record counts (this
  /// page's or an earlier page's): only such a change alters `pending` or
  /// this page's own count. Read from the states Yjs computed for it.
  movedBy(tr: { beforeState: Map<number, number>; afterState: Map<number, number> }): boolean {
    for (const client of this.clocks.keys())
      if ((tr.afterState.get(client) ?? 0) !== (tr.beforeState.get(client) ?? 0)) return true;
    return false;
  }

  /// This page wrote up to `clock`.
  wrote(clock: number): void {
    const c = this.clocks.get(this.current)!;
    if (clock <= c.local) return;
    c.local = clock;
    this.write();
  }

  /// This page's deletions not yet confirmed on disk, oldest first.
  setDeletions(deletions: string[]): void {
    this.deletions = deletions;
    this.write();
  }

  /// The server reported `sv` on disk; true when it covered anything new.
  saved(sv: Map<number, number>): boolean {
    let changed = false;
    for (const [client, c] of this.clocks) {
      const s = sv.get(client) ?? 0;
      if (s > c.saved) {
        c.saved = s;
        changed = true;
      }
    }
    if (changed) this.write();
    return changed;
  }

  /// Once the local store has loaded and the text is in sync: what was
  /// recorded as written but is neither here nor on the server (the local
  /// store was cleared) can never be sent, and no longer waits.
  settle(doc: Y.Doc): void {
    for (const [client, c] of this.clocks)
      if (client !== this.current)
        c.local = Math.min(c.local, Math.max(c.saved, Y.getState(doc.store, client)));
  }

  /// Removes this page's key and writes it no more (the local store it
  /// describes is being discarded).
  forget(): void {
    this.storage()?.removeItem(this.ownKey);
    this.forgotten = true;
  }

  /// The client ids of the pages open now; true when that changed.
  setLive(clients: Set<number>): boolean {
    const same =
      this.liveKnown &&
      clients.size === this.live.size &&
      [...clients].every((c) => this.live.has(c));
    this.live = new Set(clients);
    this.liveKnown = true;
    return !same;
  }

  /// Takes over the keys of closed pages (once the open ones are known):
  /// their clocks are merged into this page's key, their deletions
  /// returned for this page to ask about (and keep in its key), and their
  /// keys removed; null when there was none. Two pages taking over one key
  /// at once both copy it: a deletion asked about twice is answered twice,
  /// nothing is lost.
  adopt(): string[] | null {
    if (!this.key || !this.liveKnown) return null;
    const taken: string[] = [];
    const gone: string[] = [];
    for (const [key, part] of this.others) {
      if (this.isLive(key)) continue;
      taken.push(...part.deletions);
      gone.push(key);
    }
    if (gone.length === 0) return null;
    // Copied before removed: a page closing now loses nothing.
    this.deletions = [...this.deletions, ...taken];
    this.write(gone);
    for (const key of gone) {
      this.others.delete(key);
      this.storage()?.removeItem(key);
    }
    return taken;
  }

  /// Another page wrote its key (a `storage` event: `key` and its new
  /// value); without arguments, every page's key is read again.
  refresh(key?: string | null, value?: string | null): void {
    if (!this.key) return;
    if (key === undefined || key === null) {
      const s = this.storage();
      if (!s) return;
      this.others.clear();
      const keys: string[] = [];
      for (let i = 0; i < s.length; i++) keys.push(s.key(i) ?? "");
      for (const k of keys) if (this.ours(k)) this.take(k, s.getItem(k));
      return;
    }
    if (this.ours(key)) this.take(key, value ?? null);
  }

  /// A key of this record other than this page's own.
  private ours(key: string): boolean {
    return (key === this.key || key.startsWith(`${this.key}#`)) && key !== this.ownKey;
  }

  private get ownKey(): string {
    return `${this.key}#${this.current}`;
  }

  /// The page that writes `key` is open (the record's key of before, one
  /// for every page, belongs to none).
  private isLive(key: string): boolean {
    const client = Number(key.slice(`${this.key}#`.length));
    return key !== this.key && this.live.has(client);
  }

  private take(key: string, value: string | null): void {
    const part = value === null ? null : parse(value);
    if (!part) {
      this.others.delete(key);
      return;
    }
    this.others.set(key, part);
    for (const [client, c] of part.clocks) {
      const mine = this.clocks.get(client);
      if (!mine) this.clocks.set(client, { ...c });
      else {
        mine.local = Math.max(mine.local, c.local);
        mine.saved = Math.max(mine.saved, c.saved);
      }
    }
  }

  /// Writes this page's key: its own clock, its deletions, the changes of
  /// other client ids not yet on disk, and what it knows of those another
  /// key still lists (so that the page holding that key learns they are
  /// saved; the server tells only the writer). `leaving` names keys about
  /// to be removed, whose listings no longer count.
  private write(leaving: string[] = []): void {
    const s = this.storage();
    if (!s || this.forgotten) return;
    const listed = new Set<number>();
    for (const [key, part] of this.others)
      if (!leaving.includes(key)) for (const client of part.clocks.keys()) listed.add(client);
    const clocks: Record<string, number[]> = {};
    for (const [client, c] of this.clocks)
      if (client === this.current || c.local > c.saved || listed.has(client))
        clocks[client] = [c.local, c.saved];
    this.unrecorded = false;
    try {
      s.setItem(this.ownKey, JSON.stringify({ clocks, deletions: this.deletions }));
    } catch {
      // Over the origin's quota (~5 MB in Chromium): the deletions are
      // marked, not listed (three characters); a later page asks about all
      // its copy's. This page still counts its own, in memory (and has them
      // in its local store).
      const deletions = this.deletions.length ? [UNLISTED] : [];
      try {
        s.setItem(this.ownKey, JSON.stringify({ clocks, deletions }));
      } catch {
        // Not even that: a later page would not know; the person is told.
        this.unrecorded = true;
      }
    }
  }

  /// The record of this page's changes could not be written: closed now,
  /// a later page could show them saved before they are.
  unrecorded = false;

  private storage(): Storage | null {
    if (!this.key) return null;
    try {
      return (globalThis as { localStorage?: Storage }).localStorage ?? null;
    } catch {
      return null;
    }
  }
}

/// One key's value; the record of before (`{client: [local, saved]}`) is
/// read as clocks without deletions. Null when unreadable.
function parse(value: string): Part | null {
  try {
    const raw = JSON.parse(value) as unknown;
    if (!raw || typeof raw !== "object") return null;
    const o = raw as { clocks?: unknown; deletions?: unknown };
    const clockSource = (o.clocks && typeof o.clocks === "object" ? o.clocks : raw) as Record<
      string,
      unknown
    >;
    const clocks: Clocks = new Map();
    for (const [client, pair] of Object.entries(clockSource)) {
      if (!Array.isArray(pair)) continue;
      const [local, saved] = pair as unknown[];
      if (Number.isFinite(local) && Number.isFinite(saved) && Number.isFinite(Number(client)))
        clocks.set(Number(client), { local: local as number, saved: saved as number });
    }
    const deletions = Array.isArray(o.deletions)
      ? o.deletions.filter((d): d is string => typeof d === "string")
      : [];
    return { clocks, deletions };
  } catch {
    return null;
  }
}
