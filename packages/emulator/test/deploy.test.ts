/**
 * v1 deploy / export / import / rollback (recordings/sim-server-facts.md §G.18 to §G.22): the recorded sequence of
 * recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §H replayed against the emulator, in the
 * recorded order (deploy → deploy → export → import → import → rollback → rollback): same status, same body shape as
 * the verbatim answer, the values that matter, and the rate-limit headers. The recording's second key was a
 * workspace key; the emulator's keys are both personal-style keys, so the second key here is the seed's other key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '../src/index.js';
import { call, shapeDiff, type CallOptions, type CallResult } from './helpers.js';
import { DEPLOY_RECORDINGS, type DeployExchange } from './deploy-recordings.js';

const ECHO = SEED.workflows.echo;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function rec(title: string): DeployExchange {
  const r = DEPLOY_RECORDINGS[title];
  if (!r) throw new Error(`No recorded exchange "${title}"`);
  return r;
}

/** The recorded request, aimed at the emulator's echo workflow and workspace (the method and route are the recording's). */
async function replay(emu: Emulator, title: string, key: CallOptions['key'], body?: unknown): Promise<CallResult> {
  const r = rec(title);
  const [method, path] = r.request.split(' ') as [string, string];
  const target = path.replace(/\/workflows\/[0-9a-f-]{36}\//, `/workflows/${ECHO}/`);
  const sent = body ?? r.requestBody;
  return call(emu.url, method, target, { key, ...(sent === undefined ? {} : { body: sent as object }) });
}

/** Same status, same body shape as the recorded answer, and the recorded rate-limit headers (§G.22). */
function expectLike(actual: CallResult, title: string, loose: string[] = []): void {
  const r = rec(title);
  expect(actual.status, `${title}: ${actual.text.slice(0, 200)}`).toBe(r.status);
  expect(shapeDiff(actual.json, r.body, new Set(loose)), title).toEqual([]);
  for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
    expect(r.headers[h], `recorded ${h}`).toBeDefined();
    expect(actual.headers.get(h), `${title}: ${h}`).not.toBeNull();
  }
  expect(actual.headers.get('x-ratelimit-reset')).toMatch(ISO);
}

interface DeployData {
  id: string;
  isDeployed: boolean;
  deployedAt: string;
  version: number;
  warnings: string[];
  activeDeployment: { deploymentVersionId: string; version: number; deployedAt: string };
  latestDeploymentAttempt: {
    id: string;
    deploymentVersionId: string;
    version: number;
    action: string;
    status: string;
    isCurrent: boolean;
    readiness: Record<string, string>;
    requestedAt: string;
    activatedAt: string;
    error: null;
  };
}
const deployData = (r: CallResult): DeployData => (r.json as { data: DeployData }).data;

/** The values the recorded deploy/rollback answers show, for the expected version and action. */
function expectDeployment(r: CallResult, version: number, action: 'deploy' | 'activate'): DeployData {
  const d = deployData(r);
  const recorded = (rec('v1 deploy (personal key)').body as { data: DeployData }).data;
  expect(d.id).toBe(ECHO);
  expect(d.isDeployed).toBe(true);
  expect(d.version).toBe(version);
  expect(d.warnings).toEqual(recorded.warnings);
  expect(d.activeDeployment.version).toBe(version);
  expect(d.activeDeployment.deployedAt).toBe(d.deployedAt);
  expect(d.deployedAt).toMatch(ISO);
  const a = d.latestDeploymentAttempt;
  expect(a).toMatchObject({
    version,
    action,
    status: 'active',
    isCurrent: true,
    error: null,
    readiness: recorded.latestDeploymentAttempt.readiness,
  });
  expect(a.id).toMatch(UUID);
  expect(a.deploymentVersionId).toBe(d.activeDeployment.deploymentVersionId);
  expect(a.activatedAt).toBe(d.deployedAt);
  expect(Date.parse(a.requestedAt)).toBeLessThanOrEqual(Date.parse(a.activatedAt));
  return d;
}

