// The protocol seam: everything that differs between Sim servers (v1 on a current server, v1 on the March 2026
// server, v2) sits behind this one interface, chosen once per client (detect.ts). The run orchestration in runs/
// is written once, on top of it. A server that lacks a capability says so in this type (`resume: null`,
// `hasRunRecord: false`), so a caller that forgets the case does not compile.
import type { RequestContext, SendResult } from '../request.js';
import type { BucketKind } from '../rate/bucket.js';
import type {
  CancelExecutionResult,
  ExecutionStatus,
  ExecutionView,
  JobStatus,
  RequestOptions,
  ResumeReceipt,
  RunPause,
  RunResult,
} from '../types.js';

export type RunMode = 'sync' | 'async' | 'stream';

/** Which protocol a client speaks to its server (see docs/sim-server-versions.md). */
export type ProtocolName = 'v1' | 'v1-2026-03' | 'v2';

/** A run, known by its execution id on every server; `jobId` only where the server answered one (v1 async runs). */
export interface RunRef {
  workflowId: string;
  executionId: string;
  jobId?: string | undefined;
}

export interface ExecuteAttempt {
  workflowId: string;
  input: Record<string, unknown>;
  mode: RunMode;
  /** The client's id for this attempt (`X-Execution-Id` / `X-Run-Id`): a new one after every 429. */
  executionId: string;
  /** Stream only, where the server keeps no run record: the server narrows the final frame itself. */
  selectedOutputs?: string[] | undefined;
  triggerType?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
}

export type ExecuteAnswer =
  /** A sync run answered with its result. The answer may hide a pause (runs/pause.ts confirms it). */
  | { kind: 'answered'; result: RunResult }
  /** The run was queued (async), or accepted without its result yet: watch it. */
  | { kind: 'queued'; ref: RunRef }
  /** A stream to iterate (`res.stream`). */
  | { kind: 'stream'; res: SendResult; executionId: string };

/** One read of a run, the same shape on every server. */
export interface RunView {
  status: ExecutionStatus;
  /** Set once the run has ended (completed, failed or cancelled). */
  result: RunResult | null;
  /** Set while the run is paused. */
  paused: RunPause | null;
  /** The selected block outputs, keyed by each selector as sent; null unless asked for. */
  blockOutputs: Record<string, unknown> | null;
  /** What the server answered. */
  snapshot: ExecutionView | JobStatus;
}

export interface ReadOptions extends RequestOptions {
  /** Include the final output once the run has ended. */
  includeOutput?: boolean;
  /** `<blockId>` or `<blockId>.<path>` selectors (block names select nothing). */
  selectedOutputs?: readonly string[] | undefined;
  /** When the run started (client clock): its duration where the server does not report one. */
  startedAt?: number | undefined;
}

export interface ResumeRequest {
  contextId: string;
  input: Record<string, unknown>;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
}

export interface RunProtocol {
  readonly name: ProtocolName;
  /** The rate bucket an execute in this mode spends (recorded: v1 charges async runs to the sync bucket, v2 to the async one). */
  bucketOf(mode: RunMode): BucketKind;
  /** Sends one execute attempt and never retries it. Error answers throw (a 429 is a SimRateLimitError). */
  execute(attempt: ExecuteAttempt): Promise<ExecuteAnswer>;
  /**
   * Whether an error of `execute` means the run cannot have started, so that the attempt may be sent again under a new
   * id: then how long the server asked to wait (undefined when it did not say); null when it may not be sent again.
   */
  notStarted(err: unknown): { retryAfterMs: number | undefined } | null;
  /** One read of a run. */
  readRun(ref: RunRef, options: ReadOptions): Promise<RunView>;
  cancel(ref: RunRef, options: RequestOptions): Promise<CancelExecutionResult>;
  /** Resumes a run paused for a person; null where no pause can be seen (the March 2026 server: no run records). */
  readonly resume: ((ref: RunRef, request: ResumeRequest) => Promise<ResumeReceipt>) | null;
  /**
   * Whether the server keeps a record of every run, readable by execution id right after any answer (v1's execution
   * resource, v2's run): what selected outputs are read from and what confirms an answer that can hide a pause.
   */
  readonly hasRunRecord: boolean;
  /** Whether the server honours the client's execution id on sync and stream runs (the March 2026 server picks its own). */
  readonly honoursExecutionId: boolean;
  /** Whether the server serves a workflow's deployment state and version list (v2 only; management.ts). */
  readonly hasDeploymentReads: boolean;
}

/** What a protocol needs from its client. */
export interface ProtocolContext {
  ctx: RequestContext;
  /** Whether this client asked the server to cancel the run (a March job then reads `completed` + `success:false`). */
  wasCancelRequested(executionId: string | undefined): boolean;
}

/** Statuses after which a run never changes. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
