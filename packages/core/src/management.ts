// Workflow management: deploy, roll back, undeploy, export and import a workflow (the v1 routes,
// packages/emulator/recordings/sim-server-facts.md §G.18 to §G.22), and read its deployment state and versions (v2
// only, §v2-management). Which route serves which operation on which server is decided in one place:
// `managementRoute`.
import type { Core } from './core.js';
import {
  SimAbortError,
  SimApiError,
  SimConnectionError,
  SimError,
  SimNotFoundError,
  SimNotSupportedError,
  SimTimeoutError,
  SimValidationError,
  isRecord,
  type Operation,
} from './errors.js';
import { pathId, requireId, validateTimeout } from './inputs.js';
import type {
  ActiveDeployment,
  DeployWorkflowOptions,
  DeploymentChange,
  ImportWorkflowParams,
  ImportedWorkflow,
  ListWorkflowVersionsOptions,
  ListWorkflowVersionsResponse,
  RollbackWorkflowOptions,
  UndeployResult,
  WorkflowDeployment,
  WorkflowExport,
  WorkflowVersion,
} from './management-types.js';
import { paginate } from './pagination.js';
import type { HttpMethod } from './ports.js';
import { apiErrorFrom, requireJson, send, type QueryValue, type SendResult } from './request.js';
import type { RetryMode } from './retry.js';
import type { RequestOptions } from './types.js';

export type ManagementOperation = Extract<
  Operation,
  | 'deployWorkflow'
  | 'rollbackWorkflow'
  | 'undeployWorkflow'
  | 'exportWorkflow'
  | 'importWorkflow'
  | 'getWorkflowDeployment'
  | 'listWorkflowVersions'
>;

export interface ManagementRoute {
  api: 'v1' | 'v2';
  method: HttpMethod;
  /** Below the base URL, ids encoded. */
  path: string;
  /**
   * `once` for the writes that must never be repeated blindly (a repeated deploy makes another version, a repeated
   * import another workflow): retried only after a 429 or when the request cannot have reached the server.
   */
  retry: RetryMode;
}

/** Deploy, rollback and import wait this long by default: Sim's own limit for these routes (`maxDuration = 120`). */
export const MANAGEMENT_WRITE_TIMEOUT_MS = 120_000;

/** Sim's limits on what these routes take (its v1 contracts, v0.8.9), checked before any request. */
const LIMITS = {
  versionName: 100,
  versionDescription: 50_000,
  importName: 200,
  importDescription: 2_000,
  importBytes: 10 * 1024 * 1024,
  version: 2_147_483_647,
};

/**
 * THE decision of which route serves a management operation on this server.
 * - Writes (deploy, rollback, undeploy, export, import) go through the v1 routes on every server: v1 is fully served
 *   and accepts workspace and personal keys alike (packages/emulator/recordings/sim-server-facts.md §G.18 to §G.21),
 *   while v2 refuses deploy, rollback and undeploy with a workspace key (403 `WORKSPACE_KEY_OPERATION_NOT_PERMITTED`)
 *   and takes them only from a personal key of a workspace admin
 *   (packages/emulator/recordings/2026-12-03-v2-personal-key-deploy.md §findings): v1 serves both kinds of key.
 * - The deployment state and the version list exist only on v2: where v2 is off (or the client is set to `v1`) they
 *   fail with SimNotSupportedError.
 */
