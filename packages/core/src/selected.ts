// Selected outputs: the block outputs a user named (`agent1.content`, `<blockId>`, `<blockId>.<path>`), keyed by what
// the user wrote, the same on sync, async and stream runs. Sim ignores `selectedOutputs` on sync executes, refuses
// it on async ones and keys a stream's final output by block id (sim-server-facts.md, 2026-12-01 B and G 15–17);
// what works after any run is the execution resource: GET …/executions/{executionId}?selectedOutputs=<blockId>[.<path>].
// Block names map to ids through GET /api/v1/workflows/{id}/export (or the run's own workflowState).
import { CANCEL_TIMEOUT_MS, type Core } from './core.js';
import { SimNotFoundError, SimValidationError, isRecord } from './errors.js';
import { pathId } from './inputs.js';
import { abortableSleep, apiErrorFrom, requireJson, send } from './request.js';
import type { ExecutionView } from './types.js';

/** Sim's `normalizeName`: lower-cased, spaces removed (`My Agent` → `myagent`). */
export function normalizeBlockName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

interface BlockRef {
  id: string;
  name: string;
}

/** The blocks of a workflow state (`{blocks: {<id>: {id, name, …}}}`). */
function blocksOf(state: unknown): BlockRef[] | undefined {
  if (!isRecord(state) || !isRecord(state['blocks'])) return undefined;
  const out: BlockRef[] = [];
  for (const [id, block] of Object.entries(state['blocks'])) {
    const name = isRecord(block) && typeof block['name'] === 'string' ? block['name'] : '';
    out.push({ id: isRecord(block) && typeof block['id'] === 'string' ? block['id'] : id, name });
  }
  return out;
}

/** `<blockId>[.<path>]` for one user selector, or undefined when no block matches. */
export function resolveSelector(selector: string, blocks: readonly BlockRef[]): string | undefined {
  for (const b of blocks) {
    if (selector === b.id) return b.id;
    if (selector.startsWith(`${b.id}.`)) return selector;
    if (selector.startsWith(`${b.id}_`)) return `${b.id}.${selector.slice(b.id.length + 1)}`;
  }
  const dot = selector.indexOf('.');
  const name = normalizeBlockName(dot < 0 ? selector : selector.slice(0, dot));
  const block = blocks.find((b) => normalizeBlockName(b.name) === name);
  if (!block) return undefined;
  return dot < 0 ? block.id : `${block.id}${selector.slice(dot)}`;
}

export interface SelectionPlan {
  /** What the user wrote, in order. */
  readonly selectors: readonly string[];
  /** The selected block outputs of a finished run, keyed by what the user wrote (null where nothing was produced). */
  resolve(executionId: string, signal?: AbortSignal): Promise<Record<string, unknown>>;
}

export type SelectionMode = 'sync' | 'async' | 'stream';

/**
 * Checks, before any run starts, that the server can give selected outputs after the run, and maps block names to ids.
 * Returns undefined when nothing is selected, or for a stream on a server without the execution resource (there
 * the server narrows the stream's final output itself, keyed by block id).
 */
