/** The HTTP server: journal and faults around every request, then routing to execute.ts, v1.ts, control.ts and the job/usage handlers. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from './state.js';
import {
  appOrigin,
  corsHeaders,
  headerValue,
  json,
  readBody,
  writeHead,
  type Ctx,
  type HeaderMap,
  type Reply,
  type Result,
} from './http.js';
import { HTML_ERROR_PAGE } from './faults.js';
import { jobView } from './jobs.js';
import { parked, sleep } from './timers.js';
import { cancel, execute, executionStatus } from './execute.js';
import { v1 } from './v1.js';
import { control } from './control.js';
import { pausedRoutes, resume, resumeDetail, resumeJobView } from './pause.js';
import { v2 } from './v2.js';

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
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const queryObj: Record<string, string> = {};
  for (const [k, v] of query) queryObj[k] = v;
  ctx.entry = state.journal.add({ method, path: rawPath, query: queryObj, headers, body, status: 0, at: state.now() });

  const fault = state.faults.take(method, rawPath);
  ctx.fault = fault;
  if (fault) {
    switch (fault.type) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'status': {
        // An injected 429 on execute stands for the real rate limit, which burns the claimed id (recordings/sim-server-facts.md §A).
        if (
          fault.status === 429 &&
          method === 'POST' &&
          segments[0] === 'api' &&
          segments[1] === 'workflows' &&
          segments[3] === 'execute'
        ) {
          burnOnRateLimit(state, ctx, segments[2] ?? '');
        }
        const b = fault.body ?? { error: `Injected fault: HTTP ${fault.status}` };
        send(state, ctx, {
          status: fault.status!,
          body: b,
          headers: fault.headers ?? {},
          cors: 'none',
          contentType: typeof b === 'string' ? 'text/plain' : undefined,
        });
        return;
      }
      case 'html': {
        const status = fault.status ?? 502;
        send(state, ctx, { status, body: HTML_ERROR_PAGE(status), cors: 'none', contentType: 'text/html' });
        return;
      }
      case 'delay':
        await parked(state.clock, res, sleepUntilClosed(state, res, fault.delayMs ?? 1000));
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
    send(state, ctx, {
      ...reply,
      status: 200,
      body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
      contentType: 'application/json',
    });
    return;
  }
  send(state, ctx, reply);
}

/** Waits on the emulator's clock; stops early when the client goes away (or close() ends the connection). */
function sleepUntilClosed(state: EmulatorState, res: ServerResponse, ms: number): Promise<void> {
  const gone = new AbortController();
  const abort = (): void => gone.abort();
  res.once('close', abort);
  return sleep(state.clock, ms, gone.signal).finally(() => res.off('close', abort));
}

/** What a rate-limited execute leaves behind on the real server: the id claimed, a failed log entry. */
function burnOnRateLimit(state: EmulatorState, ctx: Ctx, workflowId: string): void {
  if (!state.profile.honourExecutionIdHeader) return;
  const wf = state.workflow(workflowId);
  if (!wf) return;
  const id = headerValue(ctx.req, 'x-execution-id')?.trim() || undefined;
  if (id !== undefined) {
    if (state.claimedExecutionIds.has(id)) return; // the real server answers 409 before the rate limit
    state.claimedExecutionIds.add(id);
  }
  state.logRejectedAttempt(
    wf,
    id ?? randomUUID(),
    'api',
    `Rate limit exceeded. 0 requests remaining. Resets at ${new Date(state.now() + 60_000).toISOString()}.`,
  );
}

function send(state: EmulatorState, ctx: Ctx, reply: Reply): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const bun = state.opts.bunHeaders;
  const isText = typeof reply.body === 'string';
  const payload =
    reply.status === 204 || reply.status === 304 ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  const contentType = reply.contentType ?? (bun ? 'application/json;charset=utf-8' : 'application/json');
  const headers: HeaderMap = {
    ...corsHeaders(reply.cors ?? 'api', appOrigin(state)),
    ...(reply.status === 204 ? {} : { 'content-type': contentType }),
    // the current server sends no x-request-id on OPTIONS (recordings/sim-server-facts.md §D)
    ...(ctx.method === 'OPTIONS' && state.profile.name === 'current'
      ? {}
      : { 'x-request-id': Math.random().toString(16).slice(2, 10).padEnd(8, '0') }),
    ...(reply.headers ?? {}),
  };
  if (bun && headers.vary) headers.vary += ', Accept-Encoding';
  if (ctx.entry) ctx.entry.status = reply.status;
  writeHead(res, reply.status, headers, bun);
  res.end(payload);
}

// ---------------------------------------------------------------- routing

