import type Database from "better-sqlite3";
import type { JournalRow } from "./Store.ts";

/// Longest wait of a `withNextCommit` write for a journal commit, ms.
const SIDE_WRITE_MS = 50;

/// The SQLite journal's appends: one prepared statement, one transaction
/// (one fsync: WAL, `synchronous=FULL`) per batch, and the small records
/// made for the same updates (who deleted what) written in that same
/// transaction rather than in one of their own per keystroke.
export class SqliteJournal {
  private insert: Database.Statement | null = null;
  private many: ((rows: JournalRow[]) => void) | null = null;
  private readonly sideWrites: (() => void)[] = [];
  private sideTimer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database.Database) {}

  append(name: string, update: Uint8Array): void {
    this.insert ??= this.db.prepare("INSERT INTO journal (name, update_data) VALUES (?, ?)");
    this.insert.run(name, Buffer.from(update));
  }

  /// The rows and every queued side write, in one transaction.
  appendMany(rows: JournalRow[]): void {
    this.many ??= this.db.transaction((batch: JournalRow[]) => {
      for (const r of batch) this.append(r.name, r.update);
      this.runSideWrites();
    });
    const side = this.sideWrites.length;
    this.many(rows);
    this.sideWrites.splice(0, side);
    if (this.sideWrites.length === 0 && this.sideTimer) {
      clearTimeout(this.sideTimer);
      this.sideTimer = null;
    }
  }

  /// Queues a small write made for an update, to be done in the transaction
  /// of the next journal commit — which the same update causes within the
  /// turn; done on its own after SIDE_WRITE_MS if no commit comes. A write
  /// that throws is rolled back alone (a savepoint) and logged: the journal
  /// is never refused for it.
  withNextCommit(write: () => void): void {
    this.sideWrites.push(write);
    this.sideTimer ??= setTimeout(() => {
      this.sideTimer = null;
      const side = this.sideWrites.length;
      try {
        this.db.transaction(() => this.runSideWrites())();
      } catch (err) {
        console.error(
          `[glossa] records written with the journal failed: ${(err as Error).message}`,
        );
      }
      this.sideWrites.splice(0, side);
    }, SIDE_WRITE_MS);
    this.sideTimer.unref?.();
  }

  private runSideWrites(): void {
    for (const write of this.sideWrites) {
      try {
        this.db.transaction(write)();
      } catch (err) {
        console.error(
          `[glossa] a record written with the journal failed: ${(err as Error).message}`,
        );
      }
    }
  }
}
