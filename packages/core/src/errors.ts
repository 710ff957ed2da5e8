// Every error the core throws is a SimError. API errors are SimApiError subclasses by HTTP status
// (modelled on openai-node). Messages say what failed and what to do next, and never contain the key.

export type Operation =
  | 'executeWorkflow'
  | 'cancelExecution'
  | 'listWorkflows'
  | 'getWorkflow'
  | 'getJobStatus'
  | 'queryLogs'
  | 'getLogDetails'
  | 'getExecutionDetails'
  | 'getExecution'
  | 'resumeRun'
  | 'listPausedRuns'
  | 'listAuditLogs'
  | 'getAuditLogDetails'
  | 'getUsageLimits'
  | 'deployWorkflow'
  | 'rollbackWorkflow'
  | 'undeployWorkflow'
  | 'exportWorkflow'
  | 'importWorkflow'
  | 'getWorkflowDeployment'
  | 'listWorkflowVersions';

export class SimError extends Error {
  override name = 'SimError';
}

export interface SimApiErrorInit {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  error: string | undefined;
  /** The server's machine-readable code (v1 `code`; v2 `error.details.code`, else `error.code`). */
  code?: string | undefined;
  method: string;
  path: string;
  operation?: Operation | undefined;
  message?: string;
}

/** The server answered with an error status (or an unreadable body). */
export class SimApiError extends SimError {
  override name = 'SimApiError';
  /** HTTP status. */
  readonly status: number;
  /** Response headers (lower-cased names). */
  readonly headers: Record<string, string>;
  /** Parsed JSON body, or a short text snippet when the body was not JSON. */
  readonly body: unknown;
  /** The server's own `error` message, when it sent one. */
  readonly error: string | undefined;
  /** The server's machine-readable error code when it sent one (`WORKFLOW_NOT_DEPLOYED`, `RUN_ID_CONFLICT`, `TASK_NOT_FOUND`…). */
  readonly code: string | undefined;
  /** The server's `x-request-id`, for support requests. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly operation: Operation | undefined;

  constructor(init: SimApiErrorInit) {
    super(init.message ?? defaultApiMessage(init));
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.error = init.error;
    this.code = init.code;
    this.requestId = init.headers['x-request-id'];
    this.method = init.method;
    this.path = init.path;
    this.operation = init.operation;
  }
}

/** 400: the request was invalid. `details` holds the server's validation issues when it sent them. */
export class SimBadRequestError extends SimApiError {
  override name = 'SimBadRequestError';
  readonly details: unknown;
  constructor(init: SimApiErrorInit) {
    super(init);
    this.details = isRecord(init.body) ? init.body['details'] : undefined;
  }
}
/** 401: the API key is missing, wrong or revoked. */
export class SimAuthenticationError extends SimApiError {
  override name = 'SimAuthenticationError';
}
/**
 * 401 `{"error":"Rate limit check failed"}`: the server could not check the key or its rate limit (a database or
 * Redis hiccup on Sim's side). Transient, NOT a bad key: GETs are retried with backoff like a 503; when it persists,
 * try again later. Deliberately not a SimAuthenticationError.
 */
export class SimAuthCheckError extends SimApiError {
  override name = 'SimAuthCheckError';
  readonly transient = true;
}
/**
 * 409 `EXECUTION_ID_CONFLICT` (v1) or `RUN_ID_CONFLICT` (v2): the execution id sent (`X-Execution-Id` / `X-Run-Id`) was
 * already used on this server (every execute claims its id, even one that was then rate-limited). No run was started by
 * this request. Not a key problem.
 */
export class SimExecutionIdConflictError extends SimApiError {
  override name = 'SimExecutionIdConflictError';
  /** The id the server refused. */
  readonly executionId: string | undefined;
  constructor(init: SimApiErrorInit & { executionId?: string | undefined }) {
    super(init);
    this.executionId = init.executionId;
  }
}
/** 403: the key may not do this (undeployed workflow, audit logs without Enterprise/admin, other workspace). */
export class SimPermissionDeniedError extends SimApiError {
  override name = 'SimPermissionDeniedError';
}
/**
 * 403: the workflow is not deployed (v1 `Workflow is not deployed`; v2 `details.code: WORKFLOW_NOT_DEPLOYED`). Deploy it
 * in Sim (Deploy → API), or with `deployWorkflow`, and run it again. `code` is always `WORKFLOW_NOT_DEPLOYED`.
 */
export class SimWorkflowNotDeployedError extends SimPermissionDeniedError {
  override name = 'SimWorkflowNotDeployedError';
}
/** 404: unknown workflow, job, log or execution. */
export class SimNotFoundError extends SimApiError {
  override name = 'SimNotFoundError';
}
/** 429: rate limited. `retryAfterMs` says how long to wait when the server told us. */
export class SimRateLimitError extends SimApiError {
  override name = 'SimRateLimitError';
  /** How long until a request may succeed, where known. */
  readonly retryAfterMs: number | undefined;
  /**
   * Where `retryAfterMs` comes from: the server's answer (`Retry-After`, the v1 body's `retryAfter`, the reset header),
   * its usage-limits (the bucket's next refill, read after an execute 429 that named no wait), or an `estimate` (a
   * backoff, when the limits could not be read).
   */
  readonly retryAfterSource: 'server' | 'usage-limits' | 'estimate' | undefined;
  constructor(
    init: SimApiErrorInit & {
      retryAfterMs?: number | undefined;
      retryAfterSource?: 'server' | 'usage-limits' | 'estimate' | undefined;
    },
  ) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
    this.retryAfterSource = init.retryAfterSource ?? (init.retryAfterMs === undefined ? undefined : 'server');
  }
  /** The same error, with the wait the client learnt since (the bucket's next refill, from usage-limits, or a backoff). */
  withRetryAfter(retryAfterMs: number, retryAfterSource: 'server' | 'usage-limits' | 'estimate'): SimRateLimitError {
    const { status, headers, body, error, code, method, path, operation } = this;
    const wait =
      retryAfterSource === 'estimate'
        ? `Try again in about ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`
        : `The key's rate limit has its next token in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
    return new SimRateLimitError({
      status,
      headers,
      body,
      error,
      code,
      method,
      path,
      operation,
      retryAfterMs,
      retryAfterSource,
      message: `${this.message} ${wait}`,
    });
  }
}
/** 5xx: the server failed (or a proxy in front of it did). Usually worth trying again later. */
export class SimInternalServerError extends SimApiError {
  override name = 'SimInternalServerError';
}

/**
 * A synchronous run of the workflow failed: the server answered 500 (or 408 on its own timeout)
 * with `{ success: false, error }`. Thrown by the raw `executeWorkflow`; `runWorkflowSync` resolves
 * such a run with `status: 'failed'` instead. Not a server outage, so it is not a SimInternalServerError.
 */
export class SimWorkflowError extends SimApiError {
  override name = 'SimWorkflowError';
  /** The id of the run: the server's, or the client's `X-Execution-Id` when the server sent none. */
  readonly executionId: string | undefined;
  readonly output: unknown;
  constructor(init: SimApiErrorInit & { executionId?: string | undefined; output?: unknown }) {
    super(init);
    this.executionId = init.executionId;
    this.output = init.output;
  }
}

/** The request never got an answer: connection refused, DNS failure, reset, TLS failure… */
export class SimConnectionError extends SimError {
  override name = 'SimConnectionError';
  /** Node-style error code (ECONNREFUSED, ENOTFOUND, ECONNRESET, UND_ERR_SOCKET…), when known. */
  readonly code: string | undefined;
  /** False when the failure happened before the request could reach the server (refused, DNS, connect timeout). */
  readonly mayHaveReachedServer: boolean;
  constructor(message: string, opts: { code?: string | undefined; mayHaveReachedServer: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = opts.code;
    this.mayHaveReachedServer = opts.mayHaveReachedServer;
  }
}

/** A request or a wait ran past its deadline. */
export class SimTimeoutError extends SimError {
  override name = 'SimTimeoutError';
  readonly timeoutMs: number | undefined;
  readonly jobId: string | undefined;
  readonly executionId: string | undefined;
  /** The last job status seen by `waitForJob` before the deadline. */
  readonly lastStatus: string | undefined;
  /** True when the client asked the server to cancel the run and the server confirmed (`success: true`). */
  readonly cancelled: boolean;
  constructor(
    message: string,
    opts: {
      timeoutMs?: number;
      jobId?: string;
      executionId?: string;
      lastStatus?: string;
      cancelled?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.timeoutMs = opts.timeoutMs;
    this.jobId = opts.jobId;
    this.executionId = opts.executionId;
    this.lastStatus = opts.lastStatus;
    this.cancelled = opts.cancelled ?? false;
  }
}

/** The caller's AbortSignal fired. */
export class SimAbortError extends SimError {
  override name = 'SimAbortError';
  readonly jobId: string | undefined;
  readonly executionId: string | undefined;
  /** True when the client asked the server to cancel the run and the server confirmed (`success: true`). */
  readonly cancelled: boolean;
  constructor(
    message = 'The request was aborted.',
    opts: { jobId?: string; executionId?: string; cancelled?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.jobId = opts.jobId;
    this.executionId = opts.executionId;
    this.cancelled = opts.cancelled ?? false;
  }
}

/**
 * A stream failed: the workflow reported an in-band `error` event (`kind: 'workflow'`), the stream
 * ended before its `final` event / `[DONE]` (`kind: 'truncated'`), or an event was unreadable
 * (`kind: 'parse'`). `partialText` keeps the tail (up to 64 KiB) of the chunk text seen so far.
 */
export class SimStreamError extends SimError {
  override name = 'SimStreamError';
  readonly kind: 'workflow' | 'truncated' | 'parse';
  readonly partialText: string;
  readonly chunkCount: number;
  readonly executionId: string | undefined;
  /** The workflow's error message for `kind: 'workflow'`. */
  readonly error: string | undefined;
  constructor(
    message: string,
    opts: {
      kind: 'workflow' | 'truncated' | 'parse';
      partialText: string;
      chunkCount: number;
      executionId?: string;
      error?: string;
      cause?: unknown;
    },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.kind = opts.kind;
    this.partialText = opts.partialText;
    this.chunkCount = opts.chunkCount;
    this.executionId = opts.executionId;
    this.error = opts.error;
  }
}

/**
 * The Sim server this client talks to does not offer what was asked (an older Sim, or one with its v2 API off). Says
 * what is missing and what to do; thrown without a request where the client already knows.
 */
export class SimNotSupportedError extends SimError {
  override name = 'SimNotSupportedError';
  /** What the server lacks: `executionResource`, `resume`, `v2`, … */
  readonly feature: string;
  constructor(message: string, feature: string) {
    super(message);
    this.feature = feature;
  }
}

/** Client-side validation failed; thrown before any request is sent. */
export class SimValidationError extends SimError {
  override name = 'SimValidationError';
  /** The option or input field at fault. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hintFor(status: number, operation: Operation | undefined, serverError: string | undefined): string {
  const err = (serverError ?? '').toLowerCase();
  switch (status) {
    case 400:
      return 'Check the parameters sent (see `details`).';
    case 401:
      if (err === 'rate limit check failed')
        return 'Sim could not check the API key or its rate limit (a temporary problem on the Sim server, not a wrong key); try again in a moment.';
      return 'Check the API key: it must be a valid Sim API key for this Sim instance (baseUrl), sent as X-API-Key.';
    case 403:
      if ((operation === 'listAuditLogs' || operation === 'getAuditLogDetails') && !err.includes('enterprise'))
        return 'Audit logs need an Enterprise plan and an API key of a workspace admin or owner.';
      if (operation === 'listAuditLogs' || operation === 'getAuditLogDetails')
        return 'Use an API key of an Enterprise workspace admin or owner.';
      if (err.includes('not deployed')) return 'Deploy the workflow in Sim (Deploy → API) and try again.';
      return 'The API key has no access to this resource; check its workspace and permissions.';
    case 404:
      if (operation === 'executeWorkflow') return 'Is the workflow id right and is the workflow deployed?';
      if (operation === 'getJobStatus') return 'The job id is unknown or the job has expired.';
      if (operation === 'cancelExecution') return 'The execution id is unknown or the run has already finished.';
      if (operation === 'getExecution')
        return 'The execution id is unknown for this workflow (a run just queued can take a moment to appear), or this Sim server predates the execution resource (May 2026).';
      if (operation === 'resumeRun')
        return 'The run is not paused for a person at this contextId: check the execution id and contextId (a run that waits for a time cannot be resumed, only cancelled), or this Sim server has no resume API.';
      if (operation === 'listPausedRuns')
        return 'The workflow id is unknown, or this Sim server has no paused-runs route.';
      return 'Check the id.';
    case 409:
      if (operation === 'resumeRun')
        return 'This pause was already resumed or the run was cancelled: a pause point can be resumed once.';
      if (operation === 'executeWorkflow' && (err.includes('execution id') || err.includes('run id')))
        return 'This X-Execution-Id was already used on this Sim server (each id can start one run, and a rate-limited attempt spends its id); no run was started. Send a new id for each run, or none.';
      return '';
    case 408:
      return 'The request timed out on the server; try again, or run the workflow asynchronously.';
    case 429:
      return 'Rate limited: wait and try again, or lower the request rate.';
    default:
      if (status >= 500) return 'The Sim server (or a proxy in front of it) failed; try again later.';
      return '';
  }
}

function defaultApiMessage(init: SimApiErrorInit): string {
  const what = init.error ? `: ${init.error}` : typeof init.body === 'string' && init.body ? `: ${init.body}` : '';
  const hint = hintFor(init.status, init.operation, init.error);
  return `Sim API ${init.method} ${init.path} failed with HTTP ${init.status}${what}.${hint ? ' ' + hint : ''}`;
}
