// Sim's v1 run API on a current server (v0.8.9; see docs/sim-server-versions.md): execute at
// `POST /api/workflows/{id}/execute` (input as top-level fields, `X-Execution-Id` honoured), runs read through the
// execution resource `GET /api/workflows/{id}/executions/{executionId}` (the only v1 view that tells a paused run from a
// finished one), cancel, and resume at `POST /api/resume/{workflowId}/{executionId}/{contextId}`.
// Recorded: packages/emulator/recordings/sim-server-facts.md §5.2 to §5.5, §F, §G.
import { SimRateLimitError, SimWorkflowError, isRecord, type SimApiError } from '../errors.js';
import { redactDeep, redactSecrets } from '../redact.js';
import { buildExecuteBody, pathId } from '../inputs.js';
import { durationFromMetadata, isRunEnvelope } from '../normalize.js';
import { apiErrorFrom, requireJson, send, snippet, type SendResult } from '../request.js';
import type { BucketKind } from '../rate/bucket.js';
import type {
  AsyncExecutionResult,
  CancelExecutionResult,
  ExecutionView,
  RequestOptions,
  ResumeReceipt,
  RunResult,
  RunStatus,
} from '../types.js';
import { runViewOfRecord } from './execution-view.js';
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

export const executePath = (workflowId: string): string => `/api/workflows/${pathId(workflowId, 'workflowId')}/execute`;

/** A sync run that failed: 500 (or the server's own 408) with `{ success: false, error }`. */
export function isFailedRunAnswer(res: SendResult): boolean {
  return (res.status === 500 || res.status === 408) && isRecord(res.json) && res.json['success'] === false;
}

/** A non-2xx JSON answer that is not an API error: a Response block answering with its own status. */
function isResponseBlockErrorAnswer(res: SendResult): boolean {
  return (
    res.status >= 300 &&
    res.status < 600 &&
    res.isJson &&
    !(isRecord(res.json) && ('error' in res.json || 'success' in res.json))
  );
}

/** Turns a v1 sync execute answer into a RunResult (throws the API error for an error answer). */
export function syncAnswerResult(
  pc: ProtocolContext,
  res: SendResult,
  workflowId: string,
  clientExecutionId: string,
  elapsedMs: number,
): RunResult {
  const body = res.json;
  if (res.status >= 200 && res.status < 300) {
    if (isRunEnvelope(body)) {
      const executionId = typeof body['executionId'] === 'string' ? body['executionId'] : clientExecutionId;
      let status: RunStatus = 'completed';
      let error: string | null = null;
      if (!body.success) {
        status =
          pc.wasCancelRequested(executionId) || pc.wasCancelRequested(clientExecutionId) ? 'cancelled' : 'failed';
        error =
          typeof body['error'] === 'string'
            ? body['error']
            : status === 'cancelled'
              ? 'Cancelled'
              : 'The workflow run did not succeed (no error message from the server).';
      }
      return {
        executionId,
        status,
        output: body['output'] ?? null,
        error,
        durationMs: durationFromMetadata(body['metadata']) ?? elapsedMs,
      };
    }
    // A Response block answered with its own body (JSON or text): that body is the output.
    return {
      executionId: clientExecutionId,
      status: 'completed',
      output: res.isJson ? body : res.text,
      error: null,
      durationMs: elapsedMs,
      response: { status: res.status, headers: res.headers },
    };
  }
  if (isFailedRunAnswer(res) && isRecord(body)) {
    const executionId = typeof body['executionId'] === 'string' ? body['executionId'] : clientExecutionId;
    return {
      executionId,
      status: 'failed',
      output: body['output'] ?? null,
      error: typeof body['error'] === 'string' ? body['error'] : `The workflow run failed (HTTP ${res.status}).`,
      durationMs: durationFromMetadata(body['metadata']) ?? elapsedMs,
    };
  }
  if (isResponseBlockErrorAnswer(res)) {
    return {
      executionId: clientExecutionId,
      status: 'completed',
      output: body,
      error: null,
      durationMs: elapsedMs,
      response: { status: res.status, headers: res.headers },
    };
  }
  throw apiErrorFrom(pc.ctx, { ...res, method: 'POST', path: executePath(workflowId), operation: 'executeWorkflow' });
}

