// Workflow management (deploy, roll back, undeploy, export, import; v2 deployment state and versions) against the
// emulator over real HTTP: the routes each server serves them on, typed results, errors that say what to do, and
// writes that are never repeated blindly (a repeated deploy makes another version, a repeated import another workflow).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  SimAbortError,
  SimApiError,
  SimBadRequestError,
  SimConnectionError,
  SimInternalServerError,
  SimNotFoundError,
  SimPermissionDeniedError,
  SimTimeoutError,
  SimNotSupportedError,
  SimValidationError,
} from '../src/index.js';
import { clientFor, requestsTo, startEmulator, type Emulator } from './helpers.js';

const DEPLOY = /^\/api\/v1\/workflows\/[^/]+\/deploy$/;

describe('workflow management on the current server (v1 routes)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 100 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  const echo = () => emu.seed.workflows.echo;

  it('deploy: a new version each call, named; previous version inferred where the server cannot tell', async () => {
    const c = clientFor(emu);
    const first = await c.deployWorkflow(echo(), { name: 'abc1234 main', description: 'from CI' });
    expect(first).toMatchObject({
      workflowId: echo(),
      version: 2,
      previousVersion: 1,
      previousVersionSource: 'inferred',
      isDeployed: true,
      attemptStatus: 'active',
      warnings: ['Deployment activation completed, and post-activation notifications are queued.'],
    });
    expect(first.deployedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(first.deploymentVersionId).toBe(
      (first.raw['activeDeployment'] as { deploymentVersionId: string }).deploymentVersionId,
    );
    const sent = requestsTo(emu, 'POST', DEPLOY);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toEqual({ name: 'abc1234 main', description: 'from CI' });
    const second = await c.deployWorkflow(echo());
    expect([second.version, second.previousVersion]).toEqual([3, 2]);
    expect(JSON.parse(requestsTo(emu, 'POST', DEPLOY)[1]!.body)).toEqual({});
    // a workflow that was never deployed gets version 1, with nothing before it
    const fresh = await c.deployWorkflow(emu.seed.workflows.undeployed);
    expect([fresh.version, fresh.previousVersion]).toEqual([1, null]);
    expect(
      (await c.runWorkflowSync(emu.seed.workflows.undeployed, { input: { name: 'now live', count: 1 } })).status,
    ).toBe('completed');
  });

  it('rollback: to the version before the live one, or to the one named', async () => {
    const c = clientFor(emu);
    await c.deployWorkflow(echo());
    await c.deployWorkflow(echo());
    const back = await c.rollbackWorkflow(echo());
    expect(back).toMatchObject({
      workflowId: echo(),
      version: 2,
      previousVersion: null,
      previousVersionSource: 'unknown',
      isDeployed: true,
    });
    expect((back.raw['latestDeploymentAttempt'] as { action: string }).action).toBe('activate');
    expect((await c.rollbackWorkflow(echo(), { version: 3 })).version).toBe(3);
    const bodies = requestsTo(emu, 'POST', /\/rollback$/).map((r) => JSON.parse(r.body));
    expect(bodies).toEqual([{}, { version: 3 }]);
  });

  it('rollback errors say what to do: a version that does not exist, nothing before the live one, not deployed', async () => {
    const c = clientFor(emu);
    const missing = await c.rollbackWorkflow(echo(), { version: 42 }).catch((e) => e);
    expect(missing).toBeInstanceOf(SimNotFoundError);
    expect(missing.status).toBe(404);
    expect(missing.message).toContain('HTTP 404');
    expect(missing.message).toContain(`Version 42 does not exist for workflow \`${echo()}\``);
    expect(requestsTo(emu, 'POST', /\/rollback$/)).toHaveLength(1);

    const first = await c.rollbackWorkflow(echo()).catch((e) => e);
    expect(first).toBeInstanceOf(SimBadRequestError);
    expect(first.message).toContain('name the version to go back to with `version`');

    const undeployed = await c.rollbackWorkflow(emu.seed.workflows.undeployed).catch((e) => e);
    expect(undeployed).toBeInstanceOf(SimBadRequestError);
    expect(undeployed.message).toMatch(/HTTP 400: Workflow is not deployed\. .*deploy it first/);
  });

  it('undeploy: takes the workflow offline; undeploying again resolves with wasDeployed false', async () => {
    const c = clientFor(emu);
    const off = await c.undeployWorkflow(echo());
    expect(off).toMatchObject({ workflowId: echo(), wasDeployed: true, warnings: [] });
    expect(requestsTo(emu, 'DELETE', DEPLOY)).toHaveLength(1);
    expect((await c.getWorkflow(echo())).data.isDeployed).toBe(false);
    expect(await c.undeployWorkflow(echo())).toEqual({
      workflowId: echo(),
      wasDeployed: false,
      warnings: [],
      raw: null,
    });
    const unknown = await c.undeployWorkflow('no-such-workflow').catch((e) => e);
    expect(unknown).toBeInstanceOf(SimNotFoundError);
    expect(unknown.message).toContain('No workflow `no-such-workflow` is reachable with this API key');
  });

  it('export → import into another workspace: a new workflow with a new id, not deployed, that runs like the source once deployed', async () => {
    const c = clientFor(emu);
    const exported = await c.exportWorkflow(echo());
    expect(exported).toMatchObject({ version: '1.0', workflow: { id: echo(), workspaceId: emu.seed.workspaceId } });
    expect(Object.keys(exported.state.blocks).length).toBeGreaterThan(0);
    const imported = await c.importWorkflow({
      workspaceId: emu.seed.otherWorkspaceId,
      workflow: exported,
      name: 'echo (promoted)',
    });
    expect(imported.workflowId).not.toBe(echo());
    expect(imported).toMatchObject({ name: 'echo (promoted)', workspaceId: emu.seed.otherWorkspaceId, folderId: null });
    expect(JSON.parse(requestsTo(emu, 'POST', /\/import$/)[0]!.body)).toEqual({
      workspaceId: emu.seed.otherWorkspaceId,
      workflow: exported,
      name: 'echo (promoted)',
    });
    const refused = await c.runWorkflowSync(imported.workflowId, { input: { name: 'x', count: 1 } }).catch((e) => e);
    expect(refused).toBeInstanceOf(SimPermissionDeniedError);
    expect((await c.deployWorkflow(imported.workflowId)).version).toBe(1);
    const run = await c.runWorkflowSync(imported.workflowId, { input: { name: 'promoted', count: 2 } });
    expect(run.output).toMatchObject({ result: { name: 'promoted', doubled: 4 } });
    // the JSON text of an export is taken too; each import is another workflow
    const again = await c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: JSON.stringify(exported) });
    expect(again.workflowId).not.toBe(imported.workflowId);
    expect(again.name).toBe(exported.workflow.name);
  });

  it('import into a workspace the key cannot reach: 403 with what to do', async () => {
    const c = clientFor(emu);
    const exported = await c.exportWorkflow(echo());
    const err = await c.importWorkflow({ workspaceId: 'ws-of-someone-else', workflow: exported }).catch((e) => e);
    expect(err).toBeInstanceOf(SimPermissionDeniedError);
    expect(err.message).toContain('HTTP 403');
    expect(err.message).toContain('may not create workflows in workspace `ws-of-someone-else`');
    expect(err.message).not.toContain(emu.seed.apiKey);
  });

  it('writes are never repeated blindly: a 5xx, a timeout or a broken connection leaves one request and says what to check', async () => {
    const c = clientFor(emu);
    emu.injectFault({ method: 'POST', path: DEPLOY, type: 'execute-then-502' });
    const failed = await c.deployWorkflow(echo()).catch((e) => e);
    expect(failed).toBeInstanceOf(SimInternalServerError);
    expect(failed.message).toContain('HTTP 502');
    expect(failed.message).toContain('The deploy may have taken effect: it was not retried');
    expect(requestsTo(emu, 'POST', DEPLOY)).toHaveLength(1);
    // it did take effect: the next deploy is version 3
    expect((await c.deployWorkflow(echo())).version).toBe(3);

    emu.clearJournal();
    emu.injectFault({ method: 'POST', path: DEPLOY, type: 'delay', delayMs: 1_000 });
    const slow = await c.deployWorkflow(echo(), { timeoutMs: 200 }).catch((e) => e);
    expect(slow).toBeInstanceOf(SimTimeoutError);
    expect(slow.message).toContain('timed out after 200 ms. The deploy may have taken effect');
    expect(requestsTo(emu, 'POST', DEPLOY)).toHaveLength(1);

    emu.clearJournal();
    emu.injectFault({ method: 'POST', path: /\/rollback$/, type: 'reset' });
    const reset = await c.rollbackWorkflow(echo()).catch((e) => e);
    expect(reset).toBeInstanceOf(SimConnectionError);
    expect(reset.message).toContain('The rollback may have taken effect');
    expect(requestsTo(emu, 'POST', /\/rollback$/)).toHaveLength(1);

    emu.clearJournal();
    const exported = await c.exportWorkflow(echo());
    emu.injectFault({ method: 'POST', path: '/api/v1/workflows/import', type: 'status', status: 503 });
    const imp = await c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: exported }).catch((e) => e);
    expect(imp).toBeInstanceOf(SimInternalServerError);
    expect(imp.message).toContain('The import may have created the workflow');
    expect(requestsTo(emu, 'POST', /\/import$/)).toHaveLength(1);
  });

  it('a 429 is retried (the write was refused before it ran); undeploy and export are retried like reads', async () => {
    const c = clientFor(emu);
    emu.injectFault({
      method: 'POST',
      path: DEPLOY,
      type: 'status',
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: 'Rate limit exceeded' },
    });
    expect((await c.deployWorkflow(echo())).version).toBe(2);
    expect(requestsTo(emu, 'POST', DEPLOY).map((r) => r.status)).toEqual([429, 200]);

    emu.injectFault({ method: 'GET', path: /\/export$/, type: 'status', status: 502 });
    expect((await c.exportWorkflow(echo())).workflow.id).toBe(echo());
    expect(requestsTo(emu, 'GET', /\/export$/).map((r) => r.status)).toEqual([502, 200]);

    emu.injectFault({ method: 'DELETE', path: DEPLOY, type: 'reset' });
    expect((await c.undeployWorkflow(echo())).wasDeployed).toBe(true);
    expect(requestsTo(emu, 'DELETE', DEPLOY)).toHaveLength(2);
  });

  it('bad input is refused before any request', async () => {
    const c = clientFor(emu);
    const exported = await c.exportWorkflow(echo());
    emu.clearJournal();
    const cases: Array<[Promise<unknown>, string, RegExp]> = [
      [c.deployWorkflow(''), 'workflowId', /required/],
      [c.deployWorkflow(echo(), { name: '  ' }), 'name', /must not be empty/],
      [c.deployWorkflow(echo(), { name: 'x'.repeat(101) }), 'name', /101 characters long; Sim takes at most 100/],
      [c.deployWorkflow(echo(), { timeoutMs: -1 }), 'timeoutMs', /positive/],
      [c.rollbackWorkflow(echo(), { version: 0 }), 'version', /positive whole number/],
      [c.rollbackWorkflow(echo(), { version: 1.5 }), 'version', /positive whole number/],
      [c.rollbackWorkflow(echo(), { version: '2' as unknown as number }), 'version', /positive whole number/],
      [c.undeployWorkflow(' '), 'workflowId', /required/],
      [c.exportWorkflow(undefined as unknown as string), 'workflowId', /required/],
      [c.importWorkflow({ workspaceId: '', workflow: exported }), 'workspaceId', /required/],
      [c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: '{"state":' }), 'workflow', /not valid JSON/],
      [
        c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: [] as unknown as string }),
        'workflow',
        /got an array/,
      ],
      [
        c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: { version: '1.0', workflow: {} } }),
        'workflow',
        /no `state.blocks`/,
      ],
      [
        c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: { state: { blocks: {}, edges: {} } } }),
        'workflow',
        /`state.edges` is not an array/,
      ],
      [
        c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: exported, name: 'n'.repeat(201) }),
        'name',
        /at most 200/,
      ],
      [
        c.importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: exported, folderId: '' }),
        'folderId',
        /must not be empty/,
      ],
      [c.listWorkflowVersions(echo(), { limit: 0 }), 'limit', /positive whole number/],
    ];
    for (const [promise, field, message] of cases) {
      const err = (await promise.catch((e: unknown) => e)) as SimValidationError;
      expect(err, field).toBeInstanceOf(SimValidationError);
      expect(err.field, String(message)).toBe(field);
      expect(err.message).toMatch(message);
    }
    const aborted = new AbortController();
    aborted.abort();
    expect(await c.deployWorkflow(echo(), { signal: aborted.signal }).catch((e) => e)).toBeInstanceOf(SimAbortError);
    expect(emu.journal()).toEqual([]);
  });

  it('the deployment state and the versions need v2: a clear error where it is off, the workflow checked first', async () => {
    const c = clientFor(emu);
    const err = await c.getWorkflowDeployment(echo()).catch((e) => e);
    expect(err).toBeInstanceOf(SimNotSupportedError);
    expect(err.feature).toBe('getWorkflowDeployment');
    expect(err.message).toContain("only offered by Sim's v2 API");
    expect(err.message).toContain('V2_API=true');
    const versions = await c.listWorkflowVersions(echo()).catch((e) => e);
    expect(versions).toBeInstanceOf(SimNotSupportedError);
    expect(versions.message).toContain('rollbackWorkflow without `version`');
    const iterated = await (async () => {
      for await (const v of c.iterateWorkflowVersions(echo())) return v;
    })().catch((e) => e);
    expect(iterated).toBeInstanceOf(SimNotSupportedError);
    const unknown = await c.getWorkflowDeployment('no-such-workflow').catch((e) => e);
    expect(unknown).toBeInstanceOf(SimNotFoundError);
    expect(unknown.message).toContain('No workflow `no-such-workflow` is reachable');

    emu.clearJournal();
    const forced = await clientFor(emu, { apiVersion: 'v1' })
      .getWorkflowDeployment(echo())
      .catch((e) => e);
    expect(forced).toBeInstanceOf(SimNotSupportedError);
    expect(forced.message).toContain("created with `apiVersion: 'v1'`");
    // nothing but the client's one-time protocol probe (v1 current or March): no v2 route is asked
    expect(emu.journal().filter((e) => !/\/executions\/00000000-0000-4000-8000-00000000c0de$/.test(e.path))).toEqual(
      [],
    );
  });

  it('with v2 forced, deploy and rollback still go through v1 (v2 refuses them with a workspace key)', async () => {
    const c = clientFor(emu, { apiVersion: 'v2' });
    expect((await c.deployWorkflow(echo())).version).toBe(2);
    expect((await c.rollbackWorkflow(echo())).version).toBe(1);
    expect(requestsTo(emu, 'POST', /^\/api\/v2\//)).toHaveLength(0);
    expect(requestsTo(emu, 'POST', /^\/api\/v1\/workflows\/wf-echo\/(deploy|rollback)$/)).toHaveLength(2);
  });
});

