import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SqliteStore } from "./SqliteStore.ts";

const edit = (d: Y.Doc, text: string) => {
  const before = Y.encodeStateVector(d);
  d.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(d, before);
};

/// The journal's commits and compaction run on their own connections: the
/// main connection (the event loop's) changes no row for them (counted with
/// SQLite's per-connection `total_changes()`), yet reads all they wrote.
describe("SqliteStore off the event loop", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const open = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-sqlj-"));
    dirs.push(dir);
    return new SqliteStore(dir);
  };

  it("commits batches and their side writes in the worker; compacts in the merge worker", async () => {
    const store = open();
    const changes = store.db.prepare("SELECT total_changes()").pluck();
    const doc = new Y.Doc();
    const settle: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      store.withNextCommit({
        sql: "INSERT INTO settings (key, value) VALUES (?, ?)",
        rows: [[`k${i}`, "v"]],
      });
      // A failing side write is rolled back alone; the journal is kept.
      if (i === 3) store.withNextCommit({ sql: "INSERT INTO nowhere VALUES (?)", rows: [[1]] });
      settle.push(store.appendUpdates([{ name: "d", update: edit(doc, String(i % 10)) }]));
    }
    await Promise.all(settle);
    // Batches sent while one was in flight went together (group commit).
    expect(store.journalCommits).toBeGreaterThan(0);
    expect(store.journalCommits).toBeLessThan(20);
    expect(await store.journalLength("d")).toBe(20);
    expect(await store.getSetting("k19")).toBe("v");

    await store.compact("d");
    expect(await store.journalLength("d")).toBe(0);
    const parts = await store.loadParts("d");
    expect(parts).toHaveLength(1);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, parts[0]!);
    expect(loaded.getText("t").toString()).toBe(doc.getText("t").toString());
    expect(changes.get()).toBe(0);
    await store.close();
  }, 60_000);

  it("writes a document's search text and last edit in the worker, never text for a document that is gone", async () => {
    const store = open();
    const changes = store.db.prepare("SELECT total_changes()").pluck();
    const at = new Date().toISOString();
    await store.createDocument({ id: "a", title: "A", createdAt: at, createdBy: null });
    await store.setShare({
      documentId: "a",
      userId: "u",
      role: "owner",
      grantedBy: null,
      grantedAt: at,
    });
    const before = changes.get();
    const text = `${"x".repeat(1_000_000)} needle`;
    await store.setDocumentText("a", text, text, at);
    await store.setDocumentText("gone", "needle", "needle", at);
    await store.recordEdit("a", at, "u");
    expect((await store.getDocument("a"))?.lastEditedBy).toBe("u");
    // Searchable as soon as the write resolves, yet the main connection wrote nothing.
    const found = await store.searchTextFor("u", "needle", 10);
    expect(found.map((m) => [m.id, m.text.length])).toEqual([["a", text.length]]);
    expect(changes.get()).toBe(before);
    expect(await store.listDocumentsWithoutText()).toEqual([]);
    expect(store.db.prepare("SELECT COUNT(*) FROM document_text").pluck().get()).toBe(1);
    await store.close();
  }, 60_000);

  it("close commits what is queued; a reopened store has it", async () => {
    const store = open();
    const doc = new Y.Doc();
    const write = store.appendUpdates([{ name: "d", update: edit(doc, "kept") }]);
    await store.close();
    await write;
    const again = new SqliteStore(path.dirname(store.file));
    const loaded = new Y.Doc();
    for (const p of await again.loadParts("d")) Y.applyUpdate(loaded, p);
    expect(loaded.getText("t").toString()).toBe("kept");
    await again.close();
  }, 60_000);

  it("stops its worker when idle and starts it again for the next write, losing none", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-sqlj-"));
    dirs.push(dir);
    const store = new SqliteStore(dir, { journalIdleMs: 40 });
    const doc = new Y.Doc();
    // Writes around the idle limit (seeded pauses of 0–100 ms): some land on a
    // running worker, some on a stopping one, some start a new one.
    let seed = 7;
    const pause = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return new Promise((r) => setTimeout(r, seed % 100));
    };
    for (let i = 0; i < 30; i++) {
      await store.appendUpdates([{ name: "d", update: edit(doc, String(i % 10)) }]);
      await pause();
    }
    expect(store.journalStarts).toBeGreaterThan(3);
    expect(await store.journalLength("d")).toBe(30);
    await store.close();
    const again = new SqliteStore(dir);
    const loaded = new Y.Doc();
    for (const p of await again.loadParts("d")) Y.applyUpdate(loaded, p);
    expect(loaded.getText("t").toString()).toBe(doc.getText("t").toString());
    await again.close();
  }, 60_000);

  it("a writer's arrival starts the worker before the first write; unused, it stops again", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-sqlj-"));
    dirs.push(dir);
    const store = new SqliteStore(dir, { journalIdleMs: 40 });
    const doc = new Y.Doc();
    const idle = () => new Promise((r) => setTimeout(r, 300));
    store.expectWrites();
    expect(store.journalStarts).toBe(1);
    await store.appendUpdates([{ name: "d", update: edit(doc, "a") }]);
    expect(store.journalStarts).toBe(1); // the write found it running
    await idle();
    store.expectWrites();
    store.expectWrites(); // running: nothing more
    expect(store.journalStarts).toBe(2);
    await idle(); // no write came: stopped again
    await store.appendUpdates([{ name: "d", update: edit(doc, "b") }]);
    expect(store.journalStarts).toBe(3);
    expect(await store.journalLength("d")).toBe(2);
    await store.close();
  }, 60_000);

  it("close waits for its worker even when nothing else keeps the process alive", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-sqlj-"));
    dirs.push(dir);
    const store = new URL("./SqliteStore.ts", import.meta.url).href;
    const script = `const { SqliteStore } = await import(${JSON.stringify(store)});
      const s = new SqliteStore(${JSON.stringify(dir)});
      await s.appendUpdates([{ name: "d", update: new Uint8Array([0, 0]) }]);
      await s.close();
      console.log("closed");`;
    const file = path.join(dir, "close.mjs");
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, ["--import", "tsx", file], {
      encoding: "utf8",
      timeout: 60_000,
    });
    // Exit code 13 was Node's "unsettled top-level await": the process ended
    // while close still waited for an unreferenced worker.
    expect([run.status, run.stdout.trim(), run.stderr]).toEqual([0, "closed", ""]);
  }, 90_000);
});
