// The one cancel path: when the caller aborts or the run's deadline passes, the run on the server is cancelled (within
// `cancelTimeoutMs`, retries included, so a platform with a hard step budget stays inside it) before the error reaches
// the caller, and the error says which run it was and whether the server confirmed the cancel.
import type { Core } from '../core.js';
import { SimAbortError, SimTimeoutError } from '../errors.js';
import type { RunProtocol, RunRef } from '../protocol/protocol.js';

/** The run being followed: known by the id of the latest execute attempt, then by what the server answered. */
export class RunHandle {
  readonly workflowId: string;
  executionId: string | undefined;
  jobId: string | undefined;
  constructor(workflowId: string, executionId?: string) {
    this.workflowId = workflowId;
    this.executionId = executionId;
  }
  set(ref: Partial<RunRef>): void {
    if (ref.executionId) this.executionId = ref.executionId;
    if (ref.jobId) this.jobId = ref.jobId;
  }
  get ref(): RunRef | undefined {
    return this.executionId
      ? { workflowId: this.workflowId, executionId: this.executionId, ...(this.jobId ? { jobId: this.jobId } : {}) }
      : undefined;
  }
}

export interface StopPolicy {
  /** Cancel the run when the caller's signal aborts. */
  cancelOnAbort: boolean;
  /** Cancel the run when its deadline passes. */
  cancelOnTimeout: boolean;
  /** Bound of that cancel in ms (default CANCEL_TIMEOUT_MS). */
  cancelTimeoutMs?: number | undefined;
  /** The run's deadline length, for messages. */
  timeoutMs: number;
}

/**
 * Runs `work` (starting and following one run). An abort or a timeout cancels the run per `policy` and rejects with a
 * SimAbortError / SimTimeoutError that names the run and says whether it was cancelled.
 */
export async function cancellingOnStop<T>(
  core: Core,
  protocol: RunProtocol,
  run: RunHandle,
  policy: StopPolicy,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof SimAbortError) && !(err instanceof SimTimeoutError)) throw err;
    return stopRun(core, protocol, run, policy, err);
  }
}

/** The run was aborted or ran past its deadline: cancel it per `policy`, then reject with an error that names it. */
export async function stopRun(
  core: Core,
  protocol: RunProtocol,
  run: RunHandle,
  policy: StopPolicy,
  err: SimAbortError | SimTimeoutError,
): Promise<never> {
  const ref = run.ref;
  if (!ref) throw err;
  const aborted = err instanceof SimAbortError;
  const cancel = aborted ? policy.cancelOnAbort : policy.cancelOnTimeout;
  const cancelled = cancel ? await core.cancelQuietly(protocol, ref, policy.cancelTimeoutMs) : false;
  const ids = { executionId: ref.executionId, ...(ref.jobId ? { jobId: ref.jobId } : {}), cancelled, cause: err };
  const name = `The run ${ref.executionId} of workflow ${ref.workflowId}`;
  if (aborted) throw new SimAbortError(`${name} was aborted${cancelled ? ' and cancelled on the server' : ''}.`, ids);
  const lastStatus = err.lastStatus;
  const note = cancelled
    ? ' It was cancelled on the server.'
    : cancel
      ? ' Cancelling it on the server failed: it may still be running.'
      : ' It may still be running: wait longer, check the logs, or cancel it.';
  throw new SimTimeoutError(
    `${name} did not finish within ${policy.timeoutMs} ms (last status: ${lastStatus ?? 'none seen'}).${note}`,
    {
      ...ids,
      timeoutMs: policy.timeoutMs,
      ...(lastStatus ? { lastStatus } : {}),
    },
  );
}
