import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Role } from "@glossa/protocol";
import Database from "better-sqlite3";
import { MergeWorker } from "./mergeWorker.ts";
import {
  ACCESS_VERSION_KEY,
  type AccessibleDocument,
  ADDED_COLUMNS,
  type ApiTokenRecord,
  type DeliveryRecord,
  type DocumentRecord,
  type InviteRecord,
  isExpired,
  type JournalRow,
  likeAnywhere,
  type MergeParts,
  NOT_TRASHED,
  type SessionRecord,
  type ShareRecord,
  SQL_SCHEMA,
  type Store,
  type TextMatch,
  toAccessible,
  toApiToken,
  toDelivery,
  toDoc,
  toInvite,
  toSession,
  toShare,
  toUser,
  toWebhook,
  type UserRecord,
  type WebhookRecord,
} from "./Store.ts";
import { readParts, writeMerged } from "./sqliteCompact.mjs";
import { type SideWrite, SqliteJournal } from "./sqliteJournal.ts";
import { deliveryRow, webhookRow } from "./webhookRows.ts";

type Row = Record<string, unknown>;

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/// The embedded default: one SQLite file `glossa.sqlite` in the data folder,
/// in WAL mode with `synchronous=FULL`, so an update reported as saved
/// survives a crash of the process or of the machine.
export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly db: Database.Database;
  readonly file: string;
  private readonly journal: SqliteJournal;
  private readonly merger = new MergeWorker();

  constructor(dataDir: string) {
    if (!dataDir || dataDir === ":memory:") {
      throw new RangeError("SqliteStore needs a data folder on disk, not an in-memory database.");
    }
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, "glossa.sqlite");
    this.db = new Database(this.file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("foreign_keys = ON");
    for (const sql of SQL_SCHEMA) this.db.exec(sql.replace(/BYTEA/g, "BLOB"));
    this.db.exec(`CREATE TABLE IF NOT EXISTS journal (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, update_data BLOB NOT NULL)`);
    this.db.exec("CREATE INDEX IF NOT EXISTS journal_name ON journal (name, seq)");
    this.addColumn("users", "admin", "INTEGER NOT NULL DEFAULT 0");
    this.addColumn("shares", "expires_at", "TEXT");
    for (const c of ADDED_COLUMNS) this.addColumn(c.table, c.column, c.type);
    this.db.exec("CREATE INDEX IF NOT EXISTS documents_deleted ON documents (deleted_at)");
    this.journal = new SqliteJournal(this.db, this.file);
  }

  /// Adds a column to a table created by an earlier version.
  private addColumn(table: string, column: string, type: string): void {
    const cols = this.db.prepare(`PRAGMA table_info(${table})`).all() as Row[];
    if (!cols.some((c) => c.name === column)) {
      this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
  }

  private bumpAccess(): void {
    this.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(ACCESS_VERSION_KEY, `${Date.now()}-${randomBytes(6).toString("hex")}`);
  }

  /// Synchronous append of one row (tests, tools; persistence uses batches).
  appendUpdateSync(name: string, update: Uint8Array): void {
    this.journal.append(name, update);
  }
  appendUpdate(name: string, update: Uint8Array): Promise<void> {
    return this.journal.appendMany([{ name, update }]);
  }
  /// One transaction, one fsync, with the writes queued by `withNextCommit`,
  /// committed by the journal's worker thread off the event loop
  /// (sqliteJournal.ts); resolves once on disk.
  appendUpdates(rows: JournalRow[]): Promise<void> {
    return this.journal.appendMany(rows);
  }
  withNextCommit(write: SideWrite): void {
    this.journal.withNextCommit(write);
  }
  /// Journal batches committed so far (tests count work, not time).
  get journalCommits(): number {
    return this.journal.commits;
  }

  async loadParts(name: string): Promise<Uint8Array[]> {
    return readParts(this.db, name).parts;
  }

  /// By default wholly in the merge worker, on its own connection: the read,
  /// the merge and the short write that keeps rows appended meanwhile
  /// (sqliteCompact.mjs). With `merge` given: read and write here, merge by it.
  async compact(name: string, merge?: MergeParts): Promise<void> {
    if (!merge) return this.merger.compactSqlite(this.file, name);
    const read = this.db.transaction(() => readParts(this.db, name))();
    if (read.parts.length > 1) writeMerged(this.db, name, read, await merge(read.parts));
  }

  async journalLength(name: string): Promise<number> {
    const r = this.db.prepare("SELECT COUNT(*) AS n FROM journal WHERE name = ?").get(name) as Row;
    return Number(r.n);
  }

  async createDocument(doc: DocumentRecord): Promise<void> {
    this.db
      .prepare("INSERT INTO documents (id, title, created_at, created_by) VALUES (?, ?, ?, ?)")
      .run(doc.id, doc.title, doc.createdAt, doc.createdBy);
  }
  async getDocument(id: string): Promise<DocumentRecord | null> {
    const r = this.db.prepare("SELECT * FROM documents WHERE id = ?").get(id) as Row | undefined;
    return r ? toDoc(r) : null;
  }
  async findDocumentsByTitle(title: string): Promise<DocumentRecord[]> {
    return (this.db.prepare("SELECT * FROM documents WHERE title = ?").all(title) as Row[]).map(
      toDoc,
    );
  }
  async listDocuments(): Promise<DocumentRecord[]> {
    return (this.db.prepare("SELECT * FROM documents ORDER BY created_at, id").all() as Row[]).map(
      toDoc,
    );
  }
  async renameDocument(id: string, title: string): Promise<void> {
    this.db.prepare("UPDATE documents SET title = ? WHERE id = ?").run(title, id);
  }

  async trashDocument(id: string, by: string, at: string): Promise<boolean> {
    const n = this.db
      .prepare(
        "UPDATE documents SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL",
      )
      .run(at, by, id).changes;
    if (n > 0) this.bumpAccess();
    return n > 0;
  }
  async restoreDocument(id: string): Promise<boolean> {
    const n = this.db
      .prepare(
        "UPDATE documents SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at IS NOT NULL",
      )
      .run(id).changes;
    if (n > 0) this.bumpAccess();
    return n > 0;
  }
  async listTrashFor(userId: string): Promise<DocumentRecord[]> {
    return (
      this.db
        .prepare(
          `SELECT d.*, s.expires_at AS share_expires_at FROM documents d JOIN shares s ON s.document_id = d.id
           WHERE s.user_id = ? AND s.role = 'owner' AND d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.id`,
        )
        .all(userId) as Row[]
    )
      .filter((r) => !isExpired(r.share_expires_at as string | null))
      .map(toDoc);
  }
  async getRoleInTrash(documentId: string, userId: string): Promise<Role | null> {
    const r = this.db
      .prepare(
        `SELECT s.role, s.expires_at FROM shares s JOIN documents d ON d.id = s.document_id
         WHERE s.document_id = ? AND s.user_id = ? AND d.deleted_at IS NOT NULL`,
      )
      .get(documentId, userId) as Row | undefined;
    return r && !isExpired(r.expires_at as string | null) ? (r.role as Role) : null;
  }
  async trashedAmong(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (
      this.db
        .prepare(
          `SELECT id FROM documents WHERE deleted_at IS NOT NULL AND id IN (${placeholders(ids.length)})`,
        )
        .all(...ids) as Row[]
    ).map((r) => r.id as string);
  }
  async listTrashedBefore(before: string): Promise<string[]> {
    return (
      this.db
        .prepare("SELECT id FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?")
        .all(before) as Row[]
    ).map((r) => r.id as string);
  }
  async purgeDocument(id: string): Promise<void> {
    const names = [`doc/${id}`, `doc/${id}/annotations`];
    this.db.transaction(() => {
      for (const name of names) {
        this.db.prepare("DELETE FROM journal WHERE name = ?").run(name);
        this.db.prepare("DELETE FROM snapshots WHERE name = ?").run(name);
      }
      this.db.prepare("DELETE FROM shares WHERE document_id = ?").run(id);
      this.db.prepare("DELETE FROM invites WHERE document_id = ?").run(id);
      this.db.prepare("DELETE FROM document_text WHERE document_id = ?").run(id);
      this.db.prepare("DELETE FROM documents WHERE id = ?").run(id);
    })();
    this.bumpAccess();
  }
  /// By the journal's worker: a write here would wait for its commit on the loop.
  async recordEdit(id: string, at: string, by: string | null): Promise<void> {
    await this.journal.write({
      sql: "UPDATE documents SET last_edited_at = ?, last_edited_by = ? WHERE id = ? AND (last_edited_at IS NULL OR last_edited_at <= ?)",
      rows: [[at, by, id, at]],
    });
  }
  /// By the journal's worker, off the event loop (megabytes); not for a purged document.
  async setDocumentText(id: string, text: string, folded: string, at: string): Promise<void> {
    await this.journal.write({
      sql: `INSERT INTO document_text (document_id, text, folded, updated_at) SELECT ?, ?, ?, ? WHERE EXISTS
        (SELECT 1 FROM documents WHERE id = ?) ON CONFLICT(document_id) DO UPDATE SET text = excluded.text, folded = excluded.folded, updated_at = excluded.updated_at`,
      rows: [[id, text, folded, at, id]],
    });
  }
  async searchTextFor(userId: string, folded: string, limit: number): Promise<TextMatch[]> {
    return (
      this.db
        .prepare(
          `SELECT x.document_id AS id, x.text, x.folded, s.expires_at FROM document_text x
           JOIN shares s ON s.document_id = x.document_id AND s.user_id = ?
           WHERE ${NOT_TRASHED} AND x.folded LIKE ? ESCAPE '\\' LIMIT ?`,
        )
        .all(userId, likeAnywhere(folded), limit * 2) as Row[]
    )
      .filter((r) => !isExpired(r.expires_at as string | null))
      .slice(0, limit)
      .map((r) => ({ id: r.id as string, text: r.text as string, folded: r.folded as string }));
  }
  async listDocumentsWithoutText(): Promise<string[]> {
    return (
      this.db
        .prepare(
          "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_text x WHERE x.document_id = d.id)",
        )
        .all() as Row[]
    ).map((r) => r.id as string);
  }

  async createUser(u: UserRecord): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO users (id, email, name, password_hash, created_at, admin) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(u.id, u.email, u.name, u.passwordHash, u.createdAt, u.admin ? 1 : 0);
  }
  async getUser(id: string): Promise<UserRecord | null> {
    const r = this.db.prepare("SELECT * FROM users WHERE id = ?").get(id) as Row | undefined;
    return r ? toUser(r) : null;
  }
  async getUserByEmail(email: string): Promise<UserRecord | null> {
    const r = this.db.prepare("SELECT * FROM users WHERE email = ?").get(email.toLowerCase()) as
      | Row
      | undefined;
    return r ? toUser(r) : null;
  }
  async listUsers(): Promise<UserRecord[]> {
    return (this.db.prepare("SELECT * FROM users ORDER BY created_at, email").all() as Row[]).map(
      toUser,
    );
  }
  async setPassword(userId: string, hash: string): Promise<void> {
    this.db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(hash, userId);
  }
  async setAdmin(userId: string, admin: boolean): Promise<void> {
    this.db.prepare("UPDATE users SET admin = ? WHERE id = ?").run(admin ? 1 : 0, userId);
  }

  async setShare(s: ShareRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO shares (document_id, user_id, role, granted_by, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(document_id, user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at, expires_at = excluded.expires_at`,
      )
      .run(s.documentId, s.userId, s.role, s.grantedBy, s.grantedAt, s.expiresAt ?? null);
    this.bumpAccess();
  }
  async removeShare(documentId: string, userId: string): Promise<boolean> {
    const removed =
      this.db
        .prepare("DELETE FROM shares WHERE document_id = ? AND user_id = ?")
        .run(documentId, userId).changes > 0;
    if (removed) this.bumpAccess();
    return removed;
  }
  async getRole(documentId: string, userId: string): Promise<Role | null> {
    const r = this.db
      .prepare(
        `SELECT role, expires_at FROM shares s WHERE document_id = ? AND user_id = ? AND ${NOT_TRASHED}`,
      )
      .get(documentId, userId) as Row | undefined;
    return r && !isExpired(r.expires_at as string | null) ? (r.role as Role) : null;
  }
  async listShares(documentId: string): Promise<ShareRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM shares WHERE document_id = ? ORDER BY granted_at")
        .all(documentId) as Row[]
    ).map(toShare);
  }
  async listSharesForUsers(userIds: string[]): Promise<ShareRecord[]> {
    if (userIds.length === 0) return [];
    return (
      this.db
        .prepare(`SELECT * FROM shares WHERE user_id IN (${placeholders(userIds.length)})`)
        .all(...userIds) as Row[]
    ).map(toShare);
  }
  async listDocumentsFor(userId: string): Promise<AccessibleDocument[]> {
    return (
      this.db
        .prepare(
          "SELECT d.*, s.role, s.expires_at AS share_expires_at, s.granted_by FROM documents d JOIN shares s ON s.document_id = d.id WHERE s.user_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at, d.id",
        )
        .all(userId) as Row[]
    )
      .filter((r) => !isExpired(r.share_expires_at as string | null))
      .map(toAccessible);
  }

  async createSession(x: SessionRecord): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(x.id, x.userId, x.createdAt, x.lastSeenAt, x.expiresAt, x.revokedAt, x.userAgent);
  }
  async getSession(id: string): Promise<SessionRecord | null> {
    const r = this.db.prepare("SELECT * FROM sessions WHERE id = ?").get(id) as Row | undefined;
    return r ? toSession(r) : null;
  }
  async getSessions(ids: string[]): Promise<SessionRecord[]> {
    if (ids.length === 0) return [];
    return (
      this.db
        .prepare(`SELECT * FROM sessions WHERE id IN (${placeholders(ids.length)})`)
        .all(...ids) as Row[]
    ).map(toSession);
  }
  async listSessions(userId: string): Promise<SessionRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM sessions WHERE user_id = ? ORDER BY last_seen_at DESC")
        .all(userId) as Row[]
    ).map(toSession);
  }
  async touchSession(id: string, at: string): Promise<void> {
    this.db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?").run(at, id);
  }
  async revokeSession(userId: string, id: string): Promise<boolean> {
    const n = this.db
      .prepare(
        "UPDATE sessions SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
      )
      .run(new Date().toISOString(), id, userId).changes;
    if (n > 0) this.bumpAccess();
    return n > 0;
  }
  async revokeUserSessions(userId: string, exceptId?: string): Promise<number> {
    const n = this.db
      .prepare(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id <> ? AND revoked_at IS NULL",
      )
      .run(new Date().toISOString(), userId, exceptId ?? "").changes;
    if (n > 0) this.bumpAccess();
    return n;
  }

  async createApiToken(t: ApiTokenRecord, session: SessionRecord): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          session.id,
          session.userId,
          session.createdAt,
          session.lastSeenAt,
          session.expiresAt,
          session.revokedAt,
          session.userAgent,
        );
      this.db
        .prepare(
          "INSERT INTO api_tokens (id, user_id, name, secret_hash, documents, ceiling, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          t.id,
          t.userId,
          t.name,
          t.secretHash,
          t.documents ? JSON.stringify(t.documents) : null,
          t.ceiling,
          t.createdAt,
        );
    })();
  }
  async getApiToken(id: string): Promise<ApiTokenRecord | null> {
    const r = this.db.prepare("SELECT * FROM api_tokens WHERE id = ?").get(id) as Row | undefined;
    return r ? toApiToken(r) : null;
  }
  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id")
        .all(userId) as Row[]
    ).map(toApiToken);
  }

  async createWebhook(w: WebhookRecord): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO webhooks (id, owner_id, document_id, url, events, secret, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(...webhookRow(w));
  }
  async allWebhooks(): Promise<WebhookRecord[]> {
    return (this.db.prepare("SELECT * FROM webhooks ORDER BY id").all() as Row[]).map(toWebhook);
  }
  async replaceWebhookSecret(id: string, from: string, to: string): Promise<boolean> {
    const sql = "UPDATE webhooks SET secret = ? WHERE id = ? AND secret = ?";
    // The old value is zeroed in the page and the write-ahead log emptied, so
    // that a secret sealed after the fact leaves no copy in the files.
    this.db.pragma("secure_delete = ON");
    try {
      if (this.db.prepare(sql).run(to, id, from).changes === 0) return false;
    } finally {
      this.db.pragma("secure_delete = OFF");
    }
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    return true;
  }
  async getWebhook(id: string): Promise<WebhookRecord | null> {
    const r = this.db.prepare("SELECT * FROM webhooks WHERE id = ?").get(id) as Row | undefined;
    return r ? toWebhook(r) : null;
  }
  async listWebhooks(ownerId: string): Promise<WebhookRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM webhooks WHERE owner_id = ? ORDER BY created_at, id")
        .all(ownerId) as Row[]
    ).map(toWebhook);
  }
  async webhooksFor(documentId: string): Promise<WebhookRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM webhooks WHERE document_id = ? OR document_id IS NULL")
        .all(documentId) as Row[]
    ).map(toWebhook);
  }
  async deleteWebhook(ownerId: string, id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const n = this.db
        .prepare("DELETE FROM webhooks WHERE id = ? AND owner_id = ?")
        .run(id, ownerId).changes;
      if (n > 0) this.db.prepare("DELETE FROM webhook_deliveries WHERE webhook_id = ?").run(id);
      return n > 0;
    })();
  }
  async enqueueDeliveries(rows: DeliveryRecord[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const d of rows) insert.run(...deliveryRow(d));
    })();
  }
  async dueDeliveries(now: number, limit: number): Promise<DeliveryRecord[]> {
    return (
      this.db
        .prepare(
          "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
        )
        .all(now, limit) as Row[]
    ).map(toDelivery);
  }
  async claimDelivery(id: string, dueAt: number, leaseUntil: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at = ?",
        )
        .run(leaseUntil, id, dueAt).changes > 0
    );
  }
  async finishDelivery(
    id: string,
    o: Pick<
      DeliveryRecord,
      "status" | "attempts" | "nextAttemptAt" | "lastStatus" | "lastError" | "deliveredAt"
    >,
  ): Promise<void> {
    this.db
      .prepare(
        "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?",
      )
      .run(o.status, o.attempts, o.nextAttemptAt, o.lastStatus, o.lastError, o.deliveredAt, id);
  }
  async listDeliveries(webhookId: string, limit: number): Promise<DeliveryRecord[]> {
    return (
      this.db
        .prepare(
          "SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        )
        .all(webhookId, limit) as Row[]
    ).map(toDelivery);
  }

  async createInvite(i: InviteRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO invites (id, code_hash, document_id, role, email, created_by, created_at, expires_at, uses, max_uses, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        i.id,
        i.codeHash,
        i.documentId,
        i.role,
        i.email,
        i.createdBy,
        i.createdAt,
        i.expiresAt,
        i.uses,
        i.maxUses,
        i.revokedAt,
      );
  }
  async getInviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    const r = this.db.prepare("SELECT * FROM invites WHERE code_hash = ?").get(codeHash) as
      | Row
      | undefined;
    return r ? toInvite(r) : null;
  }
  async listInvites(documentId: string): Promise<InviteRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM invites WHERE document_id = ? ORDER BY created_at")
        .all(documentId) as Row[]
    ).map(toInvite);
  }
  async useInvite(id: string, now: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE invites SET uses = uses + 1 WHERE id = ? AND revoked_at IS NULL AND expires_at > ?
           AND (max_uses IS NULL OR uses < max_uses)`,
        )
        .run(id, now).changes > 0
    );
  }
  async revokeInvite(documentId: string, id: string): Promise<boolean> {
    return (
      this.db
        .prepare(
          "UPDATE invites SET revoked_at = ? WHERE id = ? AND document_id = ? AND revoked_at IS NULL",
        )
        .run(new Date().toISOString(), id, documentId).changes > 0
    );
  }

  async accessVersion(): Promise<string> {
    return (await this.getSetting(ACCESS_VERSION_KEY)) ?? "";
  }

  /// Prepared once: the access version is read before every write message.
  async getSetting(key: string): Promise<string | null> {
    this.selectSetting ??= this.db.prepare("SELECT value FROM settings WHERE key = ?");
    const r = this.selectSetting.get(key) as Row | undefined;
    return r ? (r.value as string) : null;
  }
  private selectSetting: Database.Statement | null = null;
  async setSetting(key: string, value: string): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }
  async compareAndSetSetting(
    key: string,
    expected: string | null,
    value: string,
  ): Promise<boolean> {
    const r =
      expected === null
        ? this.db
            .prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING")
            .run(key, value)
        : this.db
            .prepare("UPDATE settings SET value = ? WHERE key = ? AND value = ?")
            .run(value, key, expected);
    return r.changes === 1;
  }
  async recordFailedAttempt(
    scope: string,
    key: string,
    at: number,
    forgetBefore: number,
  ): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM failed_attempts WHERE at < ?").run(forgetBefore);
      this.db
        .prepare("INSERT INTO failed_attempts (scope, key, at) VALUES (?, ?, ?)")
        .run(scope, key, at);
    })();
  }
  async failedAttemptsSince(scope: string, key: string, since: number): Promise<number[]> {
    return (
      this.db
        .prepare(
          "SELECT at FROM failed_attempts WHERE scope = ? AND key = ? AND at > ? ORDER BY at",
        )
        .all(scope, key, since) as { at: number }[]
    ).map((r) => Number(r.at));
  }
  async clearFailedAttempts(scope: string, key: string): Promise<void> {
    this.db.prepare("DELETE FROM failed_attempts WHERE scope = ? AND key = ?").run(scope, key);
  }
  async deleteSetting(key: string): Promise<void> {
    this.db.prepare("DELETE FROM settings WHERE key = ?").run(key);
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1 FROM documents LIMIT 1").get();
  }

  async close(): Promise<void> {
    await this.journal.close();
    await this.merger.close();
    if (this.db.open) this.db.close();
  }
}
