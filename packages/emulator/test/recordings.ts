/**
 * The exchanges recorded from the real Sim server (recordings/sim-server-facts.md and the verbatim
 * recordings beside it), as a replay plan, keyed by profile. The recorded bodies come from the generated fixtures
 * (`quote(heading, n)`: the n-th JSON quote under that heading of recordings/sim-server-facts.md, test/facts-quotes.ts; and
 * test/deploy-recordings.ts); the rest (setups, loose paths, key fields) is the plan: how to bring the emulator into the
 * recorded situation and what to compare. `cites` names the section of recordings/sim-server-facts.md.
 *
 * Each exchange is replayed against a fresh emulator of that profile (see `recordings.test.ts`):
 * - `status` must be equal;
 * - `body` is the recorded body: the emulator's body must have the same shape (same keys at every level, same JSON
 *   types; arrays compared element by element against the recorded first element), except under the `loose` paths,
 *   where only the JSON type is compared (data-dependent maps such as workflow input/output);
 * - `fields` are key fields whose values must be equal (dotted paths; `{ re }` means "matches this regex");
 * - `exact` means the whole body must be deep-equal to `body`;
 * - `events` are the recorded SSE events (`"[DONE]"` for the terminator), compared in order by shape.
 * Placeholders in paths and bodies: `{echo}` etc. are the seed's workflow ids, `{jobId}`, `{jobIdEncoded}` and
 * `{executionId}` come from the exchange's `setup`.
 */

import { quote } from './facts-quotes.js';
import { DEPLOY_RECORDINGS } from './deploy-recordings.js';

export type ProfileKey = 'current' | '2026-03';
export type WorkflowKey = 'echo' | 'echoResponse' | 'slow' | 'fail' | 'stream' | 'typed' | 'undeployed';

export type Setup =
  /** async run of the workflow; wait until the job is no longer processing */
  | { kind: 'async-finished'; workflow: WorkflowKey; input: Record<string, unknown> }
  /** async run still processing */
  | { kind: 'async-running'; workflow: WorkflowKey; input: Record<string, unknown> }
  /** async run, cancelled by the client (one cancel call), then waited for */
  | { kind: 'async-cancelled'; workflow: WorkflowKey; input: Record<string, unknown> }
  /** async run, cancelled twice; the exchange's request is the second cancel */
  | { kind: 'async-cancelled-once'; workflow: WorkflowKey; input: Record<string, unknown> }
  /** sync or stream run in the background (with a client `X-Execution-Id` when the profile honours it) */
  | { kind: 'background'; mode: 'sync' | 'stream'; workflow: WorkflowKey; input: Record<string, unknown> }
  /** sync run (X-Execution-Id) cancelled and finished; the request reads its execution */
  | { kind: 'sync-cancelled'; workflow: WorkflowKey; input: Record<string, unknown> }
  /** `count` runs of the echo workflow first (to have logs from this session) */
  | { kind: 'runs'; count: number }
  /** the execute bucket emptied, then one execute with a fresh client id answered 429 (the id is `{executionId}`) */
  | { kind: 'burnt-id' }
  /** `count` v1 deploys of the echo workflow first (recordings/sim-server-facts.md §G.18) */
  | { kind: 'deploys'; count: number };

export interface Exchange {
  name: string;
  /** The section of recordings/sim-server-facts.md the recording comes from (`§5.2`, `§G.18`, `§March`; see recordings/README.md). */
  cites: string;
  options?: {
    redis?: boolean;
    rateLimits?: { execute?: number; api?: number };
    jobDurationMs?: number;
    slowWorkflowMs?: number;
  };
  setup?: Setup;
  /** Send the request this many times first (rate-limit recordings); the last answer is compared. */
  before?: number;
  request: {
    method: 'GET' | 'POST' | 'OPTIONS';
    path: string;
    /** default `valid` (the seed's member key); `bearer` sends the valid key as `Authorization: Bearer` only. */
    key?: 'valid' | 'enterprise' | 'none' | 'wrong' | 'bearer';
    headers?: Record<string, string>;
    body?: string;
  };
  status: number;
  body?: unknown;
  exact?: boolean;
  fields?: Record<string, unknown>;
  loose?: string[];
  /** Paths whose value may be null or not (e.g. an undeployed workflow's deployedAt, a folderId): either side may be null. */
  nullable?: string[];
  /** Expected header values (substring, case-insensitive); `null` means the header must be absent. */
  headers?: Record<string, string | null>;
  events?: unknown[];
  /** The background run's own answer (for `setup.kind === 'background'`). */
  background?: { status: number; body?: unknown; fields?: Record<string, unknown>; events?: unknown[] };
  /** After the exchange, read the job again and compare (March cancel without Redis: the run is not stopped). */
  thenJob?: { fields: Record<string, unknown> };
}

