// The file the export sub-action writes for a workflow, made to diff well in git: keys sorted at every level, the
// export timestamps left out, two-space indentation and a final newline. So exporting an unchanged workflow gives
// the same bytes, and the file is still what Sim's import takes.
import type { WorkflowExport } from '@sim-integrations/core/node';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sorted(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = sorted(value[key]);
    return out;
  }
  return value as Json;
}

/** The export as file text: without `exportedAt` (top level and `state.metadata`), keys sorted, final newline. */
export function exportFileText(data: WorkflowExport): string {
  const copy: Record<string, unknown> = { ...data };
  delete copy['exportedAt'];
  if (isObject(copy['state']) && isObject(copy['state']['metadata'])) {
    const metadata = { ...copy['state']['metadata'] };
    delete metadata['exportedAt'];
    copy['state'] = { ...copy['state'], metadata };
  }
  return `${JSON.stringify(sorted(copy), null, 2)}\n`;
}

/** A safe file name for a workflow id (ids are UUIDs; anything else is replaced). */
export function exportFileName(workflowId: string): string {
  return `${workflowId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

export interface BlockRef {
  id: string;
  name: string;
  type: string;
}

export interface ExportDiff {
  added: BlockRef[];
  removed: BlockRef[];
  changed: BlockRef[];
  /** Connections, loops, parallels, variables or the workflow's own fields changed. */
  otherChanges: string[];
}

function blocksOf(data: unknown): Record<string, unknown> {
  const state = isObject(data) && isObject(data['state']) ? data['state'] : {};
  return isObject(state['blocks']) ? state['blocks'] : {};
}

function ref(id: string, block: unknown): BlockRef {
  const b = isObject(block) ? block : {};
  return {
    id,
    name: typeof b['name'] === 'string' ? b['name'] : id,
    type: typeof b['type'] === 'string' ? b['type'] : '',
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** What changed between the file's previous content (undefined for a new file) and the new export. */
export function diffExports(before: unknown, after: WorkflowExport): ExportDiff {
  const old = blocksOf(before);
  const now = blocksOf(after);
  const diff: ExportDiff = { added: [], removed: [], changed: [], otherChanges: [] };
  for (const id of Object.keys(now).sort()) {
    if (!(id in old)) diff.added.push(ref(id, now[id]));
    else if (!same(old[id], now[id])) diff.changed.push(ref(id, now[id]));
  }
  for (const id of Object.keys(old).sort()) if (!(id in now)) diff.removed.push(ref(id, old[id]));
  const oldState = isObject(before) && isObject(before['state']) ? before['state'] : {};
  const labels: Record<string, string> = {
    edges: 'connections',
    loops: 'loops',
    parallels: 'parallels',
    variables: 'variables',
  };
  for (const [key, label] of Object.entries(labels))
    if (!same(oldState[key], (after.state as Record<string, unknown>)[key])) diff.otherChanges.push(label);
  if (isObject(before) && !same(before['workflow'], after.workflow))
    diff.otherChanges.push('name, description or folder');
  return diff;
}
