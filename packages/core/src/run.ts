// runWorkflow (async execute + wait) and runWorkflowSync (sync execute with a client execution id).
import { DEFAULT_WAIT_TIMEOUT_MS, SYNC_RUN_TIMEOUT_MS, type Core } from './core.js';
import { SimAbortError, SimApiError, SimTimeoutError, SimValidationError, SimWorkflowError, isRecord } from './errors.js';
import { buildExecuteBody, pathId, requireId, validateInput, validateStringArray, validateTimeout } from './inputs.js';
import { redactDeep, redactSecrets } from './redact.js';
import { durationFromMetadata, isRunEnvelope, unwrapResponseBlock } from './normalize.js';
import { apiErrorFrom, requireJson, send, snippet, type SendResult } from './request.js';
import type { AsyncExecutionResult, RunResult, RunStatus, RunWorkflowOptions, RunWorkflowSyncOptions } from './types.js';
import { waitForJob } from './wait.js';
import { confirmRun } from './watch.js';
import { runWorkflowSyncV2, runWorkflowV2 } from './v2.js';
import { planSelectedOutputs, type SelectionPlan } from './selected.js';

export interface ExecuteRequest {
  workflowId: string;
  input?: unknown;
  async?: boolean;
  stream?: boolean;
  selectedOutputs?: unknown;
  triggerType?: unknown;
  executionId?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Told the id of each attempt after a 429 (see RunWorkflowSyncOptions.onExecutionId). */
  onExecutionId?: ((executionId: string) => void) | undefined;
}

/** A prepared execute: call it to send; `executionId()` is the id of the latest attempt (a new one after each 429). */
export type PreparedExecute = (() => Promise<SendResult>) & { executionId: () => string | undefined };

/** Validates everything, then sends `POST /api/workflows/{id}/execute` (retried only when safe). Non-2xx answers are returned. */
export function prepareExecute(core: Core, req: ExecuteRequest): PreparedExecute {
  const id = pathId(req.workflowId, 'workflowId');
  const input = validateInput(req.input);
  const selectedOutputs = validateStringArray(req.selectedOutputs, 'selectedOutputs');
  if (req.triggerType !== undefined && (typeof req.triggerType !== 'string' || req.triggerType === ''))
    throw new SimValidationError('`triggerType` must be a non-empty string.', 'triggerType');
  const timeoutMs = validateTimeout(req.timeoutMs) ?? (req.async ? core.ctx.timeoutMs : SYNC_RUN_TIMEOUT_MS);
  if (req.executionId !== undefined) requireId(req.executionId, 'executionId');
  const headers: Record<string, string> = {};
  if (req.async) headers['x-execution-mode'] = 'async';
  if (req.executionId) headers['x-execution-id'] = req.executionId;
  const body = buildExecuteBody(input, { stream: req.stream, selectedOutputs, triggerType: req.triggerType as string | undefined });
  let executionId = req.executionId;
  // A 429 spends the id it carried (Sim claims ids before it rate-limits): each retry gets a new one.
  const renewExecutionId = (): string => {
    const next = core.newExecutionId();
    executionId = next;
    req.onExecutionId?.(next);
    return next;
  };
  const start = () =>
    send(core.ctx, {
      operation: 'executeWorkflow',
      method: 'POST',
      path: `/api/workflows/${id}/execute`,
      body,
      headers,
      signal: req.signal,
      timeoutMs,
      maxRetries: req.maxRetries,
      retry: 'execute',
      responseType: req.stream ? 'stream' : 'text',
      throwOnError: false,
      renewExecutionId,
    });
  return Object.assign(start, { executionId: () => executionId });
}

/** A sync run that failed: 500 (or the server's own 408) with `{ success: false, error }`. */
export function isFailedRunAnswer(res: SendResult): boolean {
  return (res.status === 500 || res.status === 408) && isRecord(res.json) && res.json['success'] === false;
}

