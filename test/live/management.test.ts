// Live conformance: workflow management (export, import, deploy, rollback, undeploy) against a real (or emulated) Sim,
// through the core, the Action's sub-actions and the n8n node. Everything happens on workflows the suite creates
// for itself by importing the echo workflow into SIM_WORKSPACE_ID, named "sim-integrations live suite … (safe to
// delete)". Cleanup: `DELETE /api/v2/workflows/{id}` where the server has v2 on; otherwise (v1 has no API-key delete
// route) the workflow is undeployed and left, and the suite says which ones it left (see README.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimClient } from '@sim-integrations/core/node';
import { SimNotFoundError, SimNotSupportedError, type SimClient, type WorkflowExport } from '@sim-integrations/core';
import { leaksOf, runAction } from '../../packages/github-action/test/harness.js';
import { runNode } from '../../packages/n8n-nodes-sim/test/harness.js';
import { Sim } from '../../packages/n8n-nodes-sim/nodes/Sim/Sim.node.js';
import { EMPTY_ENV, live, tag } from './env.js';

if (live && !live.workspaceId)
  console.warn(
    'Live workflow-management tests skipped: set SIM_WORKSPACE_ID (the workspace the suite imports its own workflows into).',
  );

/** Block names and types of an export: what survives an import (Sim gives the blocks new ids). */
const shapeOf = (e: WorkflowExport) =>
  Object.values(e.state.blocks)
    .map((b) => `${String(b['name'])}:${String(b['type'])}`)
    .sort();

