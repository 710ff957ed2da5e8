// Watching a run through the execution resource (`GET /api/workflows/{id}/executions/{executionId}`), the only
// v1 view that tells a paused run from a finished one (facts F and G), and confirming answers that can hide a pause.
import type { Core } from './core.js';
import { SimAbortError, SimApiError, SimConnectionError, SimNotFoundError, SimRateLimitError, SimTimeoutError, isRecord } from './errors.js';
import { unwrapResponseBlock } from './normalize.js';
import { abortableSleep } from './request.js';
import { parseRetryAfterMs } from './retry.js';
import type { ExecutionStatus, ExecutionView, JobStatus, PauseOptions, RunPause, RunResult, RunState } from './types.js';
import { POLL, nextPollInterval } from './wait.js';

const FINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/**
 * What an answer that may hide a pause says about it (facts G, points 1, 4, 5, 14): a Human block's output carries
 * `data._resume` (contextId, executionId, workflowId); a time pause's output is `{ waitDuration, resumeAt }`.
 */
export function pauseHint(output: unknown): { kind: 'human' | 'time'; contextId?: string; executionId?: string; workflowId?: string } | null {
  if (!isRecord(output)) return null;
  // `{ data: { _resume } , status, headers }` as answered, or `{ _resume }` once a Response-block shape was unwrapped
  const data = output['data'];
  const resume = isRecord(data) ? data['_resume'] : output['_resume'];
  if (isRecord(resume)) {
    const str = (k: string): string | undefined => (typeof resume[k] === 'string' && resume[k] ? (resume[k] as string) : undefined);
    const hint: { kind: 'human'; contextId?: string; executionId?: string; workflowId?: string } = { kind: 'human' };
    const contextId = str('contextId');
    const executionId = str('executionId');
    const workflowId = str('workflowId');
    if (contextId) hint.contextId = contextId;
    if (executionId) hint.executionId = executionId;
    if (workflowId) hint.workflowId = workflowId;
    return hint;
  }
  const keys = Object.keys(output);
  if (keys.length === 2 && typeof output['waitDuration'] === 'number' && typeof output['resumeAt'] === 'string') return { kind: 'time' };
  return null;
}

/** The resume details of a paused view. */
export function pauseFromView(view: ExecutionView): RunPause {
  const p = isRecord(view.paused) ? view.paused : undefined;
  const kind = p?.pauseKind;
  const blockId = typeof p?.blockedOnBlockId === 'string' ? p.blockedOnBlockId : null;
  return {
    contextId: typeof p?.contextId === 'string' ? p.contextId : blockId ?? '',
    pauseKind: kind === 'human' || kind === 'time' ? kind : null,
    resumeAt: typeof p?.resumeAt === 'string' ? p.resumeAt : null,
    blockId,
  };
}

function errorText(error: unknown): string | undefined {
  if (typeof error === 'string' && error) return error;
  if (isRecord(error) && typeof error['message'] === 'string' && error['message']) return error['message'];
  return undefined;
}

export interface WatchOptions extends PauseOptions {
  /** Absolute deadline (client clock, ms). */
  deadline: number;
  /** The deadline's length, for messages. */
  timeoutMs: number;
  /** When the run was started (or resumed); starts the early-404 window. */
  enqueuedAt: number;
  signal?: AbortSignal | undefined;
  onStatus?: ((status: RunState, snapshot: JobStatus | ExecutionView) => void) | undefined;
  jobId?: string | undefined;
  /** Wait before the first read (default: the poll schedule's first delay). */
  firstDelayMs?: number;
  /** The pausing block's output when already known (a sync answer, a stream's final frame, the job). */
  pausedOutput?: unknown;
  /** Right after a resume of this contextId: a view still paused there (not yet resumed) is not a new pause. */
  resumingContextId?: string | undefined;
  /** The last status already reported to onStatus (so it is not reported twice). */
  lastStatus?: RunState | undefined;
}

