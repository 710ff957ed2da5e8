/**
 * Paused runs (recordings/sim-server-facts.md §G, recorded 2026-12-01): a run that reaches a Human block or an async Wait block pauses. This
 * module holds the pause record, the execution-resource view of a paused run, the v1 resume route, cancel of a
 * paused run, and the read-only `…/paused` routes. The 2026-03 profile serves none of them (docs/sim-server-versions.md).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorState } from './state.js';
import type { Execution, PauseRecord, ResumeJob } from './jobs.js';
import {
  appOrigin,
  corsHeaders,
  iso,
  isObject,
  isReply,
  json,
  writeHead,
  type Ctx,
  type Reply,
  type Result,
} from './http.js';
import { executeAuth } from './auth.js';
import { SseWriter } from './sse.js';
import { billingAttribution, RUN_COST } from './logs.js';
import { echoResult, type Input } from './workflows.js';
import { sleep } from './timers.js';

const resumeLinks = (state: EmulatorState, exec: Execution, contextId: string): Record<string, string> => {
  const base = state.publicBaseUrl;
  return {
    apiUrl: `${base}/api/resume/${exec.workflow.id}/${exec.executionId}/${contextId}`,
    uiUrl: `${base}/resume/${exec.workflow.id}/${exec.executionId}`,
    contextId,
    executionId: exec.executionId,
    workflowId: exec.workflow.id,
  };
};

/** The Human block's output while it waits (recordings/sim-server-facts.md §G.1). */
function humanOutput(state: EmulatorState, exec: Execution, contextId: string): Record<string, unknown> {
  const wf = exec.workflow.id;
  return {
    data: {
      operation: 'human',
      responseStructure: [{ name: 'question', type: 'string', value: `Approve ${String(exec.input.name ?? '')}?` }],
      inputFormat: [
        { id: `${wf}-hitl-approved`, name: 'approved', label: 'approved', type: 'boolean', value: '', required: false },
        { id: `${wf}-hitl-comment`, name: 'comment', label: 'comment', type: 'string', value: '', required: false },
      ],
      submission: null,
      _resume: resumeLinks(state, exec, contextId),
    },
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  };
}

/** Called when a run's workflow paused: records the pause; a time pause resumes itself at `resumeAt` (the cron poller). */
export function pauseRun(
  state: EmulatorState,
  exec: Execution,
  pauseKind: 'human' | 'time',
  blockId: string,
  waitMs: number | null,
): void {
  const now = state.now();
  const resumeAtMs = pauseKind === 'time' ? now + (waitMs ?? 0) : null;
  exec.status = 'paused';
  exec.endedAtMs = now;
  exec.pause = {
    id: randomUUID(),
    contextId: blockId,
    blockId,
    kind: pauseKind,
    pausedAtMs: now,
    resumeAtMs,
    preDurationMs: Math.max(0, now - exec.startedAtMs),
    status: 'paused',
    resuming: false,
    resumedCount: 0,
    updatedAtMs: now,
    output:
      pauseKind === 'human'
        ? humanOutput(state, exec, blockId)
        : { waitDuration: waitMs ?? 0, resumeAt: iso(resumeAtMs!) },
    latestResume: null,
    cancelledAtMs: null,
  };
  if (pauseKind === 'time') {
    const pause = exec.pause;
    void sleep(state.clock, waitMs ?? 0, exec.controller.signal).then(() => {
      if (exec.controller.signal.aborted || pause.status !== 'paused' || pause.resuming) return;
      pause.resuming = true;
      exec.status = 'running';
      exec.endedAtMs = null;
      finishResumed(state, exec, { result: echoResult(exec.input), stdout: 'echo called' });
    });
  }
}

function finishResumed(state: EmulatorState, exec: Execution, output: Record<string, unknown>): void {
  const pause = exec.pause!;
  const now = state.now();
  pause.status = 'fully_resumed';
  pause.resuming = false;
  pause.resumedCount = 1;
  pause.updatedAtMs = now;
  if (pause.latestResume) {
    pause.latestResume.status = 'completed';
    pause.latestResume.completedAtMs = now;
  }
  state.finish(exec, { kind: 'success', output });
}

// ---------------------------------------------------------------- execution resource

