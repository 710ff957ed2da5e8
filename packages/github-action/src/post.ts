// The post step (`post-if: always()`): if main saved an execution id but neither saw the run end
// nor cancelled it (main was killed, or its cancel failed), cancel the run now. Never fails the job.
import * as core from '@actions/core';
import { createClient } from './client.js';
import { parseBaseUrl, DEFAULTS } from './inputs.js';
import { readState } from './state.js';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function runPost(): Promise<void> {
  try {
    const apiKey = core.getInput('api-key');
    if (apiKey) core.setSecret(apiKey);
    const state = readState();
    if (!state.executionId) {
      core.debug('Post: no execution id was saved; nothing to clean up.');
      return;
    }
    if (state.finished || state.cancelled) {
      core.debug(
        `Post: execution ${state.executionId} is ${state.cancelled ? 'already cancelled' : 'finished'}; nothing to clean up.`,
      );
      return;
    }
    const workflowId = core.getInput('workflow-id');
    if (!apiKey || !workflowId) {
      core.warning(
        `Post: execution ${state.executionId} may still be running, but api-key or workflow-id is missing, so it cannot be cancelled.`,
      );
      return;
    }
    const baseUrl = parseBaseUrl(core.getInput('base-url') || DEFAULTS['base-url']);
    core.info(`Post: main did not finish execution ${state.executionId}; cancelling it…`);
    const client = createClient({ apiKey, baseUrl, timeoutMs: 10_000, maxRetries: 2 });
    const res = await client.cancelExecution(workflowId, state.executionId);
    if (res.success !== true) {
      core.warning(
        `Post: Sim did not confirm the cancel of execution ${state.executionId} (reason: ${res.reason ?? 'none given'}).`,
      );
    } else {
      core.info(`Post: execution ${state.executionId} cancelled${res.reason ? ` (${res.reason})` : ''}.`);
    }
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status === 404) core.info(`Post: the run is unknown to Sim or already over; nothing to cancel.`);
    else core.warning(`Post: could not cancel the Sim run: ${message(err)}`);
  }
}
