import type { Store } from "../storage/index.ts";

/// Counts failures per key (an account, an address) in a sliding window and
/// refuses further attempts once `max` is reached, until the oldest failure
/// leaves the window. The failures live in the store, so every server
/// instance (and restart) sees the same count.
export class AttemptLimiter {
  constructor(
    private readonly store: Store,
    readonly scope: string,
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /// Seconds until `key` may try again; 0 when it may try now.
  async retryAfter(key: string, now = Date.now()): Promise<number> {
    const hits = await this.store.failedAttemptsSince(this.scope, key, now - this.windowMs);
    if (hits.length < this.max) return 0;
    // Free again once enough of them have left the window.
    const freeing = hits[hits.length - this.max]!;
    return Math.max(1, Math.ceil((freeing + this.windowMs - now) / 1000));
  }

  /// Records a failed attempt (and forgets those past the window).
  fail(key: string, now = Date.now()): Promise<void> {
    return this.store.recordFailedAttempt(this.scope, key, now, now - this.windowMs);
  }

  /// Forgets a key's failures (after a success).
  reset(key: string): Promise<void> {
    return this.store.clearFailedAttempts(this.scope, key);
  }
}

/// The limiters guarding password and code checks.
export interface LoginLimits {
  /// Failed passwords per account: 10 per 15 minutes.
  account: AttemptLimiter;
  /// Failed passwords or codes per client address: 50 per 15 minutes.
  address: AttemptLimiter;
}

const limits = new WeakMap<Store, LoginLimits>();

/// The login limits kept in `store`.
export function loginLimitsFor(store: Store): LoginLimits {
  let l = limits.get(store);
  if (!l) {
    l = {
      account: new AttemptLimiter(store, "account", 10, 15 * 60_000),
      address: new AttemptLimiter(store, "address", 50, 15 * 60_000),
    };
    limits.set(store, l);
  }
  return l;
}
