import type { Store } from "../storage/index.ts";

/// Exponential backoff: once a key has `free` failures in the window it waits
/// `baseMs` after its last failure, after one more twice as long, and so on
/// up to `maxMs`.
export interface Backoff {
  free: number;
  baseMs: number;
  maxMs: number;
}

/// Counts failures per key (an address, an account at an address) in a
/// sliding window and refuses further attempts once `max` is reached, until
/// the oldest failure leaves the window, and in between, with `backoff`,
/// makes the key wait exponentially longer after each failure. The failures
/// live in the store, so every server instance (and restart) sees the same
/// count.
export class AttemptLimiter {
  constructor(
    private readonly store: Store,
    readonly scope: string,
    readonly max: number,
    readonly windowMs: number,
    readonly backoff: Backoff | null = null,
  ) {}

  /// Seconds until `key` may try again; 0 when it may try now.
  async retryAfter(key: string, now = Date.now()): Promise<number> {
    const hits = await this.store.failedAttemptsSince(this.scope, key, now - this.windowMs);
    let until = 0;
    if (hits.length >= this.max) {
      // Free again once enough of them have left the window.
      until = hits[hits.length - this.max]! + this.windowMs;
    }
    const b = this.backoff;
    if (b && hits.length >= b.free) {
      const wait = Math.min(b.maxMs, b.baseMs * 2 ** (hits.length - b.free));
      until = Math.max(until, hits[hits.length - 1]! + wait);
    }
    return until > now ? Math.max(1, Math.ceil((until - now) / 1000)) : 0;
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

/// The limiters guarding password and code checks. There is deliberately no
/// lock per account: anyone could otherwise lock an owner out by typing
/// wrong passwords for their address from anywhere (issue 10, item 6).
export interface LoginLimits {
  /// Failed passwords for one account from one client address: 3 free,
  /// then 1 s, 2 s, 4 s… up to 15 minutes between attempts.
  pair: AttemptLimiter;
  /// Failed passwords or codes per client address: 10 free, then 1 s, 2 s…
  /// up to 15 minutes, and at most 50 per 15 minutes.
  address: AttemptLimiter;
}

/// The key of an account at a client address (JSON: unambiguous, and with no
/// NUL byte, which PostgreSQL text refuses).
export const pairKey = (email: string, address: string) => JSON.stringify([email, address]);

/// The login limits kept in `store`; a server builds them once (app.ts).
export function createLoginLimits(store: Store): LoginLimits {
  return {
    pair: new AttemptLimiter(store, "account-address", Number.POSITIVE_INFINITY, 15 * 60_000, {
      free: 3,
      baseMs: 1000,
      maxMs: 15 * 60_000,
    }),
    address: new AttemptLimiter(store, "address", 50, 15 * 60_000, {
      free: 10,
      baseMs: 1000,
      maxMs: 15 * 60_000,
    }),
  };
}
