import type Database from "better-sqlite3";
import type { Row, Sql, Statement } from "./Sql.ts";

/// Statements kept prepared; SQL text with a list of values (`inList`)
/// varies with the list's length, so the cache stops growing at this size.
const MAX_PREPARED = 256;

/// `Sql` on one better-sqlite3 connection. Every statement runs when called
/// (synchronously, as better-sqlite3 does); the promise only carries its result.
export class SqliteSql implements Sql {
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let s = this.prepared.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.prepared.size < MAX_PREPARED) this.prepared.set(sql, s);
    }
    return s;
  }

  async all(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.statement(sql).all(...params) as Row[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    return this.statement(sql).run(...params).changes;
  }
  async batch(statements: Statement[]): Promise<number[]> {
    return this.db.transaction(() =>
      statements.map((s) => this.statement(s.sql).run(...s.params).changes),
    )();
  }
  inList(values: unknown[]): Statement {
    return { sql: `IN (${values.map(() => "?").join(", ")})`, params: values };
  }
  bool(value: boolean): unknown {
    return value ? 1 : 0;
  }
  /// Run when called, before the promise returns (one connection: no lock).
  async createTables(statements: string[]): Promise<void> {
    for (const sql of statements) this.db.exec(sql.replace(/BYTEA/g, "BLOB"));
  }
  insertionOrder(): string {
    return "rowid";
  }
}
