/// How long one durable SQLite commit takes on this disk right now: 200
/// single-row INSERTs in WAL mode with synchronous=FULL (Glossa's journal
/// settings), each its own transaction, in a scratch file in the temp folder.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { summary } from "./stats.ts";

interface Sqlite {
  pragma(s: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): unknown };
  close(): void;
}

export function fsyncProbe(n = 200): { p50: number; p95: number; max: number } {
  const fromServer = createRequire(new URL("../../../apps/server/package.json", import.meta.url));
  const Database = fromServer("better-sqlite3") as new (file: string) => Sqlite;
  const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-bench-fsync-"));
  try {
    const db = new Database(path.join(dir, "probe.sqlite"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec("CREATE TABLE j (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL)");
    const insert = db.prepare("INSERT INTO j (data) VALUES (?)");
    const blob = Buffer.alloc(40, 7);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      insert.run(blob);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    db.close();
    const s = summary(times);
    return { p50: s.p50, p95: s.p95, max: s.max };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
