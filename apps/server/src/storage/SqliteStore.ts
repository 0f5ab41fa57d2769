import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Role } from "@glossa/protocol";
import Database from "better-sqlite3";
import {
  type DocumentRecord,
  SQL_SCHEMA,
  type ShareRecord,
  type Store,
  type UserRecord,
} from "./Store.ts";

type Row = Record<string, unknown>;

const toDoc = (r: Row): DocumentRecord => ({
  id: r.id as string,
  title: r.title as string,
  createdAt: r.created_at as string,
  createdBy: (r.created_by as string | null) ?? null,
});
const toUser = (r: Row): UserRecord => ({
  id: r.id as string,
  email: r.email as string,
  name: r.name as string,
  passwordHash: (r.password_hash as string | null) ?? null,
  createdAt: r.created_at as string,
});

/// The embedded default: one SQLite file `glossa.sqlite` in the data folder,
/// in WAL mode with `synchronous=FULL`, so an update reported as saved
/// survives a crash of the process or of the machine.
export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly db: Database.Database;
  readonly file: string;

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
  }

  /// Synchronous append, used by the persistence extension so the write is on
  /// disk before Hocuspocus acknowledges the update to the client.
  appendUpdateSync(name: string, update: Uint8Array): void {
    this.db
      .prepare("INSERT INTO journal (name, update_data) VALUES (?, ?)")
      .run(name, Buffer.from(update));
  }

  async appendUpdate(name: string, update: Uint8Array): Promise<void> {
    this.appendUpdateSync(name, update);
  }

  private parts(name: string): { parts: Uint8Array[]; upto: number } {
    const snap = this.db.prepare("SELECT state, upto FROM snapshots WHERE name = ?").get(name) as
      | Row
      | undefined;
    const upto = snap ? Number(snap.upto) : 0;
    const rows = this.db
      .prepare("SELECT seq, update_data FROM journal WHERE name = ? AND seq > ? ORDER BY seq")
      .all(name, upto) as Row[];
    const parts: Uint8Array[] = [];
    if (snap) parts.push(new Uint8Array(snap.state as Buffer));
    for (const r of rows) parts.push(new Uint8Array(r.update_data as Buffer));
    const last = rows.length ? Number(rows[rows.length - 1]!.seq) : upto;
    return { parts, upto: last };
  }

  async loadParts(name: string): Promise<Uint8Array[]> {
    return this.parts(name).parts;
  }

  async compact(name: string, merge: (parts: Uint8Array[]) => Uint8Array): Promise<void> {
    this.db.transaction(() => {
      const { parts, upto } = this.parts(name);
      if (parts.length <= 1) return;
      const merged = merge(parts);
      this.db
        .prepare(
          "INSERT INTO snapshots (name, state, upto) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, upto = excluded.upto",
        )
        .run(name, Buffer.from(merged), upto);
      this.db.prepare("DELETE FROM journal WHERE name = ? AND seq <= ?").run(name, upto);
    })();
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

  async createUser(u: UserRecord): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(u.id, u.email, u.name, u.passwordHash, u.createdAt);
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

  async setShare(s: ShareRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO shares (document_id, user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(document_id, user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
      )
      .run(s.documentId, s.userId, s.role, s.grantedBy, s.grantedAt);
  }
  async removeShare(documentId: string, userId: string): Promise<boolean> {
    return (
      this.db
        .prepare("DELETE FROM shares WHERE document_id = ? AND user_id = ?")
        .run(documentId, userId).changes > 0
    );
  }
  async getRole(documentId: string, userId: string): Promise<Role | null> {
    const r = this.db
      .prepare("SELECT role FROM shares WHERE document_id = ? AND user_id = ?")
      .get(documentId, userId) as Row | undefined;
    return r ? (r.role as Role) : null;
  }
  async listShares(documentId: string): Promise<ShareRecord[]> {
    return (
      this.db
        .prepare("SELECT * FROM shares WHERE document_id = ? ORDER BY granted_at")
        .all(documentId) as Row[]
    ).map((r) => ({
      documentId: r.document_id as string,
      userId: r.user_id as string,
      role: r.role as Role,
      grantedBy: (r.granted_by as string | null) ?? null,
      grantedAt: r.granted_at as string,
    }));
  }
  async listDocumentsFor(userId: string): Promise<(DocumentRecord & { role: Role })[]> {
    return (
      this.db
        .prepare(
          "SELECT d.*, s.role FROM documents d JOIN shares s ON s.document_id = d.id WHERE s.user_id = ? ORDER BY d.created_at, d.id",
        )
        .all(userId) as Row[]
    ).map((r) => ({ ...toDoc(r), role: r.role as Role }));
  }

  async getSetting(key: string): Promise<string | null> {
    const r = this.db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as
      | Row
      | undefined;
    return r ? (r.value as string) : null;
  }
  async setSetting(key: string, value: string): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }
  async deleteSetting(key: string): Promise<void> {
    this.db.prepare("DELETE FROM settings WHERE key = ?").run(key);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
