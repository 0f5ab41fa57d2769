// Compaction's reads and writes of a SQLite store, shared by `SqliteStore`
// (loads) and the merge worker (merge.worker.mjs), which compacts with a
// connection of its own so that neither the read of a long journal, nor the
// merge, nor the write of the merged state (and its fsync) runs on the event
// loop. Plain JavaScript: workers are not compiled by the test runner or the bundler.

/// The stored snapshot, then the journal rows after it, oldest first; `upto`
/// is the last journal row read, `base` the snapshot's (null: none).
export function readParts(db, name) {
  const snap = db.prepare("SELECT state, upto FROM snapshots WHERE name = ?").get(name);
  const base = snap ? Number(snap.upto) : null;
  const rows = db
    .prepare("SELECT seq, update_data FROM journal WHERE name = ? AND seq > ? ORDER BY seq")
    .all(name, base ?? 0);
  const parts = [];
  if (snap) parts.push(new Uint8Array(snap.state));
  for (const r of rows) parts.push(new Uint8Array(r.update_data));
  const upto = rows.length ? Number(rows[rows.length - 1].seq) : (base ?? 0);
  return { parts, upto, base };
}

/// Writes the merge of `read` as the snapshot and drops the rows it folded,
/// in one short transaction — unless another process moved the snapshot
/// meanwhile. Rows appended after the read stay in the journal. IMMEDIATE:
/// the write lock is taken (waiting for the journal's commit, busy_timeout)
/// before the read, as a read-then-write transaction fails at once with
/// SQLITE_BUSY when another connection committed in between.
export function writeMerged(db, name, read, merged) {
  db.transaction(() => {
    const now = db.prepare("SELECT upto FROM snapshots WHERE name = ?").get(name);
    if ((now ? Number(now.upto) : null) !== read.base) return; // compacted elsewhere
    db.prepare(
      "INSERT INTO snapshots (name, state, upto) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, upto = excluded.upto",
    ).run(name, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), read.upto);
    db.prepare("DELETE FROM journal WHERE name = ? AND seq <= ?").run(name, read.upto);
  }).immediate();
}
