/**
 * Deployments, export and import of workflows, as data and operations that both API versions present:
 * v1 (`/api/v1/workflows/{id}/deploy|rollback|export`, `/api/v1/workflows/import`; v1.ts) and v2
 * (`/api/v2/workflows/{id}/deployment|deploy|rollback|versions|export`, `/api/v2/workflows/import`; v2-workflows.ts).
 * Recorded: recordings/sim-server-facts.md §G.18 to §G.21 (recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §H), the v2
 * workflow-management recording (recordings/2026-12-03-v2-workflow-management.md), and deploy, rollback and undeploy with
 * a personal key, v1's edge cases and export (recordings/2026-12-03-v2-personal-key-deploy.md §A, §C). Current profile only.
 */
import { randomUUID } from 'node:crypto';
import type { ApiKeyDef, BlockDef, InputField, WorkflowDef } from './seed.js';
import type { EmulatorState } from './state.js';
import { iso } from './http.js';
import { functionCode, startInputFormat } from './workflows.js';

export interface DeploymentVersion {
  id: string;
  version: number;
  /** Set by the deploy request's `name` / `description` (v2 versions list them). */
  name: string | null;
  description: string | null;
  createdAtMs: number;
  deployedBy: string | null;
}

export interface DeploymentAttempt {
  id: string;
  deploymentVersionId: string;
  version: number;
  action: 'deploy' | 'activate';
  status: 'active';
  isCurrent: boolean;
  readiness: { webhooks: string; schedules: string; mcp: string };
  requestedAt: string;
  activatedAt: string;
  error: null;
}

interface Deployments {
  versions: DeploymentVersion[];
  /** The active version number, or null when the workflow is not deployed. */
  active: number | null;
  /**
   * The last deploy or activation, null for a workflow never deployed. An undeploy keeps it: it is Sim's latest
   * deployment operation, which the deployment state then shows as historical (recordings/2026-12-03-v2-personal-key-deploy.md §A12).
   */
  latest: DeploymentAttempt | null;
}

/**
 * The `data` of a deploy or rollback answer, in v1's field order, `version` after `deployedAt` (v1 adds `limits`
 * beside it: recordings/2026-12-03-v2-personal-key-deploy.md §C4). v2 sends it alone, with `version` moved last (v2-workflows.ts).
 */
export interface DeployData {
  id: string;
  isDeployed: true;
  deployedAt: string;
  version: number;
  warnings: string[];
  activeDeployment: { deploymentVersionId: string; version: number; deployedAt: string };
  latestDeploymentAttempt: DeploymentAttempt;
}

/** An operation refused: the HTTP status and Sim's message (each API version wraps it in its own envelope). */
export interface Refusal {
  status: number;
  message: string;
  /** v2's `error.code` when it is not the status's default. */
  code?: string;
  /** zod issues (v1 sends them as `details` beside `error`, v2 as `error.details`). */
  details?: Record<string, unknown>[];
}

export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && 'status' in x && 'message' in x && !('data' in x);

const READY = { webhooks: 'ready', schedules: 'ready', mcp: 'ready' };
/** A fresh activation's warning, a normal success (recordings/2026-12-03-v2-personal-key-deploy.md §A2, §A5, §C4). */
const ACTIVATED_WARNING = 'Deployment activation completed, and post-activation notifications are queued.';
/** The deployment state's warning once the latest activation is not live (after an undeploy: recordings/2026-12-03-v2-personal-key-deploy.md §A12). */
const HISTORICAL_WARNING =
  'The latest successful deployment attempt is historical; no matching deployment version is currently active.';

/**
 * Deployment history per workflow object. A reset of the state builds new workflow objects, so the history goes with
 * them. A seeded deployed workflow starts at version 1, whose id is the `deploymentVersionId` its logs carry, deployed
 * a few seconds after it was requested (as the recorded first deployment was).
 */
const histories = new WeakMap<WorkflowDef, Deployments>();

function history(w: WorkflowDef): Deployments {
  let h = histories.get(w);
  if (!h) {
    if (w.isDeployed && w.deployedAt) {
      const activatedMs = Date.parse(w.deployedAt);
      const requestedMs = activatedMs - 4_735;
      const v1: DeploymentVersion = {
        id: `dv-${w.id}`,
        version: 1,
        name: null,
        description: null,
        createdAtMs: requestedMs,
        deployedBy: 'Emulator User',
      };
      h = {
        versions: [v1],
        active: 1,
        latest: {
          id: `da-${w.id}`,
          deploymentVersionId: v1.id,
          version: 1,
          action: 'deploy',
          status: 'active',
          isCurrent: true,
          readiness: { ...READY },
          requestedAt: iso(requestedMs),
          activatedAt: iso(activatedMs),
          error: null,
        },
      };
    } else h = { versions: [], active: null, latest: null };
    histories.set(w, h);
  }
  return h;
}

