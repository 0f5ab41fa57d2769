/// Restoring a verified backup into an empty, unused store, in one transaction.
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { PostgresStore } from "../PostgresStore.ts";
import { SqliteStore } from "../SqliteStore.ts";
import type { Store } from "../Store.ts";
import {
  BackupError,
  type BackupInfo,
  batches,
  checkCounts,
  declaredTypes,
  notEmpty,
  type OnProgress,
  pgType,
  plainSqliteType,
  q,
  type Row,
  type Sequence,
  syncFile,
  TRANSIENT,
  toPgValue,
  userTables,
} from "./format.ts";
import { verifyBackup } from "./verify.ts";

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
      copyIntoSqlite(store.db, info, onProgress);
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

/// Counts rows restored across tables for `onProgress`.
function progressOf(info: BackupInfo, onProgress: OnProgress) {
  const total = Object.values(info.tables).reduce((a, b) => a + b, 0);
  let done = 0;
  return {
    rows(table: string, n: number) {
      done += n;
      onProgress({ step: table, done, total, unit: "rows" });
    },
    done() {
      onProgress({ step: "done", done: total, total, unit: "rows" });
    },
  };
}

/// Every table of the backup into the staging database `db`, in one
/// transaction, its AUTOINCREMENT numbering continued; the counts checked.
function copyIntoSqlite(
  db: Database.Database,
  info: BackupInfo & { sequences: Sequence[] },
  onProgress: OnProgress,
): void {
  const backup = new Database(info.file, { readonly: true });
  try {
    const progress = progressOf(info, onProgress);
    db.exec("BEGIN IMMEDIATE");
    try {
      for (const table of Object.keys(info.tables)) copySqliteTable(db, backup, table, progress);
      continueSqliteSequences(db, info.sequences);
      checkCounts(info, (t) =>
        Number((db.prepare(`SELECT count(*) AS n FROM ${q(t)}`).get() as Row).n),
      );
      db.exec("COMMIT");
    } catch (err) {
      db.exec("ROLLBACK");
      throw err;
    }
    progress.done();
  } finally {
    backup.close();
  }
}

/// One table: created or given the backup's missing columns, emptied, filled.
function copySqliteTable(
  db: Database.Database,
  backup: Database.Database,
  table: string,
  progress: ReturnType<typeof progressOf>,
): void {
  const have = declaredTypes(db, table);
  const types = declaredTypes(backup, table);
  if (have.size === 0) {
    db.exec(
      `CREATE TABLE ${q(table)} (${[...types].map(([c, t]) => `${q(c)} ${plainSqliteType(t)}`).join(", ")})`,
    );
  } else {
    for (const [c, t] of types) {
      if (!have.has(c)) db.exec(`ALTER TABLE ${q(table)} ADD COLUMN ${q(c)} ${plainSqliteType(t)}`);
    }
  }
  db.prepare(`DELETE FROM ${q(table)}`).run();
  let insert: Database.Statement | null = null;
  for (const { columns, rows } of batches(backup, table)) {
    insert ??= db.prepare(
      `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    for (const r of rows) insert.run(...r);
    progress.rows(table, rows.length);
  }
}

/// AUTOINCREMENT numbering continues after the recorded sequences.
function continueSqliteSequences(db: Database.Database, sequences: readonly Sequence[]): void {
  const hasSeq = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
    .get();
  for (const s of sequences) {
    if (!hasSeq) break;
    const updated = db
      .prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?")
      .run(s.value, s.table).changes;
    const auto = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(s.table) as Row | undefined;
    if (!updated && /AUTOINCREMENT/i.test(String(auto?.sql ?? ""))) {
      db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)").run(s.table, s.value);
    }
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
    if ((await otherClients(client)) > 0) throw inUse(database);
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
        const existing = await claimEmptyPostgres(client, database);
        const progress = progressOf(info, onProgress);
        for (const table of Object.keys(info.tables))
          await copyPgTable(client, backup, table, existing, info.sequences, progress);
        const after = new Map<string, number>();
        for (const t of Object.keys(info.tables)) {
          after.set(t, Number((await client.query(`SELECT count(*) AS n FROM ${q(t)}`)).rows[0].n));
        }
        checkCounts(info, (t) => after.get(t) ?? 0);
        await client.query("COMMIT");
        progress.done();
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

/// Client connections to the database other than this one. A connection
/// just closed (ours, after creating the tables) may linger for a moment.
async function otherClients(client: pg.Client): Promise<number> {
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
}

const inUse = (database: string) =>
  new BackupError(
    `The PostgreSQL database "${database}" is in use by another program (a running Glossa server?); nothing was restored. Stop it, and restore into a new, empty database.`,
  );

/// Inside the restore's transaction: locks every table, refuses a database
/// another program uses or that holds work; returns the existing tables.
async function claimEmptyPostgres(client: pg.Client, database: string): Promise<string[]> {
  const existing = (
    await client.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    )
  ).rows.map((r) => String(r.table_name));
  await client.query(`LOCK TABLE ${existing.map(q).join(", ")} IN ACCESS EXCLUSIVE MODE`);
  if ((await otherClients(client)) > 0) throw inUse(database);
  const counts = new Map<string, number>();
  for (const t of existing) {
    counts.set(t, Number((await client.query(`SELECT count(*) AS n FROM ${q(t)}`)).rows[0].n));
  }
  if ([...counts].some(([t, n]) => n > 0 && !TRANSIENT.has(t))) {
    throw notEmpty(`The PostgreSQL database "${database}"`, counts);
  }
  return existing;
}

/// A table's columns: their type and whether a sequence numbers them.
async function tableColumns(client: pg.Client, t: string) {
  return new Map(
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
}

/// One table: created or given the backup's missing columns, emptied,
/// filled in chunks of at most 30 000 parameters, its sequences continued.
async function copyPgTable(
  client: pg.Client,
  backup: Database.Database,
  table: string,
  existing: readonly string[],
  sequences: readonly Sequence[],
  progress: ReturnType<typeof progressOf>,
): Promise<void> {
  const types = declaredTypes(backup, table);
  if (!existing.includes(table)) {
    await client.query(
      `CREATE TABLE ${q(table)} (${[...types].map(([c, t]) => `${q(c)} ${pgType(t)}`).join(", ")})`,
    );
  } else {
    const have = await tableColumns(client, table);
    for (const [c, t] of types) {
      if (!have.has(c))
        await client.query(`ALTER TABLE ${q(table)} ADD COLUMN ${q(c)} ${pgType(t)}`);
    }
  }
  const cols = await tableColumns(client, table);
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
    progress.rows(table, rows.length);
  }
  // Auto-numbered columns continue after every number ever handed out.
  for (const [c, meta] of cols) {
    if (!meta.serial) continue;
    const recorded = sequences.find((s) => s.table === table && s.column === c)?.value ?? 0;
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3::bigint, (SELECT COALESCE(max(${q(c)}), 0) FROM ${q(table)}), 1))`,
      [q(table), c, recorded],
    );
  }
}
