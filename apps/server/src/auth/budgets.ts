import type { Store } from "../storage/index.ts";
import { AttemptLimiter } from "./rateLimit.ts";

/// What one account may spend (issue 10, item 1). Counted per account, not
/// per connection: opening more sockets or documents does not buy more.
export interface BudgetConfiguration {
  /// Websocket messages per second over all the account's connections
  /// (burst: twice that).
  messagesPerSecond: number;
  /// Websocket bytes per second over all the account's connections.
  bytesPerSecond: number;
  /// Bytes that may arrive at once (at least two of the largest messages, so
  /// one paste of a long brief always passes).
  burstBytes: number;
  /// Decoded work per second over all the account's documents: structs
  /// plus deleted ranges of its text updates (what applying costs; a
  /// keystroke is one or two).
  workPerSecond: number;
  /// Work that may arrive at once (one largest allowed update).
  burstWork: number;
  /// New blocks and text nodes (Yjs types) per second over all the
  /// account's documents: the dearest structs to apply and check (an empty
  /// paragraph costs about as much as ten structs of text).
  blocksPerSecond: number;
  /// Blocks that may arrive at once (one largest allowed update).
  burstBlocks: number;
  /// Documents the account may own, trash included.
  maxDocuments: number;
  /// Documents the account may create per hour.
  documentsPerHour: number;
  /// Files the account may import per minute (new documents and imports
  /// into an empty one).
  importsPerMinute: number;
}

interface Buckets {
  messages: number;
  bytes: number;
  work: number;
  blocks: number;
  at: number;
}

/// Why a budget refused: what ran out, and when to try again.
export interface OverBudget {
  what: "messages" | "bytes" | "work" | "blocks" | "documents" | "document-rate" | "import-rate";
  retryAfterSeconds: number;
}

/// Token buckets per account for what arrives on websockets. A message is
/// charged before anything of it is decoded or applied; one that does not
/// fit is refused whole and charged nothing. The buckets live in this
/// process: they protect this instance's event loop, which is what a burst
/// stalls (each instance has its own).
export class AccountBudgets {
  private readonly accounts = new Map<string, Buckets>();
  private sweepAt = 0;

  constructor(readonly config: BudgetConfiguration) {}

