import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import {
  SERVERS,
  appTester,
  bundleFor,
  cursorStore,
  errorOf,
  executesOf,
  invokeWithCursor,
  startEmu,
  type Emulator,
} from './helpers.js';

const pollLogs = (App.triggers.new_execution_log.operation as { perform: unknown }).perform as never;
const execute = App.creates.execute_workflow.operation.perform as never;

describe.each(SERVERS)('workflow_list dropdown (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("pages through the deployed workflows with nextCursor kept in Zapier's cursor store", async () => {
    const cursor = cursorStore();
    const seen: Array<Record<string, unknown>> = [];
    let pages = 0;
    for (let page = 0; page < 50; page++) {
      const items = (await invokeWithCursor(
        'triggers.workflow_list.operation.perform',
        bundleFor(emu, {}, { page, limit: 2 }) as never,
        cursor,
      )) as Array<Record<string, unknown>>;
      if (items.length === 0) break;
      pages++;
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items);
    }
    expect(pages).toBeGreaterThan(2);
    const ids = seen.map((w) => w['id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(emu.seed.workflows.echo);
    expect(ids).toContain(emu.seed.workflows.typed);
    expect(ids).not.toContain(emu.seed.workflows.undeployed);
    expect(seen.every((w) => w['isDeployed'] === true && typeof w['name'] === 'string')).toBe(true);
    // Every page after the first sent the cursor of the page before; after the last page (no
    // nextCursor) the next page is empty without asking Sim again.
    const listCalls = emu.journal().filter((c) => c.path === '/api/v1/workflows');
    expect(listCalls.length).toBe(pages);
    expect(listCalls.slice(1).every((c) => typeof c.query['cursor'] === 'string' && c.query['cursor'] !== '')).toBe(
      true,
    );
    expect(
      listCalls.every((c) => c.query['workspaceId'] === emu.seed.workspaceId && c.query['deployedOnly'] === 'true'),
    ).toBe(true);
  });
});

describe.each(SERVERS)('new_execution_log trigger (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server, { logCount: 20 });
    // Fresh runs: newest logs of the workspace.
    await appTester(execute, bundleFor(emu, { workflowId: 'wf-echo', mode: 'sync', input__name: 'First' }) as never);
    await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-fail', mode: 'sync', input__name: 'Eve', failOnError: false }) as never,
    );
    await appTester(execute, bundleFor(emu, { workflowId: 'wf-echo', mode: 'async', input__name: 'Last' }) as never);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('returns the newest runs first with the log id as id and the final output', async () => {
    const items = (await appTester(pollLogs, bundleFor(emu, {}) as never)) as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThanOrEqual(3);
    const ids = items.map((i) => i['id']);
    expect(new Set(ids).size).toBe(ids.length);
    const started = items.map((i) => Date.parse(String(i['startedAt'])));
    expect([...started].sort((a, b) => b - a)).toEqual(started);
    const newest = items[0]!;
    expect(newest['workflowId']).toBe('wf-echo');
    expect(newest['finalOutput']).toEqual({ result: { name: 'Last', doubled: 0 }, stdout: 'echo called' });
    const call = emu
      .journal()
      .filter((c) => c.path === '/api/v1/logs')
      .at(-1)!;
    expect(call.query).toMatchObject({ workspaceId: emu.seed.workspaceId, includeFinalOutput: 'true', order: 'desc' });
  });

  it('filters by workflows, level and trigger', async () => {
    const errors = (await appTester(
      pollLogs,
      bundleFor(emu, { workflowIds: ['wf-fail'], level: 'error', triggers: ['api'] }) as never,
    )) as Array<Record<string, unknown>>;
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((i) => i['workflowId'] === 'wf-fail' && i['level'] === 'error')).toBe(true);
    const call = emu
      .journal()
      .filter((c) => c.path === '/api/v1/logs')
      .at(-1)!;
    expect(call.query).toMatchObject({ workflowIds: 'wf-fail', level: 'error', triggers: 'api' });
  });

  it('loads about 3 items as samples', async () => {
    const items = (await appTester(pollLogs, bundleFor(emu, {}, { isLoadingSample: true }) as never)) as unknown[];
    expect(items).toHaveLength(3);
  });

  it('turns a 500 of the logs endpoint into a step error with the status', async () => {
    emu.injectFault({
      method: 'GET',
      path: '/api/v1/logs',
      type: 'status',
      status: 500,
      body: { error: 'Internal Server Error' },
    });
    const err = await errorOf(appTester(pollLogs, bundleFor(emu, {}) as never));
    expect(err.message).toMatch(/HTTP 500/);
  });

  it('turns a 429 of the logs endpoint into ThrottledError with retry-after', async () => {
    emu.injectFault({
      method: 'GET',
      path: '/api/v1/logs',
      type: 'status',
      status: 429,
      headers: { 'retry-after': '60' },
      body: { error: 'Rate limit exceeded' },
    });
    const err = await errorOf(appTester(pollLogs, bundleFor(emu, {}) as never));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 60 });
  });
});

