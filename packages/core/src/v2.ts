// The v2 run API (`/api/v2/workflows/{id}/…`, facts E and G), behind the same client methods as v1 when the server
// has it on (ServerCapabilities.v2): input nested under `input`, `{data}` / `{error:{code,message}}` envelopes, failed
// runs as HTTP 200 `status: "failed"`, `X-Run-Id` as the client's run id (the same id v1 calls the execution id).
import { DEFAULT_WAIT_TIMEOUT_MS, SYNC_RUN_TIMEOUT_MS, type Core } from './core.js';
import { SimAbortError, SimApiError, SimConnectionError, SimNotFoundError, SimTimeoutError, isRecord } from './errors.js';
import { pathId, validateInput, validateStringArray, validateTimeout } from './inputs.js';
import { unwrapResponseBlock } from './normalize.js';
import { abortableSleep, apiErrorFrom, requireJson, send, type SendResult } from './request.js';
import { parseRetryAfterMs } from './retry.js';
import type { CancelExecutionResult, ExecutionView, GetExecutionOptions, RequestOptions, ResumeReceipt, RunResult, RunWorkflowOptions, RunWorkflowSyncOptions } from './types.js';
import { POLL } from './wait.js';
import { confirmRun, watchExecution } from './watch.js';

/** What a v2 answer holds under `data` (throws the API error for an `{error}` answer). */
function dataOf(core: Core, res: SendResult, method: string, path: string, operation: 'executeWorkflow' | 'getExecution' | 'cancelExecution' | 'resumeRun'): Record<string, unknown> {
  if (res.status < 200 || res.status >= 300) throw apiErrorFrom(core.ctx, { ...res, method, path, operation });
  const body = requireJson<Record<string, unknown>>(core.ctx, res, method, path, operation);
  return isRecord(body['data']) ? body['data'] : {};
}

/** A v2 run view as the ExecutionView the watchers read (`runId` → `executionId`, `output` → `finalOutput`). */
export function executionViewOfRun(run: Record<string, unknown>, workflowId: string): ExecutionView {
  const err = run['error'];
  return {
    ...run,
    executionId: String(run['runId'] ?? ''),
    workflowId: typeof run['workflowId'] === 'string' ? run['workflowId'] : workflowId,
    status: run['status'] as ExecutionView['status'],
    totalDurationMs: typeof run['durationMs'] === 'number' ? run['durationMs'] : null,
    paused: isRecord(run['paused']) ? (run['paused'] as ExecutionView['paused']) : null,
    error: isRecord(err) && typeof err['message'] === 'string' ? err['message'] : err ?? null,
    finalOutput: run['output'] ?? null,
    blockOutputs: isRecord(run['blockOutputs']) ? run['blockOutputs'] : null,
  };
}

/** `GET /api/v2/workflows/{id}/runs/{runId}` as an ExecutionView. */
export async function getRunV2(core: Core, workflowId: string, runId: string, options: GetExecutionOptions = {}): Promise<ExecutionView> {
  const path = `/api/v2/workflows/${pathId(workflowId, 'workflowId')}/runs/${pathId(runId, 'executionId')}`;
  const res = await send(core.ctx, {
    operation: 'getExecution', method: 'GET', path, retry: 'idempotent', throwOnError: false,
    query: { includeOutput: options.includeOutput ? true : undefined, selectedOutputs: options.selectedOutputs ? options.selectedOutputs.join(',') : undefined },
    signal: options.signal, timeoutMs: validateTimeout(options.timeoutMs), maxRetries: options.maxRetries,
  });
  return executionViewOfRun(dataOf(core, res, 'GET', path, 'getExecution'), workflowId);
}

