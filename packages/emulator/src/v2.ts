/**
 * The v2 API (recordings/sim-server-facts.md §E, §G, recorded with `V2_API=true`; the 2026-12-03 recordings), served with `v2: true`
 * (`--v2`); otherwise every `/api/v2` path answers the recorded 404. This module routes `/api/v2/…` and holds the run
 * routes: `POST …/execute`, `GET …/runs/{runId}`, `POST …/runs/{runId}/cancel`, `POST …/runs/{runId}/resume`. The
 * workflow lists and workflow management are in v2-workflows.ts, the envelopes in v2-envelope.ts.
 *
 * A v2 run is the same run as v1 sees it (runId = executionId): execute shares the route's core with v1 (execute.ts,
 * `runExecute`); the run view, cancel and resume re-shape the v1 handlers' answers.
 */
import type { EmulatorState } from './state.js';
import { headerValue, iso, isObject, isReply, json, type Ctx, type Reply, type Result } from './http.js';
import { cancel, executionStatus, runExecute, answerOutput } from './execute.js';
import { resume } from './pause.js';
import { RUN_COST } from './logs.js';
import { V2_NOT_FOUND, v2Auth, v2Body, v2Data, v2Error, v2Headers, v2Invalid } from './v2-envelope.js';
import {
  deleteWorkflowV2,
  deploymentV2,
  deployV2,
  exportV2,
  importWorkflowV2,
  listWorkflowsV2,
  logsV2,
  runsV2,
  versionsV2,
  versionV2,
  workflowDetailV2,
} from './v2-workflows.js';

/** Body keys the v2 execute route accepts (anything else: 400 `Unrecognized keys`, as recorded). */
const EXECUTE_KEYS = [
  'input',
  'async',
  'stream',
  'selectedOutputs',
  'triggerType',
  'includeFileBase64',
  'base64MaxBytes',
];

/** A v1 error answer's text. */
const v1Message = (reply: Reply): string => {
  const body = reply.body as { error?: unknown };
  return typeof body?.error === 'string' ? body.error : 'Request failed';
};

/** Sim's `classifyExecutionError` on a run's stored error text (the run view has no block context; recordings/sim-server-facts.md §M6). */
export function classifyRunError(message: string): { message: string; code: string } {
  const code = /\btimed? ?out\b/i.test(message)
    ? 'TIMEOUT'
    : /usage limit/i.test(message)
      ? 'USAGE_LIMIT_EXCEEDED'
      : /\bcancelled\b/i.test(message)
        ? 'CANCELLED'
        : /invalid input format/i.test(message)
          ? 'INVALID_INPUT'
          : 'EXECUTION_FAILED';
  return { message, code };
}

async function v2Execute(state: EmulatorState, ctx: Ctx, workflowId: string): Promise<Result> {
  const key = v2Auth(state, ctx);
  if (isReply(key)) return key;
  const body = v2Body(state, ctx);
  if (isReply(body)) return body;
  const unknown = Object.keys(body).filter((k) => !EXECUTE_KEYS.includes(k));
  if (unknown.length > 0) {
    const message = `Unrecognized keys: ${unknown.map((k) => `"${k}"`).join(', ')}`;
    return v2Invalid(state, message, { code: 'unrecognized_keys', keys: unknown, path: [] });
  }
  // not recorded: Sim v0.8.9's route text
  if (body.async === true && body.stream === true) return v2Error(state, 400, 'async and stream cannot be combined');
  if (body.async === true && body.selectedOutputs !== undefined)
    return v2Error(state, 400, 'Async execution does not support streaming or output-shaping options');
  const wf = state.workflow(workflowId);
  if (!wf || !key.workspaces.includes(wf.workspaceId)) return v2Error(state, 404, 'Workflow not found');
  if (!wf.isDeployed)
    return v2Error(state, 403, 'Workflow is not deployed', { details: { code: 'WORKFLOW_NOT_DEPLOYED' } });

  const requested = headerValue(ctx.req, 'x-run-id')?.split(',')[0]?.trim() || undefined;
  const mode =
    body.async === true ? 'async' : body.stream === true && ctx.fault?.type !== 'execute-then-502' ? 'stream' : 'sync';
  const result = await runExecute(state, ctx, key, wf, {
    input: isObject(body.input) ? body.input : {},
    mode,
    executionId: requested,
    trigger: typeof body.triggerType === 'string' && body.triggerType ? body.triggerType : 'api',
    timeoutMs: mode === 'async' ? null : state.opts.syncTimeoutMs,
    selectedOutputs: body.selectedOutputs,
    // v2 async executes spend the async bucket, sync and stream the sync bucket (recordings/sim-server-facts.md §M4)
    bucket: mode === 'async' ? 'async' : 'sync',
    // a v2 stream carries the rate headers (recordings/sim-server-facts.md §M10) and, like every v2 execute answer, the run id (recordings/sim-server-facts.md §E)
    streamHeaders: (exec) => v2Headers(state, { runId: exec.executionId }),
  });
  switch (result.kind) {
    case 'conflict':
      // recordings/sim-server-facts.md §M5: the run id in a header and in `details`
      return v2Error(state, 409, 'Run ID has already been used', {
        details: { code: 'RUN_ID_CONFLICT', runId: result.executionId },
        runId: result.executionId,
      });
    case 'rate-limited':
      // recordings/sim-server-facts.md §M3: Retry-After = the seconds to the bucket's refill (Sim: max(1, ceil(retryAfterMs / 1000)))
      return v2Error(state, 429, 'Rate limit exceeded. Please try again later.', {
        details: { code: 'RATE_LIMIT_EXCEEDED' },
        headers: { 'retry-after': String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))) },
      });
    case 'streamed':
      return null;
    case 'queued': {
      const runId = result.exec.executionId;
      return v2Data(
        state,
        202,
        { runId, statusUrl: `${state.publicBaseUrl}/api/v2/workflows/${workflowId}/runs/${runId}` },
        runId,
      );
    }
    case 'finished': {
      const { exec, outcome } = result;
      const runId = exec.executionId;
      const endMs = exec.endedAtMs ?? state.now();
      const status = exec.pause && exec.status === 'paused' ? 'paused' : exec.status;
      let output: unknown = {};
      let err: unknown = null;
      if (status === 'paused') output = exec.pause?.output ?? {};
      else if (outcome.kind === 'success') output = answerOutput(wf, exec, outcome, body.selectedOutputs, false);
      else if (outcome.kind === 'failure') {
        if (exec.timedOut) err = { message: outcome.error, code: 'TIMEOUT' };
        else {
          // recordings/sim-server-facts.md §E: the block's error without the block name v1 puts first (O2)
          const blockId = exec.workflow.blocks.find((b) => b.type === 'function')?.id ?? null;
          err = {
            message: outcome.error.replace(/^Function: /, ''),
            code: 'BLOCK_EXECUTION_FAILED',
            blockId,
            blockName: 'Function',
            blockType: 'function',
          };
        }
      }
      return v2Data(
        state,
        200,
        {
          runId,
          workflowId,
          status,
          output,
          error: err,
          startedAt: iso(exec.startedAtMs),
          endedAt: iso(endMs),
          durationMs: Math.max(0, endMs - exec.startedAtMs),
        },
        runId,
      );
    }
  }
}

