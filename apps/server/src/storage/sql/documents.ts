import type { Role } from "@glossa/protocol";
import type { DocumentRecord, TextMatch } from "../Store.ts";
import { isExpired, likeAnywhere, NOT_TRASHED, toDoc } from "../Store.ts";
import { SharingTables } from "./sharing.ts";

/// Documents: their rows, the trash, the last edit and the plain text kept
/// for search.
export abstract class DocumentTables extends SharingTables {
  async createDocument(d: DocumentRecord): Promise<void> {
    await this.sql.run(
      "INSERT INTO documents (id, title, created_at, created_by) VALUES (?, ?, ?, ?)",
      [d.id, d.title, d.createdAt, d.createdBy],
    );
  }
  async getDocument(id: string): Promise<DocumentRecord | null> {
    const r = (await this.sql.all("SELECT * FROM documents WHERE id = ?", [id]))[0];
    return r ? toDoc(r) : null;
  }
  async findDocumentsByTitle(title: string): Promise<DocumentRecord[]> {
    return (await this.sql.all("SELECT * FROM documents WHERE title = ?", [title])).map(toDoc);
  }
  async listDocuments(): Promise<DocumentRecord[]> {
    return (await this.sql.all("SELECT * FROM documents ORDER BY created_at, id")).map(toDoc);
  }
  async renameDocument(id: string, title: string): Promise<void> {
    await this.sql.run("UPDATE documents SET title = ? WHERE id = ?", [title, id]);
  }

  async trashDocument(id: string, by: string, at: string): Promise<boolean> {
    const n = await this.sql.run(
      "UPDATE documents SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL",
      [at, by, id],
    );
    if (n > 0) await this.bumpAccess();
    return n > 0;
  }
  async restoreDocument(id: string): Promise<boolean> {
    const n = await this.sql.run(
      "UPDATE documents SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at IS NOT NULL",
      [id],
    );
    if (n > 0) await this.bumpAccess();
    return n > 0;
  }
  async listTrashFor(userId: string): Promise<DocumentRecord[]> {
    return (
      await this.sql.all(
        `SELECT d.*, s.expires_at AS share_expires_at FROM documents d JOIN shares s ON s.document_id = d.id
         WHERE s.user_id = ? AND s.role = 'owner' AND d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.id`,
        [userId],
      )
    )
      .filter((r) => !isExpired(r.share_expires_at as string | null))
      .map(toDoc);
  }
  async getRoleInTrash(documentId: string, userId: string): Promise<Role | null> {
    const r = (
      await this.sql.all(
        `SELECT s.role, s.expires_at FROM shares s JOIN documents d ON d.id = s.document_id
         WHERE s.document_id = ? AND s.user_id = ? AND d.deleted_at IS NOT NULL`,
        [documentId, userId],
      )
    )[0];
    return r && !isExpired(r.expires_at as string | null) ? (r.role as Role) : null;
  }
  async trashedAmong(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const list = this.sql.inList(ids);
    return (
      await this.sql.all(
        `SELECT id FROM documents WHERE deleted_at IS NOT NULL AND id ${list.sql}`,
        list.params,
      )
    ).map((r) => r.id as string);
  }
  async listTrashedBefore(before: string): Promise<string[]> {
    return (
      await this.sql.all(
        "SELECT id FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?",
        [before],
      )
    ).map((r) => r.id as string);
  }
  /// The document and everything stored with it, in one transaction.
  async purgeDocument(id: string): Promise<void> {
    const names = this.sql.inList([`doc/${id}`, `doc/${id}/annotations`]);
    await this.sql.batch([
      { sql: `DELETE FROM journal WHERE name ${names.sql}`, params: names.params },
      { sql: `DELETE FROM snapshots WHERE name ${names.sql}`, params: names.params },
      { sql: "DELETE FROM shares WHERE document_id = ?", params: [id] },
      { sql: "DELETE FROM invites WHERE document_id = ?", params: [id] },
      { sql: "DELETE FROM document_text WHERE document_id = ?", params: [id] },
      { sql: "DELETE FROM documents WHERE id = ?", params: [id] },
    ]);
    await this.bumpAccess();
  }
  async recordEdit(id: string, at: string, by: string | null): Promise<void> {
    await this.sql.run(RECORD_EDIT, [at, by, id, at]);
  }
  async setDocumentText(id: string, text: string, folded: string, at: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO document_text (document_id, text, folded, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET text = excluded.text, folded = excluded.folded, updated_at = excluded.updated_at`,
      [id, text, folded, at],
    );
  }
  async searchTextFor(userId: string, folded: string, limit: number): Promise<TextMatch[]> {
    return (
      await this.sql.all(
        `SELECT x.document_id AS id, x.text, x.folded, s.expires_at FROM document_text x
         JOIN shares s ON s.document_id = x.document_id AND s.user_id = ?
         WHERE ${NOT_TRASHED} AND x.folded LIKE ? ESCAPE '\\' LIMIT ?`,
        [userId, likeAnywhere(folded), limit * 2],
      )
    )
      .filter((r) => !isExpired(r.expires_at as string | null))
      .slice(0, limit)
      .map((r) => ({ id: r.id as string, text: r.text as string, folded: r.folded as string }));
  }
  async listDocumentsWithoutText(): Promise<string[]> {
    return (
      await this.sql.all(
        "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_text x WHERE x.document_id = d.id)",
      )
    ).map((r) => r.id as string);
  }
}

/// A document's last edit, never moved back in time (parameters: at, by, id, at).
export const RECORD_EDIT =
  "UPDATE documents SET last_edited_at = ?, last_edited_by = ? WHERE id = ? AND (last_edited_at IS NULL OR last_edited_at <= ?)";
