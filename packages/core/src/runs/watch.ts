// The one poll loop: watches a run through its protocol's reader (v1's execution resource, v2's run, or the March
// server's job) until it ends, or pauses for a person (unless `waitThroughHumanPause`). A time pause is waited through.
// At the deadline a paused run resolves as `paused` (never cancelled); any other status throws SimTimeoutError.
import type { Core } from '../core.js';
import {
  SimAbortError,
  SimApiError,
  SimNotFoundError,
  SimRateLimitError,
  SimTimeoutError,
  isRecord,
} from '../errors.js';
import { abortableSleep } from '../request.js';
import { parseRetryAfterMs } from '../retry.js';
import { FINAL_STATUSES, type RunProtocol, type RunRef, type RunView } from '../protocol/protocol.js';
import type { ExecutionStatus, ExecutionView, JobStatus, PauseOptions, RunResult } from '../types.js';
import { pausedOutput } from './pause.js';
import { isTransientReadError } from './record.js';

/** Poll schedule: first poll after ~1 s, then ×1.5 up to a cap of 10 % of the elapsed time (1 s … 15 s). */
export const POLL = {
  firstDelayMs: 1_000,
  minIntervalMs: 1_000,
  maxIntervalMs: 15_000,
  growth: 1.5,
  /** The interval never exceeds this share of the time since the run started, so detection delay ≤ max(1 s, 10 %). */
  elapsedShare: 0.1,
  /** Jitter removes up to this share of each interval (never adds, so the cap holds). */
  jitter: 0.1,
  /** A 404 this soon after the run started means "not visible yet", not "unknown run". */
  notFoundGraceMs: 10_000,
  /** Per-poll request deadline. */
  requestTimeoutMs: 30_000,
} as const;

/** The next poll interval (before jitter), given the previous one and the time since the run started. */
export function nextPollInterval(previousMs: number, elapsedSinceStartMs: number): number {
  const cap = Math.min(POLL.maxIntervalMs, Math.max(POLL.minIntervalMs, POLL.elapsedShare * elapsedSinceStartMs));
  return Math.min(previousMs * POLL.growth, cap);
}

export interface WatchOptions extends PauseOptions {
  /** Absolute deadline (client clock, ms). */
  deadline: number;
  /** The deadline's length, for messages. */
  timeoutMs: number;
  /** When the run was started (or resumed): the poll schedule grows with the time since, and the early-404 window starts. */
  startedAt: number;
  /** A 404 within POLL.notFoundGraceMs of `startedAt` means "not visible yet" (default true; false for a run started elsewhere). */
  notFoundGrace?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onStatus?: ((status: ExecutionStatus, snapshot: JobStatus | ExecutionView) => void) | undefined;
  /** Wait before the first read (default: the poll schedule's first delay). */
  firstDelayMs?: number | undefined;
  /** The pausing block's output when already known (a sync answer, a stream's final frame). */
  pausedOutput?: unknown;
  /** Right after a resume of this pause point: a record still paused there is not a new pause (see isResuming). */
  resuming?: { contextId: string; pausePoints?: number | undefined } | undefined;
  /** The last status already reported to onStatus (so it is not reported twice). */
  lastStatus?: ExecutionStatus | undefined;
}

/** What the poll loop needs of a protocol: a way to read a run. */
export type RunReader = Pick<RunProtocol, 'readRun' | 'hasRunRecord'>;

