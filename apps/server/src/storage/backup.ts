import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { PostgresStore } from "./PostgresStore.ts";
import { SqliteStore } from "./SqliteStore.ts";
import type { Store } from "./Store.ts";

/// A backup is one SQLite file, whatever store it came from: every table of
/// the store with its rows, plus a `glossa_backup` table describing it
/// (format, version, source, row counts, journal sequence). One restore path
/// serves both stores, and a PostgreSQL backup restores into SQLite and back.
export const BACKUP_FORMAT = "glossa-backup";
/// Raised when the layout of a backup changes; older Glossa refuses newer.
export const BACKUP_FORMAT_VERSION = 1;
const META = "glossa_backup";
/// Tables every backup holds (more may follow: every table is copied).
const REQUIRED = ["documents", "snapshots", "journal", "users", "shares", "settings", "sessions"];
/// Tables whose rows say nothing about the team's work: a store holding
/// only these counts as empty (a signing secret written at start, attempts).
const TRANSIENT = new Set(["settings", "failed_attempts"]);
const SQLITE_HEADER = "SQLite format 3\0";

/// A refusal or failure explained in plain words (printed, exit 1).
export class BackupError extends RangeError {}

export interface Progress {
  /// What is being copied now (a table, or "database pages").
  step: string;
  done: number;
  total: number;
  unit: "pages" | "rows" | "files";
}
export type OnProgress = (p: Progress) => void;

/// What a backup holds, as recorded in it.
export interface BackupInfo {
  file: string;
  bytes: number;
  source: "sqlite" | "postgres";
  createdAt: string;
  formatVersion: number;
  /// Rows per table.
  tables: Record<string, number>;
}

/// The value an auto-numbered column (the journal's `seq`) had reached:
/// restored so that new rows number after every row ever written, even
/// rows already folded into a snapshot.
interface Sequence {
  table: string;
  column: string;
  value: number;
}

type Row = Record<string, unknown>;
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const BATCH_ROWS = 1000;
const BATCH_BYTES = 8 << 20;

/// Writes a consistent backup of the store (SQLite in `dataDir`, or the
/// PostgreSQL database at `databaseUrl`) to `file`, while the server runs.
/// Written under a temporary name and renamed at the end, so a file with
/// the final name is always complete; an existing file is kept unless
/// `force`.
export async function backupStore(opts: {
  dataDir: string;
  databaseUrl?: string | null;
  file: string;
  force?: boolean;
  onProgress?: OnProgress;
}): Promise<BackupInfo> {
  const file = path.resolve(opts.file);
  const onProgress = opts.onProgress ?? (() => {});
  if (existsSync(file) && !opts.force) {
    throw new BackupError(
      `${file} already exists; nothing was written. Choose another name, or add --force to replace it.`,
    );
  }
  if (!existsSync(path.dirname(file))) {
    throw new BackupError(`The folder ${path.dirname(file)} does not exist; nothing was written.`);
  }
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.incomplete-${randomBytes(4).toString("hex")}`,
  );
  try {
    // Readable by its owner only: it holds password hashes and the signing secret.
    closeSync(openSync(tmp, "wx", 0o600));
    const source = opts.databaseUrl ? "postgres" : "sqlite";
    const sequences = opts.databaseUrl
      ? await copyFromPostgres(opts.databaseUrl, tmp, onProgress)
      : await copyFromSqlite(opts.dataDir, tmp, onProgress);
    const createdAt = new Date().toISOString();
    const tables = describe(tmp, { source, createdAt, sequences });
    syncFile(tmp);
    if (opts.force) renameSync(tmp, file);
    else {
      // link() refuses an existing name: never replace a file that appeared meanwhile.
      try {
        linkSync(tmp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") {
          throw new BackupError(`${file} appeared while the backup ran; it was left untouched.`);
        }
        throw err;
      }
      unlinkSync(tmp);
    }
    syncFile(path.dirname(file));
    return {
      file,
      bytes: statSync(file).size,
      source,
      createdAt,
      formatVersion: BACKUP_FORMAT_VERSION,
      tables,
    };
  } finally {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-journal`, { force: true });
  }
}

