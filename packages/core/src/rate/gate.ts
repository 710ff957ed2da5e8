// The rate gate: every execute attempt of a client passes here first, so that runs start when Sim's bucket has a
// token for them instead of finding out through 429s (each 429 leaves a failed entry in the user's workspace logs).
//
// Nothing is asked of the server until it matters: a client that never meets a rate limit and runs no batch sends no
// extra request. A batch (`runMany`) reads usage-limits before it starts; any execute 429 reads it too (v1 429s carry no
// Retry-After; v2's carries the time to the refill). From then on the gate paces FROM THE SERVER'S COUNT, which is what
// makes it hold when several processes (n8n queue-mode workers, parallel CI jobs) share one key: it spends at most a
// budget of the tokens the server reported before it reads the count again, and the budget shrinks as the bucket
// empties (a read costs one GET that Sim does not charge to the execute buckets). The budget is this process's share of
// what remains, halved; the share starts at a quarter and is learnt from how much of the bucket others spent between
// two reads (it falls at once and grows by half at most per read). When only a few tokens are left for many, each
// process waits a random moment (up to 1 s), reads the count again, and takes one if it is still there. With the
// bucket empty the gate waits for the refill the server named (`resetAt`), then reads the count again.
//
// Waiters are served first come, first served through one promise chain, so at most one timer is pending at any time.
import { SimAbortError, SimRateLimitError } from '../errors.js';
import { abortableSleep, type RequestContext } from '../request.js';
import { retryDelayMs } from '../retry.js';
import type { UsageLimits } from '../types.js';
import { SimBucket, type BucketKind, type PublishedBucket } from './bucket.js';

/** Spread added after a refill, so that processes waiting on the same refill do not read and launch at one instant. */
const REFILL_SPREAD_MS = 250;
/** The share of a bucket a process assumes before it has seen whether others spend from it (safe for up to 8 alike). */
const INITIAL_SHARE = 0.25;
/** The most a process's share grows per read of the count. */
const SHARE_GROWTH = 1.5;
/**
 * When this process's budget of the last count is less than one token but the bucket still has some: it waits up to this
 * long (at random, so that processes in the same case do not all wake at once), reads the count again, and takes one.
 */
const CRUMB_SPREAD_MS = 1_000;

interface KindState {
  /** The server's bucket, as last read and moved forward locally (undefined: not read, or unlimited). */
  bucket: SimBucket | undefined;
  /** Launches allowed before the count is read again. */
  budget: number;
  spentSinceRead: number;
  /** This process's estimated share of what is spent from the bucket (0.05–1). */
  share: number;
  /** No launch before this instant (a Retry-After, or the backoff while the limits are unknown). */
  blockedUntil: number;
  /** A token is left but not for this process's budget: at this instant, read the count again and take one if it is still there. */
  crumbAt: number | undefined;
  /** Execute 429s in a row while the limits are unknown. */
  strikes: number;
}

/** How long to wait after an execute 429, and where that comes from (SimRateLimitError.retryAfterSource). */
export interface RateLimitWait {
  waitMs: number;
  source: 'server' | 'usage-limits' | 'estimate';
}

export interface RateGateStats {
  /** Execute 429s reported to the gate. */
  rateLimited: number;
  /** Reads of usage-limits. */
  reads: number;
  /** Total ms launches waited. */
  waitedMs: number;
}

export class RateGate {
  readonly stats: RateGateStats = { rateLimited: 0, reads: 0, waitedMs: 0 };
  readonly #ctx: RequestContext;
  readonly #readLimits: (signal: AbortSignal | undefined) => Promise<UsageLimits>;
  readonly #kinds: Record<BucketKind, KindState> = { sync: newState(), async: newState() };
  /** False once usage-limits could not be read: the gate then learns from 429s only. */
  #readable = true;
  #tail: Promise<void> = Promise.resolve();

  constructor(ctx: RequestContext, readLimits: (signal: AbortSignal | undefined) => Promise<UsageLimits>) {
    this.#ctx = ctx;
    this.#readLimits = readLimits;
  }

  /** Reads the server's count now (before a batch). Any failure but an abort leaves the gate learning from 429s. */
  prime(signal?: AbortSignal): Promise<void> {
    return this.#chain(() => this.#refresh(signal));
  }

  /**
   * Resolves when an execute charged to `kind` may start, and takes its token. With a `deadline` (client clock), a
   * wait that would pass it rejects at once with SimRateLimitError (`retryAfterMs`: when the bucket has a token again).
   */
  acquire(kind: BucketKind, signal?: AbortSignal, deadline?: number): Promise<void> {
    return this.#chain(() => this.#take(kind, signal, deadline));
  }

  /** An execute charged to `kind` was answered without a 429. */
  accepted(kind: BucketKind): void {
    this.#kinds[kind].strikes = 0;
  }

