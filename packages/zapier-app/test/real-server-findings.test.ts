// Findings of the 2026-12-01 real-server run (sim-server-facts.md A and C) on the Zapier app.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { appTester, bundleFor, errorOf, executesOf, startEmu, type Emulator } from './helpers.js';

const pollLogs = (App.triggers.new_execution_log.operation as { perform: unknown }).perform as never;
const perform = App.creates.execute_workflow.operation.perform as never;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmu('v1', { jobDurationMs: 50 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => emu.reset());

describe.each(['v1', 'v2'] as const)('rate-limited executes (facts A; %s server)', (server) => {
  it('a 429 stays ThrottledError, and the step Zapier retries runs under a new id (no 409)', async () => {
    const limited = await startEmu(server, { jobDurationMs: 50 });
    try {
      limited.injectFault({ method: 'POST', path: /^\/api\/(v2\/)?workflows\/wf-echo\/execute$/, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
      const bundle = bundleFor(limited, { workflowId: 'wf-echo', mode: 'sync', input: '{"name":"Z"}' });
      const err = await errorOf(appTester(perform, bundle as never));
      expect(err.name).toBe('ThrottledError');
      const result = (await appTester(perform, bundle as never)) as Record<string, unknown>;
      expect(result['status']).toBe('completed');
      const ids = executesOf(limited, 'wf-echo').map((c) => c.headers['x-execution-id'] ?? c.headers['x-run-id']);
      expect(ids).toHaveLength(2);
      expect(ids[1]).not.toBe(ids[0]);
    } finally {
      await limited.close();
    }
  });

  it('the trigger does not report the rate-limited attempt (Sim logs it as a failed run) as a finished run', async () => {
    // Sim claims the id, refuses the execute and writes a failed 1 ms log entry for it (facts A): so does the emulator
    const limited = await startEmu(server, { jobDurationMs: 50, rateLimits: { execute: 1 } });
    try {
      await appTester(perform, bundleFor(limited, { workflowId: 'wf-echo', mode: 'sync', input__name: 'first' }) as never);
      const err = await errorOf(appTester(perform, bundleFor(limited, { workflowId: 'wf-fail', mode: 'sync', input__name: 'Z' }) as never));
      expect(err.name).toBe('ThrottledError');
      const attempt = executesOf(limited, 'wf-fail').at(-1);
      const burnt = attempt?.headers['x-execution-id'] ?? attempt?.headers['x-run-id'];
      expect(burnt).toMatch(/^[0-9a-f-]{36}$/);
      const query = new URLSearchParams({ workspaceId: limited.seed.workspaceId, workflowIds: 'wf-fail', level: 'error', details: 'full', includeFinalOutput: 'true' });
      const raw = (await (await fetch(`${limited.url}/api/v1/logs?${query}`, { headers: { 'x-api-key': limited.seed.apiKey } })).json()) as { data: Array<{ executionId: string }> };
      expect(raw.data.map((l) => l.executionId)).toContain(burnt);
      const items = (await appTester(pollLogs, bundleFor(limited, { workflowIds: ['wf-fail'], level: 'error' }) as never)) as Array<Record<string, unknown>>;
      expect(items.length).toBeGreaterThan(0);
      expect(items.map((i) => i['executionId'])).not.toContain(burnt);
    } finally {
      await limited.close();
    }
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
