/**
 * The v2 API (facts E and G, recorded with `V2_API=true`): `/api/v2/workflows/{id}/execute`, `…/runs/{runId}`,
 * `…/runs/{runId}/cancel`, `…/runs/{runId}/resume`, with `{data}` / `{error:{code,message}}` envelopes. Off unless the
 * emulator runs with `v2: true` (`--v2`): then every `/api/v2` path answers the recorded 404.
 *
 * A v2 run is the same run as v1 sees it (runId = executionId), so each route delegates to the v1 handler and
 * re-shapes its answer.
 */
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from './state.js';
import { iso, isObject, isReply, json, type Ctx, type HeaderMap, type Reply, type Result } from './http.js';
import { cancel, execute, executionStatus } from './execute.js';
import { resume } from './pause.js';
import { jobWorkflowOutput } from './jobs.js';
import { RUN_COST } from './logs.js';

export const V2_NOT_FOUND = { error: { code: 'NOT_FOUND', message: 'Not found' } };

/** Body keys the v2 execute route accepts (anything else: 400 `Unrecognized keys`, as recorded). */
const EXECUTE_KEYS = ['input', 'async', 'stream', 'selectedOutputs', 'triggerType', 'includeFileBase64', 'base64MaxBytes'];

const CODES: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 429: 'RATE_LIMITED', 500: 'INTERNAL_ERROR' };

function headers(state: EmulatorState, runId?: string): HeaderMap {
  const h: HeaderMap = {
    'cache-control': 'private, no-store',
    'x-ratelimit-limit': '999999',
    'x-ratelimit-remaining': '999998',
    'x-ratelimit-reset': new Date(state.now() + 60_000).toISOString(),
  };
  if (runId) h['x-run-id'] = runId;
  return h;
}

const data = (state: EmulatorState, status: number, body: unknown, runId?: string): Reply => json(status, { data: body }, { headers: headers(state, runId) });

function error(state: EmulatorState, status: number, message: string, extra: Record<string, unknown> = {}, code = CODES[status] ?? 'ERROR'): Reply {
  return json(status, { error: { code, message, ...extra } }, { headers: headers(state) });
}

/** A v1 error reply as a v2 one (`{error:"…"}` → `{error:{code,message}}`). */
function fromV1Error(state: EmulatorState, reply: Reply, notFound?: string): Reply {
  const body = reply.body as { error?: unknown };
  const message = typeof body?.error === 'string' ? body.error : 'Request failed';
  if (reply.status === 403 && message === 'Workflow is not deployed') return error(state, 403, message, { details: { code: 'WORKFLOW_NOT_DEPLOYED' } });
  if (reply.status === 404 && notFound && (message === 'Execution not found')) return error(state, 404, notFound);
  return error(state, reply.status, message);
}

