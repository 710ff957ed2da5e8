// runMany: many runs at once, with a bounded pool, paced to Sim's published rate limits.
//
// Each request is run by the same code as `runWorkflow` / `runWorkflowSync`, through a view of the core
// whose execute answers are never retried inside (maxRetries 0): a 429 comes back here, the pacer empties
// and backs off that bucket, and the item is launched again later as a NEW run with a NEW execution id (the
// server burns the id of a rate-limited request; a 429 means the run never started, so this cannot run
// it twice). Polls of async jobs never take execute tokens, so a pacer waiting for a token cannot hold
// them up, and they cannot use up the tokens executes need.
//
// Memory: the pool holds `concurrency` workers and the results array; nothing else is kept per item.
import type { Core } from './core.js';
import { SimAbortError, SimConnectionError, SimError, SimRateLimitError, SimValidationError } from './errors.js';
import { Pacer, type BucketKind, type PublishedBucket } from './pacer.js';
import type { Transport } from './ports.js';
import { abortableSleep } from './request.js';
import { backoffDelayMs } from './retry.js';
import { runWorkflow, runWorkflowSync } from './run.js';
import type { RequestOptions, RunResult, UsageLimits } from './types.js';

/** One run of `runMany`. */
export interface RunManyRequest {
  workflowId: string;
  input?: Record<string, unknown>;
  /** `async` (default): queue the run and poll its job. `sync`: one request that answers when the run ends. */
  mode?: 'sync' | 'async';
  selectedOutputs?: string[];
  /** Deadline of this run in ms (defaults as in runWorkflow / runWorkflowSync). */
  timeoutMs?: number;
  /** Cancel the remote run when its deadline passes (default true). */
  cancelOnTimeout?: boolean;
}

/** The outcome of one request: a RunResult whatever its status (completed, failed, cancelled…), or the error that stopped it. */
export type RunManyEntry = { ok: true; result: RunResult } | { ok: false; error: SimError };

export interface RunManyOptions {
  /** How many runs may be in flight at once (1–100, default 1). */
  concurrency?: number;
  /** Aborting stops launching new runs and cancels the runs in flight (their entries hold a SimAbortError). */
  signal?: AbortSignal;
  /** Called once per request as soon as its entry is known (any order). Errors it throws are logged and ignored. */
  onResult?: (index: number, entry: RunManyEntry) => void;
}

export const MAX_CONCURRENCY = 100;
/** Launches of one item after execute 429s before its entry reports the SimRateLimitError. */
export const MAX_RATE_LIMITED_LAUNCHES = 20;

const kindsOf = (mode: 'sync' | 'async'): readonly BucketKind[] => (mode === 'async' ? ASYNC_KINDS : SYNC_KINDS);
const SYNC_KINDS: readonly BucketKind[] = ['sync'];
// The recorded server charges async executes to the sync bucket; the published async limit applies too.
const ASYNC_KINDS: readonly BucketKind[] = ['sync', 'async'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validateConcurrency(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY)
    throw new SimValidationError(`\`concurrency\` must be an integer from 1 to ${MAX_CONCURRENCY}.`, 'concurrency');
  return value;
}

/** Runs batches for one client: keeps the pacer (and the limits read once) between calls. */
export class ManyRunner {
  readonly pacer: Pacer;
  readonly #core: Core;
  readonly #itemCore: Core;
  readonly #getUsageLimits: (options: RequestOptions) => Promise<UsageLimits>;
  #limitsRead = false;

  constructor(core: Core, getUsageLimits: (options: RequestOptions) => Promise<UsageLimits>) {
    this.#core = core;
    this.#getUsageLimits = getUsageLimits;
    this.pacer = new Pacer(core.ctx);
    const pacer = this.pacer;
    const inner = core.ctx.transport;
    // Sees every execute answer on the way: X-RateLimit-* headers feed the pacer.
    const transport: Transport = async (req) => {
      const res = await inner(req);
      if (req.method === 'POST' && /\/execute(\?|$)/.test(req.url)) {
        const kind: BucketKind = req.headers['x-execution-mode'] === 'async' ? 'async' : 'sync';
        let headers = res.headers;
        if (Object.keys(headers).some((h) => h !== h.toLowerCase())) headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
        pacer.observeHeaders(kind, headers);
      }
      return res;
    };
    this.#itemCore = { ...core, ctx: { ...core.ctx, maxRetries: 0, transport } };
  }

