/// The backup file's format: its description table, the tables it must hold,
/// progress reports, and the row and type conversions shared by writing,
/// verifying and restoring (docs/decisions/0005-backup-and-restore.md).
import { closeSync, fsyncSync, openSync } from "node:fs";
import type Database from "better-sqlite3";

/// A backup is one SQLite file, whatever store it came from: every table of
/// the store with its rows, plus a `glossa_backup` table describing it
/// (format, version, source, row counts, journal sequence). One restore path
/// serves both stores, and a PostgreSQL backup restores into SQLite and back.
export const BACKUP_FORMAT = "glossa-backup";
/// Raised when the layout of a backup changes; older Glossa refuses newer.
export const BACKUP_FORMAT_VERSION = 1;
export const META = "glossa_backup";
/// Tables every backup holds (more may follow: every table is copied).
export const REQUIRED = [
  "documents",
  "snapshots",
  "journal",
  "users",
  "shares",
  "settings",
  "sessions",
];
/// Tables whose rows say nothing about the team's work: a store holding
/// only these counts as empty (a signing secret written at start, attempts).
export const TRANSIENT = new Set(["settings", "failed_attempts"]);
export const SQLITE_HEADER = "SQLite format 3\0";

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
export interface Sequence {
  table: string;
  column: string;
  value: number;
}

export type Row = Record<string, unknown>;
export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const BATCH_ROWS = 1000;
export const BATCH_BYTES = 8 << 20;

/// The tables of a SQLite database, without SQLite's own and the description.
export function userTables(db: Database.Database): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ? ORDER BY name`,
      )
      .all(META) as Row[]
  ).map((r) => String(r.name));
}

export function sqliteType(pgType: string): string {
  if (pgType === "bytea") return "BLOB";
  if (/^(smallint|integer|bigint|boolean)$/.test(pgType)) return "INTEGER";
  if (/^(real|double precision)$/.test(pgType)) return "REAL";
  return "TEXT";
}

/// A declared type read from a backup, reduced to one of SQLite's storage
/// classes: never copied into SQL as written (the file may be crafted).
export const plainSqliteType = (declared: string) => sqliteType(pgType(declared).toLowerCase());

export function pgType(sqliteDeclared: string): string {
  const t = sqliteDeclared.toUpperCase();
  if (t.includes("BLOB") || t.includes("BYTEA")) return "BYTEA";
  if (t.includes("INT")) return "BIGINT";
  if (t.includes("REAL") || t.includes("DOUB") || t.includes("FLOA")) return "DOUBLE PRECISION";
  return "TEXT";
}

export function toSqliteValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "object") return JSON.stringify(v);
  return v;
}

export function toPgValue(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (type === "boolean") return v === 1 || v === 1n || v === "1" || v === "true" || v === true;
  if (type === "bytea") return Buffer.isBuffer(v) ? v : Buffer.from(String(v));
  if (/^(text|character)/.test(type)) return Buffer.isBuffer(v) ? v.toString() : String(v);
  if (typeof v === "bigint") return v.toString();
  return v;
}

export function syncFile(p: string): void {
  const fd = openSync(p, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/// Refusal for a store that already holds work.
export function notEmpty(where: string, counts: Map<string, number>): BackupError {
  const docs = counts.get("documents") ?? 0;
  const users = counts.get("users") ?? 0;
  return new BackupError(
    `${where} already holds Glossa data (${docs} document(s), ${users} account(s)); nothing was restored. ` +
      "Restore into an empty data folder or a new, empty database, then point the server at it.",
  );
}

/// Rows of the backup, in batches, with the target columns' names.
export function* batches(
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

export function declaredTypes(db: Database.Database, table: string): Map<string, string> {
  return new Map(
    (db.prepare(`PRAGMA table_info(${q(table)})`).all() as Row[]).map((c) => [
      String(c.name),
      String(c.type),
    ]),
  );
}

export function checkCounts(info: BackupInfo, count: (table: string) => number): void {
  for (const [t, n] of Object.entries(info.tables)) {
    const have = count(t);
    if (have !== n) {
      throw new BackupError(
        `The restored table "${t}" has ${have} rows where the backup has ${n}; nothing was restored.`,
      );
    }
  }
}