async function route(state: EmulatorState, ctx: Ctx): Promise<Result> {
  const s = ctx.segments;
  const m = ctx.method;
  const isExecute = s[0] === 'api' && s[1] === 'workflows' && s.length === 4 && s[3] === 'execute';
  if (m === 'OPTIONS') {
    return {
      status: 204,
      body: '',
      cors: isExecute ? 'execute' : 'api',
      headers: { 'access-control-max-age': '86400' },
    };
  }
  const allow = (...methods: string[]): Reply | null =>
    methods.includes(m) ? null : json(405, { error: `Method ${m} not allowed; use ${methods.join(' or ')}` });

  if (s[0] === 'api' && s[1] === 'v2') return v2(state, ctx, s.slice(2));
  if (s[0] === 'api' && s[1] === 'workflows' && s[2]) {
    if (isExecute) return allow('POST') ?? execute(state, ctx, s[2]);
    if (s[3] === 'executions' && s[4] && s[5] === 'cancel' && s.length === 6)
      return allow('POST') ?? cancel(state, ctx, s[2], s[4]);
    if (s[3] === 'executions' && s[4] && s.length === 5 && state.profile.executionResource)
      return allow('GET') ?? executionStatus(state, ctx, s[2], s[4]);
    if (s[3] === 'paused' && (s.length === 4 || s.length === 5) && state.profile.pausedRuns)
      return allow('GET') ?? pausedRoutes(state, ctx, s[2], s[4]);
  }
  if (s[0] === 'api' && s[1] === 'resume' && s.length === 5 && state.profile.pausedRuns) {
    const denied = allow('GET', 'POST');
    if (denied) return denied;
    return m === 'GET' ? resumeDetail(state, ctx, s[2]!, s[3]!, s[4]!) : resume(state, ctx, s[2]!, s[3]!, s[4]!);
  }
  if (s[0] === 'api' && s[1] === 'resume' && s.length === 4 && state.profile.pausedRuns)
    return allow('GET') ?? resumeDetail(state, ctx, s[2]!, s[3]!, undefined);
  if (s[0] === 'api' && s[1] === 'jobs' && s.length === 3) return allow('GET') ?? job(state, ctx, s[2]!);
  if (s[0] === 'api' && s[1] === 'users' && s[2] === 'me' && s[3] === 'usage-limits' && s.length === 4)
    return allow('GET') ?? usageLimits(state, ctx);
  if (s[0] === 'api' && s[1] === 'v1') {
    const rest = s.slice(2);
    // the POST-only v1 routes of the current server (recordings/sim-server-facts.md §G.18, §G.20, §G.21); on March they do not exist
    const deployRoute =
      rest[0] === 'workflows' && rest.length === 3 && (rest[2] === 'deploy' || rest[2] === 'rollback');
    const importRoute = rest[0] === 'workflows' && rest.length === 2 && rest[1] === 'import';
    if (state.profile.deployRoutes && (deployRoute || importRoute))
      return allow(...(rest[2] === 'deploy' ? ['POST', 'DELETE'] : ['POST'])) ?? v1(state, ctx, rest);
    const not = allow('GET');
    if (not) return not;
    const known =
      (rest[0] === 'workflows' &&
        (rest.length <= 2 || (rest.length === 3 && rest[2] === 'export' && state.profile.exportRoute))) ||
      (rest[0] === 'logs' && (rest.length <= 2 || (rest.length === 3 && rest[1] === 'executions'))) ||
      (rest[0] === 'audit-logs' && rest.length <= 2);
    if (known) return v1(state, ctx, rest);
  }
  return json(404, { error: 'Not found' });
}
// ---------------------------------------------------------------- jobs & usage

function job(state: EmulatorState, ctx: Ctx, jobId: string): Result {
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing' || key === 'invalid') return json(401, state.profile.jobsNoKey);
  const resumeJob = state.resumeJobs.get(jobId);
  if (resumeJob && key.workspaces.includes(resumeJob.exec.workflow.workspaceId))
    return json(200, resumeJobView(resumeJob));
  const exec = state.executions.getJob(jobId);
  if (!exec || !key.workspaces.includes(exec.workflow.workspaceId))
    return json(404, { error: 'Task not found', code: 'TASK_NOT_FOUND' });
  return json(200, jobView(exec, state.profile, state.now()));
}

async function usageLimits(state: EmulatorState, ctx: Ctx): Promise<Result> {
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing' || key === 'invalid')
    return json(401, { error: 'Authentication required', code: 'AUTHENTICATION_REQUIRED' });
  // a read takes as long as an execute before it counts (the real one answered in 0.1–0.15 s)
  if (state.opts.rateLimitLagMs > 0) await parked(state.clock, ctx.res, sleep(state.clock, state.opts.rateLimitLagMs));
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
