// Sim's v2 run API (`/api/v2/workflows/{id}/…`, served where the server enables it; docs/sim-server-versions.md): input
// nested under `input`, `{data}` and `{error:{code, message, details}}` envelopes, failed runs as HTTP 200 with
// `status:"failed"`, `X-Run-Id` as the client's run id (the same id v1 calls the execution id), no job ids.
// Recorded: packages/emulator/recordings/sim-server-facts.md §E, §G, §2026-12-03.
import { SimApiError, SimInternalServerError, SimNotFoundError, SimRateLimitError, isRecord } from '../errors.js';
import { pathId } from '../inputs.js';
import { unwrapResponseBlock } from '../normalize.js';
import { apiErrorFrom, requireJson, send, type SendResult } from '../request.js';
import { parseRetryAfterMs } from '../retry.js';
import type { BucketKind } from '../rate/bucket.js';
import type { CancelExecutionResult, ExecutionView, RequestOptions, ResumeReceipt, RunResult } from '../types.js';
import { errorText, runViewOfRecord } from './execution-view.js';
import type {
  ExecuteAnswer,
  ExecuteAttempt,
  ProtocolContext,
  ReadOptions,
  ResumeRequest,
  RunMode,
  RunProtocol,
  RunRef,
  RunView,
} from './protocol.js';

type V2Operation = 'executeWorkflow' | 'getExecution' | 'cancelExecution' | 'resumeRun';

const runPath = (ref: RunRef): string =>
  `/api/v2/workflows/${pathId(ref.workflowId, 'workflowId')}/runs/${pathId(ref.executionId, 'executionId')}`;

/** What a v2 answer holds under `data` (throws the API error for an `{error}` answer). */
function dataOf(
  pc: ProtocolContext,
  res: SendResult,
  method: string,
  path: string,
  operation: V2Operation,
): Record<string, unknown> {
  if (res.status < 200 || res.status >= 300) throw apiErrorFrom(pc.ctx, { ...res, method, path, operation });
  const body = requireJson<Record<string, unknown>>(pc.ctx, res, method, path, operation);
  return isRecord(body['data']) ? body['data'] : {};
}

/** A v2 run as the record the v1 execution resource answers (`runId` → `executionId`, `output` → `finalOutput`). */
export function executionViewOfRun(run: Record<string, unknown>, workflowId: string): ExecutionView {
  const err = run['error'];
  return {
    ...run,
    executionId: String(run['runId'] ?? ''),
    workflowId: typeof run['workflowId'] === 'string' ? run['workflowId'] : workflowId,
    status: run['status'] as ExecutionView['status'],
    totalDurationMs: typeof run['durationMs'] === 'number' ? run['durationMs'] : null,
    paused: isRecord(run['paused']) ? (run['paused'] as ExecutionView['paused']) : null,
    error: isRecord(err) && typeof err['message'] === 'string' ? err['message'] : (err ?? null),
    finalOutput: run['output'] ?? null,
    blockOutputs: isRecord(run['blockOutputs']) ? run['blockOutputs'] : null,
  };
}

/**
 * The error text of a v2 run answer. A sync answer's `error.message` lacks the block-name prefix the run record and v1
 * give (`Function: Line 1: …`; packages/emulator/recordings/sim-server-facts.md §O2): it is put back, so one failure
 * reads the same on every path.
 */
function v2ErrorText(error: unknown): string | undefined {
  const message = errorText(error);
  if (message === undefined || !isRecord(error)) return message;
  const block = typeof error['blockName'] === 'string' && error['blockName'] ? error['blockName'] : undefined;
  return block && !message.startsWith(`${block}:`) ? `${block}: ${message}` : message;
}

