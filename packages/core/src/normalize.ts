// Turning the server's various run answers into one RunResult shape.
import { isRecord } from './errors.js';
import type { JobStatus, RunResult, RunStatus } from './types.js';

/**
 * A Response block's answer inside an async job or a stream's final event is recorded as
 * `{ data, status, headers }`. Returns the parts when `output` has exactly that shape.
 */
export function unwrapResponseBlock(output: unknown): { output: unknown; response?: RunResult['response'] } {
  if (isRecord(output)) {
    const keys = Object.keys(output);
    const status = output['status'];
    const headers = output['headers'];
    if (
      keys.length === 3 && 'data' in output &&
      typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 &&
      isRecord(headers) && Object.values(headers).every((v) => typeof v === 'string')
    ) {
      const lower: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v as string;
      return { output: output['data'], response: { status, headers: lower } };
    }
  }
  return { output };
}

/** True when `value` looks like Sim's run envelope `{ success, output?, executionId?, error? }`. */
export function isRunEnvelope(value: unknown): value is Record<string, unknown> & { success: boolean } {
  return (
    isRecord(value) && typeof value['success'] === 'boolean' &&
    ('output' in value || 'executionId' in value || 'error' in value || 'metadata' in value || 'executedAt' in value)
  );
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function durationFromMetadata(metadata: unknown): number | undefined {
  if (!isRecord(metadata)) return undefined;
  const d = numberOr(metadata['duration']);
  if (d !== undefined) return Math.round(d);
  const start = typeof metadata['startedAt'] === 'string' ? Date.parse(metadata['startedAt']) : NaN;
  const end = typeof metadata['completedAt'] === 'string' ? Date.parse(metadata['completedAt']) : NaN;
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : undefined;
}

/** The execution id a job belongs to: the envelope's, the metadata correlation's, or from a `workflow-execution:<id>` job id. */
export function executionIdOfJob(job: JobStatus, jobId: string): string | undefined {
  if (isRecord(job.output) && typeof job.output['executionId'] === 'string') return job.output['executionId'];
  const corr = isRecord(job.metadata) && isRecord(job.metadata['correlation']) ? job.metadata['correlation'] : undefined;
  if (corr && typeof corr['executionId'] === 'string') return corr['executionId'];
  const m = /^workflow-execution:(.+)$/.exec(jobId);
  return m?.[1];
}

/**
 * Normalises a finished job: unwraps the run envelope (`job.output.output`), maps the status to
 * completed | failed | cancelled (a March job reading `completed` with `output.success: false` is
 * `cancelled` when this client asked for the cancel, `failed` otherwise).
 */
export function normalizeJob(
  job: JobStatus,
  opts: { jobId: string; executionId: string | undefined; cancelRequested: (id: string | undefined) => boolean; elapsedMs: number },
): RunResult & { jobId: string } {
  const env = job.output;
  let inner: unknown = env;
  let success = true;
  let envError: string | undefined;
  if (isRunEnvelope(env)) {
    inner = env['output'];
    success = env.success;
    if (typeof env['error'] === 'string') envError = env['error'];
  }
  const executionId = opts.executionId ?? executionIdOfJob(job, opts.jobId) ?? '';
  let status: RunStatus;
  if (job.status === 'cancelled') status = 'cancelled';
  else if (job.status === 'failed') status = 'failed';
  else status = success ? 'completed' : opts.cancelRequested(executionId) ? 'cancelled' : 'failed';
  const jobError = typeof job.error === 'string' && job.error ? job.error : undefined;
  let error: string | null = null;
  if (status === 'failed') error = jobError ?? envError ?? 'The workflow run did not succeed (no error message from the server).';
  if (status === 'cancelled') error = jobError ?? envError ?? 'Cancelled';
  const unwrapped = status === 'completed' ? unwrapResponseBlock(inner) : { output: inner ?? null };
  const result: RunResult & { jobId: string } = {
    executionId,
    jobId: opts.jobId,
    status,
    output: unwrapped.output ?? null,
    error,
    durationMs: durationFromMetadata(job.metadata) ?? opts.elapsedMs,
  };
  if (unwrapped.response) result.response = unwrapped.response;
  return result;
}
