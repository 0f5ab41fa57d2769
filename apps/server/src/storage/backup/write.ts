/// Writing a backup: SQLite's online backup API, or one `REPEATABLE READ`
/// snapshot of every PostgreSQL table streamed through a cursor.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BATCH_ROWS,
  BackupError,
  type BackupInfo,
  META,
  type OnProgress,
  q,
  type Row,
  type Sequence,
  sqliteType,
  syncFile,
  toSqliteValue,
  userTables,
} from "./format.ts";

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
    const tables = await pgTables(client);
    const total = [...tables.values()].reduce((a, b) => a + b.count, 0);
    let done = 0;
    const sequences: Sequence[] = [];
    for (const [t, { columns: cols }] of tables) {
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
      sequences.push(...(await pgSequences(client, t, cols)));
    }
    onProgress({ step: "done", done: total, total, unit: "rows" });
    await client.query("COMMIT");
    return sequences;
  } finally {
    out.close();
    await client.end().catch(() => {});
  }
}

type PgColumn = { name: string; type: string; serial: boolean };

/// Every table of the schema, by name, with its columns and rows; refuses a
/// database without Glossa's `documents` table.
async function pgTables(
  client: pg.Client,
): Promise<Map<string, { columns: PgColumn[]; count: number }>> {
  const tables = (
    await client.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows.map((r) => String(r.table_name));
  if (!tables.includes("documents")) {
    throw new BackupError("This PostgreSQL database holds no Glossa data (no documents table).");
  }
  const found = new Map<string, { columns: PgColumn[]; count: number }>();
  for (const t of tables) {
    const columns = (
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
    const count = Number((await client.query(`SELECT count(*) AS n FROM ${q(t)}`)).rows[0].n);
    found.set(t, { columns, count });
  }
  return found;
}

/// The last number each sequence of table `t` handed out.
async function pgSequences(
  client: pg.Client,
  t: string,
  cols: readonly PgColumn[],
): Promise<Sequence[]> {
  const sequences: Sequence[] = [];
  for (const c of cols.filter((c) => c.serial)) {
    const seq = (await client.query("SELECT pg_get_serial_sequence($1, $2) AS s", [q(t), c.name]))
      .rows[0].s as string | null;
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
  return sequences;
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