/// SQLite's online backup API: a page-by-page copy that is consistent,
/// committed WAL content included. A write by the server restarts the copy;
/// after a restart the rest is copied in one step (one read transaction,
/// which never blocks the server's writes in WAL mode).
async function copyFromSqlite(
  dataDir: string,
  tmp: string,
  onProgress: OnProgress,
): Promise<Sequence[]> {
  const file = path.join(dataDir, "glossa.sqlite");
  if (!existsSync(file)) {
    throw new BackupError(
      `There is no Glossa database in ${dataDir} (glossa.sqlite is missing). Check DATA_DIR.`,
    );
  }
  const src = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    let last = Number.POSITIVE_INFINITY;
    let steps = 0;
    let whole = false;
    const done = await src.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages > last || ++steps > 50) whole = true;
        last = remainingPages;
        onProgress({
          step: "database pages",
          done: totalPages - remainingPages,
          total: totalPages,
          unit: "pages",
        });
        return whole ? 0x7fffffff : Math.max(256, Math.ceil(totalPages / 20));
      },
    });
    onProgress({
      step: "database pages",
      done: done.totalPages,
      total: done.totalPages,
      unit: "pages",
    });
  } finally {
    src.close();
  }
  const copy = new Database(tmp);
  try {
    const seqTable = copy
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
      .get();
    if (!seqTable) return [];
    const out: Sequence[] = [];
    for (const r of copy.prepare("SELECT name, seq FROM sqlite_sequence").all() as Row[]) {
      const table = String(r.name);
      const pk = (copy.prepare(`PRAGMA table_info(${q(table)})`).all() as Row[]).find(
        (c) => Number(c.pk) === 1,
      );
      if (pk) out.push({ table, column: String(pk.name), value: Number(r.seq) });
    }
    return out;
  } finally {
    copy.close();
  }
}

