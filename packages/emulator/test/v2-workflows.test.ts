/**
 * The v2 workflow routes besides runs: workflow management replayed from
 * recordings/2026-12-03-v2-workflow-management.md (a workspace key, in the recorded order), and the v2 lists
 * (recordings/sim-server-facts.md §E, §M9; the runs list from recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §"v2 list runs").
 * The personal-key deploys are replayed in personal-key-deploy.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../src/index.js';
import { call, shapeDiff, startVirtual, type CallOptions, type CallResult, type VirtualEmulator } from './helpers.js';
import { V2_MANAGEMENT_RECORDINGS, type V2ManagementExchange } from './v2-management-recordings.js';
import { PAUSED_RECORDINGS } from './paused-recordings.js';
import { quote } from './facts-quotes.js';

const ECHO = SEED.workflows.echo;
const WS = SEED.workspaceId;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MANAGEMENT = '§v2-management';

function rec(title: string): V2ManagementExchange {
  const r = V2_MANAGEMENT_RECORDINGS[title];
  if (!r) throw new Error(`No recorded exchange "${title}"`);
  return r;
}

/** The recorded request, aimed at the emulator (`<echo>` → the seed's echo workflow, an imported id → `imported`). */
async function replay(
  emu: VirtualEmulator,
  title: string,
  opts: { imported?: string; body?: unknown; key?: CallOptions['key'] } = {},
): Promise<CallResult> {
  const r = rec(title);
  const [method, rawPath] = r.request.split(' ') as [string, string];
  const path = rawPath
    .replace('<echo>', ECHO)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, opts.imported ?? '');
  const body = opts.body ?? r.requestBody;
  return call(emu.url, method, path, {
    key: opts.key ?? 'valid',
    ...(body === undefined ? {} : { body: body as object }),
  });
}

/** Same status and body shape as recorded, and the recorded header set (v2: cache-control and the rate headers). */
function expectLike(actual: CallResult, title: string, loose: string[] = [], nullable: string[] = []): void {
  const r = rec(title);
  expect(actual.status, `${title}: ${actual.text.slice(0, 300)}`).toBe(r.status);
  expect(shapeDiff(actual.json, r.body, new Set(loose), '', new Set(nullable)), title).toEqual([]);
  for (const h of ['cache-control', 'x-ratelimit-limit']) {
    if (r.headers[h] === undefined) expect(actual.headers.get(h), `${title}: ${h} is not recorded`).toBeNull();
    else expect(actual.headers.get(h), `${title}: ${h}`).toBe(r.headers[h]);
  }
  // the per-operation bucket counts down (999998, 999997 … were recorded): a number of tokens left
  expect(Number(actual.headers.get('x-ratelimit-remaining')), title).toBeGreaterThan(999_000);
}

