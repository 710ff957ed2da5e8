/** The `/api/v1/*` routes: workflows, logs, audit logs, with API-key auth and rate-limit headers. */
import type { ApiKeyDef } from './seed.js';
import type { EmulatorState } from './state.js';
import { headerValue, iso, json, type Ctx, type HeaderMap, type Reply, type Result } from './http.js';
import {
  billingAttribution,
  decodeLogCursor,
  logCorrelation,
  encodeLogCursor,
  logFinalOutput,
  logInput,
  traceSpans,
  type LogQuery,
  type LogRecord,
} from './logs.js';
import { publicAudit } from './audit.js';
import {
  deployNewVersion,
  exportData,
  fullBlocks,
  fullEdges,
  importWorkflow,
  isRefusal,
  rollback,
  undeploy,
  type Refusal,
} from './deploy.js';

export function v1(state: EmulatorState, ctx: Ctx, rest: string[]): Result {
  const profile = state.profile;
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing') return json(401, { error: 'API key required' });
  if (key === 'invalid') return json(401, { error: 'Invalid API key' });
  const token = state.consume(key, 'api');
  const spec = state.bucket(key, 'api');
  const limit = String(profile.v1LimitHeader === 'maxBurst' ? spec.maxBurst : spec.requestsPerMinute);
  if (!token.allowed) {
    // current: Sim's createRateLimitResponse, retry-after = the seconds until the next refill (recordings/sim-server-facts.md §D: 55 seen);
    // March: always 60 (no newer recording)
    const now = state.now();
    const resetMs = profile.name === 'current' ? token.resetAtMs : now + 60_000;
    const retryAfterMs = profile.name === 'current' ? (token.retryAfterMs ?? 0) : 60_000;
    const retryAfter = String(Math.ceil((retryAfterMs || resetMs - now) / 1000));
    const reset = iso(resetMs);
    return json(
      429,
      {
        error: 'Rate limit exceeded',
        message: `API rate limit exceeded. Please retry after ${reset}`,
        retryAfter: resetMs,
      },
      {
        contentType: 'application/json;charset=utf-8',
        headers: {
          'retry-after': retryAfter,
          'x-ratelimit-limit': limit,
          'x-ratelimit-remaining': String(token.remaining),
          'x-ratelimit-reset': reset,
        },
      },
    );
  }
  const rateHeaders: HeaderMap = {
    'x-ratelimit-limit': limit,
    'x-ratelimit-remaining': String(token.remaining),
    'x-ratelimit-reset': iso(token.resetAtMs),
  };
  const reply = v1Route(state, ctx, key, rest);
  return { ...reply, headers: { ...rateHeaders, ...(reply.headers ?? {}) } };
}

function v1Route(state: EmulatorState, ctx: Ctx, key: ApiKeyDef, rest: string[]): Reply {
  const profile = state.profile;
  if (ctx.method !== 'GET' && rest[0] === 'workflows' && profile.deployRoutes)
    return v1Deployments(state, ctx, key, rest);
  if (rest[0] === 'workflows' && rest[1] && rest[2] === 'export' && state.profile.exportRoute)
    return exportWorkflow(state, key, rest[1]);
  if (rest[0] === 'workflows') return rest[1] ? workflowDetail(state, key, rest[1]) : listWorkflows(state, ctx, key);
  if (rest[0] === 'logs') {
    if (rest[1] === 'executions' && rest[2]) return executionDetails(state, key, rest[2]);
    return rest[1] ? logDetail(state, key, rest[1]) : listLogs(state, ctx, key);
  }
  if (!key.enterprise) {
    // current: the first check of Sim's resolveEnterpriseAuditAccess a key outside any organization fails (recordings/sim-server-facts.md §D)
    return json(403, {
      error:
        profile.name === 'current'
          ? 'Not a member of any organization'
          : 'Audit logs are available only on Enterprise plans, to organization owners and admins',
    });
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
    folderId: w.folderId,
    workspaceId: w.workspaceId,
    isDeployed: w.isDeployed,
    deployedAt: w.deployedAt,
    runCount: s.runCount,
    lastRunAt: s.lastRunAtMs === null ? null : iso(s.lastRunAtMs),
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
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
    body.nextCursor = Buffer.from(
      JSON.stringify({ sortOrder: last.sortOrder, createdAt: last.createdAt, id: last.id }),
    ).toString('base64');
  }
  body.limits = state.limitsFor(key);
  return json(200, body);
}