export async function managementRoute(
  core: Core,
  operation: ManagementOperation,
  workflowId: string | undefined,
  signal?: AbortSignal,
): Promise<ManagementRoute> {
  const id = operation === 'importWorkflow' ? '' : pathId(workflowId, 'workflowId');
  switch (operation) {
    case 'deployWorkflow':
      return { api: 'v1', method: 'POST', path: `/api/v1/workflows/${id}/deploy`, retry: 'once' };
    case 'rollbackWorkflow':
      return { api: 'v1', method: 'POST', path: `/api/v1/workflows/${id}/rollback`, retry: 'once' };
    case 'undeployWorkflow':
      return { api: 'v1', method: 'DELETE', path: `/api/v1/workflows/${id}/deploy`, retry: 'idempotent' };
    case 'exportWorkflow':
      return { api: 'v1', method: 'GET', path: `/api/v1/workflows/${id}/export`, retry: 'idempotent' };
    case 'importWorkflow':
      return { api: 'v1', method: 'POST', path: '/api/v1/workflows/import', retry: 'once' };
    case 'getWorkflowDeployment':
    case 'listWorkflowVersions':
      if (!(await core.protocol(workflowId as string, signal)).hasDeploymentReads) throw v2Unavailable(core, operation);
      return {
        api: 'v2',
        method: 'GET',
        path: `/api/v2/workflows/${id}/${operation === 'getWorkflowDeployment' ? 'deployment' : 'versions'}`,
        retry: 'idempotent',
      };
  }
}

const WRITES: ReadonlySet<ManagementOperation> = new Set(['deployWorkflow', 'rollbackWorkflow', 'importWorkflow']);

const WHAT: Record<ManagementOperation, string> = {
  deployWorkflow: 'deploy',
  rollbackWorkflow: 'rollback',
  undeployWorkflow: 'undeploy',
  exportWorkflow: 'export',
  importWorkflow: 'import',
  getWorkflowDeployment: 'deployment state',
  listWorkflowVersions: 'version list',
};

/** What a write that may or may not have reached the server means, and what to check before trying again. */
function mayHaveHappened(operation: ManagementOperation): string {
  if (operation === 'deployWorkflow')
    return 'The deploy may have taken effect: it was not retried, because every deploy makes a new version. Check the live version (getWorkflowDeployment, or the Deploy panel in Sim) before deploying again.';
  if (operation === 'rollbackWorkflow')
    return 'The rollback may have taken effect: it was not retried. Check the live version (getWorkflowDeployment, or the Deploy panel in Sim) before trying again.';
  return 'The import may have created the workflow: it was not retried, because every import creates another workflow. Look for it in the workspace (listWorkflows) before importing again.';
}

interface About {
  workflowId?: string | undefined;
  workspaceId?: string | undefined;
  folderId?: string | undefined;
  version?: number | undefined;
}

function detailsCode(json: unknown): string | undefined {
  const err = isRecord(json) ? json['error'] : undefined;
  const details = isRecord(err) ? err['details'] : undefined;
  return isRecord(details) && typeof details['code'] === 'string' ? details['code'] : undefined;
}

/** 405, or a 404 that is not one of Sim's own (`Workflow not found`, …): the server has no such route. */
function isMissingRoute(status: number, serverError: string | undefined): boolean {
  return status === 405 || (status === 404 && (serverError === undefined || /^\s*not found\s*$/i.test(serverError)));
}

function missingRouteHint(operation: ManagementOperation): string {
  if (operation === 'getWorkflowDeployment' || operation === 'listWorkflowVersions')
    return `This Sim server's v2 API has no ${WHAT[operation]} route. Update Sim to read it; the Deploy panel in Sim shows it meanwhile.`;
  const since = operation === 'exportWorkflow' || operation === 'importWorkflow' ? 'July 2026' : 'June 2026';
  const verb = operation === 'rollbackWorkflow' ? 'roll back' : WHAT[operation];
  return `This Sim server has no ${WHAT[operation]} route: Sim added it to the v1 API in ${since}, and older servers such as the March 2026 release do not have it. Update Sim, or ${verb} in Sim's editor.`;
}