/** The job id of an async receipt. Never polls the statusUrl's host: only takes the id from its path. */
export function jobIdOfReceipt(receipt: AsyncExecutionResult): string | undefined {
  if (typeof receipt.jobId === 'string' && receipt.jobId) return receipt.jobId;
  if (typeof receipt.statusUrl === 'string') {
    const m = /\/api\/jobs\/([^/?#]+)/.exec(receipt.statusUrl);
    if (m?.[1]) return decodeURIComponent(m[1]);
  }
  return undefined;
}

export class V1Protocol implements RunProtocol {
  readonly name: 'v1' | 'v1-2026-03' = 'v1';
  readonly hasRunRecord: boolean = true;
  readonly honoursExecutionId: boolean = true;
  readonly hasDeploymentReads = false;
  readonly resume: ((ref: RunRef, request: ResumeRequest) => Promise<ResumeReceipt>) | null = (ref, request) =>
    this.#resume(ref, request);
  protected readonly pc: ProtocolContext;

  constructor(pc: ProtocolContext) {
    this.pc = pc;
  }

  /**
   * v1 charges every execute, async ones included, to the sync bucket
   * (packages/emulator/recordings/sim-server-facts.md §5.9, §raw-429s).
   */
  bucketOf(_mode: RunMode): BucketKind {
    return 'sync';
  }

  async execute(a: ExecuteAttempt): Promise<ExecuteAnswer> {
    const { ctx } = this.pc;
    const path = executePath(a.workflowId);
    const headers: Record<string, string> = { 'x-execution-id': a.executionId };
    if (a.mode === 'async') headers['x-execution-mode'] = 'async';
    const body = buildExecuteBody(a.input, {
      stream: a.mode === 'stream',
      selectedOutputs: a.mode === 'stream' ? a.selectedOutputs : undefined,
      triggerType: a.triggerType,
    });
    const started = ctx.now();
    const res = await send(ctx, {
      operation: 'executeWorkflow',
      method: 'POST',
      path,
      body,
      headers,
      retry: 'none',
      throwOnError: false,
      signal: a.signal,
      timeoutMs: a.timeoutMs,
      responseType: a.mode === 'stream' ? 'stream' : 'text',
    });
    if (a.mode === 'sync')
      return {
        kind: 'answered',
        result: syncAnswerResult(this.pc, res, a.workflowId, a.executionId, ctx.now() - started),
      };
    if (res.status < 200 || res.status >= 300)
      throw apiErrorFrom(ctx, { ...res, method: 'POST', path, operation: 'executeWorkflow' });
    if (a.mode === 'stream') return { kind: 'stream', res, executionId: a.executionId };
    const receipt = requireJson<AsyncExecutionResult>(ctx, res, 'POST', path, 'executeWorkflow');
    const jobId = jobIdOfReceipt(receipt);
    if (!jobId) {
      // Some servers run the workflow at once and answer with the run envelope: accept it.
      if (isRunEnvelope(receipt))
        return {
          kind: 'answered',
          result: syncAnswerResult(this.pc, res, a.workflowId, a.executionId, ctx.now() - started),
        };
      throw apiErrorFrom(ctx, {
        ...res,
        method: 'POST',
        path,
        operation: 'executeWorkflow',
        message: `Sim accepted the async run of workflow ${a.workflowId} but sent no job id: "${snippet(res.text)}".`,
      });
    }
    const executionId =
      typeof receipt.executionId === 'string' && receipt.executionId ? receipt.executionId : a.executionId;
    return { kind: 'queued', ref: { workflowId: a.workflowId, executionId, jobId } };
  }

  /** A 429 means the run never started (Sim spends the id it carried: the next attempt needs a new one). */
  notStarted(err: unknown): { retryAfterMs: number | undefined } | null {
    return err instanceof SimRateLimitError ? { retryAfterMs: err.retryAfterMs } : null;
  }

  async readRun(ref: RunRef, options: ReadOptions): Promise<RunView> {
    const { ctx } = this.pc;
    const path = `/api/workflows/${pathId(ref.workflowId, 'workflowId')}/executions/${pathId(ref.executionId, 'executionId')}`;
    const res = await send(ctx, {
      operation: 'getExecution',
      method: 'GET',
      path,
      retry: 'idempotent',
      query: {
        includeOutput: options.includeOutput ? true : undefined,
        selectedOutputs: options.selectedOutputs?.length ? options.selectedOutputs : undefined,
      },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
    const view = requireJson<ExecutionView>(ctx, res, 'GET', path, 'getExecution');
    return runViewOfRecord(view, ref, options.startedAt === undefined ? 0 : ctx.now() - options.startedAt);
  }

  async cancel(ref: RunRef, options: RequestOptions): Promise<CancelExecutionResult> {
    const { ctx } = this.pc;
    const path = `/api/workflows/${pathId(ref.workflowId, 'workflowId')}/executions/${pathId(ref.executionId, 'executionId')}/cancel`;
    // retried like a GET: cancelling twice is harmless
    const res = await send(ctx, {
      operation: 'cancelExecution',
      method: 'POST',
      path,
      retry: 'idempotent',
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
    return requireJson<CancelExecutionResult>(ctx, res, 'POST', path, 'cancelExecution');
  }

  async #resume(ref: RunRef, request: ResumeRequest): Promise<ResumeReceipt> {
    const { ctx } = this.pc;
    const path = `/api/resume/${pathId(ref.workflowId, 'workflowId')}/${pathId(ref.executionId, 'executionId')}/${pathId(request.contextId, 'contextId')}`;
    // Not idempotent (a resume runs the rest of the workflow): sent again only when it cannot have reached the server,
    // or after a 429. The answer follows the ORIGINAL run's mode (202 JSON async, 200 JSON sync, 200 SSE stream;
    // packages/emulator/recordings/sim-server-facts.md §G.8), and a sync-origin run answers only once the rest has
    // run, so the whole deadline applies.
    const res = await send(ctx, {
      operation: 'resumeRun',
      method: 'POST',
      path,
      body: { input: request.input },
      retry: 'once',
      timeoutMs: request.timeoutMs,
      signal: request.signal,
      throwOnError: false,
    });
    if (res.status < 200 || res.status >= 300)
      throw apiErrorFrom(ctx, { ...res, method: 'POST', path, operation: 'resumeRun' });
    const body = res.isJson && isRecord(res.json) ? res.json : {};
    const headerId = res.headers['x-execution-id'];
    return {
      executionId: ref.executionId,
      resumeExecutionId:
        typeof body['executionId'] === 'string'
          ? body['executionId']
          : typeof headerId === 'string' && headerId
            ? headerId
            : null,
      jobId: typeof body['jobId'] === 'string' ? body['jobId'] : null,
      httpStatus: res.status,
      origin: res.status === 202 ? 'async' : isJsonAnswer(res) ? 'sync' : 'stream',
    };
  }
}

function isJsonAnswer(res: SendResult): boolean {
  return res.isJson || /json/i.test(res.headers['content-type'] ?? '');
}

/** The error a raw `executeWorkflow` reports for a non-2xx answer: a failed sync run is a SimWorkflowError. */
export function rawExecuteError(
  pc: ProtocolContext,
  res: SendResult,
  workflowId: string,
  clientExecutionId: string | undefined,
): SimApiError {
  const path = executePath(workflowId);
  if (isFailedRunAnswer(res) && isRecord(res.json)) {
    const executionId = typeof res.json['executionId'] === 'string' ? res.json['executionId'] : clientExecutionId;
    const serverError =
      typeof res.json['error'] === 'string' ? redactSecrets(res.json['error'], [pc.ctx.apiKey]) : undefined;
    return new SimWorkflowError({
      status: res.status,
      headers: res.headers,
      body: redactDeep(res.json, [pc.ctx.apiKey]),
      error: serverError,
      method: 'POST',
      path,
      operation: 'executeWorkflow',
      message: `Workflow ${workflowId} failed (HTTP ${res.status})${serverError ? `: ${serverError}` : ''}.${executionId ? ` Execution id: ${executionId}.` : ''}`,
      executionId,
      output: redactDeep(res.json['output'], [pc.ctx.apiKey]),
    });
  }
  return apiErrorFrom(pc.ctx, { ...res, method: 'POST', path, operation: 'executeWorkflow' });
}