/**
 * `GET /api/v1/workflows/{id}`: the list item plus `variables` and `inputs`, placed before `createdAt` and `updatedAt`
 * (recordings/2026-12-03-v2-personal-key-deploy.md §C2, §C6). No deployment version anywhere: only `isDeployed` and `deployedAt` (§C6).
 */
function workflowDetail(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = state.workflow(id);
  if (!w || !key.workspaces.includes(w.workspaceId)) return json(404, { error: 'Workflow not found' });
  const inputs = w.inputs.map((f) => ({ ...f }));
  const { createdAt, updatedAt, ...item } = workflowSummary(state, id);
  return json(200, { data: { ...item, variables: {}, inputs, createdAt, updatedAt }, limits: state.limitsFor(key) });
}

/**
 * The log filters of `GET /api/v1/logs` (shared with `GET /api/v2/logs`): a query, or what is wrong with the
 * parameters (`field` names a bad date; `cursor` a bad cursor).
 */
export function logQuery(
  state: EmulatorState,
  p: URLSearchParams,
  ws: string,
  limits: { def: number; max: number },
): LogQuery | { invalid: 'date' | 'cursor'; field: string } {
  const csv = (name: string): string[] | null => {
    const v = p.get(name);
    return v
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : null;
  };
  let allowed = new Set(state.workflows.filter((w) => w.workspaceId === ws).map((w) => w.id));
  const wfIds = csv('workflowIds');
  if (wfIds) allowed = new Set(wfIds.filter((id) => allowed.has(id)));
  const folderIds = csv('folderIds');
  if (folderIds) allowed = new Set([...allowed].filter((id) => folderIds.includes(state.workflow(id)?.folderId ?? '')));
  const dates: Record<'startDate' | 'endDate', number | null> = { startDate: null, endDate: null };
  for (const name of ['startDate', 'endDate'] as const) {
    const v = p.get(name);
    if (!v) continue;
    const ms = Date.parse(v);
    if (!Number.isFinite(ms)) return { invalid: 'date', field: name };
    dates[name] = ms;
  }
  const order = p.get('order') === 'asc' ? 'asc' : 'desc';
  let cursor: LogQuery['cursor'] = null;
  const rawCursor = p.get('cursor');
  if (rawCursor) {
    const c = decodeLogCursor(rawCursor);
    if (!c) return { invalid: 'cursor', field: 'cursor' };
    cursor = c;
  }
  const triggers = csv('triggers');
  return {
    workflowIds: allowed,
    level: p.get('level'),
    triggers: triggers ? new Set(triggers) : null,
    startMs: dates.startDate,
    endMs: dates.endDate,
    executionId: p.get('executionId'),
    minDurationMs: numParam(p.get('minDurationMs')),
    maxDurationMs: numParam(p.get('maxDurationMs')),
    minCost: numParam(p.get('minCost')),
    maxCost: numParam(p.get('maxCost')),
    model: p.get('model'),
    limit: intParam(p.get('limit'), limits.def, 1, limits.max),
    order,
    cursor,
  };
}

