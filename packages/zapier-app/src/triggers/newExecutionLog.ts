// Polling trigger "Workflow Run Finished" (new_execution_log): the workspace's newest execution logs,
// newest first, each with its final output; Zapier deduplicates on the log `id`.
import { isRejectedAttemptLog } from '@sim-integrations/core';
import { defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient, workspaceIdOf } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { isUnresolvedTemplate } from '../inputs.js';
import { findExecutionSample, logOutputFields } from '../searches/findExecution.js';

/** Logs fetched per poll. Zapier keeps the ids it has seen, so one page of the newest is enough. */
export const POLL_LIMIT = 50;
/** Items when the user loads samples in the Zap editor. */
export const SAMPLE_LIMIT = 3;

export const TRIGGER_CHOICES = ['api', 'webhook', 'schedule', 'manual', 'chat'];

function listValue(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.map((v) => String(v).trim()).filter((v) => v !== '' && !isUnresolvedTemplate(v));
}

export async function pollExecutionLogs(z: ZObject, bundle: Bundle): Promise<Array<Record<string, unknown>>> {
  return withZapierErrors(z, bundle, async () => {
    const workflowIds = listValue(bundle.inputData['workflowIds']);
    const triggers = listValue(bundle.inputData['triggers']);
    const level = String(bundle.inputData['level'] ?? '').trim();
    const limit = bundle.meta?.isLoadingSample ? SAMPLE_LIMIT : POLL_LIMIT;
    const res = await createClient(z, bundle).queryLogs({
      workspaceId: workspaceIdOf(z, bundle),
      ...(workflowIds.length ? { workflowIds: workflowIds.join(',') } : {}),
      ...(triggers.length ? { triggers: triggers.join(',') } : {}),
      ...(level === 'info' || level === 'error' ? { level } : {}),
      details: 'full',
      includeFinalOutput: true,
      order: 'desc',
      limit,
    });
    // A rate-limited execute attempt leaves a failed 1 ms entry although the run happened under a new id: skip it.
    return (res.data ?? []).filter((log) => !isRejectedAttemptLog(log)).slice(0, limit).map((log) => ({ ...(log as Record<string, unknown>), id: String((log as { id: unknown }).id) }));
  });
}

export const newExecutionLog = defineTrigger({
  key: 'new_execution_log',
  noun: 'Workflow Run',
  display: {
    label: 'Workflow Run Finished',
    description: 'Triggers when a workflow run in the workspace finishes (successfully or not), with its final output.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'workflowIds',
        label: 'Workflows',
        required: false,
        list: true,
        dynamic: 'workflow_list.id.name',
        helpText: 'Only runs of these workflows. Leave empty for every workflow of the workspace.',
      },
      {
        key: 'level',
        label: 'Level',
        required: false,
        choices: [
          { value: 'info', label: 'Succeeded (info)', sample: 'info' },
          { value: 'error', label: 'Failed (error)', sample: 'error' },
        ],
        helpText: 'Only successful (info) or only failed (error) runs. Leave empty for both.',
      },
      {
        key: 'triggers',
        label: 'Started By',
        required: false,
        list: true,
        choices: TRIGGER_CHOICES.map((t) => ({ value: t, label: t, sample: t })),
        helpText: 'Only runs started this way (api, webhook, schedule, manual, chat). Leave empty for all.',
      },
    ] as never,
    perform: pollExecutionLogs as never,
    sample: findExecutionSample,
    outputFields: logOutputFields,
  },
});
