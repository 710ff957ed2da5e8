/** Routing: the Sim API routes, the control endpoints, faults and the journal around them. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiKeyDef } from './seed.js';
import { SEED } from './seed.js';
import type { EmulatorState } from './state.js';
import { corsHeaders, headerValue, json, readBody, writeHead, type CorsKind, type HeaderMap, type Reply } from './http.js';
import { HTML_ERROR_PAGE, type Fault } from './faults.js';
import type { JournalEntry } from './journal.js';
import { jobView } from './jobs.js';
import { SseWriter } from './sse.js';
import { applySelectedOutputs, type Input, type Outcome } from './workflows.js';
import { decodeLogCursor, encodeLogCursor, logError, logFinalOutput, logInput, traceSpans, RUN_COST, type LogQuery, type LogRecord } from './logs.js';
import { publicAudit } from './audit.js';
import { sleep } from './timers.js';

/** Body fields the execute route takes as options, never as workflow input. */
export const CONTROL_FIELDS = ['input', 'stream', 'selectedOutputs', 'triggerType', 'useDraftState', 'includeFileBase64', 'base64MaxBytes', 'workflowStateOverride', 'stopAfterBlockId', 'runFromBlock', 'workflowId'];

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  rawPath: string;
  segments: string[];
  query: URLSearchParams;
  body: string;
  fault: Fault | null;
  entry: JournalEntry | null;
}

/** A handler returns a reply, or null when it answered itself (streams). */
type Result = Reply | null;

const iso = (ms: number): string => new Date(ms).toISOString();

export function createEmulatorServer(state: EmulatorState): Server {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        writeHead(res, 500, { 'content-type': 'application/json' }, false);
        res.end(JSON.stringify({ error: `Emulator internal error: ${(err as Error).message}` }));
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  return server;
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const method = (req.method ?? 'GET').toUpperCase();
  const segments = rawPath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const body = await readBody(req);
  const ctx: Ctx = { req, res, method, rawPath, segments, query, body, fault: null, entry: null };

  if (segments[0] === '__emulator') {
    send(state, ctx, control(state, ctx));
    return;
  }

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const queryObj: Record<string, string> = {};
  for (const [k, v] of query) queryObj[k] = v;
  ctx.entry = state.journal.add({ method, path: rawPath, query: queryObj, headers, body, status: 0, at: Date.now() });

  const fault = state.faults.take(method, rawPath);
  ctx.fault = fault;
  if (fault) {
    switch (fault.type) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'status': {
        const b = fault.body ?? { error: `Injected fault: HTTP ${fault.status}` };
        send(state, ctx, { status: fault.status!, body: b, headers: fault.headers ?? {}, cors: 'none', contentType: typeof b === 'string' ? 'text/plain' : undefined });
        return;
      }
      case 'html': {
        const status = fault.status ?? 502;
        send(state, ctx, { status, body: HTML_ERROR_PAGE(status), cors: 'none', contentType: 'text/html' });
        return;
      }
      case 'delay':
        await sleep(fault.delayMs ?? 1000);
        if (req.socket.destroyed) return;
        break;
      default:
        break;
    }
  }

  const reply = await route(state, ctx);
  if (reply === null) return;
  if (fault?.type === 'execute-then-502') {
    send(state, ctx, { status: 502, body: HTML_ERROR_PAGE(502), cors: 'none', contentType: 'text/html' });
    return;
  }
  if (fault?.type === 'truncated-json') {
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    send(state, ctx, { ...reply, status: 200, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: 'application/json' });
    return;
  }
  send(state, ctx, reply);
}

function send(state: EmulatorState, ctx: Ctx, reply: Reply): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const bun = state.opts.bunHeaders;
  const isText = typeof reply.body === 'string';
  const payload = reply.status === 204 || reply.status === 304 ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  const contentType = reply.contentType ?? (bun ? 'application/json;charset=utf-8' : 'application/json');
  const headers: HeaderMap = {
    ...corsHeaders(reply.cors ?? 'api', appOrigin(state)),
    ...(reply.status === 204 ? {} : { 'content-type': contentType }),
    'x-request-id': Math.random().toString(16).slice(2, 10).padEnd(8, '0'),
    ...(reply.headers ?? {}),
  };
  if (bun && headers.vary) headers.vary += ', Accept-Encoding';
  if (ctx.entry) ctx.entry.status = reply.status;
  writeHead(res, reply.status, headers, bun);
  res.end(payload);
}

