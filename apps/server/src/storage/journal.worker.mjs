// The SQLite journal's durable commits, in a worker thread with a connection
// of its own to the same WAL database, so that the fsync of every batch never
// blocks the event loop (sqliteJournal.ts). Plain JavaScript: workers are not
// compiled by the test runner or the bundler.
// workerData: { file }. Message: { id, names, ends, buffer, side, maxPages }
// → { id, sideErrors: [index, message][] } once committed (synchronous=FULL: on disk), or { id, error, code }.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
db.pragma("foreign_keys = ON");
const insert = db.prepare("INSERT INTO journal (name, update_data) VALUES (?, ?)");
const statements = new Map();
let maxPages = null;

/// One write made for the same updates (who deleted what), in a savepoint of
/// its own: a failing one is rolled back alone and reported, never the journal.
const sideWrite = db.transaction(({ sql, rows }) => {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  for (const row of rows) statement.run(...row);
});

const commit = db.transaction(({ names, ends, buffer, side }) => {
  let start = 0;
  for (let i = 0; i < names.length; i++) {
    insert.run(names[i], Buffer.from(buffer, start, ends[i] - start));
    start = ends[i];
  }
  const errors = [];
  for (const [i, write] of side.entries()) {
    try {
      sideWrite(write);
    } catch (err) {
      errors.push([i, String(err?.message ?? err)]);
    }
  }
  return errors;
});

parentPort.on("message", (m) => {
  if (m.type === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    // The main connection's size limit (per connection in SQLite) holds here too.
    if (m.maxPages !== maxPages) {
      db.pragma(`max_page_count = ${Number(m.maxPages)}`);
      maxPages = m.maxPages;
    }
    // IMMEDIATE: the write lock first, waiting (busy_timeout) for the others'.
    parentPort.postMessage({ id: m.id, sideErrors: commit.immediate(m) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err?.message ?? err), code: err?.code });
  }
});
