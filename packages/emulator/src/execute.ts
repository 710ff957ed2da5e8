/** The execute route, cancel, and the execution status of one run. */
import { randomUUID } from 'node:crypto';
import type { EmulatorState } from './state.js';
import type { ApiKeyDef, WorkflowDef } from './seed.js';
import type { Execution } from './jobs.js';
import {
  appOrigin,
  corsHeaders,
  headerValue,
  iso,
  isObject,
  isReply,
  json,
  writeHead,
  type Ctx,
  type HeaderMap,
  type Reply,
  type Result,
} from './http.js';
import { SseWriter } from './sse.js';
import { applySelectedOutputs, blockOutputs, type Input, type Outcome } from './workflows.js';
import { logError, logFinalOutput, logInput, type LogRecord } from './logs.js';
import { cancelPaused, pausedExecutionView } from './pause.js';
import { executeAuth } from './auth.js';
import { startRun } from './runner.js';
import { parked, sleep } from './timers.js';

/** Body fields the execute route takes as options, never as workflow input. */
export const CONTROL_FIELDS = [
  'input',
  'stream',
  'selectedOutputs',
  'triggerType',
  'useDraftState',
  'includeFileBase64',
  'base64MaxBytes',
  'workflowStateOverride',
  'stopAfterBlockId',
  'runFromBlock',
  'workflowId',
];

/** Controls the current route refuses on async executes (v0.8.9 route.ts). */
const ASYNC_REFUSED_CONTROLS = [
  'selectedOutputs',
  'useDraftState',
  'workflowStateOverride',
  'runFromBlock',
  'stopAfterBlockId',
  'includeFileBase64',
  'base64MaxBytes',
];
const isSet = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== false);

/** One execute, as both API versions ask for it (v1 from headers and a flat body; v2 from `{input, async, stream}`). */
export interface ExecuteRequest {
  input: Input;
  mode: 'sync' | 'async' | 'stream';
  /** The client's id (`X-Execution-Id` on v1 where the profile honours it, `X-Run-Id` on v2). */
  executionId?: string;
  trigger: string;
  timeoutMs: number | null;
  selectedOutputs: unknown;
  /**
   * The bucket it spends: v1 executes of every mode spend `sync` (v1 async too: recordings/sim-server-facts.md §5.9, 2026-12-03); v2 async
   * executes spend `async` (recordings/sim-server-facts.md §M4).
   */
  bucket: 'sync' | 'async';
  /** Extra headers of a stream answer (v2: `x-run-id` and the rate headers, recordings/sim-server-facts.md §M10). */
  streamHeaders?: (exec: Execution) => HeaderMap;
}

/** What became of an execute: refused, queued, answered as a stream, or run to its end (sync). */
export type ExecuteResult =
  | { kind: 'conflict'; executionId: string }
  | { kind: 'rate-limited'; resetAtMs: number; retryAfterMs: number }
  | { kind: 'queued'; exec: Execution }
  | { kind: 'streamed' }
  | { kind: 'finished'; exec: Execution; outcome: Outcome };

/**
 * The route's steps after parsing (Sim's execute service): claim the execution id before the rate limit (recordings/sim-server-facts.md §A: a
 * reused id → conflict; a 429 burns the id and leaves a failed log entry for it), take a token, then run.
 */
export async function runExecute(
  state: EmulatorState,
  ctx: Ctx,
  key: ApiKeyDef,
  wf: WorkflowDef,
  req: ExecuteRequest,
): Promise<ExecuteResult> {
  if (state.opts.rateLimitLagMs > 0) await parked(state.clock, ctx.res, sleep(state.clock, state.opts.rateLimitLagMs));
  const claimedId = req.executionId;
  if (claimedId !== undefined) {
    if (
      state.claimedExecutionIds.has(claimedId) ||
      state.executions.get(claimedId) ||
      state.logs.getByExecution(claimedId)
    )
      return { kind: 'conflict', executionId: claimedId };
    state.claimedExecutionIds.add(claimedId);
  }
  const token = state.consume(key, req.bucket);
  if (!token.allowed) {
    // Sim's preprocessing: `Rate limit exceeded. ${remaining} requests remaining. Resets at ${resetAt}.` (2026-12-03 raw 429s)
    if (state.profile.honourExecutionIdHeader) {
      state.logRejectedAttempt(
        wf,
        claimedId ?? randomUUID(),
        req.trigger,
        `Rate limit exceeded. ${token.remaining} requests remaining. Resets at ${iso(token.resetAtMs)}.`,
      );
    }
    return {
      kind: 'rate-limited',
      resetAtMs: token.resetAtMs,
      retryAfterMs: token.retryAfterMs ?? Math.max(0, token.resetAtMs - state.now()),
    };
  }
  const exec = state.executions.create({
    workflow: wf,
    mode: req.mode,
    input: req.input,
    trigger: req.trigger,
    userId: key.userId,
    executionId: claimedId,
    profile: state.profile,
    timeoutMs: req.timeoutMs,
    nowMs: state.now(),
  });
  if (req.mode === 'async') {
    void startRun(state, exec);
    return { kind: 'queued', exec };
  }
  if (req.mode === 'stream') {
    await streamRun(state, ctx, exec, wf, req);
    return { kind: 'streamed' };
  }
  // the answer now waits only on the run, whose waits are all on the emulator's clock
  const outcome = await parked(state.clock, ctx.res, startRun(state, exec));
  return { kind: 'finished', exec, outcome };
}

