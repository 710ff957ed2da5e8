// Live conformance: each platform package's main flows against a real (or emulated) Sim.
import { describe, expect, it } from 'vitest';
import zapier from 'zapier-platform-core';
import ZapierApp from '../../packages/zapier-app/src/index.js';
import { leaksOf, runStep } from '../../packages/github-action/test/harness.js';
import { runNode } from '../../packages/n8n-nodes-sim/test/harness.js';
import { Sim } from '../../packages/n8n-nodes-sim/nodes/Sim/Sim.node.js';
import { EMPTY_ENV, live, skipReason, tag } from './env.js';

if (!live) console.warn(skipReason);

describe.skipIf(!live)('platforms against a live Sim', () => {
  const env = live ?? EMPTY_ENV;

  describe('GitHub Action (the committed bundle, run like the runner runs it)', () => {
    const step = (inputs: Record<string, string>) =>
      runStep({
        node: process.execPath,
        inputs: { 'api-key': env.apiKey, 'base-url': env.baseUrl, ...inputs },
        timeoutMs: 120_000,
      });
    for (const mode of ['sync', 'async', 'stream']) {
      it(`${mode}: completes with the echoed output, the key never printed`, async () => {
        const name = tag(`action-${mode}`);
        const r = await step({ 'workflow-id': env.echo, mode, input: JSON.stringify({ name, count: 5 }) });
        expect(r.code, r.stdout + r.stderr).toBe(0);
        expect(r.outputs['status']).toBe('completed');
        expect(r.outputs['output']).toContain(name);
        expect(r.outputs['execution-id']).toMatch(/\S/);
        expect(leaksOf(r, env.apiKey)).toEqual([]);
      });
    }
    it('a failing workflow fails the step with the error', async () => {
      const r = await step({
        'workflow-id': env.fail,
        mode: 'sync',
        input: JSON.stringify({ name: tag('action-fail') }),
      });
      expect(r.code).not.toBe(0);
      expect(r.outputs['status']).toBe('failed');
      expect(r.outputs['error']).toMatch(/\S/);
    });
  });

  describe('n8n node (through the n8n harness)', () => {
    const node = new Sim();
    const credentials = {
      apiKey: env.apiKey,
      baseUrl: env.baseUrl,
      ...(env.workspaceId ? { workspaceId: env.workspaceId } : {}),
    };
    const execute = (parameters: Record<string, unknown>) =>
      runNode(node, { credentials, parameters: { resource: 'workflow', operation: 'execute', ...parameters } });
    for (const executionMode of ['sync', 'async', 'stream']) {
      it(`${executionMode}: one item with the run's output`, async () => {
        const name = tag(`n8n-${executionMode}`);
        const [out] = await execute({
          workflowId: { __rl: true, mode: 'id', value: env.echo },
          executionMode,
          input: JSON.stringify({ name, count: 6 }),
        });
        expect(out!.json['status']).toBe('completed');
        expect(JSON.stringify(out!.json['output'])).toContain(name);
      });
    }
    it('a failing workflow becomes a node error with the execution id', async () => {
      const err = await execute({
        workflowId: { __rl: true, mode: 'id', value: env.fail },
        input: JSON.stringify({ name: tag('n8n-fail') }),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message)).toMatch(/failed/);
    });
  });

  describe('Zapier app (createAppTester)', () => {
    const appTester = zapier.createAppTester(ZapierApp);
    const perform = ZapierApp.creates.execute_workflow.operation.perform as never;
    const bundle = (inputData: Record<string, unknown>) => ({
      authData: {
        apiKey: env.apiKey,
        baseUrl: env.baseUrl,
        ...(env.workspaceId ? { workspaceId: env.workspaceId } : {}),
      },
      inputData,
      meta: {},
    });
    for (const mode of ['sync', 'async']) {
      it(`${mode}: Execute Workflow completes within the step`, async () => {
        const name = tag(`zap-${mode}`);
        const result = (await appTester(
          perform,
          bundle({ workflowId: env.echo, mode, input__name: name, input__count: 7, waitSeconds: 25 }) as never,
        )) as Record<string, unknown>;
        expect(result['status']).toBe('completed');
        expect(JSON.stringify(result['output'])).toContain(name);
      });
    }
    it('the connection test passes', async () => {
      const test = ZapierApp.authentication?.test as never;
      await expect(appTester(test, bundle({}) as never)).resolves.toBeDefined();
    });
  });
});