const ISO = { re: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$' };
const UUID = { re: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };

const S52 = '§5.2';
const S53 = '§5.3';
const S54 = '§5.4';
const S56 = '§5.6';
const S59 = '§5.9';
const MARCH = '§March';
/** recordings/sim-server-facts.md §5.2: the recorded sync answer `{success, executionId, output, metadata}` of echo with Ada/21. */
const syncAnswer = quote<{ executionId: string; output: Record<string, unknown>; metadata: Record<string, unknown> }>(
  S52,
  1,
);
const echoAda = syncAnswer.output;
const syncMeta = syncAnswer.metadata;
const failEve = quote<{ error: string }>(S52, 4).error;
/** recordings/sim-server-facts.md §5.6: the `limits` object of the v1 answers. */
const limits = quote<Record<string, unknown>>(S56, 1);
/** The recorded deploy / rollback `data` (recordings/sim-server-facts.md §G.18, §G.21; recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §H), for shape comparison. */
const deployData = (action: 'deploy' | 'activate'): Record<string, unknown> => {
  const d = structuredClone(
    (DEPLOY_RECORDINGS['v1 deploy (personal key)']!.body as { data: Record<string, any> }).data,
  );
  d.latestDeploymentAttempt.action = action;
  return d;
};
/** recordings/sim-server-facts.md §5.3: the current server's job metadata. */
const currentJobMeta = quote<{ metadata: Record<string, unknown> }>(S53, 2).metadata;
const marchDoneMeta = { startedAt: '2026-03-10T10:00:00.000Z', completedAt: '2026-03-10T10:00:00.104Z', duration: 104 };
const logItem = {
  id: 'e862b2ab-a7d1-487d-a867-caeac600b320',
  workflowId: '929e71a6-36bb-427a-a278-19ab9bd17345',
  executionId: '7941d798-f6ea-4c88-9c09-97754ccce186',
  deploymentVersionId: 'bfa22028-3a48-4afd-be3b-9a7328426a1a',
  level: 'info',
  trigger: 'api',
  startedAt: '2026-11-28T18:44:53.759Z',
  endedAt: '2026-11-28T18:44:53.890Z',
  totalDurationMs: 106,
  cost: { total: 0.005 },
  files: null,
};
// recordings/sim-server-facts.md §D: on the current server child spans carry startTime/endTime too (not recorded on March: kept as it was)
const spanFor = (march: boolean) => ({
  id: 'workflow-execution',
  name: 'Workflow Execution',
  type: 'workflow',
  duration: 106,
  startTime: '2026-11-28T18:44:53.759Z',
  endTime: '2026-11-28T18:44:53.865Z',
  status: 'success',
  children: [
    {
      id: 'b1-1764355493759',
      name: 'Start',
      type: 'start_trigger',
      duration: 3.15,
      ...(march ? {} : { startTime: '2026-11-28T18:44:53.759Z', endTime: '2026-11-28T18:44:53.762Z' }),
      status: 'success',
      blockId: 'b1',
      executionOrder: 1,
      input: {},
      output: {},
      relativeStartMs: 0,
      children: [],
    },
  ],
});
/** recordings/sim-server-facts.md §D: the current server's log detail fields (billingAttribution, block objects, tokens, cost, workflow.deleted). */
const billingAttribution = {
  actorUserId: 'x',
  workspaceId: 'x',
  billingEntity: { id: 'x', type: 'user' },
  billingPeriod: { start: 'x', end: 'x', source: 'x' },
  organizationId: null,
  payerSubscription: null,
  billedAccountUserId: 'x',
};
/** recordings/sim-server-facts.md §D: block marks are objects; §M14: `lastStartedBlock` has no `success`. */
const blockMark = (field: 'startedAt' | 'endedAt') => ({
  blockId: 'x',
  blockName: 'x',
  blockType: 'x',
  [field]: 'x',
  ...(field === 'endedAt' ? { success: true } : {}),
});
/** recordings/sim-server-facts.md §M14: the log detail's `executionData.correlation` (also in `executionData.trigger.data`). */
const correlation = { source: 'workflow', requestId: 'x', workflowId: 'x', executionId: 'x', triggerType: 'api' };
const workflowItem = (march: boolean) => ({
  id: '929e71a6-36bb-427a-a278-19ab9bd17345',
  name: 'echo-no-response',
  description: '',
  ...(march ? { color: '#ef4444' } : {}),
  folderId: null,
  workspaceId: '346b1753-cf23-479d-b9c8-fa1f3656fbe9',
  isDeployed: true,
  deployedAt: '2026-11-28T18:43:33.557Z',
  runCount: 6,
  lastRunAt: '2026-11-28T18:44:53.928Z',
  createdAt: '2026-11-28T18:43:29.348Z',
  updatedAt: '2026-11-28T18:43:33.032Z',
});
const cancelBody = (
  march: boolean,
  success: boolean,
  redisAvailable: boolean,
  durablyRecorded: boolean,
  reason: string,
) => ({
  success,
  executionId: '675661a2-0000-4000-8000-000000000000',
  redisAvailable,
  durablyRecorded,
  locallyAborted: false,
  ...(march ? {} : { pausedCancelled: false }),
  reason,
});
const cancelFields = (success: boolean, redisAvailable: boolean, durablyRecorded: boolean, reason: string) => ({
  success,
  redisAvailable,
  durablyRecorded,
  locallyAborted: false,
  reason,
});

/** Exchanges recorded identically on both versions (recordings/sim-server-facts.md §March: "Same as current"). */
function common(march: boolean): Exchange[] {
  return [
    {
      name: 'sync execute echo',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', body: '{"name":"Ada","count":21}' },
      status: 200,
      body: { success: true, executionId: 'dd16010d-60b4-45df-b2ea-2eed00834bc3', output: echoAda, metadata: syncMeta },
      fields: { success: true, output: echoAda, executionId: UUID, 'metadata.startTime': ISO },
      headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
    },
    {
      name: 'sync execute echo with {"input":{…}}',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', body: '{"input":{"name":"Bob","count":2}}' },
      status: 200,
      body: { success: true, executionId: 'dd16010d-60b4-45df-b2ea-2eed00834bc3', output: echoAda, metadata: syncMeta },
      fields: { 'output.result': { name: 'Bob', count: 2, doubled: 4 } },
    },
    {
      name: 'Response block: body verbatim, no envelope',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{echoResponse}/execute', body: '{"name":"Ada","count":21}' },
      status: 200,
      body: quote(S52, 3),
      exact: true,
      headers: { 'x-emu-test': 'yes', 'content-type': 'application/json' },
    },
    {
      name: 'failed sync run: 500 without executionId',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{fail}/execute', body: '{"name":"Eve"}' },
      status: 500,
      body: { success: false, output: {}, error: failEve, metadata: syncMeta },
      fields: { success: false, output: {}, error: failEve },
    },
    {
      name: 'execute with a wrong key',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', key: 'wrong', body: '{}' },
      status: 401,
      body: quote(S52, 6),
      exact: true,
    },
    {
      name: 'execute an unknown workflow',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/no-such-workflow/execute', body: '{}' },
      status: 404,
      body: quote(S52, 8),
      exact: true,
    },
    {
      name: 'execute a workflow that was never deployed',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{undeployed}/execute', body: '{}' },
      status: 403,
      body: quote(S52, 9),
      exact: true,
    },
    {
      name: 'OPTIONS on execute',
      cites: '§5.1',
      request: { method: 'OPTIONS', path: '/api/workflows/{echo}/execute', key: 'none' },
      status: 204,
      headers: { 'access-control-max-age': '86400', 'access-control-allow-origin': '*' },
    },
    {
      name: 'unknown job',
      cites: '§5.3',
      request: { method: 'GET', path: '/api/jobs/no-such-job' },
      status: 404,
      body: quote(S53, 3),
      exact: true,
    },
    {
      name: 'stream echo: one final event without executionId, quoted [DONE]',
      cites: '§5.4',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        body: '{"name":"Streamy","count":3,"stream":true}',
      },
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
      events: [quote(S54, 1), '[DONE]'],
    },
    {
      name: 'stream with X-Stream-Response header',
      cites: '§5.4',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-stream-response': 'true' },
        body: '{"name":"Streamy","count":3}',
      },
      status: 200,
      events: [
        {
          event: 'final',
          data: { success: true, output: { result: { name: 'Streamy', count: 3, doubled: 6 }, stdout: 'echo called' } },
        },
        '[DONE]',
      ],
    },
    {
      name: 'stream with selectedOutputs: output keyed by block id',
      cites: '§5.4',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        body: '{"input":{"name":"Sel","count":4},"stream":true,"selectedOutputs":["function.result"]}',
      },
      status: 200,
      events: [
        {
          event: 'final',
          data: { success: true, output: { 'wf-echo-function': { result: { name: 'Sel', count: 4, doubled: 8 } } } },
        },
        '[DONE]',
      ],
    },
    {
      name: 'stream of a Response-block workflow',
      cites: '§5.4',
      request: {
        method: 'POST',
        path: '/api/workflows/{echoResponse}/execute',
        body: '{"name":"Ada","count":21,"stream":true}',
      },
      status: 200,
      events: [
        {
          event: 'final',
          data: {
            success: true,
            output: {
              data: { echo: { name: 'Ada', count: 21, doubled: 42 }, ok: true },
              status: 200,
              headers: { 'Content-Type': 'application/json', 'X-Emu-Test': 'yes' },
            },
          },
        },
        '[DONE]',
      ],
    },
    {
      name: 'stream of a failing workflow: HTTP 200 and an error event',
      cites: '§5.4',
      request: { method: 'POST', path: '/api/workflows/{fail}/execute', body: '{"name":"Eve","stream":true}' },
      status: 200,
      events: [{ event: 'error', error: failEve }, '[DONE]'],
    },
    {
      name: 'v1 logs',
      cites: '§5.6',
      setup: { kind: 'runs', count: 1 },
      request: { method: 'GET', path: '/api/v1/logs?workspaceId={workspaceId}&limit=2' },
      status: 200,
      body: {
        data: [logItem, logItem],
        nextCursor:
          'eyJzdGFydGVkQXQiOiIyMDI2LTExLTI4VDE4OjQ0OjUzLjU0NFoiLCJpZCI6IjdkZjAzMzAyLWYyMjctNGQzZC04YmY3LWYyZTJlMTU0NzE2ZCIsIm9yZGVyIjoiZGVzYyJ9',
        limits,
      },
      fields: { 'data.0.cost.total': 0.005, 'data.0.trigger': 'api', 'data.0.workflowId': 'wf-echo' },
      headers: {
        'x-ratelimit-limit': march ? '30' : '999999',
        'x-ratelimit-remaining': march ? '59' : '99999',
        'x-ratelimit-reset': 'Z',
        // 5.1: every route but execute sends the app origin with credentials, and `vary: Origin`
        'access-control-allow-origin': 'http://127.0.0.1:',
        'access-control-allow-credentials': 'true',
        vary: 'Origin',
      },
    },
    {
      name: 'v1 logs with details=full, final output and trace spans',
      cites: '§5.6',
      request: {
        method: 'GET',
        path: '/api/v1/logs?workspaceId={workspaceId}&limit=1&details=full&includeFinalOutput=true&includeTraceSpans=true',
      },
      status: 200,
      body: {
        data: [
          {
            ...logItem,
            workflow: { id: 'x', name: 'echo', description: '', deleted: false },
            finalOutput: {},
            traceSpans: [spanFor(march)],
          },
        ],
        nextCursor: 'x',
        limits,
      },
      loose: ['data.0.finalOutput', 'data.0.traceSpans.0.children.0.input', 'data.0.traceSpans.0.children.0.output'],
    },
    {
      name: 'v1 log details',
      cites: '§5.6',
      setup: { kind: 'runs', count: 1 },
      request: { method: 'GET', path: '/api/v1/logs/{logId}' },
      status: 200,
      body: {
        data: {
          id: 'x',
          workflowId: 'x',
          executionId: 'x',
          level: 'info',
          trigger: 'api',
          startedAt: 'x',
          endedAt: 'x',
          totalDurationMs: 1,
          workflow: {
            id: 'x',
            name: 'x',
            description: '',
            folderId: null,
            userId: 'x',
            workspaceId: 'x',
            createdAt: 'x',
            updatedAt: 'x',
            ...(march ? {} : { deleted: false }),
          },
          executionData: {
            environment: {},
            trigger: {},
            ...(march ? {} : { correlation }),
            billingAttribution: march ? null : billingAttribution,
            lastStartedBlock: march ? 'x' : blockMark('startedAt'),
            lastCompletedBlock: march ? 'x' : blockMark('endedAt'),
            finalizationPath: 'completed',
            hasTraceSpans: true,
            traceSpanCount: 1,
            tokens: march ? {} : { input: 0, output: 0, total: 0 },
            models: {},
            finalOutput: {},
            workflowInput: {},
            traceSpans: [spanFor(march)],
          },
          cost: march ? {} : { total: 0.005 },
          createdAt: 'x',
        },
        limits,
      },
      loose: [
        'data.executionData.environment',
        'data.executionData.trigger',
        'data.executionData.finalOutput',
        'data.executionData.workflowInput',
        'data.executionData.traceSpans',
        ...(march ? ['data.executionData.tokens', 'data.cost'] : []),
      ],
    },
    {
      name: 'v1 execution details',
      cites: '§5.6',
      setup: { kind: 'runs', count: 1 },
      request: { method: 'GET', path: '/api/v1/logs/executions/{executionId}' },
      status: 200,
      body: {
        executionId: 'x',
        workflowId: 'x',
        workflowState: { blocks: {}, edges: [], loops: {}, parallels: {} },
        executionMetadata: { trigger: 'api', startedAt: 'x', endedAt: 'x', totalDurationMs: 1, cost: { total: 0.005 } },
        limits,
      },
      loose: ['workflowState.blocks', 'workflowState.edges'],
      fields: { 'executionMetadata.cost.total': 0.005, 'executionMetadata.trigger': 'api' },
    },
    {
      name: 'v1 without a key',
      cites: '§5.6',
      request: { method: 'GET', path: '/api/v1/logs?workspaceId={workspaceId}', key: 'none' },
      status: 401,
      body: quote(S56, 4),
      exact: true,
    },
    {
      name: 'v1 with a wrong key',
      cites: '§5.6',
      request: { method: 'GET', path: '/api/v1/workflows?workspaceId={workspaceId}', key: 'wrong' },
      status: 401,
      body: { error: 'Invalid API key' },
      exact: true,
    },
    {
      name: 'v1 workflows list',
      cites: '§5.7',
      request: { method: 'GET', path: '/api/v1/workflows?workspaceId={workspaceId}' },
      status: 200,
      body: { data: [workflowItem(march)], limits },
      nullable: ['data.0.deployedAt', 'data.0.lastRunAt', 'data.0.folderId'],
      fields: { 'data.0.id': 'wf-echo', 'data.0.isDeployed': true },
    },
    {
      name: 'v1 workflows with limit=1 has a nextCursor',
      cites: '§5.7',
      request: { method: 'GET', path: '/api/v1/workflows?workspaceId={workspaceId}&limit=1' },
      status: 200,
      body: { data: [workflowItem(march)], nextCursor: 'eyJzb3J0T3JkZXIiOi00LCJjcmVhdGVkQXQiOiI', limits },
    },
    {
      name: 'v1 workflow details: inputs as an array',
      cites: '§5.7',
      request: { method: 'GET', path: '/api/v1/workflows/{echo}' },
      status: 200,
      body: {
        data: {
          ...workflowItem(march),
          variables: {},
          inputs: [
            { id: 'a', name: 'name', type: 'string' },
            { id: 'b', name: 'count', type: 'number' },
          ],
        },
        limits,
      },
      fields: {
        'data.inputs.0.name': 'name',
        'data.inputs.0.type': 'string',
        'data.inputs.1.name': 'count',
        'data.inputs.1.type': 'number',
      },
    },
    {
      name: 'usage limits',
      cites: '§5.8',
      request: { method: 'GET', path: '/api/users/me/usage-limits' },
      status: 200,
      body: quote('§5.8', 1),
      fields: { success: true, 'rateLimit.authType': 'api', 'storage.limitBytes': 5368709120 },
    },
    {
      name: 'usage limits without a key',
      cites: '§5.8',
      request: { method: 'GET', path: '/api/users/me/usage-limits', key: 'none' },
      status: 401,
      body: quote('§5.8', 2),
      exact: true,
    },
    {
      name: 'execute 429: no Retry-After, no X-RateLimit-*',
      cites: '§5.9',
      options: { rateLimits: { execute: 4 } },
      before: 4,
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', body: '{"name":"Ada"}' },
      status: 429,
      body: quote(S59, 1),
      exact: true,
      headers: {
        'retry-after': null,
        'x-ratelimit-limit': null,
        'x-ratelimit-remaining': null,
        'x-ratelimit-reset': null,
      },
    },
    {
      name: 'async execute is charged to the sync bucket',
      cites: '§5.9',
      options: { rateLimits: { execute: 4 } },
      before: 4,
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-mode': 'async' },
        body: '{"name":"Ada"}',
      },
      status: 429,
      body: quote(S59, 1),
      exact: true,
    },
    {
      name: 'v1 429: retry-after 60, ISO reset, retryAfter in epoch ms',
      cites: '§5.9',
      options: { rateLimits: { api: 6 } },
      before: 6,
      request: { method: 'GET', path: '/api/v1/workflows?workspaceId={workspaceId}' },
      status: 429,
      body: quote(S59, 2),
      fields: {
        error: 'Rate limit exceeded',
        message: { re: '^API rate limit exceeded\\. Please retry after \\d{4}-.*Z$' },
      },
      // current: retry-after is the seconds until the bucket's reset (recordings/sim-server-facts.md §D; checked in ratelimit.test.ts)
      headers: {
        'retry-after': march ? '60' : '',
        'x-ratelimit-limit': march ? '3' : '6',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': 'Z',
        'content-type': 'application/json;charset=utf-8',
      },
    },
  ];
}