/** A v2 sync answer (`{data:{runId, status, output, error, …}}`) as a RunResult. */
function resultOfRunAnswer(data: Record<string, unknown>, runId: string, elapsedMs: number): RunResult {
  const status = data['status'];
  const executionId = typeof data['runId'] === 'string' ? data['runId'] : runId;
  const durationMs = typeof data['durationMs'] === 'number' ? Math.round(data['durationMs']) : elapsedMs;
  if (status === 'failed' || status === 'cancelled') {
    const fallback =
      status === 'cancelled' ? 'Cancelled' : 'The workflow run failed (no error message from the server).';
    return {
      executionId,
      status,
      output: data['output'] ?? null,
      error: v2ErrorText(data['error']) ?? fallback,
      durationMs,
    };
  }
  if (status === 'paused')
    return { executionId, status: 'paused', output: data['output'] ?? null, error: null, durationMs };
  const unwrapped = unwrapResponseBlock(data['output'] ?? null);
  const result: RunResult = {
    executionId,
    status: 'completed',
    output: unwrapped.output ?? null,
    error: null,
    durationMs,
  };
  if (unwrapped.response) result.response = unwrapped.response;
  return result;
}

/** The run id an ambiguous answer names (503 `ASYNC_ENQUEUE_AMBIGUOUS`, 499 `CLIENT_CLOSED_REQUEST`). */
function ambiguousRunId(res: SendResult): string | undefined {
  if (res.status !== 503 && res.status !== 499) return undefined;
  const err = isRecord(res.json) ? res.json['error'] : undefined;
  const details = isRecord(err) ? err['details'] : undefined;
  return isRecord(details) && typeof details['runId'] === 'string' ? details['runId'] : undefined;
}

export class V2Protocol implements RunProtocol {
  readonly name = 'v2' as const;
  readonly hasRunRecord = true;
  readonly honoursExecutionId = true;
  readonly hasDeploymentReads = true;
  readonly resume = (ref: RunRef, request: ResumeRequest): Promise<ResumeReceipt> => this.#resume(ref, request);
  readonly #pc: ProtocolContext;

  constructor(pc: ProtocolContext) {
    this.#pc = pc;
  }

  /** v2 charges async executes to the async bucket (recorded 2026-12-03), sync and stream ones to the sync bucket. */
  bucketOf(mode: RunMode): BucketKind {
    return mode === 'async' ? 'async' : 'sync';
  }

