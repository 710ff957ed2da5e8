// Reading a run's record right after the server answered for the run (a sync answer, a stream's end): Sim writes the
// record a moment AFTER it answers, so the first reads can show `running` with no outputs for a few hundred ms
// (recorded 0.1–0.7 s: packages/emulator/recordings/sim-server-facts.md §D1, §M1). The record is
// read again, on a short schedule, until it shows the run's end (final or paused), within RECORD_SETTLE_MS.
import type { Core } from '../core.js';
import {
  SimAbortError,
  SimApiError,
  SimAuthCheckError,
  SimConnectionError,
  SimNotFoundError,
  SimTimeoutError,
} from '../errors.js';
import { abortableSleep } from '../request.js';
import type { RunProtocol, RunRef, RunView } from '../protocol/protocol.js';
import { FINAL_STATUSES } from '../protocol/protocol.js';
import type { SelectionPlan } from './selected.js';

/** How long a record may take to show the end of a run that has already answered. */
export const RECORD_SETTLE_MS = 5_000;
const SETTLE_DELAYS_MS = [0, 100, 200, 300, 500, 750, 1_000];

/** Errors worth another read of a record (or another poll): the server or the network had a moment. */
export function isTransientReadError(err: unknown): boolean {
  return (
    err instanceof SimConnectionError ||
    err instanceof SimTimeoutError ||
    err instanceof SimAuthCheckError ||
    (err instanceof SimApiError && (err.status === 408 || err.status === 429 || err.status >= 500))
  );
}

export interface SettledRecord {
  view: RunView;
  /** The `<blockId>[.<path>]` selectors read (when a selection was asked for). */
  ids: string[];
  /** True when the record shows the run's end (final or paused); false when RECORD_SETTLE_MS passed first. */
  settled: boolean;
}

/**
 * Reads the run's record until it shows the run's end (`completed`, `failed`, `cancelled` or `paused`), within
 * RECORD_SETTLE_MS and the caller's deadline; with `selection`, the selected block outputs in the same reads.
 */
export async function readSettledRecord(
  core: Core,
  protocol: RunProtocol,
  ref: RunRef,
  options: {
    selection?: SelectionPlan | undefined;
    signal?: AbortSignal | undefined;
    deadline: number;
    startedAt: number;
  },
): Promise<SettledRecord> {
  const { ctx } = core;
  const until = Math.min(options.deadline, ctx.now() + RECORD_SETTLE_MS);
  let ids: string[] | undefined;
  let last: RunView | undefined;
  for (let i = 0; ; i++) {
    const delay = SETTLE_DELAYS_MS[Math.min(i, SETTLE_DELAYS_MS.length - 1)] as number;
    if (i > 0 && ctx.now() + delay > until) {
      if (last) return { view: last, ids: ids ?? [], settled: false };
      throw new SimTimeoutError(
        `Sim did not show the record of run ${ref.executionId} (workflow ${ref.workflowId}) within ${RECORD_SETTLE_MS} ms after the run answered. ` +
          'The run itself has ended; read it later with getRun, or check the logs.',
        { executionId: ref.executionId, ...(ref.jobId ? { jobId: ref.jobId } : {}), timeoutMs: RECORD_SETTLE_MS },
      );
    }
    await abortableSleep(ctx, delay, options.signal);
    try {
      ids ??= options.selection ? await options.selection.ids(ref.executionId, options.signal) : [];
      const view = await protocol.readRun(ref, {
        includeOutput: true,
        ...(ids.length ? { selectedOutputs: ids } : {}),
        maxRetries: 0,
        startedAt: options.startedAt,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      last = view;
      if (FINAL_STATUSES.has(view.status) || view.status === 'paused') return { view, ids, settled: true };
    } catch (err) {
      if (err instanceof SimAbortError) throw err;
      // not written yet (404), or a passing fault: read again
      if (!(err instanceof SimNotFoundError) && !isTransientReadError(err)) throw err;
      ctx.logger?.debug('sim run record not readable yet, reading again', {
        executionId: ref.executionId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
