/// What the SQL tables of both stores are written against: the same SQL text
/// (placeholders `?`), run by SQLite (better-sqlite3, `sqliteSql.ts`) or
/// PostgreSQL (pg, `postgresSql.ts`, which numbers the placeholders).

export type Row = Record<string, unknown>;

/// One statement and its parameters.
export interface Statement {
  sql: string;
  params: unknown[];
}

export interface Sql {
  /// Every row the statement returns.
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /// Rows changed by the statement.
  run(sql: string, params?: unknown[]): Promise<number>;
  /// The statements in one transaction, in order: every one or none. The
  /// rows changed by each.
  batch(statements: Statement[]): Promise<number[]>;
  /// `column`'s test against a list of values, in this dialect: SQLite
  /// `IN (?, ?, …)`, PostgreSQL `= ANY(?)` with the list as one parameter.
  inList(values: unknown[]): Statement;
  /// A boolean as the `users.admin` column holds it (SQLite 0/1).
  bool(value: boolean): unknown;
  /// Creates tables (`CREATE … IF NOT EXISTS` as PostgreSQL writes them;
  /// SQLite reads BYTEA as BLOB), serialised between processes under the
  /// advisory lock `lockKey` where the dialect has one (PostgreSQL).
  createTables(statements: string[], lockKey: number): Promise<void>;
  /// An ORDER BY key that follows insertion where the dialect keeps one
  /// (SQLite's `rowid`), else `otherwise`.
  insertionOrder(otherwise: string): string;
}
