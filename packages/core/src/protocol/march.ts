// Sim's v1 run API on the March 2026 server (the published spec's version; docs/sim-server-versions.md): the same
// execute and cancel as v1, but no execution resource, so a run is followed through its async job
// (`GET /api/jobs/{jobId}`), the server picks its own execution ids, and no run is resumed (its job hides a pause).
// Recorded: packages/emulator/recordings/sim-server-facts.md §March.
import { SimNotSupportedError, isRecord } from '../errors.js';
import { pathId } from '../inputs.js';
import { durationFromMetadata, isRunEnvelope, unwrapResponseBlock } from '../normalize.js';
import { requireJson, send } from '../request.js';
import type { ExecutionStatus, JobStatus, RunResult, RunStatus } from '../types.js';
import type { ProtocolContext, ReadOptions, RunRef, RunView } from './protocol.js';
import { V1Protocol } from './v1.js';

/** The execution id a job belongs to: the envelope's, the metadata correlation's, or from a `workflow-execution:<id>` job id. */
export function executionIdOfJob(job: JobStatus, jobId: string): string | undefined {
  if (isRecord(job.output) && typeof job.output['executionId'] === 'string') return job.output['executionId'];
  const corr =
    isRecord(job.metadata) && isRecord(job.metadata['correlation']) ? job.metadata['correlation'] : undefined;
  if (corr && typeof corr['executionId'] === 'string') return corr['executionId'];
  return /^workflow-execution:(.+)$/.exec(jobId)?.[1];
}

/** The workflow a job belongs to, where the job says (current servers always; March once completed). */
export function workflowIdOfJob(job: JobStatus): string | undefined {
  if (isRecord(job.metadata) && typeof job.metadata['workflowId'] === 'string') return job.metadata['workflowId'];
  if (isRecord(job.output) && typeof job.output['workflowId'] === 'string') return job.output['workflowId'];
  return undefined;
}

/**
 * A job as a RunView: the run envelope unwrapped (`job.output.output`), the status mapped (`processing` → `running`; a
 * March job that reads `completed` with `output.success: false` was cancelled when this client asked for the cancel,
 * failed otherwise).
 */
export function runViewOfJob(
  pc: ProtocolContext,
  job: JobStatus,
  jobId: string,
  executionId: string | undefined,
  elapsedMs: number,
): RunView {
  const id = executionId ?? executionIdOfJob(job, jobId) ?? '';
  const base = { status: 'running' as ExecutionStatus, result: null, paused: null, blockOutputs: null, snapshot: job };
  if (job.status === 'queued') return { ...base, status: 'queued' };
  if (job.status !== 'completed' && job.status !== 'failed' && job.status !== 'cancelled') return base;
  const env = job.output;
  let inner: unknown = env;
  let success = true;
  let envError: string | undefined;
  if (isRunEnvelope(env)) {
    inner = env['output'];
    success = env.success;
    if (typeof env['error'] === 'string') envError = env['error'];
  }
  let status: RunStatus;
  if (job.status === 'cancelled') status = 'cancelled';
  else if (job.status === 'failed') status = 'failed';
  else status = success ? 'completed' : pc.wasCancelRequested(id) ? 'cancelled' : 'failed';
  const jobError = typeof job.error === 'string' && job.error ? job.error : undefined;
  let error: string | null = null;
  if (status === 'failed')
    error = jobError ?? envError ?? 'The workflow run did not succeed (no error message from the server).';
  if (status === 'cancelled') error = jobError ?? envError ?? 'Cancelled';
  const unwrapped = status === 'completed' ? unwrapResponseBlock(inner) : { output: inner ?? null };
  const result: RunResult = {
    executionId: id,
    jobId,
    status,
    output: unwrapped.output ?? null,
    error,
    durationMs: durationFromMetadata(job.metadata) ?? elapsedMs,
  };
  if (unwrapped.response) result.response = unwrapped.response;
  return { ...base, status, result };
}

/** `GET /api/jobs/{jobId}` (the id is path-encoded: current job ids contain ':'). */
export async function readJob(
  pc: ProtocolContext,
  jobId: string,
  options: Omit<ReadOptions, 'includeOutput' | 'selectedOutputs'>,
): Promise<JobStatus> {
  const path = `/api/jobs/${pathId(jobId, 'jobId')}`;
  const res = await send(pc.ctx, {
    operation: 'getJobStatus',
    method: 'GET',
    path,
    retry: 'idempotent',
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
  return requireJson<JobStatus>(pc.ctx, res, 'GET', path, 'getJobStatus');
}

export class MarchProtocol extends V1Protocol {
  override readonly name = 'v1-2026-03' as const;
  override readonly hasRunRecord = false;
  override readonly honoursExecutionId = false;
  override readonly resume = null;

  override async readRun(ref: RunRef, options: ReadOptions): Promise<RunView> {
    if (!ref.jobId) {
      throw new SimNotSupportedError(
        `This Sim server has no execution resource (it predates May 2026), so run ${ref.executionId} can be followed only by the job id ` +
          'its async execute answered (`jobId`). Pass the job id, or update the Sim server.',
        'executionResource',
      );
    }
    const job = await readJob(this.pc, ref.jobId, options);
    return runViewOfJob(
      this.pc,
      job,
      ref.jobId,
      ref.executionId,
      options.startedAt === undefined ? 0 : this.pc.ctx.now() - options.startedAt,
    );
  }
}