describe('v1 deploy / export / import / rollback (current profile)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterAll(async () => {
    await emu.close();
  });

  it('replays the recorded sequence: two deploys, export, two imports, two rollbacks', async () => {
    // §G.18: every deploy makes a new version (the seeded workflow is at version 1, like the recorded one)
    const d2 = await replay(emu, 'v1 deploy (personal key)', 'valid');
    expectLike(d2, 'v1 deploy (personal key)');
    const v2 = expectDeployment(d2, 2, 'deploy');
    const d3 = await replay(emu, 'v1 deploy (workspace key)', 'enterprise');
    expectLike(d3, 'v1 deploy (workspace key)');
    const v3 = expectDeployment(d3, 3, 'deploy');
    expect(v3.activeDeployment.deploymentVersionId).not.toBe(v2.activeDeployment.deploymentVersionId);
    const listed = await call(emu.url, 'GET', `/api/v1/workflows/${ECHO}`);
    expect((listed.json as { data: { isDeployed: boolean; deployedAt: string } }).data).toMatchObject({
      isDeployed: true,
      deployedAt: v3.deployedAt,
    });

    // §G.19 (already served): the export the imports below are made from
    const exported = await replay(emu, 'v1 export (personal key)', 'valid');
    expectLike(exported, 'v1 export (personal key)', ['data.state.blocks']); // blocks keyed by the workflow's own block ids
    const exportData = (exported.json as { data: { workflow: { description: string } } }).data;

    // §G.20: import with name and description → 201, the given description
    const imp = rec('v1 import (personal key)').requestBody as Record<string, unknown>;
    const i1 = await replay(emu, 'v1 import (personal key)', 'valid', {
      ...imp,
      workspaceId: SEED.workspaceId,
      workflow: exportData,
    });
    expectLike(i1, 'v1 import (personal key)');
    const a = (i1.json as { data: Record<string, unknown> }).data;
    expect(a).toMatchObject({
      name: 'imported-echo',
      description: 'imported via v1',
      workspaceId: SEED.workspaceId,
      folderId: null,
    });
    expect(a.id).toMatch(UUID);
    expect(a.createdAt).toMatch(ISO);
    expect(a.updatedAt).toBe(a.createdAt);

    // §G.20: without a description it falls back to the exported one; the export may be sent as a JSON string
    const impWs = rec('v1 import (workspace key)').requestBody as Record<string, unknown>;
    expect(impWs.description).toBeUndefined();
    const i2 = await replay(emu, 'v1 import (workspace key)', 'enterprise', {
      ...impWs,
      workspaceId: SEED.workspaceId,
      workflow: JSON.stringify(exportData),
    });
    expectLike(i2, 'v1 import (workspace key)');
    const b = (i2.json as { data: Record<string, unknown> }).data;
    expect(b).toMatchObject({ name: 'imported-echo-ws', description: exportData.workflow.description });
    expect(b.description).toBe('Echoes its input and doubles count');
    expect(b.id).not.toBe(a.id);

    // §G.21: rollback with no body → the version before the active one (3 → 2), the same deployment version as before
    const r2 = await replay(emu, 'v1 rollback (personal key, no body)', 'valid');
    expect(rec('v1 rollback (personal key, no body)').requestBody).toBeUndefined();
    expectLike(r2, 'v1 rollback (personal key, no body)');
    const back2 = expectDeployment(r2, 2, 'activate');
    expect(back2.activeDeployment.deploymentVersionId).toBe(v2.activeDeployment.deploymentVersionId);
    expect(back2.latestDeploymentAttempt.id).not.toBe(v2.latestDeploymentAttempt.id);

    // §G.21: rollback with {} → 2 → 1 (the seeded first version, whose id the workflow's logs carry)
    const r1 = await replay(emu, 'v1 rollback (workspace key)', 'enterprise');
    expect(rec('v1 rollback (workspace key)').requestBody).toEqual({});
    expectLike(r1, 'v1 rollback (workspace key)');
    const back1 = expectDeployment(r1, 1, 'activate');
    expect(back1.activeDeployment.deploymentVersionId).toBe(`dv-${ECHO}`);
  });

  it('rollback {version:N} picks that version; a deploy after a rollback still makes a new version', async () => {
    await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.typed}/deploy`, { body: {} });
    const v3 = deployData(
      await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.typed}/deploy`, { body: { name: 'third' } }),
    );
    expect(v3.version).toBe(3);
    await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.typed}/rollback`);
    const pick = await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.typed}/rollback`, {
      body: { version: 3 },
    });
    expect(pick.status).toBe(200);
    expect(shapeDiff(pick.json, rec('v1 rollback (workspace key)').body)).toEqual([]);
    expect(deployData(pick)).toMatchObject({
      version: 3,
      activeDeployment: { deploymentVersionId: v3.activeDeployment.deploymentVersionId, version: 3 },
    });
    expect(deployData(pick).latestDeploymentAttempt.action).toBe('activate');
    const v4 = await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.typed}/deploy`, { body: {} });
    expect(deployData(v4)).toMatchObject({ version: 4, latestDeploymentAttempt: { action: 'deploy' } });
    // a reset of the emulator goes back to the seed: version 1 again, imported workflows gone
    expect((await call(emu.url, 'POST', '/__emulator/reset', { key: 'none' })).status).toBeLessThan(300);
    const afterReset = await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.typed}/deploy`, { body: {} });
    expect(deployData(afterReset).version).toBe(2);
  });

  it("an imported workflow exists with the export's blocks and inputs, is not deployed, and deploys to version 1", async () => {
    const exported = (await call(emu.url, 'GET', `/api/v1/workflows/${SEED.workflows.typed}/export`)).json as {
      data: { state: { blocks: Record<string, { name: string; type: string }> } };
    };
    const created = await call(emu.url, 'POST', '/api/v1/workflows/import', {
      body: { workspaceId: SEED.workspaceId, workflow: exported.data },
    });
    expect(created.status).toBe(201);
    const id = (created.json as { data: { id: string; name: string } }).data.id;
    expect((created.json as { data: { name: string } }).data.name).toBe('typed');

    const detail = await call(emu.url, 'GET', `/api/v1/workflows/${id}`);
    expect(detail.status).toBe(200);
    const source = (await call(emu.url, 'GET', `/api/v1/workflows/${SEED.workflows.typed}`)).json as {
      data: { inputs: { name: string; type: string }[] };
    };
    const d = (
      detail.json as { data: { isDeployed: boolean; deployedAt: unknown; inputs: { name: string; type: string }[] } }
    ).data;
    expect(d).toMatchObject({ isDeployed: false, deployedAt: null });
    expect(d.inputs.map((f) => [f.name, f.type])).toEqual(source.data.inputs.map((f) => [f.name, f.type]));
    const reExported = (await call(emu.url, 'GET', `/api/v1/workflows/${id}/export`)).json as {
      data: { state: { blocks: Record<string, { name: string; type: string }> } };
    };
    const summary = (blocks: Record<string, { name: string; type: string }>): string[][] =>
      Object.entries(blocks).map(([k, v]) => [k, v.name, v.type]);
    expect(summary(reExported.data.state.blocks)).toEqual(summary(exported.data.state.blocks));

    const listed = (await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${SEED.workspaceId}&limit=1`)).json as {
      data: { id: string }[];
    };
    expect(listed.data[0]!.id).toBe(id); // newest first in the sidebar order (recordings/sim-server-facts.md §5.7)

    const notDeployed = await call(emu.url, 'POST', `/api/workflows/${id}/execute`, { body: {} });
    expect(notDeployed.status).toBeGreaterThanOrEqual(400);
    const first = await call(emu.url, 'POST', `/api/v1/workflows/${id}/deploy`, { body: {} });
    expect(deployData(first)).toMatchObject({ id, version: 1, latestDeploymentAttempt: { action: 'deploy' } });
    const run = await call(emu.url, 'POST', `/api/workflows/${id}/execute`, { body: { name: 'Imp', count: 2 } });
    expect(run.status).toBe(200);
  });

  it('method handling: the new routes take POST only; the GET routes beside them answer as before', async () => {
    for (const path of [
      `/api/v1/workflows/${ECHO}/deploy`,
      `/api/v1/workflows/${ECHO}/rollback`,
      '/api/v1/workflows/import',
    ]) {
      const r = await call(emu.url, 'GET', path);
      expect(r.status, path).toBe(405);
    }
    expect((await call(emu.url, 'POST', `/api/v1/workflows/${ECHO}/export`)).status).toBe(405);
    expect((await call(emu.url, 'POST', `/api/v1/workflows/${ECHO}`)).status).toBe(405);
    expect((await call(emu.url, 'GET', `/api/v1/workflows/${ECHO}`)).status).toBe(200);
    expect((await call(emu.url, 'GET', `/api/v1/workflows/${ECHO}/export`)).status).toBe(200);
  });

  it('auth and not found answer like the other v1 routes; refused bodies are 400', async () => {
    expect(
      await call(emu.url, 'POST', `/api/v1/workflows/${ECHO}/deploy`, { key: 'none' }).then((r) => [r.status, r.json]),
    ).toEqual([401, { error: 'API key required' }]);
    expect(
      await call(emu.url, 'POST', '/api/v1/workflows/import', { key: 'wrong', body: {} }).then((r) => [
        r.status,
        r.json,
      ]),
    ).toEqual([401, { error: 'Invalid API key' }]);
    const missing = await call(emu.url, 'POST', '/api/v1/workflows/not-a-workflow/rollback');
    expect([missing.status, missing.json]).toEqual([404, { error: 'Workflow not found' }]);
    expect(missing.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect((await call(emu.url, 'POST', '/api/v1/workflows/import', { body: { workflow: {} } })).status).toBe(400);
    expect(
      (
        await call(emu.url, 'POST', '/api/v1/workflows/import', {
          body: { workspaceId: SEED.workspaceId, workflow: 'not json' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(emu.url, 'POST', '/api/v1/workflows/import', {
          body: { workspaceId: 'ws-of-someone-else', workflow: {} },
        })
      ).status,
    ).toBe(403);
    expect((await call(emu.url, 'POST', `/api/v1/workflows/${ECHO}/rollback`, { body: { version: 99 } })).status).toBe(
      404,
    );
    expect((await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.undeployed}/rollback`)).status).toBe(400);
  });
});

describe('v1 deploy / import / rollback on the March profile: absent (not in the March spec)', () => {
  it('answers no POST route and changes nothing', async () => {
    const emu = await startEmulator({ profile: '2026-03' });
    try {
      const before = await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${SEED.workspaceId}&limit=100`);
      for (const [path, body] of [
        [`/api/v1/workflows/${ECHO}/deploy`, { name: 'x' }],
        [`/api/v1/workflows/${ECHO}/rollback`, {}],
        ['/api/v1/workflows/import', { workspaceId: SEED.workspaceId, workflow: { state: { blocks: {} } } }],
      ] as const) {
        const r = await call(emu.url, 'POST', path, { body });
        expect(r.status, path).toBe(405); // the March v1 routes take GET only
        expect(r.json, path).not.toHaveProperty('data');
      }
      expect((await call(emu.url, 'GET', `/api/v1/workflows/${ECHO}/deploy`)).status).toBe(404);
      const after = await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${SEED.workspaceId}&limit=100`);
      expect((after.json as { data: unknown }).data).toEqual((before.json as { data: unknown }).data);
    } finally {
      await emu.close();
    }
  });
});
