import type pg from "pg";
import type { Store } from "../storage/index.ts";
import { PostgresStore } from "../storage/PostgresStore.ts";
import { SqliteStore } from "../storage/SqliteStore.ts";

/// What a version records: a person's named version, an automatic
/// checkpoint (taken before a restore), or the state right after a restore.
export type VersionKind = "named" | "auto" | "restore";

/// One saved version of a document (docs/design.md §7): the text's Yjs state and the
/// annotation records at that moment, who saved it and when.
export interface VersionRecord {
  id: string;
  documentId: string;
  name: string;
  kind: VersionKind;
  createdAt: string;
  /// The user who saved it (or restored), null for Glossa itself.
  createdBy: string | null;
  /// For `restore` entries: the version that was restored.
  restoredFrom: string | null;
  /// `Y.encodeStateAsUpdate` of the text document at that moment.
  textState: Uint8Array;
  /// JSON of every annotation (deleted ones included) at that moment.
  annotations: string;
}

export type VersionMeta = Omit<VersionRecord, "textState" | "annotations">;

/// Which user's edits a Yjs client id carries in a document.
export interface ClientRecord {
  clientId: number;
  /// Null for Glossa's own changes (annotation marks written by the server).
  userId: string | null;
  firstSeen: string;
}

/// Who deleted a stretch of Yjs items: `len` items of `clientId` from
/// `clock` (the ids of the deleted items, not of the deleter's client).
export interface DeletionRecord {
  clientId: number;
  clock: number;
  len: number;
  userId: string | null;
  deletedAt: string;
}

