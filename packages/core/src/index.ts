// @sim-integrations/core: environment-free client for Sim's public REST API. This is the whole public surface
// (reported in etc/core.api.md and checked in CI): the client, its errors and types, and a few documented helpers.
export { SimClient, type SimClientOptions, type WithRequestOptions } from './client.js';
export type { ApiVersion } from './protocol/detect.js';
export type { ProtocolName } from './protocol/protocol.js';
export type { RunManyEntry, RunManyOptions, RunManyRequest } from './runs/many.js';
export type { SimApiErrorInit } from './errors.js';
export type { WorkflowStream } from './runs/stream.js';
export {
  SimError,
  SimApiError,
  SimBadRequestError,
  SimAuthenticationError,
  SimAuthCheckError,
  SimExecutionIdConflictError,
  SimPermissionDeniedError,
  SimWorkflowNotDeployedError,
  SimNotFoundError,
  SimRateLimitError,
  SimInternalServerError,
  SimWorkflowError,
  SimConnectionError,
  SimTimeoutError,
  SimAbortError,
  SimStreamError,
  SimNotSupportedError,
  SimValidationError,
  type Operation,
} from './errors.js';
export { mayHaveLeftRun } from './left-run.js';
export type {
  Transport,
  TransportRequest,
  TransportResponse,
  Sleep,
  SleepOptions,
  Logger,
  RandomUUID,
  HttpMethod,
} from './ports.js';
export * from './types.js';
export { redactSecrets } from './redact.js';
export { DEFAULT_BASE_URL, inputKind, normalizeBaseUrl, normalizeInputFields } from './inputs.js';
export type {
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
export { VERSION, USER_AGENT } from './version.js';
