// SimClient: every operation of the Sim public API, plus run/wait/stream/iterate helpers.
import { ServerCapabilities, type ApiVersion } from './capabilities.js';
import { cancelRunV2, getRunV2, openStreamV2 } from './v2.js';
import { CANCEL_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS, type Core } from './core.js';
import { confirmRun } from './watch.js';
import { listPausedRuns, resumeRun } from './resume.js';
import { Deadlines } from './deadlines.js';
import { SimError, SimValidationError } from './errors.js';
import { normalizeBaseUrl, normalizeInputFields, pathId, requireId, validateApiKey, validateTimeout } from './inputs.js';
import { paginate } from './pagination.js';
import type { Logger, RandomUUID, Sleep, Transport } from './ports.js';
import { apiErrorFrom, requireJson, send, type QueryValue, type RequestContext } from './request.js';
import { DEFAULT_MAX_RETRIES, type RetryMode } from './retry.js';
import { ManyRunner, type RunManyEntry, type RunManyOptions, type RunManyRequest } from './many.js';
import { executeErrorFrom, prepareExecute, runWorkflow, runWorkflowSync } from './run.js';
import { WorkflowStream, collectStream } from './stream.js';
import { planSelectedOutputs, type SelectionPlan } from './selected.js';
import type {
  AsyncExecutionResult, AuditLogEntry, CancelExecutionResult, ExecuteWorkflowOptions, ExecutionDetails, ExecutionResult,
  ExecutionView, GetAuditLogDetailsResponse, GetExecutionOptions, GetLogDetailsResponse, GetWorkflowResponse, JobResult, JobStatus, ListAuditLogsParams,
  ListAuditLogsResponse, ListWorkflowsParams, ListWorkflowsResponse, LogEntry, PausedRun, PauseOptions, QueryLogsParams, QueryLogsResponse,
  ResumeReceipt, ResumeRunOptions,
  RequestOptions, RunResult, RunWorkflowOptions, RunWorkflowSyncOptions, StreamEvent, StreamWorkflowOptions, UsageLimits,
  WaitForJobOptions, WorkflowInputField, WorkflowSummary,
} from './types.js';
import type { Operation } from './errors.js';
import { waitForJob } from './wait.js';
import {
  deployWorkflow, exportWorkflow, getWorkflowDeployment, importWorkflow, iterateWorkflowVersions, listWorkflowVersions, rollbackWorkflow, undeployWorkflow,
} from './management.js';
import type {
  DeployWorkflowOptions, DeploymentChange, ImportWorkflowParams, ImportedWorkflow, ListWorkflowVersionsOptions, ListWorkflowVersionsResponse,
  RollbackWorkflowOptions, UndeployResult, WorkflowDeployment, WorkflowExport, WorkflowVersion,
} from './management-types.js';

export interface SimClientOptions {
  /** A Sim API key (sent as `X-API-Key`, only ever to `baseUrl`'s origin). */
  apiKey: string;
  /** Default `https://www.sim.ai`; http(s) only; trailing slashes are trimmed. */
  baseUrl?: string;
  /** Retries of safe failures (default 2). */
  maxRetries?: number;
  /** Per-request timeout of API calls in ms (default 60 s; sync execute and streams default to 51 min). */
  timeoutMs?: number;
  logger?: Logger;
  transport: Transport;
  sleep: Sleep;
  /** UUID generator for client execution ids. Default: `crypto.randomUUID` where the runtime has it. */
  randomUUID?: RandomUUID;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
  /** Random number in [0, 1) for jitter (default `Math.random`). */
  random?: () => number;
  /**
   * Which Sim API runs go through: `v1` (`/api/workflows/…`), `v2` (`/api/v2/…`, where the server enables it) or
   * `auto` (default): ask the server once per client (cached), never assume.
   */
  apiVersion?: ApiVersion;
}

type Params = Record<string, QueryValue>;
type WithRequestOptions<P> = P & RequestOptions;

const CANCEL_MEMORY = 1000;

function defaultRandomUUID(): RandomUUID | undefined {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return () => crypto.randomUUID();
  return undefined;
}

