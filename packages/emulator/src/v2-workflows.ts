/**
 * The v2 workflow routes besides runs (served with `v2: true`): the lists (`GET /api/v2/workflows`,
 * `GET /api/v2/workflows/{id}`, `GET …/runs`, `GET /api/v2/logs`: recordings/sim-server-facts.md §E, recordings/sim-server-facts.md §M9) and workflow management
 * (`GET …/deployment`, `GET …/versions[/{n}]`, `GET …/export`, `POST /api/v2/workflows/import`,
 * `DELETE /api/v2/workflows/{id}`, and `POST …/deploy`, `POST …/rollback`, `DELETE …/deploy`:
 * recordings/2026-12-03-v2-workflow-management.md).
 *
 * Deploy, rollback and undeploy: a workspace key → 403 `WORKSPACE_KEY_OPERATION_NOT_PERMITTED`
 * (recordings/2026-12-03-v2-workflow-management.md, recordings/2026-12-03-v2-personal-key-deploy.md §B); a personal key → as recorded in
 * recordings/2026-12-03-v2-personal-key-deploy.md §A.
 */
import type { ApiKeyDef, WorkflowDef } from './seed.js';
import { folderIdOfPath, folderPath } from './seed.js';
import type { EmulatorState } from './state.js';
import { iso, isReply, type Ctx, type Reply } from './http.js';
import {
  deleteWorkflow,
  deploymentState,
  deployNewVersion,
  exportData,
  importWorkflow,
  isRefusal,
  rollback,
  undeploy,
  versionDetail,
  versions,
  type Refusal,
} from './deploy.js';
import { logQuery } from './v1.js';
import { encodeLogCursor, logFinalOutput, traceSpans, type LogRecord } from './logs.js';
import { v2Body, v2Data, v2Error, v2Invalid } from './v2-envelope.js';

const UNREADABLE_CURSOR = 'cursor is not a valid pagination cursor. Restart pagination without a cursor.';

const refused = (state: EmulatorState, r: Refusal): Reply =>
  v2Error(state, r.status, r.message, {
    ...(r.code ? { code: r.code } : {}),
    ...(r.details ? { details: r.details } : {}),
  });

/** The workflow named in the path, if the key may see it; else the v2 404. */
function workflowFor(state: EmulatorState, key: ApiKeyDef, id: string): WorkflowDef | Reply {
  const w = state.workflow(id);
  if (!w || !key.workspaces.includes(w.workspaceId)) return v2Error(state, 404, 'Workflow not found');
  return w;
}

/** v2 `limit` (Sim's `v2LimitSchema`: a whole number 1–100, default 50; out of range is refused). */
function pageSize(state: EmulatorState, ctx: Ctx, def = 50, max = 100): number | Reply {
  const raw = ctx.query.get('limit');
  if (raw === null) return def;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n))
    return v2Invalid(state, 'limit must be a number', { code: 'invalid_type', expected: 'number', path: ['limit'] });
  if (!Number.isInteger(n))
    return v2Invalid(state, 'limit must be a whole number', { code: 'invalid_type', expected: 'int', path: ['limit'] });
  if (n < 1) return v2Invalid(state, 'limit must be at least 1', { code: 'too_small', minimum: 1, path: ['limit'] });
  if (n > max)
    return v2Invalid(state, `limit cannot exceed ${max}`, { code: 'too_big', maximum: max, path: ['limit'] });
  return n;
}

/** Cursors are opaque base64 JSON `{scope, inner}` (Sim's scoped cursors); a cursor from another list is refused. */
const encodeCursor = (scope: string, inner: unknown): string =>
  Buffer.from(JSON.stringify({ scope, inner })).toString('base64');

function decodeCursor(state: EmulatorState, ctx: Ctx, scope: string): unknown | Reply {
  const raw = ctx.query.get('cursor');
  if (raw === null) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { scope?: unknown; inner?: unknown };
    if (c && c.scope === scope && c.inner !== undefined) return c.inner;
  } catch {
    // fall through
  }
  return v2Error(state, 400, UNREADABLE_CURSOR);
}

function workspaceOf(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): string | Reply {
  const ws = ctx.query.get('workspaceId');
  if (!ws)
    return v2Invalid(state, 'Invalid input: expected string, received undefined', {
      expected: 'string',
      code: 'invalid_type',
      path: ['workspaceId'],
    });
  if (!key.workspaces.includes(ws)) return v2Error(state, 403, 'Access denied to this workspace');
  return ws;
}

