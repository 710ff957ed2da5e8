// Whether a failed call may have left a run going on the server: what a platform needs to decide whether to cancel it
// later (the GitHub Action's post step does, after a job is cancelled or killed).
import {
  SimAbortError,
  SimApiError,
  SimConnectionError,
  SimError,
  SimRateLimitError,
  SimStreamError,
  SimTimeoutError,
  SimWorkflowError,
} from './errors.js';

/**
 * True when the error came after a run may have started and nothing says it ended or was cancelled: a 5xx or a broken
 * connection after the request may have reached the server, a deadline or an abort whose cancel was not confirmed, a
 * stream cut off. False when no run can be going on: the request was refused (4xx, a 429), never reached the server,
 * failed validation before any request, the run itself failed, or the cancel was confirmed.
 */
export function mayHaveLeftRun(err: unknown): boolean {
  if (!(err instanceof SimError)) return true;
  if (err instanceof SimWorkflowError || err instanceof SimRateLimitError) return false;
  if (err instanceof SimApiError) return err.status >= 500;
  if (err instanceof SimConnectionError) return err.mayHaveReachedServer;
  if (err instanceof SimTimeoutError || err instanceof SimAbortError)
    return err.executionId !== undefined && !err.cancelled;
  if (err instanceof SimStreamError) return err.kind !== 'workflow';
  return false;
}
