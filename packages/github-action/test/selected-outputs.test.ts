// The `selected-outputs` input reaches the core in every mode of the step (each mode is its own call in src/main.ts).
// What a selection means, keyed as written on every mode and protocol, is the core's rule, proven in
// packages/core/test/selected-outputs.test.ts (packages/emulator/recordings/sim-server-facts.md §B, §G.15 to §G.17).
// Where the server cannot apply it, the step fails before any run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import { executesOf, runStep } from './harness.js';

let emu: Emulator;
let march: Emulator;
beforeAll(async () => {
  [emu, march] = await Promise.all([
    startEmulator({ port: 0, jobDurationMs: 50 }),
    startEmulator({ port: 0, profile: '2026-03', jobDurationMs: 50 }),
  ]);
});
afterAll(async () => {
  await Promise.all([emu?.close(), march?.close()]);
});

const step = (server: Emulator, inputs: Record<string, string>) =>
  runStep({
    node: process.execPath,
    inputs: {
      'api-key': SEED.apiKey,
      'base-url': server.url,
      'workflow-id': SEED.workflows.echo,
      input: '{"name":"Sel","count":2}',
      ...inputs,
    },
  });

describe('selected-outputs', () => {
  it.each(['async', 'sync', 'stream'])('%s: the output is the named block outputs, keyed as written', async (mode) => {
    const r = await step(emu, { mode, 'selected-outputs': 'function.result' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.outputs['output'] ?? '')).toEqual({ 'function.result': { name: 'Sel', count: 2, doubled: 4 } });
  });

  it('on a server without run records (March 2026), default async mode: the step fails before any run, naming the input and stream mode', async () => {
    const r = await step(march, { 'selected-outputs': 'function.result' });
    expect(r.code).not.toBe(0);
    expect(r.outputs['error']).toMatch(/selectedOutputs/);
    expect(r.outputs['error']).toMatch(/stream mode/);
    expect(executesOf(march)).toHaveLength(0);
  });
});
