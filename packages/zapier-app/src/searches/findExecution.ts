// Search "Find Workflow Run" (find_execution): the log entry of one execution (with its final output)
// plus Sim's execution details. [] when Sim knows no such execution (yet: a log entry appears when
// the run ends).
import { SimNotFoundError } from '@sim-integrations/core';
import { defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient, workspaceIdOf } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { InputValueError, isUnresolvedTemplate } from '../inputs.js';

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof SimNotFoundError) return null;
    throw err;
  }
}

export async function findExecution(z: ZObject, bundle: Bundle): Promise<Array<Record<string, unknown>>> {
  return withZapierErrors(z, bundle, async () => {
    const executionId = String(bundle.inputData['executionId'] ?? '').trim();
    if (executionId === '' || isUnresolvedTemplate(executionId)) {
      throw new InputValueError(
        'executionId',
        '"Execution ID" is required (it is empty or its mapped value could not be resolved).',
      );
    }
    const client = createClient(z, bundle);
    const [logs, details] = await Promise.all([
      client.queryLogs({
        workspaceId: workspaceIdOf(z, bundle),
        executionId,
        details: 'full',
        includeFinalOutput: true,
        limit: 1,
      }),
      orNull(client.getExecutionDetails(executionId)),
    ]);
    const log = (logs.data ?? []).find((entry) => (entry as { executionId?: string }).executionId === executionId) as
      | Record<string, unknown>
      | undefined;
    if (!log && !details) return [];
    // The workflow's full block graph (workflowState) is left out: it is large and not run data.
    const { workflowState: _state, limits: _limits, ...executionDetails } = (details ?? {}) as Record<string, unknown>;
    return [
      {
        ...(log ?? {}),
        id: String(log?.['id'] ?? executionId),
        executionId,
        workflowId: String(log?.['workflowId'] ?? executionDetails['workflowId'] ?? ''),
        executionDetails: details ? executionDetails : null,
      },
    ];
  });
}

export const findExecutionSample = {
  id: 'e862b2ab-a7d1-487d-a867-caeac600b320',
  executionId: '7941d798-f6ea-4c88-9c09-97754ccce186',
  workflowId: 'wf-echo',
  level: 'info',
  trigger: 'api',
  startedAt: '2026-11-28T18:44:53.759Z',
  endedAt: '2026-11-28T18:44:53.890Z',
  totalDurationMs: 106,
  cost: { total: 0.005 },
  workflow: { id: 'wf-echo', name: 'Echo', description: '', deleted: false },
  finalOutput: { result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' },
  executionDetails: {
    executionId: '7941d798-f6ea-4c88-9c09-97754ccce186',
    workflowId: 'wf-echo',
    executionMetadata: {
      trigger: 'api',
      startedAt: '2026-11-28T18:44:53.759Z',
      endedAt: '2026-11-28T18:44:53.890Z',
      totalDurationMs: 106,
      cost: { total: 0.005 },
    },
  },
};

export const logOutputFields = [
  { key: 'id', label: 'Log ID', type: 'string' as const },
  { key: 'executionId', label: 'Execution ID', type: 'string' as const },
  { key: 'workflowId', label: 'Workflow ID', type: 'string' as const },
  { key: 'workflow__name', label: 'Workflow Name', type: 'string' as const },
  { key: 'level', label: 'Level (info or error)', type: 'string' as const },
  { key: 'trigger', label: 'Trigger (api, webhook, schedule, manual, chat…)', type: 'string' as const },
  { key: 'startedAt', label: 'Started At', type: 'datetime' as const },
  { key: 'endedAt', label: 'Ended At', type: 'datetime' as const },
  { key: 'totalDurationMs', label: 'Duration (ms)', type: 'number' as const },
  { key: 'cost__total', label: 'Cost', type: 'number' as const },
  { key: 'finalOutput', label: 'Final Output' },
];

export const findExecutionSearch = defineSearch({
  key: 'find_execution',
  noun: 'Workflow Run',
  display: {
    label: 'Find Workflow Run',
    description:
      'Finds a workflow run by its execution ID: its log entry (level, duration, cost, final output) and execution details.',
  },
  operation: {
    inputFields: [
      {
        key: 'executionId',
        label: 'Execution ID',
        required: true,
        type: 'string',
        helpText: 'The execution ID, e.g. from "Run Workflow".',
      },
    ],
    perform: findExecution as never,
    sample: findExecutionSample,
    outputFields: logOutputFields,
  },
});