/** A non-2xx JSON answer that is not an API error: a Response block answering with its own status. */
function isResponseBlockErrorAnswer(res: SendResult): boolean {
  return res.status >= 300 && res.status < 600 && res.isJson && !(isRecord(res.json) && ('error' in res.json || 'success' in res.json));
}

/** Turns a sync execute answer into a RunResult (throws SimApiError for API errors). */
export function interpretSyncAnswer(core: Core, res: SendResult, workflowId: string, clientExecutionId: string, elapsedMs: number): RunResult {
  const path = `/api/workflows/${encodeURIComponent(workflowId)}/execute`;
  const body = res.json;
  if (res.status >= 200 && res.status < 300) {
    if (isRunEnvelope(body)) {
      const executionId = typeof body['executionId'] === 'string' ? body['executionId'] : clientExecutionId;
      let status: RunStatus = 'completed';
      let error: string | null = null;
      if (!body.success) {
        status = core.wasCancelRequested(executionId) || core.wasCancelRequested(clientExecutionId) ? 'cancelled' : 'failed';
        error = typeof body['error'] === 'string' ? body['error'] : status === 'cancelled' ? 'Cancelled' : 'The workflow run did not succeed (no error message from the server).';
      }
      return { executionId, status, output: body['output'] ?? null, error, durationMs: durationFromMetadata(body['metadata']) ?? elapsedMs };
    }
    // A Response block answered with its own body (JSON or text): that body is the output.
    return {
      executionId: clientExecutionId, status: 'completed', output: res.isJson ? body : res.text, error: null, durationMs: elapsedMs,
      response: { status: res.status, headers: res.headers },
    };
  }
  if (isFailedRunAnswer(res) && isRecord(body)) {
    const executionId = typeof body['executionId'] === 'string' ? body['executionId'] : clientExecutionId;
    return {
      executionId, status: 'failed', output: body['output'] ?? null,
      error: typeof body['error'] === 'string' ? body['error'] : `The workflow run failed (HTTP ${res.status}).`,
      durationMs: durationFromMetadata(body['metadata']) ?? elapsedMs,
    };
  }
  if (isResponseBlockErrorAnswer(res)) {
    return {
      executionId: clientExecutionId, status: 'completed', output: body, error: null, durationMs: elapsedMs,
      response: { status: res.status, headers: res.headers },
    };
  }
  throw apiErrorFrom(core.ctx, { ...res, method: 'POST', path, operation: 'executeWorkflow' });
}

/** Throws the error a raw execute call reports for a non-2xx answer. */
export function executeErrorFrom(core: Core, res: SendResult, workflowId: string, clientExecutionId: string | undefined): SimApiError {
  const path = `/api/workflows/${encodeURIComponent(workflowId)}/execute`;
  if (isFailedRunAnswer(res) && isRecord(res.json)) {
    const executionId = typeof res.json['executionId'] === 'string' ? res.json['executionId'] : clientExecutionId;
    const serverError = typeof res.json['error'] === 'string' ? redactSecrets(res.json['error'], [core.ctx.apiKey]) : undefined;
    return new SimWorkflowError({
      status: res.status, headers: res.headers, body: redactDeep(res.json, [core.ctx.apiKey]), error: serverError, method: 'POST', path, operation: 'executeWorkflow',
      message: `Workflow ${workflowId} failed (HTTP ${res.status})${serverError ? `: ${serverError}` : ''}.${executionId ? ` Execution id: ${executionId}.` : ''}`,
      executionId, output: redactDeep(res.json['output'], [core.ctx.apiKey]),
    });
  }
  return apiErrorFrom(core.ctx, { ...res, method: 'POST', path, operation: 'executeWorkflow' });
}

