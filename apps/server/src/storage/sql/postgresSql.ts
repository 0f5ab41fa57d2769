import type pg from "pg";
import type { Row, Sql, Statement } from "./Sql.ts";

/// SQL text written with `?` placeholders, numbered for PostgreSQL (`$1`,
/// `$2`, …). The SQL of the stores has no `?` of its own (no JSON operators).
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

const cache = new Map<string, string>();
function pgText(sql: string): string {
  let text = cache.get(sql);
  if (text === undefined) {
    text = numbered(sql);
    if (cache.size < 1024) cache.set(sql, text);
  }
  return text;
}

/// `Sql` on a pg pool: a statement on any connection, a batch on one.
export class PostgresSql implements Sql {
  constructor(readonly pool: pg.Pool) {}

  async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(pgText(sql), params)).rows as Row[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.pool.query(pgText(sql), params)).rowCount ?? 0;
  }
  async batch(statements: Statement[]): Promise<number[]> {
    return this.transaction(async (c) => {
      const changed: number[] = [];
      for (const s of statements)
        changed.push((await c.query(pgText(s.sql), s.params)).rowCount ?? 0);
      return changed;
    });
  }
  inList(values: unknown[]): Statement {
    return { sql: "= ANY(?)", params: [values] };
  }
  bool(value: boolean): unknown {
    return value;
  }
  async createTables(statements: string[], lockKey: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [lockKey]);
      for (const sql of statements) await client.query(sql);
      await client.query("SELECT pg_advisory_unlock($1)", [lockKey]);
    } finally {
      client.release();
    }
  }
  insertionOrder(otherwise: string): string {
    return otherwise;
  }

  /// Runs `fn` in one transaction on one connection.
  async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}
