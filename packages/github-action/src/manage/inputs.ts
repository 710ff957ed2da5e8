// Inputs of the workflow-management sub-actions (deploy/, rollback/, export/, import/), checked before any request.
// Each error names the input at fault, like the run action's (src/inputs.ts, whose helpers these reuse).
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError, parseBaseUrl, quote, type InputReader } from '../inputs.js';

export interface Connection {
  apiKey: string;
  baseUrl: string;
}

/** `api-key` (required) and `base-url`. */
export function readConnection(read: InputReader): Connection {
  const apiKey = read('api-key');
  if (apiKey === '')
    throw new InputError(
      'api-key',
      'is required: pass your Sim API key from a secret, e.g. `api-key: ${{ secrets.SIM_API_KEY }}`.',
    );
  return { apiKey, baseUrl: parseBaseUrl(read('base-url')) };
}

/** One id or several, separated by commas, spaces or newlines; duplicates refused (each deploy makes a version). */
export function parseIds(raw: string, input: string, what: string): string[] {
  const ids = raw.split(/[\s,]+/).filter((s) => s !== '');
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InputError(input, `lists ${quote(id)} twice.`);
    seen.add(id);
  }
  if (ids.length === 0) throw new InputError(input, `is required: ${what}.`);
  return ids;
}

/** A deployment version: a positive whole number. */
export function parseVersion(raw: string, input: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw)))
    throw new InputError(input, `must be a deployment version (a positive whole number such as 3), got ${quote(raw)}.`);
  return Number(raw);
}

/**
 * `version` of rollback: empty (every workflow goes back to the version before its live one), or one version per
 * workflow id, in the same order (what deploy's `previous-version` output holds for several workflows).
 */
export function parseVersions(raw: string, workflowIds: string[]): Array<number | undefined> {
  if (raw.trim() === '') return workflowIds.map(() => undefined);
  const parts = raw.trim().split(/\s*[,\n]\s*|\s+/);
  if (parts.length !== workflowIds.length)
    throw new InputError(
      'version',
      `has ${parts.length} version${parts.length === 1 ? '' : 's'} for ${workflowIds.length} workflow ids: give one per workflow id, in the same order, or leave it empty.`,
    );
  return parts.map((p, i) => {
    if (p === '')
      throw new InputError(
        'version',
        `is empty for workflow ${quote(workflowIds[i] ?? '')}: that workflow had no earlier version to go back to; leave it out of \`workflow-id\`.`,
      );
    return parseVersion(p, 'version');
  });
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function parseBoolean(raw: string, input: string, fallback: boolean): boolean {
  if (raw === '') return fallback;
  if (TRUE.includes(raw)) return true;
  if (FALSE.includes(raw)) return false;
  throw new InputError(input, `must be \`true\` or \`false\`, got ${quote(raw)}.`);
}

/** The workspace the job checked out (`GITHUB_WORKSPACE`), which every path input must stay inside. */
export function workspaceDir(input: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['GITHUB_WORKSPACE'];
  if (!dir)
    throw new InputError(input, 'cannot be resolved: GITHUB_WORKSPACE is not set (the runner sets it for every job).');
  return resolve(dir);
}

/** The real path of `p`, or of its deepest existing ancestor joined with the rest (symlinks resolved). */
function realPathOf(p: string): string {
  let existing = p;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(existing.slice(parent.length).replace(/^[\\/]+/, ''));
    existing = parent;
  }
  return resolve(realpathSync(existing), ...rest);
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * A path input resolved inside the workspace: relative paths are relative to it; a path that leaves it (`..`, an
 * absolute path elsewhere, a symlink pointing out) is refused. Returns the absolute path and the one to report.
 */
export function pathInWorkspace(raw: string, input: string, workspace: string): { abs: string; rel: string } {
  if (raw.trim() === '')
    throw new InputError(input, 'is required: a path inside the repository (relative to GITHUB_WORKSPACE).');
  if (raw.includes('\0')) throw new InputError(input, 'contains a NUL character.');
  const abs = resolve(workspace, raw);
  if (!inside(workspace, abs) || !inside(realPathOf(workspace), realPathOf(abs)))
    throw new InputError(
      input,
      `${quote(raw)} is outside the workspace (GITHUB_WORKSPACE): use a path inside the repository, e.g. \`sim-workflows\`.`,
    );
  return { abs, rel: relative(workspace, abs).split(sep).join('/') || '.' };
}