/**
 * The Human block's stored output (recordings/sim-server-facts.md §M7; Sim v0.8.9 `HumanInTheLoopBlockHandler`): the form fields
 * (`approved`, `comment`), `response` (the pausing output plus its fields flattened: `operation`,
 * `responseStructure`, `inputFormat`, `submission`, `resume`), `_pauseMetadata` and the resume links as `url` and
 * `resumeEndpoint`.
 */
function humanBlockOutput(pause: PauseRecord): Record<string, unknown> {
  const paused = pause.output as { data: Record<string, unknown>; status: number; headers: Record<string, string> };
  const links = paused.data._resume as Record<string, string>;
  const fields: Record<string, unknown> = {};
  for (const f of paused.data.inputFormat as { name: string; value?: unknown }[])
    fields[f.name] = f.value !== undefined ? f.value : null;
  return {
    ...fields,
    response: {
      ...paused,
      operation: paused.data.operation,
      responseStructure: paused.data.responseStructure,
      inputFormat: paused.data.inputFormat,
      submission: null,
      resume: links,
    },
    _pauseMetadata: {
      contextId: pause.contextId,
      blockId: pause.blockId,
      response: paused,
      timestamp: iso(pause.pausedAtMs),
      resumeLinks: links,
      pauseKind: 'human',
    },
    url: links.uiUrl,
    resumeEndpoint: links.apiUrl,
  };
}

/** The part of the Human block's output a `?selectedOutputs=` on a paused run can read (recordings/sim-server-facts.md §G.17). */
function pausedBlockOutputs(exec: Execution, raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  const pause = exec.pause!;
  const perBlock: Record<string, unknown> = {};
  for (const block of exec.workflow.blocks) {
    if (block.type === 'start_trigger') perBlock[block.id] = { ...exec.input };
    else if (block.name === 'Prep')
      perBlock[block.id] = { result: { greeting: `hi ${String(exec.input.name ?? '')}` }, stdout: '' };
    else if (block.id === pause.blockId)
      perBlock[block.id] = pause.kind === 'human' ? humanBlockOutput(pause) : pause.output;
  }
  const out: Record<string, unknown> = {};
  for (const selector of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const dot = selector.indexOf('.');
    const value = perBlock[dot < 0 ? selector : selector.slice(0, dot)];
    if (value === undefined) continue;
    const picked =
      dot < 0
        ? value
        : selector
            .slice(dot + 1)
            .split('.')
            .reduce<unknown>((acc, k) => (isObject(acc) ? acc[k] : undefined), value);
    if (picked !== undefined) out[selector] = picked;
  }
  return out;
}

/**
 * `GET /api/workflows/{id}/executions/{executionId}` for a run that paused and is still paused, or was cancelled while
 * paused (recordings/sim-server-facts.md §G.3, §G.12, §G.14). Null when the run is running or finished normally (the usual view applies).
 */
export function pausedExecutionView(state: EmulatorState, exec: Execution, ctx: Ctx): Record<string, unknown> | null {
  const pause = exec.pause;
  // while a resume is being run, the real server still reads `paused`, with no open pause point (`contextId: null`)
  // and the counts as before (recordings/2026-12-03-live-resume.md §A1; v1)
  const resuming = pause !== undefined && pause.resuming && exec.status === 'running';
  if (
    !pause ||
    (exec.status !== 'paused' && !resuming && !(exec.status === 'cancelled' && pause.status === 'cancelled'))
  )
    return null;
  const human = pause.kind === 'human';
  const base = { executionId: exec.executionId, workflowId: exec.workflow.id };
  if (exec.status === 'cancelled') {
    return {
      ...base,
      status: 'cancelled',
      trigger: exec.trigger,
      level: 'info',
      startedAt: iso(exec.startedAtMs),
      endedAt: iso(pause.cancelledAtMs ?? state.now()),
      totalDurationMs: pause.preDurationMs,
      paused: null,
      cost: { total: RUN_COST },
      error: null,
      finalOutput: null,
      blockOutputs: ctx.query.get('selectedOutputs') === null ? null : {},
    };
  }
  return {
    ...base,
    status: 'paused',
    trigger: exec.trigger,
    level: 'info',
    startedAt: iso(exec.startedAtMs),
    endedAt: human ? iso(exec.startedAtMs + pause.preDurationMs) : null,
    totalDurationMs: human ? pause.preDurationMs : null,
    paused: {
      contextId: resuming ? null : pause.contextId,
      pausedAt: iso(pause.pausedAtMs),
      resumeAt: pause.resumeAtMs === null ? null : iso(pause.resumeAtMs),
      pauseKind: pause.kind,
      blockedOnBlockId: pause.blockId,
      automaticResumeWaitingReason: null,
      pausedExecutionId: pause.id,
      pausePointCount: 1,
      resumedCount: pause.resumedCount,
    },
    cost: human ? { total: RUN_COST } : null,
    error: null,
    finalOutput: null,
    blockOutputs: pausedBlockOutputs(exec, ctx.query.get('selectedOutputs')),
  };
}

