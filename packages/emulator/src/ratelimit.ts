/**
 * Sim's token buckets, as its Redis storage keeps them (v0.8.9 `apps/sim/lib/core/rate-limiter/storage/
 * redis-token-bucket.ts`, the Lua `CONSUME_SCRIPT` and `STATUS_SCRIPT`; recordings/sim-server-facts.md §D2, §M2):
 *
 * - a bucket starts full (`maxBurst` tokens) with its refill anchor at the first request;
 * - `requestsPerMinute` tokens are added once per WHOLE minute since the anchor, never in between, capped at
 *   `maxBurst`; the anchor moves by whole minutes, so refills stay on the first request's second;
 * - a request takes one token, or is refused; `resetAt` is the next refill (`anchor + 1 min`), and a refused
 *   request's `retryAfterMs` is the time until then;
 * - the key expires 2 minutes after the last request (Redis `EXPIRE`): the next request starts a full bucket anew.
 *
 * (Sim's database adapter, used without Redis, differs: a refused request leaves the bucket at -1 token. The
 * recordings were made with Redis.)
 */
export interface BucketSpec {
  requestsPerMinute: number;
  maxBurst: number;
}

export interface BucketState extends BucketSpec {
  remaining: number;
  resetAt: string;
}

export interface ConsumeResult {
  allowed: boolean;
  /** Tokens left after this request (Sim's `tokensRemaining`). */
  remaining: number;
  resetAtMs: number;
  /** Only when refused: ms until the next refill. */
  retryAfterMs?: number;
}

/** `RATE_LIMIT_WINDOW_MS` (Sim's default). */
export const REFILL_INTERVAL_MS = 60_000;
/** Redis `EXPIRE` of a bucket key: `ceil(refillIntervalMs * 2 / 1000)` seconds. */
const TTL_MS = Math.ceil((REFILL_INTERVAL_MS * 2) / 1000) * 1000;

interface Bucket {
  tokens: number;
  lastRefillAt: number;
  expiresAt: number;
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  /** `maxBurst = 2 × requestsPerMinute` (Sim's `createBucketConfig`), so a burst of N refills N/2 a minute. */
  static spec(burst: number): BucketSpec {
    return { requestsPerMinute: Math.max(1, Math.ceil(burst / 2)), maxBurst: burst };
  }

  /** The bucket as the Lua scripts see it at `now`: refilled by whole intervals (not stored). */
  private refilled(key: string, spec: BucketSpec, now: number): { tokens: number; lastRefillAt: number } {
    const b = this.buckets.get(key);
    if (!b || now >= b.expiresAt) return { tokens: spec.maxBurst, lastRefillAt: now };
    const intervals = Math.floor((now - b.lastRefillAt) / REFILL_INTERVAL_MS);
    if (intervals <= 0) return { tokens: b.tokens, lastRefillAt: b.lastRefillAt };
    return {
      tokens: Math.min(spec.maxBurst, b.tokens + intervals * spec.requestsPerMinute),
      lastRefillAt: b.lastRefillAt + intervals * REFILL_INTERVAL_MS,
    };
  }

  /** `CONSUME_SCRIPT`: takes one token if there is one; the refill (and the key's expiry) is stored either way. */
  consume(key: string, spec: BucketSpec): ConsumeResult {
    const now = this.now();
    const b = this.refilled(key, spec, now);
    const allowed = b.tokens >= 1;
    const tokens = allowed ? b.tokens - 1 : b.tokens;
    this.buckets.set(key, { tokens, lastRefillAt: b.lastRefillAt, expiresAt: now + TTL_MS });
    const resetAtMs = b.lastRefillAt + REFILL_INTERVAL_MS;
    return allowed
      ? { allowed, remaining: tokens, resetAtMs }
      : { allowed, remaining: tokens, resetAtMs, retryAfterMs: Math.max(0, resetAtMs - now) };
  }

  /** `STATUS_SCRIPT`: the tokens available now and the next refill (a bucket never used: full, next refill in a minute). */
  status(key: string, spec: BucketSpec): BucketState {
    const b = this.refilled(key, spec, this.now());
    return {
      ...spec,
      remaining: Math.floor(b.tokens),
      resetAt: new Date(b.lastRefillAt + REFILL_INTERVAL_MS).toISOString(),
    };
  }

  clear(): void {
    this.buckets.clear();
  }
}
