import type { Role } from "@glossa/protocol";
import type { Sql } from "./sql/Sql.ts";
import type { SideWrite } from "./sqliteJournal.ts";

/// One update for a document's journal.
export interface JournalRow {
  name: string;
  update: Uint8Array;
}

/// Turns a snapshot and journal updates into one update.
export type MergeParts = (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>;

/// A document's metadata row.
export interface DocumentRecord {
  id: string;
  title: string;
  createdAt: string;
  createdBy: string | null;
  /// When it was moved to the trash (ISO time), and by whom; absent or null
  /// while it is in use. A document in the trash opens for no one; its
  /// owners may restore it until it is purged (`TRASH_DAYS`).
  deletedAt?: string | null;
  deletedBy?: string | null;
  /// When its text last changed and who changed it (recorded at most every
  /// few seconds per document); null before the first edit.
  lastEditedAt?: string | null;
  lastEditedBy?: string | null;
}

/// A document the user may open, with their share.
export type AccessibleDocument = DocumentRecord & {
  role: Role;
  /// Who gave the user access (null for the creator and the CLI).
  grantedBy: string | null;
};

/// A document whose text matched a search, with its stored plain text.
export interface TextMatch {
  id: string;
  text: string;
  /// `text` folded (`foldForSearch`), the same length.
  folded: string;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  /// scrypt hash (`scrypt$N$r$p$salt$hash`), or null until a password is set.
  passwordHash: string | null;
  createdAt: string;
  /// Administers the instance: lists accounts and issues password-reset
  /// links. The account created on first start is the administrator.
  admin?: boolean;
}

export interface ShareRecord {
  documentId: string;
  userId: string;
  role: Role;
  grantedBy: string | null;
  grantedAt: string;
  /// When the access ends (ISO time), or null/absent for no end.
  expiresAt?: string | null;
}

/// A signed-in browser or tool. Every token names its session (`sid`); a
/// revoked or expired session invalidates its tokens and live connections.
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: string;
  /// When a token was last issued for it (sign-in or renewal).
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /// What signed in (browser user agent, "cli", …), shortened.
  userAgent: string;
}

/// An invitation to a document: a link (its code is stored hashed) that
/// grants `role` to whoever accepts it before `expiresAt`, or only to
/// `email` when set; `maxUses` null means any number of people.
export interface InviteRecord {
  id: string;
  codeHash: string;
  documentId: string;
  role: Role;
  email: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  uses: number;
  maxUses: number | null;
  revokedAt: string | null;
}

/// An API token for scripts (docs/api.md "API tokens"): backed by a session
/// of the same id (revoking the session revokes the token, and cuts its live
/// websockets like any session); only a hash of its secret is stored.
export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  /// SHA-256 (hex) of the secret part of the token.
  secretHash: string;
  /// Documents the token may reach; null: every document its owner may open.
  documents: string[] | null;
  /// The highest role the token acts with.
  ceiling: Role;
  createdAt: string;
}

/// A webhook: where to POST which events, for one document or for every
/// document its owner owns (`documentId` null). `secret` signs deliveries;
/// it is stored sealed (AES-256-GCM, `webhooks/secretBox.ts`), never in clear.
export interface WebhookRecord {
  id: string;
  ownerId: string;
  documentId: string | null;
  url: string;
  events: string[];
  secret: string;
  description: string;
  createdAt: string;
}