/** A paused or final view as a RunResult, or null while the run goes on. */
function resultFromView(view: ExecutionView, executionId: string, jobId: string | undefined, elapsedMs: number): RunResult | null {
  const base = { executionId, ...(jobId ? { jobId } : {}) };
  const durationMs = typeof view.totalDurationMs === 'number' && view.totalDurationMs >= 0 ? Math.round(view.totalDurationMs) : elapsedMs;
  switch (view.status) {
    case 'completed': {
      const unwrapped = unwrapResponseBlock(view.finalOutput ?? null);
      const result: RunResult = { ...base, status: 'completed', output: unwrapped.output ?? null, error: null, durationMs };
      if (unwrapped.response) result.response = unwrapped.response;
      return result;
    }
    case 'failed':
      return { ...base, status: 'failed', output: view.finalOutput ?? null, error: errorText(view.error) ?? 'The workflow run failed (no error message from the server).', durationMs };
    case 'cancelled':
      return { ...base, status: 'cancelled', output: view.finalOutput ?? null, error: errorText(view.error) ?? 'Cancelled', durationMs };
    default:
      return null;
  }
}

/** The Human block's output of a paused run, read with `selectedOutputs=<blockId>` (best effort). */
async function readPausedOutput(core: Core, workflowId: string, executionId: string, blockId: string | null, signal: AbortSignal | undefined): Promise<unknown> {
  if (!blockId) return null;
  try {
    const view = await core.getExecution(workflowId, executionId, { selectedOutputs: [blockId], ...(signal ? { signal } : {}) });
    return isRecord(view.blockOutputs) ? view.blockOutputs[blockId] ?? null : null;
  } catch (err) {
    if (err instanceof SimAbortError) throw err;
    return null;
  }
}

/**
 * Polls the execution resource until the run ends, or pauses for a person (unless `waitThroughHumanPause`).
 * A time pause is waited through. At the deadline a paused run resolves as `paused` (never cancelled); any other
 * status throws SimTimeoutError. A 404 inside the early window after `enqueuedAt` means "not visible yet".
 */
