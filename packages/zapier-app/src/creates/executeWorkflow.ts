// Create "Run Workflow" (execute_workflow): runs a deployed Sim workflow with the input entered in the
// Zap, and returns within Zapier's 30 s step limit.
//   async (default): queue the run, wait for it until the deadline (`waitSeconds`, ≤ 25 s); when it is
//     still running, return its executionId (and jobId, where the server has one) with status "queued" or
//     "processing", on v1 and v2 servers alike, so a later step ("Get Job Status", by execution ID) or the
//     "Workflow Run Finished" trigger picks up the result.
//   sync: run it in the request; a run still going at the deadline is cut (cancelled, within what is left
//     of the step) with a message.
import { SimTimeoutError } from '@sim-integrations/core';
import type { QueuedRun, RunResult, SimClient } from '@sim-integrations/core';
import { defineCreate } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient } from '../client.js';
import { cancelBudgetMs, waitSecondsFor } from '../deadline.js';
import { scrubKey, withZapierErrors } from '../errors.js';
import {
  InputValueError,
  buildWorkflowInput,
  hasTypedValues,
  isUnresolvedTemplate,
  zapierFieldFor,
} from '../inputs.js';
import type { WorkflowInputField } from '../inputs.js';
import { followHint, pauseFields, zapierStatus, type ZapierRunStatus } from '../runs.js';

export type ExecuteStatus = ZapierRunStatus;

export interface ExecuteResult {
  executionId: string;
  jobId?: string;
  status: ExecuteStatus;
  output: unknown;
  error: string | null;
  workflowId: string;
  mode: 'sync' | 'async';
  durationMs?: number;
  /** Response-block workflows: the HTTP status and headers of their answer. */
  response?: { status: number; headers: Record<string, string> };
  /** For runs still going at the deadline, or paused: what to do next. */
  message?: string;
  /** A paused run (status "paused"): what "Resume Workflow Run" needs, with `executionId` and `workflowId`. */
  contextId?: string;
  /** `human` (someone must answer: resume it) or `time` (it resumes by itself at `resumeAt`). */
  pauseKind?: string | null;
  resumeAt?: string | null;
}

/** The resume details of a paused RunResult, flat (Zapier maps flat fields best). */
export function pausedFields(
  r: RunResult,
  workflowId: string,
): Pick<ExecuteResult, 'contextId' | 'pauseKind' | 'resumeAt' | 'message'> {
  if (r.status !== 'paused' || !r.paused) return {};
  return {
    ...pauseFields(r.paused),
    message:
      r.paused.pauseKind === 'time'
        ? `The run is paused until ${r.paused.resumeAt ?? 'its resume time'}; it resumes by itself. ${followHint(r.executionId, workflowId, r.jobId)}`
        : `The run is waiting for a person. Resume it with "Resume Workflow Run" (workflow ${workflowId}, execution ID ${r.executionId}, context ID ${r.paused.contextId}).`,
  };
}

function workflowIdOf(bundle: Bundle): string {
  const id = String(bundle.inputData['workflowId'] ?? '').trim();
  if (id === '' || isUnresolvedTemplate(id)) {
    throw new InputValueError(
      'workflowId',
      'Choose the workflow to run ("Workflow" is empty or its mapped value could not be resolved).',
    );
  }
  return id;
}

function modeOf(bundle: Bundle): 'sync' | 'async' {
  const mode = String(bundle.inputData['mode'] ?? '').trim() || 'async';
  if (mode !== 'sync' && mode !== 'async')
    throw new InputValueError('mode', `"Mode" must be "async" or "sync", got "${mode.slice(0, 40)}".`);
  return mode;
}

function failOnErrorOf(bundle: Bundle): boolean {
  const v = bundle.inputData['failOnError'];
  if (v === undefined || v === null || v === '') return true;
  if (typeof v === 'boolean') return v;
  return !['false', 'no', '0', 'off'].includes(String(v).trim().toLowerCase());
}

/** Dynamic input fields: one per input of the chosen workflow (from the core, both `inputs` shapes). */
export async function workflowInputFields(z: ZObject, bundle: Bundle): Promise<Array<Record<string, unknown>>> {
  const id = String(bundle.inputData['workflowId'] ?? '').trim();
  if (id === '' || isUnresolvedTemplate(id)) return [];
  return withZapierErrors(z, bundle, async () => {
    const fields = await createClient(z, bundle).getWorkflowInputFields(id);
    return fields.map(zapierFieldFor);
  });
}

async function workflowInput(client: SimClient, workflowId: string, bundle: Bundle): Promise<Record<string, unknown>> {
  const inputData = bundle.inputData as Record<string, unknown>;
  // The field types are only needed when typed fields were filled in.
  const fields: WorkflowInputField[] = hasTypedValues(inputData) ? await client.getWorkflowInputFields(workflowId) : [];
  return buildWorkflowInput(inputData, fields);
}