function statusHint(
  operation: ManagementOperation,
  status: number,
  serverError: string | undefined,
  code: string | undefined,
  about: About,
): string {
  const err = (serverError ?? '').toLowerCase();
  const wf = about.workflowId ? ` \`${about.workflowId}\`` : '';
  const changesDeployment =
    operation === 'deployWorkflow' || operation === 'rollbackWorkflow' || operation === 'undeployWorkflow';
  if (code === 'WORKSPACE_KEY_OPERATION_NOT_PERMITTED')
    return "Sim's v2 API does not let a workspace API key deploy, roll back or undeploy; its v1 routes do, and they are what this client uses for these operations.";
  if (status === 400) {
    if (operation === 'rollbackWorkflow' && (err.includes('not deployed') || err.includes('no active deployment')))
      return `Workflow${wf} is not deployed, so there is nothing to roll back: deploy it first.`;
    if (operation === 'rollbackWorkflow' && err.includes('no previous'))
      return `Workflow${wf} has no version before the live one: name the version to go back to with \`version\`.`;
    if (operation === 'importWorkflow')
      return 'Sim refused the workflow data or a field: pass the `data` of an export (exportWorkflow, or a file the export action wrote) or its JSON text; see `details`.';
    if (operation === 'deployWorkflow') return 'Check `name` (1–100 characters) and `description`; see `details`.';
    return 'Check the parameters sent (see `details`).';
  }
  if (status === 403) {
    if (operation === 'importWorkflow')
      return `This API key may not create workflows in workspace \`${about.workspaceId ?? ''}\`: a workspace API key works only in its own workspace, and a personal key needs write access to it.`;
    return `This API key may not ${changesDeployment ? 'change the deployment of' : 'read'} workflow${wf}: check that it belongs to the workflow's workspace${changesDeployment ? ' (deploying needs admin permission there)' : ''}.`;
  }
  if (status === 404) {
    if (operation === 'rollbackWorkflow' && err.includes('version'))
      return `Version ${about.version ?? ''} does not exist for workflow${wf}: pick one of its versions (listWorkflowVersions where the server has v2, or the Deploy panel in Sim).`;
    if (operation === 'importWorkflow' && err.includes('workspace'))
      return `Workspace \`${about.workspaceId ?? ''}\` does not exist or was archived: check \`workspaceId\`.`;
    if (operation === 'importWorkflow' && err.includes('folder'))
      return `Folder \`${about.folderId ?? ''}\` is not a folder of workspace \`${about.workspaceId ?? ''}\`: check \`folderId\`.`;
    if (err.includes('workflow'))
      return `No workflow${wf} is reachable with this API key: check the id, and that the key belongs to the workflow's workspace (Sim answers 404 for both${changesDeployment ? '; changing a deployment needs admin permission there' : ''}).`;
    return '';
  }
  if (status === 423) return `Workflow${wf} (or its folder) is locked in Sim: unlock it in the editor, then try again.`;
  if (status >= 500 && WRITES.has(operation)) return `The Sim server failed. ${mayHaveHappened(operation)}`;
  return '';
}

/** The SimApiError for an error answer of a management route, with what to do about it. */
function managementError(
  core: Core,
  operation: ManagementOperation,
  res: SendResult,
  route: ManagementRoute,
  about: About,
): SimApiError {
  const init = { ...res, method: route.method, path: route.path, operation };
  const plain = apiErrorFrom(core.ctx, init);
  const hint = isMissingRoute(res.status, plain.error)
    ? missingRouteHint(operation)
    : statusHint(operation, res.status, plain.error, detailsCode(res.json), about);
  if (!hint) return plain;
  const what = plain.error ? `: ${plain.error}` : '';
  return apiErrorFrom(core.ctx, {
    ...init,
    message: `Sim API ${route.method} ${route.path} failed with HTTP ${res.status}${what}. ${hint}`,
  });
}

/** The timeout of a request: the caller's, else Sim's own limit for the writes, else the client's. */
function timeoutOf(operation: ManagementOperation, options: RequestOptions): number | undefined {
  return validateTimeout(options.timeoutMs) ?? (WRITES.has(operation) ? MANAGEMENT_WRITE_TIMEOUT_MS : undefined);
}

