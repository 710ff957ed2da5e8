// Public types, derived from the generated OpenAPI types (src/generated/openapi.ts, from
// openapi/sim-openapi.json) and widened where the real server (recorded) differs from the spec.
import type { components, operations } from './generated/openapi.js';

export type { components, operations, paths } from './generated/openapi.js';

type Schemas = components['schemas'];
type Json200<Op extends keyof operations> = operations[Op]['responses'] extends { 200: { content: { 'application/json': infer B } } } ? B : never;
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

export type RunStatus = 'completed' | 'failed' | 'cancelled';

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
}

export interface JobResult extends RunResult {
  jobId: string;
  /** The last job status body as read from the server. */
  job: JobStatus;
}

export interface WaitForJobOptions {
  /** Overall deadline in ms (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called on each status change (first status included). */
  onStatus?: (status: JobState, job: JobStatus) => void;
  /** The run's execution id, when known (reported in errors and results). */
  executionId?: string;
  /** When the job was queued (client clock, ms); starts the 404 grace window. Default: now. */
  enqueuedAt?: number;
}

export interface RunWorkflowOptions {
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
  onStatus?: (status: JobState, job: JobStatus) => void;
  /** Fires as soon as the 202 receipt arrives. */
  onQueued?: (info: { jobId: string; executionId: string }) => void;
}

export interface RunWorkflowSyncOptions {
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

/** Run status as the execution resource (v1, since May 2026) and v2's run resource report it; only the last three are final. */
export type ExecutionStatus = 'queued' | 'pending' | 'running' | 'paused' | 'redacting' | 'completed' | 'failed' | 'cancelled';

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

/** `GET /api/workflows/{id}/executions/{executionId}`: the truth about one run (recorded, facts F and G). */
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
