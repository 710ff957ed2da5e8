/** Per-version differences of the real Sim server, as recorded in recordings/sim-server-facts.md. */
import { randomBytes } from 'node:crypto';
import type { BucketSpec } from './ratelimit.js';

export type ProfileName = 'current' | '2026-03';
export const PROFILE_NAMES: readonly ProfileName[] = ['current', '2026-03'];

export interface Profile {
  name: ProfileName;
  /** Server version the profile reproduces. */
  version: string;
  /** 401 body of `POST …/execute` and cancel without a key or with `Authorization: Bearer`. */
  executeNoKey: Record<string, unknown>;
  /** 401 body of `GET /api/jobs/{id}` without a valid key. */
  jobsNoKey: Record<string, unknown>;
  /** 400 body of `/api/v1/logs|workflows` without workspaceId. */
  missingWorkspace: Record<string, unknown>;
  /** Malformed JSON on execute: `reject` → 400, `empty-input` → runs with `{}`. */
  malformedJson: 'reject' | 'empty-input';
  /** `X-Execution-Timeout-Seconds` on a sync run → 400. */
  rejectSyncTimeoutHeader: boolean;
  /** Client-chosen `X-Execution-Id` header is used as the executionId. */
  honourExecutionIdHeader: boolean;
  /** Workflows carry a `color` field. */
  workflowColor: boolean;
  /** Job ids derived from the executionId. */
  makeJobId(executionId: string): string;
  /** `estimatedDuration` on processing jobs, or null. */
  estimatedDuration: number | null;
  /** Cancel body has `pausedCancelled`. */
  cancelHasPausedCancelled: boolean;
  /** `GET /api/workflows/{id}/executions/{executionId}` exists (Sim since May 2026; recordings/sim-server-facts.md §F). */
  executionResource: boolean;
  /** `POST /api/resume/{wf}/{exec}/{contextId}` and `GET /api/workflows/{id}/paused[/{executionId}]` are served (recordings/sim-server-facts.md §G). */
  pausedRuns: boolean;
  /** Async execute with `selectedOutputs` (or draft/override controls) → 400 (current, recordings/sim-server-facts.md §B). No March recording. */
  asyncRefusesExecutionControls: boolean;
  /** Sync execute applies `selectedOutputs` (the current server ignores them, recordings/sim-server-facts.md §G.15). No March recording: kept. */
  syncNarrowsSelectedOutputs: boolean;
  /** `GET /api/v1/workflows/{id}/export` exists (recordings/sim-server-facts.md §G.19; absent from the March spec). */
  exportRoute: boolean;
  /** `POST /api/v1/workflows/{id}/deploy|rollback` and `POST /api/v1/workflows/import` exist (recordings/sim-server-facts.md §G.18, §G.20, §G.21; absent from the March spec). */
  deployRoutes: boolean;
  /** Cancel of an unknown executionId: 404 or a 200 body. */
  unknownCancel: 'not-found' | 'accept';
  /** A cancelled async job reads `cancelled` (current) or `completed` with output.success false (March). */
  cancelledJobStatus: 'cancelled' | 'completed-unsuccessful';
  /** Without Redis: does a cancel stop the run? */
  cancelWithoutRedis: 'queue-cancel' | 'unavailable';
  /** `x-ratelimit-limit` on v1: the bucket's maxBurst (current) or its requestsPerMinute (March). */
  v1LimitHeader: 'maxBurst' | 'requestsPerMinute';
  /** Rate limits in force when the emulator has no `rateLimits` option. */
  defaultLimits: { sync: BucketSpec; async: BucketSpec; api: BucketSpec };
  /**
   * Whether those default buckets are kept and spent (current: Sim keeps even its 999999-token buckets, so
   * `remaining` counts down, as recorded) or only reported (March: the free-tier sizes, never enforced here).
   */
  defaultLimitsKept: boolean;
  /** How long the execution resource of a finished sync run reads `running` after the answer (recordings/sim-server-facts.md §D1, §M1), unless `syncRecordLagMs` says otherwise. */
  syncRecordLagMs: number;
}

const unlimited: BucketSpec = { requestsPerMinute: 999999, maxBurst: 999999 };

const current: Profile = {
  name: 'current',
  version: 'v0.8.9 (2026-08)',
  executeNoKey: { error: 'Unauthorized' },
  jobsNoKey: { error: 'Unauthorized', code: 'UNAUTHORIZED' },
  missingWorkspace: {
    error: 'Workspace ID is required',
    details: [{ expected: 'string', code: 'invalid_type', path: ['workspaceId'], message: 'Workspace ID is required' }],
  },
  malformedJson: 'reject',
  rejectSyncTimeoutHeader: true,
  honourExecutionIdHeader: true,
  workflowColor: false,
  makeJobId: (executionId) => `workflow-execution:${executionId}`,
  estimatedDuration: null,
  cancelHasPausedCancelled: true,
  executionResource: true,
  pausedRuns: true,
  asyncRefusesExecutionControls: true,
  syncNarrowsSelectedOutputs: false,
  exportRoute: true,
  deployRoutes: true,
  unknownCancel: 'not-found',
  cancelledJobStatus: 'cancelled',
  cancelWithoutRedis: 'queue-cancel',
  v1LimitHeader: 'maxBurst',
  defaultLimits: { sync: unlimited, async: unlimited, api: unlimited },
  defaultLimitsKept: true,
  syncRecordLagMs: 400,
};

const march: Profile = {
  name: '2026-03',
  version: 'March 2026 (the spec version)',
  executeNoKey: { error: 'Authentication required - provide session, API key, or internal JWT' },
  jobsNoKey: {
    error: 'Authentication required - provide session, API key, or internal JWT',
    code: 'AUTHENTICATION_REQUIRED_-_PROVIDE_SESSION,_API_KEY,_OR_INTERNAL_JWT',
  },
  missingWorkspace: {
    error: 'Invalid parameters',
    details: [
      { code: 'invalid_type', expected: 'string', received: 'undefined', path: ['workspaceId'], message: 'Required' },
    ],
  },
  malformedJson: 'empty-input',
  rejectSyncTimeoutHeader: false,
  honourExecutionIdHeader: false,
  workflowColor: true,
  makeJobId: () => `run_${randomBytes(10).toString('hex')}`,
  estimatedDuration: 300000,
  cancelHasPausedCancelled: false,
  executionResource: false,
  pausedRuns: false,
  asyncRefusesExecutionControls: false,
  syncNarrowsSelectedOutputs: true,
  exportRoute: false,
  deployRoutes: false,
  unknownCancel: 'accept',
  cancelledJobStatus: 'completed-unsuccessful',
  cancelWithoutRedis: 'unavailable',
  v1LimitHeader: 'requestsPerMinute',
  defaultLimits: {
    sync: { requestsPerMinute: 50, maxBurst: 100 },
    async: { requestsPerMinute: 200, maxBurst: 400 },
    api: { requestsPerMinute: 30, maxBurst: 60 },
  },
  defaultLimitsKept: false,
  syncRecordLagMs: 0,
};

export const PROFILES: Record<ProfileName, Profile> = { current, '2026-03': march };

export function getProfile(name: string | undefined): Profile {
  const key = (name ?? 'current') as ProfileName;
  const p = PROFILES[key];
  if (!p) throw new Error(`Unknown emulator profile "${name}". Use one of: ${PROFILE_NAMES.join(', ')}.`);
  return p;
}
