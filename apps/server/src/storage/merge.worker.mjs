// Compaction's merge, run in a worker thread so that merging a large
// document's history never stalls the event loop (and with it every "saved"
// acknowledgement). Plain JavaScript: workers are not compiled by the test
// runner or the bundler. Messages: { id, parts: Uint8Array[] } → { id, merged };
// { id, file, name } → { id } once a SQLite store's document is compacted
// (read, merge and write on this thread's own connection); or { id, error }.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

const merge = (parts) => {
  const ydoc = new Y.Doc();
  for (const part of parts) Y.applyUpdate(ydoc, part);
  const merged = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return merged;
};

/// Connections by database file, opened on first use (gone with the thread).
/// SQLite is loaded only then: a PostgreSQL server's merges start the thread
/// without it.
const connections = new Map();
const connection = async (file) => {
  let db = connections.get(file);
  if (!db) {
    const { default: Database } = await import("better-sqlite3");
    db = new Database(file);
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    connections.set(file, db);
  }
  return db;
};

async function compact(file, name) {
  const db = await connection(file);
  const { readParts, writeMerged } = await import("./sqliteCompact.mjs");
  const read = db.transaction(() => readParts(db, name))();
  if (read.parts.length <= 1) return;
  writeMerged(db, name, read, merge(read.parts));
}

parentPort.on("message", async ({ id, parts, file, name }) => {
  try {
    if (file !== undefined) {
      await compact(file, name);
      parentPort.postMessage({ id });
      return;
    }
    const merged = merge(parts);
    parentPort.postMessage({ id, merged }, [merged.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.stack ?? err) });
  }
});
