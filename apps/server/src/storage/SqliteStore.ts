import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { releaseBeforeTrim } from "../mallocTrim.ts";
import { MergeWorker } from "./mergeWorker.ts";
import {
  ADDED_COLUMNS,
  type JournalRow,
  type MergeParts,
  SQL_SCHEMA,
  type Store,
} from "./Store.ts";
import { RECORD_EDIT } from "./sql/documents.ts";
import { SqliteSql } from "./sql/sqliteSql.ts";
import { SqlTables } from "./sql/tables.ts";
import { readParts, writeMerged } from "./sqliteCompact.mjs";
import { type SideWrite, SqliteJournal } from "./sqliteJournal.ts";

type Row = Record<string, unknown>;

/// Opens (creating when missing) `glossa.sqlite` in `dataDir` with the
/// pragmas and schema of the store.
function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  for (const sql of SQL_SCHEMA) db.exec(sql.replace(/BYTEA/g, "BLOB"));
  db.exec(`CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, update_data BLOB NOT NULL)`);
  db.exec("CREATE INDEX IF NOT EXISTS journal_name ON journal (name, seq)");
  const added = [
    { table: "users", column: "admin", type: "INTEGER NOT NULL DEFAULT 0" },
    { table: "shares", column: "expires_at", type: "TEXT" },
    ...ADDED_COLUMNS,
  ];
  // Columns of tables created by an earlier version.
  for (const c of added) {
    const cols = db.prepare(`PRAGMA table_info(${c.table})`).all() as Row[];
    if (!cols.some((x) => x.name === c.column)) {
      db.exec(`ALTER TABLE ${c.table} ADD COLUMN ${c.column} ${c.type}`);
    }
  }
  db.exec("CREATE INDEX IF NOT EXISTS documents_deleted ON documents (deleted_at)");
  return db;
}

/// The file of the store in `dataDir`, created with the folder; never in memory.
function databaseFile(dataDir: string): string {
  if (!dataDir || dataDir === ":memory:") {
    throw new RangeError("SqliteStore needs a data folder on disk, not an in-memory database.");
  }
  mkdirSync(dataDir, { recursive: true });
  return path.join(dataDir, "glossa.sqlite");
}

/// Characters of search text per write to the journal's worker (one message each).
const SEARCH_PARTS_WRITE = 32_768;
const CREATE_SEARCH_PARTS = `CREATE TEMP TABLE IF NOT EXISTS search_text_parts (document_id TEXT NOT NULL,
  i INTEGER NOT NULL, text TEXT NOT NULL, folded TEXT NOT NULL, PRIMARY KEY (document_id, i))`;
const PUT_SEARCH_PART =
  "INSERT OR REPLACE INTO temp.search_text_parts (document_id, i, text, folded) VALUES (?, ?, ?, ?)";
/// The parts joined in order into the document's search text, only when all
/// `n` are there, and not for a purged document.
const JOIN_SEARCH_PARTS = `INSERT INTO document_text (document_id, text, folded, updated_at)
  SELECT ?, group_concat(text, '' ORDER BY i), group_concat(folded, '' ORDER BY i), ?
  FROM temp.search_text_parts WHERE document_id = ? AND i < ? AND EXISTS (SELECT 1 FROM documents WHERE id = ?)
  HAVING count(*) = ?
  ON CONFLICT(document_id) DO UPDATE SET text = excluded.text, folded = excluded.folded, updated_at = excluded.updated_at`;

/// The embedded default: one SQLite file `glossa.sqlite` in the data folder,
/// in WAL mode with `synchronous=FULL`, so an update reported as saved
/// survives a crash of the process or of the machine. The tables' SQL is
/// shared with PostgreSQL (`sql/tables.ts`); the journal's commits, the
/// last edit and the search text are written by a worker thread
/// (`sqliteJournal.ts`).
export class SqliteStore extends SqlTables implements Store {
  readonly kind = "sqlite" as const;
  readonly db: Database.Database;
  readonly file: string;
  private readonly journal: SqliteJournal;
  private readonly merger = new MergeWorker();

  /// `journalIdleMs`: how long the journal's worker outlives its last commit.
  constructor(dataDir: string, options: { journalIdleMs?: number } = {}) {
    const file = databaseFile(dataDir);
    const db = openDatabase(file);
    super(new SqliteSql(db));
    this.file = file;
    this.db = db;
    this.journal = new SqliteJournal(this.db, this.file, options.journalIdleMs);
    // The page cache (better-sqlite3: up to 16 MB a connection) holds what
    // loads read; emptied before a trim after unloads (mallocTrim.ts).
    this.unrelease = releaseBeforeTrim(() => db.pragma("shrink_memory"));
  }