/** Sends one management request on `route` and returns its JSON body; error answers become SimApiErrors with a hint. */
async function call(
  core: Core,
  operation: ManagementOperation,
  route: ManagementRoute,
  request: {
    body?: unknown;
    query?: Record<string, QueryValue>;
    options: RequestOptions;
    about: About;
    accept?: (res: SendResult) => boolean;
  },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const timeoutMs = timeoutOf(operation, request.options);
  let res: SendResult;
  try {
    res = await send(core.ctx, {
      operation,
      method: route.method,
      path: route.path,
      retry: route.retry,
      throwOnError: false,
      ...(request.body !== undefined ? { body: request.body } : {}),
      query: request.query,
      signal: request.options.signal,
      timeoutMs,
      maxRetries: request.options.maxRetries,
    });
  } catch (err) {
    if (!WRITES.has(operation)) throw err;
    if (err instanceof SimTimeoutError)
      throw new SimTimeoutError(
        `Sim API ${route.method} ${route.path} timed out after ${err.timeoutMs ?? timeoutMs} ms. ${mayHaveHappened(operation)}`,
        { ...(err.timeoutMs !== undefined ? { timeoutMs: err.timeoutMs } : {}), cause: err },
      );
    if (err instanceof SimConnectionError && err.mayHaveReachedServer)
      throw new SimConnectionError(`${err.message} ${mayHaveHappened(operation)}`, {
        code: err.code,
        mayHaveReachedServer: true,
        cause: err,
      });
    throw err;
  }
  if (res.status < 200 || res.status >= 300) {
    if (request.accept?.(res)) return { status: res.status, body: isRecord(res.json) ? res.json : {} };
    throw managementError(core, operation, res, route, request.about);
  }
  const body = requireJson<unknown>(core.ctx, res, route.method, route.path, operation);
  if (
    !isRecord(body) ||
    !(operation === 'listWorkflowVersions' ? Array.isArray(body['data']) : isRecord(body['data']))
  ) {
    throw apiErrorFrom(core.ctx, {
      ...res,
      method: route.method,
      path: route.path,
      operation,
      message: `Sim API ${route.method} ${route.path} answered HTTP ${res.status} without the expected \`data\` object. Is the base URL a Sim server?`,
    });
  }
  return { status: res.status, body };
}

// ---- validation (before any request) --------------------------------------------------------

function optionalText(value: unknown, field: string, max: number, allowEmpty = false): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SimValidationError(`\`${field}\` must be a string.`, field);
  if (!allowEmpty && value.trim() === '')
    throw new SimValidationError(`\`${field}\` must not be empty (leave it out instead).`, field);
  if (value.length > max)
    throw new SimValidationError(`\`${field}\` is ${value.length} characters long; Sim takes at most ${max}.`, field);
  return value;
}

function optionalVersion(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS.version)
    throw new SimValidationError(
      `\`version\` must be a positive whole number (a deployment version such as 3), got ${JSON.stringify(value)}.`,
      'version',
    );
  return value;
}

/** The workflow data of an import: an export (optionally still in its `{data}` envelope) or a bare state, or its JSON text. */
export function parseWorkflowData(value: unknown, field = 'workflow'): Record<string, unknown> {
  let data = value;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch (err) {
      throw new SimValidationError(
        `\`${field}\` is not valid JSON (${err instanceof Error ? err.message : String(err)}): pass an export of a workflow.`,
        field,
      );
    }
  }
  if (!isRecord(data))
    throw new SimValidationError(
      `\`${field}\` must be a workflow export (an object with \`state.blocks\`), got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}.`,
      field,
    );
  const inner = isRecord(data['data']) && isRecord(data['data']['state']) ? data['data'] : data;
  const state = isRecord(inner['state']) ? inner['state'] : inner;
  if (!isRecord(state['blocks']))
    throw new SimValidationError(
      `\`${field}\` is not a workflow export: it has no \`state.blocks\` object. Pass what exportWorkflow returns (or the file the export action wrote).`,
      field,
    );
  if (!Array.isArray(state['edges']))
    throw new SimValidationError(
      `\`${field}\` is not a workflow export: its \`state.edges\` is not an array (Sim refuses it).`,
      field,
    );
  return data;
}

// ---- results ----------------------------------------------------------------------------------

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const warningsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : [];

function activeDeploymentOf(v: unknown): ActiveDeployment | null {
  if (!isRecord(v) || num(v['version']) === null) return null;
  return {
    deploymentVersionId: str(v['deploymentVersionId']) ?? '',
    version: v['version'] as number,
    deployedAt: str(v['deployedAt']) ?? '',
  };
}

