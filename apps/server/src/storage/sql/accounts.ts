import type { ApiTokenRecord, SessionRecord, UserRecord } from "../Store.ts";
import { toApiToken, toSession, toUser } from "../Store.ts";
import { SettingsTables } from "./settings.ts";

const INSERT_SESSION =
  "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)";

const sessionRow = (x: SessionRecord): unknown[] => [
  x.id,
  x.userId,
  x.createdAt,
  x.lastSeenAt,
  x.expiresAt,
  x.revokedAt,
  x.userAgent,
];

/// Accounts: users, their sessions and API tokens.
export abstract class AccountTables extends SettingsTables {
  async createUser(u: UserRecord): Promise<void> {
    await this.sql.run(
      "INSERT INTO users (id, email, name, password_hash, created_at, admin) VALUES (?, ?, ?, ?, ?, ?)",
      [u.id, u.email, u.name, u.passwordHash, u.createdAt, this.sql.bool(u.admin === true)],
    );
  }
  async getUser(id: string): Promise<UserRecord | null> {
    const r = (await this.sql.all("SELECT * FROM users WHERE id = ?", [id]))[0];
    return r ? toUser(r) : null;
  }
  async getUserByEmail(email: string): Promise<UserRecord | null> {
    const r = (await this.sql.all("SELECT * FROM users WHERE email = ?", [email.toLowerCase()]))[0];
    return r ? toUser(r) : null;
  }
  async listUsers(): Promise<UserRecord[]> {
    return (await this.sql.all("SELECT * FROM users ORDER BY created_at, email")).map(toUser);
  }
  async setPassword(userId: string, hash: string): Promise<void> {
    await this.sql.run("UPDATE users SET password_hash = ? WHERE id = ?", [hash, userId]);
  }
  async setAdmin(userId: string, admin: boolean): Promise<void> {
    await this.sql.run("UPDATE users SET admin = ? WHERE id = ?", [this.sql.bool(admin), userId]);
  }

  async createSession(x: SessionRecord): Promise<void> {
    await this.sql.run(INSERT_SESSION, sessionRow(x));
  }
  async getSession(id: string): Promise<SessionRecord | null> {
    const r = (await this.sql.all("SELECT * FROM sessions WHERE id = ?", [id]))[0];
    return r ? toSession(r) : null;
  }
  async getSessions(ids: string[]): Promise<SessionRecord[]> {
    if (ids.length === 0) return [];
    const list = this.sql.inList(ids);
    return (await this.sql.all(`SELECT * FROM sessions WHERE id ${list.sql}`, list.params)).map(
      toSession,
    );
  }
  async listSessions(userId: string): Promise<SessionRecord[]> {
    return (
      await this.sql.all("SELECT * FROM sessions WHERE user_id = ? ORDER BY last_seen_at DESC", [
        userId,
      ])
    ).map(toSession);
  }
  async touchSession(id: string, at: string): Promise<void> {
    await this.sql.run("UPDATE sessions SET last_seen_at = ? WHERE id = ?", [at, id]);
  }
  async revokeSession(userId: string, id: string): Promise<boolean> {
    const n = await this.sql.run(
      "UPDATE sessions SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
      [new Date().toISOString(), id, userId],
    );
    if (n > 0) await this.bumpAccess();
    return n > 0;
  }
  async revokeUserSessions(userId: string, exceptId?: string): Promise<number> {
    const n = await this.sql.run(
      "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id <> ? AND revoked_at IS NULL",
      [new Date().toISOString(), userId, exceptId ?? ""],
    );
    if (n > 0) await this.bumpAccess();
    return n;
  }

  /// The token and its session in one transaction.
  async createApiToken(t: ApiTokenRecord, session: SessionRecord): Promise<void> {
    await this.sql.batch([
      { sql: INSERT_SESSION, params: sessionRow(session) },
      {
        sql: "INSERT INTO api_tokens (id, user_id, name, secret_hash, documents, ceiling, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        params: [
          t.id,
          t.userId,
          t.name,
          t.secretHash,
          t.documents ? JSON.stringify(t.documents) : null,
          t.ceiling,
          t.createdAt,
        ],
      },
    ]);
  }
  async getApiToken(id: string): Promise<ApiTokenRecord | null> {
    const r = (await this.sql.all("SELECT * FROM api_tokens WHERE id = ?", [id]))[0];
    return r ? toApiToken(r) : null;
  }
  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return (
      await this.sql.all("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id", [
        userId,
      ])
    ).map(toApiToken);
  }
}
