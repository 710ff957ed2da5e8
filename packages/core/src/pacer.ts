// The pacer: a client-side model of Sim's per-key execute rate limits, so that many runs at once start
// only when the server's token bucket has a token for them (instead of finding out through 429s).
//
// Sim's limits are token buckets (maxBurst = 2 × requestsPerMinute, refilled continuously), published by
// `GET /api/users/me/usage-limits` as `rateLimit.sync` / `rateLimit.async` `{ requestsPerMinute, maxBurst,
// remaining, resetAt }`. The recorded server charges async executes to the sync bucket too, so an async
// run here takes a token from both. An execute 429 carries no Retry-After: the bucket the run drew from
// is emptied and backed off with jitter. When the limits are unknown (endpoint missing or forbidden),
// nothing is paced until a 429 arrives; from then on launches are spaced by a learned interval that
// doubles on each 429 (at least 1 s) and shrinks by a tenth on each accepted launch (dropped under 50 ms).
//
// Waiters are served first come, first served, through one promise chain: at most one timer (on the
// sleep port) is pending at any time, and nothing is kept per request.
import { SimAbortError } from './errors.js';
import { abortableSleep, type RequestContext } from './request.js';

export type BucketKind = 'sync' | 'async';

/** One bucket as usage-limits publishes it. */
export interface PublishedBucket {
  requestsPerMinute?: unknown;
  maxBurst?: unknown;
  remaining?: unknown;
  resetAt?: unknown;
}

/** Backoff after an execute 429 when the refill time is unknown: 1 s, 2 s, 4 s … capped at 30 s, plus up to 25 % jitter. */
export const RATE_LIMIT_BACKOFF = { initialMs: 1_000, maxMs: 30_000, jitter: 0.25 } as const;
/** Unknown limits: the learned launch interval after a 429 (at least 1 s and ×2 per 429, ×0.9 per accepted launch, dropped under 50 ms). */
export const LEARNED_INTERVAL = { grow: 2, shrink: 0.9, dropBelowMs: 50 } as const;
/**
 * The server's bucket starts refilling when our first execute reaches it, a little after we decided to send
 * it; the local model starts refilling this much later, so that it never promises a token the server lacks.
 */
export const PACER_MARGIN_MS = 250;

const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
const nonNegative = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

class Bucket {
  /** Tokens per ms, when the rate is known. */
  rate: number | undefined;
  burst = Infinity;
  tokens = Infinity;
  updatedAt = 0;
  /** No launch before this time (backoff after a 429). */
  blockedUntil = 0;
  /** 429s since the last accepted execute (drives the backoff). */
  strikes = 0;
  /** When the current backoff started: 429s of requests sent before it do not count again. */
  backoffStartedAt = -Infinity;
  /** Unknown limits, after a 429: the spacing between launches (ms). */
  interval: number | undefined;

  get known(): boolean {
    return this.rate !== undefined;
  }

  refill(now: number): void {
    if (now <= this.updatedAt) return; // refill not started yet (see PACER_MARGIN_MS)
    if (this.rate !== undefined) this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.rate);
    this.updatedAt = now;
  }

  /** Ms until this bucket lets one more execute start (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    let wait = Math.max(0, this.blockedUntil - now);
    if (this.tokens < 1 && this.rate !== undefined) wait = Math.max(wait, Math.ceil((1 - this.tokens) / this.rate));
    return wait;
  }

  take(now: number): void {
    // A full bucket starts refilling on the server when our first execute reaches it.
    if (this.updatedAt === Infinity) this.updatedAt = now + PACER_MARGIN_MS;
    if (this.tokens !== Infinity) this.tokens -= 1;
    if (this.interval !== undefined && !this.known) this.blockedUntil = Math.max(this.blockedUntil, now + this.interval);
  }
}

export interface PacerStats {
  /** Execute 429s reported to the pacer. */
  rateLimited: number;
  /** Total ms launches waited for a token or a backoff. */
  waitedMs: number;
}

export class Pacer {
  readonly #ctx: Pick<RequestContext, 'sleep' | 'now' | 'random'>;
  readonly #buckets: Record<BucketKind, Bucket> = { sync: new Bucket(), async: new Bucket() };
  #tail: Promise<void> = Promise.resolve();
  readonly stats: PacerStats = { rateLimited: 0, waitedMs: 0 };

  constructor(ctx: Pick<RequestContext, 'sleep' | 'now' | 'random'>) {
    this.#ctx = ctx;
  }