/** v1's 401/404 answers of the run routes, as v2 words them. */
function fromV1(state: EmulatorState, reply: Reply): Reply {
  if (reply.status === 401)
    return v2Error(state, 401, v1Message(reply) === 'Invalid API key' ? 'Invalid API key' : 'Unauthorized');
  const message = v1Message(reply);
  return v2Error(state, reply.status, message === 'Execution not found' ? 'Run not found' : message);
}

function v2Run(state: EmulatorState, ctx: Ctx, workflowId: string, runId: string): Result {
  const reply = executionStatus(state, ctx, workflowId, runId);
  if (reply === null) return null;
  if (reply.status !== 200) return fromV1(state, reply);
  const v = reply.body as Record<string, unknown>;
  const paused = isObject(v.paused) ? { ...v.paused } : null;
  if (paused) delete paused.pausedExecutionId; // no pausedExecutionId in v2 (recordings/sim-server-facts.md §G.6)
  const errorText = typeof v.error === 'string' ? v.error : null;
  // a time pause: v1 says endedAt/totalDurationMs/cost null, v2 fills them in (recorded)
  const pausedAt = paused && typeof paused.pausedAt === 'string' ? paused.pausedAt : null;
  const startedAt = typeof v.startedAt === 'string' ? v.startedAt : null;
  return v2Data(state, 200, {
    runId,
    workflowId: v.workflowId,
    status: v.status,
    trigger: v.trigger,
    startedAt,
    endedAt: v.endedAt ?? pausedAt,
    durationMs:
      v.totalDurationMs ?? (pausedAt && startedAt ? Math.max(0, Date.parse(pausedAt) - Date.parse(startedAt)) : null),
    paused,
    cost: v.cost ?? (paused ? { total: RUN_COST } : null),
    error: errorText ? classifyRunError(errorText) : null,
    output: v.finalOutput ?? null,
    blockOutputs: v.blockOutputs ?? null,
  });
}

function v2Cancel(state: EmulatorState, ctx: Ctx, workflowId: string, runId: string): Result {
  const exec = state.executions.get(runId);
  const wasPausedCancelled = exec?.pause?.status === 'cancelled';
  const finished = exec && (exec.status === 'completed' || exec.status === 'failed');
  const reply = cancel(state, ctx, workflowId, runId);
  if (reply === null) return null;
  if (reply.status !== 200) return fromV1(state, reply);
  const b = reply.body as Record<string, unknown>;
  // v2 answers a second cancel of a paused run like the first (recorded); a finished run: already_completed
  const again = wasPausedCancelled;
  return v2Data(state, 200, {
    success: b.success,
    runId,
    redisAvailable: b.redisAvailable,
    durablyRecorded: again ? true : b.durablyRecorded,
    locallyAborted: b.locallyAborted,
    pausedCancelled: again ? true : (b.pausedCancelled ?? false),
    reason: again ? 'recorded' : finished ? 'already_completed' : b.reason,
  });
}