/** The workflow output a finished run answers with (a Response block's `{data, status, headers}`; streams narrow by `selectedOutputs`). */
export function answerOutput(
  wf: WorkflowDef,
  exec: Execution,
  outcome: Outcome & { kind: 'success' },
  selected: unknown,
  narrow: boolean,
): unknown {
  if (outcome.response)
    return { data: outcome.response.data, status: outcome.response.status, headers: outcome.response.headers };
  return narrow ? applySelectedOutputs(wf, exec.input, outcome.output, selected) : outcome.output;
}

/** A stream run: the SSE answer (recordings/sim-server-facts.md §5.4; a pause: one `final` frame with `status:"paused"`, §G.5). */
async function streamRun(
  state: EmulatorState,
  ctx: Ctx,
  exec: Execution,
  wf: WorkflowDef,
  req: ExecuteRequest,
): Promise<void> {
  const { res } = ctx;
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
      ...(req.streamHeaders?.(exec) ?? {}),
    },
    state.opts.bunHeaders,
  );
  res.flushHeaders();
  const maxEvents = ctx.fault?.type === 'truncated-sse' ? Math.max(0, ctx.fault.afterEvents ?? 1) : null;
  const writer = new SseWriter(res, maxEvents);
  res.on('close', () => {
    // the client went away: stop the run
    if (exec.status === 'running' && !res.writableFinished) exec.controller.abort();
  });
  const outcome = await startRun(state, exec, (blockId, chunk) => writer.chunk(blockId, chunk));
  if (outcome.kind === 'success')
    await writer.event({
      event: 'final',
      data: { success: true, output: answerOutput(wf, exec, outcome, req.selectedOutputs, true) },
    });
  else if (outcome.kind === 'paused')
    await writer.event({ event: 'final', data: { success: true, output: exec.pause?.output ?? {}, status: 'paused' } });
  else if (outcome.kind === 'failure') await writer.event({ event: 'error', error: outcome.error });
  else await writer.event({ event: 'final', data: { success: false, output: {} } });
  await writer.done();
}