// ---------------------------------------------------------------- cancel of a paused run

/** Cancel of a run that paused (recordings/sim-server-facts.md §G.12); null for any other run (the usual cancel applies). */
export function cancelPaused(state: EmulatorState, exec: Execution | undefined): Reply | null {
  const pause = exec?.pause;
  if (!exec || !pause) return null;
  const answer = (durablyRecorded: boolean, pausedCancelled: boolean, reason: string): Reply =>
    json(
      200,
      {
        success: true,
        executionId: exec.executionId,
        redisAvailable: true,
        durablyRecorded,
        locallyAborted: false,
        pausedCancelled,
        reason,
      },
      { cors: 'execute' },
    );
  if (exec.status === 'paused' && !pause.resuming) {
    const now = state.now();
    pause.status = 'cancelled';
    pause.cancelledAtMs = now;
    pause.updatedAtMs = now;
    exec.cancelCount++;
    state.finish(exec, { kind: 'cancelled' });
    return answer(true, true, 'recorded');
  }
  if (exec.status === 'cancelled' && pause.status === 'cancelled') {
    exec.cancelCount++;
    return answer(false, false, 'already_cancelled');
  }
  return null;
}

// ---------------------------------------------------------------- resume

const runJobId = (): string => `run_${randomBytes(15).toString('base64url').slice(0, 20)}`;

/** `POST /api/resume/{workflowId}/{executionId}/{contextId}` (recordings/sim-server-facts.md §G.7 to §G.10, §G.14). */
export async function resume(
  state: EmulatorState,
  ctx: Ctx,
  workflowId: string,
  executionId: string,
  contextId: string,
  parsed?: { input: unknown },
): Promise<Result> {
  const key = executeAuth(state, ctx);
  if (isReply(key)) return key;
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return json(404, { error: 'Workflow not found' });
  const exec = state.executions.get(executionId);
  const pause = exec && exec.workflow.id === wf.id ? exec.pause : undefined;
  // only a person's pause can be resumed by API; a time pause waits for the cron poller
  if (!exec || !pause || pause.kind !== 'human') return json(404, { error: 'Paused execution not found' });
  if (pause.contextId !== contextId) return json(404, { error: 'Pause point not found for execution' });
  if (pause.status !== 'paused' || pause.resuming) return json(409, { error: 'Paused execution is not resumable' });

  let body: unknown = parsed ?? {};
  if (!parsed && ctx.body.trim() !== '') {
    try {
      body = JSON.parse(ctx.body);
    } catch {
      return json(400, { error: 'Invalid JSON in request body' });
    }
  }
  // a body without an `input` key is taken as the input; `input.submission`, if an object, is the submission
  const resumeInput = isObject(body) && 'input' in body ? body.input : body;
  const submission = isObject(resumeInput) && isObject(resumeInput.submission) ? resumeInput.submission : resumeInput;
  const output = {
    result: { prep: { greeting: `hi ${String((exec.input as Input).name ?? '')}` }, submission },
    stdout: '',
  };

  const newExecutionId = randomUUID();
  const now = state.now();
  pause.resuming = true;
  pause.latestResume = {
    id: randomUUID(),
    newExecutionId,
    resumeInput,
    status: 'claimed',
    queuedAtMs: now,
    completedAtMs: null,
  };
  exec.status = 'running';
  exec.endedAtMs = null;

  // the answer follows the ORIGINAL run's mode, not the resume request's
  if (exec.mode === 'async') {
    const job: ResumeJob = {
      jobId: runJobId(),
      exec,
      newExecutionId,
      requestId: randomBytes(4).toString('hex'),
      status: 'processing',
      output: null,
      completedAtMs: null,
    };
    state.resumeJobs.set(job.jobId, job);
    void sleep(state.clock, state.opts.jobDurationMs, exec.controller.signal).then(() => {
      if (exec.controller.signal.aborted) return;
      finishResumed(state, exec, output);
      job.status = 'completed';
      job.output = output;
      job.completedAtMs = state.now();
    });
    return json(202, {
      success: true,
      async: true,
      jobId: job.jobId,
      executionId: newExecutionId,
      message: 'Resume execution queued',
      statusUrl: `${state.publicBaseUrl}/api/jobs/${job.jobId}`,
    });
  }
  const startMs = state.now();
  finishResumed(state, exec, output);
  if (exec.mode === 'sync') {
    const endMs = state.now();
    return json(200, {
      success: true,
      status: 'completed',
      executionId: newExecutionId,
      output,
      metadata: {
        duration: Math.max(0.001, endMs - startMs + Math.random()),
        startTime: iso(startMs),
        endTime: iso(endMs),
      },
    });
  }
  const { res } = ctx;
  if (ctx.entry) ctx.entry.status = 200;
  writeHead(
    res,
    200,
    {
      ...corsHeaders('execute', appOrigin(state)),
      // recordings/sim-server-facts.md §M16: the same x-accel-buffering as an execute stream
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'content-type': 'text/event-stream',
      'x-accel-buffering': 'no',
      'x-execution-id': newExecutionId,
      'x-request-id': randomBytes(4).toString('hex'),
    },
    state.opts.bunHeaders,
  );
  res.flushHeaders();
  const writer = new SseWriter(res);
  await writer.event({ event: 'final', data: { success: true, output } });
  await writer.done();
  return null;
}

