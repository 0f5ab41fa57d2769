import type { Store } from "../storage/index.ts";
import type { Row, Sql, Statement } from "../storage/sql/Sql.ts";
import type { SideWrite } from "../storage/sqliteJournal.ts";

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
  listClients(documentId: string): Promise<ClientRecord[]>;
  /// Records who deleted which items (the delete set of an update a person sent).
  recordDeletions(documentId: string, deletions: DeletionRecord[]): Promise<void>;
  /// Same, in the transaction of the next journal commit, where the store
  /// offers one (SQLite: no fsync of its own per keystroke; see
  /// `SqliteStore.withNextCommit`).
  readonly recordDeletionsWithJournal?: (documentId: string, deletions: DeletionRecord[]) => void;
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

const INSERT_CLIENT =
  "INSERT INTO yjs_clients (document_id, client_id, user_id, first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

const INSERT_DELETION =
  "INSERT INTO yjs_deletions (document_id, client_id, clock, len, user_id, deleted_at) VALUES (?, ?, ?, ?, ?, ?)";

const META_COLUMNS = "id, document_id, name, kind, created_at, created_by, restored_from";

/// Serialises the version tables' creation between PostgreSQL instances.
const SCHEMA_LOCK = 7261004;

/// The version tables on the store's SQL runner (`storage/sql/Sql.ts`),
/// written once for SQLite and PostgreSQL like the store's own tables.
class SqlVersionStore implements VersionStore {
  private readonly ready: Promise<void>;
  /// A deletion record carried by the store's next journal commit, where
  /// the store offers it (SQLite: no fsync of its own per keystroke).
  readonly recordDeletionsWithJournal?: (documentId: string, deletions: DeletionRecord[]) => void;

  constructor(
    private readonly sql: Sql,
    withNextCommit?: (write: SideWrite) => void,
    /// Where the store has one (SQLite), client claims are written by the
    /// journal's worker: a claim comes with a person's first keystroke in a
    /// document, and its own transaction on the event loop held every
    /// document there for an fsync (1–3 ms each in the crowd bench's profile).
    private readonly writeWithJournal?: (write: SideWrite) => Promise<void>,
  ) {
    this.ready = sql.createTables(SCHEMA, SCHEMA_LOCK);
    this.ready.catch(() => {});
    if (withNextCommit) {
      this.recordDeletionsWithJournal = (documentId, deletions) =>
        withNextCommit({
          sql: INSERT_DELETION,
          rows: deletions.map((d) => deletionRow(documentId, d)),
        });
    }
  }
  private async all(sql: string, params: unknown[]): Promise<Row[]> {
    await this.ready;
    return this.sql.all(sql, params);
  }
  private async batch(statements: Statement[]): Promise<void> {
    await this.ready;
    await this.sql.batch(statements);
  }
  async createVersion(v: VersionRecord): Promise<void> {
    const params = [v.id, v.documentId, v.name, v.kind, v.createdAt, v.createdBy, v.restoredFrom];
    await this.batch([
      {
        sql: `INSERT INTO versions (${META_COLUMNS}, text_state, annotations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [...params, Buffer.from(v.textState), v.annotations],
      },
    ]);
  }
  async listVersions(documentId: string): Promise<VersionMeta[]> {
    const newest = `created_at DESC, ${this.sql.insertionOrder("id")} DESC`;
    return (
      await this.all(
        `SELECT ${META_COLUMNS} FROM versions WHERE document_id = ? ORDER BY ${newest}`,
        [documentId],
      )
    ).map(toMeta);
  }
  async getVersion(documentId: string, id: string): Promise<VersionRecord | null> {
    const [r] = await this.all("SELECT * FROM versions WHERE document_id = ? AND id = ?", [
      documentId,
      id,
    ]);
    return r ? toRecord(r) : null;
  }
  async recordClients(documentId: string, clients: ClientRecord[]): Promise<void> {
    const rows = clients.map((c) => [documentId, c.clientId, c.userId, c.firstSeen]);
    if (this.writeWithJournal) {
      await this.ready;
      return this.writeWithJournal({ sql: INSERT_CLIENT, rows });
    }
    await this.batch(rows.map((params) => ({ sql: INSERT_CLIENT, params })));
  }
  async listClients(documentId: string): Promise<ClientRecord[]> {
    return (await this.all("SELECT * FROM yjs_clients WHERE document_id = ?", [documentId])).map(
      toClient,
    );
  }
  async recordDeletions(documentId: string, deletions: DeletionRecord[]): Promise<void> {
    await this.batch(
      deletions.map((d) => ({ sql: INSERT_DELETION, params: deletionRow(documentId, d) })),
    );
  }
  async listDeletions(documentId: string): Promise<DeletionRecord[]> {
    const order = this.sql.insertionOrder("deleted_at");
    return (
      await this.all(`SELECT * FROM yjs_deletions WHERE document_id = ? ORDER BY ${order}`, [
        documentId,
      ])
    ).map(toDeletion);
  }
  async deleteDocument(documentId: string): Promise<void> {
    await this.batch(
      ["versions", "yjs_clients", "yjs_deletions"].map((table) => ({
        sql: `DELETE FROM ${table} WHERE document_id = ?`,
        params: [documentId],
      })),
    );
  }
}

function deletionRow(documentId: string, d: DeletionRecord): unknown[] {
  return [documentId, d.clientId, d.clock, d.len, d.userId, d.deletedAt];
}

/// The version store living in the same database as `store`, on its SQL
/// runner; a server opens one (app.ts) and passes it to what needs it.
export function openVersionStore(store: Store): VersionStore {
  return new SqlVersionStore(
    store.sql,
    store.withNextCommit?.bind(store),
    store.writeWithJournal?.bind(store),
  );
}