function runIdHeader(ctx: Ctx): string | undefined {
  const raw = ctx.req.headers['x-run-id'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v?.trim() || undefined;
}

async function v2Execute(state: EmulatorState, ctx: Ctx, workflowId: string): Promise<Result> {
  let body: Record<string, unknown> = {};
  if (ctx.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(ctx.body);
      body = isObject(parsed) ? parsed : {};
    } catch {
      return error(state, 400, 'Invalid JSON in request body');
    }
  }
  const unknown = Object.keys(body).filter((k) => !EXECUTE_KEYS.includes(k));
  if (unknown.length > 0) {
    return error(state, 400, `Unrecognized keys: ${unknown.map((k) => `"${k}"`).join(', ')}`, { details: [{ code: 'unrecognized_keys', keys: unknown, path: [] }] });
  }
  if (body.async === true && (body.stream === true || body.selectedOutputs !== undefined)) {
    return error(state, 400, 'Async execution does not support streaming or output-shaping options');
  }
  const requested = runIdHeader(ctx);
  if (requested && state.executions.get(requested)) {
    return error(state, 409, 'Run ID has already been used', { details: { code: 'RUN_ID_CONFLICT', runId: requested } }, 'RUN_ID_CONFLICT');
  }
  // the same run as v1 runs it: the v1 handler with the run id as its execution id
  const runId = requested ?? randomUUID();
  ctx.req.headers['x-execution-id'] = runId;
  if (body.async === true) ctx.req.headers['x-execution-mode'] = 'async';
  else delete ctx.req.headers['x-execution-mode'];
  ctx.body = JSON.stringify({ input: isObject(body.input) ? body.input : {}, ...(body.stream === true ? { stream: true } : {}), ...(body.selectedOutputs !== undefined ? { selectedOutputs: body.selectedOutputs } : {}) });
  const reply = await execute(state, ctx, workflowId);
  if (reply === null) return null; // a stream: the same SSE as v1 (recorded)
  const exec = state.executions.get(runId);
  if (!exec) {
    if (reply.status === 401) return error(state, 401, (reply.body as { error?: string }).error === 'Invalid API key' ? 'Invalid API key' : 'Unauthorized');
    return fromV1Error(state, reply);
  }
  if (reply.status === 202) {
    return data(state, 202, { runId, statusUrl: `${state.publicBaseUrl}/api/v2/workflows/${workflowId}/runs/${runId}` }, runId);
  }
  const endMs = exec.endedAtMs ?? state.now();
  const outcome = exec.outcome;
  const status = exec.pause && exec.status === 'paused' ? 'paused' : exec.status;
  let output: unknown = {};
  let err: unknown = null;
  if (status === 'paused') output = exec.pause?.output ?? {};
  else if (outcome?.kind === 'success') output = jobWorkflowOutput(outcome);
  else if (outcome?.kind === 'failure') {
    const blockId = exec.workflow.blocks.find((b) => b.type === 'function')?.id ?? null;
    err = { message: outcome.error.replace(/^Function: /, ''), code: 'BLOCK_EXECUTION_FAILED', blockId, blockName: 'Function', blockType: 'function' };
  }
  return data(state, 200, {
    runId, workflowId, status, output, error: err, startedAt: iso(exec.startedAtMs), endedAt: iso(endMs), durationMs: Math.max(0, endMs - exec.startedAtMs),
  }, runId);
}

function v2Run(state: EmulatorState, ctx: Ctx, workflowId: string, runId: string): Result {
  const reply = executionStatus(state, ctx, workflowId, runId);
  if (reply === null) return null;
  if (reply.status !== 200) {
    if (reply.status === 401) return error(state, 401, 'Unauthorized');
    const message = (reply.body as { error?: string }).error;
    return error(state, reply.status, message === 'Execution not found' ? 'Run not found' : message ?? 'Not found');
  }
  const v = reply.body as Record<string, unknown>;
  const paused = isObject(v.paused) ? { ...v.paused } : null;
  if (paused) delete paused.pausedExecutionId; // no pausedExecutionId in v2 (facts G, point 6)
  const errorText = typeof v.error === 'string' ? v.error : null;
  // a time pause: v1 says endedAt/totalDurationMs/cost null, v2 fills them in (recorded)
  const pausedAt = paused && typeof paused.pausedAt === 'string' ? paused.pausedAt : null;
  const startedAt = typeof v.startedAt === 'string' ? v.startedAt : null;
  return data(state, 200, {
    runId, workflowId: v.workflowId, status: v.status, trigger: v.trigger, startedAt,
    endedAt: v.endedAt ?? pausedAt,
    durationMs: v.totalDurationMs ?? (pausedAt && startedAt ? Math.max(0, Date.parse(pausedAt) - Date.parse(startedAt)) : null), paused,
    cost: v.cost ?? (paused ? { total: RUN_COST } : null), error: errorText ? { message: errorText } : null, output: v.finalOutput ?? null, blockOutputs: v.blockOutputs ?? null,
  });
}

