import type * as Y from "yjs";

/// Full states at least this large are kept between fresh syncs (the
/// letter's text, ~65 KiB, is not; 1,000 annotations' document, ~560 KiB, is).
export const KEEP_STATE_BYTES = 256 * 1024;

/// Full-state answers encoded, taken from a kept state, and kept from a load
/// (instrumentation: tests count the work fresh syncs cause, never its time).
export const freshSyncStats = { encoded: 0, reused: 0, fromLoad: 0 };

/// The whole state of each large loaded document as one Yjs update (V1),
/// until a transaction changes the document (issue 16: a fresh client's
/// answer, which Hocuspocus encoded again for every such client).
const kept = new WeakMap<Y.Doc, Uint8Array>();
/// Documents whose `afterTransaction` listener drops their kept state.
const watched = new WeakSet<Y.Doc>();

/// The kept state of `doc`, if any.
export function keptState(doc: Y.Doc): Uint8Array | undefined {
  return kept.get(doc);
}

/// Keeps `state` (the whole state of `doc` now, as one update) when it is
/// large, until `doc` changes.
export function keepState(doc: Y.Doc, state: Uint8Array): void {
  if (state.byteLength < KEEP_STATE_BYTES) return;
  if (!watched.has(doc)) {
    watched.add(doc);
    // Every transaction that changed it (loads too, which apply with the
    // `update` listeners set aside: loadSteps.ts).
    doc.on("afterTransaction", (tr: Y.Transaction) => {
      if (kept.has(doc) && changed(tr)) kept.delete(doc);
    });
  }
  kept.set(doc, state);
}

/// A document just loaded from one stored part (a snapshot, or a single
/// journal row, and nothing after it): that part is its whole state, kept
/// without encoding anything.
export function keepLoadedState(doc: Y.Doc, parts: readonly Uint8Array[]): void {
  if (parts.length !== 1 || parts[0]!.byteLength < KEEP_STATE_BYTES) return;
  keepState(doc, parts[0]!);
  freshSyncStats.fromLoad++;
}

/// Whether transaction `tr` added or deleted anything.
function changed(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size) return true;
  for (const [client, clock] of tr.afterState)
    if (clock > (tr.beforeState.get(client) ?? 0)) return true;
  return false;
}