/// PostgreSQL: one REPEATABLE READ, READ ONLY transaction sees the database
/// as of its first query; every table of the schema (found in the catalog,
/// so tables added later are included) is streamed through a cursor into
/// the backup file in batches.
async function copyFromPostgres(
  url: string,
  tmp: string,
  onProgress: OnProgress,
): Promise<Sequence[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((err: Error) => {
    throw new BackupError(`Could not reach the PostgreSQL database: ${err.message}`);
  });
  const out = new Database(tmp);
  out.pragma("journal_mode = OFF");
  out.pragma("synchronous = OFF");
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = (
      await client.query(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).rows.map((r) => String(r.table_name));
    if (!tables.includes("documents")) {
      throw new BackupError("This PostgreSQL database holds no Glossa data (no documents table).");
    }
    const columns = new Map<string, { name: string; type: string; serial: boolean }[]>();
    const counts = new Map<string, number>();
    for (const t of tables) {
      const cols = (
        await client.query(
          `SELECT column_name, data_type, column_default FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [t],
        )
      ).rows.map((r) => ({
        name: String(r.column_name),
        type: String(r.data_type),
        serial: String(r.column_default ?? "").startsWith("nextval("),
      }));
      columns.set(t, cols);
      counts.set(t, Number((await client.query(`SELECT count(*) AS n FROM ${q(t)}`)).rows[0].n));
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    let done = 0;
    const sequences: Sequence[] = [];
    for (const t of tables) {
      const cols = columns.get(t)!;
      out.exec(
        `CREATE TABLE ${q(t)} (${cols.map((c) => `${q(c.name)} ${sqliteType(c.type)}`).join(", ")})`,
      );
      const insert = out.prepare(`INSERT INTO ${q(t)} VALUES (${cols.map(() => "?").join(", ")})`);
      const write = out.transaction((rows: Row[]) => {
        for (const r of rows) insert.run(...cols.map((c) => toSqliteValue(r[c.name])));
      });
      const serial = cols.find((c) => c.serial);
      const order = serial ? ` ORDER BY ${q(serial.name)}` : "";
      await client.query(
        `DECLARE backup_cursor NO SCROLL CURSOR FOR SELECT * FROM ${q(t)}${order}`,
      );
      for (;;) {
        const { rows } = await client.query(`FETCH ${BATCH_ROWS} FROM backup_cursor`);
        if (rows.length === 0) break;
        write(rows as Row[]);
        done += rows.length;
        onProgress({ step: t, done, total, unit: "rows" });
      }
      await client.query("CLOSE backup_cursor");
      for (const c of cols.filter((c) => c.serial)) {
        const seq = (
          await client.query("SELECT pg_get_serial_sequence($1, $2) AS s", [q(t), c.name])
        ).rows[0].s as string | null;
        if (!seq) continue;
        // Sequences are outside transactions: this value is at least every
        // number handed out before the snapshot.
        const r = (await client.query(`SELECT last_value, is_called FROM ${seq}`)).rows[0];
        sequences.push({
          table: t,
          column: c.name,
          value: r.is_called ? Number(r.last_value) : Number(r.last_value) - 1,
        });
      }
    }
    onProgress({ step: "done", done: total, total, unit: "rows" });
    await client.query("COMMIT");
    return sequences;
  } finally {
    out.close();
    await client.end().catch(() => {});
  }
}

/// Adds the `glossa_backup` description to a copied database and makes it
/// one self-contained file; returns the rows per table.
function describe(
  file: string,
  meta: { source: string; createdAt: string; sequences: Sequence[] },
): Record<string, number> {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = DELETE");
    db.pragma("synchronous = FULL");
    const tables: Record<string, number> = {};
    for (const t of userTables(db)) {
      tables[t] = Number((db.prepare(`SELECT count(*) AS n FROM ${q(t)}`).get() as Row).n);
    }
    db.exec(`CREATE TABLE ${META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const put = db.prepare(`INSERT INTO ${META} (key, value) VALUES (?, ?)`);
    db.transaction(() => {
      put.run("format", BACKUP_FORMAT);
      put.run("format_version", String(BACKUP_FORMAT_VERSION));
      put.run("created_at", meta.createdAt);
      put.run("source", meta.source);
      put.run("tables", JSON.stringify(tables));
      put.run("sequences", JSON.stringify(meta.sequences));
    })();
    return tables;
  } finally {
    db.close();
  }
}

/// The tables of a SQLite database, without SQLite's own and the description.
function userTables(db: Database.Database): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ? ORDER BY name`,
      )
      .all(META) as Row[]
  ).map((r) => String(r.name));
}

function sqliteType(pgType: string): string {
  if (pgType === "bytea") return "BLOB";
  if (/^(smallint|integer|bigint|boolean)$/.test(pgType)) return "INTEGER";
  if (/^(real|double precision)$/.test(pgType)) return "REAL";
  return "TEXT";
}

/// A declared type read from a backup, reduced to one of SQLite's storage
/// classes: never copied into SQL as written (the file may be crafted).
const plainSqliteType = (declared: string) => sqliteType(pgType(declared).toLowerCase());

function pgType(sqliteDeclared: string): string {
  const t = sqliteDeclared.toUpperCase();
  if (t.includes("BLOB") || t.includes("BYTEA")) return "BYTEA";
  if (t.includes("INT")) return "BIGINT";
  if (t.includes("REAL") || t.includes("DOUB") || t.includes("FLOA")) return "DOUBLE PRECISION";
  return "TEXT";
}

function toSqliteValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "object") return JSON.stringify(v);
  return v;
}

function toPgValue(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (type === "boolean") return v === 1 || v === 1n || v === "1" || v === "true" || v === true;
  if (type === "bytea") return Buffer.isBuffer(v) ? v : Buffer.from(String(v));
  if (/^(text|character)/.test(type)) return Buffer.isBuffer(v) ? v.toString() : String(v);
  if (typeof v === "bigint") return v.toString();
  return v;
}

function syncFile(p: string): void {
  const fd = openSync(p, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/// Checks that `file` is a complete Glossa backup this version can restore:
/// a SQLite file that passes SQLite's integrity check, with the description
/// table, a known format version, the expected tables and the recorded
/// number of rows in each. Throws a BackupError saying what is wrong.
export function verifyBackup(file: string): BackupInfo & { sequences: Sequence[] } {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new BackupError(`There is no file ${abs}.`);
  const bytes = statSync(abs).size;
  const notBackup = `${abs} is not a Glossa backup (made by \`glossa backup\`); nothing was restored.`;
  const head = Buffer.alloc(100);
  const fd = openSync(abs, "r");
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 16).toString("latin1") !== SQLITE_HEADER) throw new BackupError(notBackup);
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  const damaged = (why: string) =>
    new BackupError(
      `${abs} is damaged or incomplete (${why}); nothing was restored. Use another copy of the backup.`,
    );
  // The page count in the header is valid when its stamp matches the change counter.
  const headerValid = head.readUInt32BE(92) === head.readUInt32BE(24);
  if (headerValid && pages > 0 && bytes < pages * pageSize) {
    throw damaged(`${bytes} bytes where the file says ${pages * pageSize}`);
  }
  let db: Database.Database;
  try {
    db = new Database(abs, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw damaged((err as Error).message);
  }
  try {
    let check: string;
    try {
      check = String(db.pragma("integrity_check", { simple: true }));
    } catch (err) {
      throw damaged((err as Error).message);
    }
    if (check !== "ok") throw damaged(`SQLite's integrity check: ${check}`);
    const tables = userTables(db);
    if (!db.prepare("SELECT name FROM sqlite_master WHERE name = ?").get(META)) {
      throw new BackupError(
        tables.includes("documents")
          ? `${abs} looks like a Glossa database, not a backup made by \`glossa backup\`; nothing was restored.`
          : notBackup,
      );
    }
    const meta = new Map(
      (db.prepare(`SELECT key, value FROM ${META}`).all() as Row[]).map((r) => [
        String(r.key),
        String(r.value),
      ]),
    );
    if (meta.get("format") !== BACKUP_FORMAT) throw new BackupError(notBackup);
    const version = Number(meta.get("format_version"));
    if (!Number.isInteger(version) || version < 1) throw damaged("no format version");
    if (version > BACKUP_FORMAT_VERSION) {
      throw new BackupError(
        `${abs} was made by a newer version of Glossa (backup format ${version}; this one reads up to ${BACKUP_FORMAT_VERSION}). Update Glossa, then restore; nothing was restored.`,
      );
    }
    const recorded = JSON.parse(meta.get("tables") ?? "{}") as Record<string, number>;
    for (const t of REQUIRED) {
      if (!tables.includes(t) || !(t in recorded)) throw damaged(`the table "${t}" is missing`);
    }
    for (const [t, n] of Object.entries(recorded)) {
      if (!tables.includes(t)) throw damaged(`the table "${t}" is missing`);
      const have = Number((db.prepare(`SELECT count(*) AS n FROM ${q(t)}`).get() as Row).n);
      if (have !== n) throw damaged(`the table "${t}" has ${have} rows where ${n} were written`);
    }
    const source = meta.get("source") === "postgres" ? "postgres" : "sqlite";
    return {
      file: abs,
      bytes,
      source,
      createdAt: meta.get("created_at") ?? "",
      formatVersion: version,
      tables: recorded,
      sequences: JSON.parse(meta.get("sequences") ?? "[]") as Sequence[],
    };
  } finally {
    db.close();
  }
}

/// Restores a backup into an empty store: a data folder without Glossa data
/// (SQLite), or a PostgreSQL database holding no documents and no accounts.
/// Refuses a store that holds work or that another program (a running
/// server) has open: nothing is overwritten, ever. `prepare` creates the
/// tables other modules own (versions) with their keys and indexes before
/// rows go in. The whole restore is one transaction; on SQLite it is built
/// beside and moved in place at the end.
export async function restoreStore(opts: {
  file: string;
  dataDir: string;
  databaseUrl?: string | null;
  prepare?: (store: Store) => Promise<void>;
  onProgress?: OnProgress;
}): Promise<BackupInfo & { target: string }> {
  const info = verifyBackup(opts.file);
  const onProgress = opts.onProgress ?? (() => {});
  const target = opts.databaseUrl
    ? await restoreIntoPostgres(info, opts.databaseUrl, opts.prepare, onProgress)
    : await restoreIntoSqlite(info, opts.dataDir, opts.prepare, onProgress);
  return { ...info, target };
}

/// Refusal for a store that already holds work.
function notEmpty(where: string, counts: Map<string, number>): BackupError {
  const docs = counts.get("documents") ?? 0;
  const users = counts.get("users") ?? 0;
  return new BackupError(
    `${where} already holds Glossa data (${docs} document(s), ${users} account(s)); nothing was restored. ` +
      "Restore into an empty data folder or a new, empty database, then point the server at it.",
  );
}

/// Rows of the backup, in batches, with the target columns' names.
function* batches(
  backup: Database.Database,
  table: string,
): Generator<{ columns: string[]; rows: unknown[][] }> {
  const stmt = backup.prepare(`SELECT * FROM ${q(table)} ORDER BY rowid`).raw(true);
  const columns = stmt.columns().map((c) => c.name);
  let rows: unknown[][] = [];
  let size = 0;
  for (const r of stmt.iterate() as Iterable<unknown[]>) {
    rows.push(r);
    for (const v of r) size += Buffer.isBuffer(v) ? v.length : 8;
    if (rows.length >= BATCH_ROWS || size >= BATCH_BYTES) {
      yield { columns, rows };
      rows = [];
      size = 0;
    }
  }
  if (rows.length) yield { columns, rows };
}

function declaredTypes(db: Database.Database, table: string): Map<string, string> {
  return new Map(
    (db.prepare(`PRAGMA table_info(${q(table)})`).all() as Row[]).map((c) => [
      String(c.name),
      String(c.type),
    ]),
  );
}

async function restoreIntoSqlite(
  info: BackupInfo & { sequences: Sequence[] },
  dataDir: string,
  prepare: ((store: Store) => Promise<void>) | undefined,
  onProgress: OnProgress,
): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const final = path.join(dataDir, "glossa.sqlite");
  let guard: Database.Database | null = null;
  if (existsSync(final)) guard = claimEmptySqlite(final);
  else if (existsSync(`${final}-wal`)) {
    throw new BackupError(
      `${dataDir} holds a leftover glossa.sqlite-wal without its database; nothing was restored. Restore into an empty data folder.`,
    );
  }
  const staging = path.join(dataDir, `.restore-${randomBytes(4).toString("hex")}`);
  try {
    const store = new SqliteStore(staging);
    try {
      await prepare?.(store);
      const backup = new Database(info.file, { readonly: true });
      try {
        const db = store.db;
        const total = Object.values(info.tables).reduce((a, b) => a + b, 0);
        let done = 0;
        db.exec("BEGIN IMMEDIATE");
        try {
          for (const table of Object.keys(info.tables)) {
            const have = declaredTypes(db, table);
            const types = declaredTypes(backup, table);
            if (have.size === 0) {
              db.exec(
                `CREATE TABLE ${q(table)} (${[...types].map(([c, t]) => `${q(c)} ${plainSqliteType(t)}`).join(", ")})`,
              );
            } else {
              for (const [c, t] of types) {
                if (!have.has(c))
                  db.exec(`ALTER TABLE ${q(table)} ADD COLUMN ${q(c)} ${plainSqliteType(t)}`);
              }
            }
            db.prepare(`DELETE FROM ${q(table)}`).run();
            let insert: Database.Statement | null = null;
            for (const { columns, rows } of batches(backup, table)) {
              insert ??= db.prepare(
                `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
              );
              for (const r of rows) insert.run(...r);
              done += rows.length;
              onProgress({ step: table, done, total, unit: "rows" });
            }
          }
          const hasSeq = db
            .prepare(
              "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
            )
            .get();
          for (const s of info.sequences) {
            if (!hasSeq) break;
            const updated = db
              .prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?")
              .run(s.value, s.table).changes;
            const auto = db
              .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
              .get(s.table) as Row | undefined;
            if (!updated && /AUTOINCREMENT/i.test(String(auto?.sql ?? ""))) {
              db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)").run(
                s.table,
                s.value,
              );
            }
          }
          checkCounts(info, (t) =>
            Number((db.prepare(`SELECT count(*) AS n FROM ${q(t)}`).get() as Row).n),
          );
          db.exec("COMMIT");
        } catch (err) {
          db.exec("ROLLBACK");
          throw err;
        }
        onProgress({ step: "done", done: total, total, unit: "rows" });
      } finally {
        backup.close();
      }
    } finally {
      await store.close();
    }
    if (guard) {
      // Still ours, still empty: replace the empty database with the restored one.
      guard.close();
      guard = null;
      for (const f of [final, `${final}-wal`, `${final}-shm`]) rmSync(f, { force: true });
    }
    try {
      linkSync(path.join(staging, "glossa.sqlite"), final);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") {
        throw new BackupError(
          `A glossa.sqlite appeared in ${dataDir} while restoring (did a server start?); it was left untouched and nothing was restored.`,
        );
      }
      throw err;
    }
    syncFile(dataDir);
    return final;
  } finally {
    guard?.close();
    rmSync(staging, { recursive: true, force: true });
  }
}

/// Opens an existing glossa.sqlite in exclusive mode — which fails while any
/// other process (a running server, a command) has it open — and checks it
/// holds no work. Returns the connection, which keeps others out until closed.
function claimEmptySqlite(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true, timeout: 200 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    try {
      db.exec("BEGIN EXCLUSIVE");
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
        throw new BackupError(
          `${file} is in use (is a Glossa server running on this data folder?); nothing was restored. Stop it, and restore into an empty data folder.`,
        );
      }
      throw err;
    }
    const counts = new Map<string, number>();
    for (const t of userTables(db)) {
      counts.set(t, Number((db.prepare(`SELECT count(*) AS n FROM ${q(t)}`).get() as Row).n));
    }
    db.exec("COMMIT");
    if ([...counts].some(([t, n]) => n > 0 && !TRANSIENT.has(t))) {
      throw notEmpty(`The data folder ${path.dirname(file)}`, counts);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function checkCounts(info: BackupInfo, count: (table: string) => number): void {
  for (const [t, n] of Object.entries(info.tables)) {
    const have = count(t);
    if (have !== n) {
      throw new BackupError(
        `The restored table "${t}" has ${have} rows where the backup has ${n}; nothing was restored.`,
      );
    }
  }
}

async function restoreIntoPostgres(
  info: BackupInfo & { sequences: Sequence[] },
  url: string,
  prepare: ((store: Store) => Promise<void>) | undefined,
  onProgress: OnProgress,
): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((err: Error) => {
    throw new BackupError(`Could not reach the PostgreSQL database: ${err.message}`);
  });
  const database = String((await client.query("SELECT current_database() AS d")).rows[0].d);
  try {
    /// Client connections to the database other than this one. A connection
    /// just closed (ours, after creating the tables) may linger for a moment.
    const others = async () => {
      for (let attempt = 0; ; attempt++) {
        const n = Number(
          (
            await client.query(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()
               AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
            )
          ).rows[0].n,
        );
        if (n === 0 || attempt >= 20) return n;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const inUse = () =>
      new BackupError(
        `The PostgreSQL database "${database}" is in use by another program (a running Glossa server?); nothing was restored. Stop it, and restore into a new, empty database.`,
      );
    if ((await others()) > 0) throw inUse();
    // Creates Glossa's tables (a no-op where they exist), then lets go.
    const store = await PostgresStore.open(url);
    try {
      await prepare?.(store);
    } finally {
      await store.close();
    }
    const backup = new Database(info.file, { readonly: true });
    try {
      await client.query("BEGIN");
      try {
        const tableColumns = async (t: string) =>
          new Map(
            (
              await client.query(
                `SELECT column_name, data_type, column_default FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1`,
                [t],
              )
            ).rows.map((r) => [
              String(r.column_name),
              { type: String(r.data_type), serial: /^nextval\(/.test(String(r.column_default)) },
            ]),
          );
        const existing = (
          await client.query(
            `SELECT table_name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        ).rows.map((r) => String(r.table_name));
        await client.query(`LOCK TABLE ${existing.map(q).join(", ")} IN ACCESS EXCLUSIVE MODE`);
        if ((await others()) > 0) throw inUse();
        const counts = new Map<string, number>();
        for (const t of existing) {
          counts.set(
            t,
            Number((await client.query(`SELECT count(*) AS n FROM ${q(t)}`)).rows[0].n),
          );
        }
        if ([...counts].some(([t, n]) => n > 0 && !TRANSIENT.has(t))) {
          throw notEmpty(`The PostgreSQL database "${database}"`, counts);
        }
        const total = Object.values(info.tables).reduce((a, b) => a + b, 0);
        let done = 0;
        for (const table of Object.keys(info.tables)) {
          const types = declaredTypes(backup, table);
          if (!existing.includes(table)) {
            await client.query(
              `CREATE TABLE ${q(table)} (${[...types].map(([c, t]) => `${q(c)} ${pgType(t)}`).join(", ")})`,
            );
          } else {
            const have = await tableColumns(table);
            for (const [c, t] of types) {
              if (!have.has(c))
                await client.query(`ALTER TABLE ${q(table)} ADD COLUMN ${q(c)} ${pgType(t)}`);
            }
          }
          const cols = await tableColumns(table);
          await client.query(`DELETE FROM ${q(table)}`);
          for (const { columns, rows } of batches(backup, table)) {
            const per = Math.max(1, Math.floor(30_000 / columns.length));
            for (let i = 0; i < rows.length; i += per) {
              const chunk = rows.slice(i, i + per);
              const params: unknown[] = [];
              const values = chunk.map(
                (r) =>
                  `(${r
                    .map((v, j) => {
                      params.push(toPgValue(v, cols.get(columns[j]!)?.type ?? "text"));
                      return `$${params.length}`;
                    })
                    .join(", ")})`,
              );
              await client.query(
                `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES ${values.join(", ")}`,
                params,
              );
            }
            done += rows.length;
            onProgress({ step: table, done, total, unit: "rows" });
          }
          // Auto-numbered columns continue after every number ever handed out.
          for (const [c, meta] of cols) {
            if (!meta.serial) continue;
            const recorded =
              info.sequences.find((s) => s.table === table && s.column === c)?.value ?? 0;
            await client.query(
              `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3::bigint, (SELECT COALESCE(max(${q(c)}), 0) FROM ${q(table)}), 1))`,
              [q(table), c, recorded],
            );
          }
        }
        const after = new Map<string, number>();
        for (const t of Object.keys(info.tables)) {
          after.set(t, Number((await client.query(`SELECT count(*) AS n FROM ${q(t)}`)).rows[0].n));
        }
        checkCounts(info, (t) => after.get(t) ?? 0);
        await client.query("COMMIT");
        onProgress({ step: "done", done: total, total, unit: "rows" });
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      }
    } finally {
      backup.close();
    }
    return `PostgreSQL database "${database}"`;
  } finally {
    await client.end().catch(() => {});
  }
}
