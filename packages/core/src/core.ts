// The private state behind a SimClient: the request context, the protocol chosen for its server, its rate gate, and the
// runs it asked to cancel. What the run orchestration (runs/) works with; never exported from the package root.
import { SimError } from './errors.js';
import { ProtocolChooser, type ApiVersion } from './protocol/detect.js';
import type { ProtocolContext, RunProtocol, RunRef } from './protocol/protocol.js';
import { RateGate } from './rate/gate.js';
import { requireJson, send, type RequestContext } from './request.js';
import type { UsageLimits } from './types.js';

/** Sync runs may last up to 50 minutes on Sim: the default deadline of sync execute and streams. */
export const SYNC_RUN_TIMEOUT_MS = 51 * 60_000;
/** Default deadline of runWorkflow and the waits. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;
/** Default per-request timeout of API calls. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default bound of the cancel that follows an abort or a timeout (`cancelTimeoutMs`), retries included. */
export const CANCEL_TIMEOUT_MS = 15_000;

const CANCEL_MEMORY = 1000;

export interface Core extends ProtocolContext {
  ctx: RequestContext;
  /** The run protocol for this client's server: forced by `apiVersion`, or detected on first use and cached. */
  protocol(workflowId: string, signal?: AbortSignal): Promise<RunProtocol>;
  readonly apiVersion: ApiVersion;
  /** Every execute attempt passes it (rate/gate.ts). */
  rate: RateGate;
  newExecutionId(): string;
  /** Remembers that this client asked the server to cancel `executionId`. */
  markCancelRequested(executionId: string): void;
  /**
   * Best-effort cancel with its own deadline (the caller's signal is usually aborted already): `timeoutMs` (default
   * CANCEL_TIMEOUT_MS) bounds the whole cancel, retries included. Resolves true when the server confirmed it.
   */
  cancelQuietly(protocol: RunProtocol, ref: RunRef, timeoutMs?: number): Promise<boolean>;
}

export function createCore(
  ctx: RequestContext,
  options: { apiVersion: ApiVersion; newExecutionId: () => string },
): Core {
  const cancelRequested = new Set<string>();
  const markCancelRequested = (id: string): void => {
    cancelRequested.add(id);
    if (cancelRequested.size > CANCEL_MEMORY) cancelRequested.delete(cancelRequested.values().next().value as string);
  };
  const wasCancelRequested = (id: string | undefined): boolean =>
    id !== undefined && id !== '' && cancelRequested.has(id);
  const chooser = new ProtocolChooser({ ctx, wasCancelRequested }, options.apiVersion);
  const readLimits = async (signal: AbortSignal | undefined): Promise<UsageLimits> => {
    const path = '/api/users/me/usage-limits';
    const res = await send(ctx, {
      operation: 'getUsageLimits',
      method: 'GET',
      path,
      retry: 'idempotent',
      timeoutMs: 15_000,
      maxRetries: 1,
      signal,
    });
    return requireJson<UsageLimits>(ctx, res, 'GET', path, 'getUsageLimits');
  };
  return {
    ctx,
    apiVersion: options.apiVersion,
    protocol: (workflowId, signal) => chooser.protocol(workflowId, signal),
    rate: new RateGate(ctx, readLimits),
    newExecutionId: options.newExecutionId,
    markCancelRequested,
    wasCancelRequested,
    cancelQuietly: async (protocol, ref, timeoutMs = CANCEL_TIMEOUT_MS) => {
      markCancelRequested(ref.executionId);
      // One budget for the whole cancel: the attempt's own timeout, and a deadline that also cuts retries and their backoff.
      const budget = new AbortController();
      const stopBudget = ctx.deadlines.add(timeoutMs, () =>
        budget.abort(new SimError(`The cancel took longer than ${timeoutMs} ms.`)),
      );
      try {
        const res = await protocol.cancel(ref, { timeoutMs, signal: budget.signal });
        return res.success === true;
      } catch (err) {
        ctx.logger?.debug('sim cancel failed', {
          workflowId: ref.workflowId,
          executionId: ref.executionId,
          error: err instanceof Error ? err.message : String(err),
        });
        return false;
      } finally {
        stopBudget();
      }
    },
  };
}
