// Findings of the 2026-12-01 real-server run (sim-server-facts.md A and C) on the Zapier app.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { appTester, bundleFor, errorOf, startEmu, type Emulator } from './helpers.js';

const pollLogs = (App.triggers.new_execution_log.operation as { perform: unknown }).perform as never;
const perform = App.creates.execute_workflow.operation.perform as never;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmu('current', { jobDurationMs: 50 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => emu.reset());

describe('rate-limited executes (facts A)', () => {
  it('a 429 stays ThrottledError, and the step Zapier retries runs under a new id (no 409)', async () => {
    emu.injectFault({ method: 'POST', path: '/api/workflows/wf-echo/execute', type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
    const bundle = bundleFor(emu, { workflowId: 'wf-echo', mode: 'sync', input: '{"name":"Z"}' });
    const err = await errorOf(appTester(perform, bundle as never));
    expect(err.name).toBe('ThrottledError');
    const result = (await appTester(perform, bundle as never)) as Record<string, unknown>;
    expect(result['status']).toBe('completed');
    const ids = emu.journal().filter((c) => c.method === 'POST' && c.path.endsWith('/execute')).map((c) => c.headers['x-execution-id']);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
  });
  it('the trigger does not report the rate-limited attempt as a failed run', async () => {
    emu.injectFault({ method: 'POST', path: '/api/workflows/wf-fail/execute', type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
    await errorOf(appTester(perform, bundleFor(emu, { workflowId: 'wf-fail', mode: 'sync', input: '{"name":"Z"}' }) as never));
    const burnt = emu.journal().find((c) => c.method === 'POST' && c.path.endsWith('/execute'))!.headers['x-execution-id'];
    const items = (await appTester(pollLogs, bundleFor(emu, { workflowIds: ['wf-fail'], level: 'error' }) as never)) as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i['executionId'])).not.toContain(burnt);
  });
});

describe('401 "Rate limit check failed" (facts C)', () => {
  it('is never ExpiredAuthError (that would mark the connection expired)', async () => {
    emu.injectFault({ method: 'GET', path: '/api/v1/logs', type: 'status', status: 401, body: { error: 'Rate limit check failed' }, times: 10 });
    const err = await errorOf(appTester(pollLogs, bundleFor(emu, {}) as never));
    expect(err.name).not.toBe('ExpiredAuthError');
    expect(err.message).toMatch(/not a wrong key/);
  });
  it('a bad key still is', async () => {
    const err = await errorOf(appTester(pollLogs, bundleFor(emu, {}, {}, { apiKey: 'sk-sim-not-a-key-0000' }) as never));
    expect(err.name).toBe('ExpiredAuthError');
  });
});