/** Activates `target` (deploy: a new version; rollback: an existing one). */
function activate(
  state: EmulatorState,
  w: WorkflowDef,
  target: DeploymentVersion,
  action: 'deploy' | 'activate',
): DeployData {
  const h = history(w);
  const at = iso(state.now());
  h.active = target.version;
  w.isDeployed = true;
  w.deployedAt = at;
  h.latest = {
    id: randomUUID(),
    deploymentVersionId: target.id,
    version: target.version,
    action,
    status: 'active',
    isCurrent: true,
    readiness: { ...READY },
    requestedAt: at,
    activatedAt: at,
    error: null,
  };
  return {
    id: w.id,
    isDeployed: true,
    deployedAt: at,
    version: target.version,
    warnings: [ACTIVATED_WARNING],
    activeDeployment: { deploymentVersionId: target.id, version: target.version, deployedAt: at },
    latestDeploymentAttempt: h.latest,
  };
}

/** Deploy (§G.18): every call makes a new version; `name` and `description` name that version. */
export function deployNewVersion(
  state: EmulatorState,
  key: ApiKeyDef,
  w: WorkflowDef,
  body: Record<string, unknown>,
): DeployData {
  const h = history(w);
  const version = h.versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const created: DeploymentVersion = {
    id: randomUUID(),
    version,
    name: str(body.name),
    description: str(body.description),
    createdAtMs: state.now(),
    deployedBy: key.userName,
  };
  h.versions.push(created);
  return activate(state, w, created, 'deploy');
}

/**
 * Rollback, v1 and v2 alike (Sim's `performActivateVersion` serves both; recordings/sim-server-facts.md §G.21 and
 * recordings/2026-12-03-v2-personal-key-deploy.md §A5 to §A10, §A14, §C3, §C7, §C8):
 * - no body or `{}` → the highest version below the active one (Sim's `findPreviousDeploymentVersion`: 2 → 1);
 *   `{version:N}` → N. A rollback makes no version;
 * - N already active → no change: `warnings: []`, the same `latestDeploymentAttempt` and `deployedAt`;
 * - N missing → 404 `Deployment version not found`; `{version:0}` → 400 with the zod issue;
 *   not deployed → 400 `Workflow is not deployed`.
 * Not recorded: no version below the active one → 400 `No previous deployment version to roll back to` (Sim's text);
 * a `version` that is not a whole number → 400 `version must be a positive integer` without details; v1's rollback to
 * the active version (recorded on v2 only; the same Sim function).
 */
export function rollback(state: EmulatorState, w: WorkflowDef, body: Record<string, unknown>): DeployData | Refusal {
  const h = history(w);
  if (body.version !== undefined) {
    if (typeof body.version !== 'number' || !Number.isInteger(body.version))
      return { status: 400, message: 'version must be a positive integer' };
    if (body.version < 1) {
      const message = 'version must be a positive integer';
      return {
        status: 400,
        message,
        details: [{ origin: 'number', code: 'too_small', minimum: 1, inclusive: true, path: ['version'], message }],
      };
    }
  }
  if (h.active === null) return { status: 400, message: 'Workflow is not deployed' };
  const active = h.active;
  const wanted =
    typeof body.version === 'number'
      ? body.version
      : h.versions.reduce<number | null>(
          (best, v) => (v.version < active && (best === null || v.version > best) ? v.version : best),
          null,
        );
  if (wanted === null) return { status: 400, message: 'No previous deployment version to roll back to' };
  const target = h.versions.find((v) => v.version === wanted);
  if (!target) return { status: 404, message: 'Deployment version not found' };
  if (target.version === active && h.latest && w.deployedAt) {
    return {
      id: w.id,
      isDeployed: true,
      deployedAt: w.deployedAt,
      version: target.version,
      warnings: [],
      activeDeployment: { deploymentVersionId: target.id, version: target.version, deployedAt: w.deployedAt },
      latestDeploymentAttempt: h.latest,
    };
  }
  return activate(state, w, target, 'activate');
}