function changeOf(
  data: Record<string, unknown>,
  workflowId: string,
  previous: Pick<DeploymentChange, 'previousVersion' | 'previousVersionSource'>,
): DeploymentChange {
  const active = activeDeploymentOf(data['activeDeployment']);
  const attempt = isRecord(data['latestDeploymentAttempt']) ? data['latestDeploymentAttempt'] : undefined;
  const version = num(data['version']) ?? active?.version ?? num(attempt?.['version']);
  if (version === null)
    throw new SimError(
      `Sim answered the ${data['id'] ? 'deployment' : 'request'} of workflow ${workflowId} without a version number.`,
    );
  return {
    workflowId: str(data['id']) ?? workflowId,
    version,
    ...previous,
    isDeployed: data['isDeployed'] === true,
    deployedAt: str(data['deployedAt']),
    deploymentVersionId: active?.deploymentVersionId ?? str(attempt?.['deploymentVersionId']),
    attemptStatus: str(attempt?.['status']),
    warnings: warningsOf(data['warnings']),
    raw: data,
  };
}

function deploymentOf(data: Record<string, unknown>, workflowId: string): WorkflowDeployment {
  const active = activeDeploymentOf(data['activeDeployment']);
  return {
    workflowId: str(data['id']) ?? workflowId,
    isDeployed: data['isDeployed'] === true,
    deployedAt: str(data['deployedAt']),
    version: active?.version ?? null,
    activeDeployment: active,
    needsRedeployment: data['needsRedeployment'] === true,
    warnings: warningsOf(data['warnings']),
    raw: data,
  };
}

/**
 * The version live right before a change, where the server can tell (v2's deployment state; v2 reads work with a
 * workspace key). Undefined where it cannot or the read fails: the change goes ahead either way.
 */
async function liveVersion(
  core: Core,
  workflowId: string,
  signal: AbortSignal | undefined,
): Promise<number | null | undefined> {
  try {
    const route = await managementRoute(core, 'getWorkflowDeployment', workflowId, signal);
    const { body } = await call(core, 'getWorkflowDeployment', route, {
      options: signal ? { signal } : {},
      about: { workflowId },
    });
    return deploymentOf(body['data'] as Record<string, unknown>, workflowId).version;
  } catch (err) {
    if (err instanceof SimAbortError) throw err;
    core.ctx.logger?.debug('sim: could not read the live version before the change', {
      workflowId,
      error: err instanceof Error ? err.message : String(err),
    });
    return undefined;
  }
}

// ---- operations ---------------------------------------------------------------------------------

export async function deployWorkflow(
  core: Core,
  workflowId: string,
  options: DeployWorkflowOptions = {},
): Promise<DeploymentChange> {
  const { name, description, ...request } = options;
  const body: Record<string, unknown> = {};
  const n = optionalText(name, 'name', LIMITS.versionName);
  const d = optionalText(description, 'description', LIMITS.versionDescription, true);
  if (n !== undefined) body['name'] = n;
  if (d !== undefined) body['description'] = d;
  validateTimeout(request.timeoutMs);
  const route = await managementRoute(core, 'deployWorkflow', workflowId, request.signal);
  const before = await liveVersion(core, workflowId, request.signal);
  const { body: answer } = await call(core, 'deployWorkflow', route, { body, options: request, about: { workflowId } });
  const data = answer['data'] as Record<string, unknown>;
  const change = changeOf(data, workflowId, { previousVersion: null, previousVersionSource: 'unknown' });
  if (before !== undefined) return { ...change, previousVersion: before, previousVersionSource: 'server' };
  return {
    ...change,
    previousVersion: change.version > 1 ? change.version - 1 : null,
    previousVersionSource: 'inferred',
  };
}

