// Sim's execute rate limit, as the server keeps it (apps/sim/lib/core/rate-limiter/storage in Sim v0.8.9; recorded in
// packages/emulator/recordings/sim-server-facts.md §D2): a token bucket per key owner and kind
// (sync, async) holding at most `maxBurst` tokens, which gains `requestsPerMinute` tokens AT ONCE every whole minute
// (not continuously). `GET /api/users/me/usage-limits` publishes `remaining` and `resetAt`, the instant of the next refill.

export type BucketKind = 'sync' | 'async';

export const REFILL_INTERVAL_MS = 60_000;
/** When usage-limits names a refill instant already past on the client's clock (the clocks disagree). */
const SKEWED_RESET_MS = 1_000;

/** One bucket as usage-limits publishes it. */
export interface PublishedBucket {
  requestsPerMinute?: unknown;
  maxBurst?: unknown;
  remaining?: unknown;
  resetAt?: unknown;
}

const positive = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
const nonNegative = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

/** A local model of one server bucket, seeded from usage-limits and moved forward on the client clock. */
export class SimBucket {
  readonly requestsPerMinute: number;
  readonly maxBurst: number;
  tokens: number;
  /** When the server adds its next `requestsPerMinute` tokens (client clock, ms). */
  nextRefillAt: number;

  constructor(published: { requestsPerMinute: number; maxBurst: number; remaining: number; nextRefillAt: number }) {
    this.requestsPerMinute = published.requestsPerMinute;
    this.maxBurst = published.maxBurst;
    this.tokens = Math.min(published.remaining, published.maxBurst);
    this.nextRefillAt = published.nextRefillAt;
  }

  /** The bucket usage-limits describes, or undefined when the answer has no usable limit (missing, or unlimited). */
  static from(published: PublishedBucket | undefined, now: number): SimBucket | undefined {
    if (!published) return undefined;
    const requestsPerMinute = positive(published.requestsPerMinute);
    const remaining = nonNegative(published.remaining);
    if (requestsPerMinute === undefined || remaining === undefined) return undefined;
    const maxBurst = positive(published.maxBurst) ?? requestsPerMinute * 2;
    const resetAt = typeof published.resetAt === 'string' ? Date.parse(published.resetAt) : NaN;
    // resetAt is on the server's clock; one already past on this clock (skew) means "very soon": the model refills a
    // second from now, and the gate reads the count again before spending what that refill added.
    const nextRefillAt = Number.isFinite(resetAt)
      ? resetAt > now
        ? resetAt
        : now + SKEWED_RESET_MS
      : now + REFILL_INTERVAL_MS;
    return new SimBucket({ requestsPerMinute, maxBurst, remaining, nextRefillAt });
  }

  /** Adds the refills that happened by `now` (each a whole minute's tokens at once, capped at maxBurst). */
  refill(now: number): void {
    if (now < this.nextRefillAt) return;
    const intervals = Math.floor((now - this.nextRefillAt) / REFILL_INTERVAL_MS) + 1;
    this.tokens = Math.min(this.maxBurst, this.tokens + intervals * this.requestsPerMinute);
    this.nextRefillAt += intervals * REFILL_INTERVAL_MS;
  }
}