  /**
   * An execute charged to `kind` got 429: the bucket is empty until its next refill. `retryAfterMs` is what the server
   * said (v2's Retry-After); without it the count is read from usage-limits (v1's 429 names no wait). Resolves with the
   * ms until a launch may be tried again and where that wait comes from: the server's answer, its usage-limits, or an
   * estimate (a backoff, when the limits cannot be read or still show tokens: the 429 then came from elsewhere).
   */
  rateLimited(kind: BucketKind, retryAfterMs: number | undefined, signal?: AbortSignal): Promise<RateLimitWait> {
    this.stats.rateLimited++;
    return this.#chain(async () => {
      const s = this.#kinds[kind];
      if (retryAfterMs !== undefined) {
        const now = this.#ctx.now();
        if (s.bucket) {
          s.bucket.refill(now);
          s.bucket.tokens = 0;
          s.bucket.nextRefillAt = now + retryAfterMs;
          s.budget = 0;
        } else s.blockedUntil = Math.max(s.blockedUntil, now + retryAfterMs);
        return { waitMs: retryAfterMs, source: 'server' as const };
      }
      if (this.#readable) await this.#refresh(signal);
      const now = this.#ctx.now();
      if (s.bucket) {
        s.bucket.refill(now);
        if (s.bucket.tokens < 1) {
          s.budget = 0;
          return { waitMs: Math.max(0, s.bucket.nextRefillAt - now), source: 'usage-limits' as const };
        }
      }
      // the one retry policy's backoff, from its second step (1 s, 2 s, 4 s, 8 s): nothing says when a token comes
      const wait = retryDelayMs(s.strikes + 1, this.#ctx.random);
      s.strikes++;
      s.blockedUntil = Math.max(s.blockedUntil, now + Math.round(wait));
      return { waitMs: Math.max(0, s.blockedUntil - now), source: 'estimate' as const };
    });
  }

  #chain<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.#tail.then(work);
    this.#tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  async #take(kind: BucketKind, signal: AbortSignal | undefined, deadline: number | undefined): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new SimAbortError('The run was aborted before it started.', { cause: signal.reason });
      const s = this.#kinds[kind];
      const now = this.#ctx.now();
      let wait = Math.max(0, s.blockedUntil - now);
      let refillWait = false;
      let crumbWait = false;
      if (s.bucket) {
        s.bucket.refill(now);
        if (s.bucket.tokens < 1) {
          wait = Math.max(wait, s.bucket.nextRefillAt - now + Math.round(REFILL_SPREAD_MS * this.#ctx.random()));
          refillWait = true;
        } else if (s.crumbAt !== undefined) {
          wait = Math.max(wait, s.crumbAt - now);
          crumbWait = true;
        } else if (s.spentSinceRead >= s.budget && this.#readable) {
          // the budget of the last count is spent: ask the server what is left (others may be spending too)
          await this.#refresh(signal);
          continue;
        }
      }
      if (crumbWait && wait <= 0) {
        s.crumbAt = undefined;
        await this.#refresh(signal, true);
        continue;
      }
      if (wait <= 0) {
        if (s.bucket) s.bucket.tokens -= 1;
        s.spentSinceRead++;
        return;
      }
      if (deadline !== undefined && now + wait > deadline) {
        throw new SimRateLimitError({
          status: 429, headers: {}, body: undefined, error: undefined, method: 'POST', path: '', operation: 'executeWorkflow', retryAfterMs: wait,
          retryAfterSource: s.bucket ? 'usage-limits' : 'estimate',
          message:
            `The key's Sim ${kind} rate limit has no token left before this run's deadline (the next one comes in ${Math.ceil(wait / 1000)} s); ` +
            'the run was not started. Wait and try again, raise the timeout, or spread the runs out.',
        });
      }
      this.stats.waitedMs += wait;
      await abortableSleep(this.#ctx, wait, signal, 'The run was aborted before it started.');
      // after a refill, others may have taken tokens first: read the server's count before spending
      if (refillWait && this.#readable) await this.#refresh(signal);
    }
  }

  /** Reads usage-limits and re-seeds both buckets from the server's count (`crumb`: a token that is left may be taken). */
  async #refresh(signal: AbortSignal | undefined, crumb = false): Promise<void> {
    let limits: UsageLimits;
    try {
      this.stats.reads++;
      limits = await this.#readLimits(signal);
    } catch (err) {
      if (err instanceof SimAbortError) throw err;
      this.#readable = false;
      this.#ctx.logger?.debug('sim usage-limits not readable; pacing from 429s only', { error: err instanceof Error ? err.message : String(err) });
      return;
    }
    const now = this.#ctx.now();
    const rateLimit = isRecord(limits) && isRecord((limits as Record<string, unknown>)['rateLimit']) ? ((limits as Record<string, unknown>)['rateLimit'] as Record<string, unknown>) : {};
    for (const kind of ['sync', 'async'] as const) {
      const s = this.#kinds[kind];
      const fresh = SimBucket.from(rateLimit[kind] as PublishedBucket | undefined, now);
      const prior = s.bucket;
      if (prior && fresh) {
        prior.refill(now);
        // what the model expected to be left, less what the server says is left: what others spent since the last read
        const others = Math.max(0, prior.tokens - fresh.tokens);
        const mine = s.spentSinceRead;
        // down at once, up by half at most per read: a count read while others' runs were still on their way would
        // otherwise make this process believe it is alone
        if (mine + others > 0) s.share = Math.min(1, s.share * SHARE_GROWTH, Math.max(0.05, mine / (mine + others)));
      }
      s.bucket = fresh;
      s.spentSinceRead = 0;
      s.crumbAt = undefined;
      // this process's share of what is left, halved (others read the same count and spend from it too)
      s.budget = fresh ? Math.floor((fresh.tokens * s.share) / 2) : Infinity;
      if (fresh && s.budget < 1 && fresh.tokens >= 1) {
        if (crumb) s.budget = 1;
        else s.crumbAt = now + Math.round(CRUMB_SPREAD_MS * this.#ctx.random());
      }
    }
  }
}

function newState(): KindState {
  return { bucket: undefined, budget: Infinity, spentSinceRead: 0, share: INITIAL_SHARE, blockedUntil: 0, crumbAt: undefined, strikes: 0 };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