/// Storage of versions and of the Yjs client → user map, kept beside the
/// main `Store` in the same database (same SQLite file, same PostgreSQL
/// database) but in tables of its own, so this concern stays in `versions/`.
export interface VersionStore {
  createVersion(v: VersionRecord): Promise<void>;
  listVersions(documentId: string): Promise<VersionMeta[]>;
  getVersion(documentId: string, id: string): Promise<VersionRecord | null>;
  /// Records client → user pairs; a client already recorded keeps its first user.
  recordClients(documentId: string, clients: ClientRecord[]): Promise<void>;
  /// Same, synchronously where the store allows it (SQLite), else null.
  recordClientsSync?(documentId: string, clients: ClientRecord[]): void;
  listClients(documentId: string): Promise<ClientRecord[]>;
  /// Records who deleted which items (the delete set of an update a person sent).
  recordDeletions(documentId: string, deletions: DeletionRecord[]): Promise<void>;
  /// Same, synchronously where the store allows it (SQLite).
  recordDeletionsSync?(documentId: string, deletions: DeletionRecord[]): void;
  /// Same, in the transaction of the next journal commit (SQLite: no fsync
  /// of its own per keystroke; see `SqliteStore.withNextCommit`).
  recordDeletionsWithJournal?(documentId: string, deletions: DeletionRecord[]): void;
  listDeletions(documentId: string): Promise<DeletionRecord[]>;
  /// Forgets a document's versions, client map and deletions (the document is purged).
  deleteDocument(documentId: string): Promise<void>;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS versions (
     id TEXT PRIMARY KEY, document_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
     created_at TEXT NOT NULL, created_by TEXT, restored_from TEXT,
     text_state BYTEA NOT NULL, annotations TEXT NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS versions_document ON versions (document_id, created_at)",
  `CREATE TABLE IF NOT EXISTS yjs_clients (
     document_id TEXT NOT NULL, client_id BIGINT NOT NULL, user_id TEXT,
     first_seen TEXT NOT NULL, PRIMARY KEY (document_id, client_id))`,
  `CREATE TABLE IF NOT EXISTS yjs_deletions (
     document_id TEXT NOT NULL, client_id BIGINT NOT NULL, clock BIGINT NOT NULL,
     len BIGINT NOT NULL, user_id TEXT, deleted_at TEXT NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS yjs_deletions_document ON yjs_deletions (document_id)",
];

type Row = Record<string, unknown>;

const toMeta = (r: Row): VersionMeta => ({
  id: r.id as string,
  documentId: r.document_id as string,
  name: r.name as string,
  kind: r.kind as VersionKind,
  createdAt: r.created_at as string,
  createdBy: (r.created_by as string | null) ?? null,
  restoredFrom: (r.restored_from as string | null) ?? null,
});

const toRecord = (r: Row): VersionRecord => ({
  ...toMeta(r),
  textState: new Uint8Array(r.text_state as Buffer),
  annotations: r.annotations as string,
});

const toClient = (r: Row): ClientRecord => ({
  clientId: Number(r.client_id),
  userId: (r.user_id as string | null) ?? null,
  firstSeen: r.first_seen as string,
});

const toDeletion = (r: Row): DeletionRecord => ({
  clientId: Number(r.client_id),
  clock: Number(r.clock),
  len: Number(r.len),
  userId: (r.user_id as string | null) ?? null,
  deletedAt: r.deleted_at as string,
});

const INSERT_DELETION =
  "INSERT INTO yjs_deletions (document_id, client_id, clock, len, user_id, deleted_at) VALUES";

const META_COLUMNS = "id, document_id, name, kind, created_at, created_by, restored_from";

class SqliteVersionStore implements VersionStore {
  constructor(private readonly store: SqliteStore) {
    for (const sql of SCHEMA) store.db.exec(sql.replace(/BYTEA/g, "BLOB"));
  }
  async createVersion(v: VersionRecord): Promise<void> {
    this.store.db
      .prepare(
        `INSERT INTO versions (${META_COLUMNS}, text_state, annotations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.id,
        v.documentId,
        v.name,
        v.kind,
        v.createdAt,
        v.createdBy,
        v.restoredFrom,
        Buffer.from(v.textState),
        v.annotations,
      );
  }
  async listVersions(documentId: string): Promise<VersionMeta[]> {
    return (
      this.store.db
        .prepare(
          `SELECT ${META_COLUMNS} FROM versions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC`,
        )
        .all(documentId) as Row[]
    ).map(toMeta);
  }
  async getVersion(documentId: string, id: string): Promise<VersionRecord | null> {
    const r = this.store.db
      .prepare("SELECT * FROM versions WHERE document_id = ? AND id = ?")
      .get(documentId, id) as Row | undefined;
    return r ? toRecord(r) : null;
  }
  recordClientsSync(documentId: string, clients: ClientRecord[]): void {
    const insert = this.store.db.prepare(
      "INSERT INTO yjs_clients (document_id, client_id, user_id, first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    );
    this.store.db.transaction(() => {
      for (const c of clients) insert.run(documentId, c.clientId, c.userId, c.firstSeen);
    })();
  }
  async recordClients(documentId: string, clients: ClientRecord[]): Promise<void> {
    this.recordClientsSync(documentId, clients);
  }
  async deleteDocument(documentId: string): Promise<void> {
    this.store.db.transaction(() => {
      this.store.db.prepare("DELETE FROM versions WHERE document_id = ?").run(documentId);
      this.store.db.prepare("DELETE FROM yjs_clients WHERE document_id = ?").run(documentId);
      this.store.db.prepare("DELETE FROM yjs_deletions WHERE document_id = ?").run(documentId);
    })();
  }
  async listClients(documentId: string): Promise<ClientRecord[]> {
    return (
      this.store.db
        .prepare("SELECT * FROM yjs_clients WHERE document_id = ?")
        .all(documentId) as Row[]
    ).map(toClient);
  }
  recordDeletionsSync(documentId: string, deletions: DeletionRecord[]): void {
    const insert = this.store.db.prepare(`${INSERT_DELETION} (?, ?, ?, ?, ?, ?)`);
    this.store.db.transaction(() => {
      for (const d of deletions)
        insert.run(documentId, d.clientId, d.clock, d.len, d.userId, d.deletedAt);
    })();
  }
  async recordDeletions(documentId: string, deletions: DeletionRecord[]): Promise<void> {
    this.recordDeletionsSync(documentId, deletions);
  }
  recordDeletionsWithJournal(documentId: string, deletions: DeletionRecord[]): void {
    this.store.withNextCommit({
      sql: `${INSERT_DELETION} (?, ?, ?, ?, ?, ?)`,
      rows: deletions.map((d) => [documentId, d.clientId, d.clock, d.len, d.userId, d.deletedAt]),
    });
  }
  async listDeletions(documentId: string): Promise<DeletionRecord[]> {
    return (
      this.store.db
        .prepare("SELECT * FROM yjs_deletions WHERE document_id = ? ORDER BY rowid")
        .all(documentId) as Row[]
    ).map(toDeletion);
  }
}

class PostgresVersionStore implements VersionStore {
  private readonly ready: Promise<void>;
  private readonly pool: pg.Pool;
  constructor(store: PostgresStore) {
    const pool = store.pool;
    this.pool = pool;
    this.ready = (async () => {
      const client = await pool.connect();
      try {
        // Serialise schema creation between instances starting together.
        await client.query("SELECT pg_advisory_lock(7261004)");
        for (const sql of SCHEMA) await client.query(sql);
        await client.query("SELECT pg_advisory_unlock(7261004)");
      } finally {
        client.release();
      }
    })();
    this.ready.catch(() => {});
  }
  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    await this.ready;
    return (await this.pool.query(sql, params)).rows as Row[];
  }
  async createVersion(v: VersionRecord): Promise<void> {
    await this.q(
      `INSERT INTO versions (${META_COLUMNS}, text_state, annotations) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        v.id,
        v.documentId,
        v.name,
        v.kind,
        v.createdAt,
        v.createdBy,
        v.restoredFrom,
        Buffer.from(v.textState),
        v.annotations,
      ],
    );
  }
  async listVersions(documentId: string): Promise<VersionMeta[]> {
    return (
      await this.q(
        `SELECT ${META_COLUMNS} FROM versions WHERE document_id = $1 ORDER BY created_at DESC, id DESC`,
        [documentId],
      )
    ).map(toMeta);
  }
  async getVersion(documentId: string, id: string): Promise<VersionRecord | null> {
    const [r] = await this.q("SELECT * FROM versions WHERE document_id = $1 AND id = $2", [
      documentId,
      id,
    ]);
    return r ? toRecord(r) : null;
  }
  async recordClients(documentId: string, clients: ClientRecord[]): Promise<void> {
    for (const c of clients) {
      await this.q(
        "INSERT INTO yjs_clients (document_id, client_id, user_id, first_seen) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [documentId, c.clientId, c.userId, c.firstSeen],
      );
    }
  }
  async deleteDocument(documentId: string): Promise<void> {
    await this.q("DELETE FROM versions WHERE document_id = $1", [documentId]);
    await this.q("DELETE FROM yjs_clients WHERE document_id = $1", [documentId]);
    await this.q("DELETE FROM yjs_deletions WHERE document_id = $1", [documentId]);
  }
  async listClients(documentId: string): Promise<ClientRecord[]> {
    return (await this.q("SELECT * FROM yjs_clients WHERE document_id = $1", [documentId])).map(
      toClient,
    );
  }
  async recordDeletions(documentId: string, deletions: DeletionRecord[]): Promise<void> {
    for (const d of deletions)
      await this.q(`${INSERT_DELETION} ($1, $2, $3, $4, $5, $6)`, [
        documentId,
        d.clientId,
        d.clock,
        d.len,
        d.userId,
        d.deletedAt,
      ]);
  }
  async listDeletions(documentId: string): Promise<DeletionRecord[]> {
    return (
      await this.q("SELECT * FROM yjs_deletions WHERE document_id = $1 ORDER BY deleted_at", [
        documentId,
      ])
    ).map(toDeletion);
  }
}

/// The version store living in the same database as `store`; a server opens
/// one (app.ts) and passes it to what needs it.
export function openVersionStore(store: Store): VersionStore {
  if (store instanceof SqliteStore) return new SqliteVersionStore(store);
  if (store instanceof PostgresStore) return new PostgresVersionStore(store);
  throw new Error(`No version storage for a ${store.kind} store`);
}
