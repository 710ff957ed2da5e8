// The public types of workflow management (deploy, roll back, undeploy, export, import, deployment state, versions).
import type { ListResponse, RequestOptions } from './types.js';

export interface DeployWorkflowOptions extends RequestOptions {
  /** Name of the new version, 1–100 characters (e.g. the commit and ref it was deployed from). */
  name?: string;
  /** Release note of the new version, up to 50 000 characters. */
  description?: string;
}

export interface RollbackWorkflowOptions extends RequestOptions {
  /** The version to make live again. Default: the version before the live one (Sim's own choice). */
  version?: number;
}

/** The version that serves runs. */
export interface ActiveDeployment {
  deploymentVersionId: string;
  version: number;
  deployedAt: string;
}

/** What a deploy or a rollback left live. */
export interface DeploymentChange {
  workflowId: string;
  /** The version live now: the new one after a deploy, the chosen one after a rollback. */
  version: number;
  /**
   * The version that was live before. `previousVersionSource` says how it is known: `server` (read from the server's
   * deployment state just before the change; where the server offers it, v2), `inferred` (deploy only: the version
   * before the new one, which is what a rollback without `version` returns to; NOT necessarily what was live, which
   * after a rollback or an undeploy was another version or none:
   * packages/emulator/recordings/2026-12-03-v2-personal-key-deploy.md §A16) or `unknown` (null).
   */
  previousVersion: number | null;
  previousVersionSource: 'server' | 'inferred' | 'unknown';
  isDeployed: boolean;
  deployedAt: string | null;
  deploymentVersionId: string | null;
  /**
   * `latestDeploymentAttempt.status`: `active` once the version is live (every recorded answer). Sim admits deploys
   * asynchronously and documents `preparing`, `activating`, `failed` and `superseded` as well.
   */
  attemptStatus: string | null;
  /** Sim's warnings, e.g. "Deployment activation completed, and post-activation notifications are queued." */
  warnings: string[];
  /** The server's `data`, as it was sent. */
  raw: Record<string, unknown>;
}

export interface UndeployResult {
  workflowId: string;
  /** False when the workflow was not deployed (Sim answers 400 "Workflow is not deployed"; the result is the same). */
  wasDeployed: boolean;
  warnings: string[];
  /** The server's `data`, or null when the workflow was not deployed. */
  raw: Record<string, unknown> | null;
}

/**
 * An export (`GET /api/v1/workflows/{id}/export` → `data`): portable, and what importWorkflow takes. Sim withholds
 * secrets (credentials, environment variables): they import empty and must be set again.
 */
export interface WorkflowExport {
  /** Format version of the export, `"1.0"`. */
  version: string;
  exportedAt?: string;
  workflow: {
    id: string;
    name: string;
    description?: string | null;
    workspaceId?: string;
    /** v1 exports. */
    folderId?: string | null;
    /** v2 exports. */
    folderPath?: string;
    [key: string]: unknown;
  };
  state: {
    blocks: Record<string, Record<string, unknown>>;
    edges: Array<Record<string, unknown>>;
    loops?: Record<string, unknown>;
    parallels?: Record<string, unknown>;
    metadata?: Record<string, unknown>;
    variables?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface ImportWorkflowParams extends RequestOptions {
  /** The workspace the new workflow is created in. */
  workspaceId: string;
  /** An export (exportWorkflow's result), or its JSON text. Sim also takes a bare state `{blocks, edges, …}`. */
  workflow: WorkflowExport | Record<string, unknown> | string;
  /** Name of the new workflow (1–200 characters). Default: the exported name. */
  name?: string;
  /** Up to 2 000 characters. Default: the exported description. */
  description?: string;
  /** A folder of the target workspace. Default: the workspace root. */
  folderId?: string;
}

/** The workflow an import created. Always a new workflow, with a new id; it is not deployed. */
export interface ImportedWorkflow {
  workflowId: string;
  name: string;
  description: string | null;
  workspaceId: string;
  folderId: string | null;
  createdAt: string;
  updatedAt: string;
  raw: Record<string, unknown>;
}

/** `GET /api/v2/workflows/{id}/deployment`. */
export interface WorkflowDeployment {
  workflowId: string;
  isDeployed: boolean;
  deployedAt: string | null;
  /** The live version, or null when the workflow is not deployed. */
  version: number | null;
  activeDeployment: ActiveDeployment | null;
  /** True when the editor's draft differs from the live version. */
  needsRedeployment: boolean;
  warnings: string[];
  raw: Record<string, unknown>;
}

/** One deployment version (`GET /api/v2/workflows/{id}/versions`), newest first. */
export interface WorkflowVersion {
  id: string;
  version: number;
  name: string | null;
  description: string | null;
  isActive: boolean;
  createdAt: string;
  deployedBy: string | null;
  latestOperationStatus?: string;
  [key: string]: unknown;
}

export interface ListWorkflowVersionsOptions extends RequestOptions {
  /** Versions per page (the server's default when omitted). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export type ListWorkflowVersionsResponse = ListResponse<WorkflowVersion>;
