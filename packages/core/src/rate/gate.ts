// The rate gate: every execute attempt of a client passes here first, so that runs start when Sim's bucket has a
// token for them instead of finding out through 429s (each 429 leaves a failed entry in the user's workspace logs).
//
// One pacing per process, server and key. Sim keeps the bucket per key owner, so the clients of one process on one
// key spend from one bucket (in n8n every execution of a Sim node makes its own client, and a queue-mode worker runs
// many executions): they share what this process knows about the bucket and queue for its tokens together (`Pacing`,
// kept per clock: see `pacingFor`).
//
// Nothing is asked of the server until it matters: a process that never meets a rate limit, runs no batch and sends its
// runs one at a time sends no extra request. A batch (`runMany`) reads usage-limits before it starts; a launch while
// another of the process is still unanswered reads it too if it never was (an n8n worker given several executions at
// once: other processes may have emptied the bucket already, and each run sent blind into it would meet a 429); any
// execute 429 reads it too (v1 429s carry no Retry-After; v2's names the refill, but not how many tokens it brings).
// From then on the gate paces FROM THE SERVER'S COUNT, which is what makes it hold when several processes (n8n
// queue-mode workers, parallel CI jobs) share one key: it spends at most a budget of the tokens the server reported
// before it reads the count again, and the budget shrinks as the bucket empties (a read costs one GET that Sim does not
// charge to the execute buckets). The budget is this process's share of what remains, halved; the share is learnt from
// how much of the bucket others spent between two reads. A count is good until the refill after it (then others may
// have spent anything): the next launch reads it again. With the bucket empty the gate waits for the refill the server
// named (`resetAt`), then reads the count again.
//
// The count lags: Sim takes an execute's token 0.1–0.3 s after the execute arrives, and answers a read in about as long
// (packages/emulator/recordings/sim-server-facts.md §rate-limit-lag), so a read never shows the launches of
// the last few hundred ms. While others spend too, a process budgets from the count less what the bucket's pace since
// its last read says the count has not shown yet (UNCOUNTED_MS), and takes at most a quarter of it (MAX_SHARED_SHARE,
// halved) whatever its share says; on the last tokens ("crumbs", which no budget covers) it takes one only by chance
// (CRUMB_SPREAD_MS), so that two processes rarely take the last together. A read that missed launches of this process
// counts them as its own when a later read shows them (`unseenMine`).
//
// Launches of one bucket are served first come, first served through one promise chain per bucket, so at most one
// timer is pending per bucket; a launch whose signal aborts leaves the queue at once. At most one read of the count is
// in flight per pacing; whoever needs one meanwhile waits for that one.
import { SimAbortError, SimRateLimitError } from '../errors.js';
import { abortableSleep, type RequestContext } from '../request.js';
import { retryDelayMs } from '../retry.js';
import type { UsageLimits } from '../types.js';
import { SimBucket, REFILL_INTERVAL_MS, type BucketKind, type PublishedBucket } from './bucket.js';

/** Spread added after a refill, so that processes waiting on the same refill do not read and launch at one instant. */
const REFILL_SPREAD_MS = 250;
/**
 * The share of a bucket a process assumes before it has seen whether others spend from it: its first read lets it take
 * a sixteenth of the count, so up to 16 processes that start on one bucket at the same instant stay within it.
 */
const INITIAL_SHARE = 0.125;
/** The smallest share a process assumes (from 20 processes alike on, the halving is what keeps them apart). */
const MIN_SHARE = 0.05;
/**
 * When this process's budget of the last count is less than one token but the bucket still has some (a "crumb"): it
 * waits up to this long (at random, so that processes in the same case do not all wake at once), reads the count again,
 * and takes one. Alone on the key, it takes one at every such read. Where others spend too, it takes one only with a
 * chance of its share of what the count shows, doubled at each read that took none while the count stood still (no one
 * else took one either): the count cannot show a launch of another process that has not reached Sim's limiter yet (on a
 * real Sim, a few hundred ms after its read), and on the bucket's last token two processes that read it within that
 * time would both launch and one would meet a 429. (A longer spread separates them better but delays the last runs of a
 * batch, which wait on these tokens: 4 s put a batch's end 20% past the bucket's bound.)
 */