export async function watchExecution(core: Core, workflowId: string, executionId: string, options: WatchOptions): Promise<RunResult & { execution: ExecutionView }> {
  const { ctx } = core;
  const { signal, onStatus, jobId } = options;
  let lastStatus: RunState | undefined = options.lastStatus;
  let lastView: ExecutionView | undefined;
  let interval: number = POLL.firstDelayMs;
  let wait = options.firstDelayMs ?? POLL.firstDelayMs;
  let floorMs = 0;
  const ids = { ...(jobId ? { jobId } : {}), executionId };

  const pausedResult = async (view: ExecutionView): Promise<RunResult & { execution: ExecutionView }> => {
    const paused = pauseFromView(view);
    const output = options.pausedOutput !== undefined ? options.pausedOutput : await readPausedOutput(core, workflowId, executionId, paused.blockId, signal);
    const durationMs = typeof view.totalDurationMs === 'number' ? Math.round(view.totalDurationMs) : ctx.now() - options.enqueuedAt;
    return { ...ids, status: 'paused', output: output ?? null, error: null, durationMs, paused, execution: view };
  };

  for (;;) {
    const remaining = options.deadline - ctx.now();
    if (remaining <= 0) {
      if (lastView?.status === 'paused') return pausedResult(lastView);
      throw new SimTimeoutError(
        `The run ${executionId} of workflow ${workflowId} did not finish within ${options.timeoutMs} ms (last status: ${lastStatus ?? 'none seen'}). ` +
          'It may still be running: wait longer (timeoutMs), check the logs, or cancel it.',
        { timeoutMs: options.timeoutMs, ...ids, ...(lastStatus ? { lastStatus } : {}) },
      );
    }
    const jittered = wait <= 0 ? 0 : Math.max(floorMs, wait * (1 - POLL.jitter * ctx.random()));
    try {
      await abortableSleep(ctx, Math.min(jittered, remaining), signal);
    } catch (err) {
      if (err instanceof SimAbortError) throw new SimAbortError(`Waiting for run ${executionId} was aborted.`, { ...ids, cause: signal?.reason });
      throw err;
    }
    floorMs = 0;
    let view: ExecutionView | undefined;
    try {
      view = await core.getExecution(workflowId, executionId, {
        includeOutput: true, maxRetries: 0, timeoutMs: Math.min(ctx.timeoutMs, POLL.requestTimeoutMs), ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (err instanceof SimAbortError) throw new SimAbortError(`Waiting for run ${executionId} was aborted.`, { ...ids, cause: signal?.reason });
      const transient =
        (err instanceof SimNotFoundError && ctx.now() - options.enqueuedAt < POLL.notFoundGraceMs) ||
        err instanceof SimConnectionError ||
        err instanceof SimTimeoutError ||
        (err instanceof SimApiError && (err.status === 408 || err.status === 429 || err.status >= 500));
      if (!transient) throw err;
      if (err instanceof SimRateLimitError && err.retryAfterMs !== undefined) floorMs = err.retryAfterMs;
      else if (err instanceof SimApiError) floorMs = parseRetryAfterMs(err.headers, ctx.now()) ?? 0;
      ctx.logger?.debug('sim execution poll failed, will poll again', { executionId, error: err instanceof Error ? err.message : String(err) });
    }
    if (view) {
      const status = view.status as ExecutionStatus;
      // right after a resume the view may still show the old pause point before the resume is claimed
      const stillResuming =
        status === 'paused' && options.resumingContextId !== undefined && pauseFromView(view).contextId === options.resumingContextId &&
        !(isRecord(view.paused) && typeof view.paused['resumedCount'] === 'number' && view.paused['resumedCount'] > 0);
      if (!stillResuming) {
        lastView = view;
        if (status !== lastStatus) {
          lastStatus = status;
          onStatus?.(status, view);
        }
        if (FINAL.has(status)) {
          const result = resultFromView(view, executionId, jobId, ctx.now() - options.enqueuedAt)!;
          ctx.logger?.debug('sim run finished', { executionId, status: result.status });
          return { ...result, execution: view };
        }
        if (status === 'paused') {
          const kind = pauseFromView(view).pauseKind;
          // a person must act: report it (a time pause resumes by itself, so keep waiting)
          if (kind !== 'time' && !options.waitThroughHumanPause) return pausedResult(view);
        } else options.resumingContextId = undefined;
      }
    }
    wait = interval;
    interval = nextPollInterval(interval, ctx.now() - options.enqueuedAt);
  }
}

/**
 * A sync answer or a stream's final frame that may hide a pause (facts G, points 4, 5, 14) is confirmed through the
 * execution resource, where the server has it: a paused run resolves as `paused` (or is waited through: a time pause,
 * or `waitThroughHumanPause`), until `deadline`. Servers without the resource (March 2026) keep the answer as it was.
 */
export async function confirmRun(
  core: Core,
  workflowId: string,
  result: RunResult,
  options: PauseOptions & { deadline: number; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<RunResult> {
  if (result.status !== 'completed' && result.status !== 'paused') return result;
  const hint = pauseHint(result.output);
  if (result.status === 'completed' && !hint) return result;
  const executionId = result.executionId || hint?.executionId;
  if (!executionId) return result;
  let hasResource: boolean;
  try {
    hasResource = await core.capabilities.executionResource(workflowId, options.signal);
  } catch (err) {
    if (err instanceof SimAbortError) throw err;
    return result;
  }
  if (!hasResource) return result;
  try {
    const { execution: _view, ...confirmed } = await watchExecution(core, workflowId, executionId, {
      deadline: options.deadline, timeoutMs: options.timeoutMs, enqueuedAt: core.ctx.now(), signal: options.signal, firstDelayMs: 0,
      pausedOutput: result.output, ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
    });
    void _view;
    return confirmed;
  } catch (err) {
    if (err instanceof SimAbortError || err instanceof SimTimeoutError) throw err;
    core.ctx.logger?.debug('sim could not confirm the run through the execution resource', { executionId, error: err instanceof Error ? err.message : String(err) });
    return result;
  }
}
