// The execution id the step reports (output `execution-id`) and leaves for its post step (state) is the id of the
// attempt that really ran. After a 429 the core starts the run again under a new id (its rule, proven in
// packages/core/test/execute-safety.test.ts: Sim spends a rate-limited attempt's id,
// packages/emulator/recordings/sim-server-facts.md §A); the step must follow it, or its post step would cancel a run
// that never happened and leave the real one running. On v1 (whose execute 429 carries no Retry-After).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import { cancelsOf, executesOf, runStep } from './harness.js';

const KEY = SEED.apiKey;
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobDurationMs: 50 });
});
afterAll(async () => {
  await emu?.close();
});

const rateLimitNextExecute = () =>
  emu.injectFault({
    method: 'POST',
    path: /\/execute$/,
    type: 'status',
    status: 429,
    body: { error: 'Rate limit exceeded. Please try again later.' },
  });
const executeIds = () => executesOf(emu).map((e) => e.headers['x-execution-id']);

describe('the execution id of a run started again after a 429', () => {
  it('sync: the execution-id output is the id of the attempt that ran', async () => {
    emu.reset();
    rateLimitNextExecute();
    const r = await runStep({
      node: process.execPath,
      inputs: {
        'api-key': KEY,
        'base-url': emu.url,
        'workflow-id': SEED.workflows.echo,
        mode: 'sync',
        input: '{"name":"R","count":2}',
      },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const ids = executeIds();
    expect(ids).toHaveLength(2);
    expect(r.outputs['execution-id']).toBe(ids[1]);
  });

  it('a step killed after the retry leaves the id of the attempt that ran for the post step, which cancels that run', async () => {
    emu.reset();
    rateLimitNextExecute();
    const r = await runStep({
      node: process.execPath,
      inputs: {
        'api-key': KEY,
        'base-url': emu.url,
        'workflow-id': SEED.workflows.slow,
        mode: 'sync',
        input: '{"name":"Slow","delayMs":20000}',
      },
      during: async (child) => {
        for (let i = 0; i < 100 && executesOf(emu).length < 2; i++) await new Promise((res) => setTimeout(res, 100));
        await new Promise((res) => setTimeout(res, 300));
        child.kill('SIGKILL');
      },
    });
    const ids = executeIds();
    expect(ids).toHaveLength(2);
    expect(r.state['execution-id']).toBe(ids[1]);
    const post = await runStep({
      node: process.execPath,
      script: 'post',
      inputs: { 'api-key': KEY, 'base-url': emu.url, 'workflow-id': SEED.workflows.slow },
      state: r.state,
    });
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(cancelsOf(emu, ids[1] ?? '')).toHaveLength(1);
    expect(cancelsOf(emu, ids[0] ?? '')).toEqual([]);
  });
});