const appOrigin = (state: EmulatorState): string => {
  try {
    return new URL(state.publicBaseUrl).origin;
  } catch {
    return '*';
  }
};

// ---------------------------------------------------------------- routing

async function route(state: EmulatorState, ctx: Ctx): Promise<Result> {
  const s = ctx.segments;
  const m = ctx.method;
  const isExecute = s[0] === 'api' && s[1] === 'workflows' && s.length === 4 && s[3] === 'execute';
  if (m === 'OPTIONS') {
    return { status: 204, body: '', cors: isExecute ? 'execute' : 'api', headers: { 'access-control-max-age': '86400' } };
  }
  const allow = (method: string): Reply | null => (m === method ? null : json(405, { error: `Method ${m} not allowed; use ${method}` }));

  if (s[0] === 'api' && s[1] === 'workflows' && s[2]) {
    if (isExecute) return allow('POST') ?? execute(state, ctx, s[2]);
    if (s[3] === 'executions' && s[4] && s[5] === 'cancel' && s.length === 6) return allow('POST') ?? cancel(state, ctx, s[2], s[4]);
    if (s[3] === 'executions' && s[4] && s.length === 5) return allow('GET') ?? executionStatus(state, ctx, s[2], s[4]);
  }
  if (s[0] === 'api' && s[1] === 'jobs' && s.length === 3) return allow('GET') ?? job(state, ctx, s[2]!);
  if (s[0] === 'api' && s[1] === 'users' && s[2] === 'me' && s[3] === 'usage-limits' && s.length === 4) return allow('GET') ?? usageLimits(state, ctx);
  if (s[0] === 'api' && s[1] === 'v1') {
    const not = allow('GET');
    if (not) return not;
    const rest = s.slice(2);
    const known =
      (rest[0] === 'workflows' && rest.length <= 2) ||
      (rest[0] === 'logs' && (rest.length <= 2 || (rest.length === 3 && rest[1] === 'executions'))) ||
      (rest[0] === 'audit-logs' && rest.length <= 2);
    if (known) return v1(state, ctx, rest);
  }
  return json(404, { error: 'Not found' });
}

// ---------------------------------------------------------------- execute

function executeAuth(state: EmulatorState, ctx: Ctx): ApiKeyDef | Reply {
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing') return json(401, state.profile.executeNoKey, { cors: 'execute' });
  if (key === 'invalid') return json(401, { error: 'Invalid API key' }, { cors: 'execute' });
  return key;
}

