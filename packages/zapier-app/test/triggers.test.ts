import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { SERVERS, appTester, bundleFor, cursorStore, errorOf, invokeWithCursor, startEmu, type Emulator } from './helpers.js';

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

  it('pages through the deployed workflows with nextCursor kept in Zapier\'s cursor store', async () => {
    const cursor = cursorStore();
    const seen: Array<Record<string, unknown>> = [];
    let pages = 0;
    for (let page = 0; page < 50; page++) {
      const items = (await invokeWithCursor('triggers.workflow_list.operation.perform', bundleFor(emu, {}, { page, limit: 2 }) as never, cursor)) as Array<
        Record<string, unknown>
      >;
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
    expect(listCalls.slice(1).every((c) => typeof c.query['cursor'] === 'string' && c.query['cursor'] !== '')).toBe(true);
    expect(listCalls.every((c) => c.query['workspaceId'] === emu.seed.workspaceId && c.query['deployedOnly'] === 'true')).toBe(true);
  });
});

describe.each(SERVERS)('new_execution_log trigger (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server, { logCount: 20 });
    // Fresh runs: newest logs of the workspace.
    await appTester(execute, bundleFor(emu, { workflowId: 'wf-echo', mode: 'sync', input__name: 'First' }) as never);
    await appTester(execute, bundleFor(emu, { workflowId: 'wf-fail', mode: 'sync', input__name: 'Eve', failOnError: false }) as never);
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
    const call = emu.journal().filter((c) => c.path === '/api/v1/logs').at(-1)!;
    expect(call.query).toMatchObject({ workspaceId: emu.seed.workspaceId, includeFinalOutput: 'true', order: 'desc' });
  });

  it('filters by workflows, level and trigger', async () => {
    const errors = (await appTester(pollLogs, bundleFor(emu, { workflowIds: ['wf-fail'], level: 'error', triggers: ['api'] }) as never)) as Array<
      Record<string, unknown>
    >;
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((i) => i['workflowId'] === 'wf-fail' && i['level'] === 'error')).toBe(true);
    const call = emu.journal().filter((c) => c.path === '/api/v1/logs').at(-1)!;
    expect(call.query).toMatchObject({ workflowIds: 'wf-fail', level: 'error', triggers: 'api' });
  });

  it('loads about 3 items as samples', async () => {
    const items = (await appTester(pollLogs, bundleFor(emu, {}, { isLoadingSample: true }) as never)) as unknown[];
    expect(items).toHaveLength(3);
  });

  it('turns a 500 of the logs endpoint into a step error with the status', async () => {
    emu.injectFault({ method: 'GET', path: '/api/v1/logs', type: 'status', status: 500, body: { error: 'Internal Server Error' } });
    const err = await errorOf(appTester(pollLogs, bundleFor(emu, {}) as never));
    expect(err.message).toMatch(/HTTP 500/);
  });

  it('turns a 429 of the logs endpoint into ThrottledError with retry-after', async () => {
    emu.injectFault({ method: 'GET', path: '/api/v1/logs', type: 'status', status: 429, headers: { 'retry-after': '60' }, body: { error: 'Rate limit exceeded' } });
    const err = await errorOf(appTester(pollLogs, bundleFor(emu, {}) as never));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 60 });
  });
});
