import { randomBytes } from "node:crypto";
import type { Role } from "@glossa/protocol";
import type pg from "pg";
import { log } from "../log.ts";
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
import { deliveryRow, webhookRow } from "./webhookRows.ts";

type Row = Record<string, unknown>;

/// PostgreSQL storage, for several server instances sharing documents. The
/// journal is append-only; compaction runs under a per-document advisory lock
/// and merges stored rows, so instances never overwrite each other's state.
export class PostgresStore implements Store {
  readonly kind = "postgres" as const;
  readonly pool: pg.Pool;
  private readonly merger = new MergeWorker();

  private constructor(pool: pg.Pool) {
    this.pool = pool;
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
    const store = new PostgresStore(pool);
    const client = await pool.connect().catch(async (err) => {
      await pool.end().catch(() => {});
      throw err;
    });
    try {
      // Serialise schema creation between instances starting together.
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
    } finally {
      client.release();
    }
    return store;
  }

  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async n(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  /// Runs `fn` in one transaction on one connection.
  private async tx(fn: (c: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await fn(client);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async bumpAccess(): Promise<void> {
    await this.setSetting(ACCESS_VERSION_KEY, `${Date.now()}-${randomBytes(6).toString("hex")}`);
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    await this.q("INSERT INTO journal (name, update_data) VALUES ($1, $2)", [
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
    const values = rows.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ");
    await this.q(
      `INSERT INTO journal (name, update_data) VALUES ${values}`,
      rows.flatMap((r) => [r.name, Buffer.from(r.update)]),
    );
  }

  /// Merges in the merge worker unless `merge` is given.
  async compact(name: string, merge: MergeParts = this.merger.merge): Promise<void> {
    await this.tx(async (client) => {
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

  async journalLength(name: string): Promise<number> {
    return Number(
      (await this.q("SELECT COUNT(*) AS n FROM journal WHERE name = $1", [name]))[0]!.n,
    );
  }

  async createDocument(d: DocumentRecord): Promise<void> {
    await this.q(
      "INSERT INTO documents (id, title, created_at, created_by) VALUES ($1, $2, $3, $4)",
      [d.id, d.title, d.createdAt, d.createdBy],
    );
  }
  async getDocument(id: string): Promise<DocumentRecord | null> {
    const r = (await this.q("SELECT * FROM documents WHERE id = $1", [id]))[0];
    return r ? toDoc(r) : null;
  }
  async findDocumentsByTitle(title: string): Promise<DocumentRecord[]> {
    return (await this.q("SELECT * FROM documents WHERE title = $1", [title])).map(toDoc);
  }
  async listDocuments(): Promise<DocumentRecord[]> {
    return (await this.q("SELECT * FROM documents ORDER BY created_at, id")).map(toDoc);
  }
  async renameDocument(id: string, title: string): Promise<void> {
    await this.q("UPDATE documents SET title = $1 WHERE id = $2", [title, id]);
  }

  async trashDocument(id: string, by: string, at: string): Promise<boolean> {
    const n = await this.n(
      "UPDATE documents SET deleted_at = $1, deleted_by = $2 WHERE id = $3 AND deleted_at IS NULL",
      [at, by, id],
    );
    if (n > 0) await this.bumpAccess();
    return n > 0;
  }
  async restoreDocument(id: string): Promise<boolean> {
    const n = await this.n(
      "UPDATE documents SET deleted_at = NULL, deleted_by = NULL WHERE id = $1 AND deleted_at IS NOT NULL",
      [id],
    );
    if (n > 0) await this.bumpAccess();
    return n > 0;
  }
  async listTrashFor(userId: string): Promise<DocumentRecord[]> {
    return (
      await this.q(
        `SELECT d.*, s.expires_at AS share_expires_at FROM documents d JOIN shares s ON s.document_id = d.id
         WHERE s.user_id = $1 AND s.role = 'owner' AND d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.id`,
        [userId],
      )
    )
      .filter((r) => !isExpired(r.share_expires_at as string | null))
      .map(toDoc);
  }
  async getRoleInTrash(documentId: string, userId: string): Promise<Role | null> {
    const r = (
      await this.q(
        `SELECT s.role, s.expires_at FROM shares s JOIN documents d ON d.id = s.document_id
         WHERE s.document_id = $1 AND s.user_id = $2 AND d.deleted_at IS NOT NULL`,
        [documentId, userId],
      )
    )[0];
    return r && !isExpired(r.expires_at as string | null) ? (r.role as Role) : null;
  }
  async trashedAmong(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (
      await this.q("SELECT id FROM documents WHERE deleted_at IS NOT NULL AND id = ANY($1)", [ids])
    ).map((r) => r.id as string);
  }
  async listTrashedBefore(before: string): Promise<string[]> {
    return (
      await this.q("SELECT id FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < $1", [
        before,
      ])
    ).map((r) => r.id as string);
  }
  async purgeDocument(id: string): Promise<void> {
    const names = [`doc/${id}`, `doc/${id}/annotations`];
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("DELETE FROM journal WHERE name = ANY($1)", [names]);
      await client.query("DELETE FROM snapshots WHERE name = ANY($1)", [names]);
      await client.query("DELETE FROM shares WHERE document_id = $1", [id]);
      await client.query("DELETE FROM invites WHERE document_id = $1", [id]);
      await client.query("DELETE FROM document_text WHERE document_id = $1", [id]);
      await client.query("DELETE FROM documents WHERE id = $1", [id]);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    await this.bumpAccess();
  }
  async recordEdit(id: string, at: string, by: string | null): Promise<void> {
    await this.q(
      "UPDATE documents SET last_edited_at = $1, last_edited_by = $2 WHERE id = $3 AND (last_edited_at IS NULL OR last_edited_at <= $1)",
      [at, by, id],
    );
  }
  async setDocumentText(id: string, text: string, folded: string, at: string): Promise<void> {
    await this.q(
      `INSERT INTO document_text (document_id, text, folded, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (document_id) DO UPDATE SET text = excluded.text, folded = excluded.folded, updated_at = excluded.updated_at`,
      [id, text, folded, at],
    );
  }
  async searchTextFor(userId: string, folded: string, limit: number): Promise<TextMatch[]> {
    return (
      await this.q(
        `SELECT x.document_id AS id, x.text, x.folded, s.expires_at FROM document_text x
         JOIN shares s ON s.document_id = x.document_id AND s.user_id = $1
         WHERE ${NOT_TRASHED} AND x.folded LIKE $2 ESCAPE '\\' LIMIT $3`,
        [userId, likeAnywhere(folded), limit * 2],
      )
    )
      .filter((r) => !isExpired(r.expires_at as string | null))
      .slice(0, limit)
      .map((r) => ({ id: r.id as string, text: r.text as string, folded: r.folded as string }));
  }
  async listDocumentsWithoutText(): Promise<string[]> {
    return (
      await this.q(
        "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_text x WHERE x.document_id = d.id)",
      )
    ).map((r) => r.id as string);
  }

  async createUser(u: UserRecord): Promise<void> {
    await this.q(
      "INSERT INTO users (id, email, name, password_hash, created_at, admin) VALUES ($1, $2, $3, $4, $5, $6)",
      [u.id, u.email, u.name, u.passwordHash, u.createdAt, u.admin === true],
    );
  }
  async getUser(id: string): Promise<UserRecord | null> {
    const r = (await this.q("SELECT * FROM users WHERE id = $1", [id]))[0];
    return r ? toUser(r) : null;
  }
  async getUserByEmail(email: string): Promise<UserRecord | null> {
    const r = (await this.q("SELECT * FROM users WHERE email = $1", [email.toLowerCase()]))[0];
    return r ? toUser(r) : null;
  }
  async listUsers(): Promise<UserRecord[]> {
    return (await this.q("SELECT * FROM users ORDER BY created_at, email")).map(toUser);
  }
  async setPassword(userId: string, hash: string): Promise<void> {
    await this.q("UPDATE users SET password_hash = $1 WHERE id = $2", [hash, userId]);
  }
  async setAdmin(userId: string, admin: boolean): Promise<void> {
    await this.q("UPDATE users SET admin = $1 WHERE id = $2", [admin, userId]);
  }

  async setShare(s: ShareRecord): Promise<void> {
    await this.q(
      `INSERT INTO shares (document_id, user_id, role, granted_by, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at, expires_at = excluded.expires_at`,
      [s.documentId, s.userId, s.role, s.grantedBy, s.grantedAt, s.expiresAt ?? null],
    );
    await this.bumpAccess();
  }
  async removeShare(documentId: string, userId: string): Promise<boolean> {
    const removed =
      (await this.n("DELETE FROM shares WHERE document_id = $1 AND user_id = $2", [
        documentId,
        userId,
      ])) > 0;
    if (removed) await this.bumpAccess();
    return removed;
  }
  async getRole(documentId: string, userId: string): Promise<Role | null> {
    const r = (
      await this.q(
        `SELECT role, expires_at FROM shares s WHERE document_id = $1 AND user_id = $2 AND ${NOT_TRASHED}`,
        [documentId, userId],
      )
    )[0];
    return r && !isExpired(r.expires_at as string | null) ? (r.role as Role) : null;
  }
  async listShares(documentId: string): Promise<ShareRecord[]> {
    return (
      await this.q("SELECT * FROM shares WHERE document_id = $1 ORDER BY granted_at", [documentId])
    ).map(toShare);
  }
  async listSharesForUsers(userIds: string[]): Promise<ShareRecord[]> {
    if (userIds.length === 0) return [];
    return (await this.q("SELECT * FROM shares WHERE user_id = ANY($1)", [userIds])).map(toShare);
  }
  async listDocumentsFor(userId: string): Promise<AccessibleDocument[]> {
    return (
      await this.q(
        "SELECT d.*, s.role, s.expires_at AS share_expires_at, s.granted_by FROM documents d JOIN shares s ON s.document_id = d.id WHERE s.user_id = $1 AND d.deleted_at IS NULL ORDER BY d.created_at, d.id",
        [userId],
      )
    )
      .filter((r) => !isExpired(r.share_expires_at as string | null))
      .map(toAccessible);
  }

  async createSession(x: SessionRecord): Promise<void> {
    await this.q(
      "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [x.id, x.userId, x.createdAt, x.lastSeenAt, x.expiresAt, x.revokedAt, x.userAgent],
    );
  }
  async getSession(id: string): Promise<SessionRecord | null> {
    const r = (await this.q("SELECT * FROM sessions WHERE id = $1", [id]))[0];
    return r ? toSession(r) : null;
  }
  async getSessions(ids: string[]): Promise<SessionRecord[]> {
    if (ids.length === 0) return [];
    return (await this.q("SELECT * FROM sessions WHERE id = ANY($1)", [ids])).map(toSession);
  }
  async listSessions(userId: string): Promise<SessionRecord[]> {
    return (
      await this.q("SELECT * FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC", [userId])
    ).map(toSession);
  }
  async touchSession(id: string, at: string): Promise<void> {
    await this.q("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", [at, id]);
  }
  async revokeSession(userId: string, id: string): Promise<boolean> {
    const n = await this.n(
      "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
      [new Date().toISOString(), id, userId],
    );
    if (n > 0) await this.bumpAccess();
    return n > 0;
  }
  async revokeUserSessions(userId: string, exceptId?: string): Promise<number> {
    const n = await this.n(
      "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND id <> $3 AND revoked_at IS NULL",
      [new Date().toISOString(), userId, exceptId ?? ""],
    );
    if (n > 0) await this.bumpAccess();
    return n;
  }

  async createApiToken(t: ApiTokenRecord, session: SessionRecord): Promise<void> {
    await this.tx(async (c) => {
      await c.query(
        "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [
          session.id,
          session.userId,
          session.createdAt,
          session.lastSeenAt,
          session.expiresAt,
          session.revokedAt,
          session.userAgent,
        ],
      );
      await c.query(
        "INSERT INTO api_tokens (id, user_id, name, secret_hash, documents, ceiling, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [
          t.id,
          t.userId,
          t.name,
          t.secretHash,
          t.documents ? JSON.stringify(t.documents) : null,
          t.ceiling,
          t.createdAt,
        ],
      );
    });
  }
  async getApiToken(id: string): Promise<ApiTokenRecord | null> {
    const r = (await this.q("SELECT * FROM api_tokens WHERE id = $1", [id]))[0];
    return r ? toApiToken(r) : null;
  }
  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return (
      await this.q("SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id", [userId])
    ).map(toApiToken);
  }

  async createWebhook(w: WebhookRecord): Promise<void> {
    await this.q(
      "INSERT INTO webhooks (id, owner_id, document_id, url, events, secret, description, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      webhookRow(w),
    );
  }
  async allWebhooks(): Promise<WebhookRecord[]> {
    return (await this.q("SELECT * FROM webhooks ORDER BY id")).map(toWebhook);
  }
  async replaceWebhookSecret(id: string, from: string, to: string): Promise<boolean> {
    const sql = "UPDATE webhooks SET secret = $1 WHERE id = $2 AND secret = $3";
    return (await this.n(sql, [to, id, from])) > 0;
  }
  async getWebhook(id: string): Promise<WebhookRecord | null> {
    const r = (await this.q("SELECT * FROM webhooks WHERE id = $1", [id]))[0];
    return r ? toWebhook(r) : null;
  }
  async listWebhooks(ownerId: string): Promise<WebhookRecord[]> {
    return (
      await this.q("SELECT * FROM webhooks WHERE owner_id = $1 ORDER BY created_at, id", [ownerId])
    ).map(toWebhook);
  }
  async webhooksFor(documentId: string): Promise<WebhookRecord[]> {
    return (
      await this.q("SELECT * FROM webhooks WHERE document_id = $1 OR document_id IS NULL", [
        documentId,
      ])
    ).map(toWebhook);
  }
  async deleteWebhook(ownerId: string, id: string): Promise<boolean> {
    let n = 0;
    await this.tx(async (c) => {
      n =
        (await c.query("DELETE FROM webhooks WHERE id = $1 AND owner_id = $2", [id, ownerId]))
          .rowCount ?? 0;
      if (n > 0) await c.query("DELETE FROM webhook_deliveries WHERE webhook_id = $1", [id]);
    });
    return n > 0;
  }
  async enqueueDeliveries(rows: DeliveryRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx(async (c) => {
      for (const d of rows)
        await c.query(
          `INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          deliveryRow(d),
        );
    });
  }
  async dueDeliveries(now: number, limit: number): Promise<DeliveryRecord[]> {
    return (
      await this.q(
        "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, created_at LIMIT $2",
        [now, limit],
      )
    ).map(toDelivery);
  }
  async claimDelivery(id: string, dueAt: number, leaseUntil: number): Promise<boolean> {
    return (
      (await this.n(
        "UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending' AND next_attempt_at = $3",
        [leaseUntil, id, dueAt],
      )) > 0
    );
  }
  async finishDelivery(
    id: string,
    o: Pick<
      DeliveryRecord,
      "status" | "attempts" | "nextAttemptAt" | "lastStatus" | "lastError" | "deliveredAt"
    >,
  ): Promise<void> {
    await this.q(
      "UPDATE webhook_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_status = $4, last_error = $5, delivered_at = $6 WHERE id = $7",
      [o.status, o.attempts, o.nextAttemptAt, o.lastStatus, o.lastError, o.deliveredAt, id],
    );
  }
  async listDeliveries(webhookId: string, limit: number): Promise<DeliveryRecord[]> {
    return (
      await this.q(
        "SELECT * FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        [webhookId, limit],
      )
    ).map(toDelivery);
  }

  async createInvite(i: InviteRecord): Promise<void> {
    await this.q(
      `INSERT INTO invites (id, code_hash, document_id, role, email, created_by, created_at, expires_at, uses, max_uses, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
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
      ],
    );
  }
  async getInviteByCodeHash(codeHash: string): Promise<InviteRecord | null> {
    const r = (await this.q("SELECT * FROM invites WHERE code_hash = $1", [codeHash]))[0];
    return r ? toInvite(r) : null;
  }
  async listInvites(documentId: string): Promise<InviteRecord[]> {
    return (
      await this.q("SELECT * FROM invites WHERE document_id = $1 ORDER BY created_at", [documentId])
    ).map(toInvite);
  }
  async useInvite(id: string, now: string): Promise<boolean> {
    return (
      (await this.n(
        `UPDATE invites SET uses = uses + 1 WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2
         AND (max_uses IS NULL OR uses < max_uses)`,
        [id, now],
      )) > 0
    );
  }
  async revokeInvite(documentId: string, id: string): Promise<boolean> {
    return (
      (await this.n(
        "UPDATE invites SET revoked_at = $1 WHERE id = $2 AND document_id = $3 AND revoked_at IS NULL",
        [new Date().toISOString(), id, documentId],
      )) > 0
    );
  }

  async accessVersion(): Promise<string> {
    return (await this.getSetting(ACCESS_VERSION_KEY)) ?? "";
  }

  async getSetting(key: string): Promise<string | null> {
    const r = (await this.q("SELECT value FROM settings WHERE key = $1", [key]))[0];
    return r ? (r.value as string) : null;
  }
  async setSetting(key: string, value: string): Promise<void> {
    await this.q(
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [key, value],
    );
  }
  async compareAndSetSetting(
    key: string,
    expected: string | null,
    value: string,
  ): Promise<boolean> {
    const changed =
      expected === null
        ? await this.n(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            [key, value],
          )
        : await this.n("UPDATE settings SET value = $1 WHERE key = $2 AND value = $3", [
            value,
            key,
            expected,
          ]);
    return changed === 1;
  }
  async recordFailedAttempt(
    scope: string,
    key: string,
    at: number,
    forgetBefore: number,
  ): Promise<void> {
    await this.q("DELETE FROM failed_attempts WHERE at < $1", [forgetBefore]);
    await this.q("INSERT INTO failed_attempts (scope, key, at) VALUES ($1, $2, $3)", [
      scope,
      key,
      at,
    ]);
  }
  async failedAttemptsSince(scope: string, key: string, since: number): Promise<number[]> {
    const rows = await this.q(
      "SELECT at FROM failed_attempts WHERE scope = $1 AND key = $2 AND at > $3 ORDER BY at",
      [scope, key, since],
    );
    return rows.map((r) => Number(r.at));
  }
  async clearFailedAttempts(scope: string, key: string): Promise<void> {
    await this.q("DELETE FROM failed_attempts WHERE scope = $1 AND key = $2", [scope, key]);
  }
  async deleteSetting(key: string): Promise<void> {
    await this.q("DELETE FROM settings WHERE key = $1", [key]);
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    await this.merger.close();
    await this.pool.end();
  }
}