const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 'status' in x && 'body' in x;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function execute(state: EmulatorState, ctx: Ctx, workflowId: string): Promise<Result> {
  const profile = state.profile;
  const key = executeAuth(state, ctx);
  if (isReply(key)) return key;
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return json(404, { error: 'Workflow not found' }, { cors: 'execute' });
  if (!wf.isDeployed) return json(403, { error: 'Workflow is not deployed' }, { cors: 'execute' });

  let body: Record<string, unknown> = {};
  if (ctx.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(ctx.body);
      body = isObject(parsed) ? parsed : {};
    } catch {
      if (profile.malformedJson === 'reject') return json(400, { error: 'Invalid JSON in request body' }, { cors: 'execute' });
      body = {};
    }
  }
  const async = headerValue(ctx.req, 'x-execution-mode')?.toLowerCase() === 'async';
  if (!async && profile.rejectSyncTimeoutHeader && headerValue(ctx.req, 'x-execution-timeout-seconds') !== undefined) {
    return json(400, { error: 'X-Execution-Timeout-Seconds is supported only for async runs' }, { cors: 'execute' });
  }
  // the real route charges async runs to the sync bucket too, and answers 429 without any rate headers
  if (!state.take(key, 'sync')) return json(429, { error: 'Rate limit exceeded. Please try again later.' }, { cors: 'execute' });

  let input: Input;
  if (isObject(body.input)) input = body.input;
  else {
    input = {};
    for (const [k, v] of Object.entries(body)) if (!CONTROL_FIELDS.includes(k)) input[k] = v;
  }
  const stream = !async && (body.stream === true || headerValue(ctx.req, 'x-stream-response')?.toLowerCase() === 'true');
  const requestedId = headerValue(ctx.req, 'x-execution-id')?.trim();
  const executionId = profile.honourExecutionIdHeader && requestedId ? requestedId : undefined;
  const trigger = typeof body.triggerType === 'string' && body.triggerType ? body.triggerType : 'api';
  const runsAsStream = stream && ctx.fault?.type !== 'execute-then-502';
  let timeoutMs: number | null = async ? null : state.opts.syncTimeoutMs;
  const timeoutHeader = headerValue(ctx.req, 'x-execution-timeout-seconds');
  if (async && timeoutHeader !== undefined) {
    const seconds = Number(timeoutHeader);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      return json(400, { error: 'X-Execution-Timeout-Seconds must be a positive number of seconds' }, { cors: 'execute' });
    }
    timeoutMs = seconds * 1000;
  }
  const exec = state.executions.create({
    workflow: wf, mode: async ? 'async' : runsAsStream ? 'stream' : 'sync', input, trigger, userId: key.userId, executionId, profile, timeoutMs,
  });

  if (async) {
    void state.run(exec);
    return json(
      202,
      {
        success: true,
        async: true,
        jobId: exec.jobId,
        executionId: exec.executionId,
        message: 'Workflow execution queued',
        statusUrl: `${state.publicBaseUrl}/api/jobs/${exec.jobId}`,
      },
      { cors: 'execute' },
    );
  }

  const selected = body.selectedOutputs;
  const finalOutput = (outcome: Outcome & { kind: 'success' }): unknown =>
    outcome.response
      ? { data: outcome.response.data, status: outcome.response.status, headers: outcome.response.headers }
      : applySelectedOutputs(wf, input, outcome.output, selected);

  if (runsAsStream) {
    const { res } = ctx;
    const bun = state.opts.bunHeaders;
    if (ctx.entry) ctx.entry.status = 200;
    writeHead(
      res,
      200,
      {
        ...corsHeaders('execute', appOrigin(state)),
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'content-type': 'text/event-stream',
        'x-accel-buffering': 'no',
        'x-request-id': exec.requestId,
      },
      bun,
    );
    res.flushHeaders();
    const maxEvents = ctx.fault?.type === 'truncated-sse' ? Math.max(0, ctx.fault.afterEvents ?? 1) : null;
    const writer = new SseWriter(res, maxEvents);
    res.on('close', () => {
      // the client went away: stop the run
      if (exec.status === 'running' && !res.writableFinished) exec.controller.abort();
    });
    const outcome = await state.run(exec, (blockId, chunk) => writer.event({ blockId, chunk }));
    if (outcome.kind === 'success') await writer.event({ event: 'final', data: { success: true, output: finalOutput(outcome) } });
    else if (outcome.kind === 'failure') await writer.event({ event: 'error', error: outcome.error });
    else await writer.event({ event: 'final', data: { success: false, output: {} } });
    await writer.done();
    return null;
  }

  const outcome = await state.run(exec);
  const endMs = exec.endedAtMs ?? Date.now();
  const metadata = { duration: Math.max(0.001, endMs - exec.startedAtMs + Math.random()), startTime: iso(exec.startedAtMs), endTime: iso(endMs) };
  if (outcome.kind === 'failure') return json(exec.timedOut ? 408 : 500, { success: false, output: {}, error: outcome.error, metadata }, { cors: 'execute' });
  if (outcome.kind === 'cancelled') return json(200, { success: false, executionId: exec.executionId, output: {}, metadata }, { cors: 'execute' });
  if (outcome.response) {
    const headers: HeaderMap = {};
    for (const [k, v] of Object.entries(outcome.response.headers)) if (k.toLowerCase() !== 'content-type') headers[k.toLowerCase()] = v;
    return json(outcome.response.status, outcome.response.data, { cors: 'execute', headers });
  }
  return json(200, { success: true, executionId: exec.executionId, output: finalOutput(outcome), metadata }, { cors: 'execute' });
}

