import * as Y from "yjs";

type Clocks = Map<number, { local: number; saved: number }>;

/// What this browser wrote in a document under earlier client ids (earlier
/// pages, other tabs) and the server has not reported on disk. A page that
/// opens again gets a new client id, and the words its local store restores
/// were written under the old one: without this record they counted as
/// nothing pending and the page said "saved" before the server had them.
/// Kept in `localStorage` (read at once, before the local store's
/// asynchronous load and the first paint), merged with other tabs' writes.
export class OwnClocks {
  private readonly clocks: Clocks = new Map();
  /// Client ids of other pages still open: their changes are theirs to
  /// report (the server tells each page only about its own).
  private live = new Set<number>();

  constructor(
    private readonly key: string | null,
    private readonly current: number,
  ) {
    this.merge(this.read());
    this.clocks.set(current, { local: 0, saved: 0 });
  }

  /// Changes written under earlier client ids of closed pages not yet on
  /// disk: their recorded or restored clock beyond the clock the server
  /// confirmed.
  pending(doc: Y.Doc): number {
    let n = 0;
    for (const [client, c] of this.clocks) {
      if (client === this.current || this.live.has(client)) continue;
      n += Math.max(0, Math.max(c.local, Y.getState(doc.store, client)) - c.saved);
    }
    return n;
  }

  /// This page wrote up to `clock`.
  wrote(clock: number): void {
    const c = this.clocks.get(this.current)!;
    if (clock <= c.local) return;
    c.local = clock;
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

  /// The client ids of the pages open now; true when that changed.
  setLive(clients: Set<number>): boolean {
    const same = clients.size === this.live.size && [...clients].every((c) => this.live.has(c));
    this.live = new Set(clients);
    return !same;
  }

  /// Another tab wrote the record (a `storage` event): take its clocks.
  refresh(): void {
    this.merge(this.read());
  }

  private read(): Clocks {
    const out: Clocks = new Map();
    if (!this.key) return out;
    try {
      const raw = JSON.parse(localStorage.getItem(this.key) ?? "{}") as Record<string, number[]>;
      for (const [client, [local, saved]] of Object.entries(raw))
        if (Number.isFinite(local) && Number.isFinite(saved))
          out.set(Number(client), { local: local!, saved: saved! });
    } catch {
      // An unreadable record counts as none.
    }
    return out;
  }

  private merge(from: Clocks): void {
    for (const [client, c] of from) {
      const mine = this.clocks.get(client);
      if (!mine) this.clocks.set(client, { ...c });
      else {
        mine.local = Math.max(mine.local, c.local);
        mine.saved = Math.max(mine.saved, c.saved);
      }
    }
  }

  /// Writes the record merged with what other tabs wrote; client ids whose
  /// changes are all on disk are left out (this page's own is kept).
  private write(): void {
    if (!this.key) return;
    this.merge(this.read());
    const out: Record<string, number[]> = {};
    for (const [client, c] of this.clocks)
      if (client === this.current || c.local > c.saved) out[client] = [c.local, c.saved];
    try {
      localStorage.setItem(this.key, JSON.stringify(out));
    } catch {
      // Storage full or refused: this page still counts its own changes.
    }
  }
}