/**
 * Undeploy: no version is active any more; the latest attempt stays, and the deployment state shows it as historical
 * (recordings/2026-12-03-v2-personal-key-deploy.md §A11, §A12). Not deployed → 400 `Workflow is not deployed` (v2: recordings/2026-12-03-v2-personal-key-deploy.md §A13;
 * v1: recordings/2026-12-03-v2-workflow-management.md §"v1 undeploy (DELETE /api/v1/workflows/{id}/deploy) on an undeployed workflow").
 */
export function undeploy(w: WorkflowDef): { id: string; warnings: string[] } | Refusal {
  const h = history(w);
  if (!w.isDeployed || h.active === null) return { status: 400, message: 'Workflow is not deployed' };
  h.active = null;
  w.isDeployed = false;
  w.deployedAt = null;
  return { id: w.id, warnings: [] };
}

/**
 * `GET /api/v2/workflows/{id}/deployment` `data` (recordings/2026-12-03-v2-workflow-management.md, and
 * recordings/2026-12-03-v2-personal-key-deploy.md §A1, §A3, §A6, §A12): no `version` at the top (the live one is
 * `activeDeployment.version`); the latest attempt `isCurrent` while its version is the active one, else shown with
 * Sim's historical warning. The emulator's drafts never change: `needsRedeployment` false.
 */
export function deploymentState(w: WorkflowDef): Record<string, unknown> {
  const h = history(w);
  const active = h.active === null ? undefined : h.versions.find((v) => v.version === h.active);
  const deployedAt =
    w.isDeployed && active ? (h.latest?.version === active.version ? h.latest.activatedAt : w.deployedAt) : null;
  const latest = h.latest && { ...h.latest, isCurrent: h.latest.deploymentVersionId === active?.id };
  return {
    id: w.id,
    isDeployed: Boolean(w.isDeployed && active),
    deployedAt,
    warnings: latest && !latest.isCurrent ? [HISTORICAL_WARNING] : [],
    activeDeployment:
      active && deployedAt ? { deploymentVersionId: active.id, version: active.version, deployedAt } : null,
    latestDeploymentAttempt: latest,
    needsRedeployment: false,
  };
}

/**
 * The versions of a workflow, newest first (Sim orders by version, descending). `latestOperationStatus` is the status
 * of the workflow's latest operation on its own version, null on the others (recordings/2026-12-03-v2-personal-key-deploy.md §A4, §A10, §B3;
 * after an undeploy the formerly live version keeps `"active"`: Sim's `listWorkflowVersions`, not recorded).
 */
export function versions(w: WorkflowDef): Record<string, unknown>[] {
  const h = history(w);
  return [...h.versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      id: v.id,
      version: v.version,
      name: v.name,
      description: v.description,
      isActive: h.active === v.version,
      createdAt: iso(v.createdAtMs),
      deployedBy: v.deployedBy,
      latestOperationStatus: h.latest?.deploymentVersionId === v.id ? h.latest.status : null,
    }));
}

/** One version with its workflow state (`GET /api/v2/workflows/{id}/versions/{n}`, recorded). */
export function versionDetail(w: WorkflowDef, version: number): Record<string, unknown> | Refusal {
  const h = history(w);
  const v = h.versions.find((x) => x.version === version);
  if (!v) return { status: 404, message: 'Deployment version not found' };
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    description: v.description,
    isActive: h.active === v.version,
    createdAt: iso(v.createdAtMs),
    state: {
      blocks: fullBlocks(w),
      edges: fullEdges(w),
      loops: {},
      parallels: {},
      variables: {},
      lastSaved: v.createdAtMs,
    },
  };
}

// ---------------------------------------------------------------- export and import

/** Blocks as the real server stores them (recordings/sim-server-facts.md §D: execution state; §G.19: export): full objects keyed by id. */
export function fullBlocks(w: WorkflowDef): Record<string, unknown> {
  const blocks: Record<string, unknown> = {};
  w.blocks.forEach((b, i) => {
    let subBlocks: Record<string, unknown> = {};
    if (b.type === 'start_trigger') {
      subBlocks = {
        inputFormat: { id: 'inputFormat', type: 'input-format', value: startInputFormat(w) },
        runMetadata: { id: 'runMetadata', type: 'switch', value: false },
      };
    } else if (b.type === 'function') {
      subBlocks = {
        code: { id: 'code', type: 'code', value: functionCode(w, b) },
        language: { id: 'language', type: 'dropdown', value: 'javascript' },
      };
    }
    blocks[b.id] = {
      id: b.id,
      type: b.type,
      name: b.name,
      position: { x: i * 300, y: 0 },
      enabled: true,
      horizontalHandles: true,
      advancedMode: false,
      errorEnabled: false,
      triggerMode: false,
      height: 0,
      subBlocks,
      outputs: {},
      data: {},
      locked: false,
    };
  });
  return blocks;
}