// ---------------------------------------------------------------- cancel & execution status

function cancel(state: EmulatorState, ctx: Ctx, workflowId: string, executionId: string): Result {
  const profile = state.profile;
  const key = executeAuth(state, ctx);
  if (isReply(key)) return key;
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return json(404, { error: 'Workflow not found' }, { cors: 'execute' });
  const exec = state.executions.get(executionId);
  const known = (exec && exec.workflow.id === wf.id) || state.logs.getByExecution(executionId)?.workflowId === wf.id;
  const answer = (success: boolean, redisAvailable: boolean, durablyRecorded: boolean, reason: string): Reply => {
    const body: Record<string, unknown> = { success, executionId, redisAvailable, durablyRecorded, locallyAborted: false };
    if (profile.cancelHasPausedCancelled) body.pausedCancelled = false;
    body.reason = reason;
    return json(200, body, { cors: 'execute' });
  };
  if (!known) {
    if (profile.unknownCancel === 'not-found') return json(404, { error: 'Execution not found' }, { cors: 'execute' });
    return state.opts.redis ? answer(true, true, true, 'recorded') : answer(false, false, false, 'redis_unavailable');
  }
  const stop = (): void => {
    if (exec && exec.status === 'running') {
      exec.cancelled = true;
      exec.controller.abort();
    }
  };
  let reply: Reply;
  if (state.opts.redis) {
    stop();
    reply = answer(true, true, true, 'recorded');
  } else if (profile.cancelWithoutRedis === 'unavailable') {
    reply = answer(false, false, false, 'redis_unavailable'); // March: the run is not stopped
  } else if (exec && exec.mode === 'async') {
    reply = exec.cancelCount > 0 ? answer(true, true, false, 'already_cancelled') : answer(true, false, false, 'queue_cancelled');
    stop();
  } else {
    stop(); // the in-process run does stop, but the answer says otherwise (as recorded)
    reply = answer(false, false, false, 'redis_unavailable');
  }
  if (exec) exec.cancelCount++;
  return reply;
}

function executionStatus(state: EmulatorState, ctx: Ctx, workflowId: string, executionId: string): Result {
  const key = executeAuth(state, ctx);
  if (isReply(key)) return { ...key, cors: 'api' };
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return json(404, { error: 'Workflow not found' });
  const exec = state.executions.get(executionId);
  if (exec && exec.workflow.id === wf.id && exec.status === 'running') {
    return json(200, {
      executionId, workflowId: wf.id, status: 'running', trigger: exec.trigger, level: 'info', startedAt: iso(exec.startedAtMs), endedAt: null,
      totalDurationMs: null, paused: null, cost: { total: RUN_COST }, error: null, finalOutput: null, blockOutputs: null,
    });
  }
  const rec = state.logs.getByExecution(executionId);
  if (!rec || rec.workflowId !== wf.id) return json(404, { error: 'Execution not found' });
  return json(200, {
    executionId, workflowId: wf.id, status: rec.status, trigger: rec.trigger, level: rec.level, startedAt: iso(rec.startedAtMs),
    endedAt: iso(rec.startedAtMs + rec.durationMs), totalDurationMs: rec.durationMs, paused: null, cost: { total: rec.cost },
    error: logError(rec), finalOutput: null, blockOutputs: null,
  });
}

// ---------------------------------------------------------------- jobs & usage

function job(state: EmulatorState, ctx: Ctx, jobId: string): Result {
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing' || key === 'invalid') return json(401, state.profile.jobsNoKey);
  const exec = state.executions.getJob(jobId);
  if (!exec || !key.workspaces.includes(exec.workflow.workspaceId)) return json(404, { error: 'Task not found', code: 'TASK_NOT_FOUND' });
  return json(200, jobView(exec, state.profile));
}

function usageLimits(state: EmulatorState, ctx: Ctx): Result {
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing' || key === 'invalid') return json(401, { error: 'Authentication required', code: 'AUTHENTICATION_REQUIRED' });
  const limits = state.limitsFor(key) as { usage: { currentPeriodCost: number; limit: number; plan: string } };
  const sync = state.bucket(key, 'sync');
  const asyncB = state.bucket(key, 'async');
  return json(200, {
    success: true,
    rateLimit: {
      sync: { isLimited: sync.remaining < 1, ...sync },
      async: { isLimited: asyncB.remaining < 1, ...asyncB },
      authType: 'api',
    },
    usage: { currentPeriodCost: limits.usage.currentPeriodCost, limit: limits.usage.limit, plan: limits.usage.plan },
    storage: { usedBytes: 0, limitBytes: 5368709120, percentUsed: 0 },
  });
}