  /** Takes the published limits of one bucket (usage-limits `rateLimit.sync|async`). Ignores what it cannot read. */
  configure(kind: BucketKind, published: PublishedBucket | undefined | null): void {
    if (!published || typeof published !== 'object') return;
    const rpm = positive(published.requestsPerMinute);
    if (rpm === undefined) return;
    const b = this.#buckets[kind];
    const now = this.#ctx.now();
    b.rate = rpm / 60_000;
    b.burst = positive(published.maxBurst) ?? rpm * 2;
    const remaining = nonNegative(published.remaining);
    b.tokens = Math.min(b.burst, remaining ?? b.burst);
    // A full bucket does not refill until something takes from it; a partly used one refills from now on.
    b.updatedAt = b.tokens >= b.burst ? Infinity : now + PACER_MARGIN_MS;
    b.interval = undefined;
  }

  /**
   * Reads `X-RateLimit-Remaining` (and `-Limit`) seen on an answer charged to `kind`: the local model never
   * believes in more tokens than the server just said it has.
   */
  observeHeaders(kind: BucketKind, headers: Record<string, string>): void {
    const raw = headers['x-ratelimit-remaining'];
    if (raw === undefined || raw.trim() === '') return;
    const remaining = Number(raw);
    if (!Number.isFinite(remaining) || remaining < 0) return;
    const b = this.#buckets[kind];
    b.refill(this.#ctx.now());
    if (!b.known) {
      // Headers without published limits: `limit` is the burst (current servers), and Sim's buckets have
      // maxBurst = 2 × requestsPerMinute, so the bucket refills `limit / 2` tokens a minute.
      const limit = positive(Number(headers['x-ratelimit-limit']));
      if (limit !== undefined) {
        b.burst = limit;
        b.rate = limit / 2 / 60_000;
        b.tokens = remaining;
        b.updatedAt = this.#ctx.now() + PACER_MARGIN_MS;
        b.interval = undefined;
      }
    }
    b.tokens = Math.min(b.tokens, remaining);
  }

  /** Resolves when an execute charged to `kinds` may start (and takes its tokens). First come, first served. */
  acquire(kinds: readonly BucketKind[], signal?: AbortSignal): Promise<void> {
    const turn = this.#tail.then(() => this.#take(kinds, signal));
    this.#tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  async #take(kinds: readonly BucketKind[], signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new SimAbortError('The run was aborted before it started.', { cause: signal.reason });
      const now = this.#ctx.now();
      let wait = 0;
      for (const k of kinds) wait = Math.max(wait, this.#buckets[k].waitMs(now));
      if (wait <= 0) {
        for (const k of kinds) this.#buckets[k].take(now);
        return;
      }
      this.stats.waitedMs += wait;
      await abortableSleep(this.#ctx, wait, signal, 'The run was aborted before it started.');
    }
  }

  /** An execute charged to `kinds`, sent at `sentAt`, was accepted (any answer but 429). */
  accepted(kinds: readonly BucketKind[], sentAt: number): void {
    for (const k of kinds) {
      const b = this.#buckets[k];
      // Runs sent before the last backoff began say nothing about the rate learned since.
      if (sentAt < b.backoffStartedAt) continue;
      b.strikes = 0;
      if (b.interval !== undefined) {
        b.interval *= LEARNED_INTERVAL.shrink;
        if (b.interval < LEARNED_INTERVAL.dropBelowMs) b.interval = undefined;
      }
    }
  }

  /** An execute charged to `kinds`, sent at `sentAt`, got 429: empty the buckets and back off with jitter. */
  rateLimited(kinds: readonly BucketKind[], sentAt: number): void {
    this.stats.rateLimited++;
    const now = this.#ctx.now();
    for (const k of kinds) {
      const b = this.#buckets[k];
      // Requests already on their way when the backoff began tell us nothing new.
      if (sentAt < b.backoffStartedAt) continue;
      b.refill(now);
      b.tokens = Math.min(b.tokens, 0);
      let base: number;
      if (b.known) base = Math.max(1 / b.rate!, RATE_LIMIT_BACKOFF.initialMs * 2 ** Math.max(0, b.strikes - 1));
      else {
        b.interval = Math.min(RATE_LIMIT_BACKOFF.maxMs, Math.max(RATE_LIMIT_BACKOFF.initialMs, (b.interval ?? 0) * LEARNED_INTERVAL.grow));
        base = b.interval;
      }
      const delay = Math.min(RATE_LIMIT_BACKOFF.maxMs, base) * (1 + RATE_LIMIT_BACKOFF.jitter * this.#ctx.random());
      b.strikes++;
      b.blockedUntil = now + Math.round(delay);
      b.backoffStartedAt = now;
    }
  }
}