  /** Reads usage-limits once; any failure but an abort leaves the pacer unconfigured (it then learns from 429s). */
  async #readLimits(signal: AbortSignal | undefined): Promise<void> {
    if (this.#limitsRead) return;
    try {
      const limits = await this.#getUsageLimits({ timeoutMs: 15_000, maxRetries: 1, ...(signal ? { signal } : {}) });
      const rateLimit = isRecord(limits) && isRecord((limits as Record<string, unknown>)['rateLimit']) ? ((limits as Record<string, unknown>)['rateLimit'] as Record<string, unknown>) : undefined;
      this.pacer.configure('sync', rateLimit?.['sync'] as PublishedBucket | undefined);
      this.pacer.configure('async', rateLimit?.['async'] as PublishedBucket | undefined);
      this.#limitsRead = true;
    } catch (err) {
      if (err instanceof SimAbortError) throw err;
      this.#limitsRead = true;
      this.#core.ctx.logger?.debug('sim usage-limits not readable; pacing from 429s only', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  async run(requests: readonly RunManyRequest[], options: RunManyOptions = {}): Promise<RunManyEntry[]> {
    if (!Array.isArray(requests)) throw new SimValidationError('runMany(requests) needs an array of requests.', 'requests');
    const concurrency = validateConcurrency(options?.concurrency);
    const { signal, onResult } = options ?? {};
    const { logger } = this.#core.ctx;
    const results: RunManyEntry[] = new Array<RunManyEntry>(requests.length);
    const report = (index: number, entry: RunManyEntry): void => {
      results[index] = entry;
      if (!onResult) return;
      try {
        onResult(index, entry);
      } catch (err) {
        logger?.debug('sim runMany onResult threw', { index, error: err instanceof Error ? err.message : String(err) });
      }
    };
    const notStarted = (): RunManyEntry => ({
      ok: false,
      error: new SimAbortError('The run was not started: the batch was aborted first.', { cause: signal?.reason }),
    });

    if (requests.length > 0) {
      try {
        await this.#readLimits(signal);
      } catch {
        /* aborted: every entry below reports it */
      }
    }
    // One listener on the caller's signal; each run in flight gets its own controller (so a batch of 100
    // in flight never piles 100 listeners on the caller's signal).
    const inFlight = new Set<AbortController>();
    const onAbort = () => {
      for (const c of inFlight) c.abort(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const index = next++;
        if (signal?.aborted) {
          report(index, notStarted());
          continue;
        }
        const controller = signal ? new AbortController() : undefined;
        if (controller) inFlight.add(controller);
        try {
          report(index, await this.#runOne(requests[index], controller?.signal));
        } finally {
          if (controller) inFlight.delete(controller);
        }
      }
    };
    const workers: Promise<void>[] = [];
    for (let i = 0; i < Math.min(concurrency, requests.length); i++) workers.push(worker());
    try {
      await Promise.all(workers);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return results;
  }

  async #runOne(request: RunManyRequest | undefined, signal: AbortSignal | undefined): Promise<RunManyEntry> {
    if (!isRecord(request)) return { ok: false, error: new SimValidationError('Each runMany request must be an object with a `workflowId`.', 'requests') };
    const mode = request.mode ?? 'async';
    if (mode !== 'sync' && mode !== 'async') return { ok: false, error: new SimValidationError('`mode` must be "sync" or "async".', 'mode') };
    const kinds = kindsOf(mode);
    const ctx = this.#core.ctx;
    let notReached = 0;
    for (let launches = 1; ; launches++) {
      try {
        await this.pacer.acquire(kinds, signal);
      } catch (err) {
        return { ok: false, error: err instanceof SimError ? err : new SimError(String(err)) };
      }
      const sentAt = ctx.now();
      try {
        const common = {
          ...(request.input !== undefined ? { input: request.input } : {}),
          ...(request.selectedOutputs !== undefined ? { selectedOutputs: request.selectedOutputs } : {}),
          ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
          ...(request.cancelOnTimeout !== undefined ? { cancelOnTimeout: request.cancelOnTimeout } : {}),
          ...(signal ? { signal } : {}),
        };
        const result =
          mode === 'sync'
            ? await runWorkflowSync(this.#itemCore, request.workflowId, common)
            : await runWorkflow(this.#itemCore, request.workflowId, { ...common, onQueued: () => this.pacer.accepted(kinds, sentAt) });
        this.pacer.accepted(kinds, sentAt);
        return { ok: true, result };
      } catch (err) {
        if (err instanceof SimRateLimitError && err.operation === 'executeWorkflow') {
          // The run never started; its execution id is spent. Back off this bucket, relaunch with a new id.
          this.pacer.rateLimited(kinds, sentAt);
          ctx.logger?.debug('sim runMany: execute 429, relaunching with a new execution id', { workflowId: request.workflowId, launches });
          if (launches < MAX_RATE_LIMITED_LAUNCHES) continue;
          return { ok: false, error: err };
        }
        if (err instanceof SimConnectionError && !err.mayHaveReachedServer && notReached < ctx.maxRetries) {
          // Never reached the server (refused, DNS): safe to launch again.
          try {
            await abortableSleep(ctx, backoffDelayMs(notReached++, ctx.random), signal);
          } catch (abortErr) {
            return { ok: false, error: abortErr as SimError };
          }
          continue;
        }
        if (!(err instanceof SimRateLimitError)) this.pacer.accepted(kinds, sentAt);
        return { ok: false, error: err instanceof SimError ? err : new SimError(err instanceof Error ? err.message : String(err)) };
      }
    }
  }

}
