// Create "Resume Workflow Run" (resume_run): answers a Sim run that waits for a person (a Human in the loop
// block) and continues it. The result is read through the run's ORIGINAL execution id
// (packages/emulator/recordings/sim-server-facts.md §G.9).
import { SimTimeoutError, type ResumeReceipt } from '@sim-integrations/core';
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient } from '../client.js';
import { waitSecondsFor } from '../deadline.js';
import { withZapierErrors } from '../errors.js';
import { InputValueError, isUnresolvedTemplate, parseInputJson } from '../inputs.js';
import { followHint } from '../runs.js';
import { pausedFields, type ExecuteResult } from './executeWorkflow.js';

function required(bundle: Bundle, key: string, label: string): string {
  const value = String(bundle.inputData[key] ?? '').trim();
  if (value === '' || isUnresolvedTemplate(value))
    throw new InputValueError(key, `"${label}" is required (it is empty or its mapped value could not be resolved).`);
  return value;
}

/** How the run was first started, which is how Sim answered the resume (the receipt's `origin`). */
export type ResumeMode = ResumeReceipt['origin'];

export type ResumeResult = Omit<ExecuteResult, 'mode'> & { id: string; mode?: ResumeMode };

export async function resumeRun(z: ZObject, bundle: Bundle): Promise<ResumeResult> {
  const startedAt = Date.now();
  return withZapierErrors(z, bundle, async () => {
    const workflowId = required(bundle, 'workflowId', 'Workflow');
    const executionId = required(bundle, 'executionId', 'Execution ID');
    const contextId = required(bundle, 'contextId', 'Context ID');
    const input = parseInputJson(bundle.inputData['inputJson']);
    const waitSeconds = waitSecondsFor(bundle.inputData['waitSeconds']);
    const client = createClient(z, bundle);
    const base = { id: executionId, executionId, workflowId, contextId };
    const accepted = `Sim accepted the resume. ${followHint(executionId, workflowId)}`;
    if (waitSeconds === 0) {
      const receipt = await client.resumeRun(workflowId, executionId, { contextId, input, wait: false });
      return { ...base, mode: receipt.origin, status: 'processing', output: null, error: null, message: accepted };
    }
    let mode: ResumeMode | undefined;
    try {
      const r = await client.resumeRun(workflowId, executionId, {
        contextId,
        input,
        timeoutMs: Math.max(1, waitSeconds * 1000 - (Date.now() - startedAt)),
        onResumed: (receipt) => (mode = receipt.origin),
      });
      return {
        ...base,
        ...(mode ? { mode } : {}),
        status: r.status,
        output: r.output ?? null,
        error: r.error ?? null,
        durationMs: r.durationMs,
        ...(r.response ? { response: r.response } : {}),
        ...(r.status === 'paused' ? pausedFields(r, workflowId) : { contextId: undefined }),
      };
    } catch (err) {
      // the resume was accepted, the rest of the run outlasts the step: it goes on in Sim
      if (err instanceof SimTimeoutError) {
        return {
          ...base,
          ...(mode ? { mode } : {}),
          status: 'processing',
          output: null,
          error: null,
          message: `The resumed run was still going after ${waitSeconds} s (Zapier steps are limited to 30 s); it goes on in Sim. ${followHint(executionId, workflowId)}`,
        };
      }
      throw err;
    }
  });
}

export const resumeSample = {
  id: '8b3c9708-775f-4e1a-8975-616cf105156b',
  executionId: '8b3c9708-775f-4e1a-8975-616cf105156b',
  workflowId: 'wf-hitl',
  mode: 'async',
  status: 'completed',
  output: { result: { prep: { greeting: 'hi Ada' }, submission: { approved: true, comment: 'ok' } }, stdout: '' },
  error: null,
  durationMs: 5230,
};

export const resumeRunCreate = defineCreate({
  key: 'resume_run',
  noun: 'Workflow Run',
  display: {
    label: 'Resume Workflow Run',
    description: 'Answers a Sim workflow run that waits for a person (Human in the loop) and continues it.',
  },
  operation: {
    inputFields: [
      {
        key: 'workflowId',
        label: 'Workflow',
        required: true,
        dynamic: 'workflow_list.id.name',
        helpText: 'The workflow the paused run belongs to.',
      },
      {
        key: 'executionId',
        label: 'Execution ID',
        required: true,
        type: 'string',
        helpText: 'The execution ID of the paused run (from "Run Workflow", "Get Job Status" or the trigger).',
      },
      {
        key: 'contextId',
        label: 'Context ID',
        required: true,
        type: 'string',
        helpText: 'The "Context ID" of the paused run: the pause point to answer.',
      },
      {
        key: 'inputJson',
        label: 'Answer (JSON)',
        type: 'text',
        required: false,
        helpText:
          'What the person submits, as a JSON object of the Human block\'s fields, e.g. {"approved": true, "comment": "ok"}.',
      },
      {
        key: 'waitSeconds',
        label: 'Wait (seconds)',
        type: 'integer',
        required: false,
        default: '25',
        helpText:
          'How long the step waits for the resumed run, 0 to 25 (Zapier stops steps after 30 s). 0 returns as soon as Sim accepted the resume.',
      },
    ],
    perform: resumeRun as never,
    sample: resumeSample,
    outputFields: [
      { key: 'executionId', label: 'Execution ID', type: 'string' },
      { key: 'status', label: 'Status (completed, failed, cancelled, processing, paused)', type: 'string' },
      { key: 'mode', label: 'Mode (how the run was first started: async, sync or stream)', type: 'string' },
      { key: 'output', label: 'Workflow Output' },
      { key: 'error', label: 'Error', type: 'string' },
      { key: 'contextId', label: 'Context ID (if it paused again)', type: 'string' },
      { key: 'message', label: 'Message', type: 'string' },
    ],
  },
});
