// Findings of the 2026-12-01 real-server run (sim-server-facts.md A, B/G, C), on the bundled Action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import { SERVERS, runStep } from './harness.js';

const KEY = SEED.apiKey;
let emu: Emulator;
let v2: Emulator;
let march: Emulator;
beforeAll(async () => {
  [emu, v2, march] = await Promise.all([
    startEmulator({ port: 0, jobDurationMs: 50 }),
    startEmulator({ port: 0, jobDurationMs: 50, v2: true }),
    startEmulator({ port: 0, profile: '2026-03', jobDurationMs: 50 }),
  ]);
});
afterAll(async () => {
  await Promise.all([emu?.close(), v2?.close(), march?.close()]);
});
const servers = () => ({ v1: emu, v2 });

const step = (server: Emulator, inputs: Record<string, string>) =>
  runStep({ node: process.execPath, inputs: { 'api-key': KEY, 'base-url': server.url, 'workflow-id': SEED.workflows.echo, input: '{"name":"Sel","count":2}', ...inputs } });

describe('selected-outputs (facts B, G 15–17)', () => {
  for (const { name } of SERVERS) for (const mode of ['async', 'sync', 'stream']) {
    it(`${name}, ${mode}: the output is the named block outputs, keyed as written`, async () => {
      const r = await step(servers()[name as 'v1' | 'v2'], { mode, 'selected-outputs': 'function.result' });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(JSON.parse(r.outputs['output'] ?? '')).toEqual({ 'function.result': { name: 'Sel', count: 2, doubled: 4 } });
    });
  }
  it('March server, default async mode: fails before any run, naming the input and stream mode', async () => {
    march.reset();
    const r = await step(march, { 'selected-outputs': 'function.result' });
    expect(r.code).not.toBe(0);
    expect(r.outputs['error']).toMatch(/selectedOutputs/);
    expect(r.outputs['error']).toMatch(/stream mode/);
    expect(march.journal().filter((e) => e.method === 'POST' && e.path.endsWith('/execute'))).toHaveLength(0);
  });
});

// v1 only: a v1 execute 429 carries no Retry-After (recorded), so the core waits for the bucket's refill read from
// usage-limits (on an emulator whose usage-limits names a refill a minute away, each of these waits that minute).
describe('a rate-limited execute (facts A; v1: a 429 without Retry-After)', () => {
  it('sync: retried under a new id and reported with the id of the run that happened', async () => {
    emu.reset();
    emu.injectFault({ method: 'POST', path: /\/execute$/, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
    const r = await step(emu, { mode: 'sync' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const ids = emu.journal().filter((e) => e.method === 'POST' && e.path.endsWith('/execute')).map((e) => e.headers['x-execution-id']);
    expect(ids).toHaveLength(2);
    expect(r.outputs['execution-id']).toBe(ids[1]);
  });
  it('a run killed after the retry leaves the retried id for the post step to cancel', async () => {
    emu.reset();
    emu.injectFault({ method: 'POST', path: /\/execute$/, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
    const executes = () => emu.journal().filter((e) => e.method === 'POST' && e.path.endsWith('/execute'));
    const r = await runStep({
      node: process.execPath,
      inputs: { 'api-key': KEY, 'base-url': emu.url, 'workflow-id': SEED.workflows.slow, mode: 'sync', input: '{"name":"Slow","delayMs":20000}' },
      during: async (child) => {
        for (let i = 0; i < 100 && executes().length < 2; i++) await new Promise((res) => setTimeout(res, 100));
        await new Promise((res) => setTimeout(res, 300));
        child.kill('SIGKILL');
      },
    });
    const ids = executes().map((e) => e.headers['x-execution-id']);
    expect(ids).toHaveLength(2);
    expect(r.state['execution-id']).toBe(ids[1]);
    const post = await runStep({ node: process.execPath, script: 'post', inputs: { 'api-key': KEY, 'base-url': emu.url, 'workflow-id': SEED.workflows.slow }, state: r.state });
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(emu.journal().some((e) => e.method === 'POST' && e.path.endsWith(`/executions/${ids[1]}/cancel`))).toBe(true);
  });
});