function finished(r: RunResult, workflowId: string, mode: 'sync' | 'async'): ExecuteResult {
  return {
    executionId: r.executionId,
    ...(r.jobId ? { jobId: r.jobId } : {}),
    status: r.status,
    output: r.output ?? null,
    error: r.error ?? null,
    workflowId,
    mode,
    durationMs: r.durationMs,
    ...(r.response ? { response: r.response } : {}),
    ...pausedFields(r, workflowId),
  };
}

/** A run still going when the step stops waiting (or not waiting at all): its ids, so a later step can follow it. */
function stillRunning(
  workflowId: string,
  run: { executionId: string; jobId?: string | undefined; lastStatus?: string | undefined },
  waitedSeconds: number,
): ExecuteResult {
  const status = zapierStatus(run.lastStatus);
  return {
    executionId: run.executionId,
    ...(run.jobId ? { jobId: run.jobId } : {}),
    status,
    output: null,
    error: null,
    workflowId,
    mode: 'async',
    message:
      waitedSeconds > 0
        ? `The run was still ${status} after ${waitedSeconds} s (Zapier steps are limited to 30 s). ${followHint(run.executionId, workflowId, run.jobId)}`
        : `The run was queued. ${followHint(run.executionId, workflowId, run.jobId)}`,
  };
}

/** What is left of the wait, counted from the start of the step (the input lookup takes its share). */
function remainingMs(startedAt: number, waitSeconds: number): number {
  return Math.max(1, waitSeconds * 1000 - (Date.now() - startedAt));
}

/** A run queued without waiting (`waitSeconds: 0`). On the rare server that ran it at once, its end is read like any run's. */
function queuedResult(workflowId: string, run: QueuedRun): ExecuteResult {
  if (run.status === 'queued')
    return stillRunning(workflowId, { executionId: run.executionId, jobId: run.jobId, lastStatus: 'queued' }, 0);
  return {
    executionId: run.executionId,
    ...(run.jobId ? { jobId: run.jobId } : {}),
    status: run.status,
    output: null,
    error: null,
    workflowId,
    mode: 'async',
    message: `The run already ended (${run.status}). ${followHint(run.executionId, workflowId, run.jobId)}`,
  };
}

async function runAsync(
  client: SimClient,
  workflowId: string,
  input: Record<string, unknown>,
  waitSeconds: number,
  startedAt: number,
): Promise<ExecuteResult> {
  if (waitSeconds === 0) return queuedResult(workflowId, await client.startWorkflow(workflowId, { input }));
  let queued: { jobId?: string; executionId: string } | undefined;
  try {
    const result = await client.runWorkflow(workflowId, {
      input,
      timeoutMs: remainingMs(startedAt, waitSeconds),
      cancelOnTimeout: false,
      onQueued: (info) => {
        queued = info;
      },
    });
    return finished(result, workflowId, 'async');
  } catch (err) {
    // still running at the deadline: followed by its execution id (every server has one; v2 has no job id)
    const executionId = err instanceof SimTimeoutError ? (err.executionId ?? queued?.executionId) : undefined;
    if (err instanceof SimTimeoutError && executionId) {
      return stillRunning(
        workflowId,
        { executionId, jobId: err.jobId ?? queued?.jobId, lastStatus: err.lastStatus },
        waitSeconds,
      );
    }
    throw err;
  }
}

async function runSync(
  z: ZObject,
  client: SimClient,
  workflowId: string,
  input: Record<string, unknown>,
  waitSeconds: number,
  startedAt: number,
): Promise<ExecuteResult> {
  if (waitSeconds <= 0) {
    throw new InputValueError(
      'waitSeconds',
      'A sync run needs "Wait (seconds)" above 0; use mode "async" to only queue the run.',
    );
  }
  try {
    // The cancel after the cut gets only what the step has left (a hanging cancel would overrun Zapier's 30 s).
    const options = {
      input,
      timeoutMs: remainingMs(startedAt, waitSeconds),
      cancelOnTimeout: true,
      cancelTimeoutMs: cancelBudgetMs(waitSeconds),
    };
    return finished(await client.runWorkflowSync(workflowId, options), workflowId, 'sync');
  } catch (err) {
    if (err instanceof SimTimeoutError) {
      throw new z.errors.Error(
        `The Sim workflow did not finish within ${waitSeconds} s ("Wait (seconds)"; Zapier stops a step after 30 s), so the sync run was cut` +
          `${err.cancelled ? ' and cancelled in Sim' : ''}${err.executionId ? ` (execution id ${err.executionId})` : ''}.` +
          ' Use mode "async": when the run outlasts the wait, the step returns its execution ID for "Get Job Status" or the "Workflow Run Finished" trigger to follow.',
        'sync_deadline',
        408,
      );
    }
    throw err;
  }
}

