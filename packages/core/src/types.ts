// Public types, derived from the generated OpenAPI types (src/generated/openapi.ts, from
// openapi/sim-openapi.json) and widened where the real server (recorded) differs from the spec.
import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];
type Json200<Op extends keyof operations> = operations[Op]['responses'] extends {
  200: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** Per-call options every operation accepts. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Per-request timeout in ms (defaults to the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
}

export type RateLimitBucket = Schemas['RateLimitBucket'];
export type Limits = Schemas['Limits'];
export type WorkflowSummary = Schemas['WorkflowSummary'];
export type LogEntry = Schemas['LogEntry'];
export type LogDetail = Schemas['LogDetail'];
export type AuditLogEntry = Schemas['AuditLogEntry'];
export type UsageLimits = Schemas['UsageLimits'];

/** One input field as the real server reports it (`inputs` array on GET /api/v1/workflows/{id}). */
export interface WorkflowInputDefinition {
  id?: string;
  name: string;
  type: string;
  description?: string;
  [key: string]: unknown;
}

/** Workflow detail. `inputs` is an array on real servers (both versions) and `{ fields }` in the spec. */
export type WorkflowDetail = Omit<Schemas['WorkflowDetail'], 'inputs'> & {
  inputs?: WorkflowInputDefinition[] | { fields?: Record<string, unknown> } | null;
  variables?: Record<string, unknown>;
  [key: string]: unknown;
};

/** Job status as the spec defines it, widened: `cancelled` (current server), nested run output, March `estimatedDuration`. */
export type JobState = NonNullable<Schemas['JobStatus']['status']> | 'cancelled';
export type JobStatus = Omit<Schemas['JobStatus'], 'status' | 'output' | 'error' | 'metadata'> & {
  status: JobState;
  /** On real servers: `{ success, workflowId, executionId, output, executedAt }` (the run envelope), or null. */
  output?: unknown;
  error?: string | null;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
};

/** Sync execute answer (the spec's ExecutionResult); `output` is the workflow's own output. */
export type ExecutionResult = Omit<Schemas['ExecutionResult'], 'output'> & { output?: unknown; [key: string]: unknown };
/** Async execute receipt (HTTP 202). */
export type AsyncExecutionResult = Schemas['AsyncExecutionResult'] & { [key: string]: unknown };
/** Cancel answer; real servers add `redisAvailable`, `durablyRecorded`, `reason`… */
export type CancelExecutionResult = Json200<'cancelExecution'> & { reason?: string; [key: string]: unknown };

export interface ListResponse<T> {
  data: T[];
  nextCursor?: string | null;
  limits?: Limits;
}
export interface DetailResponse<T> {
  data: T;
  limits?: Limits;
}

export type ListWorkflowsResponse = ListResponse<WorkflowSummary>;
export type GetWorkflowResponse = DetailResponse<WorkflowDetail>;
export type QueryLogsResponse = ListResponse<LogEntry>;
export type GetLogDetailsResponse = DetailResponse<LogDetail>;
export type ListAuditLogsResponse = ListResponse<AuditLogEntry>;
export type GetAuditLogDetailsResponse = DetailResponse<AuditLogEntry>;
export type ExecutionDetails = Omit<Json200<'getExecutionDetails'>, 'workflowState' | 'executionMetadata'> & {
  workflowState?: Record<string, unknown>;
  executionMetadata?: Record<string, unknown> & { cost?: Record<string, unknown> };
  [key: string]: unknown;
};

export type ListWorkflowsParams = QueryOf<'listWorkflows'>;
export type QueryLogsParams = QueryOf<'queryLogs'>;
export type ListAuditLogsParams = QueryOf<'listAuditLogs'>;

/** Options of the raw `executeWorkflow`. */
export interface ExecuteWorkflowOptions extends RequestOptions {
  /** The workflow input; sent as top-level JSON body fields. */
  input?: Record<string, unknown>;
  /** Queue the run (`X-Execution-Mode: async`) and get a 202 receipt. */
  async?: boolean;
  selectedOutputs?: string[];
  triggerType?: string;
  /** Client-chosen run id, sent as `X-Execution-Id` (honoured by current servers). */
  executionId?: string;
}

/** How a run ended, or `paused` (not finished, not failed): it waits for a person, or (at the deadline) for its time. */
export type RunStatus = 'completed' | 'failed' | 'cancelled' | 'paused';

/** Every status a run can have, as `onStatus` reports it while a run is watched (the same on every server). */
export type RunState = ExecutionStatus;

/** What is needed to resume a paused run (`client.resumeRun(workflowId, executionId, { contextId, input })`). */
export interface RunPause {
  /** The pause point to resume: the pausing block's id (outside loops and parallels). */
  contextId: string;
  /** `human`: someone must act (resume it); `time`: it resumes by itself at `resumeAt`; null: the server did not say. */
  pauseKind: 'human' | 'time' | null;
  resumeAt: string | null;
  /** The block the run waits on. */
  blockId: string | null;
}

export interface RunResult {
  executionId: string;
  jobId?: string;
  status: RunStatus;
  /** The workflow's own output (job envelope unwrapped; a Response block's body). */
  output: unknown;
  error: string | null;
  durationMs: number;
  /** Present for Response-block workflows: the status and headers their answer carried. */
  response?: { status: number; headers: Record<string, string> };
  /** Set when `status` is `paused`: what a resume needs. `output` then holds the pausing block's output, when known. */
  paused?: RunPause;
}

/** One look at a run (`client.getRun`): its status now, its output once it has ended (or the pausing block's, when paused). */
export interface RunSnapshot {
  workflowId: string;
  executionId: string;
  /** The job id, where the run has one (v1 async runs). */
  jobId?: string;
  status: RunState;
  /** True once the run has ended (completed, failed or cancelled); a paused run is not done. */
  done: boolean;
  output: unknown;
  error: string | null;
  /** Null while the run goes on. */
  durationMs: number | null;
  response?: { status: number; headers: Record<string, string> };
  /** Set while the run is paused: what a resume needs. */
  paused?: RunPause;
}

/** How a watch treats pauses: a time pause is always waited through (until the deadline). */
export interface PauseOptions {
  /**
   * Keep waiting while the run waits for a person, until the deadline (default false: the run resolves with
   * `status: 'paused'` as soon as it pauses for a person). At the deadline a paused run resolves as `paused`, never cancelled.
   */
  waitThroughHumanPause?: boolean;
}

export interface WaitForRunOptions extends PauseOptions {
  /** Overall deadline in ms (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called on each status change (first status included). */
  onStatus?: (status: RunState, snapshot: JobStatus | ExecutionView) => void;
  /** The run's job id, where it has one: needed only on the March 2026 server, which has no execution resource. */
  jobId?: string;
  /**
   * When the run was queued (client clock, ms), if it was just now: a 404 within 10 s of it means "not visible yet".
   * Default: the run was started earlier, so an unknown id is reported at once.
   */
  enqueuedAt?: number;
}

export interface WaitForJobOptions extends Omit<WaitForRunOptions, 'jobId'> {
  /** The run's workflow, when known (saves reading the job first). */
  workflowId?: string;
  /** The run's execution id, when known. */
  executionId?: string;
}

export interface RunWorkflowOptions extends PauseOptions {
  input?: Record<string, unknown>;
  selectedOutputs?: string[];
  triggerType?: string;
  /** Overall deadline for queue + wait in ms (default 10 minutes). */
  timeoutMs?: number;
  /** Cancel the remote run when the deadline passes (default true). */
  cancelOnTimeout?: boolean;
  /** The longest the cancel that follows an abort or a timeout may take, retries included, in ms (default 15 000). */
  cancelTimeoutMs?: number;
  signal?: AbortSignal;
  onStatus?: (status: RunState, snapshot: JobStatus | ExecutionView) => void;
  /** Fires as soon as the server accepted the run; `jobId` only where the server has jobs (v1). */
  onQueued?: (info: { jobId?: string; executionId: string }) => void;
}

/** Options of `client.startWorkflow`: queue a run without waiting for it. */
export interface StartWorkflowOptions {
  input?: Record<string, unknown>;
  triggerType?: string;
  /** Deadline of the queueing request in ms (default: the client's timeoutMs). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A run the server accepted (`client.startWorkflow`): follow it with `waitForRun` / `getRun` by its execution id. */
export interface QueuedRun {
  workflowId: string;
  executionId: string;
  /** Where the server has jobs (v1): the job id, for those who follow runs by it. */
  jobId?: string;
  /** `queued`; or the run's end, on the rare server that runs it at once. */
  status: 'queued' | RunStatus;
  /** The run's result, when the server ran it at once and answered with it. */
  result?: RunResult;
}

export interface RunWorkflowSyncOptions extends PauseOptions {
  input?: Record<string, unknown>;
  selectedOutputs?: string[];
  triggerType?: string;
  /** Request deadline in ms (default 51 minutes: Sim allows sync runs up to 50). */
  timeoutMs?: number;
  /** Cancel the remote run when the deadline passes (default true). */
  cancelOnTimeout?: boolean;
  /** The longest the cancel that follows an abort or a timeout may take, retries included, in ms (default 15 000). */
  cancelTimeoutMs?: number;
  signal?: AbortSignal;
  /** Client-chosen run id (default: a fresh UUID), sent as `X-Execution-Id`. */
  executionId?: string;
  /** Called with the new `X-Execution-Id` when a rate-limited attempt is retried under a new id (the old one is spent). */
  onExecutionId?: (executionId: string) => void;
}

export interface StreamWorkflowOptions {
  input?: Record<string, unknown>;
  selectedOutputs?: string[];
  triggerType?: string;
  signal?: AbortSignal;
  /** Client-chosen run id (default: a fresh UUID), sent as `X-Execution-Id`. */
  executionId?: string;
  /** Called with the new `X-Execution-Id` when a rate-limited attempt is retried under a new id (the old one is spent). */
  onExecutionId?: (executionId: string) => void;
  /** Deadline for the whole stream in ms (default 51 minutes). */
  timeoutMs?: number;
  /** Cancel the remote run when the caller aborts (default true). */
  cancelOnAbort?: boolean;
  /** Cancel the remote run when the deadline (`timeoutMs`) passes (default true). */
  cancelOnTimeout?: boolean;
  /** The longest the cancel that follows an abort or a timeout may take, retries included, in ms (default 15 000). */
  cancelTimeoutMs?: number;
}

export type StreamEvent =
  | { type: 'chunk'; blockId: string; chunk: string }
  | { type: 'final'; data: unknown }
  | { type: 'error'; error: string };

/** What a workflow input holds, whatever spelling the server used for its type. */
export type WorkflowInputKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'file';

/** A normalised workflow input field. */
export interface WorkflowInputField {
  name: string;
  /** The type as the server reports it, e.g. `number`, `files`, `file[]`. */
  type: string;
  /** The type's kind: platforms map this to their own field types. */
  kind: WorkflowInputKind;
  description?: string;
}

/**
 * Run status as v1's execution resource (docs/sim-server-versions.md) and v2's run resource report it; only the last
 * three are final.
 */
export type ExecutionStatus =
  | 'queued'
  | 'pending'
  | 'running'
  | 'paused'
  | 'redacting'
  | 'completed'
  | 'failed'
  | 'cancelled';

/** Why and where a run is paused (`paused` of the execution resource). */
export interface ExecutionPause {
  /** What a resume must name: the pausing block's id (outside loops and parallels). */
  contextId: string;
  pausedAt?: string | null;
  /** When a time pause resumes by itself; null for a human pause. */
  resumeAt?: string | null;
  pauseKind?: 'human' | 'time' | null;
  blockedOnBlockId?: string | null;
  [key: string]: unknown;
}

/**
 * `GET /api/workflows/{id}/executions/{executionId}`: the truth about one run
 * (packages/emulator/recordings/sim-server-facts.md §F, §G).
 */
export interface ExecutionView {
  executionId: string;
  workflowId: string;
  status: ExecutionStatus;
  trigger?: string | null;
  level?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  totalDurationMs?: number | null;
  paused?: ExecutionPause | null;
  cost?: { total?: number; [key: string]: unknown } | null;
  error?: unknown;
  /** The workflow's output; only with `includeOutput` and only once the run has finished (null while paused). */
  finalOutput?: unknown;
  /** With `selectedOutputs`: keyed by each selector verbatim (`<blockId>` or `<blockId>.<path>`); null without. */
  blockOutputs?: Record<string, unknown> | null;
  [key: string]: unknown;
}

export interface GetExecutionOptions extends RequestOptions {
  /** Adds `finalOutput` once the run has finished. */
  includeOutput?: boolean;
  /** Block outputs to return in `blockOutputs`: `<blockId>` or `<blockId>.<path>` (block names select nothing). */
  selectedOutputs?: readonly string[];
}

/** Options of `client.resumeRun`. */
export interface ResumeRunOptions extends PauseOptions {
  /** The pause point to resume (`paused.contextId` of the paused RunResult). */
  contextId: string;
  /** What the person submits (the Human block's input fields, e.g. `{ approved: true }`). */
  input?: Record<string, unknown>;
  /** Deadline of the resume request plus the wait, in ms (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Wait for the resumed run (default true). `false`: resolve as soon as the server accepted the resume. */
  wait?: boolean;
  /** Told the server's receipt as soon as it accepted the resume (before the wait): e.g. how the run was first started (`origin`). */
  onResumed?: (receipt: ResumeReceipt) => void;
  onStatus?: (status: RunState, snapshot: JobStatus | ExecutionView) => void;
}

/** What the server answered to a resume (`wait: false`). The resumed run keeps the ORIGINAL execution id. */
export interface ResumeReceipt {
  /** The original run's execution id: watch and read the result through it. */
  executionId: string;
  /** The id the resume answer names, for reference only: the server cannot look it up. */
  resumeExecutionId: string | null;
  /** The resume's own job (`run_…`), answered for runs that started async. */
  jobId: string | null;
  /** HTTP status of the resume answer: 202 (async-origin run) or 200 (sync- or stream-origin run, already finished). */
  httpStatus: number;
  /**
   * How the run was first started, which is how the server answered the resume
   * (packages/emulator/recordings/sim-server-facts.md §G.8).
   */
  origin: 'async' | 'sync' | 'stream';
}

/** One paused run of a workflow (`client.listPausedRuns`). */
export interface PausedRun extends RunPause {
  executionId: string;
  workflowId: string;
  pausedAt: string | null;
  /** The pausing block's output (for a Human block: the form a person fills in). */
  response: unknown;
  /** The server's own record (`GET /api/workflows/{id}/paused`). */
  raw: Record<string, unknown>;
}