const CRUMB_SPREAD_MS = 2_000;
/** How long a launch may go uncounted by the server's count: its token leaves 0.1–0.3 s after it, and a read takes 0.1–0.15 s. */
const UNCOUNTED_MS = 500;
/** The largest share a process assumes while others spend from the bucket too. */
const MAX_SHARED_SHARE = 0.5;
/** How long a read that showed others spending from the bucket counts as evidence that they still do. */
const OTHERS_REMEMBERED_MS = 5_000;
/** After a failed read of usage-limits, the gate learns from 429s only, and tries a read again after this long. */
const UNREADABLE_FOR_MS = REFILL_INTERVAL_MS;
/** Servers and keys a process keeps a pacing for, per clock (the least recently used is dropped beyond). */
const MAX_PACINGS = 100;

interface KindState {
  /** The server's bucket, as last read and moved forward locally (undefined: not read, or unlimited). */
  bucket: SimBucket | undefined;
  /** The refill instant that the last count was read before: once the model passes it, the count is stale. */
  countUntil: number;
  /** Launches allowed before the count is read again. */
  budget: number;
  spentSinceRead: number;
  /** Launches of this process that the last count did not show yet (the server had not taken their tokens). */
  unseenMine: number;
  /** The server's count at this process's last read, and when it came. */
  countRead: number;
  countReadAt: number;
  /** This process's estimated share of what is spent from the bucket (MIN_SHARE–1). */
  share: number;
  /** No launch before this instant (a Retry-After, or the backoff while the limits are unknown). */
  blockedUntil: number;
  /** A token is left but not for this process's budget: at this instant, read the count again and maybe take one. */
  crumbAt: number | undefined;
  /** Reads at a crumb that took none while the count stood still, in a row (each doubles the chance at the next). */
  crumbMisses: number;
  /** The count at this process's last read at a crumb that took none. */
  crumbSeen: number;
  /** When a read last showed others spending from this bucket (-Infinity: never). */
  othersSeenAt: number;
  /** Execute 429s in a row while the limits are unknown. */
  strikes: number;
  /** Launches of this process let through whose answer has not come yet. */
  inFlight: number;
  /** The end of the queue of launches of this bucket. */
  tail: Promise<void>;
}

/** What a process knows about one server's buckets for one key: shared by its clients on one clock. */
interface Pacing {
  kinds: Record<BucketKind, KindState>;
  /** No read of usage-limits before this instant (the last one failed). */
  unreadableUntil: number;
  /** The read in flight, if any. */
  reading: Promise<void> | undefined;
  /** Whether a read of usage-limits has ever answered (until then the gate lets launches through blind). */
  counted: boolean;
}

/**
 * Clock (the client's `now` port) → server and key → pacing. The bucket's refill instants are instants of a clock, so
 * only clients on one clock can share them: every client on the default clock of the process does (client.ts), and a
 * client given its own clock paces alone (the tests' stand-in for a separate process). A clock that is gone takes its
 * pacings with it.
 */
const registry = new WeakMap<() => number, Map<string, Pacing>>();

function pacingFor(ctx: Pick<RequestContext, 'now' | 'baseUrl' | 'apiKey'>): Pacing {
  let byKey = registry.get(ctx.now);
  if (!byKey) registry.set(ctx.now, (byKey = new Map()));
  // in memory only, never logged: the key names the bucket's owner, as the server does
  const id = `${ctx.baseUrl}\n${ctx.apiKey}`;
  let pacing = byKey.get(id);
  if (pacing) byKey.delete(id);
  else
    pacing = {
      kinds: { sync: newState(), async: newState() },
      unreadableUntil: -Infinity,
      reading: undefined,
      counted: false,
    };
  byKey.set(id, pacing);
  if (byKey.size > MAX_PACINGS) byKey.delete(byKey.keys().next().value as string);
  return pacing;
}

/** How long to wait after an execute 429, and where that comes from (SimRateLimitError.retryAfterSource). */
export interface RateLimitWait {
  waitMs: number;
  source: 'server' | 'usage-limits' | 'estimate';
}

const aborted = (signal: AbortSignal): SimAbortError =>
  new SimAbortError('The run was aborted before it started.', { cause: signal.reason });

export class RateGate {
  readonly #ctx: RequestContext;
  readonly #readLimits: (signal: AbortSignal | undefined) => Promise<UsageLimits>;
  readonly #pacing: Pacing;

  constructor(ctx: RequestContext, readLimits: (signal: AbortSignal | undefined) => Promise<UsageLimits>) {
    this.#ctx = ctx;
    this.#readLimits = readLimits;
    this.#pacing = pacingFor(ctx);
  }