  private readonly unrelease: () => void;

  /// Synchronous append of one row (tests, tools; persistence uses batches).
  appendUpdateSync(name: string, update: Uint8Array): void {
    this.journal.append(name, update);
  }
  appendUpdate(name: string, update: Uint8Array): Promise<void> {
    return this.journal.appendMany([{ name, update }]);
  }
  /// One transaction, one fsync, with the writes queued by `withNextCommit`,
  /// committed by the journal's worker thread off the event loop
  /// (sqliteJournal.ts); resolves once on disk.
  appendUpdates(rows: JournalRow[]): Promise<void> {
    return this.journal.appendMany(rows);
  }
  withNextCommit(write: SideWrite): void {
    this.journal.withNextCommit(write);
  }
  writeWithJournal(write: SideWrite): Promise<void> {
    return this.journal.write(write);
  }
  /// Journal batches committed so far (tests count work, not time).
  get journalCommits(): number {
    return this.journal.commits;
  }
  expectWrites(): void {
    this.journal.warm();
  }
  /// Journal workers started so far (one more after each idle stop).
  get journalStarts(): number {
    return this.journal.starts;
  }

  async loadParts(name: string): Promise<Uint8Array[]> {
    return readParts(this.db, name).parts;
  }

  /// By default wholly in the merge worker, on its own connection: the read,
  /// the merge and the short write that keeps rows appended meanwhile
  /// (sqliteCompact.mjs). With `merge` given: read and write here, merge by it.
  async compact(name: string, merge?: MergeParts): Promise<void> {
    if (!merge) return this.merger.compactSqlite(this.file, name);
    const read = this.db.transaction(() => readParts(this.db, name))();
    if (read.parts.length > 1) writeMerged(this.db, name, read, await merge(read.parts));
  }

  /// By the journal's worker: a write here would wait for its commit on the loop.
  override async recordEdit(id: string, at: string, by: string | null): Promise<void> {
    await this.journal.write({ sql: RECORD_EDIT, rows: [[at, by, id, at]] });
  }
  /// By the journal's worker, off the event loop (megabytes); not for a purged document.
  override async setDocumentText(
    id: string,
    text: string,
    folded: string,
    at: string,
  ): Promise<void> {
    await this.journal.write({
      sql: `INSERT INTO document_text (document_id, text, folded, updated_at) SELECT ?, ?, ?, ? WHERE EXISTS
        (SELECT 1 FROM documents WHERE id = ?) ON CONFLICT(document_id) DO UPDATE SET text = excluded.text, folded = excluded.folded, updated_at = excluded.updated_at`,
      rows: [[id, text, folded, at, id]],
    });
  }

  /// By the journal's worker, off the event loop, as `setDocumentText`: the
  /// parts go in writes of ~SEARCH_PARTS_WRITE characters to a table of the
  /// worker's connection (`temp`), a turn of the event loop each, and are
  /// joined there; the text is replaced only when every part arrived.
  async setDocumentTextParts(
    id: string,
    parts: { text: string; folded: string }[],
    at: string,
  ): Promise<void> {
    await this.journal.write({ sql: CREATE_SEARCH_PARTS, rows: [[]] });
    for (let i = 0; i < parts.length; ) {
      const rows: unknown[][] = [];
      for (let size = 0; i < parts.length && size < SEARCH_PARTS_WRITE; i++) {
        rows.push([id, i, parts[i]!.text, parts[i]!.folded]);
        size += parts[i]!.text.length;
      }
      await this.journal.write({ sql: PUT_SEARCH_PART, rows });
    }
    await this.journal.write({
      sql: JOIN_SEARCH_PARTS,
      rows: [[id, at, id, parts.length, id, parts.length]],
    });
    await this.journal.write({
      sql: "DELETE FROM temp.search_text_parts WHERE document_id = ?",
      rows: [[id]],
    });
  }

  override async replaceWebhookSecret(id: string, from: string, to: string): Promise<boolean> {
    const sql = "UPDATE webhooks SET secret = ? WHERE id = ? AND secret = ?";
    // The old value is zeroed in the page and the write-ahead log emptied, so
    // that a secret sealed after the fact leaves no copy in the files.
    this.db.pragma("secure_delete = ON");
    try {
      if (this.db.prepare(sql).run(to, id, from).changes === 0) return false;
    } finally {
      this.db.pragma("secure_delete = OFF");
    }
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    return true;
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1 FROM documents LIMIT 1").get();
  }

  async close(): Promise<void> {
    this.unrelease();
    await this.journal.close();
    await this.merger.close();
    if (this.db.open) this.db.close();
  }
}
