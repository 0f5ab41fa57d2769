/// Counts failures per key (an account, an address) in a sliding window and
/// refuses further attempts once `max` is reached, until the oldest failure
/// leaves the window. In memory, per process: with several instances an
/// attacker gets `max` tries per instance and window.
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /// Seconds until `key` may try again; 0 when it may try now.
  retryAfter(key: string, now = Date.now()): number {
    const hits = this.prune(key, now);
    if (hits.length < this.max) return 0;
    return Math.max(1, Math.ceil((hits[0]! + this.windowMs - now) / 1000));
  }

  /// Records a failed attempt.
  fail(key: string, now = Date.now()): void {
    const hits = this.prune(key, now);
    hits.push(now);
    if (!this.failures.has(key)) {
      // Bound memory: forget the oldest keys when too many are tracked.
      if (this.failures.size >= this.maxKeys) {
        const oldest = this.failures.keys().next().value;
        if (oldest !== undefined) this.failures.delete(oldest);
      }
      this.failures.set(key, hits);
    }
  }

  /// Forgets a key's failures (after a success).
  reset(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const hits = this.failures.get(key);
    if (!hits) return [];
    while (hits.length && hits[0]! <= now - this.windowMs) hits.shift();
    if (hits.length === 0) this.failures.delete(key);
    return hits;
  }
}

/// The limiters guarding password and code checks of one server.
export interface LoginLimits {
  /// Failed passwords per account: 10 per 15 minutes.
  account: AttemptLimiter;
  /// Failed passwords or codes per client address: 50 per 15 minutes.
  address: AttemptLimiter;
}

const limits = new WeakMap<object, LoginLimits>();

/// The login limits of the server owning `owner` (its store), created on
/// first use, so servers in one process (tests) do not share counters.
export function loginLimitsFor(owner: object): LoginLimits {
  let l = limits.get(owner);
  if (!l) {
    l = {
      account: new AttemptLimiter(10, 15 * 60_000),
      address: new AttemptLimiter(50, 15 * 60_000),
    };
    limits.set(owner, l);
  }
  return l;
}