describe.skipIf(!live?.workspaceId)('workflow management against a live Sim', () => {
  const env = live ?? EMPTY_ENV;
  const workspaceId = env.workspaceId ?? '';
  const client = (): SimClient => createSimClient({ apiKey: env.apiKey, baseUrl: env.baseUrl });
  const label = tag('live');
  const name = (what: string) => `sim-integrations live suite ${label} ${what} (safe to delete)`;
  const created: string[] = [];
  let source: WorkflowExport;
  let id = '';
  const dirs: string[] = [];

  beforeAll(async () => {
    source = await client().exportWorkflow(env.echo);
    const imported = await client().importWorkflow({ workspaceId, workflow: source, name: name('core') });
    created.push(imported.workflowId);
    id = imported.workflowId;
  });

  afterAll(async () => {
    const left: string[] = [];
    for (const workflowId of created) {
      const res = await fetch(`${env.baseUrl}/api/v2/workflows/${encodeURIComponent(workflowId)}`, {
        method: 'DELETE',
        headers: { 'x-api-key': env.apiKey },
      });
      if (res.ok) continue;
      await client()
        .undeployWorkflow(workflowId)
        .catch(() => undefined);
      left.push(workflowId);
    }
    if (left.length)
      console.warn(
        `Left ${left.length} undeployed workflow(s) named "sim-integrations live suite ${label} … (safe to delete)" in workspace ${workspaceId}: ${left.join(', ')} (no v2 delete route on this server).`,
      );
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('export: the echo workflow, and import: a new workflow with a new id, named, not deployed', async () => {
    expect(source.version).toBe('1.0');
    expect(source.workflow.id).toBe(env.echo);
    expect(Object.keys(source.state.blocks).length).toBeGreaterThan(0);
    expect(id).not.toBe(env.echo);
    const detail = await client().getWorkflow(id);
    expect(detail.data).toMatchObject({ name: name('core'), isDeployed: false });
  });

  it('deploy: version 1, then version 2 with a name; the imported workflow runs like echo', async () => {
    const c = client();
    const first = await c.deployWorkflow(id);
    expect(first).toMatchObject({ workflowId: id, version: 1, previousVersion: null, isDeployed: true });
    const second = await c.deployWorkflow(id, { name: `${label} second`, description: 'live suite' });
    expect(second).toMatchObject({ version: 2, previousVersion: 1 });
    const run = await c.runWorkflowSync(id, { input: { name: label, count: 3 } });
    expect(run.status).toBe('completed');
    expect(JSON.stringify(run.output)).toContain(label);
  });

  it('rollback: to the version before the live one, to the one named; a version that does not exist is a 404 that says so', async () => {
    const c = client();
    expect((await c.rollbackWorkflow(id)).version).toBe(1);
    expect((await c.rollbackWorkflow(id, { version: 2 })).version).toBe(2);
    const err = await c.rollbackWorkflow(id, { version: 9999 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimNotFoundError);
    expect((err as Error).message).toContain('Version 9999 does not exist');
  });

  it('export of the imported workflow: the same blocks (names and types) as its source', async () => {
    const again = await client().exportWorkflow(id);
    expect(again.workflow.id).toBe(id);
    expect(shapeOf(again)).toEqual(shapeOf(source));
  });

  it('deployment state and versions: read where v2 is on, a clear error where it is off', async () => {
    const c = client();
    try {
      const d = await c.getWorkflowDeployment(id);
      expect(d).toMatchObject({ workflowId: id, isDeployed: true, version: 2 });
      const versions: number[] = [];
      for await (const v of c.iterateWorkflowVersions(id, { limit: 1 })) versions.push(v.version);
      expect(versions).toEqual([2, 1]);
    } catch (err) {
      expect(err).toBeInstanceOf(SimNotSupportedError);
    }
  });

  it("the Action's sub-actions (run like the runner runs them): deploy, rollback, export, import", async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'sim-live-workspace-'));
    dirs.push(workspace);
    const step = (action: string, inputs: Record<string, string>) =>
      runAction(action, {
        node: process.execPath,
        workspace,
        inputs: { 'api-key': env.apiKey, 'base-url': env.baseUrl, ...inputs },
        timeoutMs: 180_000,
      });
    const deployed = await step('deploy', { 'workflow-id': id });
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
    expect(deployed.outputs['version']).toBe('3');
    expect(leaksOf(deployed, env.apiKey)).toEqual([]);
    const back = await step('rollback', { 'workflow-id': id, version: '2' });
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(back.outputs['version']).toBe('2');
    const exported = await step('export', { 'workflow-id': id, path: 'live' });
    expect(exported.code, exported.stdout + exported.stderr).toBe(0);
    expect(exported.outputs).toEqual({ changed: 'true', files: `live/${id}.json` });
    const unchanged = await step('export', { 'workflow-id': id, path: 'live' });
    expect(unchanged.outputs['changed']).toBe('false');
    const imported = await step('import', {
      file: `live/${id}.json`,
      'workspace-id': workspaceId,
      name: name('action'),
      deploy: 'true',
    });
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    if (imported.outputs['workflow-id']) created.push(imported.outputs['workflow-id']);
    expect(imported.outputs['workflow-id']).not.toBe(id);
    expect(imported.outputs['version']).toBe('1');
  });

  it('the n8n node: Workflow → Deploy, Roll Back, Export', async () => {
    const node = new Sim();
    const credentials = { apiKey: env.apiKey, baseUrl: env.baseUrl, workspaceId };
    const op = (operation: string, extra: Record<string, unknown> = {}) =>
      runNode(node, {
        credentials,
        parameters: { resource: 'workflow', operation, workflowId: { __rl: true, mode: 'id', value: id }, ...extra },
      });
    const [deployed] = await op('deploy', { deployOptions: { name: `${label} n8n` } });
    expect(deployed!.json['version']).toBe(4);
    const [back] = await op('rollback', { rollbackOptions: { version: 2 } });
    expect(back!.json['version']).toBe(2);
    const [exported] = await op('export');
    expect((exported!.json['workflow'] as { id: string }).id).toBe(id);
  });

  it('undeploy: the workflow goes offline; undeploying again reports it was not deployed', async () => {
    const c = client();
    expect(await c.undeployWorkflow(id)).toMatchObject({ workflowId: id, wasDeployed: true });
    expect((await c.getWorkflow(id)).data.isDeployed).toBe(false);
    expect(await c.undeployWorkflow(id)).toMatchObject({ wasDeployed: false });
  });
});