/** `POST /api/v2/workflows/{id}/runs/{runId}/cancel`, answered like v1's cancel (`executionId` = the run id). */
export async function cancelRunV2(core: Core, workflowId: string, runId: string, options: RequestOptions = {}): Promise<CancelExecutionResult> {
  const path = `/api/v2/workflows/${pathId(workflowId, 'workflowId')}/runs/${pathId(runId, 'executionId')}/cancel`;
  const res = await send(core.ctx, {
    operation: 'cancelExecution', method: 'POST', path, retry: 'idempotent', throwOnError: false,
    signal: options.signal, timeoutMs: validateTimeout(options.timeoutMs), maxRetries: options.maxRetries,
  });
  const data = dataOf(core, res, 'POST', path, 'cancelExecution');
  return { ...data, success: data['success'] === true, executionId: runId } as CancelExecutionResult;
}

/** The run id an ambiguous answer names (503 `ASYNC_ENQUEUE_AMBIGUOUS`, 499 `CLIENT_CLOSED_REQUEST`). */
function ambiguousRunId(res: SendResult): string | undefined {
  if (res.status !== 503 && res.status !== 499) return undefined;
  const err = isRecord(res.json) ? res.json['error'] : undefined;
  const details = isRecord(err) ? err['details'] : undefined;
  return isRecord(details) && typeof details['runId'] === 'string' ? details['runId'] : undefined;
}

/**
 * `POST /api/v2/workflows/{id}/execute` with a client run id (`X-Run-Id`). Retried only when the run cannot have
 * started: after a 429 or a 503 with `Retry-After` (waiting at least that long, plus jitter), with a fresh run id; an
 * ambiguous answer (503/499 naming `details.runId`) is reconciled by reading that run, never retried blind.
 */
async function executeV2(
  core: Core,
  req: { workflowId: string; body: Record<string, unknown>; runId: string; signal?: AbortSignal | undefined; timeoutMs: number; stream?: boolean },
): Promise<{ res: SendResult; runId: string; accepted?: true }> {
  const { ctx } = core;
  const path = `/api/v2/workflows/${pathId(req.workflowId, 'workflowId')}/execute`;
  let runId = req.runId;
  for (let attempt = 0; ; attempt++) {
    let res: SendResult;
    try {
      res = await send(ctx, {
        operation: 'executeWorkflow', method: 'POST', path, body: req.body, headers: { 'x-run-id': runId }, retry: 'none', throwOnError: false,
        signal: req.signal, timeoutMs: req.timeoutMs, responseType: req.stream ? 'stream' : 'text',
      });
    } catch (err) {
      // a request that never reached the server may be sent again, with the same id
      if (err instanceof SimConnectionError && !err.mayHaveReachedServer && attempt < ctx.maxRetries) continue;
      throw err;
    }
    const ambiguous = ambiguousRunId(res);
    if (ambiguous) {
      try {
        await getRunV2(core, req.workflowId, ambiguous, { ...(req.signal ? { signal: req.signal } : {}) });
        return { res, runId: ambiguous, accepted: true }; // it was enqueued: watch it
      } catch (err) {
        if (!(err instanceof SimNotFoundError)) throw err;
        // not enqueued: safe to send again (below), with a new id
      }
    }
    const retryable = res.status === 429 || (res.status === 503 && (ambiguous !== undefined || res.headers['retry-after'] !== undefined));
    if (!retryable || attempt >= ctx.maxRetries) return { res, runId };
    res.release();
    // Retry-After is a floor: add jitter so many clients do not come back at once
    const floor = parseRetryAfterMs(res.headers, ctx.now()) ?? 500 * 2 ** attempt;
    await abortableSleep(ctx, floor + Math.round(ctx.random() * Math.min(1000, Math.max(100, floor * 0.25))), req.signal);
    runId = core.newExecutionId();
  }
}

function bodyOf(input: unknown, extra: Record<string, unknown>): Record<string, unknown> {
  return { input: validateInput(input), ...extra };
}

