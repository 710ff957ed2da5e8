/**
 * `POST /api/v1/workflows/{id}/deploy`, `POST /api/v1/workflows/{id}/rollback` and `POST /api/v1/workflows/import`
 * (facts G 18, 20, 21; recordings/2026-12-01-paused-runs-selected-outputs-deploy.md section H). Current profile only.
 */
import { randomUUID } from 'node:crypto';
import type { ApiKeyDef, BlockDef, InputField, WorkflowDef } from './seed.js';
import type { EmulatorState } from './state.js';
import { isReply, json, type Ctx, type Reply } from './http.js';

interface DeploymentVersion {
  id: string;
  version: number;
}

interface Deployments {
  versions: DeploymentVersion[];
  /** The active version number, or null when the workflow was never deployed. */
  active: number | null;
}

/**
 * Deployment history per workflow object. A reset of the state builds new workflow objects, so the history goes with
 * them. A seeded deployed workflow starts at version 1, whose id is the `deploymentVersionId` its logs carry.
 */
const histories = new WeakMap<WorkflowDef, Deployments>();

function history(w: WorkflowDef): Deployments {
  let h = histories.get(w);
  if (!h) {
    h = w.isDeployed ? { versions: [{ id: `dv-${w.id}`, version: 1 }], active: 1 } : { versions: [], active: null };
    histories.set(w, h);
  }
  return h;
}

/** The request body as an object: no body is `{}`; anything else than a JSON object is refused (not recorded). */
function bodyObject(ctx: Ctx): { value: Record<string, unknown> } | Reply {
  if (ctx.body.trim() === '') return { value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.body);
  } catch {
    return json(400, { error: 'Invalid JSON body' });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return json(400, { error: 'Invalid JSON body' });
  return { value: parsed as Record<string, unknown> };
}

function accessible(state: EmulatorState, key: ApiKeyDef, id: string): WorkflowDef | Reply {
  const w = state.workflow(id);
  if (!w || !key.workspaces.includes(w.workspaceId)) return json(404, { error: 'Workflow not found' });
  return w;
}

/** Activates `target` (deploy: a new version; rollback: an existing one) and answers with the recorded shape. */
function activate(state: EmulatorState, key: ApiKeyDef, w: WorkflowDef, target: DeploymentVersion, action: 'deploy' | 'activate'): Reply {
  const h = history(w);
  const requestedAt = new Date().toISOString();
  const activatedAt = new Date().toISOString();
  h.active = target.version;
  w.isDeployed = true;
  w.deployedAt = activatedAt;
  return json(200, {
    data: {
      id: w.id,
      isDeployed: true,
      deployedAt: activatedAt,
      version: target.version,
      warnings: ['Deployment activation completed, and post-activation notifications are queued.'],
      activeDeployment: { deploymentVersionId: target.id, version: target.version, deployedAt: activatedAt },
      latestDeploymentAttempt: {
        id: randomUUID(), deploymentVersionId: target.id, version: target.version, action, status: 'active', isCurrent: true,
        readiness: { webhooks: 'ready', schedules: 'ready', mcp: 'ready' }, requestedAt, activatedAt, error: null,
      },
    },
    limits: state.limitsFor(key),
  });
}

/** Deploy (G 18): every call makes a new version (`{name?, description?}` name the version; not echoed). */
export function deployWorkflow(state: EmulatorState, ctx: Ctx, key: ApiKeyDef, id: string): Reply {
  const w = accessible(state, key, id);
  if (isReply(w)) return w;
  const parsedBody = bodyObject(ctx);
  if (isReply(parsedBody)) return parsedBody;
  const h = history(w);
  const version = h.versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
  const created = { id: randomUUID(), version };
  h.versions.push(created);
  return activate(state, key, w, created, 'deploy');
}

/**
 * Undeploy: `DELETE /api/v1/workflows/{id}/deploy`. Recorded (2026-12-03): a workflow that is not deployed → 400
 * `{"error":"Workflow is not deployed"}`. The success answer is not recorded; it is Sim's route code (v0.8.9):
 * 200 `{data:{id, isDeployed:false, deployedAt:null, warnings:[]}, limits}`. The versions stay; a later deploy adds one.
 */
export function undeployWorkflow(state: EmulatorState, key: ApiKeyDef, id: string): Reply {
  const w = accessible(state, key, id);
  if (isReply(w)) return w;
  if (!w.isDeployed) return json(400, { error: 'Workflow is not deployed' });
  history(w).active = null;
  w.isDeployed = false;
  w.deployedAt = null;
  return json(200, { data: { id: w.id, isDeployed: false, deployedAt: null, warnings: [] }, limits: state.limitsFor(key) });
}

