// Following a run that was started elsewhere (another step, another job, a schedule): by its execution id on every
// server. A job id, which only v1 async runs have, is accepted where users already pass one: on current servers the job
// names its workflow and execution id; on the March 2026 server the job is the only way to read a run.
import { DEFAULT_WAIT_TIMEOUT_MS, type Core } from '../core.js';
import { requireId, validateTimeout } from '../inputs.js';
import { executionIdOfJob, readJob, runViewOfJob, workflowIdOfJob } from '../protocol/march.js';
import type { ReadOptions, RunProtocol, RunRef, RunView } from '../protocol/protocol.js';
import type {
  JobStatus,
  RequestOptions,
  RunResult,
  RunSnapshot,
  WaitForJobOptions,
  WaitForRunOptions,
} from '../types.js';
import { pausedResult, watchRun, type RunReader } from './watch.js';

async function snapshotOf(
  core: Core,
  protocol: RunProtocol,
  ref: RunRef,
  view: RunView,
  signal: AbortSignal | undefined,
): Promise<RunSnapshot> {
  const base = { workflowId: ref.workflowId, executionId: ref.executionId, ...(ref.jobId ? { jobId: ref.jobId } : {}) };
  if (view.result) return { ...view.result, ...base, done: true };
  if (view.status === 'paused') {
    const paused = await pausedResult(core, protocol, ref, view, { signal, startedAt: core.ctx.now() });
    return { ...paused, ...base, done: false };
  }
  return { ...base, status: view.status, done: false, output: null, error: null, durationMs: null };
}

/** One look at a run: its status now, and its output once it has ended (or the pausing block's, when paused). */
export async function getRun(
  core: Core,
  workflowId: string,
  executionId: string,
  options: RequestOptions & { jobId?: string } = {},
): Promise<RunSnapshot> {
  requireId(workflowId, 'workflowId');
  requireId(executionId, 'executionId');
  const { jobId, ...request } = options;
  const protocol = await core.protocol(workflowId, request.signal);
  const ref: RunRef = { workflowId, executionId, ...(jobId ? { jobId } : {}) };
  const view = await protocol.readRun(ref, {
    ...request,
    includeOutput: true,
    timeoutMs: validateTimeout(request.timeoutMs),
  });
  return snapshotOf(core, protocol, ref, view, request.signal);
}

/** Waits for a run until it ends, or pauses for a person (unless `waitThroughHumanPause`); a time pause is waited through. */
export async function waitForRun(
  core: Core,
  workflowId: string,
  executionId: string,
  options: WaitForRunOptions = {},
): Promise<RunResult> {
  requireId(workflowId, 'workflowId');
  requireId(executionId, 'executionId');
  const timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
  const protocol = await core.protocol(workflowId, options.signal);
  const ref: RunRef = { workflowId, executionId, ...(options.jobId ? { jobId: options.jobId } : {}) };
  const now = core.ctx.now();
  // a run started elsewhere: read at once, and an unknown id is reported at once, unless the caller says it was just queued
  return watchRun(core, protocol, ref, {
    deadline: now + timeoutMs,
    timeoutMs,
    startedAt: options.enqueuedAt ?? now,
    notFoundGrace: options.enqueuedAt !== undefined,
    signal: options.signal,
    onStatus: options.onStatus,
    firstDelayMs: options.enqueuedAt === undefined ? 0 : undefined,
    ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
  });
}

/** What a job says about its run: the workflow and execution id where it names them (always on current servers). */
async function refOfJob(
  core: Core,
  jobId: string,
  options: RequestOptions & { workflowId?: string | undefined; executionId?: string | undefined },
): Promise<{ ref: Partial<RunRef> & { jobId: string }; job: JobStatus | undefined }> {
  const fromId = /^workflow-execution:(.+)$/.exec(jobId)?.[1];
  if (options.workflowId && (options.executionId ?? fromId))
    return {
      ref: { workflowId: options.workflowId, executionId: options.executionId ?? fromId, jobId },
      job: undefined,
    };
  const job = await readJob(core, jobId, {
    signal: options.signal,
    timeoutMs: validateTimeout(options.timeoutMs),
    maxRetries: options.maxRetries,
  });
  return {
    ref: {
      workflowId: options.workflowId ?? workflowIdOfJob(job),
      executionId: options.executionId ?? executionIdOfJob(job, jobId),
      jobId,
    },
    job,
  };
}