  /** Reads the server's count now (before a batch). A failed read leaves the gate learning from 429s for a while. */
  prime(signal?: AbortSignal): Promise<void> {
    return this.#refresh(signal);
  }

  /**
   * Resolves when an execute charged to `kind` may start, and takes its token. With a `deadline` (client clock), a
   * wait that would pass it rejects at once with SimRateLimitError (`retryAfterMs`: when the bucket has a token again).
   */
  acquire(kind: BucketKind, signal?: AbortSignal, deadline?: number): Promise<void> {
    // the bucket is known to be empty until after the deadline: no need to queue behind the launches waiting for it
    const s = this.#pacing.kinds[kind];
    if (deadline !== undefined && s.bucket) {
      const now = this.#ctx.now();
      s.bucket.refill(now);
      if (s.bucket.tokens < 1 && s.bucket.nextRefillAt > deadline)
        return Promise.reject(noTokenBefore(kind, s.bucket.nextRefillAt - now, 'usage-limits'));
    }
    return this.#turn(kind, signal, () => this.#take(kind, signal, deadline));
  }

  /** An execute charged to `kind` was answered without a 429. */
  accepted(kind: BucketKind): void {
    this.#pacing.kinds[kind].strikes = 0;
  }

  /** An execute that `acquire` let through for `kind` has its answer (or its error): no longer in flight. */
  settled(kind: BucketKind): void {
    this.#pacing.kinds[kind].inFlight--;
  }