describe('a server without the management routes (the March 2026 profile)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, profile: '2026-03' });
  });
  afterAll(() => emu?.close());

  it('each operation fails with the HTTP status, why, and what to do instead', async () => {
    const c = clientFor(emu);
    const echo = emu.seed.workflows.echo;
    const deploy = await c.deployWorkflow(echo).catch((e) => e);
    expect(deploy).toBeInstanceOf(SimApiError);
    expect(deploy.status).toBe(405);
    expect(deploy.message).toMatch(
      /failed with HTTP 405.*has no deploy route: Sim added it to the v1 API in June 2026.*March 2026.*Update Sim, or deploy in Sim's editor/,
    );
    const exp = await c.exportWorkflow(echo).catch((e) => e);
    expect(exp).toBeInstanceOf(SimNotFoundError);
    expect(exp.message).toMatch(/HTTP 404.*has no export route: Sim added it to the v1 API in July 2026/);
    const undeploy = await c.undeployWorkflow(echo).catch((e) => e);
    expect(undeploy.message).toContain('has no undeploy route');
    const imp = await c
      .importWorkflow({ workspaceId: emu.seed.workspaceId, workflow: { state: { blocks: {}, edges: [] } } })
      .catch((e) => e);
    expect(imp.message).toContain('has no import route');
    expect(requestsTo(emu, 'POST', /^\/api\/v1\//)).toHaveLength(2);
  });
});
