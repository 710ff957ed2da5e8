/** Executions (sync, async, stream), their pause records, and the async job view of them. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Profile } from './profiles.js';
import type { WorkflowDef } from './seed.js';
import type { Input, Outcome } from './workflows.js';

export type ExecutionMode = 'sync' | 'async' | 'stream';
export type ExecutionStatus = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface Execution {
  executionId: string;
  jobId: string | null;
  workflow: WorkflowDef;
  mode: ExecutionMode;
  input: Input;
  trigger: string;
  userId: string;
  requestId: string;
  startedAtMs: number;
  endedAtMs: number | null;
  status: ExecutionStatus;
  outcome: Outcome | null;
  /** Aborts the run (cancel or shutdown). */
  controller: AbortController;
  cancelCount: number;
  /** Set when a cancel should make the run read as cancelled. */
  cancelled: boolean;
  /** Run deadline (sync: `syncTimeoutMs`; async: `X-Execution-Timeout-Seconds`), or null. */
  timeoutMs: number | null;
  timedOut: boolean;
  /** An async job waiting to start (`jobQueuedMs`). */
  queued: boolean;
  /** Set once the run paused (pause.ts); it stays after a resume or a cancel. */
  pause?: PauseRecord;
  /**
   * Until this instant the execution resource still reads `running`: a sync run's record is written after its
   * answer (recordings/sim-server-facts.md §D1, §M1; `syncRecordLagMs`). Null for other runs.
   */
  recordAtMs: number | null;
}

export interface ResumeEntry {
  id: string;
  newExecutionId: string;
  resumeInput: unknown;
  status: 'claimed' | 'completed';
  queuedAtMs: number;
  completedAtMs: number | null;
}

/** What pause.ts keeps about a run that paused (recordings/sim-server-facts.md §G). */
export interface PauseRecord {
  /** `pausedExecutionId` (the paused-execution row). */
  id: string;
  contextId: string;
  blockId: string;
  kind: 'human' | 'time';
  pausedAtMs: number;
  resumeAtMs: number | null;
  /** How long the run had been going when it paused. */
  preDurationMs: number;
  status: 'paused' | 'fully_resumed' | 'cancelled';
  /** A resume was accepted and is running (a second one gets 409 at once). */
  resuming: boolean;
  resumedCount: number;
  updatedAtMs: number;
  /** The pausing block's output: what the job, a sync answer and a stream's final frame carry. */
  output: unknown;
  latestResume: ResumeEntry | null;
  cancelledAtMs: number | null;
}

/** A resume of an async-origin run is queued as its own job (`run_…`), which no execution resource knows. */
export interface ResumeJob {
  jobId: string;
  exec: Execution;
  newExecutionId: string;
  requestId: string;
  status: 'processing' | 'completed';
  output: unknown;
  completedAtMs: number | null;
}

export const newRequestId = (): string => randomBytes(4).toString('hex');

export class Executions {
  private byExecution = new Map<string, Execution>();
  private byJob = new Map<string, Execution>();

  create(init: {
    workflow: WorkflowDef;
    mode: ExecutionMode;
    input: Input;
    trigger: string;
    userId: string;
    executionId?: string;
    profile: Profile;
    timeoutMs?: number | null;
    nowMs: number;
  }): Execution {
    const executionId = init.executionId ?? randomUUID();
    const exec: Execution = {
      executionId,
      jobId: init.mode === 'async' ? init.profile.makeJobId(executionId) : null,
      workflow: init.workflow,
      mode: init.mode,
      input: init.input,
      trigger: init.trigger,
      userId: init.userId,
      requestId: newRequestId(),
      startedAtMs: init.nowMs,
      endedAtMs: null,
      status: 'running',
      outcome: null,
      controller: new AbortController(),
      cancelCount: 0,
      cancelled: false,
      timeoutMs: init.timeoutMs ?? null,
      timedOut: false,
      queued: false,
      recordAtMs: null,
    };
    this.byExecution.set(executionId, exec);
    if (exec.jobId) this.byJob.set(exec.jobId, exec);
    return exec;
  }

  get(executionId: string): Execution | undefined {
    return this.byExecution.get(executionId);
  }

  getJob(jobId: string): Execution | undefined {
    return this.byJob.get(jobId);
  }

  all(): IterableIterator<Execution> {
    return this.byExecution.values();
  }

  abortAll(): void {
    for (const e of this.byExecution.values()) e.controller.abort();
  }

  clear(): void {
    this.abortAll();
    this.byExecution.clear();
    this.byJob.clear();
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The workflow output as a job envelope carries it (Response-block runs: `{ data, status, headers }`). */
export function jobWorkflowOutput(outcome: Outcome | null): unknown {
  if (!outcome || outcome.kind !== 'success') return {};
  return outcome.response
    ? { data: outcome.response.data, status: outcome.response.status, headers: outcome.response.headers }
    : outcome.output;
}

/** `GET /api/jobs/{jobId}` body for the profile. */
export function jobView(exec: Execution, profile: Profile, nowMs: number): Record<string, unknown> {
  const taskId = exec.jobId!;
  const endedAt = exec.endedAtMs ?? nowMs;
  const executedAt = iso(endedAt);
  const march = profile.name === '2026-03';
  const metadata = march
    ? exec.status === 'running'
      ? { startedAt: iso(exec.startedAtMs) }
      : {
          startedAt: iso(exec.startedAtMs),
          completedAt: iso(endedAt),
          duration: Math.max(0, Math.round(endedAt - exec.startedAtMs)),
        }
    : {
        userId: exec.userId,
        workflowId: exec.workflow.id,
        correlation: {
          source: 'workflow',
          requestId: exec.requestId,
          workflowId: exec.workflow.id,
          executionId: exec.executionId,
          triggerType: exec.trigger,
        },
        workspaceId: exec.workflow.workspaceId,
      };
  const envelope = (success: boolean, output: unknown) =>
    march
      ? { success, workflowId: exec.workflow.id, executionId: exec.executionId, output, executedAt }
      : { output, success, executedAt, workflowId: exec.workflow.id, executionId: exec.executionId };

  // a run that paused reads `completed` with the pausing block's output, and keeps reading so after a resume or a cancel (recordings/sim-server-facts.md §G.2)
  if (exec.pause)
    return { success: true, taskId, status: 'completed', metadata, output: envelope(true, exec.pause.output) };
  switch (exec.status) {
    case 'paused':
      return { success: true, taskId, status: 'completed', metadata, output: envelope(true, {}) };
    case 'running': {
      const body: Record<string, unknown> = {
        success: true,
        taskId,
        status: exec.queued ? 'queued' : 'processing',
        metadata,
      };
      if (profile.estimatedDuration !== null) body.estimatedDuration = profile.estimatedDuration;
      else body.output = null;
      return body;
    }
    case 'completed':
      return {
        success: true,
        taskId,
        status: 'completed',
        metadata,
        output: envelope(true, jobWorkflowOutput(exec.outcome)),
      };
    case 'failed': {
      const error = exec.outcome?.kind === 'failure' ? exec.outcome.error : 'Workflow execution failed';
      return march
        ? { success: true, taskId, status: 'failed', metadata, error }
        : { success: true, taskId, status: 'failed', metadata, output: null, error };
    }
    case 'cancelled':
      return profile.cancelledJobStatus === 'cancelled'
        ? { success: true, taskId, status: 'cancelled', metadata, output: null, error: 'Cancelled' }
        : { success: true, taskId, status: 'completed', metadata, output: envelope(false, {}) };
  }
}