/** `POST /api/workflows/{id}/execute` (v1). */
export async function execute(state: EmulatorState, ctx: Ctx, workflowId: string): Promise<Result> {
  const profile = state.profile;
  const key = executeAuth(state, ctx);
  if (isReply(key)) return key;
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId))
    return json(404, { error: 'Workflow not found' }, { cors: 'execute' });
  if (!wf.isDeployed) return json(403, { error: 'Workflow is not deployed' }, { cors: 'execute' });

  let body: Record<string, unknown> = {};
  if (ctx.body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(ctx.body);
      body = isObject(parsed) ? parsed : {};
    } catch {
      if (profile.malformedJson === 'reject')
        return json(400, { error: 'Invalid JSON in request body' }, { cors: 'execute' });
      body = {};
    }
  }
  const async = headerValue(ctx.req, 'x-execution-mode')?.toLowerCase() === 'async';
  if (async && profile.asyncRefusesExecutionControls && ASYNC_REFUSED_CONTROLS.some((k) => isSet(body[k]))) {
    // recordings/sim-server-facts.md §B: recorded with selectedOutputs; the route's check covers the other controls too
    return json(
      400,
      { error: 'Async execution does not support draft or override execution controls' },
      { cors: 'execute' },
    );
  }
  if (!async && profile.rejectSyncTimeoutHeader && headerValue(ctx.req, 'x-execution-timeout-seconds') !== undefined) {
    return json(400, { error: 'X-Execution-Timeout-Seconds is supported only for async runs' }, { cors: 'execute' });
  }
  let timeoutMs: number | null = async ? null : state.opts.syncTimeoutMs;
  const timeoutHeader = headerValue(ctx.req, 'x-execution-timeout-seconds');
  if (async && timeoutHeader !== undefined) {
    const seconds = Number(timeoutHeader);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      return json(
        400,
        { error: 'X-Execution-Timeout-Seconds must be a positive number of seconds' },
        { cors: 'execute' },
      );
    }
    timeoutMs = seconds * 1000;
  }
  let input: Input;
  if (isObject(body.input)) input = body.input;
  else {
    input = {};
    for (const [k, v] of Object.entries(body)) if (!CONTROL_FIELDS.includes(k)) input[k] = v;
  }
  const stream =
    !async && (body.stream === true || headerValue(ctx.req, 'x-stream-response')?.toLowerCase() === 'true');
  const runsAsStream = stream && ctx.fault?.type !== 'execute-then-502';
  const req: ExecuteRequest = {
    input,
    mode: async ? 'async' : runsAsStream ? 'stream' : 'sync',
    executionId: profile.honourExecutionIdHeader
      ? headerValue(ctx.req, 'x-execution-id')?.trim() || undefined
      : undefined,
    trigger: typeof body.triggerType === 'string' && body.triggerType ? body.triggerType : 'api',
    timeoutMs,
    selectedOutputs: body.selectedOutputs,
    bucket: 'sync',
  };
  const result = await runExecute(state, ctx, key, wf, req);
  switch (result.kind) {
    case 'conflict':
      return json(
        409,
        { error: 'Execution ID has already been used', code: 'EXECUTION_ID_CONFLICT', executionId: result.executionId },
        { cors: 'execute' },
      );
    case 'rate-limited':
      // recorded: a v1 execute 429 has no Retry-After and no rate headers (recordings/sim-server-facts.md §5.9, recordings/sim-server-facts.md §M3)
      return json(429, { error: 'Rate limit exceeded. Please try again later.' }, { cors: 'execute' });
    case 'streamed':
      return null;
    case 'queued': {
      const exec = result.exec;
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
    case 'finished':
      return syncAnswer(state, wf, result.exec, result.outcome, body.selectedOutputs);
  }
}

/** The v1 sync answer (recordings/sim-server-facts.md §5.2; a pause: 200 success with the pausing block's output, §G.4, §G.14). */
function syncAnswer(
  state: EmulatorState,
  wf: WorkflowDef,
  exec: Execution,
  outcome: Outcome,
  selected: unknown,
): Reply {
  const endMs = exec.endedAtMs ?? state.now();
  const metadata = {
    duration: Math.max(0.001, endMs - exec.startedAtMs + Math.random()),
    startTime: iso(exec.startedAtMs),
    endTime: iso(endMs),
  };
  if (outcome.kind === 'failure')
    return json(
      exec.timedOut ? 408 : 500,
      { success: false, output: {}, error: outcome.error, metadata },
      { cors: 'execute' },
    );
  if (outcome.kind === 'cancelled')
    return json(200, { success: false, executionId: exec.executionId, output: {}, metadata }, { cors: 'execute' });
  if (outcome.kind === 'paused')
    return json(
      200,
      { success: true, executionId: exec.executionId, output: exec.pause?.output ?? {}, metadata },
      { cors: 'execute' },
    );
  if (outcome.response) {
    const headers: HeaderMap = {};
    for (const [k, v] of Object.entries(outcome.response.headers))
      if (k.toLowerCase() !== 'content-type') headers[k.toLowerCase()] = v;
    return json(outcome.response.status, outcome.response.data, { cors: 'execute', headers });
  }
  // only the stream path resolves selectedOutputs; sync executes ignore them (recordings/sim-server-facts.md §B, §G.15) unless the profile narrows
  return json(
    200,
    {
      success: true,
      executionId: exec.executionId,
      output: answerOutput(wf, exec, outcome, selected, state.profile.syncNarrowsSelectedOutputs),
      metadata,
    },
    { cors: 'execute' },
  );
}

// ---------------------------------------------------------------- cancel & execution status

