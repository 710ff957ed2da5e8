// Search "Get Job Status" (get_job_status): the state of an async run by its job ID, with the
// workflow's own output once it has finished. Optionally waits (up to 25 s) for it to finish.
import { SimError, SimNotFoundError, SimTimeoutError, normalizeJob, pauseHint, pauseFromView } from '@sim-integrations/core';
import type { JobStatus, SimClient } from '@sim-integrations/core';
import { defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient } from '../client.js';
import { waitSecondsFor } from '../deadline.js';
import { withZapierErrors } from '../errors.js';
import { InputValueError, isUnresolvedTemplate } from '../inputs.js';

export interface JobStatusResult {
  id: string;
  jobId: string;
  executionId: string;
  /** queued | processing while running; completed | failed | cancelled when done. */
  status: string;
  done: boolean;
  output: unknown;
  error: string | null;
  response?: { status: number; headers: Record<string, string> };
  /** Paused runs (status "paused", done false): what "Resume Workflow Run" needs. */
  workflowId?: string;
  contextId?: string;
  pauseKind?: string | null;
  resumeAt?: string | null;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * One look at the job (waitSeconds 0, the default): a single GET, so a 429 or 5xx surfaces as such.
 * The core's normalizeJob unwraps the run envelope and maps the status of both server versions.
 * This step did not ask for any cancel, so `cancelRequested` is always false.
 */
async function lookOnce(client: SimClient, jobId: string): Promise<JobStatusResult[]> {
  let job: JobStatus;
  try {
    job = await client.getJobStatus(jobId);
  } catch (err) {
    if (err instanceof SimNotFoundError) return [];
    throw err;
  }
  const run = normalizeJob(job, { jobId, executionId: undefined, cancelRequested: () => false, elapsedMs: 0 });
  // A paused run's job reads `completed` with the pausing block's output: where the server has the execution
  // resource, one more read tells the truth (facts G).
  const inner = job.output !== null && typeof job.output === 'object' && 'output' in job.output ? (job.output as Record<string, unknown>)['output'] : job.output;
  const workflowId = typeof job.metadata?.['workflowId'] === 'string' ? (job.metadata['workflowId'] as string) : undefined;
  if (job.status === 'completed' && workflowId && run.executionId && pauseHint(inner)) {
    try {
      const view = await client.getExecution(workflowId, run.executionId);
      if (view.status === 'paused' || view.status === 'running' || view.status === 'queued') {
        const paused = view.status === 'paused' ? pauseFromView(view) : undefined;
        return [{
          id: jobId, jobId, executionId: run.executionId, status: view.status, done: false, output: paused ? inner ?? null : null, error: null, workflowId,
          ...(paused ? { contextId: paused.contextId, pauseKind: paused.pauseKind, resumeAt: paused.resumeAt } : {}),
        }];
      }
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      // a server without the execution resource: the job's answer stands
    }
  }
  if (!FINISHED.has(job.status)) {
    return [{ id: jobId, jobId, executionId: run.executionId, status: job.status, done: false, output: null, error: null }];
  }
  return [
    {
      id: jobId,
      jobId,
      executionId: run.executionId,
      status: run.status,
      done: true,
      output: run.output ?? null,
      error: run.error ?? null,
      ...(run.response ? { response: run.response } : {}),
    },
  ];
}

/**
 * Waiting (waitSeconds > 0): the core's waitForJob polls and normalises. A job that has not finished
 * by the deadline is reported with its last status. `enqueuedAt` lies outside the core's "404 right
 * after enqueue" grace window, so an unknown job id is reported as not found at once.
 */
async function waitFor(client: SimClient, jobId: string, waitSeconds: number): Promise<JobStatusResult[]> {
  try {
    const r = await client.waitForJob(jobId, { timeoutMs: waitSeconds * 1000, enqueuedAt: Date.now() - 60_000 });
    return [
      {
        id: jobId,
        jobId,
        executionId: r.executionId,
        status: r.status,
        done: r.status !== 'paused',
        output: r.output ?? null,
        error: r.error ?? null,
        ...(r.response ? { response: r.response } : {}),
        ...(r.paused ? { contextId: r.paused.contextId, pauseKind: r.paused.pauseKind, resumeAt: r.paused.resumeAt } : {}),
      },
    ];
  } catch (err) {
    if (err instanceof SimNotFoundError) return [];
    if (err instanceof SimTimeoutError && err.lastStatus) {
      return [{ id: jobId, jobId, executionId: err.executionId ?? '', status: err.lastStatus, done: false, output: null, error: null }];
    }
    throw err;
  }
}

export async function getJobStatus(z: ZObject, bundle: Bundle): Promise<JobStatusResult[]> {
  return withZapierErrors(z, bundle, async () => {
    const jobId = String(bundle.inputData['jobId'] ?? '').trim();
    if (jobId === '' || isUnresolvedTemplate(jobId)) throw new InputValueError('jobId', '"Job ID" is required (it is empty or its mapped value could not be resolved).');
    const raw = bundle.inputData['waitSeconds'];
    const waitSeconds = waitSecondsFor(raw === undefined || raw === null || raw === '' ? 0 : raw);
    const client = createClient(z, bundle);
    return waitSeconds > 0 ? waitFor(client, jobId, waitSeconds) : lookOnce(client, jobId);
  });
}

export const jobStatusSample: JobStatusResult = {
  id: 'workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
  jobId: 'workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
  executionId: '8b3c9708-775f-4e1a-8975-616cf105156b',
  status: 'completed',
  done: true,
  output: { result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' },
  error: null,
};

export const getJobStatusSearch = defineSearch({
  key: 'get_job_status',
  noun: 'Job',
  display: {
    label: 'Get Job Status',
    description: 'Finds the status (and, once finished, the output) of an async workflow run by its job ID.',
  },
  operation: {
    inputFields: [
      { key: 'jobId', label: 'Job ID', required: true, type: 'string', helpText: 'The job ID returned by "Run Workflow" in async mode.' },
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
      { key: 'jobId', label: 'Job ID', type: 'string' },
      { key: 'executionId', label: 'Execution ID', type: 'string' },
      { key: 'status', label: 'Status (queued, processing, running, paused, completed, failed, cancelled)', type: 'string' },
      { key: 'done', label: 'Finished', type: 'boolean' },
      { key: 'output', label: 'Workflow Output' },
      { key: 'error', label: 'Error', type: 'string' },
      { key: 'contextId', label: 'Context ID (paused runs: for "Resume Workflow Run")', type: 'string' },
      { key: 'pauseKind', label: 'Pause Kind (human, time)', type: 'string' },
      { key: 'resumeAt', label: 'Resumes At (time pauses)', type: 'string' },
    ],
  },
});