function current(): Exchange[] {
  return [
    {
      name: 'execute without a key',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', key: 'none', body: '{}' },
      status: 401,
      body: quote(S52, 5),
      exact: true,
    },
    {
      name: 'execute with Authorization: Bearer (not accepted)',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', key: 'bearer', body: '{}' },
      status: 401,
      body: quote(S52, 5),
      exact: true,
    },
    {
      name: 'malformed JSON',
      cites: '§5.2',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', body: '{"name":' },
      status: 400,
      body: quote(S52, 10),
      exact: true,
    },
    {
      name: 'sync + X-Execution-Timeout-Seconds',
      cites: '§5.2',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-timeout-seconds': '5' },
        body: '{}',
      },
      status: 400,
      body: quote(S52, 11),
      exact: true,
    },
    {
      name: 'X-Execution-Id is honoured',
      cites: '§5.5',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-id': '3f1e2d3c-0000-4000-8000-00000000abcd' },
        body: '{"name":"Ada","count":21}',
      },
      status: 200,
      body: { success: true, executionId: 'x', output: echoAda, metadata: syncMeta },
      fields: { executionId: '3f1e2d3c-0000-4000-8000-00000000abcd' },
    },
    {
      name: 'async 202 receipt',
      cites: '§5.3',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-mode': 'async' },
        body: '{"name":"Async","count":5}',
      },
      status: 202,
      body: {
        success: true,
        async: true,
        jobId: 'workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
        executionId: '8b3c9708-775f-4e1a-8975-616cf105156b',
        message: 'Workflow execution queued',
        statusUrl: 'http://127.0.0.1:3000/api/jobs/workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
      },
      fields: {
        success: true,
        async: true,
        message: 'Workflow execution queued',
        jobId: { re: '^workflow-execution:[0-9a-f-]{36}$' },
        statusUrl: { re: '/api/jobs/workflow-execution:[0-9a-f-]{36}$' },
      },
    },
    {
      name: 'job completed',
      cites: '§5.3',
      setup: { kind: 'async-finished', workflow: 'echo', input: { name: 'Async', count: 5 } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: {
        success: true,
        taskId: 'workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
        status: 'completed',
        metadata: currentJobMeta,
        output: {
          output: { result: { name: 'Async', count: 5, doubled: 10 }, stdout: 'echo called' },
          success: true,
          executedAt: '2026-11-28T18:43:44.994Z',
          workflowId: 'x',
          executionId: 'x',
        },
      },
      fields: {
        status: 'completed',
        'output.output.result': { name: 'Async', count: 5, doubled: 10 },
        'output.success': true,
        'metadata.correlation.triggerType': 'api',
      },
    },
    {
      name: 'job completed, %3A-encoded id',
      cites: '§5.3',
      setup: { kind: 'async-finished', workflow: 'echo', input: { name: 'Async', count: 5 } },
      request: { method: 'GET', path: '/api/jobs/{jobIdEncoded}' },
      status: 200,
      fields: { status: 'completed', 'output.output.result.doubled': 10 },
    },
    {
      name: 'job processing',
      cites: '§5.3',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'async-running', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: { success: true, taskId: 'x', status: 'processing', metadata: currentJobMeta, output: null },
      fields: { status: 'processing', output: null },
    },
    {
      name: 'job failed',
      cites: '§5.3',
      setup: { kind: 'async-finished', workflow: 'fail', input: { name: 'Eve' } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: { success: true, taskId: 'x', status: 'failed', metadata: currentJobMeta, output: null, error: failEve },
      fields: { status: 'failed', error: failEve, output: null },
    },
    {
      name: 'job cancelled',
      cites: '§5.3',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'async-cancelled', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: {
        success: true,
        taskId: 'x',
        status: 'cancelled',
        metadata: currentJobMeta,
        output: null,
        error: 'Cancelled',
      },
      fields: { status: 'cancelled', error: 'Cancelled' },
    },
    {
      name: 'job of a Response-block workflow',
      cites: '§5.3',
      setup: { kind: 'async-finished', workflow: 'echoResponse', input: { name: 'Ada', count: 21 } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: {
        success: true,
        taskId: 'x',
        status: 'completed',
        metadata: currentJobMeta,
        output: {
          output: {
            data: { ok: true, echo: {} },
            status: 200,
            headers: { 'X-Emu-Test': 'yes', 'Content-Type': 'application/json' },
          },
          success: true,
          executedAt: 'x',
          workflowId: 'x',
          executionId: 'x',
        },
      },
      loose: ['output.output.data.echo'],
      fields: {
        'output.output.status': 200,
        'output.output.headers': { 'X-Emu-Test': 'yes', 'Content-Type': 'application/json' },
      },
    },
    {
      name: 'job without a key',
      cites: '§5.3',
      request: { method: 'GET', path: '/api/jobs/anything', key: 'none' },
      status: 401,
      body: quote(S53, 4),
      exact: true,
    },
    {
      name: 'stream cancelled mid-run: final success:false',
      cites: '§5.4',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'background', mode: 'stream', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(false, true, true, true, 'recorded'),
      fields: cancelFields(true, true, true, 'recorded'),
      background: { status: 200, events: [{ event: 'final', data: { success: false, output: {} } }, '[DONE]'] },
    },
    {
      name: 'cancel a running async job, no Redis',
      cites: '§5.5',
      options: { redis: false, slowWorkflowMs: 10000 },
      setup: { kind: 'async-running', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(false, true, false, false, 'queue_cancelled'),
      fields: cancelFields(true, false, false, 'queue_cancelled'),
      thenJob: { fields: { status: 'cancelled' } },
    },
    {
      name: 'cancel it a second time, no Redis',
      cites: '§5.5',
      options: { redis: false, slowWorkflowMs: 10000 },
      setup: { kind: 'async-cancelled-once', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(false, true, true, false, 'already_cancelled'),
      fields: cancelFields(true, true, false, 'already_cancelled'),
    },
    {
      name: 'cancel a sync run (X-Execution-Id), no Redis: says redis_unavailable, yet the run stops',
      cites: '§5.5',
      options: { redis: false, slowWorkflowMs: 10000 },
      setup: { kind: 'background', mode: 'sync', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(false, false, false, false, 'redis_unavailable'),
      fields: cancelFields(false, false, false, 'redis_unavailable'),
      background: {
        status: 200,
        body: {
          success: false,
          executionId: '675661a2-…',
          output: {},
          metadata: { duration: 3994.47, startTime: 'x', endTime: 'x' },
        },
        fields: { success: false, output: {} },
      },
    },
    {
      name: 'cancel a stream run, no Redis',
      cites: '§5.5',
      options: { redis: false, slowWorkflowMs: 10000 },
      setup: { kind: 'background', mode: 'stream', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      fields: cancelFields(false, false, false, 'redis_unavailable'),
      background: { status: 200, events: [{ event: 'final', data: { success: false, output: {} } }, '[DONE]'] },
    },
    {
      name: 'cancel a running async job with Redis',
      cites: '§5.5',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'async-running', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(false, true, true, true, 'recorded'),
      fields: cancelFields(true, true, true, 'recorded'),
      thenJob: { fields: { status: 'cancelled', error: 'Cancelled' } },
    },
    {
      name: 'cancel a sync run with Redis',
      cites: '§5.5',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'background', mode: 'sync', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      fields: cancelFields(true, true, true, 'recorded'),
      background: { status: 200, fields: { success: false, output: {} } },
    },
    {
      name: 'cancel an unknown executionId',
      cites: '§5.5',
      request: { method: 'POST', path: '/api/workflows/{echo}/executions/00000000-dead-4000-8000-000000000000/cancel' },
      status: 404,
      body: { error: 'Execution not found' },
      exact: true,
    },
    {
      name: 'execution after a cancel',
      cites: '§5.5',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'sync-cancelled', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'GET', path: '/api/workflows/{slow}/executions/{executionId}' },
      status: 200,
      body: {
        executionId: 'b709116f-…',
        workflowId: 'cb86521d-…',
        status: 'cancelled',
        trigger: 'api',
        level: 'info',
        startedAt: 'x',
        endedAt: 'x',
        totalDurationMs: 5864,
        paused: null,
        cost: { total: 0.005 },
        error: null,
        finalOutput: null,
        blockOutputs: null,
      },
      fields: { status: 'cancelled', level: 'info', 'cost.total': 0.005 },
    },
    {
      name: 'execution of a completed run',
      cites: '§5.5',
      setup: { kind: 'runs', count: 1 },
      request: { method: 'GET', path: '/api/workflows/{echo}/executions/{executionId}' },
      status: 200,
      body: {
        executionId: 'x',
        workflowId: 'x',
        status: 'completed',
        trigger: 'api',
        level: 'info',
        startedAt: 'x',
        endedAt: 'x',
        totalDurationMs: 1,
        paused: null,
        cost: { total: 0.005 },
        error: null,
        finalOutput: null,
        blockOutputs: null,
      },
      fields: { status: 'completed' },
    },
    {
      name: 'v1 log of a cancelled run: level info, finalOutput {cancelled:true}',
      cites: '§5.5',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'sync-cancelled', workflow: 'slow', input: { name: 'Slow' } },
      request: {
        method: 'GET',
        path: '/api/v1/logs?workspaceId={workspaceId}&executionId={executionId}&details=full&includeFinalOutput=true',
      },
      status: 200,
      fields: { 'data.0.level': 'info', 'data.0.finalOutput': { cancelled: true } },
    },
    {
      name: 'v1 logs without workspaceId',
      cites: '§5.6',
      request: { method: 'GET', path: '/api/v1/logs' },
      status: 400,
      body: quote(S56, 3),
      exact: true,
    },
  ];
}

function march(): Exchange[] {
  const marchNoKey = { error: 'Authentication required - provide session, API key, or internal JWT' };
  return [
    {
      name: 'execute without a key',
      cites: '§March',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', key: 'none', body: '{}' },
      status: 401,
      body: marchNoKey,
      exact: true,
    },
    {
      name: 'execute with Authorization: Bearer',
      cites: '§March',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', key: 'bearer', body: '{}' },
      status: 401,
      body: marchNoKey,
      exact: true,
    },
    {
      name: 'malformed JSON runs with empty input',
      cites: '§March',
      request: { method: 'POST', path: '/api/workflows/{echo}/execute', body: '{"name":' },
      status: 200,
      body: {
        success: true,
        executionId: 'x',
        output: { result: { doubled: 0 }, stdout: 'echo called' },
        metadata: syncMeta,
      },
      fields: { success: true, 'output.result': { doubled: 0 } },
    },
    {
      name: 'sync + X-Execution-Timeout-Seconds is ignored',
      cites: '§March',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-timeout-seconds': '5' },
        body: '{"name":"Ada","count":21}',
      },
      status: 200,
      fields: { success: true, output: echoAda },
    },
    {
      name: 'X-Execution-Id is ignored',
      cites: '§top',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-id': '3f1e2d3c-0000-4000-8000-00000000abcd' },
        body: '{"name":"Ada","count":21}',
      },
      status: 200,
      fields: { executionId: { re: '^(?!3f1e2d3c-0000-4000-8000-00000000abcd$)[0-9a-f-]{36}$' } },
    },
    {
      name: 'async 202 receipt: run_<hex>',
      cites: '§March',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-mode': 'async' },
        body: '{"name":"Async","count":5}',
      },
      status: 202,
      body: {
        success: true,
        async: true,
        jobId: 'run_15150f48f7134aa38a89',
        executionId: 'x',
        message: 'Workflow execution queued',
        statusUrl: 'http://127.0.0.1:3000/api/jobs/run_15150f48f7134aa38a89',
      },
      fields: { jobId: { re: '^run_[0-9a-f]{20}$' }, statusUrl: { re: '/api/jobs/run_[0-9a-f]{20}$' } },
    },
    {
      name: 'job processing: estimatedDuration, no output',
      cites: '§March',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'async-running', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: {
        success: true,
        taskId: 'run_15150f48f7134aa38a89',
        status: 'processing',
        metadata: { startedAt: 'x' },
        estimatedDuration: 300000,
      },
      fields: { status: 'processing', estimatedDuration: 300000 },
    },
    {
      name: 'job completed: timing metadata, nested output',
      cites: '§March',
      setup: { kind: 'async-finished', workflow: 'echo', input: { name: 'Async', count: 5 } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: {
        success: true,
        taskId: 'x',
        status: 'completed',
        metadata: marchDoneMeta,
        output: {
          success: true,
          workflowId: 'x',
          executionId: 'x',
          output: { result: { name: 'Async', count: 5, doubled: 10 }, stdout: 'echo called' },
          executedAt: 'x',
        },
      },
      fields: { status: 'completed', 'output.output.result.doubled': 10, 'metadata.completedAt': ISO },
    },
    {
      name: 'job failed: no output',
      cites: '§March',
      setup: { kind: 'async-finished', workflow: 'fail', input: { name: 'Eve' } },
      request: { method: 'GET', path: '/api/jobs/{jobId}' },
      status: 200,
      body: { success: true, taskId: 'x', status: 'failed', metadata: marchDoneMeta, error: failEve },
      fields: { status: 'failed', error: failEve },
    },
    {
      name: 'job without a key',
      cites: '§March',
      request: { method: 'GET', path: '/api/jobs/anything', key: 'none' },
      status: 401,
      body: { ...marchNoKey, code: 'AUTHENTICATION_REQUIRED_-_PROVIDE_SESSION,_API_KEY,_OR_INTERNAL_JWT' },
      exact: true,
    },
    {
      name: 'cancel a running async job with Redis: the job then reads completed, output.success false',
      cites: '§March',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'async-running', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(true, true, true, true, 'recorded'),
      fields: cancelFields(true, true, true, 'recorded'),
      thenJob: { fields: { status: 'completed', 'output.success': false, 'output.output': {} } },
    },
    {
      name: 'cancel a running async job without Redis: not stopped',
      cites: '§March',
      options: { redis: false, slowWorkflowMs: 600 },
      setup: { kind: 'async-running', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(true, false, false, false, 'redis_unavailable'),
      fields: cancelFields(false, false, false, 'redis_unavailable'),
      thenJob: { fields: { status: 'completed', 'output.success': true, 'output.output.result.name': 'Slow' } },
    },
    {
      name: 'cancel an unknown executionId (Redis): 200 recorded',
      cites: '§March',
      request: { method: 'POST', path: '/api/workflows/{echo}/executions/00000000-dead-4000-8000-000000000000/cancel' },
      status: 200,
      body: cancelBody(true, true, true, true, 'recorded'),
      fields: cancelFields(true, true, true, 'recorded'),
    },
    {
      name: 'v1 logs without workspaceId',
      cites: '§March',
      request: { method: 'GET', path: '/api/v1/logs' },
      status: 400,
      body: quote(MARCH, 7),
      exact: true,
    },
    {
      name: 'free-tier limits in force',
      cites: '§March',
      request: { method: 'GET', path: '/api/users/me/usage-limits' },
      status: 200,
      fields: {
        'rateLimit.sync.requestsPerMinute': 50,
        'rateLimit.sync.maxBurst': 100,
        'rateLimit.async.requestsPerMinute': 200,
        'rateLimit.async.maxBurst': 400,
      },
    },
  ];
}

/**
 * recordings/sim-server-facts.md §2026-12-01 (§A, §B, §D, §F, §G.15 to §G.17, §G.19), on the current server. The March profile has
 * no recording of these: it keeps its behaviour (emulator README). Paused runs, resume, v2 and deploy/import/rollback
 * are outside the emulator's scope here.
 */
function recorded20261201(): Exchange[] {
  const fn = '{echo}-function';
  const runOf = (selector: string) => `/api/workflows/{echo}/executions/{executionId}?selectedOutputs=${selector}`;
  const view = {
    executionId: 'x',
    workflowId: 'x',
    status: 'completed',
    trigger: 'api',
    level: 'info',
    startedAt: 'x',
    endedAt: 'x',
    totalDurationMs: 1,
    paused: null,
    cost: { total: 0.005 },
    error: null,
    finalOutput: null,
    blockOutputs: {},
  };
  return [
    {
      name: 'A: execute after a 429 with the same X-Execution-Id: 409 EXECUTION_ID_CONFLICT',
      cites: '§A',
      options: { rateLimits: { execute: 1 } },
      setup: { kind: 'burnt-id' },
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-id': '{executionId}' },
        body: '{"name":"same-id"}',
      },
      status: 409,
      body: { error: 'Execution ID has already been used', code: 'EXECUTION_ID_CONFLICT', executionId: 'x' },
      fields: { error: 'Execution ID has already been used', code: 'EXECUTION_ID_CONFLICT', executionId: UUID },
    },
    {
      name: 'A: the rate-limited attempt left a failed ~1 ms log entry for its id',
      cites: '§A',
      options: { rateLimits: { execute: 1 } },
      setup: { kind: 'burnt-id' },
      request: {
        method: 'GET',
        path: '/api/v1/logs?workspaceId={workspaceId}&executionId={executionId}&details=full&includeFinalOutput=true',
      },
      status: 200,
      fields: {
        'data.0.level': 'error',
        'data.0.totalDurationMs': 1,
        'data.0.finalOutput.error': { re: '^Rate limit exceeded\\. \\d+ requests remaining\\. Resets at \\d{4}-' },
      },
    },
    {
      name: 'B: async execute with selectedOutputs: 400',
      cites: '§B',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        headers: { 'x-execution-mode': 'async' },
        body: '{"name":"A","count":1,"selectedOutputs":["function.result"]}',
      },
      status: 400,
      body: quote('§B', 2),
      exact: true,
    },
    ...['function.result', `${fn}.result`, `${fn}_result`, 'function1.result', `${fn}_result.doubled`].map(
      (selector): Exchange => ({
        name: `B/G 15: sync execute ignores selectedOutputs ${selector}`,
        cites: '§G.15',
        request: {
          method: 'POST',
          path: '/api/workflows/{echo}/execute',
          body: `{"name":"Sel","count":5,"selectedOutputs":["${selector}"]}`,
        },
        status: 200,
        body: {
          success: true,
          executionId: 'x',
          output: { result: { name: 'Sel', count: 5, doubled: 10 }, stdout: 'echo called' },
          metadata: syncMeta,
        },
        fields: { output: { result: { name: 'Sel', count: 5, doubled: 10 }, stdout: 'echo called' } },
      }),
    ),
    {
      name: 'G 16: stream with selectedOutputs ["function.result"]: final output keyed by block id',
      cites: '§G.16',
      request: {
        method: 'POST',
        path: '/api/workflows/{echo}/execute',
        body: '{"name":"Sel","count":5,"stream":true,"selectedOutputs":["function.result"]}',
      },
      status: 200,
      events: [
        {
          event: 'final',
          data: { success: true, output: { 'wf-echo-function': { result: { name: 'Sel', count: 5, doubled: 10 } } } },
        },
        '[DONE]',
      ],
    },
    {
      name: 'G 17: execution ?selectedOutputs=<blockId>.result.doubled,<startId>',
      cites: '§G.17',
      setup: { kind: 'runs', count: 1 },
      request: { method: 'GET', path: runOf(`${fn}.result.doubled,{echo}-start`) },
      status: 200,
      body: view,
      loose: ['blockOutputs'],
      fields: { blockOutputs: { 'wf-echo-function.result.doubled': 0, 'wf-echo-start': { name: 'run-0', count: 0 } } },
    },
    ...[
      ['by name', 'function.result'],
      ['underscore form', `${fn}_result`],
    ].map(
      ([what, selector]): Exchange => ({
        name: `G 17: execution ?selectedOutputs ${what} selects nothing`,
        cites: '§G.17',
        setup: { kind: 'runs', count: 1 },
        request: { method: 'GET', path: runOf(selector!) },
        status: 200,
        body: view,
        fields: { blockOutputs: {} },
      }),
    ),
    {
      name: 'G 19: v1 export',
      cites: '§G.19',
      request: { method: 'GET', path: '/api/v1/workflows/{echo}/export' },
      status: 200,
      body: {
        data: {
          version: '1.0',
          exportedAt: 'x',
          workflow: { id: 'x', name: 'echo', description: 'x', workspaceId: 'x', folderId: null },
          state: {
            blocks: {},
            edges: [
              {
                id: 'x',
                source: 'x',
                target: 'x',
                sourceHandle: 'source',
                targetHandle: 'target',
                type: 'default',
                data: {},
              },
            ],
            loops: {},
            parallels: {},
            metadata: { name: 'echo', description: 'x', exportedAt: 'x' },
            variables: {},
          },
        },
        limits,
      },
      loose: ['data.state.blocks'],
      fields: {
        'data.version': '1.0',
        'data.workflow.id': 'wf-echo',
        'data.state.blocks.wf-echo-function.name': 'Function',
      },
    },
    {
      name: 'G 18: v1 deploy makes a new version (the seeded one is 1)',
      cites: '§G.18',
      request: {
        method: 'POST',
        path: '/api/v1/workflows/{echo}/deploy',
        body: '{"name":"hitl-probe deploy","description":"redeploy via v1"}',
      },
      status: 200,
      body: { data: deployData('deploy'), limits },
      fields: {
        'data.id': 'wf-echo',
        'data.version': 2,
        'data.activeDeployment.version': 2,
        'data.latestDeploymentAttempt.action': 'deploy',
        'data.latestDeploymentAttempt.status': 'active',
        'data.deployedAt': ISO,
      },
      headers: { 'x-ratelimit-limit': '999999', 'x-ratelimit-reset': 'T' },
    },
    {
      name: 'G 21: v1 rollback {} after one deploy: back to version 1',
      cites: '§G.21',
      setup: { kind: 'deploys', count: 1 },
      request: { method: 'POST', path: '/api/v1/workflows/{echo}/rollback', body: '{}' },
      status: 200,
      body: { data: deployData('activate'), limits },
      fields: {
        'data.version': 1,
        'data.activeDeployment.deploymentVersionId': 'dv-wf-echo',
        'data.latestDeploymentAttempt.action': 'activate',
      },
      headers: { 'x-ratelimit-limit': '999999' },
    },
    {
      name: 'G 20: v1 import → 201, the description falls back to the exported one',
      cites: '§G.20',
      request: {
        method: 'POST',
        path: '/api/v1/workflows/import',
        body: JSON.stringify({
          workspaceId: '{workspaceId}',
          name: 'imported-echo-ws',
          workflow: {
            version: '1.0',
            exportedAt: '2026-12-02T00:10:50.977Z',
            workflow: {
              id: '{echo}',
              name: 'echo',
              description: 'echo workflow',
              workspaceId: '{workspaceId}',
              folderId: null,
            },
            state: {
              blocks: {
                s1: { id: 's1', type: 'start_trigger', name: 'Start', position: { x: 0, y: 0 }, subBlocks: {} },
              },
              edges: [],
              loops: {},
              parallels: {},
              metadata: {},
              variables: {},
            },
          },
        }),
      },
      status: 201,
      body: {
        data: {
          id: 'x',
          name: 'imported-echo-ws',
          description: 'echo workflow',
          workspaceId: 'x',
          folderId: null,
          createdAt: 'x',
          updatedAt: 'x',
        },
        limits,
      },
      fields: {
        'data.id': UUID,
        'data.name': 'imported-echo-ws',
        'data.description': 'echo workflow',
        'data.workspaceId': 'ws-emulator',
        'data.createdAt': ISO,
      },
      headers: { 'x-ratelimit-limit': '999999' },
    },
    {
      name: 'D: v1 execution details: full block objects and edges',
      cites: '§D',
      setup: { kind: 'runs', count: 1 },
      request: { method: 'GET', path: '/api/v1/logs/executions/{executionId}' },
      status: 200,
      fields: {
        'workflowState.blocks.wf-echo-function': {
          id: 'wf-echo-function',
          type: 'function',
          name: 'Function',
          position: { x: 300, y: 0 },
          enabled: true,
          horizontalHandles: true,
          advancedMode: false,
          errorEnabled: false,
          triggerMode: false,
          height: 0,
          subBlocks: {
            // the recorded echo workflow's code (recordings/sim-server-facts.md §5; recordings/2026-12-03-v2-workflow-management.md §"v2 export")
            code: {
              id: 'code',
              type: 'code',
              value:
                "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }",
            },
            language: { id: 'language', type: 'dropdown', value: 'javascript' },
          },
          outputs: {},
          data: {},
          locked: false,
        },
        'workflowState.edges.0.sourceHandle': 'source',
        'workflowState.edges.0.targetHandle': 'target',
        'workflowState.edges.0.type': 'default',
      },
    },
    {
      name: 'D: cancel a second time (Redis): already_cancelled, not durably recorded',
      cites: '§D',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'async-cancelled-once', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'POST', path: '/api/workflows/{slow}/executions/{executionId}/cancel' },
      status: 200,
      body: cancelBody(false, true, true, false, 'already_cancelled'),
      fields: cancelFields(true, true, false, 'already_cancelled'),
    },
    {
      name: 'D: execution while running: cost null',
      cites: '§D',
      options: { slowWorkflowMs: 10000 },
      setup: { kind: 'async-running', workflow: 'slow', input: { name: 'Slow' } },
      request: { method: 'GET', path: '/api/workflows/{slow}/executions/{executionId}' },
      status: 200,
      fields: { status: 'running', endedAt: null, totalDurationMs: null, cost: null },
    },
    {
      name: 'D: audit logs refused with one of the real texts',
      cites: '§D',
      request: { method: 'GET', path: '/api/v1/audit-logs' },
      status: 403,
      body: { error: 'Not a member of any organization' },
      exact: true,
    },
    {
      name: 'D: an audit-log entry has a description',
      cites: '§D',
      request: { method: 'GET', path: '/api/v1/audit-logs?limit=1', key: 'enterprise' },
      status: 200,
      fields: { 'data.0.description': { re: '\\S' } },
    },
    {
      name: 'D: OPTIONS on execute has no x-request-id',
      cites: '§D',
      request: { method: 'OPTIONS', path: '/api/workflows/{echo}/execute', key: 'none' },
      status: 204,
      headers: { 'x-request-id': null },
    },
  ];
}

export const RECORDINGS: Record<ProfileKey, Exchange[]> = {
  current: [...common(false), ...current(), ...recorded20261201()],
  '2026-03': [...common(true), ...march()],
};