/** v2 async execute + watch through the run resource. */
export async function runWorkflowV2(core: Core, workflowId: string, options: RunWorkflowOptions = {}): Promise<RunResult> {
  const timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
  const cancelTimeoutMs = validateTimeout(options.cancelTimeoutMs, 'cancelTimeoutMs');
  const { ctx } = core;
  const enqueuedAt = ctx.now();
  let runId = core.newExecutionId();
  const body = bodyOf(options.input, { async: true });
  const path = `/api/v2/workflows/${encodeURIComponent(workflowId)}/execute`;
  try {
    const started = await executeV2(core, { workflowId, body, runId, signal: options.signal, timeoutMs: Math.min(ctx.timeoutMs, timeoutMs) });
    runId = started.runId;
    if (!started.accepted) {
      const data = dataOf(core, started.res, 'POST', path, 'executeWorkflow');
      if (typeof data['runId'] === 'string') runId = data['runId'];
    }
  } catch (err) {
    if (err instanceof SimAbortError || (err instanceof SimTimeoutError && options.cancelOnTimeout !== false)) {
      const cancelled = await core.cancelQuietly(workflowId, runId, cancelTimeoutMs);
      if (err instanceof SimAbortError)
        throw new SimAbortError(`The run of workflow ${workflowId} was aborted while it was being queued${cancelled ? '; it was cancelled on the server' : ''}.`, { executionId: runId, cancelled, cause: err });
      throw new SimTimeoutError(`Queueing the run of workflow ${workflowId} timed out${cancelled ? '; it was cancelled on the server' : ''}.`, { executionId: runId, cancelled, cause: err });
    }
    throw err;
  }
  options.onQueued?.({ jobId: '', executionId: runId });
  try {
    const { execution: _view, ...result } = await watchExecution(core, workflowId, runId, {
      deadline: enqueuedAt + timeoutMs, timeoutMs, enqueuedAt, signal: options.signal, onStatus: options.onStatus,
      ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
    });
    void _view;
    return result;
  } catch (err) {
    if (err instanceof SimAbortError || (err instanceof SimTimeoutError && options.cancelOnTimeout !== false)) {
      const cancelled = await core.cancelQuietly(workflowId, runId, cancelTimeoutMs);
      const ids = { executionId: runId, cancelled, cause: err };
      if (err instanceof SimAbortError) throw new SimAbortError(`The run ${runId} of workflow ${workflowId} was aborted${cancelled ? ' and cancelled on the server' : ''}.`, ids);
      throw new SimTimeoutError(`${err.message}${cancelled ? ' The run was cancelled on the server.' : ''}`, { ...ids, timeoutMs, ...(err.lastStatus ? { lastStatus: err.lastStatus } : {}) });
    }
    throw err;
  }
}

/** A v2 sync answer (`{data:{runId, status, output, error, …}}`) as a RunResult. */
function resultOfRunAnswer(data: Record<string, unknown>, runId: string, elapsedMs: number): RunResult {
  const status = data['status'];
  const executionId = typeof data['runId'] === 'string' ? data['runId'] : runId;
  const durationMs = typeof data['durationMs'] === 'number' ? Math.round(data['durationMs']) : elapsedMs;
  const err = data['error'];
  const message = isRecord(err) && typeof err['message'] === 'string' ? err['message'] : typeof err === 'string' ? err : null;
  if (status === 'failed' || status === 'cancelled') {
    return { executionId, status, output: data['output'] ?? null, error: message ?? (status === 'cancelled' ? 'Cancelled' : 'The workflow run failed (no error message from the server).'), durationMs };
  }
  if (status === 'paused') return { executionId, status: 'paused', output: data['output'] ?? null, error: null, durationMs };
  const unwrapped = unwrapResponseBlock(data['output'] ?? null);
  const result: RunResult = { executionId, status: 'completed', output: unwrapped.output ?? null, error: null, durationMs };
  if (unwrapped.response) result.response = unwrapped.response;
  return result;
}