  /// Charges one message of `bytes` to `account`; null when it fits.
  charge(account: string, bytes: number, now = Date.now()): OverBudget | null {
    const c = this.config;
    const b = this.refill(account, now);
    if (b.messages < 1) {
      return { what: "messages", retryAfterSeconds: 1 };
    }
    if (b.bytes < bytes) {
      const wait = (bytes - b.bytes) / c.bytesPerSecond;
      return { what: "bytes", retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    b.messages -= 1;
    b.bytes -= bytes;
    this.sweep(now);
    return null;
  }

  /// Charges the answer to a sync request (`bytes`: about its size) to the
  /// bytes bucket, at most half the burst: an honest open of a large
  /// document always fits a bucket at least half full; a full one holds two
  /// such answers, and a third waits for the refill. Null when it fits.
  chargeAnswer(account: string, bytes: number, now = Date.now()): OverBudget | null {
    const b = this.refill(account, now);
    const units = Math.min(bytes, this.config.burstBytes / 2);
    if (b.bytes < units) {
      const wait = (units - b.bytes) / this.config.bytesPerSecond;
      return { what: "bytes", retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    b.bytes -= units;
    return null;
  }

  /// Charges `units` of work (structs + deleted ranges of an update, read
  /// from its bytes before it is applied), its `blocks` (new Yjs types) and
  /// `clocks`, the clocks it adds beyond its own bytes, to the bytes bucket
  /// (structs that carry no content — garbage-collected, deleted or skipped
  /// — add any number of clocks in a few bytes: a document's 20,000,000 were
  /// filled with 2 KB; text costs at least a byte per clock and is charged
  /// its bytes on arrival); null when all fit, else none is charged.
  chargeWork(
    account: string,
    units: number,
    now = Date.now(),
    blocks = 0,
    clocks = 0,
  ): OverBudget | null {
    const c = this.config;
    const b = this.refill(account, now);
    if (b.work < units) {
      const wait = (units - b.work) / c.workPerSecond;
      return { what: "work", retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    if (b.blocks < blocks) {
      const wait = (blocks - b.blocks) / c.blocksPerSecond;
      return { what: "blocks", retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    if (b.bytes < clocks) {
      const wait = (clocks - b.bytes) / c.bytesPerSecond;
      return { what: "bytes", retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    b.work -= units;
    b.blocks -= blocks;
    b.bytes -= clocks;
    return null;
  }

  /// Accounts currently tracked (a full bucket is forgotten).
  get size(): number {
    return this.accounts.size;
  }

  private refill(account: string, now: number): Buckets {
    const c = this.config;
    let b = this.accounts.get(account);
    if (!b) {
      b = {
        messages: c.messagesPerSecond * 2,
        bytes: c.burstBytes,
        work: c.burstWork,
        blocks: c.burstBlocks,
        at: now,
      };
      this.accounts.set(account, b);
      return b;
    }
    const dt = Math.max(0, now - b.at) / 1000;
    b.messages = Math.min(c.messagesPerSecond * 2, b.messages + dt * c.messagesPerSecond);
    b.bytes = Math.min(c.burstBytes, b.bytes + dt * c.bytesPerSecond);
    b.work = Math.min(c.burstWork, b.work + dt * c.workPerSecond);
    b.blocks = Math.min(c.burstBlocks, b.blocks + dt * c.blocksPerSecond);
    b.at = now;
    return b;
  }

  /// Forgets accounts whose buckets have refilled (no state kept for idle ones).
  private sweep(now: number): void {
    if (now < this.sweepAt) return;
    this.sweepAt = now + 10_000;
    const c = this.config;
    for (const [account, b] of this.accounts) {
      const dt = (now - b.at) / 1000;
      if (
        b.messages + dt * c.messagesPerSecond >= c.messagesPerSecond * 2 &&
        b.bytes + dt * c.bytesPerSecond >= c.burstBytes &&
        b.work + dt * c.workPerSecond >= c.burstWork &&
        b.blocks + dt * c.blocksPerSecond >= c.burstBlocks
      )
        this.accounts.delete(account);
    }
  }
}

const HOUR = 3_600_000;

/// Checks that `userId` may create one more document, counted in the store
/// (so every instance sees the same): at most `maxDocuments` owned, trash
/// included, and `documentsPerHour` created in the last hour. Records the
/// creation when it may.
export async function chargeDocument(
  store: Store,
  userId: string,
  config: Pick<BudgetConfiguration, "maxDocuments" | "documentsPerHour">,
): Promise<OverBudget | null> {
  const owned = (await store.listSharesForUsers([userId])).filter((s) => s.role === "owner").length;
  if (owned >= config.maxDocuments) return { what: "documents", retryAfterSeconds: 3600 };
  const created = new AttemptLimiter(store, "documents-created", config.documentsPerHour, HOUR);
  const wait = await created.retryAfter(userId);
  if (wait > 0) return { what: "document-rate", retryAfterSeconds: wait };
  await created.fail(userId);
  return null;
}

/// Checks that `userId` may import one more file now, counted in the store
/// (every instance sees the same): at most `importsPerMinute` in the last
/// minute. Records the import when it may.
export async function chargeImport(
  store: Store,
  userId: string,
  config: Pick<BudgetConfiguration, "importsPerMinute">,
): Promise<OverBudget | null> {
  const imports = new AttemptLimiter(store, "imports", config.importsPerMinute, 60_000);
  const wait = await imports.retryAfter(userId);
  if (wait > 0) return { what: "import-rate", retryAfterSeconds: wait };
  await imports.fail(userId);
  return null;
}