/** One look at a run by the job id its async execute answered. */
export async function getRunByJobId(core: Core, jobId: string, options: RequestOptions = {}): Promise<RunSnapshot> {
  requireId(jobId, 'jobId');
  const { ref, job } = await refOfJob(core, jobId, options);
  if (ref.workflowId && ref.executionId) return getRun(core, ref.workflowId, ref.executionId, { ...options, jobId });
  // the March server names neither before the run ends: the job is all there is
  const view = runViewOfJob(core, job as JobStatus, jobId, ref.executionId, 0);
  const base = { workflowId: ref.workflowId ?? '', executionId: ref.executionId ?? '', jobId };
  return view.result
    ? { ...view.result, ...base, done: true }
    : { ...base, status: view.status, done: false, output: null, error: null, durationMs: null };
}

/**
 * Reads a run known by its job id. While the job does not yet name its workflow and execution id (the March server before
 * the run ends), the job is the view; as soon as it does, on a server that keeps run records, the record is read instead
 * (the job hides pauses: packages/emulator/recordings/sim-server-facts.md §G.2).
 */
class JobFollower implements RunReader {
  #record: { protocol: RunProtocol; ref: RunRef } | undefined;
  constructor(
    private readonly core: Core,
    private readonly jobId: string,
    private readonly known: { workflowId?: string | undefined; executionId?: string | undefined },
  ) {}
  get hasRunRecord(): boolean {
    return this.#record?.protocol.hasRunRecord ?? false;
  }
  async readRun(_ref: RunRef, options: ReadOptions): Promise<RunView> {
    if (this.#record) return this.#record.protocol.readRun(this.#record.ref, options);
    const job = await readJob(this.core, this.jobId, options);
    const workflowId = this.known.workflowId ?? workflowIdOfJob(job);
    const executionId = this.known.executionId ?? executionIdOfJob(job, this.jobId);
    if (workflowId && executionId) {
      const protocol = await this.core.protocol(workflowId, options.signal);
      if (protocol.hasRunRecord) {
        this.#record = { protocol, ref: { workflowId, executionId, jobId: this.jobId } };
        return protocol.readRun(this.#record.ref, options);
      }
    }
    return runViewOfJob(
      this.core,
      job,
      this.jobId,
      executionId,
      options.startedAt === undefined ? 0 : this.core.ctx.now() - options.startedAt,
    );
  }
}

/**
 * Waits for a run by the job id its v1 async execute answered. Where the workflow and execution id are known (given, or
 * named by the job, as on current servers) the run's record is watched like any run's; the March server's job otherwise.
 */
export async function waitForJob(core: Core, jobId: string, options: WaitForJobOptions = {}): Promise<RunResult> {
  requireId(jobId, 'jobId');
  const timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
  const now = core.ctx.now();
  const executionId = options.executionId ?? /^workflow-execution:(.+)$/.exec(jobId)?.[1];
  const follower = new JobFollower(core, jobId, { workflowId: options.workflowId, executionId });
  return watchRun(
    core,
    follower,
    { workflowId: options.workflowId ?? '', executionId: executionId ?? '', jobId },
    {
      deadline: now + timeoutMs,
      timeoutMs,
      startedAt: options.enqueuedAt ?? now,
      notFoundGrace: options.enqueuedAt !== undefined,
      signal: options.signal,
      onStatus: options.onStatus,
      firstDelayMs: options.enqueuedAt === undefined ? 0 : undefined,
      ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
    },
  );
}