// ---------------------------------------------------------------- /api/v1/*

function v1(state: EmulatorState, ctx: Ctx, rest: string[]): Result {
  const profile = state.profile;
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing') return json(401, { error: 'API key required' });
  if (key === 'invalid') return json(401, { error: 'Invalid API key' });
  if (!state.take(key, 'api')) {
    const b = state.bucket(key, 'api');
    const resetMs = Date.now() + 60_000;
    const reset = iso(resetMs);
    return json(
      429,
      { error: 'Rate limit exceeded', message: `API rate limit exceeded. Please retry after ${reset}`, retryAfter: resetMs },
      {
        contentType: 'application/json;charset=utf-8',
        headers: {
          'retry-after': '60',
          'x-ratelimit-limit': String(profile.v1LimitHeader === 'maxBurst' ? b.maxBurst : b.requestsPerMinute),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': reset,
        },
      },
    );
  }
  const b = state.bucket(key, 'api', true);
  const rateHeaders: HeaderMap = {
    'x-ratelimit-limit': String(profile.v1LimitHeader === 'maxBurst' ? b.maxBurst : b.requestsPerMinute),
    'x-ratelimit-remaining': String(Math.max(0, b.remaining)),
    'x-ratelimit-reset': b.resetAt,
  };
  const reply = v1Route(state, ctx, key, rest);
  return { ...reply, headers: { ...rateHeaders, ...(reply.headers ?? {}) } };
}

function v1Route(state: EmulatorState, ctx: Ctx, key: ApiKeyDef, rest: string[]): Reply {
  if (rest[0] === 'workflows') return rest[1] ? workflowDetail(state, key, rest[1]) : listWorkflows(state, ctx, key);
  if (rest[0] === 'logs') {
    if (rest[1] === 'executions' && rest[2]) return executionDetails(state, key, rest[2]);
    return rest[1] ? logDetail(state, key, rest[1]) : listLogs(state, ctx, key);
  }
  if (!key.enterprise) {
    return json(403, { error: 'Audit logs are available only on Enterprise plans, to organization owners and admins' });
  }
  return rest[1] ? auditDetail(state, key, rest[1]) : listAudit(state, ctx, key);
}

function workspaceParam(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): string | Reply {
  const ws = ctx.query.get('workspaceId');
  if (!ws) return json(400, state.profile.missingWorkspace);
  if (!key.workspaces.includes(ws)) return json(403, { error: 'Access denied to this workspace' });
  return ws;
}

const intParam = (v: string | null, def: number, min: number, max: number): number => {
  const n = v === null || v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(n)) return def;
  return Math.min(max, Math.max(min, Math.floor(n)));
};

const numParam = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

const badParam = (name: string, message: string): Reply =>
  json(400, { error: 'Invalid parameters', details: [{ code: 'invalid_type', path: [name], message }] });

function workflowSummary(state: EmulatorState, id: string): Record<string, unknown> {
  const w = state.workflow(id)!;
  const s = state.stats.get(id) ?? { runCount: 0, lastRunAtMs: null };
  const out: Record<string, unknown> = { id: w.id, name: w.name, description: w.description };
  if (state.profile.workflowColor) out.color = w.color;
  Object.assign(out, {
    folderId: w.folderId, workspaceId: w.workspaceId, isDeployed: w.isDeployed, deployedAt: w.deployedAt, runCount: s.runCount,
    lastRunAt: s.lastRunAtMs === null ? null : iso(s.lastRunAtMs), createdAt: w.createdAt, updatedAt: w.updatedAt,
  });
  return out;
}