function listLogs(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const ws = workspaceParam(state, ctx, key);
  if (typeof ws !== 'string') return ws;
  const p = ctx.query;
  const q = logQuery(state, p, ws, { def: 100, max: 1000 });
  if ('invalid' in q)
    return q.invalid === 'cursor'
      ? json(400, { error: 'Invalid cursor' })
      : badParam(q.field, `${q.field} must be an ISO 8601 date-time`);
  const order = q.order;
  const { items, hasMore } = state.logs.query(q);
  const full = p.get('details') === 'full';
  const withFinal = p.get('includeFinalOutput') === 'true';
  const withSpans = p.get('includeTraceSpans') === 'true';
  const body: Record<string, unknown> = {
    data: items.map((rec) => {
      const item = logItem(rec);
      if (full) {
        const w = state.workflow(rec.workflowId);
        item.workflow = {
          id: rec.workflowId,
          name: w?.name ?? 'deleted',
          description: w?.description ?? null,
          deleted: !w,
        };
        if (withFinal) item.finalOutput = logFinalOutput(rec);
        if (withSpans) item.traceSpans = traceSpans(rec, w, state.profile.name === 'current');
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
    id: rec.id,
    workflowId: rec.workflowId,
    executionId: rec.executionId,
    deploymentVersionId: rec.deploymentVersionId,
    level: rec.level,
    trigger: rec.trigger,
    startedAt: iso(rec.startedAtMs),
    endedAt: iso(rec.startedAtMs + rec.durationMs),
    totalDurationMs: rec.durationMs,
    cost: { total: rec.cost },
    files: null,
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
  const current = state.profile.name === 'current';
  const spans = traceSpans(rec, w, current);
  const blocks = w.blocks;
  const finalOutput = logFinalOutput(rec);
  const data = {
    id: rec.id,
    workflowId: rec.workflowId,
    executionId: rec.executionId,
    level: rec.level,
    trigger: rec.trigger,
    startedAt: iso(rec.startedAtMs),
    endedAt: iso(rec.startedAtMs + rec.durationMs),
    totalDurationMs: rec.durationMs,
    workflow: {
      id: w.id,
      name: w.name,
      description: w.description,
      folderId: w.folderId,
      userId: 'user-emulator',
      workspaceId: w.workspaceId,
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
      ...(current ? { deleted: false } : {}),
    },
    executionData: {
      environment: {
        variables: {},
        workflowId: w.id,
        executionId: rec.executionId,
        userId: 'user-emulator',
        workspaceId: w.workspaceId,
      },
      // current: the correlation beside the trigger and inside its data (recordings/sim-server-facts.md §M14)
      trigger: {
        type: rec.trigger,
        source: rec.trigger,
        timestamp: iso(rec.startedAtMs),
        ...(current ? { data: { correlation: logCorrelation(rec) } } : {}),
      },
      ...(current ? { correlation: logCorrelation(rec) } : {}),
      billingAttribution: current ? billingAttribution('user-emulator', w.workspaceId, rec.startedAtMs) : null,
      // lastStartedBlock has no `success` (recordings/sim-server-facts.md §M14); lastCompletedBlock has it (recordings/sim-server-facts.md §D)
      lastStartedBlock: current
        ? blockMark(blocks[blocks.length - 1], 'startedAt', rec.startedAtMs, null)
        : (blocks[blocks.length - 1]?.id ?? null),
      lastCompletedBlock: current
        ? blockMark(
            rec.status === 'completed' ? blocks[blocks.length - 1] : blocks[blocks.length - 2],
            'endedAt',
            rec.startedAtMs + rec.durationMs,
            true,
          )
        : rec.status === 'completed'
          ? (blocks[blocks.length - 1]?.id ?? null)
          : (blocks[blocks.length - 2]?.id ?? null),
      finalizationPath: rec.status,
      hasTraceSpans: true,
      traceSpanCount: spans.length,
      tokens: current ? { input: 0, output: 0, total: 0 } : { prompt: 0, completion: 0, total: 0 },
      models: {},
      finalOutput,
      ...(rec.rejected || (current && rec.status === 'failed' && rec.mode === 'stream')
        ? { completionFailure: rec.error ?? '' }
        : {}),
      workflowInput: logInput(rec),
      traceSpans: spans,
    },
    cost: current
      ? { total: rec.cost }
      : { total: rec.cost, tokens: { prompt: 0, completion: 0, total: 0 }, models: {} },
    createdAt: iso(rec.startedAtMs + rec.durationMs),
  };
  return json(200, { data, limits: state.limitsFor(key) });
}

function executionDetails(state: EmulatorState, key: ApiKeyDef, executionId: string): Reply {
  const rec = state.logs.getByExecution(executionId);
  if (!accessibleLog(state, key, rec)) return json(404, { error: 'Execution not found' });
  const w = state.workflow(rec.workflowId)!;
  return json(200, {
    executionId: rec.executionId,
    workflowId: rec.workflowId,
    workflowState: { blocks: fullBlocks(w), edges: fullEdges(w), loops: {}, parallels: {} },
    executionMetadata: {
      trigger: rec.trigger,
      startedAt: iso(rec.startedAtMs),
      endedAt: iso(rec.startedAtMs + rec.durationMs),
      totalDurationMs: rec.durationMs,
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
  if (startMs !== null && !Number.isFinite(startMs))
    return badParam('startDate', 'startDate must be an ISO 8601 date-time');
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
  const body: Record<string, unknown> = { data: page.map((e) => publicAudit(e, state.profile.name === 'current')) };
  if (list.length > limit) {
    const last = page[page.length - 1]!;
    body.nextCursor = Buffer.from(JSON.stringify({ createdAt: last.createdAt, id: last.id })).toString('base64');
  }
  body.limits = state.limitsFor(key);
  return json(200, body);
}

function auditDetail(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const e = state.audit.find((a) => a.id === id);
  if (!e || (e.workspaceId && !key.workspaces.includes(e.workspaceId)))
    return json(404, { error: 'Audit log not found' });
  return json(200, { data: publicAudit(e, state.profile.name === 'current'), limits: state.limitsFor(key) });
}

/**
 * `GET /api/v1/workflows/{id}/export` (recordings/sim-server-facts.md §G.19): the portable envelope of the workflow's editable (draft)
 * state, not of a deployment: a workflow never deployed exports too (recordings/2026-12-03-v2-personal-key-deploy.md §C1, §C10).
 */
function exportWorkflow(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = state.workflow(id);
  if (!w || !key.workspaces.includes(w.workspaceId)) return json(404, { error: 'Workflow not found' });
  return json(200, { data: exportData(state, w, { folderId: w.folderId }), limits: state.limitsFor(key) });
}

/** The request body as an object: no body is `{}`; anything else than a JSON object is refused (not recorded). */
export function bodyObject(ctx: Ctx): Record<string, unknown> | null {
  if (ctx.body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(ctx.body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The v1 deployment routes (current profile): `POST …/{id}/deploy` (§G.18), `POST …/{id}/rollback` (§G.21),
 * `POST /api/v1/workflows/import` (§G.20), and `DELETE …/{id}/deploy` (recorded on a workflow that is not deployed:
 * 400 `Workflow is not deployed`; the success shape `{data:{id, isDeployed:false, deployedAt:null, warnings}}` is
 * Sim v0.8.9's route code, not a recording).
 */
function v1Deployments(state: EmulatorState, ctx: Ctx, key: ApiKeyDef, rest: string[]): Reply {
  const body = bodyObject(ctx);
  if (body === null) return json(400, { error: 'Invalid JSON body' });
  const refused = (r: Refusal): Reply =>
    json(r.status, r.details ? { error: r.message, details: r.details } : { error: r.message });
  if (rest.length === 2 && rest[1] === 'import') {
    // not recorded: the missing-workspace body is the one v1 lists answer
    const ws = typeof body.workspaceId === 'string' ? body.workspaceId : '';
    if (!ws) return json(400, state.profile.missingWorkspace);
    if (!key.workspaces.includes(ws)) return json(403, { error: 'Access denied to this workspace' });
    const w = importWorkflow(state, {
      workspaceId: ws,
      workflow: body.workflow,
      name: body.name,
      description: body.description,
      folderId: typeof body.folderId === 'string' ? body.folderId : null,
    });
    if (isRefusal(w)) return refused(w);
    return json(201, {
      data: {
        id: w.id,
        name: w.name,
        description: w.description,
        workspaceId: w.workspaceId,
        folderId: w.folderId,
        createdAt: w.createdAt,
        updatedAt: w.updatedAt,
      },
      limits: state.limitsFor(key),
    });
  }
  const w = state.workflow(rest[1]!);
  if (!w || !key.workspaces.includes(w.workspaceId)) return json(404, { error: 'Workflow not found' });
  if (rest[2] === 'deploy' && ctx.method === 'DELETE') {
    const done = undeploy(w);
    if (isRefusal(done)) return refused(done);
    return json(200, {
      data: { id: done.id, isDeployed: false, deployedAt: null, warnings: done.warnings },
      limits: state.limitsFor(key),
    });
  }
  const data = rest[2] === 'deploy' ? deployNewVersion(state, key, w, body) : rollback(state, w, body);
  if (isRefusal(data)) return refused(data);
  return json(200, { data, limits: state.limitsFor(key) });
}

/** `lastStartedBlock` / `lastCompletedBlock` objects (recordings/sim-server-facts.md §D). */
function blockMark(
  block: { id: string; name: string; type: string } | undefined,
  field: 'startedAt' | 'endedAt',
  atMs: number,
  success: boolean | null,
): Record<string, unknown> | null {
  if (!block) return null;
  return {
    blockId: block.id,
    blockName: block.name,
    blockType: block.type,
    [field]: iso(atMs),
    ...(success === null ? {} : { success }),
  };
}
