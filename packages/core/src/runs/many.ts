// runMany: many runs at once, in a bounded pool, paced to Sim's rate limits.
//
// Each request runs through the same code as `runWorkflow` / `runWorkflowSync`. Every execute passes the client's rate
// gate (rate/gate.ts), which a batch primes with the server's count before it starts, and an execute 429 is sent again
// as a NEW run with a NEW execution id once the bucket refills (start.ts; a 429 means the run never started, so this
// cannot run it twice). Polls never pass the gate, so a run waiting for a token cannot hold up the polls of others.
//
// Memory: the pool holds `concurrency` workers and the results array; nothing else is kept per item.
import type { Core } from '../core.js';
import { SimAbortError, SimError, SimValidationError, isRecord } from '../errors.js';
import type { RunResult } from '../types.js';
import { runAsync, runSync } from './run.js';

/** One run of `runMany`. */
export interface RunManyRequest {
  workflowId: string;
  input?: Record<string, unknown>;
  /** `async` (default): queue the run and watch it. `sync`: one request that answers when the run ends. */
  mode?: 'sync' | 'async';
  selectedOutputs?: string[];
  /** Deadline of this run in ms, from when it is sent (defaults as in runWorkflow / runWorkflowSync). */
  timeoutMs?: number;
  /** Cancel the remote run when its deadline passes (default true). */
  cancelOnTimeout?: boolean;
}

/** The outcome of one request: a RunResult whatever its status (completed, failed, cancelled, paused), or the error that stopped it. */
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

function validateConcurrency(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY)
    throw new SimValidationError(`\`concurrency\` must be an integer from 1 to ${MAX_CONCURRENCY}.`, 'concurrency');
  return value;
}

function asSimError(err: unknown): SimError {
  return err instanceof SimError ? err : new SimError(err instanceof Error ? err.message : String(err));
}

async function runOne(
  core: Core,
  request: RunManyRequest | undefined,
  signal: AbortSignal | undefined,
): Promise<RunManyEntry> {
  if (!isRecord(request))
    return {
      ok: false,
      error: new SimValidationError('Each runMany request must be an object with a `workflowId`.', 'requests'),
    };
  const mode = request.mode ?? 'async';
  if (mode !== 'sync' && mode !== 'async')
    return { ok: false, error: new SimValidationError('`mode` must be "sync" or "async".', 'mode') };
  const options = {
    batch: true,
    ...(request.input !== undefined ? { input: request.input } : {}),
    ...(request.selectedOutputs !== undefined ? { selectedOutputs: request.selectedOutputs } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
    ...(request.cancelOnTimeout !== undefined ? { cancelOnTimeout: request.cancelOnTimeout } : {}),
    ...(signal ? { signal } : {}),
  };
  try {
    const result =
      mode === 'sync'
        ? await runSync(core, request.workflowId, options)
        : await runAsync(core, request.workflowId, options);
    return { ok: true, result };
  } catch (err) {
    return { ok: false, error: asSimError(err) };
  }
}

export async function runMany(
  core: Core,
  requests: readonly RunManyRequest[],
  options: RunManyOptions = {},
): Promise<RunManyEntry[]> {
  if (!Array.isArray(requests))
    throw new SimValidationError('runMany(requests) needs an array of requests.', 'requests');
  const concurrency = validateConcurrency(options?.concurrency);
  const { signal, onResult } = options ?? {};
  const results: RunManyEntry[] = new Array<RunManyEntry>(requests.length);
  const report = (index: number, entry: RunManyEntry): void => {
    results[index] = entry;
    if (!onResult) return;
    try {
      onResult(index, entry);
    } catch (err) {
      core.ctx.logger?.debug('sim runMany onResult threw', {
        index,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  };
  const notStarted = (): RunManyEntry => ({
    ok: false,
    error: new SimAbortError('The run was not started: the batch was aborted first.', { cause: signal?.reason }),
  });

  if (requests.length > 0) {
    try {
      await core.rate.prime(signal);
    } catch {
      /* aborted: every entry below reports it */
    }
  }
  // One listener on the caller's signal; each run in flight gets its own controller (so a batch of 100 in flight
  // never piles 100 listeners on the caller's signal).
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
        report(index, await runOne(core, requests[index], controller?.signal));
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