function listWorkflows(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const ws = workspaceParam(state, ctx, key);
  if (typeof ws !== 'string') return ws;
  const folderId = ctx.query.get('folderId');
  const deployedOnly = ctx.query.get('deployedOnly') === 'true';
  const limit = intParam(ctx.query.get('limit'), 50, 1, 100);
  let list = state.workflows
    .filter((w) => w.workspaceId === ws && (!folderId || w.folderId === folderId) && (!deployedOnly || w.isDeployed))
    .sort((a, b) => a.sortOrder - b.sortOrder || (a.createdAt < b.createdAt ? 1 : -1));
  const cursor = ctx.query.get('cursor');
  if (cursor) {
    let c: { sortOrder?: unknown; id?: unknown };
    try {
      c = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as typeof c;
    } catch {
      return json(400, { error: 'Invalid cursor' });
    }
    if (typeof c.sortOrder !== 'number' || typeof c.id !== 'string') return json(400, { error: 'Invalid cursor' });
    const so = c.sortOrder;
    const cid = c.id;
    list = list.filter((w) => w.sortOrder > so || (w.sortOrder === so && w.id > cid));
  }
  const page = list.slice(0, limit);
  const body: Record<string, unknown> = { data: page.map((w) => workflowSummary(state, w.id)) };
  if (list.length > limit) {
    const last = page[page.length - 1]!;
    body.nextCursor = Buffer.from(JSON.stringify({ sortOrder: last.sortOrder, createdAt: last.createdAt, id: last.id })).toString('base64');
  }
  body.limits = state.limitsFor(key);
  return json(200, body);
}

function workflowDetail(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = state.workflow(id);
  if (!w || !key.workspaces.includes(w.workspaceId)) return json(404, { error: 'Workflow not found' });
  const inputs = w.inputs.map((f) => ({ ...f }));
  return json(200, { data: { ...workflowSummary(state, id), variables: {}, inputs }, limits: state.limitsFor(key) });
}

function listLogs(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const ws = workspaceParam(state, ctx, key);
  if (typeof ws !== 'string') return ws;
  const p = ctx.query;
  const csv = (name: string): string[] | null => {
    const v = p.get(name);
    return v ? v.split(',').map((x) => x.trim()).filter(Boolean) : null;
  };
  let allowed = new Set(state.workflows.filter((w) => w.workspaceId === ws).map((w) => w.id));
  const wfIds = csv('workflowIds');
  if (wfIds) allowed = new Set(wfIds.filter((id) => allowed.has(id)));
  const folderIds = csv('folderIds');
  if (folderIds) allowed = new Set([...allowed].filter((id) => folderIds.includes(state.workflow(id)?.folderId ?? '')));
  const date = (name: string): number | null | Reply => {
    const v = p.get(name);
    if (!v) return null;
    const ms = Date.parse(v);
    return Number.isFinite(ms) ? ms : badParam(name, `${name} must be an ISO 8601 date-time`);
  };
  const startMs = date('startDate');
  if (isReply(startMs)) return startMs;
  const endMs = date('endDate');
  if (isReply(endMs)) return endMs;
  const order = p.get('order') === 'asc' ? 'asc' : 'desc';
  let cursor: LogQuery['cursor'] = null;
  const rawCursor = p.get('cursor');
  if (rawCursor) {
    const c = decodeLogCursor(rawCursor);
    if (!c) return json(400, { error: 'Invalid cursor' });
    cursor = c;
  }
  const triggers = csv('triggers');
  const q: LogQuery = {
    workflowIds: allowed,
    level: p.get('level'),
    triggers: triggers ? new Set(triggers) : null,
    startMs,
    endMs,
    executionId: p.get('executionId'),
    minDurationMs: numParam(p.get('minDurationMs')),
    maxDurationMs: numParam(p.get('maxDurationMs')),
    minCost: numParam(p.get('minCost')),
    maxCost: numParam(p.get('maxCost')),
    model: p.get('model'),
    limit: intParam(p.get('limit'), 100, 1, 1000),
    order,
    cursor,
  };
  const { items, hasMore } = state.logs.query(q);
  const full = p.get('details') === 'full';
  const withFinal = p.get('includeFinalOutput') === 'true';
  const withSpans = p.get('includeTraceSpans') === 'true';
  const body: Record<string, unknown> = {
    data: items.map((rec) => {
      const item = logItem(rec);
      if (full) {
        const w = state.workflow(rec.workflowId);
        item.workflow = { id: rec.workflowId, name: w?.name ?? 'deleted', description: w?.description ?? null, deleted: !w };
        if (withFinal) item.finalOutput = logFinalOutput(rec);
        if (withSpans) item.traceSpans = traceSpans(rec, w);
      }
      return item;
    }),
  };
  if (hasMore) body.nextCursor = encodeLogCursor(items[items.length - 1]!, order);
  body.limits = state.limitsFor(key);
  return json(200, body);
}

