// Polling trigger "Workflow Run Finished" (new_execution_log): the workspace's newest execution logs,
// newest first, each with its final output; Zapier deduplicates on the log `id`.
import { SimNotFoundError, SimNotSupportedError, type LogEntry, type SimClient } from '@sim-integrations/core';
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

/** With "Also Runs Paused for a Person" and no workflow chosen: at most this many workflows are asked for paused runs. */
export const PAUSED_WORKFLOW_LIMIT = 25;

function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return ['true', 'yes', '1', 'on'].includes(
    String(value ?? '')
      .trim()
      .toLowerCase(),
  );
}

/**
 * Runs that wait for a person (`GET /api/workflows/{id}/paused`), one item per pause point, with an id of their own
 * (`paused:<executionId>:<contextId>`) so Zapier fires once per pause. Servers without paused runs (March 2026) give none.
 */
async function pausedRunItems(
  client: SimClient,
  workspaceId: string,
  workflowIds: string[],
): Promise<Array<Record<string, unknown>>> {
  let ids = workflowIds;
  if (ids.length === 0) {
    ids = [];
    for await (const wf of client.iterateWorkflows({ workspaceId, deployedOnly: true })) {
      ids.push(String((wf as { id: unknown }).id));
      if (ids.length >= PAUSED_WORKFLOW_LIMIT) break;
    }
  }
  const items: Array<Record<string, unknown>> = [];
  for (const workflowId of ids) {
    let runs;
    try {
      runs = await client.listPausedRuns(workflowId);
    } catch (err) {
      // a server without paused runs (March 2026) has none to report; an unknown workflow has none either
      if (err instanceof SimNotSupportedError) return [];
      if (err instanceof SimNotFoundError) continue;
      throw err;
    }
    for (const run of runs) {
      if (run.pauseKind === 'time') continue; // it resumes by itself: nobody needs to act
      items.push({
        id: `paused:${run.executionId}:${run.contextId}`,
        status: 'paused',
        workflowId: run.workflowId,
        executionId: run.executionId,
        contextId: run.contextId,
        pauseKind: run.pauseKind,
        pausedAt: run.pausedAt,
        startedAt: run.pausedAt,
        finalOutput: run.response,
      });
    }
  }
  return items.sort((a, b) => String(b['pausedAt'] ?? '').localeCompare(String(a['pausedAt'] ?? '')));
}

async function withoutRejectedAttempts(client: SimClient, logs: LogEntry[]): Promise<LogEntry[]> {
  const rejected = await Promise.all(logs.map((log) => client.isRejectedAttempt(log)));
  return logs.filter((_log, i) => !rejected[i]);
}

export async function pollExecutionLogs(z: ZObject, bundle: Bundle): Promise<Array<Record<string, unknown>>> {
  return withZapierErrors(z, bundle, async () => {
    const workflowIds = listValue(bundle.inputData['workflowIds']);
    const triggers = listValue(bundle.inputData['triggers']);
    const level = String(bundle.inputData['level'] ?? '').trim();
    const limit = bundle.meta?.isLoadingSample ? SAMPLE_LIMIT : POLL_LIMIT;
    const client = createClient(z, bundle);
    const workspaceId = workspaceIdOf(z, bundle);
    const res = await client.queryLogs({
      workspaceId,
      ...(workflowIds.length ? { workflowIds: workflowIds.join(',') } : {}),
      ...(triggers.length ? { triggers: triggers.join(',') } : {}),
      ...(level === 'info' || level === 'error' ? { level } : {}),
      details: 'full',
      includeFinalOutput: true,
      order: 'desc',
      limit,
    });
    // A rate-limited execute attempt leaves a failed 1 ms entry although the run happened under a new id: the core
    // tells them apart (free here: the entries carry their final output).
    const runs = await withoutRejectedAttempts(client, res.data ?? []);
    const logs = runs
      .slice(0, limit)
      .map((log) => ({ ...(log as Record<string, unknown>), id: String((log as { id: unknown }).id) }));
    if (!truthy(bundle.inputData['includePaused']) || level === 'error') return logs;
    const paused = (await pausedRunItems(client, workspaceId, workflowIds)).slice(0, limit);
    return [...paused, ...logs];
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
      {
        key: 'includePaused',
        label: 'Also Runs Paused for a Person',
        type: 'boolean',
        required: false,
        default: 'false',
        helpText:
          'Also trigger, once, when a run pauses at a Human in the loop block (status "paused", with its Execution ID and Context ID), so the Zap can ask someone and answer with "Resume Workflow Run". Choose the workflows above (without a choice, the first 25 deployed workflows are checked). Needs a Sim server from May 2026 or later.',
      },
    ] as never,
    perform: pollExecutionLogs as never,
    sample: findExecutionSample,
    outputFields: logOutputFields,
  },
});
