// waitForJob: watches a queued run until it ends: through the execution resource where the server has it (the truth
// about pauses), else by polling GET /api/jobs/{jobId} on the configured base URL.
import { DEFAULT_WAIT_TIMEOUT_MS, type Core } from './core.js';
import {
  SimAbortError,
  SimApiError,
  SimConnectionError,
  SimNotFoundError,
  SimRateLimitError,
  SimTimeoutError,
} from './errors.js';
import { executionIdOfJob, normalizeJob } from './normalize.js';
import { abortableSleep } from './request.js';
import { parseRetryAfterMs } from './retry.js';
import type { JobResult, JobState, JobStatus, WaitForJobOptions } from './types.js';
import { requireId, validateTimeout } from './inputs.js';
import { isRecord } from './errors.js';
import { pauseHint, watchExecution } from './watch.js';

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

  /** Watches through the execution resource when the server has it; null where it does not (the March server). */
  const viaExecution = async (workflowId: string, execId: string, extra: { firstDelayMs?: number; pausedOutput?: unknown; job?: JobStatus }): Promise<JobResult | null> => {
    let has: boolean;
    try {
      has = await core.capabilities.executionResource(workflowId, signal);
    } catch (err) {
      if (err instanceof SimAbortError) throw aborted();
      return null; // the job route handles transient trouble on its own
    }
    if (!has) return null;
    const result = await watchExecution(core, workflowId, execId, {
      deadline, timeoutMs, enqueuedAt, signal, onStatus, jobId, lastStatus,
      ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
      ...(extra.firstDelayMs !== undefined ? { firstDelayMs: extra.firstDelayMs } : {}),
      ...(extra.pausedOutput !== undefined ? { pausedOutput: extra.pausedOutput } : {}),
    });
    return { ...result, jobId, ...(extra.job ? { job: extra.job } : {}) };
  };
  const knownExecutionId = executionId ?? /^workflow-execution:(.+)$/.exec(jobId)?.[1];
  if (options.workflowId && knownExecutionId) {
    const watched = await viaExecution(options.workflowId, knownExecutionId, {});
    if (watched) return watched;
  }

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
      if (status === 'completed') {
        // A paused run's job reads `completed` with the pausing block's output (facts G, point 2): confirm it
        // through the execution resource, which says `paused` (or keeps waiting through a time pause).
        const inner = isRecord(job.output) && 'output' in job.output ? job.output['output'] : job.output;
        const hint = pauseHint(inner);
        const meta = isRecord(job.metadata) ? job.metadata : {};
        const workflowId = options.workflowId ?? (typeof meta['workflowId'] === 'string' ? meta['workflowId'] : undefined) ?? hint?.workflowId;
        const execId = executionId ?? executionIdOfJob(job, jobId);
        if (hint && workflowId && execId) {
          const watched = await viaExecution(workflowId, execId, { firstDelayMs: 0, pausedOutput: hint.kind === 'human' ? inner : undefined, job });
          if (watched) return watched;
        }
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
