// SimClient: every operation of the Sim public API, and the run helpers (run, wait, stream, resume, many at once).
// The methods are thin: runs go through runs/ on top of the protocol chosen for the server (protocol/), requests
// through request.ts.
import { DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS, SYNC_RUN_TIMEOUT_MS, createCore, type Core } from './core.js';
import { Deadlines } from './deadlines.js';
import { SimError, SimRateLimitError, SimValidationError, type Operation } from './errors.js';
import { isRejectedAttempt } from './rejected-runs.js';
import {
  buildExecuteBody,
  normalizeBaseUrl,
  normalizeInputFields,
  pathId,
  requireId,
  validateApiKey,
  validateInput,
  validateStringArray,
  validateTimeout,
} from './inputs.js';
import { paginate } from './pagination.js';
import type { Logger, RandomUUID, Sleep, Transport } from './ports.js';
import type { ApiVersion } from './protocol/detect.js';
import type { ProtocolName } from './protocol/protocol.js';
import { executePath, rawExecuteError } from './protocol/v1.js';
import { requireJson, send, type QueryValue, type RequestContext } from './request.js';
import { DEFAULT_MAX_RETRIES } from './retry.js';
import { getRun, getRunByJobId, waitForJob, waitForRun } from './runs/lookup.js';
import { runMany, type RunManyEntry, type RunManyOptions, type RunManyRequest } from './runs/many.js';
import { listPausedRuns, resumeRun } from './runs/resume.js';
import { checkRunOptions, runAsync, runSync } from './runs/run.js';
import { launch, startRun } from './runs/start.js';
import { RunStream, collectStream, type WorkflowStream } from './runs/stream.js';
import type {
  AsyncExecutionResult,
  AuditLogEntry,
  CancelExecutionResult,
  ExecuteWorkflowOptions,
  ExecutionDetails,
  ExecutionResult,
  ExecutionView,
  GetAuditLogDetailsResponse,
  GetExecutionOptions,
  GetLogDetailsResponse,
  GetWorkflowResponse,
  JobStatus,
  ListAuditLogsParams,
  ListAuditLogsResponse,
  ListWorkflowsParams,
  ListWorkflowsResponse,
  LogEntry,
  PausedRun,
  PauseOptions,
  QueryLogsParams,
  QueryLogsResponse,
  QueuedRun,
  RequestOptions,
  ResumeReceipt,
  ResumeRunOptions,
  RunResult,
  RunSnapshot,
  RunWorkflowOptions,
  RunWorkflowSyncOptions,
  StartWorkflowOptions,
  StreamEvent,
  StreamWorkflowOptions,
  UsageLimits,
  WaitForJobOptions,
  WaitForRunOptions,
  WorkflowInputField,
  WorkflowSummary,
} from './types.js';
import {
  deployWorkflow,
  exportWorkflow,
  getWorkflowDeployment,
  importWorkflow,
  iterateWorkflowVersions,
  listWorkflowVersions,
  rollbackWorkflow,
  undeployWorkflow,
} from './management.js';
import type {
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
  /**
   * Clock in ms (default `Date.now`). Clients of one process on the same clock, server and key pace their executes to
   * Sim's rate limit together (the bucket is the key owner's); a client given its own clock function paces alone.
   */
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
/** A list operation's parameters plus the per-call request options. */
export type WithRequestOptions<P> = P & RequestOptions;

/** The default clock: one function for every client of the process, so that they share one rate gate per key (rate/gate.ts). */
const systemNow = (): number => Date.now();

function defaultRandomUUID(): RandomUUID | undefined {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return () => crypto.randomUUID();
  return undefined;
}

function splitOptions<P extends object>(
  params: WithRequestOptions<P> | undefined,
): { query: Params; request: RequestOptions } {
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
  readonly apiVersion: ApiVersion;
  #core: Core;

  constructor(options: SimClientOptions) {
    if (!options || typeof options !== 'object')
      throw new SimValidationError(
        'new SimClient(options) needs an options object with `apiKey`, `transport` and `sleep`.',
      );
    const apiKey = validateApiKey(options.apiKey);
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10)
      throw new SimValidationError('`maxRetries` must be an integer from 0 to 10.', 'maxRetries');
    this.maxRetries = maxRetries;
    this.timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_TIMEOUT_MS;
    if (typeof options.transport !== 'function')
      throw new SimValidationError(
        '`transport` is required (use createSimClient from @sim-integrations/core/node for the Node default).',
        'transport',
      );
    if (typeof options.sleep !== 'function')
      throw new SimValidationError(
        '`sleep` is required (use createSimClient from @sim-integrations/core/node for the Node default).',
        'sleep',
      );
    const uuid = options.randomUUID ?? defaultRandomUUID();
    if (!uuid)
      throw new SimValidationError(
        'No `randomUUID` available in this runtime: pass `randomUUID` to new SimClient.',
        'randomUUID',
      );
    const now = options.now ?? systemNow;
    const apiVersion = options.apiVersion ?? 'auto';
    if (apiVersion !== 'v1' && apiVersion !== 'v2' && apiVersion !== 'auto')
      throw new SimValidationError('`apiVersion` must be `v1`, `v2` or `auto`.', 'apiVersion');
    this.apiVersion = apiVersion;
    const ctx: RequestContext = {
      baseUrl: this.baseUrl,
      deadlines: new Deadlines(options.sleep, now),
      apiKey,
      transport: options.transport,
      sleep: options.sleep,
      logger: options.logger,
      now,
      random: options.random ?? Math.random,
      maxRetries: this.maxRetries,
      timeoutMs: this.timeoutMs,
    };
    this.#core = createCore(ctx, { apiVersion, newExecutionId: uuid });
  }

  /** Safe to log: no API key. */
  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      maxRetries: this.maxRetries,
      timeoutMs: this.timeoutMs,
      apiVersion: this.apiVersion,
    };
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SimClient { baseUrl: '${this.baseUrl}', maxRetries: ${this.maxRetries}, timeoutMs: ${this.timeoutMs}, apiVersion: '${this.apiVersion}' }`;
  }

  async #get<T>(
    operation: Operation,
    path: string,
    query: Params | undefined,
    opts: RequestOptions | undefined,
  ): Promise<T> {
    const res = await send(this.#core.ctx, {
      operation,
      method: 'GET',
      path,
      query,
      retry: 'idempotent',
      signal: opts?.signal,
      timeoutMs: validateTimeout(opts?.timeoutMs),
      maxRetries: opts?.maxRetries,
    });
    return requireJson<T>(this.#core.ctx, res, 'GET', path, operation);
  }

  // ---- operations of the spec ---------------------------------------------------------------

  /**
   * `POST /api/workflows/{id}/execute` (the spec's v1 route on every server). Sync: resolves with the ExecutionResult (or
   * a Response block's own 2xx body); a failed run (500 `{ success: false }`) throws SimWorkflowError. `async: true`:
   * resolves with the 202 AsyncExecutionResult receipt. Sent again only when the run cannot have started (see runs/start.ts).
   * To run a workflow and get its result, `runWorkflow` / `runWorkflowSync` are simpler.
   */
  executeWorkflow(workflowId: string, options: ExecuteWorkflowOptions & { async: true }): Promise<AsyncExecutionResult>;
  executeWorkflow(
    workflowId: string,
    options?: ExecuteWorkflowOptions & { async?: false | undefined },
  ): Promise<ExecutionResult>;
  executeWorkflow(
    workflowId: string,
    options?: ExecuteWorkflowOptions,
  ): Promise<ExecutionResult | AsyncExecutionResult>;
  executeWorkflow(
    workflowId: string,
    options: ExecuteWorkflowOptions = {},
  ): Promise<ExecutionResult | AsyncExecutionResult> {
    return this.#checked(
      () => {
        if (options.async && options.selectedOutputs?.length) {
          throw new SimValidationError(
            'Sim refuses `selectedOutputs` on async executes (400). Run without them and read the block outputs afterwards with' +
              ' getExecution(workflowId, executionId, { selectedOutputs }), or use runWorkflow, which does that for you.',
            'selectedOutputs',
          );
        }
        if (
          options.triggerType !== undefined &&
          (typeof options.triggerType !== 'string' || options.triggerType === '')
        )
          throw new SimValidationError('`triggerType` must be a non-empty string.', 'triggerType');
        if (options.executionId !== undefined) requireId(options.executionId, 'executionId');
        return {
          path: executePath(workflowId),
          body: buildExecuteBody(validateInput(options.input), {
            selectedOutputs: validateStringArray(options.selectedOutputs, 'selectedOutputs'),
            triggerType: options.triggerType,
          }),
          timeoutMs: validateTimeout(options.timeoutMs),
        };
      },
      async ({ path, body, timeoutMs }) => {
        const core = this.#core;
        // a sync execute carries a client id, so that the run can be named, looked up and cancelled
        const first = options.executionId ?? (options.async ? null : undefined);
        return launch(
          core,
          {
            workflowId,
            kind: 'sync',
            notStarted: (err) => (err instanceof SimRateLimitError ? { retryAfterMs: err.retryAfterMs } : null),
            executionId: first,
            signal: options.signal,
            timeoutMs: timeoutMs ?? (options.async ? core.ctx.timeoutMs : SYNC_RUN_TIMEOUT_MS),
          },
          async (executionId, attemptTimeoutMs) => {
            const headers: Record<string, string> = {};
            if (options.async) headers['x-execution-mode'] = 'async';
            if (executionId) headers['x-execution-id'] = executionId;
            const res = await send(core.ctx, {
              operation: 'executeWorkflow',
              method: 'POST',
              path,
              body,
              headers,
              retry: 'none',
              throwOnError: false,
              signal: options.signal,
              timeoutMs: attemptTimeoutMs,
              maxRetries: 0,
            });
            if (res.status < 200 || res.status >= 300) throw rawExecuteError(core, res, workflowId, executionId);
            return requireJson<ExecutionResult | AsyncExecutionResult>(core.ctx, res, 'POST', path, 'executeWorkflow');
          },
        );
      },
    );
  }

  /** Cancels a run by its execution id (v1 `POST …/executions/{executionId}/cancel`, or v2's run cancel). Retried like a GET. */
  cancelExecution(
    workflowId: string,
    executionId: string,
    options: RequestOptions = {},
  ): Promise<CancelExecutionResult> {
    return this.#checked(
      () => (requireId(workflowId, 'workflowId'), requireId(executionId, 'executionId')),
      async () => {
        this.#core.markCancelRequested(executionId);
        const protocol = await this.#core.protocol(workflowId, options.signal);
        return protocol.cancel(
          { workflowId, executionId },
          { ...options, timeoutMs: validateTimeout(options.timeoutMs) },
        );
      },
    );
  }

  /** `GET /api/v1/workflows` (one page). */
  listWorkflows(params: WithRequestOptions<ListWorkflowsParams>): Promise<ListWorkflowsResponse> {
    const { query, request } = splitOptions(params);
    return this.#checked(
      () => requireId(query['workspaceId'], 'workspaceId'),
      () => this.#get('listWorkflows', '/api/v1/workflows', query, request),
    );
  }

  /** `GET /api/v1/workflows/{id}`. */
  getWorkflow(id: string, options?: RequestOptions): Promise<GetWorkflowResponse> {
    return this.#checked(
      () => pathId(id, 'workflowId'),
      (p) => this.#get('getWorkflow', `/api/v1/workflows/${p}`, undefined, options),
    );
  }

  /** `GET /api/jobs/{jobId}` as the server answers it (the id is path-encoded: current job ids contain ':'). */
  getJobStatus(jobId: string, options?: RequestOptions): Promise<JobStatus> {
    return this.#checked(
      () => pathId(jobId, 'jobId'),
      (p) => this.#get('getJobStatus', `/api/jobs/${p}`, undefined, options),
    );
  }

  /** `GET /api/v1/logs` (one page). */
  queryLogs(params: WithRequestOptions<QueryLogsParams>): Promise<QueryLogsResponse> {
    const { query, request } = splitOptions(params);
    return this.#checked(
      () => requireId(query['workspaceId'], 'workspaceId'),
      () => this.#get('queryLogs', '/api/v1/logs', query, request),
    );
  }

  /** `GET /api/v1/logs/{id}`. */
  getLogDetails(id: string, options?: RequestOptions): Promise<GetLogDetailsResponse> {
    return this.#checked(
      () => pathId(id, 'logId'),
      (p) => this.#get('getLogDetails', `/api/v1/logs/${p}`, undefined, options),
    );
  }

  /** `GET /api/v1/logs/executions/{executionId}`. */
  getExecutionDetails(executionId: string, options?: RequestOptions): Promise<ExecutionDetails> {
    return this.#checked(
      () => pathId(executionId, 'executionId'),
      (p) => this.#get('getExecutionDetails', `/api/v1/logs/executions/${p}`, undefined, options),
    );
  }

  /**
   * A run's record as the server keeps it: v1 `GET /api/workflows/{id}/executions/{executionId}` (or v2's run, in the
   * same shape): its status (`queued` … `paused` … `cancelled`), pause details, and on request its final output and
   * selected block outputs (`<blockId>[.<path>]`). Servers without the execution resource answer 404
   * (docs/sim-server-versions.md). `getRun` gives the same as a RunSnapshot.
   */
  getExecution(workflowId: string, executionId: string, options: GetExecutionOptions = {}): Promise<ExecutionView> {
    const { includeOutput, selectedOutputs, ...request } = options;
    return this.#checked(
      () => `/api/workflows/${pathId(workflowId, 'workflowId')}/executions/${pathId(executionId, 'executionId')}`,
      async (path) => {
        const protocol = await this.#core.protocol(workflowId, request.signal);
        // the March server has no record: its own 404 says so
        if (!protocol.hasRunRecord)
          return this.#get<ExecutionView>(
            'getExecution',
            path,
            { includeOutput: includeOutput ? true : undefined, selectedOutputs },
            request,
          );
        const view = await protocol.readRun(
          { workflowId, executionId },
          {
            ...request,
            timeoutMs: validateTimeout(request.timeoutMs),
            includeOutput: includeOutput === true,
            selectedOutputs,
          },
        );
        return view.snapshot as ExecutionView;
      },
    );
  }

  /** `GET /api/v1/audit-logs` (one page; Enterprise admins only). */
  listAuditLogs(params: WithRequestOptions<ListAuditLogsParams> = {}): Promise<ListAuditLogsResponse> {
    const { query, request } = splitOptions(params);
    return this.#get('listAuditLogs', '/api/v1/audit-logs', query, request);
  }

  /** `GET /api/v1/audit-logs/{id}`. */
  getAuditLogDetails(id: string, options?: RequestOptions): Promise<GetAuditLogDetailsResponse> {
    return this.#checked(
      () => pathId(id, 'auditLogId'),
      (p) => this.#get('getAuditLogDetails', `/api/v1/audit-logs/${p}`, undefined, options),
    );
  }

  /** `GET /api/users/me/usage-limits`. */
  getUsageLimits(options?: RequestOptions): Promise<UsageLimits> {
    return this.#get('getUsageLimits', '/api/users/me/usage-limits', undefined, options);
  }

  // ---- runs ---------------------------------------------------------------------------------

  /**
   * Which protocol this client speaks to its server (`v1`, `v1-2026-03` for the March 2026 server, or `v2`), chosen on
   * first use from `apiVersion` and what the server answers, then cached. Any workflow id the key can see will do.
   */
  serverProtocol(workflowId: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<ProtocolName> {
    return this.#checked(
      () => requireId(workflowId, 'workflowId'),
      async () => (await this.#core.protocol(workflowId, options.signal)).name,
    );
  }

  /** Async execute + wait. Abort (or the deadline, with cancelOnTimeout) cancels the remote run before rejecting. */
  runWorkflow(workflowId: string, options?: RunWorkflowOptions): Promise<RunResult> {
    return this.#checked(
      () => undefined,
      () => runAsync(this.#core, workflowId, options),
    );
  }

  /** Sync execute with a client execution id; failed runs resolve with `status: 'failed'`. */
  runWorkflowSync(workflowId: string, options?: RunWorkflowSyncOptions): Promise<RunResult> {
    return this.#checked(
      () => undefined,
      () => runSync(this.#core, workflowId, options),
    );
  }

  /**
   * Queues a run and resolves as soon as the server accepted it, with what identifies it (`executionId` on every server;
   * `jobId` where the server has jobs). Follow it with `waitForRun` / `getRun`, or cancel it with `cancelExecution`.
   */
  startWorkflow(workflowId: string, options: StartWorkflowOptions = {}): Promise<QueuedRun> {
    return this.#checked(
      () => {
        const c = checkRunOptions(workflowId, options, DEFAULT_WAIT_TIMEOUT_MS);
        if (c.selectedOutputs)
          throw new SimValidationError(
            "`selectedOutputs` needs the run's end: use runWorkflow, or read them afterwards with getExecution.",
            'selectedOutputs',
          );
        return c;
      },
      async (c) => {
        const core = this.#core;
        const protocol = await core.protocol(workflowId, options.signal);
        const answer = await startRun(core, protocol, {
          workflowId,
          input: c.input,
          mode: 'async',
          triggerType: c.triggerType,
          signal: options.signal,
          timeoutMs: Math.min(core.ctx.timeoutMs, c.timeoutMs),
        });
        if (answer.kind === 'queued') return { ...answer.ref, status: 'queued' };
        if (answer.kind === 'answered')
          return {
            workflowId,
            executionId: answer.result.executionId,
            status: answer.result.status,
            result: answer.result,
          };
        throw new SimError('An async execute answered with a stream.');
      },
    );
  }

  /**
   * Many runs at once: at most `concurrency` in flight, paced to the key's Sim rate limits from the server's own count
   * (so several processes on one key stay within it); an execute 429 relaunches that item with a new execution id
   * (never a duplicate run). Resolves to one entry per request, in input order. See runs/many.ts.
   */
  runMany(requests: readonly RunManyRequest[], options?: RunManyOptions): Promise<RunManyEntry[]> {
    return this.#checked(
      () => undefined,
      () => runMany(this.#core, requests, options),
    );
  }

  /** Streams a run (`stream: true`, client `X-Execution-Id`). Options are checked here, before any request; the request starts with iteration. */
  streamWorkflow(workflowId: string, options: StreamWorkflowOptions = {}): WorkflowStream {
    return new RunStream(this.#core, workflowId, options);
  }

  /**
   * Consumes a stream into a RunResult plus its full text. A stream that ended paused (or whose output can hide a pause)
   * is confirmed through the run's record: a person's pause resolves as `paused` (unless `waitThroughHumanPause`), a time
   * pause is waited through until `timeoutMs` (default 10 minutes). Selected outputs are keyed as in the other modes.
   */
  collectStream(
    stream: WorkflowStream,
    options?: {
      onChunk?: (chunk: string, event: Extract<StreamEvent, { type: 'chunk' }>) => void;
      timeoutMs?: number;
      signal?: AbortSignal;
    } & PauseOptions,
  ): Promise<RunResult & { text: string }> {
    return this.#checked(
      () => undefined,
      () => collectStream(this.#core, stream, options ?? {}, DEFAULT_WAIT_TIMEOUT_MS),
    );
  }

  /** One look at a run by its execution id: its status now, and its output once it has ended (or the pausing block's). */
  getRun(workflowId: string, executionId: string, options?: RequestOptions & { jobId?: string }): Promise<RunSnapshot> {
    return this.#checked(
      () => undefined,
      () => getRun(this.#core, workflowId, executionId, options),
    );
  }

  /** One look at a run by the job id its v1 async execute answered. */
  getRunByJobId(jobId: string, options?: RequestOptions): Promise<RunSnapshot> {
    return this.#checked(
      () => undefined,
      () => getRunByJobId(this.#core, jobId, options),
    );
  }

  /**
   * Waits for a run by its execution id until it ends, or pauses for a person (`status: 'paused'`, unless
   * `waitThroughHumanPause`); a time pause is waited through. The deadline does not cancel it.
   */
  waitForRun(workflowId: string, executionId: string, options?: WaitForRunOptions): Promise<RunResult> {
    return this.#checked(
      () => undefined,
      () => waitForRun(this.#core, workflowId, executionId, options),
    );
  }

  /** Waits for a run by the job id its v1 async execute answered (see waitForRun). */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<RunResult> {
    return this.#checked(
      () => undefined,
      () => waitForJob(this.#core, jobId, options),
    );
  }

  /**
   * Resumes a run that is paused for a person (`status: 'paused'`, `paused.contextId`) with what the person submits.
   * By default waits like runWorkflow and resolves with the run's RunResult, read through the ORIGINAL execution id
   * (the run may pause again). `wait: false` resolves with the server's receipt as soon as it accepted the resume.
   * A pause that was already resumed or cancelled answers 409; a time pause cannot be resumed (404: cancel it instead).
   */
  resumeRun(
    workflowId: string,
    executionId: string,
    options: ResumeRunOptions & { wait: false },
  ): Promise<ResumeReceipt>;
  resumeRun(
    workflowId: string,
    executionId: string,
    options: ResumeRunOptions & { wait?: true | undefined },
  ): Promise<RunResult>;
  resumeRun(workflowId: string, executionId: string, options: ResumeRunOptions): Promise<RunResult | ResumeReceipt>;
  resumeRun(workflowId: string, executionId: string, options: ResumeRunOptions): Promise<RunResult | ResumeReceipt> {
    return this.#checked(
      () => undefined,
      () => resumeRun(this.#core, workflowId, executionId, options),
    );
  }

  /** The runs of a workflow that wait for a person (`GET /api/workflows/{id}/paused`), newest first. */
  listPausedRuns(workflowId: string, options?: RequestOptions): Promise<PausedRun[]> {
    return this.#checked(
      () => undefined,
      () => listPausedRuns(this.#core, workflowId, options),
    );
  }

  // ---- workflows and lists ------------------------------------------------------------------

  /**
   * Whether a log entry records an execute that Sim refused before running it (rate limited; the client sent it again
   * under a new id, so the run has an entry of its own): triggers skip these. Free when the entry carries its final
   * output (`details: 'full', includeFinalOutput: true`) or cannot be one; otherwise one read of the log's detail.
   */
  isRejectedAttempt(log: LogEntry | Record<string, unknown>, options?: RequestOptions): Promise<boolean> {
    return this.#checked(
      () => undefined,
      () => isRejectedAttempt(log, (id) => this.getLogDetails(id, options)),
    );
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

  /** `GET /api/v2/workflows/{id}/deployment` (v2 only; SimNotSupportedError where v2 is off). */
  getWorkflowDeployment(workflowId: string, options?: RequestOptions): Promise<WorkflowDeployment> {
    return getWorkflowDeployment(this.#core, workflowId, options);
  }

  /** `GET /api/v2/workflows/{id}/versions` (one page, newest first; v2 only). */
  listWorkflowVersions(
    workflowId: string,
    options?: ListWorkflowVersionsOptions,
  ): Promise<ListWorkflowVersionsResponse> {
    return listWorkflowVersions(this.#core, workflowId, options);
  }

  /** Every version of a workflow, newest first, across `nextCursor` pages (v2 only). */
  iterateWorkflowVersions(
    workflowId: string,
    options?: Omit<ListWorkflowVersionsOptions, 'cursor'>,
  ): AsyncIterable<WorkflowVersion> {
    return iterateWorkflowVersions(this.#core, workflowId, options);
  }
}
