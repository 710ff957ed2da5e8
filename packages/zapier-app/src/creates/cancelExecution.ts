// Create "Cancel Workflow Run" (cancel_execution): asks Sim to stop a running execution.
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { InputValueError, isUnresolvedTemplate } from '../inputs.js';

function required(bundle: Bundle, key: string, label: string): string {
  const value = String(bundle.inputData[key] ?? '').trim();
  if (value === '' || isUnresolvedTemplate(value))
    throw new InputValueError(key, `"${label}" is required (it is empty or its mapped value could not be resolved).`);
  return value;
}

export async function cancelExecution(z: ZObject, bundle: Bundle): Promise<Record<string, unknown>> {
  return withZapierErrors(z, bundle, async () => {
    const workflowId = required(bundle, 'workflowId', 'Workflow');
    const executionId = required(bundle, 'executionId', 'Execution ID');
    const res = (await createClient(z, bundle).cancelExecution(workflowId, executionId)) as Record<string, unknown>;
    // Sim answers 200 with success:false when it could not record the cancel (e.g. `redis_unavailable`):
    // that is a result for the Zap to look at, not a failure of the step.
    return {
      ...res,
      id: executionId,
      executionId: String(res['executionId'] ?? executionId),
      workflowId,
      success: res['success'] === true,
    };
  });
}

export const cancelSample = {
  id: '8b3c9708-775f-4e1a-8975-616cf105156b',
  success: true,
  executionId: '8b3c9708-775f-4e1a-8975-616cf105156b',
  workflowId: 'wf-slow',
  redisAvailable: true,
  durablyRecorded: true,
  locallyAborted: false,
  reason: 'recorded',
};

export const cancelExecutionCreate = defineCreate({
  key: 'cancel_execution',
  noun: 'Workflow Run',
  display: {
    label: 'Cancel Workflow Run',
    description: 'Cancels a running Sim workflow execution (for example one started by "Run Workflow" in async mode).',
  },
  operation: {
    inputFields: [
      {
        key: 'workflowId',
        label: 'Workflow',
        required: true,
        dynamic: 'workflow_list.id.name',
        helpText: 'The workflow the run belongs to.',
      },
      {
        key: 'executionId',
        label: 'Execution ID',
        required: true,
        type: 'string',
        helpText: 'The execution ID returned by "Run Workflow" (or found in the logs).',
      },
    ],
    perform: cancelExecution as never,
    sample: cancelSample,
    outputFields: [
      { key: 'success', label: 'Cancel Recorded', type: 'boolean' },
      { key: 'executionId', label: 'Execution ID', type: 'string' },
      { key: 'workflowId', label: 'Workflow ID', type: 'string' },
      {
        key: 'reason',
        label: 'Reason (recorded, queue_cancelled, already_cancelled, redis_unavailable…)',
        type: 'string',
      },
      { key: 'redisAvailable', label: 'Redis Available', type: 'boolean' },
      { key: 'durablyRecorded', label: 'Durably Recorded', type: 'boolean' },
    ],
  },
});
