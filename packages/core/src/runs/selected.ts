// Selected outputs: the block outputs a user named (`agent1.content`, `<blockId>`, `<blockId>.<path>`), keyed by what
// the user wrote, the same on sync, async and stream runs. Sim ignores `selectedOutputs` on sync executes, refuses it on
// async ones and keys a stream's final output by block id (packages/emulator/recordings/sim-server-facts.md §B,
// §G.15 to §G.17); what works after any run is the run record: `…/executions/{executionId}?selectedOutputs=<blockId>[.<path>]`
// (or v2's run). Block names map to ids through `GET /api/v1/workflows/{id}/export` (or the run's own workflowState).
import type { Core } from '../core.js';
import { SimNotSupportedError, SimValidationError, isRecord } from '../errors.js';
import { pathId } from '../inputs.js';
import { apiErrorFrom, requireJson, send } from '../request.js';
import type { RunMode, RunProtocol } from '../protocol/protocol.js';

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
  /** The `<blockId>[.<path>]` selectors to send for a run (mapped through the run's own blocks when the export was not available). */
  ids(executionId: string, signal?: AbortSignal): Promise<string[]>;
  /** The record's `blockOutputs` keyed by what the user wrote (null where the run produced nothing). */
  pick(ids: readonly string[], blockOutputs: Record<string, unknown> | null): Record<string, unknown>;
}

/**
 * Checks, before any run starts, that the server can give selected outputs after the run, and maps block names to ids.
 * Undefined when nothing is selected, or for a stream on a server without run records (there the server narrows the
 * stream's final output itself, keyed by block id).
 */
export async function planSelectedOutputs(
  core: Core,
  protocol: RunProtocol,
  workflowId: string,
  selected: readonly string[] | undefined,
  mode: RunMode,
  signal?: AbortSignal,
): Promise<SelectionPlan | undefined> {
  if (!selected || selected.length === 0) return undefined;
  if (!protocol.hasRunRecord) {
    if (mode === 'stream') return undefined;
    throw new SimNotSupportedError(
      `\`selectedOutputs\` cannot be applied to a ${mode} run on this Sim server: it has no execution resource` +
        ' (GET /api/workflows/{id}/executions/{executionId}, added to Sim in May 2026), and it ignores selectedOutputs on' +
        ' sync runs and refuses them on async runs. Use stream mode there (the server narrows the final output, keyed by' +
        ' block id), or leave selectedOutputs empty to get the whole output. No run was started.',
      'executionResource',
    );
  }
  let blocks = await exportedBlocks(core, workflowId, signal);
  if (blocks) {
    const known = blocks;
    const unknown = selected.filter((s) => resolveSelector(s, known) === undefined);
    if (unknown.length) {
      const names = known.map((b) => normalizeBlockName(b.name)).filter(Boolean);
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
    async ids(executionId, idsSignal) {
      blocks ??= await runBlocks(core, executionId, idsSignal);
      return selectors.map((s) => (blocks ? resolveSelector(s, blocks) : undefined) ?? s);
    },
    pick(ids, blockOutputs) {
      const found = blockOutputs ?? {};
      const out: Record<string, unknown> = {};
      selectors.forEach((s, i) => {
        out[s] = found[ids[i] as string] ?? null;
      });
      return out;
    },
  };
}

/** The deployed state's blocks from `GET /api/v1/workflows/{id}/export`, or undefined when the server has no export. */
async function exportedBlocks(
  core: Core,
  workflowId: string,
  signal: AbortSignal | undefined,
): Promise<BlockRef[] | undefined> {
  const path = `/api/v1/workflows/${pathId(workflowId, 'workflowId')}/export`;
  const res = await send(core.ctx, {
    operation: 'getWorkflow',
    method: 'GET',
    path,
    retry: 'idempotent',
    signal,
    throwOnError: false,
  });
  if (res.status === 404 || res.status === 405) return undefined;
  // The same answer the run would get (key, permission, server): the caller sees it now, before any run.
  if (res.status < 200 || res.status >= 300)
    throw apiErrorFrom(core.ctx, { ...res, method: 'GET', path, operation: 'getWorkflow' });
  const body = requireJson<unknown>(core.ctx, res, 'GET', path, 'getWorkflow');
  return isRecord(body) && isRecord(body['data']) ? blocksOf(body['data']['state']) : undefined;
}

/** The run's own blocks (`GET /api/v1/logs/executions/{executionId}` → workflowState). */
async function runBlocks(
  core: Core,
  executionId: string,
  signal: AbortSignal | undefined,
): Promise<BlockRef[] | undefined> {
  const path = `/api/v1/logs/executions/${pathId(executionId, 'executionId')}`;
  const res = await send(core.ctx, {
    operation: 'getExecutionDetails',
    method: 'GET',
    path,
    retry: 'idempotent',
    signal,
  });
  const body = requireJson<unknown>(core.ctx, res, 'GET', path, 'getExecutionDetails');
  return isRecord(body) ? blocksOf(body['workflowState']) : undefined;
}
