import type { Role } from "@glossa/protocol";
import type { AccessibleDocument, InviteRecord, ShareRecord } from "../Store.ts";
import { isExpired, NOT_TRASHED, toAccessible, toInvite, toShare } from "../Store.ts";
import { AccountTables } from "./accounts.ts";

/// Pairs read per statement by `sharesOf`.
const SHARE_PAIRS_PER_QUERY = 500;

/// Who may open what: shares (roles on documents, with their expiry) and
/// invitations. A change of a share moves the access version.
export abstract class SharingTables extends AccountTables {
  async setShare(s: ShareRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO shares (document_id, user_id, role, granted_by, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id, user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at, expires_at = excluded.expires_at`,
      [s.documentId, s.userId, s.role, s.grantedBy, s.grantedAt, s.expiresAt ?? null],
    );
    await this.bumpAccess();
  }
  async removeShare(documentId: string, userId: string): Promise<boolean> {
    const removed =
      (await this.sql.run("DELETE FROM shares WHERE document_id = ? AND user_id = ?", [
        documentId,
        userId,
      ])) > 0;
    if (removed) await this.bumpAccess();
    return removed;
  }
  async getRole(documentId: string, userId: string): Promise<Role | null> {
    const r = (
      await this.sql.all(
        `SELECT role, expires_at FROM shares s WHERE document_id = ? AND user_id = ? AND ${NOT_TRASHED}`,
        [documentId, userId],
      )
    )[0];
    return r && !isExpired(r.expires_at as string | null) ? (r.role as Role) : null;
  }
  async listShares(documentId: string): Promise<ShareRecord[]> {
    return (
      await this.sql.all("SELECT * FROM shares WHERE document_id = ? ORDER BY granted_at", [
        documentId,
      ])
    ).map(toShare);
  }
  async listSharesForUsers(userIds: string[]): Promise<ShareRecord[]> {
    if (userIds.length === 0) return [];
    const list = this.sql.inList(userIds);
    return (await this.sql.all(`SELECT * FROM shares WHERE user_id ${list.sql}`, list.params)).map(
      toShare,
    );
  }
  async sharesOf(pairs: Pick<ShareRecord, "documentId" | "userId">[]): Promise<ShareRecord[]> {
    const out: ShareRecord[] = [];
    // Row values, which both dialects index by the primary key; in chunks,
    // far below either's limit on parameters.
    for (let i = 0; i < pairs.length; i += SHARE_PAIRS_PER_QUERY) {
      const chunk = pairs.slice(i, i + SHARE_PAIRS_PER_QUERY);
      const rows = await this.sql.all(
        `SELECT * FROM shares WHERE (document_id, user_id) IN (VALUES ${chunk.map(() => "(?, ?)").join(", ")})`,
        chunk.flatMap((p) => [p.documentId, p.userId]),
      );
      out.push(...rows.map(toShare));
    }
    return out;
  }
  async listDocumentsFor(userId: string): Promise<AccessibleDocument[]> {
    return (
      await this.sql.all(
        "SELECT d.*, s.role, s.expires_at AS share_expires_at, s.granted_by FROM documents d JOIN shares s ON s.document_id = d.id WHERE s.user_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at, d.id",
        [userId],
      )
    )
      .filter((r) => !isExpired(r.share_expires_at as string | null))
      .map(toAccessible);
  }

  async createInvite(i: InviteRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO invites (id, code_hash, document_id, role, email, created_by, created_at, expires_at, uses, max_uses, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    const r = (await this.sql.all("SELECT * FROM invites WHERE code_hash = ?", [codeHash]))[0];
    return r ? toInvite(r) : null;
  }
  async listInvites(documentId: string): Promise<InviteRecord[]> {
    return (
      await this.sql.all("SELECT * FROM invites WHERE document_id = ? ORDER BY created_at", [
        documentId,
      ])
    ).map(toInvite);
  }
  async useInvite(id: string, now: string): Promise<boolean> {
    return (
      (await this.sql.run(
        `UPDATE invites SET uses = uses + 1 WHERE id = ? AND revoked_at IS NULL AND expires_at > ?
         AND (max_uses IS NULL OR uses < max_uses)`,
        [id, now],
      )) > 0
    );
  }
  async revokeInvite(documentId: string, id: string): Promise<boolean> {
    return (
      (await this.sql.run(
        "UPDATE invites SET revoked_at = ? WHERE id = ? AND document_id = ? AND revoked_at IS NULL",
        [new Date().toISOString(), id, documentId],
      )) > 0
    );
  }
}