/** Rollback (G 21): no body or `{}` → the version before the active one (3 → 2, then 2 → 1); `{version:N}` picks N. */
export function rollbackWorkflow(state: EmulatorState, ctx: Ctx, key: ApiKeyDef, id: string): Reply {
  const w = accessible(state, key, id);
  if (isReply(w)) return w;
  const parsedBody = bodyObject(ctx);
  if (isReply(parsedBody)) return parsedBody;
  const body = parsedBody.value;
  const h = history(w);
  // The errors below were not recorded: their texts are the emulator's own.
  if (body.version !== undefined && (typeof body.version !== 'number' || !Number.isInteger(body.version) || body.version < 1)) {
    return json(400, { error: 'version must be a positive integer' });
  }
  if (h.active === null) return json(400, { error: 'Workflow is not deployed' });
  const wanted = typeof body.version === 'number' ? body.version : h.active - 1;
  if (wanted < 1) return json(400, { error: 'No previous deployment version to roll back to' });
  const target = h.versions.find((v) => v.version === wanted);
  if (!target) return json(404, { error: `Deployment version ${wanted} not found` });
  return activate(state, key, w, target, 'activate');
}

interface ExportData {
  workflow?: { id?: unknown; name?: unknown; description?: unknown };
  state?: { blocks?: unknown; metadata?: { name?: unknown; description?: unknown } };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The blocks and start inputs of an export's `state.blocks` (full block objects keyed by id, as export writes them). */
function blocksOf(raw: unknown): { blocks: BlockDef[]; inputs: InputField[] } | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const blocks: BlockDef[] = [];
  const inputs: InputField[] = [];
  for (const [blockId, value] of Object.entries(raw as Record<string, unknown>)) {
    const b = (value ?? {}) as { id?: unknown; name?: unknown; type?: unknown; position?: { x?: unknown }; subBlocks?: Record<string, { value?: unknown }> };
    const type = str(b.type);
    if (!type) return null;
    blocks.push({ id: str(b.id) ?? blockId, name: str(b.name) ?? type, type });
    if (type === 'start_trigger' && Array.isArray(b.subBlocks?.inputFormat?.value)) {
      for (const f of b.subBlocks.inputFormat.value as { id?: unknown; name?: unknown; type?: unknown }[]) {
        const name = str(f?.name);
        if (name) inputs.push({ id: str(f.id) ?? randomUUID(), name, type: str(f.type) ?? 'string' });
      }
    }
  }
  // the executor walks the blocks in order: keep the export's left-to-right order (start first)
  const x = (id: string): number => Number(((raw as Record<string, { position?: { x?: unknown } }>)[id]?.position?.x as number | undefined) ?? 0);
  blocks.sort((a, b) => (a.type === 'start_trigger' ? -1 : b.type === 'start_trigger' ? 1 : x(a.id) - x(b.id)));
  return { blocks, inputs };
}

/**
 * Import (G 20): `{workspaceId, name?, description?, folderId?, workflow}` where `workflow` is an export's `data` object
 * or that object as a JSON string → 201 with the new workflow. The new workflow is not deployed (the recorded answer
 * carries no deployment fields; deploy it with the deploy route). It runs like the workflow it was exported from when
 * that one is known to the emulator, else like `echo`.
 */
export function importWorkflow(state: EmulatorState, ctx: Ctx, key: ApiKeyDef): Reply {
  const parsedBody = bodyObject(ctx);
  if (isReply(parsedBody)) return parsedBody;
  const body = parsedBody.value;
  // The errors below were not recorded: the missing-workspace body is the one v1 lists answer, the others are the emulator's own.
  const ws = str(body.workspaceId);
  if (!ws) return json(400, state.profile.missingWorkspace);
  if (!key.workspaces.includes(ws)) return json(403, { error: 'Access denied to this workspace' });
  let data: unknown = body.workflow;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return json(400, { error: 'workflow is not valid JSON' });
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return json(400, { error: 'workflow must be the data of a workflow export' });
  const exp = data as ExportData;
  const parsed = blocksOf(exp.state?.blocks);
  if (!parsed) return json(400, { error: 'workflow must be the data of a workflow export' });
  const source = state.workflow(str(exp.workflow?.id) ?? '');
  const now = new Date().toISOString();
  const w: WorkflowDef = {
    id: randomUUID(),
    name: str(body.name) ?? str(exp.workflow?.name) ?? str(exp.state?.metadata?.name) ?? 'Imported workflow',
    description: str(body.description) ?? str(exp.workflow?.description) ?? str(exp.state?.metadata?.description) ?? '',
    color: source?.color ?? '#3972f6',
    folderId: str(body.folderId) ?? null,
    workspaceId: ws,
    isDeployed: false,
    deployedAt: null,
    createdAt: now,
    updatedAt: now,
    // newest first in the sidebar order (facts 5.7)
    sortOrder: state.workflows.reduce((min, x) => Math.min(min, x.sortOrder), 0) - 1,
    behaviour: source?.behaviour ?? 'echo',
    inputs: parsed.inputs,
    blocks: parsed.blocks,
  };
  state.workflows.push(w);
  state.stats.set(w.id, { runCount: 0, lastRunAtMs: null });
  return json(201, {
    data: { id: w.id, name: w.name, description: w.description, workspaceId: w.workspaceId, folderId: w.folderId, createdAt: w.createdAt, updatedAt: w.updatedAt },
    limits: state.limitsFor(key),
  });
}