export async function planSelectedOutputs(
  core: Core,
  workflowId: string,
  selected: readonly string[] | undefined,
  mode: SelectionMode,
  signal?: AbortSignal,
): Promise<SelectionPlan | undefined> {
  if (!selected || selected.length === 0) return undefined;
  const hasResource = await core.capabilities.executionResource(workflowId, signal);
  if (!hasResource) {
    if (mode === 'stream') return undefined;
    throw new SimValidationError(
      `\`selectedOutputs\` cannot be applied to a ${mode} run on this Sim server: it has no execution resource` +
        ' (GET /api/workflows/{id}/executions/{executionId}, added to Sim in May 2026), and it ignores selectedOutputs on' +
        ' sync runs and refuses them on async runs. Use stream mode there (the server narrows the final output, keyed by' +
        ' block id), or leave selectedOutputs empty to get the whole output. No run was started.',
      'selectedOutputs',
    );
  }
  let blocks = await exportedBlocks(core, workflowId, signal);
  if (blocks) {
    const unknown = selected.filter((s) => resolveSelector(s, blocks!) === undefined);
    if (unknown.length) {
      const names = blocks.map((b) => normalizeBlockName(b.name)).filter(Boolean);
      throw new SimValidationError(
        `\`selectedOutputs\`: no block of workflow ${workflowId} matches ${unknown.map((s) => `"${s}"`).join(', ')}. ` +
          `Write <block name>.<path> as Sim's editor shows it (block names here: ${names.join(', ') || 'none'}), or <blockId>[.<path>]. No run was started.`,
        'selectedOutputs',
      );
    }
  }
  const selectors = [...selected];
  return {
    selectors,
    async resolve(executionId, resolveSignal) {
      blocks ??= await runBlocks(core, executionId, resolveSignal);
      const ids = selectors.map((s) => (blocks ? resolveSelector(s, blocks) : undefined) ?? s);
      const view = await executionWithOutputs(core, workflowId, executionId, [...new Set(ids)], resolveSignal);
      const found = isRecord(view.blockOutputs) ? view.blockOutputs : {};
      const out: Record<string, unknown> = {};
      selectors.forEach((s, i) => {
        out[s] = found[ids[i] as string] ?? null;
      });
      return out;
    },
  };
}

/** The deployed state's blocks from `GET /api/v1/workflows/{id}/export`, or undefined when the server has no export. */
async function exportedBlocks(core: Core, workflowId: string, signal: AbortSignal | undefined): Promise<BlockRef[] | undefined> {
  const path = `/api/v1/workflows/${pathId(workflowId, 'workflowId')}/export`;
  const res = await send(core.ctx, { operation: 'getWorkflow', method: 'GET', path, retry: 'idempotent', signal, throwOnError: false });
  if (res.status === 404 || res.status === 405) return undefined;
  // Same answer the run would get (key, permission, server): the caller sees it now, before any run.
  if (res.status < 200 || res.status >= 300) throw apiErrorFrom(core.ctx, { ...res, method: 'GET', path, operation: 'getWorkflow' });
  const body = requireJson<unknown>(core.ctx, res, 'GET', path, 'getWorkflow');
  return isRecord(body) && isRecord(body['data']) ? blocksOf(body['data']['state']) : undefined;
}

/** The run's own blocks (`GET /api/v1/logs/executions/{executionId}` → workflowState). */
async function runBlocks(core: Core, executionId: string, signal: AbortSignal | undefined): Promise<BlockRef[] | undefined> {
  const path = `/api/v1/logs/executions/${pathId(executionId, 'executionId')}`;
  const res = await send(core.ctx, { operation: 'getExecutionDetails', method: 'GET', path, retry: 'idempotent', signal });
  const body = requireJson<unknown>(core.ctx, res, 'GET', path, 'getExecutionDetails');
  return isRecord(body) ? blocksOf(body['workflowState']) : undefined;
}

/** The execution resource with `selectedOutputs`; a run that just finished may take a moment to appear (404). */
async function executionWithOutputs(core: Core, workflowId: string, executionId: string, ids: string[], signal: AbortSignal | undefined): Promise<ExecutionView> {
  const path = `/api/workflows/${pathId(workflowId, 'workflowId')}/executions/${pathId(executionId, 'executionId')}`;
  const deadline = core.ctx.now() + CANCEL_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await send(core.ctx, { operation: 'getExecution', method: 'GET', path, query: { selectedOutputs: ids }, retry: 'idempotent', signal });
      return requireJson<ExecutionView>(core.ctx, res, 'GET', path, 'getExecution');
    } catch (err) {
      if (!(err instanceof SimNotFoundError) || core.ctx.now() >= deadline) throw err;
      await abortableSleep(core.ctx, Math.min(2_000, 250 * 2 ** attempt), signal);
    }
  }
}