// Sim claims the id of an execute it refuses with 429 and logs it as a failed 1 ms run
// (packages/emulator/recordings/sim-server-facts.md §A): that attempt never ran, so the trigger does not report it.
describe.each(['v1', 'v2'] as const)('new_execution_log and rate-limited attempts (executes through %s)', (server) => {
  it('skips the log entry of an attempt Sim refused with 429', async () => {
    const limited = await startEmu(server, { jobDurationMs: 50, rateLimits: { execute: 1 } });
    try {
      await appTester(
        execute,
        bundleFor(limited, { workflowId: 'wf-echo', mode: 'sync', input__name: 'first' }) as never,
      );
      const err = await errorOf(
        appTester(execute, bundleFor(limited, { workflowId: 'wf-fail', mode: 'sync', input__name: 'Z' }) as never),
      );
      expect(err.name).toBe('ThrottledError');
      const attempt = executesOf(limited, 'wf-fail').at(-1);
      const burnt = attempt?.headers['x-execution-id'] ?? attempt?.headers['x-run-id'];
      expect(burnt).toMatch(/^[0-9a-f-]{36}$/);
      const query = new URLSearchParams({
        workspaceId: limited.seed.workspaceId,
        workflowIds: 'wf-fail',
        level: 'error',
        details: 'full',
        includeFinalOutput: 'true',
      });
      const raw = (await (
        await fetch(`${limited.url}/api/v1/logs?${query}`, { headers: { 'x-api-key': limited.seed.apiKey } })
      ).json()) as { data: Array<{ executionId: string }> };
      expect(raw.data.map((l) => l.executionId)).toContain(burnt);
      const items = (await appTester(
        pollLogs,
        bundleFor(limited, { workflowIds: ['wf-fail'], level: 'error' }) as never,
      )) as Array<Record<string, unknown>>;
      expect(items.length).toBeGreaterThan(0);
      expect(items.map((i) => i['executionId'])).not.toContain(burnt);
    } finally {
      await limited.close();
    }
  });
});

// Sim answers 401 "Rate limit check failed" when it could not check the key
// (packages/emulator/recordings/sim-server-facts.md §C): that must not mark the connection expired.
describe('new_execution_log and a 401 of the logs endpoint', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu('v1');
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('a transient 401 "Rate limit check failed" is never ExpiredAuthError', async () => {
    emu.injectFault({
      method: 'GET',
      path: '/api/v1/logs',
      type: 'status',
      status: 401,
      body: { error: 'Rate limit check failed' },
      times: 10,
    });
    const err = await errorOf(appTester(pollLogs, bundleFor(emu, {}) as never));
    expect(err.name).not.toBe('ExpiredAuthError');
    expect(err.message).toMatch(/not a wrong key/);
  });

  it('a rejected key is ExpiredAuthError', async () => {
    emu.reset();
    const err = await errorOf(
      appTester(pollLogs, bundleFor(emu, {}, {}, { apiKey: 'sk-sim-not-a-key-0000' }) as never),
    );
    expect(err.name).toBe('ExpiredAuthError');
  });
});