export async function runWorkflowSync(core: Core, workflowId: string, options: RunWorkflowSyncOptions = {}): Promise<RunResult> {
  const cancelTimeoutMs = validateTimeout(options.cancelTimeoutMs, 'cancelTimeoutMs');
  const selectedOutputs = validateStringArray(options.selectedOutputs, 'selectedOutputs');
  // Sim ignores selectedOutputs on sync executes: they are read from the execution resource after the run.
  const start = prepareExecute(core, { workflowId, ...options, selectedOutputs: undefined, executionId: options.executionId ?? core.newExecutionId() });
  const selection = await planSelectedOutputs(core, workflowId, selectedOutputs, 'sync', options.signal);
  // everything is validated: now the API version (v2 where the server has it on; detected once per client)
  if (await core.capabilities.v2(workflowId, options.signal)) {
    const run = await runWorkflowSyncV2(core, workflowId, { ...options, selectedOutputs: undefined, executionId: start.executionId() as string });
    return withSelection(run, selection, options.signal);
  }
  const started = core.ctx.now();
  let res: SendResult;
  try {
    res = await start();
  } catch (err) {
    const executionId = start.executionId() as string;
    const isAbort = err instanceof SimAbortError;
    const isTimeout = err instanceof SimTimeoutError;
    if (isAbort || (isTimeout && options.cancelOnTimeout !== false)) {
      const cancelled = await core.cancelQuietly(workflowId, executionId, cancelTimeoutMs);
      if (isAbort)
        throw new SimAbortError(`The run of workflow ${workflowId} was aborted${cancelled ? ' and cancelled on the server' : ''}.`, { executionId, cancelled, cause: err });
      throw new SimTimeoutError(`The run of workflow ${workflowId} did not answer within ${(err as SimTimeoutError).timeoutMs} ms${cancelled ? '; it was cancelled on the server' : ''}.`, {
        executionId, cancelled, cause: err, ...((err as SimTimeoutError).timeoutMs ? { timeoutMs: (err as SimTimeoutError).timeoutMs as number } : {}),
      });
    }
    throw err;
  }
  const result = interpretSyncAnswer(core, res, workflowId, start.executionId() as string, core.ctx.now() - started);
  // a sync run that paused answers 200 success with the pausing block's output (facts G, points 4, 14): confirm it
  const timeoutMs = validateTimeout(options.timeoutMs) ?? SYNC_RUN_TIMEOUT_MS;
  const confirmed = await confirmRun(core, workflowId, result, {
    deadline: started + timeoutMs, timeoutMs, signal: options.signal, ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
  });
  return withSelection(confirmed, selection, options.signal);
}

/** A completed run's output becomes the selected block outputs, keyed by what the caller wrote. */
async function withSelection(result: RunResult, selection: SelectionPlan | undefined, signal: AbortSignal | undefined): Promise<RunResult> {
  if (!selection || result.status !== 'completed') return result;
  const { response: _response, ...rest } = result;
  void _response;
  return { ...rest, output: await selection.resolve(result.executionId, signal) };
}