export function cancel(state: EmulatorState, ctx: Ctx, workflowId: string, executionId: string): Result {
  const profile = state.profile;
  const key = executeAuth(state, ctx);
  if (isReply(key)) return key;
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId))
    return json(404, { error: 'Workflow not found' }, { cors: 'execute' });
  const exec = state.executions.get(executionId);
  const known = (exec && exec.workflow.id === wf.id) || state.logs.getByExecution(executionId)?.workflowId === wf.id;
  const answer = (success: boolean, redisAvailable: boolean, durablyRecorded: boolean, reason: string): Reply => {
    const body: Record<string, unknown> = {
      success,
      executionId,
      redisAvailable,
      durablyRecorded,
      locallyAborted: false,
    };
    if (profile.cancelHasPausedCancelled) body.pausedCancelled = false;
    body.reason = reason;
    return json(200, body, { cors: 'execute' });
  };
  const paused = profile.pausedRuns ? cancelPaused(state, exec && exec.workflow.id === wf.id ? exec : undefined) : null;
  if (paused) return paused;
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
    // a second cancel of the same run (recordings/sim-server-facts.md §D): already_cancelled, not durably recorded again
    const again =
      profile.name === 'current' &&
      ((exec && exec.cancelCount > 0) || (!exec && state.logs.getByExecution(executionId)?.status === 'cancelled'));
    stop();
    reply = again ? answer(true, true, false, 'already_cancelled') : answer(true, true, true, 'recorded');
  } else if (profile.cancelWithoutRedis === 'unavailable') {
    reply = answer(false, false, false, 'redis_unavailable'); // March: the run is not stopped
  } else if (exec && exec.mode === 'async') {
    reply =
      exec.cancelCount > 0
        ? answer(true, true, false, 'already_cancelled')
        : answer(true, false, false, 'queue_cancelled');
    stop();
  } else {
    stop(); // the in-process run does stop, but the answer says otherwise (as recorded)
    reply = answer(false, false, false, 'redis_unavailable');
  }
  if (exec) exec.cancelCount++;
  return reply;
}

/**
 * Block outputs for `?selectedOutputs=` on the execution resource (recordings/sim-server-facts.md §G.17): comma-separated selectors,
 * each `<blockId>` or `<blockId>.<path>`, keyed verbatim; block names and the `_` form select nothing.
 */
function selectedBlockOutputs(
  state: EmulatorState,
  workflowId: string,
  rec: LogRecord,
  raw: string | null,
): Record<string, unknown> | null {
  if (raw === null) return null;
  const wf = state.workflow(workflowId);
  const final = logFinalOutput(rec);
  if (!wf || !final || typeof final !== 'object') return {};
  const perBlock = blockOutputs(wf, logInput(rec), final as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const selector of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const dot = selector.indexOf('.');
    const blockId = dot < 0 ? selector : selector.slice(0, dot);
    const value = perBlock[blockId];
    if (value === undefined) continue;
    const picked =
      dot < 0
        ? value
        : selector
            .slice(dot + 1)
            .split('.')
            .reduce<unknown>(
              (acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined),
              value,
            );
    if (picked !== undefined) out[selector] = picked;
  }
  return out;
}

/** `GET /api/workflows/{id}/executions/{executionId}` (v1 execution resource, recordings/sim-server-facts.md §F, §G). */
export function executionStatus(state: EmulatorState, ctx: Ctx, workflowId: string, executionId: string): Result {
  const key = executeAuth(state, ctx);
  if (isReply(key)) return { ...key, cors: 'api' };
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return json(404, { error: 'Workflow not found' });
  const selected = ctx.query.get('selectedOutputs');
  const exec = state.executions.get(executionId);
  const mine = exec && exec.workflow.id === wf.id ? exec : undefined;
  // a sync run whose record is not written yet reads running (recordings/sim-server-facts.md §D1, §M1), whatever its answer said
  const unrecorded = mine !== undefined && mine.recordAtMs !== null && state.now() < mine.recordAtMs;
  const pausedView = mine && !unrecorded ? pausedExecutionView(state, mine, ctx) : null;
  if (pausedView) return json(200, pausedView);
  if (mine && (mine.status === 'running' || unrecorded)) {
    return json(200, {
      executionId,
      workflowId: wf.id,
      status: 'running',
      trigger: mine.trigger,
      level: 'info',
      startedAt: iso(mine.startedAtMs),
      endedAt: null,
      totalDurationMs: null,
      paused: null,
      cost: null,
      error: null,
      finalOutput: null,
      blockOutputs: selected === null ? null : {},
    });
  }
  const rec = state.logs.getByExecution(executionId);
  if (!rec || rec.workflowId !== wf.id) return json(404, { error: 'Execution not found' });
  return json(200, {
    executionId,
    workflowId: wf.id,
    status: rec.status,
    trigger: rec.trigger,
    level: rec.level,
    startedAt: iso(rec.startedAtMs),
    endedAt: iso(rec.startedAtMs + rec.durationMs),
    totalDurationMs: rec.durationMs,
    paused: null,
    cost: { total: rec.cost },
    error: logError(rec),
    finalOutput: ctx.query.get('includeOutput') === 'true' ? logFinalOutput(rec) : null,
    blockOutputs: selectedBlockOutputs(state, wf.id, rec, selected),
  });
}