export function fullEdges(w: WorkflowDef): unknown[] {
  return w.blocks.slice(1).map((b, i) => ({
    id: `edge-${i + 1}`,
    source: w.blocks[i]!.id,
    target: b.id,
    sourceHandle: 'source',
    targetHandle: 'target',
    type: 'default',
    data: {},
  }));
}

/**
 * The export envelope (§G.19; v2 recording "v2 export"): v1 names the folder by `folderId`, v2 by `folderPath`; v2
 * lists `variables` before `metadata` in the state.
 */
export function exportData(
  state: EmulatorState,
  w: WorkflowDef,
  folder: { folderId: string | null } | { folderPath: string },
): Record<string, unknown> {
  const exportedAt = iso(state.now());
  const metadata = { name: w.name, description: w.description, exportedAt };
  const base = { blocks: fullBlocks(w), edges: fullEdges(w), loops: {}, parallels: {} };
  return {
    version: '1.0',
    exportedAt,
    workflow: { id: w.id, name: w.name, description: w.description, workspaceId: w.workspaceId, ...folder },
    state: 'folderPath' in folder ? { ...base, variables: {}, metadata } : { ...base, metadata, variables: {} },
  };
}

interface ExportEnvelope {
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
    const b = (value ?? {}) as {
      id?: unknown;
      name?: unknown;
      type?: unknown;
      position?: { x?: unknown };
      subBlocks?: Record<string, { value?: unknown }>;
    };
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
  const x = (id: string): number =>
    Number(((raw as Record<string, { position?: { x?: unknown } }>)[id]?.position?.x as number | undefined) ?? 0);
  blocks.sort((a, b) => (a.type === 'start_trigger' ? -1 : b.type === 'start_trigger' ? 1 : x(a.id) - x(b.id)));
  return { blocks, inputs };
}

/**
 * Import (§G.20; v2 recording "v2 import"): `workflow` is an export's `data` object, or that object as a JSON string.
 * The new workflow is not deployed (the recorded answers carry no deployment fields; v2's deployment state of it reads
 * undeployed). It runs like the workflow it was exported from when that one is known to the emulator, else like
 * `echo`. The refusals were not recorded: their texts are the emulator's own.
 */
export function importWorkflow(
  state: EmulatorState,
  input: { workspaceId: string; workflow: unknown; name?: unknown; description?: unknown; folderId: string | null },
): WorkflowDef | Refusal {
  let data: unknown = input.workflow;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return { status: 400, message: 'workflow is not valid JSON' };
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { status: 400, message: 'workflow must be the data of a workflow export' };
  const exp = data as ExportEnvelope;
  const parsed = blocksOf(exp.state?.blocks);
  if (!parsed) return { status: 400, message: 'workflow must be the data of a workflow export' };
  const source = state.workflow(str(exp.workflow?.id) ?? '');
  const now = iso(state.now());
  const w: WorkflowDef = {
    id: randomUUID(),
    name: str(input.name) ?? str(exp.workflow?.name) ?? str(exp.state?.metadata?.name) ?? 'Imported workflow',
    description:
      str(input.description) ?? str(exp.workflow?.description) ?? str(exp.state?.metadata?.description) ?? '',
    color: source?.color ?? '#3972f6',
    folderId: input.folderId,
    workspaceId: input.workspaceId,
    isDeployed: false,
    deployedAt: null,
    createdAt: now,
    updatedAt: now,
    // newest first in the sidebar order (recordings/sim-server-facts.md §5.7)
    sortOrder: state.workflows.reduce((min, x) => Math.min(min, x.sortOrder), 0) - 1,
    behaviour: source?.behaviour ?? 'echo',
    inputs: parsed.inputs,
    blocks: parsed.blocks,
  };
  state.workflows.push(w);
  state.stats.set(w.id, { runCount: 0, lastRunAtMs: null });
  return w;
}

/** Deletes a workflow (`DELETE /api/v2/workflows/{id}`, recorded): it is gone from every route; its logs stay. */
export function deleteWorkflow(state: EmulatorState, w: WorkflowDef): void {
  state.workflows = state.workflows.filter((x) => x !== w);
  state.stats.delete(w.id);
}
