/// The server's bounds on what a writer sends, in one place both sides read
/// (issue 10): the server refuses past them, and the web app's outbox
/// (`packages/collab` `Outbox`) cuts and paces its changes to stay within
/// them, so that an honest person's work is sent in parts instead of being
/// refused (docs/protocol.md §5–6).

/// What one text update may hold (apps/server `TEXT_LIMITS`).
export const UPDATE_LIMITS = {
  /// New characters and blocks (clocks) one update may add: 4413.
  clocks: 500_000,
  /// Structs in one update: 4413.
  structs: 100_000,
  /// New Yjs types (blocks, list items, text nodes) in one update: 4414.
  blocks: 20_000,
  /// Deleted ranges in one update's delete set: 4413.
  deleteRanges: 100_000,
  /// Structs the splits of held text one update causes may move (plus
  /// `SPLIT_BASE` per split): 4413.
  splitWork: 50_000_000,
} as const;

/// Work counted per split of held text on top of the structs it moves.
export const SPLIT_BASE = 3_000;

/// Largest websocket message by default (`MAX_MESSAGE_BYTES`).
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/// An account's default budgets per second over all its connections
/// (`ACCOUNT_*_PER_SECOND`; 4431). The bursts: two largest messages of bytes,
/// one largest update of work and of blocks.
export const ACCOUNT_BUDGETS = {
  messagesPerSecond: 300,
  bytesPerSecond: 1024 * 1024,
  workPerSecond: 5_000,
  blocksPerSecond: 2_000,
  burstBytes: 2 * DEFAULT_MAX_MESSAGE_BYTES,
  /// The work of the largest update the limits allow: structs + deleted
  /// ranges + a thousandth of the split work.
  burstWork: UPDATE_LIMITS.structs + UPDATE_LIMITS.deleteRanges + UPDATE_LIMITS.splitWork / 1000,
  burstBlocks: UPDATE_LIMITS.blocks,
} as const;