function logItem(rec: LogRecord): Record<string, unknown> {
  return {
    id: rec.id, workflowId: rec.workflowId, executionId: rec.executionId, deploymentVersionId: rec.deploymentVersionId, level: rec.level,
    trigger: rec.trigger, startedAt: iso(rec.startedAtMs), endedAt: iso(rec.startedAtMs + rec.durationMs), totalDurationMs: rec.durationMs,
    cost: { total: rec.cost }, files: null,
  };
}

function accessibleLog(state: EmulatorState, key: ApiKeyDef, rec: LogRecord | undefined): rec is LogRecord {
  const w = rec ? state.workflow(rec.workflowId) : undefined;
  return !!w && key.workspaces.includes(w.workspaceId);
}

function logDetail(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const rec = state.logs.get(id);
  if (!accessibleLog(state, key, rec)) return json(404, { error: 'Log not found' });
  const w = state.workflow(rec.workflowId)!;
  const spans = traceSpans(rec, w);
  const blocks = w.blocks;
  const finalOutput = logFinalOutput(rec);
  const data = {
    id: rec.id, workflowId: rec.workflowId, executionId: rec.executionId, level: rec.level, trigger: rec.trigger,
    startedAt: iso(rec.startedAtMs), endedAt: iso(rec.startedAtMs + rec.durationMs), totalDurationMs: rec.durationMs,
    workflow: {
      id: w.id, name: w.name, description: w.description, folderId: w.folderId,
      userId: 'user-emulator', workspaceId: w.workspaceId, createdAt: w.createdAt, updatedAt: w.updatedAt,
    },
    executionData: {
      environment: { variables: {}, workflowId: w.id, executionId: rec.executionId, userId: 'user-emulator', workspaceId: w.workspaceId },
      trigger: { type: rec.trigger, source: rec.trigger, timestamp: iso(rec.startedAtMs) },
      billingAttribution: null,
      lastStartedBlock: blocks[blocks.length - 1]?.id ?? null,
      lastCompletedBlock: rec.status === 'completed' ? (blocks[blocks.length - 1]?.id ?? null) : (blocks[blocks.length - 2]?.id ?? null),
      finalizationPath: rec.status,
      hasTraceSpans: true,
      traceSpanCount: spans.length,
      tokens: { prompt: 0, completion: 0, total: 0 },
      models: {},
      finalOutput,
      workflowInput: logInput(rec),
      traceSpans: spans,
    },
    cost: { total: rec.cost, tokens: { prompt: 0, completion: 0, total: 0 }, models: {} },
    createdAt: iso(rec.startedAtMs + rec.durationMs),
  };
  return json(200, { data, limits: state.limitsFor(key) });
}

function executionDetails(state: EmulatorState, key: ApiKeyDef, executionId: string): Reply {
  const rec = state.logs.getByExecution(executionId);
  if (!accessibleLog(state, key, rec)) return json(404, { error: 'Execution not found' });
  const w = state.workflow(rec.workflowId)!;
  const blocks: Record<string, unknown> = {};
  for (const b of w.blocks) blocks[b.id] = { id: b.id, type: b.type, name: b.name, enabled: true };
  const edges = w.blocks.slice(1).map((b, i) => ({ id: `edge-${i + 1}`, source: w.blocks[i]!.id, target: b.id }));
  return json(200, {
    executionId: rec.executionId,
    workflowId: rec.workflowId,
    workflowState: { blocks, edges, loops: {}, parallels: {} },
    executionMetadata: {
      trigger: rec.trigger, startedAt: iso(rec.startedAtMs), endedAt: iso(rec.startedAtMs + rec.durationMs), totalDurationMs: rec.durationMs,
      cost: { total: rec.cost },
    },
    limits: state.limitsFor(key),
  });
}