function v2Cancel(state: EmulatorState, ctx: Ctx, workflowId: string, runId: string): Result {
  const exec = state.executions.get(runId);
  const wasPausedCancelled = exec?.pause?.status === 'cancelled';
  const finished = exec && (exec.status === 'completed' || exec.status === 'failed');
  const reply = cancel(state, ctx, workflowId, runId);
  if (reply === null) return null;
  if (reply.status !== 200) {
    if (reply.status === 401) return error(state, 401, 'Unauthorized');
    const message = (reply.body as { error?: string }).error;
    return error(state, reply.status, message === 'Execution not found' ? 'Run not found' : message ?? 'Not found');
  }
  const b = reply.body as Record<string, unknown>;
  // v2 answers a second cancel of a paused run like the first (recorded); a finished run: already_completed
  const again = wasPausedCancelled;
  return data(state, 200, {
    success: b.success, runId, redisAvailable: b.redisAvailable,
    durablyRecorded: again ? true : b.durablyRecorded, locallyAborted: b.locallyAborted,
    pausedCancelled: again ? true : b.pausedCancelled ?? false, reason: again ? 'recorded' : finished ? 'already_completed' : b.reason,
  });
}

async function v2Resume(state: EmulatorState, ctx: Ctx, workflowId: string, runId: string): Promise<Result> {
  let body: unknown = {};
  if (ctx.body.trim() !== '') {
    try {
      body = JSON.parse(ctx.body);
    } catch {
      return error(state, 400, 'Invalid JSON in request body');
    }
  }
  const contextId = isObject(body) ? body.contextId : undefined;
  if (typeof contextId !== 'string') {
    const message = 'Invalid input: expected string, received undefined';
    return error(state, 400, message, { details: [{ expected: 'string', code: 'invalid_type', path: ['contextId'], message }] });
  }
  ctx.body = JSON.stringify({ input: isObject(body) && isObject(body.input) ? body.input : {} });
  const reply = await resume(state, ctx, workflowId, runId, contextId);
  if (reply === null) return null;
  if (reply.status >= 400) {
    if (reply.status === 401) return error(state, 401, 'Unauthorized');
    return error(state, reply.status, (reply.body as { error?: string }).error ?? 'Request failed');
  }
  const b = reply.body as Record<string, unknown>;
  const newId = String(b.executionId ?? '');
  if (reply.status === 202) return data(state, 202, { runId: newId, statusUrl: `${state.publicBaseUrl}/api/v2/workflows/${workflowId}/runs/${newId}` }, newId);
  const meta = isObject(b.metadata) ? b.metadata : {};
  return data(state, 200, {
    runId: newId, workflowId, status: 'completed', output: b.output, error: null,
    startedAt: meta.startTime ?? null, endedAt: meta.endTime ?? null, durationMs: meta.duration ?? null,
  }, newId);
}

/** Routes `/api/v2/…` (segments after `api`, `v2`). */
export async function v2(state: EmulatorState, ctx: Ctx, rest: string[]): Promise<Result> {
  // the March 2026 server has no v2 code at all: its generic 404, as for any unknown path
  if (state.profile.name === '2026-03') return json(404, { error: 'Not found' });
  if (!state.opts.v2) return json(404, V2_NOT_FOUND);
  const m = ctx.method;
  const allow = (method: string): Reply | null => (m === method ? null : error(state, 405, `Method ${m} not allowed; use ${method}`));
  if (rest[0] === 'workflows' && rest[1]) {
    const wf = rest[1];
    if (rest.length === 3 && rest[2] === 'execute') return allow('POST') ?? v2Execute(state, ctx, wf);
    if (rest[2] === 'runs' && rest[3] && rest.length === 4) return allow('GET') ?? v2Run(state, ctx, wf, rest[3]);
    if (rest[2] === 'runs' && rest[3] && rest.length === 5 && rest[4] === 'cancel') return allow('POST') ?? v2Cancel(state, ctx, wf, rest[3]);
    if (rest[2] === 'runs' && rest[3] && rest.length === 5 && rest[4] === 'resume') return allow('POST') ?? v2Resume(state, ctx, wf, rest[3]);
  }
  const r = json(404, V2_NOT_FOUND, { headers: headers(state) });
  return isReply(r) ? r : null;
}
