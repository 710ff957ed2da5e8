// Resuming a paused run (v1: `POST /api/resume/{workflowId}/{executionId}/{contextId}`) and listing paused runs
// (`GET /api/workflows/{id}/paused`), as recorded on the real server (facts G, points 7–11).
import { DEFAULT_WAIT_TIMEOUT_MS, type Core } from './core.js';
import { SimValidationError, isRecord } from './errors.js';
import { pathId, requireId, validateInput, validateTimeout } from './inputs.js';
import { apiErrorFrom, requireJson, send } from './request.js';
import type { PausedRun, RequestOptions, ResumeReceipt, ResumeRunOptions, RunResult } from './types.js';
import { POLL } from './wait.js';
import { watchExecution } from './watch.js';
import { resumeV2 } from './v2.js';

export async function resumeRun(core: Core, workflowId: string, executionId: string, options: ResumeRunOptions): Promise<RunResult | ResumeReceipt> {
  if (!isRecord(options)) throw new SimValidationError('resumeRun needs options with `contextId` (the paused result\'s `paused.contextId`).', 'contextId');
  const wf = pathId(workflowId, 'workflowId');
  const exec = pathId(executionId, 'executionId');
  const context = pathId(options.contextId, 'contextId');
  const input = validateInput(options.input);
  const timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
  const { ctx } = core;
  const started = ctx.now();
  if (await core.capabilities.v2(workflowId, options.signal)) {
    const receipt = await resumeV2(core, workflowId, executionId, { contextId: options.contextId, input, signal: options.signal, timeoutMs });
    if (options.wait === false) return receipt;
    const { execution: _v, ...result } = await watchExecution(core, workflowId, executionId, {
      deadline: started + timeoutMs, timeoutMs, enqueuedAt: started, signal: options.signal, onStatus: options.onStatus,
      firstDelayMs: receipt.httpStatus === 202 ? POLL.firstDelayMs : 0, resumingContextId: options.contextId,
      ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
    });
    void _v;
    return result;
  }
  const path = `/api/resume/${wf}/${exec}/${context}`;
  // Not idempotent (a resume runs the rest of the workflow): retried only when it cannot have reached the server,
  // or after a 429. A run that started sync answers only once the rest has run, so the whole deadline applies.
  const res = await send(ctx, {
    operation: 'resumeRun', method: 'POST', path, body: { input }, retry: 'execute', timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}), throwOnError: false,
  });
  if (res.status < 200 || res.status >= 300) throw apiErrorFrom(ctx, { ...res, method: 'POST', path, operation: 'resumeRun' });
  // the answer follows the original run's mode: 202 JSON (async), 200 JSON (sync), 200 SSE (stream)
  const body = res.isJson && isRecord(res.json) ? res.json : {};
  const headerId = res.headers['x-execution-id'];
  const receipt: ResumeReceipt = {
    executionId,
    resumeExecutionId: typeof body['executionId'] === 'string' ? body['executionId'] : typeof headerId === 'string' && headerId ? headerId : null,
    jobId: typeof body['jobId'] === 'string' ? body['jobId'] : null,
    httpStatus: res.status,
  };
  if (options.wait === false) return receipt;
  // the id the resume answered cannot be looked up: the result lands on the ORIGINAL execution id (facts G, point 9)
  const { execution: _view, ...result } = await watchExecution(core, workflowId, executionId, {
    deadline: started + timeoutMs, timeoutMs, enqueuedAt: started, signal: options.signal, onStatus: options.onStatus,
    firstDelayMs: res.status === 202 ? POLL.firstDelayMs : 0, resumingContextId: options.contextId,
    ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
  });
  void _view;
  return result;
}

function pausedRunsOf(record: Record<string, unknown>, workflowId: string): PausedRun[] {
  const points = Array.isArray(record['pausePoints']) ? record['pausePoints'].filter(isRecord) : [];
  const executionId = typeof record['executionId'] === 'string' ? record['executionId'] : '';
  return points
    .filter((p) => p['resumeStatus'] === undefined || p['resumeStatus'] === 'paused')
    .map((p) => {
      const kind = p['pauseKind'];
      const contextId = typeof p['contextId'] === 'string' ? p['contextId'] : '';
      return {
        executionId,
        workflowId: typeof record['workflowId'] === 'string' ? record['workflowId'] : workflowId,
        contextId,
        pauseKind: kind === 'human' || kind === 'time' ? kind : null,
        resumeAt: typeof p['resumeAt'] === 'string' ? p['resumeAt'] : null,
        blockId: typeof p['blockId'] === 'string' ? p['blockId'] : contextId || null,
        pausedAt: typeof record['pausedAt'] === 'string' ? record['pausedAt'] : null,
        response: p['response'] ?? null,
        raw: record,
      };
    });
}

export async function listPausedRuns(core: Core, workflowId: string, options: RequestOptions = {}): Promise<PausedRun[]> {
  requireId(workflowId, 'workflowId');
  const path = `/api/workflows/${pathId(workflowId, 'workflowId')}/paused`;
  const res = await send(core.ctx, {
    operation: 'listPausedRuns', method: 'GET', path, retry: 'idempotent',
    signal: options.signal, timeoutMs: validateTimeout(options.timeoutMs), maxRetries: options.maxRetries,
  });
  const body = requireJson<Record<string, unknown>>(core.ctx, res, 'GET', path, 'listPausedRuns');
  const list = Array.isArray(body['pausedExecutions']) ? body['pausedExecutions'].filter(isRecord) : [];
  // the list keeps resumed and cancelled runs too: only those still waiting are returned
  return list.filter((r) => r['status'] === 'paused').flatMap((r) => pausedRunsOf(r, workflowId));
}