async function v2Resume(state: EmulatorState, ctx: Ctx, workflowId: string, runId: string): Promise<Result> {
  const body = v2Body(state, ctx);
  if (isReply(body)) return body;
  const contextId = body.contextId;
  if (typeof contextId !== 'string') {
    return v2Invalid(state, 'Invalid input: expected string, received undefined', {
      expected: 'string',
      code: 'invalid_type',
      path: ['contextId'],
    });
  }
  const reply = await resume(state, ctx, workflowId, runId, contextId, {
    input: isObject(body.input) ? body.input : {},
  });
  if (reply === null) return null;
  if (reply.status >= 400) return fromV1(state, reply);
  const b = reply.body as Record<string, unknown>;
  const newId = String(b.executionId ?? '');
  if (reply.status === 202)
    return v2Data(
      state,
      202,
      { runId: newId, statusUrl: `${state.publicBaseUrl}/api/v2/workflows/${workflowId}/runs/${newId}` },
      newId,
    );
  const meta = isObject(b.metadata) ? b.metadata : {};
  return v2Data(
    state,
    200,
    {
      runId: newId,
      workflowId,
      status: 'completed',
      output: b.output,
      error: null,
      startedAt: meta.startTime ?? null,
      endedAt: meta.endTime ?? null,
      durationMs: meta.duration ?? null,
    },
    newId,
  );
}

/** Routes `/api/v2/…` (segments after `api`, `v2`). */
export async function v2(state: EmulatorState, ctx: Ctx, rest: string[]): Promise<Result> {
  // the March 2026 server has no v2 code at all: its generic 404, as for any unknown path
  if (state.profile.name === '2026-03') return json(404, { error: 'Not found' });
  if (!state.opts.v2) return json(404, V2_NOT_FOUND);
  const m = ctx.method;
  const allow = (...methods: string[]): Reply | null =>
    methods.includes(m) ? null : v2Error(state, 405, `Method ${m} not allowed; use ${methods.join(' or ')}`);
  const [a, id, b, c, d] = rest;
  const n = rest.length;
  // the run routes authenticate through the v1 handlers they re-shape; execute and the rest authenticate here
  if (a === 'workflows' && id && n >= 3 && b !== 'runs' && b !== 'execute') {
    const denied = allow(...(b === 'deploy' ? ['POST', 'DELETE'] : b === 'rollback' ? ['POST'] : ['GET']));
    if (denied) return denied;
  }
  if (a === 'workflows' && id && b === 'execute' && n === 3) return allow('POST') ?? v2Execute(state, ctx, id);
  if (a === 'workflows' && id && b === 'runs' && c && n === 4) return allow('GET') ?? v2Run(state, ctx, id, c);
  if (a === 'workflows' && id && b === 'runs' && c && d === 'cancel' && n === 5)
    return allow('POST') ?? v2Cancel(state, ctx, id, c);
  if (a === 'workflows' && id && b === 'runs' && c && d === 'resume' && n === 5)
    return allow('POST') ?? v2Resume(state, ctx, id, c);

  const routed =
    (a === 'workflows' && n === 1) ||
    (a === 'workflows' && n === 2) ||
    (a === 'logs' && n === 1) ||
    (a === 'workflows' && n === 3 && ['runs', 'deployment', 'deploy', 'rollback', 'versions', 'export'].includes(b!)) ||
    (a === 'workflows' && n === 4 && b === 'versions');
  if (!routed) return json(404, V2_NOT_FOUND, { headers: v2Headers(state) });
  if (a === 'workflows' && n === 2 && id === 'import') {
    const denied = allow('POST');
    if (denied) return denied;
  } else if (a === 'workflows' && n === 2) {
    const denied = allow('GET', 'DELETE');
    if (denied) return denied;
  } else if (n <= 2) {
    const denied = allow('GET');
    if (denied) return denied;
  }
  const key = v2Auth(state, ctx);
  if (isReply(key)) return key;
  if (a === 'logs') return logsV2(state, ctx, key);
  if (n === 1) return listWorkflowsV2(state, ctx, key);
  if (n === 2 && id === 'import') return importWorkflowV2(state, ctx, key);
  if (n === 2) return m === 'DELETE' ? deleteWorkflowV2(state, key, id!) : workflowDetailV2(state, key, id!);
  if (n === 4) return versionV2(state, key, id!, c!);
  switch (b) {
    case 'runs':
      return runsV2(state, ctx, key, id!);
    case 'deployment':
      return deploymentV2(state, key, id!);
    case 'versions':
      return versionsV2(state, ctx, key, id!);
    case 'export':
      return exportV2(state, key, id!);
    case 'rollback':
      return deployV2(state, ctx, key, id!, 'rollback');
    default:
      return deployV2(state, ctx, key, id!, m === 'DELETE' ? 'undeploy' : 'deploy');
  }
}
