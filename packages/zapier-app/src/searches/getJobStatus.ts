// Search "Get Job Status" (get_job_status; the key stays: existing Zaps use it): the state of a workflow run, with the
// workflow's own output once it has finished. The run is named by its Execution ID plus its Workflow (what every Sim
// server knows a run by, v1 and v2 alike) or, as before, by the Job ID an async run on a v1 server answered.
// Optionally waits (up to 25 s) for it to finish. The core reads the run (pauses included); this only translates.
import { SimNotFoundError, SimTimeoutError } from '@sim-integrations/core';
import type { RunResult, RunSnapshot, SimClient } from '@sim-integrations/core';
import { defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient } from '../client.js';
import { waitSecondsFor } from '../deadline.js';
import { withZapierErrors } from '../errors.js';
import { InputValueError, isUnresolvedTemplate } from '../inputs.js';
import { pauseFields, zapierStatus, type ZapierRunStatus } from '../runs.js';

export interface JobStatusResult {
  /** The id the run was looked up by: the Job ID when one was given, else the Execution ID. */
  id: string;
  /** Where the run has one (async runs on a v1 server) and it is known. */
  jobId?: string;
  executionId: string;
  workflowId?: string;
  /** queued | processing while it runs; paused; completed | failed | cancelled when done. */
  status: ZapierRunStatus;
  done: boolean;
  output: unknown;
  error: string | null;
  durationMs?: number | null;
  response?: { status: number; headers: Record<string, string> };
  /** Paused runs (status "paused", done false): what "Resume Workflow Run" needs, with `executionId` and `workflowId`. */
  contextId?: string;
  pauseKind?: string | null;
  resumeAt?: string | null;
}

/** Which run to look at: by execution id within its workflow, or by job id. */
interface Target {
  jobId?: string;
  executionId?: string;
  workflowId?: string;
}

function optional(bundle: Bundle, key: string): string | undefined {
  const value = String(bundle.inputData[key] ?? '').trim();
  return value === '' || isUnresolvedTemplate(value) ? undefined : value;
}

function targetOf(bundle: Bundle): Target {
  const target: Target = {};
  const jobId = optional(bundle, 'jobId');
  const executionId = optional(bundle, 'executionId');
  const workflowId = optional(bundle, 'workflowId');
  if (jobId) target.jobId = jobId;
  if (executionId) target.executionId = executionId;
  if (workflowId) target.workflowId = workflowId;
  if ((executionId && workflowId) || jobId) return target;
  if (executionId) {
    throw new InputValueError(
      'workflowId',
      '"Workflow" is required with an Execution ID (Sim finds a run within its workflow). Choose the workflow the run belongs to, or give the Job ID.',
    );
  }
  throw new InputValueError(
    'executionId',
    'Give the run\'s "Execution ID" and its "Workflow" (works on every Sim server), or its "Job ID" (async runs on a v1 server): they are empty or their mapped values could not be resolved.',
  );
}

const byExecution = (t: Target): t is Target & { executionId: string; workflowId: string } =>
  t.executionId !== undefined && t.workflowId !== undefined;

function idsOf(
  t: Target,
  run: { executionId?: string; jobId?: string | undefined; workflowId?: string },
): Pick<JobStatusResult, 'id' | 'jobId' | 'executionId' | 'workflowId'> {
  const executionId = run.executionId || t.executionId || '';
  const jobId = run.jobId || t.jobId;
  const workflowId = run.workflowId || t.workflowId;
  return {
    id: t.jobId ?? executionId,
    ...(jobId ? { jobId } : {}),
    executionId,
    ...(workflowId ? { workflowId } : {}),
  };
}

function fromSnapshot(t: Target, run: RunSnapshot): JobStatusResult {
  return {
    ...idsOf(t, run),
    status: zapierStatus(run.status),
    done: run.done,
    output: run.output ?? null,
    error: run.error ?? null,
    durationMs: run.durationMs,
    ...(run.response ? { response: run.response } : {}),
    ...pauseFields(run.paused),
  };
}

function fromResult(t: Target, run: RunResult): JobStatusResult {
  return {
    ...idsOf(t, run),
    status: run.status,
    done: run.status !== 'paused',
    output: run.output ?? null,
    error: run.error ?? null,
    durationMs: run.durationMs,
    ...(run.response ? { response: run.response } : {}),
    ...pauseFields(run.paused),
  };
}

/** One look (waitSeconds 0, the default): a single read, so a 429 or 5xx surfaces as such. [] for an unknown run. */
async function lookOnce(client: SimClient, t: Target): Promise<JobStatusResult[]> {
  try {
    const run = byExecution(t)
      ? await client.getRun(t.workflowId, t.executionId, t.jobId ? { jobId: t.jobId } : {})
      : await client.getRunByJobId(t.jobId as string);
    return [fromSnapshot(t, run)];
  } catch (err) {
    if (err instanceof SimNotFoundError) return [];
    throw err;
  }
}