export async function rollbackWorkflow(
  core: Core,
  workflowId: string,
  options: RollbackWorkflowOptions = {},
): Promise<DeploymentChange> {
  const { version, ...request } = options;
  const target = optionalVersion(version);
  validateTimeout(request.timeoutMs);
  const route = await managementRoute(core, 'rollbackWorkflow', workflowId, request.signal);
  const before = await liveVersion(core, workflowId, request.signal);
  const { body: answer } = await call(core, 'rollbackWorkflow', route, {
    body: target === undefined ? {} : { version: target },
    options: request,
    about: { workflowId, version: target },
  });
  return changeOf(
    answer['data'] as Record<string, unknown>,
    workflowId,
    before === undefined
      ? { previousVersion: null, previousVersionSource: 'unknown' }
      : { previousVersion: before, previousVersionSource: 'server' },
  );
}

export async function undeployWorkflow(
  core: Core,
  workflowId: string,
  options: RequestOptions = {},
): Promise<UndeployResult> {
  validateTimeout(options.timeoutMs);
  const route = await managementRoute(core, 'undeployWorkflow', workflowId, options.signal);
  const notDeployed = (res: SendResult) =>
    res.status === 400 &&
    isRecord(res.json) &&
    typeof res.json['error'] === 'string' &&
    /not deployed/i.test(res.json['error']);
  const { status, body } = await call(core, 'undeployWorkflow', route, {
    options,
    about: { workflowId },
    accept: notDeployed,
  });
  if (status === 400) return { workflowId, wasDeployed: false, warnings: [], raw: null };
  const data = body['data'] as Record<string, unknown>;
  return {
    workflowId: str(data['id']) ?? workflowId,
    wasDeployed: true,
    warnings: warningsOf(data['warnings']),
    raw: data,
  };
}

export async function exportWorkflow(
  core: Core,
  workflowId: string,
  options: RequestOptions = {},
): Promise<WorkflowExport> {
  validateTimeout(options.timeoutMs);
  const route = await managementRoute(core, 'exportWorkflow', workflowId, options.signal);
  const { body } = await call(core, 'exportWorkflow', route, { options, about: { workflowId } });
  const data = body['data'] as Record<string, unknown>;
  if (!isRecord(data['state']) || !isRecord(data['workflow']))
    throw new SimError(`Sim answered the export of workflow ${workflowId} without \`workflow\` and \`state\`.`);
  return data as WorkflowExport;
}

export async function importWorkflow(core: Core, params: ImportWorkflowParams): Promise<ImportedWorkflow> {
  if (!isRecord(params))
    throw new SimValidationError('importWorkflow({ workspaceId, workflow }) needs an object.', 'params');
  const { workspaceId, workflow, name, description, folderId, ...request } = params;
  const body: Record<string, unknown> = {
    workspaceId: requireId(workspaceId, 'workspaceId'),
    workflow: parseWorkflowData(workflow),
  };
  const n = optionalText(name, 'name', LIMITS.importName);
  const d = optionalText(description, 'description', LIMITS.importDescription, true);
  const f = optionalText(folderId, 'folderId', 1_000);
  if (n !== undefined) body['name'] = n;
  if (d !== undefined) body['description'] = d;
  if (f !== undefined) body['folderId'] = f;
  const bytes = new TextEncoder().encode(JSON.stringify(body)).length;
  if (bytes > LIMITS.importBytes)
    throw new SimValidationError(
      `The import is ${bytes} bytes; Sim takes at most ${LIMITS.importBytes} (10 MiB).`,
      'workflow',
    );
  validateTimeout(request.timeoutMs);
  const route = await managementRoute(core, 'importWorkflow', undefined, request.signal);
  const { body: answer } = await call(core, 'importWorkflow', route, {
    body,
    options: request,
    about: { workspaceId, folderId: f },
  });
  const data = answer['data'] as Record<string, unknown>;
  const id = str(data['id']);
  if (!id) throw new SimError('Sim answered the import without the new workflow id.');
  return {
    workflowId: id,
    name: str(data['name']) ?? '',
    description: str(data['description']),
    workspaceId: str(data['workspaceId']) ?? workspaceId,
    folderId: str(data['folderId']),
    createdAt: str(data['createdAt']) ?? '',
    updatedAt: str(data['updatedAt']) ?? '',
    raw: data,
  };
}

