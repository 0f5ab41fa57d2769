import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupStore, restoreStore, verifyBackup } from "./backup.ts";
import { SqliteStore } from "./SqliteStore.ts";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "glossa-backup-unit-"));
  dirs.push(d);
  return d;
};

/// A copy of `file` changed by `edit` (run on the copy as a SQLite database).
async function altered(file: string, edit: (db: Database.Database) => void): Promise<string> {
  const copy = path.join(tmp(), "altered.glossa-backup");
  const src = new Database(file, { readonly: true });
  await src.backup(copy);
  src.close();
  const db = new Database(copy);
  edit(db);
  db.close();
  return copy;
}

const setMeta = (db: Database.Database, key: string, value: string) =>
  db.prepare("UPDATE glossa_backup SET value = ? WHERE key = ?").run(value, key);

describe("backup files", () => {
  let file: string;
  beforeAll(async () => {
    const dataDir = tmp();
    const store = new SqliteStore(dataDir);
    await store.createDocument({
      id: "d1",
      title: "Memo",
      createdAt: "2026-01-01",
      createdBy: null,
    });
    await store.createUser({
      id: "u1",
      email: "ana@example.org",
      name: "Ana",
      passwordHash: null,
      createdAt: "2026-01-01",
      admin: true,
    });
    await store.appendUpdate("doc/d1", new Uint8Array([1, 2, 3]));
    await store.appendUpdate("doc/d1", new Uint8Array([4, 5, 6]));
    await store.close();
    file = path.join(tmp(), "memo.glossa-backup");
    const info = await backupStore({ dataDir, file });
    expect(info.tables).toMatchObject({ documents: 1, users: 1, journal: 2 });
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("is readable by its owner only and verifies", () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(verifyBackup(file)).toMatchObject({ source: "sqlite", formatVersion: 1 });
  });

  it("refuses a backup from a newer Glossa, a missing table and missing rows", async () => {
    const newer = await altered(file, (db) => setMeta(db, "format_version", "2"));
    expect(() => verifyBackup(newer)).toThrow(
      /made by a newer version of Glossa \(backup format 2/,
    );
    const noUsers = await altered(file, (db) => db.exec("DROP TABLE users"));
    expect(() => verifyBackup(noUsers)).toThrow(
      /damaged or incomplete \(the table "users" is missing\)/,
    );
    const lost = await altered(file, (db) => db.exec("DELETE FROM journal WHERE seq = 2"));
    expect(() => verifyBackup(lost)).toThrow(/the table "journal" has 1 rows where 2 were written/);
  });

  it("restores tables it does not know (from a newer Glossa of the same format) and keeps the admin flag", async () => {
    const future = await altered(file, (db) => {
      db.exec("CREATE TABLE future_things (id TEXT, n INTEGER, data BLOB)");
      db.prepare("INSERT INTO future_things VALUES (?, ?, ?)").run("x", 7, Buffer.from([9]));
      const tables = JSON.parse(
        (
          db.prepare("SELECT value FROM glossa_backup WHERE key = 'tables'").get() as {
            value: string;
          }
        ).value,
      );
      setMeta(db, "tables", JSON.stringify({ ...tables, future_things: 1 }));
    });
    const dataDir = tmp();
    await restoreStore({ file: future, dataDir });
    const store = new SqliteStore(dataDir);
    try {
      expect(store.db.prepare("SELECT * FROM future_things").all()).toEqual([
        { id: "x", n: 7, data: Buffer.from([9]) },
      ]);
      expect((await store.getUserByEmail("ana@example.org"))?.admin).toBe(true);
      expect((await store.loadParts("doc/d1")).map((p) => [...p])).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
    } finally {
      await store.close();
    }
  });
});