function listAudit(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const p = ctx.query;
  const limit = intParam(p.get('limit'), 50, 1, 100);
  const startMs = p.get('startDate') ? Date.parse(p.get('startDate')!) : null;
  const endMs = p.get('endDate') ? Date.parse(p.get('endDate')!) : null;
  if (startMs !== null && !Number.isFinite(startMs)) return badParam('startDate', 'startDate must be an ISO 8601 date-time');
  if (endMs !== null && !Number.isFinite(endMs)) return badParam('endDate', 'endDate must be an ISO 8601 date-time');
  const ws = p.get('workspaceId');
  if (ws && !key.workspaces.includes(ws)) return json(403, { error: 'Access denied to this workspace' });
  const includeDeparted = p.get('includeDeparted') === 'true';
  let list = state.audit.filter(
    (e) =>
      (!p.get('action') || e.action === p.get('action')) &&
      (!p.get('resourceType') || e.resourceType === p.get('resourceType')) &&
      (!p.get('resourceId') || e.resourceId === p.get('resourceId')) &&
      (!ws || e.workspaceId === ws) &&
      (!p.get('actorId') || e.actorId === p.get('actorId')) &&
      (startMs === null || Date.parse(e.createdAt) >= startMs) &&
      (endMs === null || Date.parse(e.createdAt) <= endMs) &&
      (includeDeparted || !e.departed),
  );
  const cursor = p.get('cursor');
  if (cursor) {
    let c: { createdAt?: unknown; id?: unknown };
    try {
      c = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as typeof c;
    } catch {
      return json(400, { error: 'Invalid cursor' });
    }
    if (typeof c.createdAt !== 'string' || typeof c.id !== 'string') return json(400, { error: 'Invalid cursor' });
    const ca = c.createdAt;
    const cid = c.id;
    list = list.filter((e) => e.createdAt < ca || (e.createdAt === ca && e.id > cid));
  }
  const page = list.slice(0, limit);
  const body: Record<string, unknown> = { data: page.map(publicAudit) };
  if (list.length > limit) {
    const last = page[page.length - 1]!;
    body.nextCursor = Buffer.from(JSON.stringify({ createdAt: last.createdAt, id: last.id })).toString('base64');
  }
  body.limits = state.limitsFor(key);
  return json(200, body);
}

function auditDetail(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const e = state.audit.find((a) => a.id === id);
  if (!e || (e.workspaceId && !key.workspaces.includes(e.workspaceId))) return json(404, { error: 'Audit log not found' });
  return json(200, { data: publicAudit(e), limits: state.limitsFor(key) });
}

// ---------------------------------------------------------------- control endpoints

function control(state: EmulatorState, ctx: Ctx): Reply {
  const what = ctx.segments.slice(1).join('/');
  const m = ctx.method;
  const c = (status: number, body: unknown): Reply => ({ status, body, cors: 'none' });
  if (what === '' && m === 'GET') return c(200, { profile: state.profile.name, version: state.profile.version, url: state.baseUrl, seed: SEED });
  if (what === 'journal' && m === 'GET') return c(200, state.journal.list());
  if (what === 'journal' && m === 'DELETE') {
    state.journal.clear();
    return c(200, { cleared: true });
  }
  if (what === 'faults' && m === 'POST') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(ctx.body);
    } catch {
      return c(400, { error: 'The fault must be JSON, e.g. {"type":"status","status":503,"path":"/api/jobs/"}' });
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    try {
      for (const f of list) state.faults.add(f as Fault);
    } catch (err) {
      return c(400, { error: (err as Error).message });
    }
    return c(201, { ok: true, pending: state.faults.pending });
  }
  if (what === 'faults' && m === 'DELETE') {
    state.faults.clear();
    return c(200, { ok: true, pending: 0 });
  }
  if (what === 'reset' && m === 'POST') {
    state.reset();
    return c(200, { ok: true });
  }
  return c(404, { error: `Unknown control endpoint ${m} /__emulator/${what}. Use GET/DELETE /__emulator/journal, POST/DELETE /__emulator/faults, POST /__emulator/reset.` });
}