export async function executeWorkflow(z: ZObject, bundle: Bundle): Promise<ExecuteResult> {
  const startedAt = Date.now();
  return withZapierErrors(z, bundle, async () => {
    const workflowId = workflowIdOf(bundle);
    const mode = modeOf(bundle);
    const waitSeconds = waitSecondsFor(bundle.inputData['waitSeconds']);
    const client = createClient(z, bundle);
    const input = await workflowInput(client, workflowId, bundle);
    const result =
      mode === 'sync'
        ? await runSync(z, client, workflowId, input, waitSeconds, startedAt)
        : await runAsync(client, workflowId, input, waitSeconds, startedAt);
    if (result.status === 'failed' && failOnErrorOf(bundle)) {
      throw new z.errors.Error(
        scrubKey(
          `The Sim workflow run failed: ${result.error ?? 'no error message'} (execution id ${result.executionId || 'unknown'}).`,
          bundle,
        ),
        'workflow_failed',
        500,
      );
    }
    return result;
  });
}

export const executeSample: ExecuteResult = {
  executionId: '8b3c9708-775f-4e1a-8975-616cf105156b',
  jobId: 'workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
  status: 'completed',
  output: { result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' },
  error: null,
  workflowId: 'wf-echo',
  mode: 'async',
  durationMs: 412,
};

export const executeOutputFields = [
  { key: 'executionId', label: 'Execution ID', type: 'string' as const },
  { key: 'jobId', label: 'Job ID (async runs on v1 servers)', type: 'string' as const },
  {
    key: 'status',
    label: 'Status (completed, failed, cancelled, queued, processing, paused)',
    type: 'string' as const,
  },
  { key: 'output', label: 'Workflow Output' },
  { key: 'error', label: 'Error', type: 'string' as const },
  { key: 'workflowId', label: 'Workflow ID', type: 'string' as const },
  { key: 'mode', label: 'Mode', type: 'string' as const },
  { key: 'durationMs', label: 'Duration (ms)', type: 'number' as const },
  { key: 'message', label: 'Message', type: 'string' as const },
  { key: 'contextId', label: 'Context ID (paused runs: for "Resume Workflow Run")', type: 'string' as const },
  { key: 'pauseKind', label: 'Pause Kind (human, time)', type: 'string' as const },
  { key: 'resumeAt', label: 'Resumes At (time pauses)', type: 'string' as const },
];

export const executeWorkflowCreate = defineCreate({
  key: 'execute_workflow',
  noun: 'Workflow Run',
  display: {
    label: 'Run Workflow',
    description:
      'Runs a deployed Sim workflow with the input you map, and returns its output (or its execution ID when it runs longer than the step may wait).',
  },
  operation: {
    inputFields: [
      {
        key: 'workflowId',
        label: 'Workflow',
        required: true,
        dynamic: 'workflow_list.id.name',
        search: 'find_workflow.id',
        altersDynamicFields: true,
        helpText: "A deployed workflow of the connection's workspace. Its input fields appear below once chosen.",
      },
      workflowInputFields as never,
      {
        key: 'inputJson',
        label: 'Raw Input (JSON)',
        type: 'text',
        required: false,
        helpText:
          'Optional: the workflow input as a JSON object, e.g. {"name": "Ada"}. Fields filled in above take precedence; a field left empty (or whose mapped value could not be resolved) takes its value from here.',
      },
      {
        key: 'mode',
        label: 'Mode',
        required: false,
        default: 'async',
        choices: [
          { value: 'async', label: 'Async: queue the run and wait for it up to "Wait (seconds)"', sample: 'async' },
          { value: 'sync', label: 'Sync: run it in the request (cut after "Wait (seconds)")', sample: 'sync' },
        ],
        helpText:
          'Async (recommended) survives long runs: when the run outlasts the wait, the step returns its execution ID and status "queued"/"processing" for "Get Job Status" to follow.',
      },
      {
        key: 'waitSeconds',
        label: 'Wait (seconds)',
        type: 'integer',
        required: false,
        default: '25',
        helpText:
          'How long the step waits for the run, 0 to 25 (Zapier stops steps after 30 s). With async and 0, the step only queues the run.',
      },
      {
        key: 'failOnError',
        label: 'Stop the Zap When the Run Fails',
        type: 'boolean',
        required: false,
        default: 'true',
        helpText:
          'Yes: a failed run fails this step with Sim\'s error message and the execution ID. No: the step succeeds with status "failed" and the error.',
      },
    ] as never,
    perform: executeWorkflow as never,
    sample: executeSample as never,
    outputFields: executeOutputFields,
  },
});