/// One event to deliver to one webhook, kept until delivered or given up:
/// the durable queue (a restart loses none).
export interface DeliveryRecord {
  id: string;
  webhookId: string;
  event: string;
  /// The JSON body sent, exactly (the signature covers these bytes).
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  /// When the next attempt is due, ms since the epoch.
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/// True when an ISO expiry time is set and has passed.
export function isExpired(expiresAt: string | null | undefined, now = Date.now()): boolean {
  return !!expiresAt && Date.parse(expiresAt) <= now;
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
  /// The SQL runner of the store's database: other concerns keep their
  /// tables beside the store's on it (versions/VersionStore.ts).
  readonly sql: Sql;
  /// Queues a write into the next journal commit's transaction (SQLite: no
  /// fsync of its own); absent where the store has no such commit.
  withNextCommit?(write: SideWrite): void;
  /// The same write, at once and awaited, committed off the event loop.
  writeWithJournal?(write: SideWrite): Promise<void>;
  /// A connection that may write has arrived: get ready to commit (SQLite:
  /// start the journal's worker, stopped when idle, before the first write).
  expectWrites?(): void;

  /// Appends one Yjs update to a Hocuspocus document's journal.
  appendUpdate(name: string, update: Uint8Array): Promise<void>;
  /// Appends updates of any documents in one transaction: all are on disk
  /// when it resolves, none when it rejects (group commit).
  appendUpdates(rows: JournalRow[]): Promise<void>;
  /// The document's stored snapshot followed by its journal updates, oldest
  /// first (empty for a new document); the caller applies them in order.
  loadParts(name: string): Promise<Uint8Array[]>;
  /// Folds the journal into the snapshot, off the event loop: by default the
  /// store merges in a worker thread (SQLite: reads and writes there too).
  /// `merge`, when given, turns the stored snapshot and journal updates into
  /// one update instead. Rows appended meanwhile stay in the journal; when
  /// another process compacted first, nothing is written.
  compact(name: string, merge?: MergeParts): Promise<void>;
  /// Number of journal rows not yet compacted (for tests and metrics).
  journalLength(name: string): Promise<number>;

  createDocument(doc: DocumentRecord): Promise<void>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  findDocumentsByTitle(title: string): Promise<DocumentRecord[]>;
  listDocuments(): Promise<DocumentRecord[]>;
  renameDocument(id: string, title: string): Promise<void>;
  /// Moves a document to the trash; false when it already was. Live
  /// connections to it are closed by the access re-check this triggers.
  trashDocument(id: string, by: string, at: string): Promise<boolean>;
  /// Takes a document out of the trash; false when it was not in it.
  restoreDocument(id: string): Promise<boolean>;
  /// Documents in the trash that the user owns, most recently deleted first.
  listTrashFor(userId: string): Promise<DocumentRecord[]>;
  /// The user's role on a document that is in the trash (null otherwise):
  /// lets the server say "in the trash" to those who had access.
  getRoleInTrash(documentId: string, userId: string): Promise<Role | null>;
  /// Which of `ids` are in the trash.
  trashedAmong(ids: string[]): Promise<string[]>;
  /// Documents moved to the trash before `before` (ISO time).
  listTrashedBefore(before: string): Promise<string[]>;
  /// Removes a document for good: its row, journal, snapshot, shares,
  /// invitations and search text (versions live in the VersionStore).
  purgeDocument(id: string): Promise<void>;
  /// Records the latest edit of a document's text; never moves it backwards.
  recordEdit(id: string, at: string, by: string | null): Promise<void>;
  /// Stores the plain text of a document for search: as written, and folded
  /// (`foldForSearch`) for matching.
  setDocumentText(id: string, text: string, folded: string, at: string): Promise<void>;
  /// The same given in parts joined by the store, where that spares the
  /// event loop copying the whole text (SQLite: joined by its journal's worker).
  setDocumentTextParts?(
    id: string,
    parts: { text: string; folded: string }[],
    at: string,
  ): Promise<void>;
  /// Documents the user may open whose folded text contains `folded`.
  searchTextFor(userId: string, folded: string, limit: number): Promise<TextMatch[]>;
  /// Documents with no stored search text yet (created by older versions).
  listDocumentsWithoutText(): Promise<string[]>;

  createUser(user: UserRecord): Promise<void>;
  getUser(id: string): Promise<UserRecord | null>;
  getUserByEmail(email: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  setPassword(userId: string, hash: string): Promise<void>;
  setAdmin(userId: string, admin: boolean): Promise<void>;

  /// Grants or changes a role (and its expiry).
  setShare(share: ShareRecord): Promise<void>;
  removeShare(documentId: string, userId: string): Promise<boolean>;
  /// The user's role on a document, or null (no share, it expired, or the
  /// document is in the trash).
  getRole(documentId: string, userId: string): Promise<Role | null>;
  listShares(documentId: string): Promise<ShareRecord[]>;
  /// Every share of the given users, expired ones included (live checks).
  listSharesForUsers(userIds: string[]): Promise<ShareRecord[]>;
  /// The shares of exactly these (document, person) pairs, expired ones
  /// included: a check of a few connections reads their rows only.
  sharesOf(pairs: Pick<ShareRecord, "documentId" | "userId">[]): Promise<ShareRecord[]>;
  /// Documents the user may open now (expired shares and the trash left out).
  listDocumentsFor(userId: string): Promise<AccessibleDocument[]>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  getSessions(ids: string[]): Promise<SessionRecord[]>;
  listSessions(userId: string): Promise<SessionRecord[]>;
  touchSession(id: string, at: string): Promise<void>;
  /// Revokes one session of a user; false when there was none to revoke.
  revokeSession(userId: string, id: string): Promise<boolean>;
  /// Revokes all sessions of a user, except `exceptId`; returns how many.
  revokeUserSessions(userId: string, exceptId?: string): Promise<number>;

  /// API tokens: created with their session (same id), listed by owner.
  createApiToken(token: ApiTokenRecord, session: SessionRecord): Promise<void>;
  getApiToken(id: string): Promise<ApiTokenRecord | null>;
  listApiTokens(userId: string): Promise<ApiTokenRecord[]>;
  /// Webhooks and their delivery queue (webhooks/WebhookService.ts).
  createWebhook(hook: WebhookRecord): Promise<void>;
  getWebhook(id: string): Promise<WebhookRecord | null>;
  listWebhooks(ownerId: string): Promise<WebhookRecord[]>;
  /// Hooks that may want events of `documentId`: its own and owner-wide ones.
  webhooksFor(documentId: string): Promise<WebhookRecord[]>;
  /// Deletes a hook and its deliveries; false when `ownerId` has no such hook.
  deleteWebhook(ownerId: string, id: string): Promise<boolean>;
  /// Every webhook (to seal secrets stored in clear by earlier versions).
  allWebhooks(): Promise<WebhookRecord[]>;
  /// Sets a webhook's stored secret to `to` if it is still `from`.
  replaceWebhookSecret(id: string, from: string, to: string): Promise<boolean>;
  enqueueDeliveries(rows: DeliveryRecord[]): Promise<void>;
  /// Pending deliveries due at `now`, oldest first.
  dueDeliveries(now: number, limit: number): Promise<DeliveryRecord[]>;
  /// Takes a due delivery for one attempt (moves its due time to `leaseUntil`);
  /// false when another instance took it first.
  claimDelivery(id: string, dueAt: number, leaseUntil: number): Promise<boolean>;
  /// Records an attempt's outcome.
  finishDelivery(
    id: string,
    outcome: Pick<
      DeliveryRecord,
      "status" | "attempts" | "nextAttemptAt" | "lastStatus" | "lastError" | "deliveredAt"
    >,
  ): Promise<void>;
  listDeliveries(webhookId: string, limit: number): Promise<DeliveryRecord[]>;
  createInvite(invite: InviteRecord): Promise<void>;
  getInviteByCodeHash(codeHash: string): Promise<InviteRecord | null>;
  listInvites(documentId: string): Promise<InviteRecord[]>;
  /// Counts one use if the invite is still valid at `now`; false otherwise.
  useInvite(id: string, now: string): Promise<boolean>;
  revokeInvite(documentId: string, id: string): Promise<boolean>;

  /// Changes whenever a share or a session changes, in any process sharing
  /// the store; live connections are re-checked when it moves.
  accessVersion(): Promise<string>;

  /// Key-value settings (signing secret, one-time codes…).
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /// Sets `key` to `value` only if it still holds `expected` (null: absent);
  /// false when another process changed it first (read again and retry).
  compareAndSetSetting(key: string, expected: string | null, value: string): Promise<boolean>;

  /// Failed sign-in attempts (`scope`: what is counted, such as an account or
  /// a client address), shared by every process on the store so that
  /// several instances give an attacker no more tries than one. Recording
  /// forgets every attempt older than `forgetBefore` (ms since the epoch).
  recordFailedAttempt(scope: string, key: string, at: number, forgetBefore: number): Promise<void>;
  /// Times (ms, ascending) of the failed attempts of `key` since `since`.
  failedAttemptsSince(scope: string, key: string, since: number): Promise<number[]>;
  clearFailedAttempts(scope: string, key: string): Promise<void>;
  deleteSetting(key: string): Promise<void>;

  /// A cheap query that fails when the store cannot be used (readiness).
  ping(): Promise<void>;

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
  `CREATE TABLE IF NOT EXISTS sessions (
     id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT,
     user_agent TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id)`,
  `CREATE TABLE IF NOT EXISTS invites (
     id TEXT PRIMARY KEY, code_hash TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL,
     role TEXT NOT NULL, email TEXT, created_by TEXT, created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL, uses INTEGER NOT NULL, max_uses INTEGER, revoked_at TEXT)`,
  `CREATE INDEX IF NOT EXISTS invites_document ON invites (document_id)`,
  `CREATE TABLE IF NOT EXISTS failed_attempts (
     scope TEXT NOT NULL, key TEXT NOT NULL, at BIGINT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS failed_attempts_key ON failed_attempts (scope, key, at)`,
  `CREATE INDEX IF NOT EXISTS failed_attempts_at ON failed_attempts (at)`,
  `CREATE TABLE IF NOT EXISTS api_tokens (
     id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, secret_hash TEXT NOT NULL,
     documents TEXT, ceiling TEXT NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS api_tokens_user ON api_tokens (user_id)`,
  `CREATE TABLE IF NOT EXISTS webhooks (
     id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, document_id TEXT, url TEXT NOT NULL,
     events TEXT NOT NULL, secret TEXT NOT NULL, description TEXT NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS webhooks_owner ON webhooks (owner_id)`,
  `CREATE INDEX IF NOT EXISTS webhooks_document ON webhooks (document_id)`,
  `CREATE TABLE IF NOT EXISTS webhook_deliveries (
     id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL, event TEXT NOT NULL, payload TEXT NOT NULL,
     status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL,
     last_status INTEGER, last_error TEXT, created_at TEXT NOT NULL, delivered_at TEXT)`,
  `CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)`,
  `CREATE INDEX IF NOT EXISTS webhook_deliveries_hook ON webhook_deliveries (webhook_id, created_at)`,
  `CREATE TABLE IF NOT EXISTS document_text (
     document_id TEXT PRIMARY KEY, text TEXT NOT NULL, folded TEXT NOT NULL,
     updated_at TEXT NOT NULL)`,
];

/// Columns added to tables of earlier versions (both back ends add them when
/// missing, so existing data folders and databases keep every row).
export const ADDED_COLUMNS: { table: string; column: string; type: string }[] = [
  { table: "documents", column: "deleted_at", type: "TEXT" },
  { table: "documents", column: "deleted_by", type: "TEXT" },
  { table: "documents", column: "last_edited_at", type: "TEXT" },
  { table: "documents", column: "last_edited_by", type: "TEXT" },
];

/// How long a document stays in the trash before it is removed for good.
export const TRASH_DAYS = 30;

export { foldForSearch, foldStats, likeAnywhere } from "./searchFold.ts";

/// Settings key whose value changes with every share or session change.
export const ACCESS_VERSION_KEY = "access-version";

export const toSession = (r: Record<string, unknown>): SessionRecord => ({
  id: r.id as string,
  userId: r.user_id as string,
  createdAt: r.created_at as string,
  lastSeenAt: r.last_seen_at as string,
  expiresAt: r.expires_at as string,
  revokedAt: (r.revoked_at as string | null) ?? null,
  userAgent: r.user_agent as string,
});

export const toInvite = (r: Record<string, unknown>): InviteRecord => ({
  id: r.id as string,
  codeHash: r.code_hash as string,
  documentId: r.document_id as string,
  role: r.role as Role,
  email: (r.email as string | null) ?? null,
  createdBy: (r.created_by as string | null) ?? null,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  uses: Number(r.uses),
  maxUses: r.max_uses === null || r.max_uses === undefined ? null : Number(r.max_uses),
  revokedAt: (r.revoked_at as string | null) ?? null,
});

export const toApiToken = (r: Record<string, unknown>): ApiTokenRecord => ({
  id: r.id as string,
  userId: r.user_id as string,
  name: r.name as string,
  secretHash: r.secret_hash as string,
  documents: r.documents ? (JSON.parse(r.documents as string) as string[]) : null,
  ceiling: r.ceiling as Role,
  createdAt: r.created_at as string,
});

export const toWebhook = (r: Record<string, unknown>): WebhookRecord => ({
  id: r.id as string,
  ownerId: r.owner_id as string,
  documentId: (r.document_id as string | null) ?? null,
  url: r.url as string,
  events: JSON.parse(r.events as string) as string[],
  secret: r.secret as string,
  description: r.description as string,
  createdAt: r.created_at as string,
});

export const toDelivery = (r: Record<string, unknown>): DeliveryRecord => ({
  id: r.id as string,
  webhookId: r.webhook_id as string,
  event: r.event as string,
  payload: r.payload as string,
  status: r.status as DeliveryRecord["status"],
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
  lastStatus: r.last_status === null || r.last_status === undefined ? null : Number(r.last_status),
  lastError: (r.last_error as string | null) ?? null,
  createdAt: r.created_at as string,
  deliveredAt: (r.delivered_at as string | null) ?? null,
});

export const toShare = (r: Record<string, unknown>): ShareRecord => ({
  documentId: r.document_id as string,
  userId: r.user_id as string,
  role: r.role as Role,
  grantedBy: (r.granted_by as string | null) ?? null,
  grantedAt: r.granted_at as string,
  expiresAt: (r.expires_at as string | null) ?? null,
});

type Row = Record<string, unknown>;

/// A `documents` row as a DocumentRecord (both SQL back ends).
export const toDoc = (r: Row): DocumentRecord => ({
  id: r.id as string,
  title: r.title as string,
  createdAt: r.created_at as string,
  createdBy: (r.created_by as string | null) ?? null,
  deletedAt: (r.deleted_at as string | null) ?? null,
  deletedBy: (r.deleted_by as string | null) ?? null,
  lastEditedAt: (r.last_edited_at as string | null) ?? null,
  lastEditedBy: (r.last_edited_by as string | null) ?? null,
});

/// A `documents` row joined with the user's share.
export const toAccessible = (r: Row): AccessibleDocument => ({
  ...toDoc(r),
  role: r.role as Role,
  grantedBy: (r.granted_by as string | null) ?? null,
});

/// SQL condition: share `s` is not on a document in the trash.
export const NOT_TRASHED = `NOT EXISTS (SELECT 1 FROM documents t WHERE t.id = s.document_id AND t.deleted_at IS NOT NULL)`;

/// A `users` row as a UserRecord; `admin` is a boolean in PostgreSQL and 0/1 in SQLite.
export const toUser = (r: Row): UserRecord => ({
  id: r.id as string,
  email: r.email as string,
  name: r.name as string,
  passwordHash: (r.password_hash as string | null) ?? null,
  createdAt: r.created_at as string,
  admin: r.admin === true || Number(r.admin ?? 0) === 1,
});