/** The pausing block's output of a paused run, from its record (`selectedOutputs=<blockId>`), best effort. */
export async function readPausedOutput(
  core: Core,
  protocol: RunReader,
  ref: RunRef,
  blockId: string | null,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (!blockId || !protocol.hasRunRecord) return null;
  try {
    const view = await protocol.readRun(ref, { selectedOutputs: [blockId], ...(signal ? { signal } : {}) });
    return pausedOutput(view.blockOutputs?.[blockId] ?? null);
  } catch (err) {
    if (err instanceof SimAbortError) throw err;
    core.ctx.logger?.debug('sim could not read the paused block output', {
      executionId: ref.executionId,
      error: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}

/** A paused record as a RunResult. */
export async function pausedResult(
  core: Core,
  protocol: RunReader,
  ref: RunRef,
  view: RunView,
  options: Pick<WatchOptions, 'pausedOutput' | 'signal' | 'startedAt'>,
): Promise<RunResult> {
  const paused = view.paused ?? { contextId: '', pauseKind: null, resumeAt: null, blockId: null };
  const output =
    options.pausedOutput !== undefined
      ? pausedOutput(options.pausedOutput)
      : await readPausedOutput(core, protocol, ref, paused.blockId, options.signal);
  const snapshot = view.snapshot as Record<string, unknown>;
  const recorded =
    typeof snapshot['totalDurationMs'] === 'number' ? Math.round(snapshot['totalDurationMs']) : undefined;
  return {
    executionId: ref.executionId,
    ...(ref.jobId ? { jobId: ref.jobId } : {}),
    status: 'paused',
    output: output ?? null,
    error: null,
    durationMs: recorded ?? core.ctx.now() - options.startedAt,
    paused,
  };
}

/**
 * Right after a resume, the record may still read `paused` at the resumed point (before the resume is claimed). A new
 * pause is one at another block, or a pause point beyond those the run had when it was resumed.
 */
function isResuming(view: RunView, resuming: { contextId: string; pausePoints?: number | undefined }): boolean {
  if (view.paused?.contextId !== resuming.contextId) return false;
  const snapshot = view.snapshot as Record<string, unknown>;
  const points = isRecord(snapshot['paused']) ? snapshot['paused']['pausePointCount'] : undefined;
  return typeof points === 'number' && resuming.pausePoints !== undefined ? points <= resuming.pausePoints : true;
}

export async function watchRun(
  core: Core,
  protocol: RunReader,
  ref: RunRef,
  options: WatchOptions,
): Promise<RunResult> {
  const { ctx } = core;
  const { signal, onStatus } = options;
  const ids = { executionId: ref.executionId, ...(ref.jobId ? { jobId: ref.jobId } : {}) };
  let lastStatus = options.lastStatus;
  let lastView: RunView | undefined;
  let resuming = options.resuming;
  let interval: number = POLL.firstDelayMs;
  let wait = options.firstDelayMs ?? POLL.firstDelayMs;
  let floorMs = 0;
  const aborted = () =>
    new SimAbortError(`Waiting for run ${ref.executionId} of workflow ${ref.workflowId} was aborted.`, {
      ...ids,
      cause: signal?.reason,
    });

  for (;;) {
    const remaining = options.deadline - ctx.now();
    if (remaining <= 0) {
      if (lastView?.status === 'paused') return pausedResult(core, protocol, ref, lastView, options);
      throw new SimTimeoutError(
        `The run ${ref.executionId} of workflow ${ref.workflowId} did not finish within ${options.timeoutMs} ms (last status: ${lastStatus ?? 'none seen'}). ` +
          'It may still be running: wait longer (timeoutMs), check the logs, or cancel it.',
        { timeoutMs: options.timeoutMs, ...ids, ...(lastStatus ? { lastStatus } : {}) },
      );
    }
    const jittered = wait <= 0 ? 0 : Math.max(floorMs, wait * (1 - POLL.jitter * ctx.random()));
    try {
      await abortableSleep(ctx, Math.min(jittered, remaining), signal);
    } catch (err) {
      if (err instanceof SimAbortError) throw aborted();
      throw err;
    }
    floorMs = 0;
    let view: RunView | undefined;
    try {
      view = await protocol.readRun(ref, {
        includeOutput: true,
        maxRetries: 0,
        timeoutMs: Math.min(ctx.timeoutMs, POLL.requestTimeoutMs),
        startedAt: options.startedAt,
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (err instanceof SimAbortError) throw aborted();
      const early = options.notFoundGrace !== false && ctx.now() - options.startedAt < POLL.notFoundGraceMs;
      const transient = (err instanceof SimNotFoundError && early) || isTransientReadError(err);
      if (!transient) throw err;
      if (err instanceof SimRateLimitError && err.retryAfterMs !== undefined) floorMs = err.retryAfterMs;
      else if (err instanceof SimApiError) floorMs = parseRetryAfterMs(err.headers, ctx.now()) ?? 0;
      ctx.logger?.debug('sim run poll failed, will poll again', {
        executionId: ref.executionId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    if (view) {
      const stillResuming = view.status === 'paused' && resuming !== undefined && isResuming(view, resuming);
      if (!stillResuming) {
        lastView = view;
        if (view.status !== lastStatus) {
          lastStatus = view.status;
          onStatus?.(view.status, view.snapshot);
        }
        if (FINAL_STATUSES.has(view.status) && view.result) {
          ctx.logger?.debug('sim run finished', { executionId: ref.executionId, status: view.result.status });
          return view.result;
        }
        if (view.status === 'paused') {
          // a person must act: report it (a time pause resumes by itself, so keep waiting)
          if (view.paused?.pauseKind !== 'time' && !options.waitThroughHumanPause)
            return pausedResult(core, protocol, ref, view, options);
        } else resuming = undefined;
      }
    }
    wait = interval;
    interval = nextPollInterval(interval, ctx.now() - options.startedAt);
  }
}
