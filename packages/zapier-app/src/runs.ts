// How a Sim run reads in a Zap, whichever step reports it ("Run Workflow", "Get Job Status", "Resume Workflow Run") and
// whichever Sim server ran it (v1, v2, the March 2026 server): one status vocabulary, and the flat fields a paused
// run needs for "Resume Workflow Run". The run itself (states, pauses) comes from the core; this only translates.
import type { RunPause } from '@sim-integrations/core';

/** A run's status as Zaps see it: `queued` until it starts, `processing` while it goes on, then how it ended (or `paused`). */
export type ZapierRunStatus = 'queued' | 'processing' | 'paused' | 'completed' | 'failed' | 'cancelled';

/** The core's run state (one vocabulary on every server) in the Zap's words. Unknown means not seen running yet. */
export function zapierStatus(state: string | undefined): ZapierRunStatus {
  switch (state) {
    case 'completed':
    case 'failed':
    case 'cancelled':
    case 'paused':
      return state;
    case undefined:
    case 'queued':
    case 'pending':
      return 'queued';
    default:
      // running, redacting (the run has ended, Sim is still writing it up): not finished yet
      return 'processing';
  }
}

/** The resume details of a paused run, flat (Zapier maps flat fields best); nothing for a run that is not paused. */
export function pauseFields(paused: RunPause | undefined): {
  contextId?: string;
  pauseKind?: RunPause['pauseKind'];
  resumeAt?: string | null;
} {
  return paused ? { contextId: paused.contextId, pauseKind: paused.pauseKind, resumeAt: paused.resumeAt } : {};
}

/**
 * What to tell a Zap about following a run that is still going: by its execution id (which every current Sim server,
 * v1 or v2, knows a run by), or by its job id where it has one (the only way on the March 2026 server).
 */
export function followHint(executionId: string, workflowId: string, jobId?: string): string {
  const byJob = jobId ? ` (or the job ID ${jobId})` : '';
  return `Use "Get Job Status" with the execution ID ${executionId || '(see executionId)'} and the workflow ${workflowId}${byJob}, or the "Workflow Run Finished" trigger, to get its result.`;
}
