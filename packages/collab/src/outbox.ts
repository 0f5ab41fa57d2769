import { ACCOUNT_BUDGETS, DEFAULT_MAX_MESSAGE_BYTES, UPDATE_LIMITS } from "@glossa/protocol";
import { type Part, type PartLimits, partsOf } from "./updates/parts.ts";
import { varuints } from "./updates/slices.ts";

/// What one part aims at: half of each per-update limit the server applies
/// (`UPDATE_LIMITS`), so that an estimate off by a little is still taken,
/// and a quarter of the default largest message.
export const PART_LIMITS: PartLimits = {
  structs: UPDATE_LIMITS.structs / 5,
  blocks: UPDATE_LIMITS.blocks / 2,
  clocks: UPDATE_LIMITS.clocks / 2,
  deleteRanges: UPDATE_LIMITS.deleteRanges / 5,
  bytes: DEFAULT_MAX_MESSAGE_BYTES / 4,
};

/// The smallest parts a refusal for size may halve them to.
const FLOOR: PartLimits = {
  structs: 200,
  blocks: 100,
  clocks: 5_000,
  deleteRanges: 200,
  bytes: 16_384,
};

/// The share of the server's account budgets (`ACCOUNT_BUDGETS`) the
/// outbox spends: the rest is for what it does not count (presence, `flush`
/// questions, a sync request's answer, another tab).
const SHARE = 0.8;

/// One of the server's token buckets, mirrored.
class Bucket {
  private level: number;
  private at: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.level = burst;
    this.at = now;
  }

  /// Milliseconds until `units` fit (0: now).
  wait(units: number, now: number): number {
    this.refill(now);
    const need = Math.min(units, this.burst) - this.level;
    return need <= 0 ? 0 : Math.ceil((need / this.rate) * 1000);
  }

  take(units: number, now: number): void {
    this.refill(now);
    this.level -= Math.min(units, this.burst);
  }

  empty(now: number): void {
    this.refill(now);
    this.level = 0;
  }

  private refill(now: number): void {
    this.level = Math.min(this.burst, this.level + ((now - this.at) / 1000) * this.rate);
    this.at = now;
  }
}

/// The account's budgets as this page spends them.
export class Pacer {
  private readonly buckets: { bucket: Bucket; of: (p: Part, bytes: number) => number }[];

  constructor(private readonly now: () => number = () => Date.now()) {
    const b = ACCOUNT_BUDGETS;
    const t = now();
    const mk = (rate: number, burst: number) => new Bucket(rate * SHARE, burst * SHARE, t);
    this.buckets = [
      { bucket: mk(b.messagesPerSecond, b.messagesPerSecond * 2), of: () => 1 },
      { bucket: mk(b.bytesPerSecond, b.burstBytes), of: (_p, bytes) => bytes },
      { bucket: mk(b.workPerSecond, b.burstWork), of: (p) => p.structs + p.deleteRanges },
      { bucket: mk(b.blocksPerSecond, b.burstBlocks), of: (p) => p.blocks },
    ];
  }

  /// Milliseconds until `part` (of `bytes` on the wire) fits every budget.
  wait(part: Part, bytes: number): number {
    const now = this.now();
    return Math.max(...this.buckets.map(({ bucket, of }) => bucket.wait(of(part, bytes), now)));
  }

  take(part: Part, bytes: number): void {
    const now = this.now();
    for (const { bucket, of } of this.buckets) bucket.take(of(part, bytes), now);
  }

  /// The server said the account is over its budget: count from empty.
  empty(): void {
    const now = this.now();
    for (const { bucket } of this.buckets) bucket.empty(now);
  }
}

/// Hooks of an outbox into its provider.
export interface OutboxHooks {
  /// The routing key of the document (its name).
  name: () => string;
  /// Puts a frame on the websocket.
  send: (frame: Uint8Array) => void;
  /// A part left: the `first` of one change's `of` parts, or a later one.
  sent?: (part: Part, first: boolean, of: number) => void;
  /// The number of parts waiting changed.
  changed?: () => void;
}

/// Y-protocols sync message types.
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/// The text document's outgoing changes, each cut to the server's
/// per-update limits (`partsOf`) and sent in order, paced under the
/// account's budgets, so that an honest change is never refused for its
/// size (issue 10 × "saved on every path"). The sync reply — everything the
/// server lacks, sent when it asks on (re)joining — is cut the same way, and
/// changes made before it are in it: until it is written they are not sent
/// (a reconnecting writer's edits never overtake it); after it, they wait
/// behind its parts. A closed connection drops what waits: the next sync
/// reply carries it.
export class Outbox {
  private state: "closed" | "asked" | "open" = "closed";
  private readonly queue: { part: Part; step: number; first: boolean; of: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private limits: PartLimits = { ...PART_LIMITS };
  readonly pacer: Pacer;

  constructor(
    private readonly hooks: OutboxHooks,
    now?: () => number,
  ) {
    this.pacer = new Pacer(now);
  }

  /// Parts of changes not sent yet.
  get waiting(): number {
    return this.queue.length;
  }

  /// A sync request went out: the server will ask for everything it lacks.
  asked(): void {
    this.drop();
    this.state = "asked";
  }

  /// The sync reply (y-protocols SyncStep2): its first part goes as the
  /// reply, the others as updates behind it.
  reply(update: Uint8Array): void {
    this.drop();
    this.state = "open";
    this.enqueue(update, SYNC_STEP_2);
  }

  /// A change made here.
  update(update: Uint8Array): void {
    if (this.state !== "open") return; // the sync reply to come holds it
    this.enqueue(update, SYNC_UPDATE);
  }

  /// The connection or the document closed.
  reset(): void {
    this.drop();
    this.state = "closed";
  }

  /// The server refused a part for its size (its estimate of the splits
  /// is the server's alone): halve the parts; false when they are as small
  /// as they go.
  shrink(): boolean {
    let smaller = false;
    for (const k of Object.keys(this.limits) as (keyof PartLimits)[]) {
      const half = Math.max(FLOOR[k], Math.floor(this.limits[k] / 2));
      if (half < this.limits[k]) smaller = true;
      this.limits[k] = half;
    }
    return smaller;
  }

  private enqueue(update: Uint8Array, step: number): void {
    const parts = partsOf(update, this.limits);
    parts.forEach((part, i) => {
      this.queue.push({
        part,
        step: i === 0 ? step : SYNC_UPDATE,
        first: i === 0,
        of: parts.length,
      });
    });
    this.pump();
    if (this.queue.length > 0) this.hooks.changed?.();
  }

  /// Sends what the budgets allow now, and comes back for the rest.
  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const { part, step, first, of } = this.queue[0]!;
      const frame = this.frame(part.update, step);
      const wait = this.pacer.wait(part, frame.length);
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.pacer.take(part, frame.length);
      this.queue.shift();
      this.hooks.send(frame);
      this.hooks.sent?.(part, first, of);
      if (of > 1) this.hooks.changed?.();
    }
  }

  private drop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const had = this.queue.length > 0;
    this.queue.length = 0;
    if (had) this.hooks.changed?.();
  }

  /// `[name][0 sync][step][update]`, as y-protocols writes it.
  private frame(update: Uint8Array, step: number): Uint8Array {
    const name = new TextEncoder().encode(this.hooks.name());
    const head = varuints([name.length]);
    const mid = varuints([0, step, update.length]);
    const out = new Uint8Array(head.length + name.length + mid.length + update.length);
    out.set(head, 0);
    out.set(name, head.length);
    out.set(mid, head.length + name.length);
    out.set(update, head.length + name.length + mid.length);
    return out;
  }
}