  async execute(a: ExecuteAttempt): Promise<ExecuteAnswer> {
    const { ctx } = this.#pc;
    const path = `/api/v2/workflows/${pathId(a.workflowId, 'workflowId')}/execute`;
    const body: Record<string, unknown> = { input: a.input };
    if (a.mode === 'async') body['async'] = true;
    if (a.mode === 'stream') body['stream'] = true;
    if (a.mode === 'stream' && a.selectedOutputs?.length) body['selectedOutputs'] = a.selectedOutputs;
    if (a.triggerType !== undefined) body['triggerType'] = a.triggerType;
    const started = ctx.now();
    const res = await send(ctx, {
      operation: 'executeWorkflow',
      method: 'POST',
      path,
      body,
      headers: { 'x-run-id': a.executionId },
      retry: 'none',
      throwOnError: false,
      signal: a.signal,
      timeoutMs: a.timeoutMs,
      responseType: a.mode === 'stream' ? 'stream' : 'text',
    });
    const ambiguous = ambiguousRunId(res);
    if (ambiguous !== undefined) {
      // 503 ASYNC_ENQUEUE_AMBIGUOUS / 499: the run may or may not exist. Reconcile by its id, never send blind.
      try {
        await this.readRun({ workflowId: a.workflowId, executionId: ambiguous }, { signal: a.signal, maxRetries: 1 });
        return { kind: 'queued', ref: { workflowId: a.workflowId, executionId: ambiguous } };
      } catch (err) {
        if (!(err instanceof SimNotFoundError)) throw err;
        // not enqueued: `notStarted` lets it be sent again, with a new id
      }
    }
    if (a.mode === 'stream' && res.status >= 200 && res.status < 300)
      return { kind: 'stream', res, executionId: a.executionId };
    const data = dataOf(this.#pc, res, 'POST', path, 'executeWorkflow');
    const runId = typeof data['runId'] === 'string' ? data['runId'] : a.executionId;
    if (
      res.status === 202 ||
      data['status'] === 'queued' ||
      data['status'] === 'running' ||
      data['status'] === 'pending' ||
      data['status'] === undefined
    ) {
      return { kind: 'queued', ref: { workflowId: a.workflowId, executionId: runId } };
    }
    return { kind: 'answered', result: resultOfRunAnswer(data, runId, ctx.now() - started) };
  }

  /**
   * A 429, a 503 with Retry-After, or an ambiguous 503/499 whose run was not found: the run never started. v2 429s name
   * the time to the bucket's refill in Retry-After (recorded 2026-12-03).
   */
  notStarted(err: unknown): { retryAfterMs: number | undefined } | null {
    if (err instanceof SimRateLimitError) return { retryAfterMs: err.retryAfterMs };
    if (err instanceof SimInternalServerError && err.operation === 'executeWorkflow' && err.status === 503) {
      const retryAfterMs = parseRetryAfterMs(err.headers, this.#pc.ctx.now());
      if (retryAfterMs !== undefined || err.code === 'ASYNC_ENQUEUE_AMBIGUOUS') return { retryAfterMs };
    }
    if (err instanceof SimApiError && err.status === 499 && err.code === 'CLIENT_CLOSED_REQUEST')
      return { retryAfterMs: undefined };
    return null;
  }

  async readRun(ref: RunRef, options: ReadOptions): Promise<RunView> {
    const path = runPath(ref);
    const res = await send(this.#pc.ctx, {
      operation: 'getExecution',
      method: 'GET',
      path,
      retry: 'idempotent',
      throwOnError: false,
      query: {
        includeOutput: options.includeOutput ? true : undefined,
        selectedOutputs: options.selectedOutputs?.length ? options.selectedOutputs : undefined,
      },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
    const view = executionViewOfRun(dataOf(this.#pc, res, 'GET', path, 'getExecution'), ref.workflowId);
    return runViewOfRecord(view, ref, options.startedAt === undefined ? 0 : this.#pc.ctx.now() - options.startedAt);
  }

  /** `POST …/runs/{runId}/cancel`, answered like v1's cancel (`executionId` = the run id). */
  async cancel(ref: RunRef, options: RequestOptions): Promise<CancelExecutionResult> {
    const path = `${runPath(ref)}/cancel`;
    const res = await send(this.#pc.ctx, {
      operation: 'cancelExecution',
      method: 'POST',
      path,
      retry: 'idempotent',
      throwOnError: false,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
    const data = dataOf(this.#pc, res, 'POST', path, 'cancelExecution');
    return { ...data, success: data['success'] === true, executionId: ref.executionId } as CancelExecutionResult;
  }

  /**
   * `POST …/runs/{runId}/resume {contextId, input}`: the answer's new run id is for reference only
   * (packages/emulator/recordings/sim-server-facts.md §G.9).
   */
  async #resume(ref: RunRef, request: ResumeRequest): Promise<ResumeReceipt> {
    const path = `${runPath(ref)}/resume`;
    const res = await send(this.#pc.ctx, {
      operation: 'resumeRun',
      method: 'POST',
      path,
      body: { contextId: request.contextId, input: request.input },
      retry: 'once',
      throwOnError: false,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
    });
    if (res.status >= 200 && res.status < 300 && /event-stream/i.test(res.headers['content-type'] ?? '')) {
      // a stream-origin run answers with its SSE; the result is read through the original run id
      return {
        executionId: ref.executionId,
        resumeExecutionId: res.headers['x-run-id'] ?? null,
        jobId: null,
        httpStatus: res.status,
        origin: 'stream',
      };
    }
    const data = dataOf(this.#pc, res, 'POST', path, 'resumeRun');
    return {
      executionId: ref.executionId,
      resumeExecutionId: typeof data['runId'] === 'string' ? data['runId'] : null,
      jobId: null,
      httpStatus: res.status,
      origin: res.status === 202 ? 'async' : 'sync',
    };
  }
}
