import type { Role } from "@glossa/protocol";

/// A document's metadata row.
export interface DocumentRecord {
  id: string;
  title: string;
  createdAt: string;
  createdBy: string | null;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  /// scrypt hash (`scrypt$N$r$p$salt$hash`), or null until a password is set.
  passwordHash: string | null;
  createdAt: string;
}

export interface ShareRecord {
  documentId: string;
  userId: string;
  role: Role;
  grantedBy: string | null;
  grantedAt: string;
}

/// Durable storage behind Glossa: documents as an append-only journal of Yjs
/// updates plus compacted snapshots, and the accounts and grants that guard
/// them. Two implementations: SQLite files (default) and PostgreSQL.
///
/// The journal is the durability boundary: `appendUpdate` resolves only once
/// the update is on disk, and only then is the change reported as saved.
/// Stored state only ever grows: compaction merges, it never overwrites.
export interface Store {
  readonly kind: "sqlite" | "postgres";

  /// Appends one Yjs update to a Hocuspocus document's journal.
  appendUpdate(name: string, update: Uint8Array): Promise<void>;
  /// The document's stored snapshot followed by its journal updates, oldest
  /// first (empty for a new document); the caller applies them in order.
  loadParts(name: string): Promise<Uint8Array[]>;
  /// Folds the journal into the snapshot. `merge` turns the stored snapshot
  /// and journal updates into one update (done by the caller, which knows Yjs).
  compact(name: string, merge: (parts: Uint8Array[]) => Uint8Array): Promise<void>;
  /// Number of journal rows not yet compacted (for tests and metrics).
  journalLength(name: string): Promise<number>;

  createDocument(doc: DocumentRecord): Promise<void>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  findDocumentsByTitle(title: string): Promise<DocumentRecord[]>;
  listDocuments(): Promise<DocumentRecord[]>;
  renameDocument(id: string, title: string): Promise<void>;

  createUser(user: UserRecord): Promise<void>;
  getUser(id: string): Promise<UserRecord | null>;
  getUserByEmail(email: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  setPassword(userId: string, hash: string): Promise<void>;

  setShare(share: ShareRecord): Promise<void>;
  removeShare(documentId: string, userId: string): Promise<boolean>;
  getRole(documentId: string, userId: string): Promise<Role | null>;
  listShares(documentId: string): Promise<ShareRecord[]>;
  listDocumentsFor(userId: string): Promise<(DocumentRecord & { role: Role })[]>;

  /// Key-value settings (signing secret, one-time codes…).
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  deleteSetting(key: string): Promise<void>;

  close(): Promise<void>;
}

/// Schema shared by both SQL back ends (types kept to what both accept).
export const SQL_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS documents (
     id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT)`,
  `CREATE TABLE IF NOT EXISTS snapshots (
     name TEXT PRIMARY KEY, state BYTEA NOT NULL, upto BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS users (
     id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
     password_hash TEXT, created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS shares (
     document_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL,
     granted_by TEXT, granted_at TEXT NOT NULL, PRIMARY KEY (document_id, user_id))`,
  `CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];
