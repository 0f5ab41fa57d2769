/// What the person should see about their changes.
/// - `connecting`: not yet in touch with the server.
/// - `saved`: every change made here is on the server's disk.
/// - `saving`: changes are on their way or being written.
/// - `offline`: no connection; changes are kept here and sent on reconnect.
/// - `error`: the server refused the connection (see `message`).
/// - `unsaved`: connected, but the server now takes no text changes from
///   this person (a role without editing) and some of theirs are not on disk:
///   they never will be from this page; or the server refused one of this
///   page's changes for good (`message`: the close reason, docs/protocol.md §8).
export type SaveStatus = "connecting" | "saved" | "saving" | "offline" | "error" | "unsaved";

export interface SaveState {
  status: SaveStatus;
  /// Words for the person when status is `error` (or a storage warning).
  message: string | null;
  /// Number of own changes not yet confirmed on disk.
  pending: number;
  /// Some are not in this browser's record of them (its storage is full):
  /// closing the page now could let a later one say "saved" too early.
  notRecorded?: true;
}

/// Derives the save state from the connection and the two clocks: the local
/// clock of this client's own changes, and the clock the server last reported
/// as durably stored for this client.
export function deriveSaveState(input: {
  connected: boolean;
  /// Synced with the server on the current connection.
  synced: boolean;
  /// Synced at least once since the page opened (so a lost connection is "offline").
  everSynced: boolean;
  localClock: number;
  savedClock: number;
  error: string | null;
  /// The reason the server refused a change of this page for good.
  refused?: string | null;
  warning: string | null;
  /// The server made this connection read-only (the person may not edit text).
  readOnly?: boolean;
  /// Own deletions (they move no clock) not yet confirmed on disk.
  deletions?: number;
  /// Own changes of earlier pages in this browser (restored from its local
  /// store) not yet confirmed on disk.
  earlier?: number;
  /// Annotation operations sent and not answered, or answered as carried
  /// out in the server's memory only, until a `saved` covers them.
  annotations?: number;
  /// Parts of changes cut to the server's limits not sent yet (`Outbox`).
  parts?: number;
  /// This page's record of its changes could not be written (`OwnClocks`).
  notRecorded?: boolean;
}): SaveState {
  const state = derive(input);
  return input.notRecorded && state.pending > 0 ? { ...state, notRecorded: true } : state;
}

function derive(input: Parameters<typeof deriveSaveState>[0]): SaveState {
  const pending =
    Math.max(0, input.localClock - input.savedClock) +
    (input.deletions ?? 0) +
    (input.earlier ?? 0) +
    (input.annotations ?? 0) +
    (input.parts ?? 0);
  if (input.refused) return { status: "unsaved", message: input.refused, pending };
  if (input.error) return { status: "error", message: input.error, pending };
  // Changes waiting from before this page opened: on their way, not saved.
  if (!input.connected && !input.everSynced && pending > 0)
    return { status: "saving", message: null, pending };
  if (!input.connected)
    return { status: input.everSynced ? "offline" : "connecting", message: null, pending };
  if (!input.synced)
    return { status: pending > 0 ? "saving" : "connecting", message: null, pending };
  if (pending > 0 && input.readOnly) return { status: "unsaved", message: null, pending };
  if (pending > 0) return { status: "saving", message: input.warning, pending };
  return { status: "saved", message: null, pending };
}