function splitOptions<P extends object>(params: WithRequestOptions<P> | undefined): { query: Params; request: RequestOptions } {
  const { signal, timeoutMs, maxRetries, ...rest } = (params ?? {}) as RequestOptions & Record<string, unknown>;
  const request: RequestOptions = {};
  if (signal) request.signal = signal;
  if (timeoutMs !== undefined) request.timeoutMs = timeoutMs;
  if (maxRetries !== undefined) request.maxRetries = maxRetries;
  return { query: rest as Params, request };
}

export class SimClient {
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  #apiKey: string;
  #core: Core;
  #cancelRequested = new Set<string>();
  #many: ManyRunner | undefined;

  constructor(options: SimClientOptions) {
    if (!options || typeof options !== 'object') throw new SimValidationError('new SimClient(options) needs an options object with `apiKey`, `transport` and `sleep`.');
    this.#apiKey = validateApiKey(options.apiKey);
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10)
      throw new SimValidationError('`maxRetries` must be an integer from 0 to 10.', 'maxRetries');
    this.maxRetries = maxRetries;
    this.timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_TIMEOUT_MS;
    if (typeof options.transport !== 'function')
      throw new SimValidationError('`transport` is required (use createSimClient from @sim-integrations/core/node for the Node default).', 'transport');
    if (typeof options.sleep !== 'function')
      throw new SimValidationError('`sleep` is required (use createSimClient from @sim-integrations/core/node for the Node default).', 'sleep');
    const uuid = options.randomUUID ?? defaultRandomUUID();
    if (!uuid) throw new SimValidationError('No `randomUUID` available in this runtime: pass `randomUUID` to new SimClient.', 'randomUUID');
    const now = options.now ?? (() => Date.now());
    const apiVersion = options.apiVersion ?? 'auto';
    if (apiVersion !== 'v1' && apiVersion !== 'v2' && apiVersion !== 'auto')
      throw new SimValidationError('`apiVersion` must be `v1`, `v2` or `auto`.', 'apiVersion');
    const ctx: RequestContext = {
      baseUrl: this.baseUrl,
      deadlines: new Deadlines(options.sleep, now),
      apiKey: this.#apiKey,
      transport: options.transport,
      sleep: options.sleep,
      logger: options.logger,
      now,
      random: options.random ?? Math.random,
      maxRetries: this.maxRetries,
      timeoutMs: this.timeoutMs,
    };
    this.#core = {
      ctx,
      capabilities: new ServerCapabilities(ctx, apiVersion),
      newExecutionId: uuid,
      markCancelRequested: (id) => {
        this.#cancelRequested.add(id);
        if (this.#cancelRequested.size > CANCEL_MEMORY) this.#cancelRequested.delete(this.#cancelRequested.values().next().value as string);
      },
      wasCancelRequested: (id) => id !== undefined && id !== '' && this.#cancelRequested.has(id),
      getJobStatus: (jobId, opts) => this.getJobStatus(jobId, opts),
      getExecution: (workflowId, executionId, opts) => this.getExecution(workflowId, executionId, opts),
      cancelQuietly: async (workflowId, executionId, timeoutMs = CANCEL_TIMEOUT_MS) => {
        // One budget for the whole cancel: the attempt's own timeout, and a deadline that also cuts retries and their backoff.
        const budget = new AbortController();
        const stopBudget = ctx.deadlines.add(timeoutMs, () => budget.abort(new Error(`The cancel took longer than ${timeoutMs} ms.`)));
        try {
          const res = await this.cancelExecution(workflowId, executionId, { timeoutMs, signal: budget.signal });
          return res.success === true;
        } catch (err) {
          ctx.logger?.debug('sim cancel failed', { workflowId, executionId, error: err instanceof Error ? err.message : String(err) });
          return false;
        } finally {
          stopBudget();
        }
      },
    };
  }

  /** Safe to log: no API key. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, maxRetries: this.maxRetries, timeoutMs: this.timeoutMs };
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SimClient { baseUrl: '${this.baseUrl}', maxRetries: ${this.maxRetries}, timeoutMs: ${this.timeoutMs} }`;
  }

  async #get<T>(operation: Operation, path: string, query: Params | undefined, opts: RequestOptions | undefined, retry: RetryMode = 'idempotent'): Promise<T> {
    const res = await send(this.#core.ctx, {
      operation, method: 'GET', path, query, retry,
      signal: opts?.signal, timeoutMs: validateTimeout(opts?.timeoutMs), maxRetries: opts?.maxRetries,
    });
    return requireJson<T>(this.#core.ctx, res, 'GET', path, operation);
  }

  // ---- operations of the spec ---------------------------------------------------------------

  /**
   * `POST /api/workflows/{id}/execute`. Sync: resolves with the ExecutionResult (or a Response
   * block's own 2xx body); a failed run (500 `{ success: false }`) throws SimWorkflowError.
   * `async: true`: resolves with the 202 AsyncExecutionResult receipt.
   */
  executeWorkflow(workflowId: string, options: ExecuteWorkflowOptions & { async: true }): Promise<AsyncExecutionResult>;
  executeWorkflow(workflowId: string, options?: ExecuteWorkflowOptions & { async?: false | undefined }): Promise<ExecutionResult>;
  executeWorkflow(workflowId: string, options?: ExecuteWorkflowOptions): Promise<ExecutionResult | AsyncExecutionResult>;
  async executeWorkflow(workflowId: string, options: ExecuteWorkflowOptions = {}): Promise<ExecutionResult | AsyncExecutionResult> {
    if (options.async && options.selectedOutputs?.length) {
      return Promise.reject(new SimValidationError(
        'Sim refuses `selectedOutputs` on async executes (400). Run without them and read the block outputs afterwards with' +
          ' getExecution(workflowId, executionId, { selectedOutputs }), or use runWorkflow, which does that for you.',
        'selectedOutputs',
      ));
    }
    const executionId = options.executionId ?? (options.async ? undefined : this.#core.newExecutionId());
    const start = prepareExecute(this.#core, { workflowId, ...options, executionId });
    const res = await start();
    if (res.status < 200 || res.status >= 300) throw executeErrorFrom(this.#core, res, workflowId, start.executionId());
    return requireJson(this.#core.ctx, res, 'POST', `/api/workflows/${encodeURIComponent(workflowId)}/execute`, 'executeWorkflow');
  }

  /** `POST /api/workflows/{id}/executions/{executionId}/cancel` (retried like a GET: cancelling twice is harmless). */
  async cancelExecution(workflowId: string, executionId: string, options?: RequestOptions): Promise<CancelExecutionResult> {
    const path = `/api/workflows/${pathId(workflowId, 'workflowId')}/executions/${pathId(executionId, 'executionId')}/cancel`;
    this.#core.markCancelRequested(executionId);
    if (await this.#core.capabilities.v2(workflowId, options?.signal)) return cancelRunV2(this.#core, workflowId, executionId, options);
    const res = await send(this.#core.ctx, {
      operation: 'cancelExecution', method: 'POST', path, retry: 'idempotent',
      signal: options?.signal, timeoutMs: validateTimeout(options?.timeoutMs), maxRetries: options?.maxRetries,
    });
    return requireJson<CancelExecutionResult>(this.#core.ctx, res, 'POST', path, 'cancelExecution');
  }

  /** `GET /api/v1/workflows` (one page). */
  listWorkflows(params: WithRequestOptions<ListWorkflowsParams>): Promise<ListWorkflowsResponse> {
    const { query, request } = splitOptions(params);
    return this.#checked(() => requireId(query['workspaceId'], 'workspaceId'), () => this.#get('listWorkflows', '/api/v1/workflows', query, request));
  }

  /** `GET /api/v1/workflows/{id}`. */
  getWorkflow(id: string, options?: RequestOptions): Promise<GetWorkflowResponse> {
    return this.#checked(() => pathId(id, 'workflowId'), (p) => this.#get('getWorkflow', `/api/v1/workflows/${p}`, undefined, options));
  }

  /** `GET /api/jobs/{jobId}` (the id is path-encoded: current job ids contain ':'). */
  getJobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus> {
    return this.#checked(() => pathId(jobId, 'jobId'), (p) => this.#get('getJobStatus', `/api/jobs/${p}`, undefined, options));
  }

  /** `GET /api/v1/logs` (one page). */
  queryLogs(params: WithRequestOptions<QueryLogsParams>): Promise<QueryLogsResponse> {
    const { query, request } = splitOptions(params);
    return this.#checked(() => requireId(query['workspaceId'], 'workspaceId'), () => this.#get('queryLogs', '/api/v1/logs', query, request));
  }

  /** `GET /api/v1/logs/{id}`. */
  getLogDetails(id: string, options?: RequestOptions): Promise<GetLogDetailsResponse> {
    return this.#checked(() => pathId(id, 'logId'), (p) => this.#get('getLogDetails', `/api/v1/logs/${p}`, undefined, options));
  }

  /** `GET /api/v1/logs/executions/{executionId}`. */
  getExecutionDetails(executionId: string, options?: RequestOptions): Promise<ExecutionDetails> {
    return this.#checked(() => pathId(executionId, 'executionId'), (p) => this.#get('getExecutionDetails', `/api/v1/logs/executions/${p}`, undefined, options));
  }

  /**
   * `GET /api/workflows/{id}/executions/{executionId}`: one run's status (`queued` … `paused` … `cancelled`),
   * pause details, and on request its final output and selected block outputs. Servers before May 2026 answer 404.
   */
  getExecution(workflowId: string, executionId: string, options: GetExecutionOptions = {}): Promise<ExecutionView> {
    const { includeOutput, selectedOutputs, ...request } = options;
    return this.#checked(
      () => `/api/workflows/${pathId(workflowId, 'workflowId')}/executions/${pathId(executionId, 'executionId')}`,
      async (path) =>
        (await this.#core.capabilities.v2(workflowId, request.signal))
          ? getRunV2(this.#core, workflowId, executionId, options)
          : this.#get('getExecution', path, { includeOutput: includeOutput ? true : undefined, selectedOutputs }, request),
    );
  }

  /**
   * Whether this server has the execution resource (`getExecution`): Sim since May 2026, not the March 2026 server.
   * Detected with one request the first time it is asked (any workflow id of the key's workspace will do), then cached.
   */
  hasExecutionResource(workflowId: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<boolean> {
    return this.#checked(() => undefined, () => this.#core.capabilities.executionResource(workflowId, options.signal));
  }

  /** `GET /api/v1/audit-logs` (one page; Enterprise admins only). */
  listAuditLogs(params: WithRequestOptions<ListAuditLogsParams> = {}): Promise<ListAuditLogsResponse> {
    const { query, request } = splitOptions(params);
    return this.#get('listAuditLogs', '/api/v1/audit-logs', query, request);
  }

  /** `GET /api/v1/audit-logs/{id}`. */
  getAuditLogDetails(id: string, options?: RequestOptions): Promise<GetAuditLogDetailsResponse> {
    return this.#checked(() => pathId(id, 'auditLogId'), (p) => this.#get('getAuditLogDetails', `/api/v1/audit-logs/${p}`, undefined, options));
  }

  /** `GET /api/users/me/usage-limits`. */
  getUsageLimits(options?: RequestOptions): Promise<UsageLimits> {
    return this.#get('getUsageLimits', '/api/users/me/usage-limits', undefined, options);
  }

  // ---- higher level ------------------------------------------------------------------------

  /** Async execute + wait. Abort (or the deadline, with cancelOnTimeout) cancels the remote run before rejecting. */
  runWorkflow(workflowId: string, options?: RunWorkflowOptions): Promise<RunResult> {
    return this.#checked(() => undefined, () => runWorkflow(this.#core, workflowId, options));
  }

  /** Sync execute with a client `X-Execution-Id`; failed runs resolve with `status: 'failed'`. */
  runWorkflowSync(workflowId: string, options?: RunWorkflowSyncOptions): Promise<RunResult> {
    return this.#checked(() => undefined, () => runWorkflowSync(this.#core, workflowId, options));
  }

  /**
   * Many runs at once: at most `concurrency` in flight, paced to the key's published rate limits; an execute
   * 429 relaunches that item with a new execution id (never a duplicate run). Resolves to one entry per
   * request, in input order. See many.ts.
   */
  runMany(requests: readonly RunManyRequest[], options?: RunManyOptions): Promise<RunManyEntry[]> {
    return this.#checked(
      () => (this.#many ??= new ManyRunner(this.#core, (o) => this.getUsageLimits(o))),
      (many) => many.run(requests, options),
    );
  }

  /**
   * Streams a run (`stream: true`, client `X-Execution-Id`). Validation errors throw here, before
   * any request; the request starts when iteration starts.
   */
  streamWorkflow(workflowId: string, options: StreamWorkflowOptions = {}): WorkflowStream {
    const cancelTimeoutMs = validateTimeout(options.cancelTimeoutMs, 'cancelTimeoutMs');
    const open = prepareExecute(this.#core, {
      workflowId, input: options.input, selectedOutputs: options.selectedOutputs, triggerType: options.triggerType,
      signal: options.signal, timeoutMs: options.timeoutMs, executionId: options.executionId ?? this.#core.newExecutionId(), stream: true,
      onExecutionId: options.onExecutionId,
    });
    const core = this.#core;
    let selection: SelectionPlan | undefined;
    return new WorkflowStream({
      core, workflowId, signal: options.signal, selection: () => selection,
      get executionId() {
        return open.executionId() as string;
      },
      cancelOnAbort: options.cancelOnAbort !== false, cancelOnTimeout: options.cancelOnTimeout !== false, cancelTimeoutMs,
      open: async () => {
        selection = await planSelectedOutputs(core, workflowId, options.selectedOutputs, 'stream', options.signal);
        if (await core.capabilities.v2(workflowId, options.signal)) {
          const res = await openStreamV2(core, workflowId, open.executionId() as string, options);
          if (res.status < 200 || res.status >= 300) throw apiErrorFrom(core.ctx, { ...res, method: 'POST', path: `/api/v2/workflows/${encodeURIComponent(workflowId)}/execute`, operation: 'executeWorkflow' });
          return res;
        }
        const res = await open();
        if (res.status < 200 || res.status >= 300) throw executeErrorFrom(core, res, workflowId, open.executionId());
        return res;
      },
    });
  }

  /**
   * Consumes a stream into a RunResult plus its full text. A stream that ended paused (or whose output can hide a
   * pause) is confirmed through the execution resource where the server has it: a person's pause resolves as
   * `paused` (unless `waitThroughHumanPause`), a time pause is waited through until `timeoutMs` (default 10 minutes).
   */
  async collectStream(
    stream: WorkflowStream,
    options?: { onChunk?: (chunk: string, event: Extract<StreamEvent, { type: 'chunk' }>) => void; timeoutMs?: number; signal?: AbortSignal } & PauseOptions,
  ): Promise<RunResult & { text: string }> {
    const { timeoutMs: waitMs, signal, waitThroughHumanPause, ...rest } = options ?? {};
    const result = await collectStream(stream, { ...rest, now: this.#core.ctx.now });
    const timeoutMs = validateTimeout(waitMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
    const confirmed = await confirmRun(this.#core, stream.workflowId, result, {
      deadline: this.#core.ctx.now() + timeoutMs, timeoutMs, signal, ...(waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
    });
    return { ...confirmed, text: result.text };
  }

  /**
   * Resumes a run that is paused for a person (`status: 'paused'`, `paused.contextId`) with what the person submits.
   * By default waits like runWorkflow and resolves with the run's RunResult, read through the ORIGINAL execution id
   * (the run may pause again). `wait: false` resolves with the server's receipt as soon as it accepted the resume.
   * A pause that was already resumed or cancelled answers 409; a time pause cannot be resumed (404: cancel it instead).
   */
  resumeRun(workflowId: string, executionId: string, options: ResumeRunOptions & { wait: false }): Promise<ResumeReceipt>;
  resumeRun(workflowId: string, executionId: string, options: ResumeRunOptions & { wait?: true | undefined }): Promise<RunResult>;
  resumeRun(workflowId: string, executionId: string, options: ResumeRunOptions): Promise<RunResult | ResumeReceipt>;
  resumeRun(workflowId: string, executionId: string, options: ResumeRunOptions): Promise<RunResult | ResumeReceipt> {
    return this.#checked(() => undefined, () => resumeRun(this.#core, workflowId, executionId, options));
  }

  /** The runs of a workflow that wait for a person (`GET /api/workflows/{id}/paused`), newest first. */
  listPausedRuns(workflowId: string, options?: RequestOptions): Promise<PausedRun[]> {
    return this.#checked(() => undefined, () => listPausedRuns(this.#core, workflowId, options));
  }

  /**
   * Waits for a queued run: through the execution resource where the server has it (pass `workflowId` when known),
   * else by polling the job on the configured base URL. Resolves when it completes, fails or is cancelled, or pauses
   * for a person (`status: 'paused'`, unless `waitThroughHumanPause`); a time pause is waited through.
   */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<JobResult> {
    return this.#checked(() => undefined, () => waitForJob(this.#core, jobId, options));
  }

  /** The workflow's input fields, from the `inputs` array (real servers) or `inputs.fields` (spec). */
  async getWorkflowInputFields(workflowId: string, options?: RequestOptions): Promise<WorkflowInputField[]> {
    const res = await this.getWorkflow(workflowId, options);
    return normalizeInputFields(res.data);
  }

  iterateWorkflows(params: WithRequestOptions<ListWorkflowsParams>): AsyncIterable<WorkflowSummary> {
    requireId(params?.workspaceId, 'workspaceId');
    return paginate((p) => this.listWorkflows(p), params);
  }
  iterateLogs(params: WithRequestOptions<QueryLogsParams>): AsyncIterable<LogEntry> {
    requireId(params?.workspaceId, 'workspaceId');
    return paginate((p) => this.queryLogs(p), params);
  }
  iterateAuditLogs(params: WithRequestOptions<ListAuditLogsParams> = {}): AsyncIterable<AuditLogEntry> {
    return paginate((p) => this.listAuditLogs(p), params);
  }

  /** Runs `check` synchronously, turning a throw into a rejected promise (so async methods never throw synchronously). */
  #checked<T, C>(check: () => C, run: (checked: C) => Promise<T>): Promise<T> {
    let checked: C;
    try {
      checked = check();
    } catch (err) {
      return Promise.reject(err instanceof SimError ? err : new SimError(String(err)));
    }
    return run(checked);
  }

  // ---- workflow management (management.ts: deploy, roll back, undeploy, export, import; v2 reads) ----------------

  /**
   * `POST /api/v1/workflows/{id}/deploy`: deploys the workflow's current state as a new version and makes it live.
   * Never retried blindly (a repeated deploy makes another version): only after a 429 or when the request cannot
   * have reached the server. `previousVersion` is read from the server where it offers that (v2), else inferred.
   */
  deployWorkflow(workflowId: string, options?: DeployWorkflowOptions): Promise<DeploymentChange> {
    return deployWorkflow(this.#core, workflowId, options);
  }

  /** `POST /api/v1/workflows/{id}/rollback`: makes `version` live again, by default the one before the live one. Never retried blindly. */
  rollbackWorkflow(workflowId: string, options?: RollbackWorkflowOptions): Promise<DeploymentChange> {
    return rollbackWorkflow(this.#core, workflowId, options);
  }

  /** `DELETE /api/v1/workflows/{id}/deploy`: takes the workflow offline (`wasDeployed: false` when it already was). */
  undeployWorkflow(workflowId: string, options?: RequestOptions): Promise<UndeployResult> {
    return undeployWorkflow(this.#core, workflowId, options);
  }

  /** `GET /api/v1/workflows/{id}/export`: the portable export importWorkflow takes (secrets withheld by Sim). */
  exportWorkflow(workflowId: string, options?: RequestOptions): Promise<WorkflowExport> {
    return exportWorkflow(this.#core, workflowId, options);
  }

  /** `POST /api/v1/workflows/import`: creates a NEW workflow (new id, not deployed) from an export. Never retried blindly. */
  importWorkflow(params: ImportWorkflowParams): Promise<ImportedWorkflow> {
    return importWorkflow(this.#core, params);
  }

  /** `GET /api/v2/workflows/{id}/deployment` (v2 only; SimUnsupportedOperationError where v2 is off). */
  getWorkflowDeployment(workflowId: string, options?: RequestOptions): Promise<WorkflowDeployment> {
    return getWorkflowDeployment(this.#core, workflowId, options);
  }

  /** `GET /api/v2/workflows/{id}/versions` (one page, newest first; v2 only). */
  listWorkflowVersions(workflowId: string, options?: ListWorkflowVersionsOptions): Promise<ListWorkflowVersionsResponse> {
    return listWorkflowVersions(this.#core, workflowId, options);
  }

  /** Every version of a workflow, newest first, across `nextCursor` pages (v2 only). */
  iterateWorkflowVersions(workflowId: string, options?: Omit<ListWorkflowVersionsOptions, 'cursor'>): AsyncIterable<WorkflowVersion> {
    return iterateWorkflowVersions(this.#core, workflowId, options);
  }
}
