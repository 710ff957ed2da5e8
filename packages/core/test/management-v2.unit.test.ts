// The v2 reads of workflow management (deployment state, versions) parsed from the answers recorded on a real Sim
// (packages/emulator/recordings/2026-12-03-v2-workflow-management.md, verbatim bodies), through a scripted transport
// until the emulator serves these routes. Also: what a deploy reports as the previous version when the server can tell.
import { describe, expect, it } from 'vitest';
import { SimPermissionDeniedError } from '../src/index.js';
import { fakeClient, json } from './fake.js';

const ECHO = 'wf-echo';
const ATTEMPT = {
  id: '544d7d9b-816e-4880-8102-24c2587b2b03',
  deploymentVersionId: '4a8f1905-b58e-48e7-a74e-a76d713a390e',
  version: 1,
  action: 'deploy',
  status: 'active',
  isCurrent: true,
  readiness: { webhooks: 'ready', schedules: 'ready', mcp: 'ready' },
  requestedAt: '2026-12-03T11:03:09.421Z',
  activatedAt: '2026-12-03T11:03:14.156Z',
  error: null,
};
const DEPLOYMENT = {
  data: {
    id: ECHO,
    isDeployed: true,
    deployedAt: '2026-12-03T11:03:14.156Z',
    warnings: [],
    activeDeployment: {
      deploymentVersionId: '4a8f1905-b58e-48e7-a74e-a76d713a390e',
      version: 1,
      deployedAt: '2026-12-03T11:03:14.156Z',
    },
    latestDeploymentAttempt: ATTEMPT,
    needsRedeployment: false,
  },
};
const UNDEPLOYED = {
  data: {
    id: ECHO,
    isDeployed: false,
    deployedAt: null,
    warnings: [],
    activeDeployment: null,
    latestDeploymentAttempt: null,
    needsRedeployment: false,
  },
};
const VERSIONS = {
  data: [
    {
      id: '4a8f1905-b58e-48e7-a74e-a76d713a390e',
      version: 1,
      name: null,
      description: null,
      isActive: true,
      createdAt: '2026-12-03T11:03:09.421Z',
      deployedBy: 'Run3',
      latestOperationStatus: 'active',
    },
  ],
  nextCursor: null,
};
const V1_DEPLOY = {
  data: {
    id: ECHO,
    isDeployed: true,
    deployedAt: '2026-12-03T12:25:26.177Z',
    version: 2,
    warnings: ['Deployment activation completed, and post-activation notifications are queued.'],
    activeDeployment: {
      deploymentVersionId: 'b2b7550b-64af-4608-8460-78d36ccf0c7f',
      version: 2,
      deployedAt: '2026-12-03T12:25:26.177Z',
    },
    latestDeploymentAttempt: { ...ATTEMPT, deploymentVersionId: 'b2b7550b-64af-4608-8460-78d36ccf0c7f', version: 2 },
  },
};
const WORKSPACE_KEY_REFUSED = {
  error: {
    code: 'FORBIDDEN',
    message: 'Workspace API key cannot perform this operation',
    details: { code: 'WORKSPACE_KEY_OPERATION_NOT_PERMITTED' },
  },
};

describe('v2 reads (recorded answers)', () => {
  it('getWorkflowDeployment: the live version, whether the draft differs, the raw answer', async () => {
    const { client, requests } = fakeClient(() => json(200, DEPLOYMENT, { 'cache-control': 'private, no-store' }), {
      apiVersion: 'v2',
    });
    const d = await client.getWorkflowDeployment(ECHO);
    expect(d).toEqual({
      workflowId: ECHO,
      isDeployed: true,
      deployedAt: '2026-12-03T11:03:14.156Z',
      version: 1,
      needsRedeployment: false,
      warnings: [],
      activeDeployment: DEPLOYMENT.data.activeDeployment,
      raw: DEPLOYMENT.data,
    });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET http://sim.test/api/v2/workflows/${ECHO}/deployment`,
    ]);
    const { client: other } = fakeClient(() => json(200, UNDEPLOYED), { apiVersion: 'v2' });
    expect(await other.getWorkflowDeployment(ECHO)).toMatchObject({
      isDeployed: false,
      version: null,
      activeDeployment: null,
    });
  });

  it('listWorkflowVersions: one page with limit and cursor; iterateWorkflowVersions follows nextCursor', async () => {
    const pages = [
      {
        data: [
          { ...VERSIONS.data[0], version: 3, isActive: true },
          { ...VERSIONS.data[0], version: 2, isActive: false },
        ],
        nextCursor: 'c2',
      },
      { data: [{ ...VERSIONS.data[0], version: 1, isActive: false }], nextCursor: null },
    ];
    const { client, requests } = fakeClient((_r, n) => json(200, pages[n - 1]), { apiVersion: 'v2' });
    const versions: number[] = [];
    for await (const v of client.iterateWorkflowVersions(ECHO, { limit: 2 })) versions.push(v.version);
    expect(versions).toEqual([3, 2, 1]);
    expect(requests.map((r) => r.url)).toEqual([
      `http://sim.test/api/v2/workflows/${ECHO}/versions?limit=2`,
      `http://sim.test/api/v2/workflows/${ECHO}/versions?limit=2&cursor=c2`,
    ]);
    const { client: one } = fakeClient(() => json(200, VERSIONS), { apiVersion: 'v2' });
    expect(await one.listWorkflowVersions(ECHO)).toEqual(VERSIONS);
  });

  it('deploy where v2 is on: previous version read from the deployment state, the deploy itself on v1', async () => {
    const { client, requests } = fakeClient(
      (r) => (r.url.endsWith('/deployment') ? json(200, DEPLOYMENT) : json(200, V1_DEPLOY)),
      { apiVersion: 'v2' },
    );
    const change = await client.deployWorkflow(ECHO, { name: 'abc1234 main' });
    expect(change).toMatchObject({
      version: 2,
      previousVersion: 1,
      previousVersionSource: 'server',
      deploymentVersionId: 'b2b7550b-64af-4608-8460-78d36ccf0c7f',
    });
    expect(requests.map((r) => `${r.method} ${r.url.slice('http://sim.test'.length)}`)).toEqual([
      `GET /api/v2/workflows/${ECHO}/deployment`,
      `POST /api/v1/workflows/${ECHO}/deploy`,
    ]);
  });

  it("a v2 403 WORKSPACE_KEY_OPERATION_NOT_PERMITTED (v2's answer to a workspace key's deploy) reads as what it is", async () => {
    const { client } = fakeClient(() => json(403, WORKSPACE_KEY_REFUSED), { apiVersion: 'v2' });
    const err = await client.getWorkflowDeployment(ECHO).catch((e) => e);
    expect(err).toBeInstanceOf(SimPermissionDeniedError);
    expect(err.message).toContain('HTTP 403: Workspace API key cannot perform this operation');
    expect(err.message).toContain(
      "Sim's v2 API does not let a workspace API key deploy, roll back or undeploy; its v1 routes do",
    );
  });
});