  /**
   * An execute charged to `kind` got 429: the bucket is empty until its next refill. The count is read from
   * usage-limits (the launches after this one are paced from it); `retryAfterMs` is the refill the server named in the
   * answer (v2's Retry-After; v1 names none, usage-limits' `resetAt` does). Resolves with the ms until a launch may be
   * tried again and where that wait comes from: the server's answer, its usage-limits, or an estimate (a backoff, when
   * the limits cannot be read, or when they still show tokens in the minute that refused: the 429 came from elsewhere).
   */
  async rateLimited(kind: BucketKind, retryAfterMs: number | undefined, signal?: AbortSignal): Promise<RateLimitWait> {
    // Not queued behind the launches waiting for a token: one of them may sleep until the refill, and the refusal
    // must be known before it wakes (and dated when it came, not when its turn would have come).
    const s = this.#pacing.kinds[kind];
    const refusedAt = this.#ctx.now();
    if (this.#readable()) await this.#refresh(signal);
    const now = this.#ctx.now();
    if (s.bucket) {
      s.bucket.refill(now);
      // a count read after a refill that came since the refusal is the refill's, and stands
      const refilledSince = s.bucket.nextRefillAt - REFILL_INTERVAL_MS > refusedAt;
      if (s.bucket.tokens < 1 || (retryAfterMs !== undefined && !refilledSince)) {
        // The server refused: there is no token before the next refill.
        if (!refilledSince) {
          s.bucket.tokens = 0;
          if (retryAfterMs !== undefined) s.bucket.nextRefillAt = s.countUntil = refusedAt + retryAfterMs;
          s.budget = 0;
          s.crumbAt = undefined;
        }
        return {
          waitMs: Math.max(0, s.bucket.nextRefillAt - now),
          source: retryAfterMs !== undefined && !refilledSince ? 'server' : 'usage-limits',
        };
      }
      if (retryAfterMs !== undefined) return { waitMs: 0, source: 'usage-limits' };
      // v1's 429 names no wait and the count still shows tokens: either the 429 came from elsewhere, or a refill came
      // between the refusal and the read (a fresh bucket's count names the next minute too): a short backoff either way
    }
    // the one retry policy's backoff, from its second step (1 s, 2 s, 4 s, 8 s), or the server's Retry-After
    const wait = retryAfterMs ?? retryDelayMs(s.strikes + 1, this.#ctx.random);
    s.strikes++;
    s.blockedUntil = Math.max(s.blockedUntil, now + Math.round(wait));
    return { waitMs: Math.max(0, s.blockedUntil - now), source: retryAfterMs !== undefined ? 'server' : 'estimate' };
  }

  /**
   * Runs `work` when the launches queued before it on this bucket are done. A caller whose signal aborts while it waits
   * for its turn is answered at once, and its turn, when it comes, does nothing.
   */
  #turn<T>(kind: BucketKind, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const s = this.#pacing.kinds[kind];
    if (signal?.aborted) return Promise.reject(aborted(signal));
    const turn = s.tail.then(() => (signal?.aborted ? Promise.reject(aborted(signal)) : work()));
    s.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return signal ? untilAborted(turn, signal) : turn;
  }

  async #take(kind: BucketKind, signal: AbortSignal | undefined, deadline: number | undefined): Promise<void> {
    const s = this.#pacing.kinds[kind];
    for (;;) {
      if (signal?.aborted) throw aborted(signal);
      const now = this.#ctx.now();
      let wait = Math.max(0, s.blockedUntil - now);
      let crumbWait = false;
      const readable = this.#readable();
      if (readable && !this.#pacing.counted && s.inFlight > 0) {
        // Never read, and a launch of this process is still unanswered: several are going out at once (n8n's
        // executions on a worker, a caller's Promise.all), and the bucket may be nearly empty already, spent by other
        // processes. Read the count before sending more blind (once per process: from then on the gate paces from it).
        await this.#refresh(signal);
        continue;
      }
      if (s.bucket) {
        s.bucket.refill(now);
        if (readable && s.bucket.nextRefillAt > s.countUntil) {
          // a refill came since the count was read: others may have spent anything since, ask again
          await this.#refresh(signal);
          continue;
        }
        if (s.bucket.tokens < 1)
          wait = Math.max(wait, s.bucket.nextRefillAt - now + Math.round(REFILL_SPREAD_MS * this.#ctx.random()));
        else if (readable && s.crumbAt !== undefined) {
          wait = Math.max(wait, s.crumbAt - now);
          crumbWait = true;
        } else if (readable && s.spentSinceRead >= s.budget) {
          // the budget of the last count is spent: ask the server what is left (others may be spending too)
          await this.#refresh(signal);
          continue;
        }
      }
      if (crumbWait && wait <= 0) {
        s.crumbAt = undefined;
        await this.#refresh(signal);
        // the fresh count still has a token that no budget covers: take it (one per read), or leave it to the others
        if (s.crumbAt !== undefined && s.bucket && this.#takesCrumb(s, s.bucket.tokens)) {
          s.crumbAt = undefined;
          s.crumbMisses = 0;
          s.crumbSeen = Infinity;
          s.budget = s.spentSinceRead + 1;
        }
        continue;
      }
      if (wait <= 0) {
        if (s.bucket) s.bucket.tokens -= 1;
        s.spentSinceRead++;
        s.inFlight++;
        return;
      }
      if (deadline !== undefined && now + wait > deadline)
        throw noTokenBefore(kind, wait, s.bucket ? 'usage-limits' : 'estimate');
      await abortableSleep(this.#ctx, wait, signal, 'The run was aborted before it started.');
    }
  }

  /** Whether to take one of the `tokens` left that no budget covers (see CRUMB_SPREAD_MS). */
  #takesCrumb(s: KindState, tokens: number): boolean {
    if (!othersSpend(s, this.#ctx.now())) return true;
    if (this.#ctx.random() < tokens * s.share * 2 ** s.crumbMisses) return true;
    // left to the others: if none of them took one since this process's last look either, its chance grows
    if (tokens >= s.crumbSeen) s.crumbMisses++;
    s.crumbSeen = tokens;
    return false;
  }

  #readable(): boolean {
    return this.#ctx.now() >= this.#pacing.unreadableUntil;
  }

  /** Reads usage-limits (or joins the read in flight) and re-seeds both buckets from the server's count. */
  async #refresh(signal: AbortSignal | undefined): Promise<void> {
    const pacing = this.#pacing;
    // one read for everyone who needs it meanwhile, so it carries no one's signal (it has its own timeout)
    pacing.reading ??= this.#read().finally(() => {
      pacing.reading = undefined;
    });
    await (signal ? untilAborted(pacing.reading, signal) : pacing.reading);
  }

  async #read(): Promise<void> {
    const pacing = this.#pacing;
    let limits: UsageLimits;
    try {
      limits = await this.#readLimits(undefined);
    } catch (err) {
      pacing.unreadableUntil = this.#ctx.now() + UNREADABLE_FOR_MS;
      this.#ctx.logger?.debug('sim usage-limits not readable; pacing from 429s only for a minute', {
        error: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    pacing.counted = true;
    const now = this.#ctx.now();
    const rateLimit =
      isRecord(limits) && isRecord((limits as Record<string, unknown>)['rateLimit'])
        ? ((limits as Record<string, unknown>)['rateLimit'] as Record<string, unknown>)
        : {};
    for (const kind of ['sync', 'async'] as const) {
      const s = pacing.kinds[kind];
      const fresh = SimBucket.from(rateLimit[kind] as PublishedBucket | undefined, now);
      const prior = s.bucket;
      prior?.refill(now);
      // Only a count of the refill period the model is in compares with it (the server may have refilled a little
      // before the model, whose refill instant came from a rounded Retry-After, or a clock that disagrees).
      let unseen = 0;
      let uncounted = 0;
      if (
        prior &&
        fresh &&
        Math.abs(fresh.nextRefillAt - prior.nextRefillAt) < REFILL_INTERVAL_MS / 2 &&
        // and of the period of the last count: across a refill the model's count is its guess, not what the server had
        Math.abs(fresh.nextRefillAt - s.countUntil) < REFILL_INTERVAL_MS / 2
      ) {
        const mine = s.spentSinceRead + s.unseenMine;
        // how fast the bucket empties (everyone's launches, as the server counted them since this process's last read):
        // at that pace, what the count has not shown yet
        if (fresh.tokens < s.countRead && now > s.countReadAt)
          uncounted = ((s.countRead - fresh.tokens) / (now - s.countReadAt)) * UNCOUNTED_MS;
        if (fresh.tokens > prior.tokens) {
          // The bucket gains nothing between refills: launches of this process had not reached the server's limiter
          // when it counted (it takes a token a few hundred ms after an execute arrives). The model, which has them, is
          // the better count; they are this process's spending when a later read shows them.
          unseen = Math.min(mine, fresh.tokens - prior.tokens);
          fresh.tokens = prior.tokens;
        } else {
          // what the model expected to be left, less what the server says is left: what others spent since the last read
          const others = prior.tokens - fresh.tokens;
          if (others > 0) s.othersSeenAt = now;
          if (mine + others > 0)
            s.share = Math.min(1, Math.max(MIN_SHARE, 0.5 * s.share + 0.5 * (mine / (mine + others))));
        }
      }
      s.unseenMine = unseen;
      s.countRead = fresh ? fresh.tokens : 0;
      s.countReadAt = now;
      s.bucket = fresh;
      s.countUntil = fresh ? fresh.nextRefillAt : Infinity;
      s.spentSinceRead = 0;
      s.crumbAt = undefined;
      // this process's share of what is left, halved (others read the same count and spend from it too); where others
      // spend, their launches of the last few hundred ms are not counted: budget from the count less what the bucket's
      // pace says is missing, and take at most half of it whatever the share says
      const shared = othersSpend(s, now);
      const share = shared ? Math.min(s.share, MAX_SHARED_SHARE) : s.share;
      const left = fresh ? Math.max(0, fresh.tokens - (shared ? uncounted : 0)) : 0;
      s.budget = fresh ? Math.floor((left * share) / 2) : Infinity;
      if (fresh && s.budget < 1 && fresh.tokens >= 1)
        s.crumbAt = now + Math.round(CRUMB_SPREAD_MS * this.#ctx.random());
      else {
        s.crumbMisses = 0;
        s.crumbSeen = Infinity;
      }
    }
  }
}

/** Whether a read showed others spending from this bucket lately (else this process counts as alone on it). */
function othersSpend(s: KindState, now: number): boolean {
  return now - s.othersSeenAt <= OTHERS_REMEMBERED_MS;
}

function noTokenBefore(kind: BucketKind, waitMs: number, source: RateLimitWait['source']): SimRateLimitError {
  return new SimRateLimitError({
    status: 429,
    headers: {},
    body: undefined,
    error: undefined,
    method: 'POST',
    path: '',
    operation: 'executeWorkflow',
    retryAfterMs: waitMs,
    retryAfterSource: source,
    message:
      `The key's Sim ${kind} rate limit has no token left before this run's deadline (the next one comes in ${Math.ceil(waitMs / 1000)} s); ` +
      'the run was not started. Wait and try again, raise the timeout, or spread the runs out.',
  });
}

/** `promise`, or a SimAbortError as soon as `signal` aborts (the promise itself goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(aborted(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function newState(): KindState {
  return {
    bucket: undefined,
    countUntil: Infinity,
    budget: Infinity,
    spentSinceRead: 0,
    unseenMine: 0,
    countRead: 0,
    countReadAt: 0,
    share: INITIAL_SHARE,
    blockedUntil: 0,
    crumbAt: undefined,
    crumbMisses: 0,
    crumbSeen: Infinity,
    othersSeenAt: -Infinity,
    strikes: 0,
    inFlight: 0,
    tail: Promise.resolve(),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
