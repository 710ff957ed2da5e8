// waitForJob: polls GET /api/jobs/{jobId} on the configured base URL until the job ends.
import { DEFAULT_WAIT_TIMEOUT_MS, type Core } from './core.js';
import {
  SimAbortError,
  SimApiError,
  SimConnectionError,
  SimNotFoundError,
  SimRateLimitError,
  SimTimeoutError,
} from './errors.js';
import { normalizeJob } from './normalize.js';
import { abortableSleep } from './request.js';
import { parseRetryAfterMs } from './retry.js';
import type { JobResult, JobState, JobStatus, WaitForJobOptions } from './types.js';
import { requireId, validateTimeout } from './inputs.js';

/** Poll schedule: first poll after ~1 s, then ×1.5 up to a cap of 10 % of the elapsed time (1 s … 15 s). */
export const POLL = {
  firstDelayMs: 1_000,
  minIntervalMs: 1_000,
  maxIntervalMs: 15_000,
  growth: 1.5,
  /** The interval never exceeds this share of the time since enqueue, so detection delay ≤ max(1 s, 10 %). */
  elapsedShare: 0.1,
  /** Jitter removes up to this share of each interval (never adds, so the cap holds). */
  jitter: 0.1,
  /** A 404 this soon after enqueue means "not visible yet", not "unknown job". */
  notFoundGraceMs: 10_000,
  /** Per-poll request deadline. */
  requestTimeoutMs: 30_000,
} as const;

/** The next poll interval (before jitter), given the previous one and the time since enqueue. */
export function nextPollInterval(previousMs: number, elapsedSinceEnqueueMs: number): number {
  const cap = Math.min(POLL.maxIntervalMs, Math.max(POLL.minIntervalMs, POLL.elapsedShare * elapsedSinceEnqueueMs));
  return Math.min(previousMs * POLL.growth, cap);
}

const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export async function waitForJob(core: Core, jobId: string, options: WaitForJobOptions = {}): Promise<JobResult> {
  requireId(jobId, 'jobId');
  const timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
  const { ctx } = core;
  const { signal, onStatus } = options;
  const started = ctx.now();
  const enqueuedAt = options.enqueuedAt ?? started;
  const deadline = started + timeoutMs;
  let executionId = options.executionId;
  let lastStatus: JobState | undefined;
  let interval: number = POLL.firstDelayMs;
  let floorMs = 0;
  let polls = 0;
  const aborted = () =>
    new SimAbortError(`Waiting for Sim job ${jobId} was aborted.`, { jobId, ...(executionId ? { executionId } : {}), cause: signal?.reason });

  for (;;) {
    const remaining = deadline - ctx.now();
    if (remaining <= 0) {
      throw new SimTimeoutError(
        `Sim job ${jobId} did not finish within ${timeoutMs} ms (last status: ${lastStatus ?? 'none seen'}). ` +
          'It may still be running: wait longer (timeoutMs), check the logs, or cancel it.',
        { timeoutMs, jobId, ...(executionId ? { executionId } : {}), ...(lastStatus ? { lastStatus } : {}) },
      );
    }
    const jittered = Math.max(floorMs, interval * (1 - POLL.jitter * ctx.random()));
    try {
      await abortableSleep(ctx, Math.min(jittered, remaining), signal);
    } catch (err) {
      if (err instanceof SimAbortError) throw aborted();
      throw err;
    }
    floorMs = 0;
    polls++;
    let job: JobStatus | undefined;
    try {
      job = await core.getJobStatus(jobId, { signal, maxRetries: 0, timeoutMs: Math.min(ctx.timeoutMs, POLL.requestTimeoutMs) });
    } catch (err) {
      if (err instanceof SimAbortError) throw aborted();
      const transient =
        (err instanceof SimNotFoundError && ctx.now() - enqueuedAt < POLL.notFoundGraceMs) ||
        err instanceof SimConnectionError ||
        (err instanceof SimTimeoutError) ||
        (err instanceof SimApiError && (err.status === 408 || err.status === 429 || err.status >= 500));
      if (!transient) {
        if (err instanceof SimApiError && executionId) Object.assign(err, { executionId });
        throw err;
      }
      if (err instanceof SimRateLimitError && err.retryAfterMs !== undefined) floorMs = err.retryAfterMs;
      else if (err instanceof SimApiError) floorMs = parseRetryAfterMs(err.headers, ctx.now()) ?? 0;
      ctx.logger?.debug('sim job poll failed, will poll again', { jobId, error: err instanceof Error ? err.message : String(err) });
    }
    if (job) {
      const status = job.status;
      if (status !== lastStatus) {
        lastStatus = status;
        onStatus?.(status, job);
      }
      if (TERMINAL.has(status)) {
        const result = normalizeJob(job, {
          jobId,
          executionId,
          cancelRequested: (id) => core.wasCancelRequested(id),
          elapsedMs: ctx.now() - enqueuedAt,
        });
        ctx.logger?.debug('sim job finished', { jobId, status: result.status, polls });
        return { ...result, job };
      }
      if (!executionId) {
        const corr = job.metadata && (job.metadata['correlation'] as { executionId?: unknown } | undefined);
        if (corr && typeof corr.executionId === 'string') executionId = corr.executionId;
      }
    }
    interval = nextPollInterval(interval, ctx.now() - enqueuedAt);
  }
}