/** v2 sync execute (the run answers when done; a pause is confirmed through the run resource). */
export async function runWorkflowSyncV2(core: Core, workflowId: string, options: RunWorkflowSyncOptions = {}): Promise<RunResult> {
  const cancelTimeoutMs = validateTimeout(options.cancelTimeoutMs, 'cancelTimeoutMs');
  const timeoutMs = validateTimeout(options.timeoutMs) ?? SYNC_RUN_TIMEOUT_MS;
  const selectedOutputs = validateStringArray(options.selectedOutputs, 'selectedOutputs');
  let runId = options.executionId ?? core.newExecutionId();
  const started = core.ctx.now();
  const body = bodyOf(options.input, selectedOutputs ? { selectedOutputs } : {});
  const path = `/api/v2/workflows/${encodeURIComponent(workflowId)}/execute`;
  let data: Record<string, unknown>;
  try {
    const answer = await executeV2(core, { workflowId, body, runId, signal: options.signal, timeoutMs });
    runId = answer.runId;
    data = answer.accepted ? { runId, status: 'running' } : dataOf(core, answer.res, 'POST', path, 'executeWorkflow');
  } catch (err) {
    if (err instanceof SimAbortError || (err instanceof SimTimeoutError && options.cancelOnTimeout !== false)) {
      const cancelled = await core.cancelQuietly(workflowId, runId, cancelTimeoutMs);
      if (err instanceof SimAbortError) throw new SimAbortError(`The run of workflow ${workflowId} was aborted${cancelled ? ' and cancelled on the server' : ''}.`, { executionId: runId, cancelled, cause: err });
      throw new SimTimeoutError(`The run of workflow ${workflowId} did not answer within ${timeoutMs} ms${cancelled ? '; it was cancelled on the server' : ''}.`, { executionId: runId, cancelled, cause: err, timeoutMs });
    }
    throw err;
  }
  const elapsed = core.ctx.now() - started;
  if (data['status'] === 'running' || data['status'] === 'queued') {
    const { execution: _v, ...watched } = await watchExecution(core, workflowId, runId, { deadline: started + timeoutMs, timeoutMs, enqueuedAt: started, signal: options.signal, firstDelayMs: 0 });
    void _v;
    return watched;
  }
  return confirmRun(core, workflowId, resultOfRunAnswer(data, runId, elapsed), {
    deadline: started + timeoutMs, timeoutMs, signal: options.signal, ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
  });
}

/** `POST /api/v2/workflows/{id}/runs/{runId}/resume {contextId, input}` → the receipt (the new run id is for reference). */
export async function resumeV2(
  core: Core,
  workflowId: string,
  runId: string,
  req: { contextId: string; input: Record<string, unknown>; signal?: AbortSignal | undefined; timeoutMs: number },
): Promise<ResumeReceipt> {
  const path = `/api/v2/workflows/${pathId(workflowId, 'workflowId')}/runs/${pathId(runId, 'executionId')}/resume`;
  const res = await send(core.ctx, {
    operation: 'resumeRun', method: 'POST', path, body: { contextId: req.contextId, input: req.input }, retry: 'execute', throwOnError: false,
    signal: req.signal, timeoutMs: req.timeoutMs,
  });
  const data = dataOf(core, res, 'POST', path, 'resumeRun');
  return { executionId: runId, resumeExecutionId: typeof data['runId'] === 'string' ? data['runId'] : null, jobId: null, httpStatus: res.status };
}

/** The first poll after a resume: at once when the server answered with the finished run (200). */
export const resumeFirstDelay = (httpStatus: number): number => (httpStatus === 202 ? POLL.firstDelayMs : 0);

export function isV2ApiError(err: unknown): err is SimApiError {
  return err instanceof SimApiError && isRecord(err.body) && isRecord(err.body['error']);
}

/** Opens a v2 stream (`{input, stream: true}`, `X-Run-Id`): the same SSE as v1. */
export async function openStreamV2(
  core: Core,
  workflowId: string,
  runId: string,
  options: { input?: Record<string, unknown> | undefined; selectedOutputs?: string[] | undefined; signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
): Promise<SendResult> {
  const selectedOutputs = validateStringArray(options.selectedOutputs, 'selectedOutputs');
  const body = bodyOf(options.input, { stream: true, ...(selectedOutputs ? { selectedOutputs } : {}) });
  const { res } = await executeV2(core, { workflowId, body, runId, signal: options.signal, timeoutMs: validateTimeout(options.timeoutMs) ?? SYNC_RUN_TIMEOUT_MS, stream: true });
  return res;
}