/**
 * Waiting (waitSeconds > 0): the core watches the run until it ends or pauses for a person. A run still going at the
 * deadline is reported with its last status (the wait never cancels it); an unknown run is not found ([]) at once.
 */
async function waitFor(client: SimClient, t: Target, waitSeconds: number): Promise<JobStatusResult[]> {
  const timeoutMs = waitSeconds * 1000;
  try {
    const run = byExecution(t)
      ? await client.waitForRun(t.workflowId, t.executionId, { timeoutMs, ...(t.jobId ? { jobId: t.jobId } : {}) })
      : await client.waitForJob(t.jobId as string, {
          timeoutMs,
          ...(t.executionId ? { executionId: t.executionId } : {}),
          ...(t.workflowId ? { workflowId: t.workflowId } : {}),
        });
    return [fromResult(t, run)];
  } catch (err) {
    if (err instanceof SimNotFoundError) return [];
    if (err instanceof SimTimeoutError && err.lastStatus) {
      return [
        {
          ...idsOf(t, { executionId: err.executionId, jobId: err.jobId }),
          status: zapierStatus(err.lastStatus),
          done: false,
          output: null,
          error: null,
        },
      ];
    }
    throw err;
  }
}

export async function getJobStatus(z: ZObject, bundle: Bundle): Promise<JobStatusResult[]> {
  return withZapierErrors(z, bundle, async () => {
    const target = targetOf(bundle);
    const raw = bundle.inputData['waitSeconds'];
    const waitSeconds = waitSecondsFor(raw === undefined || raw === null || raw === '' ? 0 : raw);
    const client = createClient(z, bundle);
    return waitSeconds > 0 ? waitFor(client, target, waitSeconds) : lookOnce(client, target);
  });
}

export const jobStatusSample: JobStatusResult = {
  id: '8b3c9708-775f-4e1a-8975-616cf105156b',
  executionId: '8b3c9708-775f-4e1a-8975-616cf105156b',
  workflowId: 'wf-echo',
  status: 'completed',
  done: true,
  output: { result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' },
  error: null,
  durationMs: 412,
};

export const getJobStatusSearch = defineSearch({
  key: 'get_job_status',
  noun: 'Workflow Run',
  display: {
    label: 'Get Job Status',
    description:
      'Finds the status (and, once finished, the output) of a workflow run by its execution ID and workflow, or by the job ID of an async run.',
  },
  operation: {
    inputFields: [
      {
        key: 'executionId',
        label: 'Execution ID',
        required: false,
        type: 'string',
        helpText:
          'The execution ID of the run ("Run Workflow" returns it, in every mode and on every Sim server). Give the Workflow too.',
      },
      {
        key: 'workflowId',
        label: 'Workflow',
        required: false,
        dynamic: 'workflow_list.id.name',
        search: 'find_workflow.id',
        helpText: 'The workflow the run belongs to (needed with an Execution ID).',
      },
      {
        key: 'jobId',
        label: 'Job ID',
        required: false,
        type: 'string',
        helpText:
          'Instead of the Execution ID: the job ID an async run returned on a Sim server that has jobs (v1). Servers with the v2 API on have no job IDs.',
      },
      {
        key: 'waitSeconds',
        label: 'Wait (seconds)',
        type: 'integer',
        required: false,
        default: '0',
        helpText: 'Wait up to this many seconds (0 to 25) for the run to finish before answering. 0 answers at once.',
      },
    ],
    perform: getJobStatus as never,
    sample: jobStatusSample as never,
    outputFields: [
      { key: 'executionId', label: 'Execution ID', type: 'string' },
      { key: 'workflowId', label: 'Workflow ID', type: 'string' },
      { key: 'jobId', label: 'Job ID (async runs on v1 servers)', type: 'string' },
      { key: 'status', label: 'Status (queued, processing, paused, completed, failed, cancelled)', type: 'string' },
      { key: 'done', label: 'Finished', type: 'boolean' },
      { key: 'output', label: 'Workflow Output' },
      { key: 'error', label: 'Error', type: 'string' },
      { key: 'durationMs', label: 'Duration (ms)', type: 'number' },
      { key: 'contextId', label: 'Context ID (paused runs: for "Resume Workflow Run")', type: 'string' },
      { key: 'pauseKind', label: 'Pause Kind (human, time)', type: 'string' },
      { key: 'resumeAt', label: 'Resumes At (time pauses)', type: 'string' },
    ],
  },
});
