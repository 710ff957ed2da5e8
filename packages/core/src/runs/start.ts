// Starting a run: the one place an execute is sent, and sent again. Execute is not idempotent, so an attempt is repeated
// only when the run cannot have started: after a 429 (or v2's 503 with Retry-After), under a NEW execution id (Sim
// spends the id of a rate-limited attempt: packages/emulator/recordings/sim-server-facts.md §A), once the
// rate gate says the bucket has a token again; or when the request never reached the server (same id).
import type { Core } from '../core.js';
import { SimConnectionError, SimRateLimitError } from '../errors.js';
import { abortableSleep } from '../request.js';
import { retryDelayMs } from '../retry.js';
import type { ExecuteAnswer, RunMode, RunProtocol } from '../protocol/protocol.js';
import type { BucketKind } from '../rate/bucket.js';

/** Attempts of one batch item after execute 429s before its entry reports the SimRateLimitError. */
export const MAX_RATE_LIMITED_LAUNCHES = 20;

export interface StartRequest {
  workflowId: string;
  input: Record<string, unknown>;
  mode: RunMode;
  /** The first attempt's id (default: a new one). */
  executionId?: string | undefined;
  triggerType?: string | undefined;
  /** Stream only, where the server keeps no run record: sent for the server to narrow the final frame. */
  selectedOutputs?: string[] | undefined;
  signal?: AbortSignal | undefined;
  /** Per-attempt request timeout (never past `deadline`). */
  timeoutMs: number;
  /** Waits for the rate limit must end before this (client clock); undefined in a batch, where pacing is the point. */
  deadline?: number | undefined;
  /** Attempts after a rate limit (default: the client's maxRetries). */
  maxRateLimited?: number | undefined;
  /** Told the id of each attempt, the first included, before it is sent. */
  onAttempt?: ((executionId: string) => void) | undefined;
}

export async function startRun(core: Core, protocol: RunProtocol, req: StartRequest): Promise<ExecuteAnswer> {
  return launch(
    core,
    { kind: protocol.bucketOf(req.mode), notStarted: (err) => protocol.notStarted(err), ...req },
    (executionId, timeoutMs) =>
      protocol.execute({
        workflowId: req.workflowId,
        input: req.input,
        mode: req.mode,
        executionId: executionId as string,
        triggerType: req.triggerType,
        selectedOutputs: req.selectedOutputs,
        signal: req.signal,
        timeoutMs,
      }),
  );
}

export interface LaunchRequest {
  workflowId: string;
  kind: BucketKind;
  /** See RunProtocol.notStarted. */
  notStarted: (err: unknown) => { retryAfterMs: number | undefined } | null;
  /** The first attempt's id (default: a new one); null: the attempts carry no id (a raw async execute). */
  executionId?: string | null | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  deadline?: number | undefined;
  maxRateLimited?: number | undefined;
  onAttempt?: ((executionId: string) => void) | undefined;
}

/** The loop behind every execute (the runs' and the raw `executeWorkflow`'s): see the top of this file. */
export async function launch<T>(
  core: Core,
  req: LaunchRequest,
  attempt: (executionId: string | undefined, timeoutMs: number) => Promise<T>,
): Promise<T> {
  const { ctx } = core;
  const maxRateLimited = req.maxRateLimited ?? ctx.maxRetries;
  let executionId = req.executionId === null ? undefined : (req.executionId ?? core.newExecutionId());
  let limited = 0;
  let unreached = 0;
  for (;;) {
    await core.rate.acquire(req.kind, req.signal, req.deadline);
    if (executionId !== undefined) req.onAttempt?.(executionId);
    try {
      const timeoutMs =
        req.deadline === undefined ? req.timeoutMs : Math.max(1, Math.min(req.timeoutMs, req.deadline - ctx.now()));
      const answer = await attempt(executionId, timeoutMs).finally(() => core.rate.settled(req.kind));
      core.rate.accepted(req.kind);
      return answer;
    } catch (err) {
      const notStarted = req.notStarted(err);
      if (notStarted) {
        const rateLimited = err instanceof SimRateLimitError;
        const refill = rateLimited
          ? await core.rate.rateLimited(req.kind, notStarted.retryAfterMs, req.signal)
          : undefined;
        if (
          limited >= maxRateLimited ||
          (req.deadline !== undefined && ctx.now() + (refill?.waitMs ?? 0) > req.deadline)
        ) {
          throw rateLimited && refill ? err.withRetryAfter(refill.waitMs, refill.source) : err;
        }
        ctx.logger?.debug('sim execute not started, sending it again under a new execution id', {
          workflowId: req.workflowId,
          status: (err as { status?: number }).status,
        });
        // after a 429 the gate holds the next attempt until the refill; anything else waits the policy's delay
        if (!rateLimited)
          await abortableSleep(ctx, retryDelayMs(limited, ctx.random, notStarted.retryAfterMs), req.signal);
        limited++;
        if (executionId !== undefined) executionId = core.newExecutionId();
        continue;
      }
      if (err instanceof SimConnectionError && !err.mayHaveReachedServer && unreached < ctx.maxRetries) {
        // never reached the server (refused, DNS): the same attempt, the same id
        await abortableSleep(ctx, retryDelayMs(unreached++, ctx.random), req.signal);
        continue;
      }
      throw err;
    }
  }
}