function jobIdFromReceipt(receipt: AsyncExecutionResult): string | undefined {
  if (typeof receipt.jobId === 'string' && receipt.jobId) return receipt.jobId;
  // Never poll the statusUrl host: only take the id from its path.
  if (typeof receipt.statusUrl === 'string') {
    const m = /\/api\/jobs\/([^/?#]+)/.exec(receipt.statusUrl);
    if (m?.[1]) return decodeURIComponent(m[1]);
  }
  return undefined;
}

export async function runWorkflow(core: Core, workflowId: string, options: RunWorkflowOptions = {}): Promise<RunResult> {
  const timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
  const cancelTimeoutMs = validateTimeout(options.cancelTimeoutMs, 'cancelTimeoutMs');
  // A client id too, so that an abort while the POST is in flight can still cancel the run (current servers honour it).
  const selectedOutputs = validateStringArray(options.selectedOutputs, 'selectedOutputs');
  // Sim refuses selectedOutputs on async executes: they are read from the execution resource after the run.
  const start = prepareExecute(core, { workflowId, ...options, selectedOutputs: undefined, async: true, executionId: core.newExecutionId(), timeoutMs: Math.min(core.ctx.timeoutMs, timeoutMs) });
  const selection = await planSelectedOutputs(core, workflowId, selectedOutputs, 'async', options.signal);
  if (await core.capabilities.v2(workflowId, options.signal)) {
    return withSelection(await runWorkflowV2(core, workflowId, { ...options, selectedOutputs: undefined }), selection, options.signal);
  }
  const { ctx } = core;
  const enqueuedAt = ctx.now();
  let res: SendResult;
  try {
    res = await start();
  } catch (err) {
    const clientExecutionId = start.executionId() as string;
    if (err instanceof SimAbortError || (err instanceof SimTimeoutError && options.cancelOnTimeout !== false)) {
      const cancelled = await core.cancelQuietly(workflowId, clientExecutionId, cancelTimeoutMs);
      if (err instanceof SimAbortError)
        throw new SimAbortError(`The run of workflow ${workflowId} was aborted while it was being queued${cancelled ? '; it was cancelled on the server' : ''}.`, { executionId: clientExecutionId, cancelled, cause: err });
      throw new SimTimeoutError(`Queueing the run of workflow ${workflowId} timed out${cancelled ? '; it was cancelled on the server' : ''}.`, {
        executionId: clientExecutionId, cancelled, cause: err, ...(err.timeoutMs ? { timeoutMs: err.timeoutMs } : {}),
      });
    }
    throw err;
  }
  if (res.status < 200 || res.status >= 300) throw executeErrorFrom(core, res, workflowId, undefined);
  const path = `/api/workflows/${encodeURIComponent(workflowId)}/execute`;
  const receipt = requireJson<AsyncExecutionResult>(ctx, res, 'POST', path, 'executeWorkflow');
  const jobId = jobIdFromReceipt(receipt);
  if (!jobId) {
    // Some servers run the workflow synchronously and answer with the run envelope: accept it.
    if (isRunEnvelope(receipt)) return interpretSyncAnswer(core, res, workflowId, '', ctx.now() - enqueuedAt);
    throw apiErrorFrom(ctx, {
      ...res, method: 'POST', path, operation: 'executeWorkflow',
      message: `Sim accepted the async run of workflow ${workflowId} but sent no job id: "${snippet(res.text)}".`,
    });
  }
  const executionId = typeof receipt.executionId === 'string' ? receipt.executionId : undefined;
  options.onQueued?.({ jobId, executionId: executionId ?? '' });
  const remaining = Math.max(1, enqueuedAt + timeoutMs - ctx.now());
  try {
    const result = await waitForJob(core, jobId, {
      timeoutMs: remaining, enqueuedAt, workflowId,
      ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onStatus ? { onStatus: options.onStatus } : {}),
      ...(executionId ? { executionId } : {}),
    });
    const { job: _job, execution: _execution, ...run } = result;
    void _job;
    void _execution;
    return await withSelection(run, selection, options.signal);
  } catch (err) {
    if (err instanceof SimAbortError || (err instanceof SimTimeoutError && options.cancelOnTimeout !== false)) {
      const cancelled = executionId ? await core.cancelQuietly(workflowId, executionId, cancelTimeoutMs) : false;
      const ids = { jobId, ...(executionId ? { executionId } : {}), cancelled, cause: err };
      if (err instanceof SimAbortError)
        throw new SimAbortError(`The run of workflow ${workflowId} (job ${jobId}) was aborted${cancelled ? ' and cancelled on the server' : ''}.`, ids);
      throw new SimTimeoutError(`${err.message}${cancelled ? ' The run was cancelled on the server.' : ''}`, {
        ...ids, timeoutMs, ...(err.lastStatus ? { lastStatus: err.lastStatus } : {}),
      });
    }
    throw err;
  }
}