/** `GET /api/jobs/run_…` of a resume queued for an async-origin run (recordings/sim-server-facts.md §G.8). */
export function resumeJobView(job: ResumeJob): Record<string, unknown> {
  const exec = job.exec;
  const metadata = {
    userId: exec.userId,
    workflowId: exec.workflow.id,
    correlation: {
      source: 'workflow',
      requestId: job.requestId,
      workflowId: exec.workflow.id,
      executionId: exec.executionId,
      triggerType: 'resume',
    },
    executionId: exec.executionId,
    workspaceId: exec.workflow.workspaceId,
    resumeExecutionId: job.newExecutionId,
  };
  if (job.status === 'processing')
    return { success: true, taskId: job.jobId, status: 'processing', metadata, output: null };
  return {
    success: true,
    taskId: job.jobId,
    status: 'completed',
    metadata,
    output: {
      output: job.output,
      success: true,
      executedAt: iso(job.completedAtMs!),
      workflowId: exec.workflow.id,
      executionId: job.newExecutionId,
      parentExecutionId: exec.executionId,
    },
  };
}

// ---------------------------------------------------------------- read-only paused routes

/** One paused execution; the list leaves `latestResumeEntry` null, the detail fills it (both as recorded). */
function pausedExecutionBody(
  state: EmulatorState,
  exec: Execution,
  key: { userId: string },
  detail: boolean,
): Record<string, unknown> {
  const pause = exec.pause!;
  const entry = detail ? pause.latestResume : null;
  const resumeStatus = pause.status === 'fully_resumed' ? 'resumed' : 'paused';
  return {
    id: pause.id,
    workflowId: exec.workflow.id,
    executionId: exec.executionId,
    status: pause.status,
    totalPauseCount: 1,
    resumedCount: pause.resumedCount,
    pausedAt: iso(pause.pausedAtMs),
    updatedAt: iso(pause.updatedAtMs),
    expiresAt: null,
    metadata: {
      pauseScope: 'execution',
      triggerIds: [],
      workspaceId: exec.workflow.workspaceId,
      executorUserId: exec.userId ?? key.userId,
      // the seed's users are in no organization: organizationId null (recordings/sim-server-facts.md §M15)
      billingAttribution: billingAttribution(exec.userId, exec.workflow.workspaceId, exec.startedAtMs),
    },
    triggerIds: [],
    pausePoints: [
      {
        contextId: pause.contextId,
        blockId: pause.blockId,
        response: pause.output,
        registeredAt: iso(pause.pausedAtMs),
        resumeStatus,
        snapshotReady: true,
        resumeLinks: resumeLinks(state, exec, pause.contextId),
        pauseKind: pause.kind,
        queuePosition: null,
        latestResumeEntry: entry
          ? {
              id: entry.id,
              pausedExecutionId: pause.id,
              parentExecutionId: exec.executionId,
              newExecutionId: entry.newExecutionId,
              contextId: pause.contextId,
              resumeInput: entry.resumeInput,
              status: entry.status,
              queuedAt: iso(entry.queuedAtMs),
              claimedAt: iso(entry.queuedAtMs),
              completedAt: entry.completedAtMs === null ? null : iso(entry.completedAtMs),
              failureReason: null,
            }
          : null,
      },
    ],
  };
}

