import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../storage/SqliteStore.ts";
import { openVersionStore, type VersionRecord } from "./VersionStore.ts";

const AT = "2026-01-01T00:00:00.000Z";

const version = (id: string): VersionRecord => ({
  id,
  documentId: "doc",
  name: id,
  kind: "named",
  createdAt: AT,
  createdBy: null,
  restoredFrom: null,
  textState: new Uint8Array([1, 2, 3]),
  annotations: "[]",
});

/// The version tables on a real SQLite store's SQL runner (one class for
/// both back ends; PostgreSQL: tests/versions/versions.test.ts).
describe("openVersionStore on SQLite", () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const open = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-vs-"));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    stores.push(store);
    return store;
  };

  it("lists versions of the same moment newest written first, and reads one back whole", async () => {
    const versions = openVersionStore(open());
    for (const id of ["b", "a", "c"]) await versions.createVersion(version(id));
    expect((await versions.listVersions("doc")).map((v) => v.id)).toEqual(["c", "a", "b"]);
    expect(await versions.getVersion("doc", "a")).toEqual(version("a"));
    expect(await versions.getVersion("doc", "z")).toBeNull();
  });

  it("keeps a client's first user, lists deletions in the order written, forgets a document", async () => {
    const store = open();
    // Client claims are committed by the journal's worker: the main
    // connection (the event loop's) changes no row for them.
    const changes = store.db.prepare("SELECT total_changes()").pluck();
    const versions = openVersionStore(store);
    await versions.recordClients("doc", [{ clientId: 7, userId: "u1", firstSeen: AT }]);
    await versions.recordClients("doc", [{ clientId: 7, userId: "u2", firstSeen: AT }]);
    expect(await versions.listClients("doc")).toEqual([
      { clientId: 7, userId: "u1", firstSeen: AT },
    ]);
    expect(changes.get()).toBe(0);
    const rows = [5, 1, 3].map((clock) => ({
      clientId: 7,
      clock,
      len: 1,
      userId: "u1",
      deletedAt: AT,
    }));
    await versions.recordDeletions("doc", rows);
    expect(await versions.listDeletions("doc")).toEqual(rows);
    await versions.createVersion(version("v"));
    await versions.deleteDocument("doc");
    expect(await versions.listVersions("doc")).toEqual([]);
    expect(await versions.listClients("doc")).toEqual([]);
    expect(await versions.listDeletions("doc")).toEqual([]);
  });

  it("writes deletion records in the journal's next commit", async () => {
    const store = open();
    const versions = openVersionStore(store);
    const row = { clientId: 9, clock: 0, len: 4, userId: "u1", deletedAt: AT };
    expect(versions.recordDeletionsWithJournal).toBeTypeOf("function");
    versions.recordDeletionsWithJournal!("doc", [row]);
    await store.appendUpdates([{ name: "doc", update: new Uint8Array([0, 0]) }]);
    expect(await versions.listDeletions("doc")).toEqual([row]);
  });
});