describe('v2 workflow management with a workspace key (the recorded sequence)', () => {
  let emu: VirtualEmulator;
  beforeAll(async () => {
    emu = await startVirtual({ v2: true });
  });
  afterAll(async () => emu.close());

  it('replays the recording: reads work, deploy/rollback/undeploy are refused, import → 201, delete, v1 undeploy 400, v1 deploy 200', async () => {
    const before = await replay(emu, 'v2 deployment state (before)');
    expectLike(before, 'v2 deployment state (before)');
    const state0 = (before.json as { data: Record<string, any> }).data;
    expect(state0).toMatchObject({
      id: ECHO,
      isDeployed: true,
      warnings: [],
      needsRedeployment: false,
      activeDeployment: { version: 1 },
      latestDeploymentAttempt: { version: 1, action: 'deploy', status: 'active', isCurrent: true, error: null },
    });
    expect(state0.deployedAt).toBe(state0.activeDeployment.deployedAt);
    expect(state0.latestDeploymentAttempt.activatedAt).toBe(state0.deployedAt);
    expect(Date.parse(state0.latestDeploymentAttempt.requestedAt)).toBeLessThan(Date.parse(state0.deployedAt));

    const versions = await replay(emu, 'v2 versions (before)');
    expectLike(versions, 'v2 versions (before)');
    const v = versions.json as { data: Record<string, unknown>[]; nextCursor: unknown };
    expect(v.nextCursor).toBeNull();
    expect(v.data).toHaveLength(1);
    expect(v.data[0]).toMatchObject({
      id: state0.activeDeployment.deploymentVersionId,
      version: 1,
      name: null,
      description: null,
      isActive: true,
      latestOperationStatus: 'active',
    });
    expect(v.data[0]!.createdAt).toBe(state0.latestDeploymentAttempt.requestedAt); // recorded: the version is created when the deploy is requested

    // refused with a workspace key, whatever the body; nothing changes
    const refused = rec('v2 deploy with a name').body;
    expect(refused).toEqual(quote(MANAGEMENT, 1));
    for (const title of [
      'v2 deploy with a name',
      'v2 rollback (no body)',
      'v2 rollback to a version that does not exist',
    ]) {
      const r = await replay(emu, title);
      expectLike(r, title);
      expect(r.json, title).toEqual(refused);
    }
    for (const title of ['v2 deployment state (after deploy)', 'v2 deployment state (after rollback)']) {
      const r = await replay(emu, title);
      expectLike(r, title);
      expect((r.json as { data: unknown }).data).toEqual(state0);
    }
    expectLike(await replay(emu, 'v2 versions (after deploy)'), 'v2 versions (after deploy)');

    const one = await replay(emu, 'v2 one version');
    expectLike(one, 'v2 one version', ['data.state.blocks', 'data.state.edges']);
    expect((one.json as { data: Record<string, unknown> }).data).toMatchObject({
      version: 1,
      isActive: true,
      state: { loops: {}, parallels: {}, variables: {} },
    });

    const exported = await replay(emu, 'v2 export');
    expectLike(exported, 'v2 export', ['data.state.blocks']);
    const exportData = (
      exported.json as { data: { workflow: Record<string, unknown>; state: { blocks: Record<string, any> } } }
    ).data;
    expect(exportData.workflow).toEqual({
      id: ECHO,
      name: 'echo',
      description: 'Echoes its input and doubles count',
      workspaceId: WS,
      folderPath: '/',
    });
    // the recorded echo workflow's Function code, verbatim
    const recordedFn = (rec('v2 export').body as { data: { state: { blocks: Record<string, any> } } }).data.state
      .blocks['79c5ca76-02b9-4a72-b27f-396eb0bd6499'];
    expect(exportData.state.blocks[`${ECHO}-function`].subBlocks.code.value).toBe(recordedFn.subBlocks.code.value);

    // import the export data (the recorded request body was cut in the recording: its fields, with this export)
    expect(rec('v2 import (the export data)').requestBodyPrefix).toMatch(
      /^\{"workspaceId":"<workspace>","workflow":\{"version":"1\.0"/,
    );
    const imported = await replay(emu, 'v2 import (the export data)', {
      body: { workspaceId: WS, workflow: exportData, name: 'echo (imported v2)' },
    });
    expectLike(imported, 'v2 import (the export data)');
    const created = (imported.json as { data: Record<string, string> }).data;
    expect(created).toMatchObject({
      name: 'echo (imported v2)',
      description: exportData.workflow.description,
      workspaceId: WS,
      folderPath: '/',
    });
    expect(created.id).toMatch(UUID);
    expect(created.createdAt).toMatch(ISO);
    expect(created.updatedAt).toBe(created.createdAt);

    for (const title of ['v2 deploy the imported workflow (no body)', 'v2 undeploy the imported workflow']) {
      const r = await replay(emu, title, { imported: created.id });
      expectLike(r, title);
      expect(r.json).toEqual(refused);
    }
    const undeployed = await replay(emu, 'v2 deployment state (undeployed)', { imported: created.id });
    expectLike(undeployed, 'v2 deployment state (undeployed)');
    expect((undeployed.json as { data: unknown }).data).toEqual({
      ...(rec('v2 deployment state (undeployed)').body as { data: object }).data,
      id: created.id,
    });

    const v1Undeploy = await replay(
      emu,
      'v1 undeploy (DELETE /api/v1/workflows/{id}/deploy) on an undeployed workflow',
      { imported: created.id },
    );
    expectLike(v1Undeploy, 'v1 undeploy (DELETE /api/v1/workflows/{id}/deploy) on an undeployed workflow');
    expect(v1Undeploy.json).toEqual(
      rec('v1 undeploy (DELETE /api/v1/workflows/{id}/deploy) on an undeployed workflow').body,
    );

    const deleted = await replay(emu, 'v2 delete the imported workflow', { imported: created.id });
    expectLike(deleted, 'v2 delete the imported workflow');
    expect(deleted.json).toEqual({ data: { id: created.id, deleted: true } });
    expect((await call(emu.url, 'GET', `/api/v2/workflows/${created.id}`)).status).toBe(404);
    expect((await call(emu.url, 'GET', `/api/v1/workflows/${created.id}`)).status).toBe(404);

    // a v1 deploy with the same workspace key is allowed (recordings/sim-server-facts.md §G.18), and makes version 2
    const again = await replay(emu, 'v1 deploy again (back to a fresh version for the echo workflow)');
    expectLike(again, 'v1 deploy again (back to a fresh version for the echo workflow)');
    expect((again.json as { data: { version: number } }).data.version).toBe(2);
    const after = (await replay(emu, 'v2 versions (before)')).json as {
      data: { version: number; isActive: boolean; latestOperationStatus: unknown }[];
    };
    expect(after.data.map((x) => [x.version, x.isActive, x.latestOperationStatus])).toEqual([
      [2, true, 'active'],
      [1, false, null],
    ]);
  });

  it('refuses a workspace key before it looks at the workflow; a personal key, unknown workflow: 404', async () => {
    const r = await call(emu.url, 'POST', '/api/v2/workflows/no-such-workflow/deploy', { body: {} });
    expect([r.status, r.json]).toEqual([403, rec('v2 deploy with a name').body]);
    const p = await call(emu.url, 'POST', '/api/v2/workflows/no-such-workflow/deploy', { key: 'personal', body: {} });
    expect([p.status, p.json]).toEqual([404, { error: { code: 'NOT_FOUND', message: 'Workflow not found' } }]);
  });
});

describe('v1 undeploy of a deployed workflow (Sim v0.8.9 route code) and the versions pages', () => {
  let emu: VirtualEmulator;
  beforeAll(async () => {
    emu = await startVirtual({ v2: true });
  });
  afterAll(async () => emu.close());

  it("v1 DELETE …/deploy of a deployed workflow undeploys it ({data:{id, isDeployed:false, deployedAt:null, warnings}}, Sim's v1 route)", async () => {
    const r = await call(emu.url, 'DELETE', `/api/v1/workflows/${SEED.workflows.stream}/deploy`);
    expect(r.status).toBe(200);
    expect((r.json as { data: unknown }).data).toEqual({
      id: SEED.workflows.stream,
      isDeployed: false,
      deployedAt: null,
      warnings: [],
    });
    expect(r.headers.get('x-ratelimit-limit')).toBe('999999');
  });

  it('versions page with limit and cursor (newest first; nextCursor null on the last page); bad limits and cursors are 400', async () => {
    const w = SEED.workflows.echoResponse;
    for (let i = 0; i < 3; i++) await call(emu.url, 'POST', `/api/v1/workflows/${w}/deploy`, { body: {} });
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (
        await call(
          emu.url,
          'GET',
          `/api/v2/workflows/${w}/versions?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        )
      ).json as { data: { version: number }[]; nextCursor: string | null };
      seen.push(...page.data.map((x) => x.version));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect([seen, pages]).toEqual([[4, 3, 2, 1], 2]);
    expect((await call(emu.url, 'GET', `/api/v2/workflows/${w}/versions?limit=0`)).status).toBe(400);
    expect((await call(emu.url, 'GET', `/api/v2/workflows/${w}/versions?limit=101`)).status).toBe(400);
    const bad = await call(emu.url, 'GET', `/api/v2/workflows/${w}/versions?cursor=nope`);
    expect(bad.json).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'cursor is not a valid pagination cursor. Restart pagination without a cursor.',
      },
    });
    expect((await call(emu.url, 'GET', `/api/v2/workflows/${w}/versions/99`)).json).toEqual({
      error: { code: 'NOT_FOUND', message: 'Deployment version not found' },
    });
  });
});

describe('v2 lists (recordings/sim-server-facts.md §M9: they answered 404 before)', () => {
  let emu: VirtualEmulator;
  beforeAll(async () => {
    emu = await startVirtual({ v2: true, jobDurationMs: 50 });
  });
  afterAll(async () => emu.close());

  it('GET /api/v2/workflows?workspaceId=…: the v1 items with folderPath instead of folderId, nextCursor, every workflow once', async () => {
    const v1 = (await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${WS}&limit=100`)).json as {
      data: Record<string, unknown>[];
    };
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await call(
        emu.url,
        'GET',
        `/api/v2/workflows?workspaceId=${WS}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(r.status).toBe(200);
      const page = r.json as { data: Record<string, unknown>[]; nextCursor: string | null };
      for (const item of page.data) {
        // recordings/sim-server-facts.md §E: {id, name, description, folderPath, workspaceId, isDeployed, deployedAt, runCount, lastRunAt, createdAt, updatedAt}
        expect(Object.keys(item)).toEqual([
          'id',
          'name',
          'description',
          'folderPath',
          'workspaceId',
          'isDeployed',
          'deployedAt',
          'runCount',
          'lastRunAt',
          'createdAt',
          'updatedAt',
        ]);
        const { folderId, ...same } = v1.data.find((w) => w.id === item.id)!;
        expect(item).toEqual({ ...same, folderPath: folderId === null ? '/' : '/emulator-folder' });
      }
      ids.push(...page.data.map((w) => w.id as string));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(v1.data.map((w) => w.id));
    const inFolder = (await call(emu.url, 'GET', `/api/v2/workflows?workspaceId=${WS}&folderPath=%2Femulator-folder`))
      .json as { data: { id: string }[] };
    expect(inFolder.data.map((w) => w.id)).toEqual(['wf-filler-1', 'wf-filler-2', 'wf-filler-3']);
    const noWs = await call(emu.url, 'GET', '/api/v2/workflows');
    expect(noWs.status).toBe(400);
  });

  it('GET /api/v2/workflows/{id}: the item plus variables and inputs without ids (recordings/sim-server-facts.md §E)', async () => {
    const r = await call(emu.url, 'GET', `/api/v2/workflows/${ECHO}`);
    expect(r.status).toBe(200);
    const d = (r.json as { data: Record<string, unknown> }).data;
    expect(d).toMatchObject({
      id: ECHO,
      folderPath: '/',
      variables: {},
      inputs: [
        { name: 'name', type: 'string' },
        { name: 'count', type: 'number' },
      ],
    });
    expect(Object.keys(d)).toEqual([
      'id',
      'name',
      'description',
      'folderPath',
      'workspaceId',
      'isDeployed',
      'deployedAt',
      'runCount',
      'lastRunAt',
      'variables',
      'inputs',
      'createdAt',
      'updatedAt',
    ]);
    expect((await call(emu.url, 'GET', '/api/v2/workflows/nope')).json).toEqual({
      error: { code: 'NOT_FOUND', message: 'Workflow not found' },
    });
  });

  it('GET /api/v2/workflows/{id}/runs?limit=…: as recorded (recordings/sim-server-facts.md §D "v2 list runs"), newest first, running runs too', async () => {
    const hitl = SEED.workflows.hitl;
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const r = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
        body: { input: { name } },
      });
      ids.push((r.json as { data: { runId: string } }).data.runId);
      await emu.clock.sleep(1000);
    }
    const slow = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
      body: { input: {}, async: true },
    });
    const slowId = (slow.json as { data: { runId: string } }).data.runId;
    const r = await call(emu.url, 'GET', `/api/v2/workflows/${SEED.workflows.echo}/runs?limit=2`);
    expect(r.status).toBe(200);
    const recorded = PAUSED_RECORDINGS['v2 list runs']!;
    const page = r.json as { data: Record<string, unknown>[]; nextCursor: string | null };
    expect(shapeDiff(page.data[1], (recorded.body as { data: unknown[] }).data[0])).toEqual([]);
    expect(page.data.map((x) => x.runId)).toEqual([slowId, ids[2]]);
    expect(page.data[0]).toMatchObject({ status: 'running', endedAt: null, durationMs: null, cost: null });
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = (
      await call(
        emu.url,
        'GET',
        `/api/v2/workflows/${SEED.workflows.echo}/runs?limit=100&cursor=${encodeURIComponent(page.nextCursor!)}`,
      )
    ).json as { data: { runId: string }[]; nextCursor: unknown };
    expect(rest.data.slice(0, 2).map((x) => x.runId)).toEqual([ids[1], ids[0]]);
    expect((await call(emu.url, 'GET', `/api/v2/workflows/${hitl}/runs`)).json).toEqual({ data: [], nextCursor: null });
  });

  it('GET /api/v2/logs?workspaceId=…: items with runId (not executionId) and status, nextCursor (recordings/sim-server-facts.md §E)', async () => {
    const r = await call(emu.url, 'GET', `/api/v2/logs?workspaceId=${WS}&limit=1`);
    expect(r.status).toBe(200);
    const page = r.json as { data: Record<string, unknown>[]; nextCursor: string | null };
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).not.toHaveProperty('executionId');
    expect(Object.keys(page.data[0]!)).toEqual([
      'runId',
      'workflowId',
      'deploymentVersionId',
      'status',
      'level',
      'trigger',
      'startedAt',
      'endedAt',
      'totalDurationMs',
      'cost',
      'files',
    ]);
    const next = (
      await call(
        emu.url,
        'GET',
        `/api/v2/logs?workspaceId=${WS}&limit=1&cursor=${encodeURIComponent(page.nextCursor!)}`,
      )
    ).json as { data: { runId: string }[] };
    expect(next.data[0]!.runId).not.toBe(page.data[0]!.runId);
    const v1 = (await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${WS}&limit=2`)).json as {
      data: { executionId: string }[];
    };
    expect([page.data[0]!.runId, next.data[0]!.runId]).toEqual(v1.data.map((x) => x.executionId));
    const full = (
      await call(
        emu.url,
        'GET',
        `/api/v2/logs?workspaceId=${WS}&limit=1&details=full&includeFinalOutput=true&includeTraceSpans=true`,
      )
    ).json as { data: Record<string, unknown>[] };
    expect(full.data[0]).toHaveProperty('workflow');
    expect(full.data[0]).toHaveProperty('finalOutput');
    expect(full.data[0]).toHaveProperty('traceSpans');
  });

  it('every v2 list and management route needs a key: 401 without rate headers (recordings/sim-server-facts.md §M11)', async () => {
    for (const path of [
      `/api/v2/workflows?workspaceId=${WS}`,
      `/api/v2/workflows/${ECHO}`,
      `/api/v2/workflows/${ECHO}/runs`,
      `/api/v2/logs?workspaceId=${WS}`,
      `/api/v2/workflows/${ECHO}/deployment`,
    ]) {
      const r = await call(emu.url, 'GET', path, { key: 'none' });
      expect([r.status, r.json], path).toEqual([401, { error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } }]);
      expect(r.headers.get('x-ratelimit-limit'), path).toBeNull();
      const wrong = await call(emu.url, 'GET', path, { key: 'wrong' });
      expect(wrong.json, path).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Invalid API key' } });
    }
    expect((await call(emu.url, 'PUT', `/api/v2/workflows/${ECHO}/deployment`)).status).toBe(405);
  });
});
