import type pg from "pg";
import { log } from "../log.ts";
import { MergeWorker } from "./mergeWorker.ts";
import {
  ADDED_COLUMNS,
  type JournalRow,
  type MergeParts,
  SQL_SCHEMA,
  type Store,
} from "./Store.ts";
import { PostgresSql } from "./sql/postgresSql.ts";
import type { Row } from "./sql/Sql.ts";
import { SqlTables } from "./sql/tables.ts";

/// Creates the schema (serialised between instances starting together).
async function createSchema(client: pg.PoolClient): Promise<void> {
  await client.query("SELECT pg_advisory_lock(7261001)");
  for (const sql of SQL_SCHEMA) await client.query(sql);
  await client.query(
    "CREATE TABLE IF NOT EXISTS journal (seq BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, update_data BYTEA NOT NULL)",
  );
  await client.query("CREATE INDEX IF NOT EXISTS journal_name ON journal (name, seq)");
  await client.query(
    "ALTER TABLE users ADD COLUMN IF NOT EXISTS admin BOOLEAN NOT NULL DEFAULT false",
  );
  await client.query("ALTER TABLE shares ADD COLUMN IF NOT EXISTS expires_at TEXT");
  for (const c of ADDED_COLUMNS) {
    await client.query(`ALTER TABLE ${c.table} ADD COLUMN IF NOT EXISTS ${c.column} ${c.type}`);
  }
  await client.query("CREATE INDEX IF NOT EXISTS documents_deleted ON documents (deleted_at)");
  await client.query("SELECT pg_advisory_unlock(7261001)");
}

/// PostgreSQL storage, for several server instances sharing documents. The
/// journal is append-only; compaction runs under a per-document advisory lock
/// and merges stored rows, so instances never overwrite each other's state.
/// The tables' SQL is shared with SQLite (`sql/tables.ts`).
export class PostgresStore extends SqlTables implements Store {
  readonly kind = "postgres" as const;
  readonly pool: pg.Pool;
  private readonly pg: PostgresSql;
  private readonly merger = new MergeWorker();

  private constructor(sql: PostgresSql) {
    super(sql);
    this.pg = sql;
    this.pool = sql.pool;
  }

  static async open(url: string): Promise<PostgresStore> {
    // pg loaded for PostgreSQL only; no connection in 10 s fails, never hangs.
    const { Pool } = (await import("pg")).default;
    const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
    pool.on("error", (err) => log.error({ err: err.message }, "PostgreSQL connection error"));
    // A connection lost while a client is checked out (between the queries
    // of a compaction, say) must not crash the process: its queries fail
    // and the pool makes a new connection when PostgreSQL is back.
    pool.on("connect", (client) =>
      client.on("error", (err) => log.warn({ err: err.message }, "PostgreSQL connection lost")),
    );
    const store = new PostgresStore(new PostgresSql(pool));
    const client = await pool.connect().catch(async (err) => {
      await pool.end().catch(() => {});
      throw err;
    });
    try {
      await createSchema(client);
    } finally {
      client.release();
    }
    return store;
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    await this.sql.run("INSERT INTO journal (name, update_data) VALUES (?, ?)", [
      name,
      Buffer.from(update),
    ]);
  }

  private async parts(
    db: pg.Pool | pg.PoolClient,
    name: string,
  ): Promise<{ parts: Uint8Array[]; upto: number }> {
    const snap = (await db.query("SELECT state, upto FROM snapshots WHERE name = $1", [name]))
      .rows[0] as Row | undefined;
    const upto = snap ? Number(snap.upto) : 0;
    const rows = (
      await db.query(
        "SELECT seq, update_data FROM journal WHERE name = $1 AND seq > $2 ORDER BY seq",
        [name, upto],
      )
    ).rows as Row[];
    const parts: Uint8Array[] = [];
    if (snap) parts.push(new Uint8Array(snap.state as Buffer));
    for (const r of rows) parts.push(new Uint8Array(r.update_data as Buffer));
    return { parts, upto: rows.length ? Number(rows[rows.length - 1]!.seq) : upto };
  }

  async loadParts(name: string): Promise<Uint8Array[]> {
    return (await this.parts(this.pool, name)).parts;
  }

  /// One statement: every row or none.
  async appendUpdates(rows: JournalRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.run(
      `INSERT INTO journal (name, update_data) VALUES ${rows.map(() => "(?, ?)").join(", ")}`,
      rows.flatMap((r) => [r.name, Buffer.from(r.update)]),
    );
  }

  /// Merges in the merge worker unless `merge` is given.
  async compact(name: string, merge: MergeParts = this.merger.merge): Promise<void> {
    await this.pg.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [name]);
      const { parts, upto } = await this.parts(client, name);
      if (parts.length <= 1) return;
      await client.query(
        `INSERT INTO snapshots (name, state, upto) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, upto = excluded.upto`,
        [name, Buffer.from(await merge(parts)), upto],
      );
      await client.query("DELETE FROM journal WHERE name = $1 AND seq <= $2", [name, upto]);
    });
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    await this.merger.close();
    await this.pool.end();
  }
}