/** `GET /api/workflows/{id}/paused` and `GET /api/workflows/{id}/paused/{executionId}` (recordings/sim-server-facts.md §G.11). */
export function pausedRoutes(
  state: EmulatorState,
  ctx: Ctx,
  workflowId: string,
  executionId: string | undefined,
): Result {
  const key = executeAuth(state, ctx);
  if (isReply(key)) return { ...key, cors: 'api' };
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return json(404, { error: 'Workflow not found' });
  if (executionId === undefined) {
    const list = [...state.executions.all()]
      .filter((e) => e.workflow.id === wf.id && e.pause)
      .sort((a, b) => b.pause!.pausedAtMs - a.pause!.pausedAtMs)
      .map((e) => pausedExecutionBody(state, e, key, false));
    return json(200, { pausedExecutions: list });
  }
  const exec = state.executions.get(executionId);
  if (!exec || exec.workflow.id !== wf.id || !exec.pause) return json(404, { error: 'Paused execution not found' });
  return json(200, pausedDetail(state, exec, key));
}

/** The paused execution with its snapshot and resume queue (`…/paused/{executionId}`, `GET /api/resume/{wf}/{exec}`). */
function pausedDetail(state: EmulatorState, exec: Execution, key: { userId: string }): Record<string, unknown> {
  const wf = exec.workflow;
  const snapshot = JSON.stringify({
    metadata: {
      requestId: exec.requestId,
      executionId: exec.executionId,
      workflowId: wf.id,
      workspaceId: wf.workspaceId,
      userId: exec.userId,
      triggerType: exec.trigger,
      executionMode: exec.mode,
    },
    workflow: {
      version: '1.0',
      blocks: wf.blocks.map((b) => ({ id: b.id, metadata: { id: b.type, name: b.name }, enabled: true })),
    },
  });
  // executionSnapshot carries triggerIds beside the serialized state (recordings/sim-server-facts.md §M15)
  return { ...pausedExecutionBody(state, exec, key, true), executionSnapshot: { snapshot, triggerIds: [] }, queue: [] };
}

/**
 * `GET /api/resume/{workflowId}/{executionId}` (the paused execution's detail) and
 * `GET /api/resume/{workflowId}/{executionId}/{contextId}` (recordings/sim-server-facts.md §M8; recordings/sim-server-facts.md §G.11: `{execution, pausePoint, queue}`,
 * where `execution.pausePoints[].response` leaves out `data`, as Sim's `getPauseContextDetail` does).
 */
export function resumeDetail(
  state: EmulatorState,
  ctx: Ctx,
  workflowId: string,
  executionId: string,
  contextId: string | undefined,
): Result {
  const key = executeAuth(state, ctx);
  if (isReply(key)) return { ...key, cors: 'api' };
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return json(404, { error: 'Workflow not found' });
  const exec = state.executions.get(executionId);
  if (!exec || exec.workflow.id !== wf.id || !exec.pause)
    return json(404, { error: contextId === undefined ? 'Paused execution not found' : 'Pause context not found' });
  const detail = pausedDetail(state, exec, key);
  if (contextId === undefined) return json(200, detail);
  const points = detail.pausePoints as Record<string, unknown>[];
  const pausePoint = points.find((p) => p.contextId === contextId);
  if (!pausePoint) return json(404, { error: 'Pause context not found' });
  const execution = {
    ...detail,
    pausePoints: points.map((p) => ({ ...p, response: { ...(p.response as object), data: undefined } })),
  };
  return json(200, JSON.parse(JSON.stringify({ execution, pausePoint, queue: detail.queue })));
}
