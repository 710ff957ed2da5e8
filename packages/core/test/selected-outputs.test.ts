// Selected outputs mean one thing on every mode (sim-server-facts.md, 2026-12-01 B and G 15–17): the block outputs the
// caller named, keyed by what the caller wrote, read from the execution resource after the run.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimValidationError } from '../src/index.js';
import { clientFor, requestsTo, startEmulator, type Emulator } from './helpers.js';

const EXEC = /\/execute$/;
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobDurationMs: 50 });
});
afterAll(() => emu?.close());
beforeEach(() => emu.reset());

const echo = () => emu.seed.workflows.echo;
const want = { name: 'Sel', count: 3, doubled: 6 };

describe('selected outputs on the current server', () => {
  it('sync: keyed by what the caller wrote (the server itself ignores selectedOutputs on sync runs)', async () => {
    const res = await clientFor(emu).runWorkflowSync(echo(), { input: { name: 'Sel', count: 3 }, selectedOutputs: ['function.result', 'start.name'] });
    expect(res.status).toBe('completed');
    expect(res.output).toEqual({ 'function.result': want, 'start.name': 'Sel' });
  });
  it('async (runWorkflow): selectedOutputs are never sent on the async execute, yet the run returns them', async () => {
    const res = await clientFor(emu).runWorkflow(echo(), { input: { name: 'Sel', count: 3 }, selectedOutputs: ['Function.result.doubled'] });
    expect(res.status).toBe('completed');
    expect(res.output).toEqual({ 'Function.result.doubled': 6 });
    const body = JSON.parse(requestsTo(emu, 'POST', EXEC)[0]!.body) as Record<string, unknown>;
    expect(body['selectedOutputs']).toBeUndefined();
  });
  it('stream: the same keys as sync and async (the stream final itself is keyed by block id)', async () => {
    const client = clientFor(emu);
    const res = await client.collectStream(client.streamWorkflow(echo(), { input: { name: 'Sel', count: 3 }, selectedOutputs: ['function.result'] }));
    expect(res.status).toBe('completed');
    expect(res.output).toEqual({ 'function.result': want });
  });
  it('block ids work as well as names', async () => {
    const fnId = `${echo()}-function`;
    const res = await clientFor(emu).runWorkflowSync(echo(), { input: { name: 'Sel', count: 3 }, selectedOutputs: [`${fnId}.result.count`, fnId] });
    expect(res.output).toEqual({ [`${fnId}.result.count`]: 3, [fnId]: { result: want, stdout: 'echo called' } });
  });
  it('an unknown block name fails before any run starts, naming the blocks there are', async () => {
    const err = await clientFor(emu).runWorkflowSync(echo(), { selectedOutputs: ['agent1.content'] }).catch((e) => e);
    expect(err).toBeInstanceOf(SimValidationError);
    expect(err.field).toBe('selectedOutputs');
    expect(err.message).toContain('function');
    expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(0);
  });
  it('raw executeWorkflow refuses selectedOutputs on async before sending (the server would answer 400)', async () => {
    const err = await clientFor(emu).executeWorkflow(echo(), { async: true, selectedOutputs: ['function.result'] }).catch((e) => e);
    expect(err).toBeInstanceOf(SimValidationError);
    expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(0);
  });
});

describe('selected outputs on a March 2026 server (no execution resource)', () => {
  let march: Emulator;
  beforeAll(async () => {
    march = await startEmulator({ port: 0, profile: '2026-03', jobDurationMs: 50 });
  });
  afterAll(() => march?.close());
  it.each(['sync', 'async'] as const)('%s: a validation error naming the option and stream mode, before any run', async (mode) => {
    march.reset();
    const client = clientFor(march);
    const run = mode === 'sync' ? client.runWorkflowSync(march.seed.workflows.echo, { selectedOutputs: ['function.result'] }) : client.runWorkflow(march.seed.workflows.echo, { selectedOutputs: ['function.result'] });
    const err = await run.catch((e) => e);
    expect(err).toBeInstanceOf(SimValidationError);
    expect(err.field).toBe('selectedOutputs');
    expect(err.message).toMatch(/stream mode/);
    expect(requestsTo(march, 'POST', EXEC)).toHaveLength(0);
  });
  it('stream still works there: the server narrows the final output itself', async () => {
    march.reset();
    const client = clientFor(march);
    const res = await client.collectStream(client.streamWorkflow(march.seed.workflows.echo, { input: { name: 'Sel', count: 3 }, selectedOutputs: ['function.result'] }));
    expect(res.status).toBe('completed');
    expect(res.output).toEqual({ [`${march.seed.workflows.echo}-function`]: { result: want } });
  });
});
