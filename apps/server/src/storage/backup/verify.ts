/// Checking a backup file before anything is restored from it.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  type BackupInfo,
  META,
  q,
  REQUIRED,
  type Row,
  type Sequence,
  SQLITE_HEADER,
  userTables,
} from "./format.ts";

const notBackupMessage = (abs: string) =>
  `${abs} is not a Glossa backup (made by \`glossa backup\`); nothing was restored.`;

const damagedError = (abs: string, why: string) =>
  new BackupError(
    `${abs} is damaged or incomplete (${why}); nothing was restored. Use another copy of the backup.`,
  );

/// Reads SQLite's file header of `abs` (`bytes` long): throws unless it is a
/// SQLite file at least as long as the pages its header counts.
function checkHeader(abs: string, bytes: number): void {
  const head = Buffer.alloc(100);
  const fd = openSync(abs, "r");
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 16).toString("latin1") !== SQLITE_HEADER) {
    throw new BackupError(notBackupMessage(abs));
  }
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  const pages = head.readUInt32BE(28);
  // The page count in the header is valid when its stamp matches the change counter.
  const headerValid = head.readUInt32BE(92) === head.readUInt32BE(24);
  if (headerValid && pages > 0 && bytes < pages * pageSize) {
    throw damagedError(abs, `${bytes} bytes where the file says ${pages * pageSize}`);
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
  const notBackup = notBackupMessage(abs);
  const damaged = (why: string) => damagedError(abs, why);
  checkHeader(abs, bytes);
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