function listItem(state: EmulatorState, w: WorkflowDef): Record<string, unknown> {
  const s = state.stats.get(w.id) ?? { runCount: 0, lastRunAtMs: null };
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    folderPath: folderPath(w.folderId),
    workspaceId: w.workspaceId,
    isDeployed: w.isDeployed,
    deployedAt: w.deployedAt,
    runCount: s.runCount,
    lastRunAt: s.lastRunAtMs === null ? null : iso(s.lastRunAtMs),
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

/** `GET /api/v2/workflows?workspaceId=…` (recordings/sim-server-facts.md §E: items with `folderPath`, `nextCursor`); the sidebar order, as v1. */
export function listWorkflowsV2(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const ws = workspaceOf(state, ctx, key);
  if (isReply(ws)) return ws;
  const limit = pageSize(state, ctx);
  if (isReply(limit)) return limit;
  const after = decodeCursor(state, ctx, 'workflows');
  if (isReply(after)) return after;
  const path = ctx.query.get('folderPath');
  const folderId = path === null ? undefined : folderIdOfPath(path);
  const deployedOnly = ctx.query.get('deployedOnly') === 'true';
  const list = state.workflows
    .filter(
      (w) =>
        w.workspaceId === ws &&
        (path === null || (folderId !== undefined && w.folderId === folderId)) &&
        (!deployedOnly || w.isDeployed),
    )
    .sort((a, b) => a.sortOrder - b.sortOrder || (a.createdAt < b.createdAt ? 1 : -1));
  const start = typeof after === 'string' ? list.findIndex((w) => w.id === after) + 1 : 0;
  const page = list.slice(start, start + limit);
  const more = start + limit < list.length;
  return v2Data(
    state,
    200,
    page.map((w) => listItem(state, w)),
    undefined,
    more ? encodeCursor('workflows', page[page.length - 1]!.id) : null,
  );
}

/** `GET /api/v2/workflows/{id}` (recordings/sim-server-facts.md §E: the list item plus `variables` and `inputs` without ids). */
export function workflowDetailV2(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  const { createdAt, updatedAt, ...rest } = listItem(state, w);
  return v2Data(state, 200, {
    ...rest,
    variables: {},
    inputs: w.inputs.map((f) => ({ name: f.name, type: f.type })),
    createdAt,
    updatedAt,
  });
}

/** `DELETE /api/v2/workflows/{id}` → 200 `{data:{id, deleted:true}}` (recorded, workspace key). */
export function deleteWorkflowV2(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  deleteWorkflow(state, w);
  return v2Data(state, 200, { id: w.id, deleted: true });
}

/** `POST /api/v2/workflows/import {workspaceId, workflow, name?, description?, folderPath?}` → 201 (recorded). */
export function importWorkflowV2(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const body = v2Body(state, ctx);
  if (isReply(body)) return body;
  const ws = typeof body.workspaceId === 'string' ? body.workspaceId : '';
  if (!ws)
    return v2Invalid(state, 'Invalid input: expected string, received undefined', {
      expected: 'string',
      code: 'invalid_type',
      path: ['workspaceId'],
    });
  if (!key.workspaces.includes(ws)) return v2Error(state, 403, 'Access denied to this workspace');
  const path = typeof body.folderPath === 'string' ? body.folderPath : '/';
  const folderId = folderIdOfPath(path);
  if (folderId === undefined) return v2Error(state, 404, 'Folder not found');
  const w = importWorkflow(state, {
    workspaceId: ws,
    workflow: body.workflow,
    name: body.name,
    description: body.description,
    folderId,
  });
  if (isRefusal(w)) return refused(state, w);
  return v2Data(state, 201, {
    id: w.id,
    name: w.name,
    description: w.description,
    workspaceId: w.workspaceId,
    folderPath: folderPath(w.folderId),
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  });
}

/** `GET /api/v2/workflows/{id}/deployment` (recorded). */
export function deploymentV2(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  return v2Data(state, 200, deploymentState(w));
}

/** `GET /api/v2/workflows/{id}/versions[?limit=&cursor=]`: newest first, `nextCursor` null on the last page (recorded). */
export function versionsV2(state: EmulatorState, ctx: Ctx, key: ApiKeyDef, id: string): Reply {
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  const limitGiven = ctx.query.get('limit') !== null;
  const limit = pageSize(state, ctx, 1000, 100);
  if (isReply(limit)) return limit;
  const after = decodeCursor(state, ctx, `versions:${w.id}`);
  if (isReply(after)) return after;
  const all = versions(w).filter((v) => typeof after !== 'number' || (v.version as number) < after);
  const page = all.slice(0, limit);
  const more = limitGiven && all.length > limit;
  return v2Data(
    state,
    200,
    page,
    undefined,
    more ? encodeCursor(`versions:${w.id}`, page[page.length - 1]!.version) : null,
  );
}

/** `GET /api/v2/workflows/{id}/versions/{n}` (recorded). */
export function versionV2(state: EmulatorState, key: ApiKeyDef, id: string, version: string): Reply {
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  const n = Number(version);
  if (!Number.isInteger(n) || n < 1)
    return v2Invalid(state, 'version must be a positive integer', {
      code: 'invalid_type',
      expected: 'int',
      path: ['version'],
    });
  const v = versionDetail(w, n);
  return isRefusal(v) ? refused(state, v) : v2Data(state, 200, v);
}

/** `GET /api/v2/workflows/{id}/export`: the v1 envelope with `workflow.folderPath` instead of `folderId` (recorded). */
export function exportV2(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  return v2Data(state, 200, exportData(state, w, { folderPath: folderPath(w.folderId) }));
}

/**
 * `POST …/deploy`, `POST …/rollback`, `DELETE …/deploy`. A workspace key → 403, before the workflow is looked up
 * (recordings/2026-12-03-v2-personal-key-deploy.md §B1, §B4 to §B6). A personal key: deploy and rollback answer
 * `{data:{id, isDeployed, deployedAt, warnings, activeDeployment, latestDeploymentAttempt, version}}` with `version`
 * LAST (Sim's v2 contract appends it; v1 has it after `deployedAt`), undeploy `{data:{id, isDeployed:false,
 * deployedAt:null, warnings:[], activeDeployment:null, latestDeploymentAttempt:null}}`, the refusals in v2's envelope
 * (recordings/2026-12-03-v2-personal-key-deploy.md §A2, §A5, §A9, §A11, §A13, §A14; v1: §C4).
 */
export function deployV2(
  state: EmulatorState,
  ctx: Ctx,
  key: ApiKeyDef,
  id: string,
  op: 'deploy' | 'rollback' | 'undeploy',
): Reply {
  if (key.keyType === 'workspace') {
    return v2Error(state, 403, 'Workspace API key cannot perform this operation', {
      details: { code: 'WORKSPACE_KEY_OPERATION_NOT_PERMITTED' },
    });
  }
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  const body = v2Body(state, ctx);
  if (isReply(body)) return body;
  if (op === 'undeploy') {
    const done = undeploy(w);
    if (isRefusal(done)) return refused(state, done);
    return v2Data(state, 200, {
      id: done.id,
      isDeployed: false,
      deployedAt: null,
      warnings: done.warnings,
      activeDeployment: null,
      latestDeploymentAttempt: null,
    });
  }
  const data = op === 'deploy' ? deployNewVersion(state, key, w, body) : rollback(state, w, body);
  if (isRefusal(data)) return refused(state, data);
  const { version, ...deployment } = data;
  return v2Data(state, 200, { ...deployment, version });
}

// ---------------------------------------------------------------- runs and logs lists

interface RunRow {
  runId: string;
  startedAtMs: number;
  item: Record<string, unknown>;
}

/**
 * `GET /api/v2/workflows/{id}/runs[?limit=&order=&status=&cursor=]` (recorded: recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §"v2 list runs"
 * "v2 list runs"): the workflow's logged runs, plus its runs still going (no log entry yet), newest first.
 */
export function runsV2(state: EmulatorState, ctx: Ctx, key: ApiKeyDef, id: string): Reply {
  const w = workflowFor(state, key, id);
  if (isReply(w)) return w;
  const limit = pageSize(state, ctx);
  if (isReply(limit)) return limit;
  const order = ctx.query.get('order') === 'asc' ? 'asc' : 'desc';
  const after = decodeCursor(state, ctx, `runs:${w.id}:${order}`);
  if (isReply(after)) return after;
  const status = ctx.query.get('status');
  const rows: RunRow[] = [];
  const logged = new Set<string>();
  const { items } = state.logs.query({
    workflowIds: new Set([w.id]),
    level: null,
    triggers: null,
    startMs: null,
    endMs: null,
    executionId: null,
    minDurationMs: null,
    maxDurationMs: null,
    minCost: null,
    maxCost: null,
    model: null,
    limit: Number.MAX_SAFE_INTEGER,
    order: 'desc',
    cursor: null,
  });
  for (const rec of items) {
    logged.add(rec.executionId);
    rows.push({ runId: rec.executionId, startedAtMs: rec.startedAtMs, item: runItem(rec) });
  }
  for (const exec of state.executions.all()) {
    if (
      exec.workflow.id !== w.id ||
      logged.has(exec.executionId) ||
      (exec.status !== 'running' && exec.status !== 'paused')
    )
      continue;
    rows.push({
      runId: exec.executionId,
      startedAtMs: exec.startedAtMs,
      item: {
        runId: exec.executionId,
        workflowId: w.id,
        status: exec.status,
        trigger: exec.trigger,
        startedAt: iso(exec.startedAtMs),
        endedAt: null,
        durationMs: null,
        cost: null,
      },
    });
  }
  const sorted = rows
    .filter((r) => status === null || r.item.status === status)
    .sort(
      (a, b) =>
        (order === 'desc' ? b.startedAtMs - a.startedAtMs : a.startedAtMs - b.startedAtMs) ||
        (a.runId < b.runId ? -1 : 1),
    );
  const start = typeof after === 'string' ? sorted.findIndex((r) => r.runId === after) + 1 : 0;
  const page = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return v2Data(
    state,
    200,
    page.map((r) => r.item),
    undefined,
    more ? encodeCursor(`runs:${w.id}:${order}`, page[page.length - 1]!.runId) : null,
  );
}

function runItem(rec: LogRecord): Record<string, unknown> {
  return {
    runId: rec.executionId,
    workflowId: rec.workflowId,
    status: rec.status,
    trigger: rec.trigger,
    startedAt: iso(rec.startedAtMs),
    endedAt: iso(rec.startedAtMs + rec.durationMs),
    durationMs: rec.durationMs,
    cost: { total: rec.cost },
  };
}

/**
 * `GET /api/v2/logs?workspaceId=…` (recordings/sim-server-facts.md §E: items with `runId`, not `executionId`, plus `status`, and `nextCursor`);
 * the filters of v1's logs; the item's other fields follow Sim v0.8.9's v2 logs route.
 */
export function logsV2(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const ws = workspaceOf(state, ctx, key);
  if (isReply(ws)) return ws;
  const limit = pageSize(state, ctx);
  if (isReply(limit)) return limit;
  const params = new URLSearchParams(ctx.query);
  params.set('limit', String(limit));
  const raw = params.get('cursor');
  if (raw !== null) {
    const inner = decodeCursor(state, ctx, 'logs');
    if (isReply(inner)) return inner;
    params.set('cursor', String(inner));
  }
  const q = logQuery(state, params, ws, { def: 50, max: 100 });
  if ('invalid' in q) {
    return q.invalid === 'cursor'
      ? v2Error(state, 400, UNREADABLE_CURSOR)
      : v2Invalid(state, `${q.field} must be an ISO 8601 date-time`, { code: 'invalid_format', path: [q.field] });
  }
  const { items, hasMore } = state.logs.query(q);
  const full = ctx.query.get('details') === 'full';
  const withFinal = ctx.query.get('includeFinalOutput') === 'true';
  const withSpans = ctx.query.get('includeTraceSpans') === 'true';
  const data = items.map((rec) => {
    const item: Record<string, unknown> = {
      runId: rec.executionId,
      workflowId: rec.workflowId,
      deploymentVersionId: rec.deploymentVersionId,
      status: rec.status,
      level: rec.level,
      trigger: rec.trigger,
      startedAt: iso(rec.startedAtMs),
      endedAt: iso(rec.startedAtMs + rec.durationMs),
      totalDurationMs: rec.durationMs,
      cost: { total: rec.cost },
      files: null,
    };
    const w = state.workflow(rec.workflowId);
    if (full)
      item.workflow = {
        id: rec.workflowId,
        name: w?.name ?? 'Deleted Workflow',
        description: w?.description ?? null,
        deleted: !w,
      };
    if (withFinal) item.finalOutput = logFinalOutput(rec);
    if (withSpans) item.traceSpans = traceSpans(rec, w, true);
    return item;
  });
  const last = items[items.length - 1];
  return v2Data(
    state,
    200,
    data,
    undefined,
    hasMore && last ? encodeCursor('logs', encodeLogCursor(last, q.order)) : null,
  );
}
