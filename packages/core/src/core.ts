// What the higher-level helpers (wait, run, stream) need from a client, kept private to the package.
import type { ServerCapabilities } from './capabilities.js';
import type { RequestContext } from './request.js';
import type { ExecutionView, GetExecutionOptions, JobStatus, RequestOptions } from './types.js';

export interface Core {
  ctx: RequestContext;
  /** What the server offers (detected once per client, cached). */
  capabilities: ServerCapabilities;
  newExecutionId(): string;
  /** Remembers that this client asked the server to cancel `executionId`. */
  markCancelRequested(executionId: string): void;
  wasCancelRequested(executionId: string | undefined): boolean;
  getJobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus>;
  getExecution(workflowId: string, executionId: string, options?: GetExecutionOptions): Promise<ExecutionView>;
  /**
   * Best-effort cancel with its own deadline (the caller's signal is usually aborted already):
   * `timeoutMs` (default CANCEL_TIMEOUT_MS) bounds the whole cancel, retries included.
   */
  cancelQuietly(workflowId: string, executionId: string, timeoutMs?: number): Promise<boolean>;
}

/** Sync runs may last up to 50 minutes on Sim: the default deadline of sync execute and streams. */
export const SYNC_RUN_TIMEOUT_MS = 51 * 60_000;
/** Default deadline of waitForJob / runWorkflow. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default bound of the cancel that follows an abort or a timeout (`cancelTimeoutMs`), retries included. */
export const CANCEL_TIMEOUT_MS = 15_000;
