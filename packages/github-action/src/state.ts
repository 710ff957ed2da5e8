// What main hands to the post step through `core.saveState` (the runner passes it back as
// `STATE_<name>` variables). Never holds the API key: post reads the key from its inputs again.
import * as core from '@actions/core';

export const STATE = {
  executionId: 'execution-id',
  jobId: 'job-id',
  /** 'true' once main saw the run end (completed, failed, cancelled, or left queued on purpose). */
  finished: 'finished',
  /** 'true' once main cancelled the run (timeout or signal). */
  cancelled: 'cancelled',
} as const;

export interface SavedState {
  executionId: string;
  jobId: string;
  finished: boolean;
  cancelled: boolean;
}

export function saveRunIds(ids: { executionId?: string | undefined; jobId?: string | undefined }): void {
  if (ids.executionId) core.saveState(STATE.executionId, ids.executionId);
  if (ids.jobId) core.saveState(STATE.jobId, ids.jobId);
}

export function saveFinished(): void {
  core.saveState(STATE.finished, 'true');
}

export function saveCancelled(): void {
  core.saveState(STATE.cancelled, 'true');
}

export function readState(): SavedState {
  return {
    executionId: core.getState(STATE.executionId),
    jobId: core.getState(STATE.jobId),
    finished: core.getState(STATE.finished) === 'true',
    cancelled: core.getState(STATE.cancelled) === 'true',
  };
}
