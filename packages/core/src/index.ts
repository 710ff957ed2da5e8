// @sim-integrations/core: environment-free client for Sim's public REST API.
export { SimClient, type SimClientOptions } from './client.js';
export { MAX_CONCURRENCY, MAX_RATE_LIMITED_LAUNCHES, type RunManyEntry, type RunManyOptions, type RunManyRequest } from './many.js';
export { LEARNED_INTERVAL, PACER_MARGIN_MS, RATE_LIMIT_BACKOFF } from './pacer.js';
export { WorkflowStream, collectStream, PARTIAL_TEXT_LIMIT } from './stream.js';
export {
  SimError, SimApiError, SimBadRequestError, SimAuthenticationError, SimPermissionDeniedError, SimNotFoundError,
  SimRateLimitError, SimInternalServerError, SimAuthCheckError, SimExecutionIdConflictError, SimWorkflowError, SimConnectionError, SimTimeoutError, SimAbortError,
  SimStreamError, SimValidationError, type Operation,
} from './errors.js';
export type { Transport, TransportRequest, TransportResponse, Sleep, SleepOptions, Logger, RandomUUID, HttpMethod } from './ports.js';
export * from './types.js';
export { redactSecrets, redactHeaders, REDACTED } from './redact.js';
export { isRejectedAttemptLog } from './rejected-runs.js';
export { normalizeBlockName } from './selected.js';
export { RESERVED_INPUT_FIELDS, DEFAULT_BASE_URL, inputKind, normalizeInputFields, normalizeBaseUrl } from './inputs.js';
export { normalizeJob, unwrapResponseBlock } from './normalize.js';
export { parseRetryAfterMs, backoffDelayMs, DEFAULT_MAX_RETRIES, type RetryMode } from './retry.js';
export { POLL, nextPollInterval } from './wait.js';
export { pauseHint, pauseFromView } from './watch.js';
export type { ApiVersion } from './capabilities.js';
export { SimUnsupportedOperationError, MANAGEMENT_WRITE_TIMEOUT_MS, type ManagementOperation, type ActiveDeployment, type DeployWorkflowOptions, type DeploymentChange, type ImportWorkflowParams, type ImportedWorkflow, type ListWorkflowVersionsOptions, type ListWorkflowVersionsResponse, type RollbackWorkflowOptions, type UndeployResult, type WorkflowDeployment, type WorkflowExport, type WorkflowVersion } from './management.js';
export { SYNC_RUN_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './core.js';
export { VERSION, USER_AGENT } from './version.js';
