// The main flows of the bundled Action (sync, async + wait, stream, cancel on SIGINT, failure) against a current
// server on v1, the same server with its v2 API on, and the March 2026 server, under Node 20 and Node 24, run like
// the GitHub runner runs them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import {
  SERVERS,
  cancelPath,
  executesOf,
  leaksOf,
  nodeBinaries,
  runIdOf,
  runStep,
  stopCommandBlocks,
  type StepResult,
} from './harness.js';

const KEY = SEED.apiKey;
const servers = [...SERVERS, { name: 'v1 (March 2026 server)', options: { profile: '2026-03' as const } }];

function expectNoLeak(result: StepResult): void {
  expect(leaksOf(result, KEY)).toEqual([]);
  expect(result.stdout).toContain(`::add-mask::${KEY}`);
}

describe.each(servers)('$name', ({ options }) => {
  const profile = options.profile;
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 150, ...options });
  });
  afterAll(async () => {
    await emu?.close();
  });

  const requestsFor = (executionId: string) =>
    emu.journal().filter((e) => e.path.includes(executionId) || e.headers['x-execution-id'] === executionId);

  describe.each(nodeBinaries())('$name', ({ bin, skip }) => {
    const base = () => ({ 'api-key': KEY, 'base-url': emu.url });
    beforeEach((context) => {
      if (skip) context.skip(skip);
    });

    it.concurrent('sync: completes and sets every output', async () => {
      const tag = randomUUID();
      const r = await runStep({
        node: bin,
        inputs: {
          ...base(),
          'workflow-id': SEED.workflows.echo,
          mode: 'sync',
          input: JSON.stringify({ name: 'Ada', count: 3, tag }),
        },
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs['status']).toBe('completed');
      expect(JSON.parse(r.outputs['output'] ?? '')).toMatchObject({ result: { name: 'Ada', count: 3, doubled: 6 } });
      expect(r.outputs['execution-id']).toMatch(/\S/);
      expect(r.outputs['job-id']).toBe('');
      expect(r.outputs['error']).toBe('');
      expect(Number(r.outputs['duration-ms'])).toBeGreaterThanOrEqual(0);
      expect(r.state['execution-id']).toBe(r.outputs['execution-id']);
      expect(r.state['finished']).toBe('true');
      const sent = executesOf(emu, 'wf-echo').find((e) => e.body.includes(tag));
      expect(sent?.headers['x-execution-mode']).toBeUndefined();
      expect(runIdOf(sent)).toMatch(/^[0-9a-f-]{36}$/);
      if (profile === 'current') expect(r.outputs['execution-id']).toBe(runIdOf(sent));
      // Workflow text only inside stop-commands blocks.
      expect(stopCommandBlocks(r.stdout).join('')).toContain('"doubled": 6');
      expect(r.summary).toContain('Sim workflow run');
      expect(r.summary).toContain('✅ completed');
      expect(r.summary).toContain(r.outputs['execution-id']);
      expectNoLeak(r);
    });

    it.concurrent('async + wait: queues, polls, returns the unwrapped output', async () => {
      const r = await runStep({
        node: bin,
        inputs: { ...base(), 'workflow-id': SEED.workflows.echo, input: '{"name":"Bo","count":5}' },
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs['status']).toBe('completed');
      expect(JSON.parse(r.outputs['output'] ?? '')).toMatchObject({ result: { name: 'Bo', doubled: 10 } });
      // v2 has no jobs: `job-id` stays empty there, `execution-id` is the id that works everywhere
      expect(r.outputs['job-id']).toMatch(emu.v2 ? /^$/ : profile === 'current' ? /^workflow-execution:/ : /^run_/);
      expect(r.outputs['execution-id']).toMatch(/\S/);
      expect(r.state['job-id'] ?? '').toBe(r.outputs['job-id']);
      expect(r.state['finished']).toBe('true');
      expect(r.stdout).toContain(`Queued: execution ${r.outputs['execution-id']}`);
      expect(r.summary).toContain(r.outputs['execution-id']);
      if (!emu.v2) expect(r.summary).toContain(r.outputs['job-id']);
      expectNoLeak(r);
    });

    it.concurrent('stream: chunks appear in the log inside stop-commands, output is the final', async () => {
      const r = await runStep({
        node: bin,
        inputs: {
          ...base(),
          'workflow-id': SEED.workflows.stream,
          mode: 'stream',
          input: '{"chunks":4,"chunkSize":8,"chunkDelayMs":20}',
        },
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs['status']).toBe('completed');
      const output = JSON.parse(r.outputs['output'] ?? '') as { agent: { content: string } };
      expect(output.agent.content).toHaveLength(32);
      const blocks = stopCommandBlocks(r.stdout);
      expect(blocks[0]?.trimEnd()).toBe(output.agent.content);
      // Nothing of the streamed text outside a block.
      const outside = r.stdout.replace(/^::stop-commands::(\S+)\n[\s\S]*?^::\1::$/gm, '');
      expect(outside).not.toContain(output.agent.content.slice(0, 8));
      expectNoLeak(r);
    });

    it.concurrent('failure: exit 1, status failed, the workflow error in `error` and the annotation', async () => {
      const r = await runStep({
        node: bin,
        inputs: { ...base(), 'workflow-id': SEED.workflows.fail, mode: 'sync', input: '{"name":"Eve"}' },
      });
      expect(r.code).toBe(1);
      expect(r.outputs['status']).toBe('failed');
      expect(r.outputs['error']).toContain('boom: Eve');
      expect(r.stdout).toMatch(/^::error::Sim workflow wf-fail failed: .*boom: Eve/m);
      expect(r.summary).toContain('❌ failed');
      expect(r.summary).toContain('boom: Eve');
      expect(r.state['finished']).toBe('true');
      expectNoLeak(r);
    });

    it.concurrent('failure in async mode and in stream mode', async () => {
      const [a, s] = await Promise.all([
        runStep({ node: bin, inputs: { ...base(), 'workflow-id': SEED.workflows.fail, input: '{"name":"Ann"}' } }),
        runStep({
          node: bin,
          inputs: { ...base(), 'workflow-id': SEED.workflows.fail, mode: 'stream', input: '{"name":"Sue"}' },
        }),
      ]);
      expect(a.code).toBe(1);
      expect(a.outputs['status']).toBe('failed');
      expect(a.outputs['error']).toContain('boom: Ann');
      expect(s.code).toBe(1);
      expect(s.outputs['status']).toBe('failed');
      expect(s.outputs['error']).toContain('boom: Sue');
    });

    it.concurrent('SIGINT mid-run (async): the remote run is cancelled, status cancelled, exit non-zero', async () => {
      const r = await runStep({
        node: bin,
        inputs: { ...base(), 'workflow-id': SEED.workflows.slow, input: '{"delayMs":20000,"tag":"sigint-async"}' },
        during: async (child, waitFor) => {
          await waitFor('Queued: execution');
          child.kill('SIGINT');
        },
      });
      expect(r.code).not.toBe(0);
      expect(r.outputs['status']).toBe('cancelled');
      expect(r.state['cancelled']).toBe('true');
      const id = r.outputs['execution-id'] ?? '';
      expect(id).not.toBe('');
      const cancel = requestsFor(id).find((e) => e.method === 'POST' && e.path.endsWith('/cancel'));
      expect(cancel?.path).toBe(cancelPath(emu, 'wf-slow', id));
      expect(r.summary).toContain('🚫 cancelled');
      expectNoLeak(r);
    });

    it.concurrent('SIGTERM mid-run (stream): the remote run is cancelled', async () => {
      const r = await runStep({
        node: bin,
        inputs: {
          ...base(),
          'workflow-id': SEED.workflows.stream,
          mode: 'stream',
          input: '{"chunks":200,"chunkSize":4,"chunkDelayMs":100}',
        },
        during: async (child, waitFor) => {
          await waitFor('::stop-commands::');
          child.kill('SIGTERM');
        },
      });
      expect(r.code).not.toBe(0);
      expect(r.outputs['status']).toBe('cancelled');
      const id = r.state['execution-id'] ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(emu.journal().some((e) => e.method === 'POST' && e.path === cancelPath(emu, 'wf-stream', id))).toBe(true);
      // The stop-commands block was closed before the trusted messages.
      expect(stopCommandBlocks(r.stdout).length).toBeGreaterThan(0);
      expect(r.stdout).toMatch(/^::error::/m);
    });
  });
});
