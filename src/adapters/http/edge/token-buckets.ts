import { LRUCache } from 'lru-cache';

export type Admission = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** Callers tracked at once; an evicted (long idle) caller simply starts again with a full bucket. */
const MAX_CALLERS = 50_000;

/**
 * One token bucket per caller: `perMinute` tokens, refilled continuously, so a caller may burst up to
 * a minute's allowance and then goes at the steady rate. In-process: each instance counts on its own.
 */
export class TokenBuckets {
  private readonly buckets = new LRUCache<string, { tokens: number; at: number }>({ max: MAX_CALLERS });
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Spends `cost` tokens (at most a full bucket, so that any allowed request can eventually pass). */
  take(caller: string, cost = 1): Admission {
    const need = Math.min(Math.max(1, cost), this.perMinute);
    const at = this.now();
    const b = this.buckets.get(caller) ?? { tokens: this.perMinute, at };
    b.tokens = Math.min(this.perMinute, b.tokens + (at - b.at) * this.perMs);
    b.at = at;
    this.buckets.set(caller, b);
    if (b.tokens >= need) {
      b.tokens -= need;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((need - b.tokens) / this.perMs / 1000)) };
  }
}