export async function getWorkflowDeployment(
  core: Core,
  workflowId: string,
  options: RequestOptions = {},
): Promise<WorkflowDeployment> {
  validateTimeout(options.timeoutMs);
  const route = await readRoute(core, 'getWorkflowDeployment', workflowId, options.signal);
  const { body } = await call(core, 'getWorkflowDeployment', route, { options, about: { workflowId } });
  return deploymentOf(body['data'] as Record<string, unknown>, workflowId);
}

export async function listWorkflowVersions(
  core: Core,
  workflowId: string,
  options: ListWorkflowVersionsOptions = {},
): Promise<ListWorkflowVersionsResponse> {
  const { limit, cursor, ...request } = options;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1))
    throw new SimValidationError('`limit` must be a positive whole number.', 'limit');
  if (cursor !== undefined && (typeof cursor !== 'string' || cursor === ''))
    throw new SimValidationError('`cursor` must be a non-empty string.', 'cursor');
  validateTimeout(request.timeoutMs);
  const route = await readRoute(core, 'listWorkflowVersions', workflowId, request.signal);
  const { body } = await call(core, 'listWorkflowVersions', route, {
    query: { limit, cursor },
    options: request,
    about: { workflowId },
  });
  return body as unknown as ListWorkflowVersionsResponse;
}

export function iterateWorkflowVersions(
  core: Core,
  workflowId: string,
  options: Omit<ListWorkflowVersionsOptions, 'cursor'> = {},
): AsyncIterable<WorkflowVersion> {
  requireId(workflowId, 'workflowId');
  return paginate((p) => listWorkflowVersions(core, workflowId, p), options as ListWorkflowVersionsOptions);
}

/** Where v2 is off, the deployment state and the versions cannot be read: say so, and what to use instead. */
function v2Unavailable(core: Core, operation: ManagementOperation): SimNotSupportedError {
  const instead =
    operation === 'getWorkflowDeployment'
      ? 'On v1, getWorkflow tells whether the workflow is deployed (not which version), and deployWorkflow and rollbackWorkflow answer with the version they made live.'
      : 'On v1, the Deploy panel in Sim lists the versions, and rollbackWorkflow without `version` goes back to the one before the live version.';
  const why =
    core.apiVersion === 'v1'
      ? "this client was created with `apiVersion: 'v1'` (use `auto` or `v2` with a server that has v2 on)"
      : 'this Sim server does not serve the v2 API (it is off: a self-hosted Sim turns it on with V2_API=true, sim.ai per account; older Sim servers have none)';
  return new SimNotSupportedError(
    `The ${WHAT[operation]} of a workflow (${operation}) is only offered by Sim's v2 API, and ${why}. ${instead}`,
    operation,
  );
}

/**
 * The route of a v2-only read for a caller. Where v2 detection answered "off", an unknown workflow is the likelier
 * cause when it could not tell (its probe names an unknown workflow the same way), so that is checked first on v1.
 */
async function readRoute(
  core: Core,
  operation: 'getWorkflowDeployment' | 'listWorkflowVersions',
  workflowId: string,
  signal: AbortSignal | undefined,
): Promise<ManagementRoute> {
  try {
    return await managementRoute(core, operation, workflowId, signal);
  } catch (err) {
    if (!(err instanceof SimNotSupportedError) || core.apiVersion !== 'auto') throw err;
    const path = `/api/v1/workflows/${pathId(workflowId, 'workflowId')}`;
    const res = await send(core.ctx, {
      operation: 'getWorkflow',
      method: 'GET',
      path,
      retry: 'idempotent',
      signal,
      throwOnError: false,
    });
    res.release();
    if (res.status === 404) {
      const notFound = managementError(
        core,
        operation,
        res,
        { api: 'v1', method: 'GET', path, retry: 'idempotent' },
        { workflowId },
      );
      if (notFound instanceof SimNotFoundError && notFound.error && /workflow/i.test(notFound.error)) throw notFound;
    }
    throw err;
  }
}
