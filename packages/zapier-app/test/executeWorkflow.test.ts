import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { MAX_CANCEL_MS } from '../src/deadline.js';
import {
  SERVERS,
  appTester,
  bundleFor,
  errorOf,
  executesOf,
  messageOf,
  sentInput,
  startEmu,
  type Emulator,
} from './helpers.js';

const perform = App.creates.execute_workflow.operation.perform as never;
const jobStatus = App.searches.get_job_status.operation.perform as never;

afterEach(() => {
  delete process.env['SIM_ZAPIER_WAIT_SECONDS_MAX'];
});

describe.each(SERVERS)('execute_workflow main flows (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server);
  });
  afterAll(async () => {
    await emu?.close();
  });
  const run = (inputData: Record<string, unknown>) =>
    appTester(perform, bundleFor(emu, inputData) as never) as Promise<Record<string, unknown>>;

  it('async (default mode): queues the run, waits for it and returns the workflow output', async () => {
    const r = await run({ workflowId: emu.seed.workflows.echo, input__name: 'Ada', input__count: '21' });
    expect(r).toMatchObject({ status: 'completed', mode: 'async', error: null, workflowId: 'wf-echo' });
    expect(r['output']).toEqual({ result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' });
    // v2 has no jobs; the execution id names the run on every server
    expect(r['jobId']).toEqual(server === 'v2' ? undefined : expect.any(String));
    expect(r['executionId']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const execute = executesOf(emu).at(-1)!;
    if (server === 'v2') expect(JSON.parse(execute.body)).toMatchObject({ async: true });
    else expect(execute.headers['x-execution-mode']).toBe('async');
    expect(sentInput(execute)).toEqual({ name: 'Ada', count: 21 });
  });

  it('sync: runs in the request and returns the output', async () => {
    const r = await run({ workflowId: emu.seed.workflows.echo, mode: 'sync', input__name: 'Bob', input__count: 2 });
    expect(r).toMatchObject({ status: 'completed', mode: 'sync', error: null });
    expect(r['output']).toEqual({ result: { name: 'Bob', count: 2, doubled: 4 }, stdout: 'echo called' });
    expect(r['executionId']).toEqual(expect.any(String));
    expect(r['jobId']).toBeUndefined();
  });

  it('sync: a Response-block workflow returns its own body, with its status and headers', async () => {
    const r = await run({
      workflowId: emu.seed.workflows.echoResponse,
      mode: 'sync',
      input__name: 'Ada',
      input__count: 1,
    });
    expect(r['status']).toBe('completed');
    expect(r['output']).toEqual({ echo: { name: 'Ada', count: 1, doubled: 2 }, ok: true });
    expect((r['response'] as { status: number }).status).toBe(200);
  });

  it('async: a Response-block workflow returns its own body too', async () => {
    const r = await run({ workflowId: emu.seed.workflows.echoResponse, input__name: 'Ada', input__count: 1 });
    expect(r['status']).toBe('completed');
    expect(r['output']).toEqual({ echo: { name: 'Ada', count: 1, doubled: 2 }, ok: true });
  });

  for (const mode of ['sync', 'async']) {
    it(`${mode}: a failed run fails the step with Sim's message and the execution id`, async () => {
      const err = await errorOf(run({ workflowId: emu.seed.workflows.fail, mode, input__name: 'Eve' }));
      const m = messageOf(err);
      expect(m.message).toContain('boom: Eve');
      expect(m.message).toMatch(/execution id [0-9a-f-]{36}/);
      expect(m['code']).toBe('workflow_failed');
      expect(m.message).not.toContain(emu.seed.apiKey);
    });

    it(`${mode}: with "Stop the Zap When the Run Fails" off, a failed run is a result with status failed`, async () => {
      const r = await run({ workflowId: emu.seed.workflows.fail, mode, input__name: 'Eve', failOnError: false });
      expect(r['status']).toBe('failed');
      expect(String(r['error'])).toContain('boom: Eve');
      expect(r['executionId']).toEqual(expect.any(String));
    });
  }

  it('async past the deadline: returns its execution ID (job ID where the server has jobs) with status queued/processing; Get Job Status then finds the result', async () => {
    process.env['SIM_ZAPIER_WAIT_SECONDS_MAX'] = '1';
    const r = await run({ workflowId: emu.seed.workflows.slow, inputJson: '{"delayMs": 3000, "name": "Slow"}' });
    expect(['queued', 'processing']).toContain(r['status']);
    expect(r['executionId']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(r['jobId']).toEqual(server === 'v2' ? undefined : expect.any(String));
    expect(r['output']).toBeNull();
    expect(String(r['message'])).toContain(
      `"Get Job Status" with the execution ID ${String(r['executionId'])} and the workflow wf-slow`,
    );

    // Followed by execution ID + workflow where the server keeps run records (v1, v2); by job ID on the March server.
    const lookup =
      server === 'march' ? { jobId: r['jobId'] } : { executionId: r['executionId'], workflowId: 'wf-slow' };
    // Still running: answered at once with the current status.
    const [running] = (await appTester(jobStatus, bundleFor(emu, lookup) as never)) as Array<Record<string, unknown>>;
    expect(running).toMatchObject({
      id: server === 'march' ? r['jobId'] : r['executionId'],
      done: false,
      output: null,
    });
    expect(['queued', 'processing']).toContain(running!['status']);

    process.env['SIM_ZAPIER_WAIT_SECONDS_MAX'] = '20';
    const [done] = (await appTester(jobStatus, bundleFor(emu, { ...lookup, waitSeconds: 20 }) as never)) as Array<
      Record<string, unknown>
    >;
    expect(done).toMatchObject({ status: 'completed', done: true, executionId: r['executionId'] });
    expect(done!['output']).toEqual({ result: { delayMs: 3000, name: 'Slow', doubled: 0 }, stdout: 'echo called' });
  });

  it('async with "Wait (seconds)" 0: only queues the run', async () => {
    const r = await run({ workflowId: emu.seed.workflows.echo, waitSeconds: 0, input__name: 'Q' });
    expect(r).toMatchObject({ status: 'queued', output: null, error: null, mode: 'async' });
    expect(r['executionId']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(r['jobId']).toEqual(server === 'v2' ? undefined : expect.any(String));
    expect(String(r['message'])).toContain(`execution ID ${String(r['executionId'])}`);
    // only the execute: no wait
    expect(emu.journal().filter((e) => e.method === 'GET' && e.path.includes(String(r['executionId'])))).toEqual([]);
  });

  it('sync past the deadline: cuts the run with a clear message naming the execution', async () => {
    process.env['SIM_ZAPIER_WAIT_SECONDS_MAX'] = '1';
    const err = await errorOf(
      run({ workflowId: emu.seed.workflows.slow, mode: 'sync', inputJson: '{"delayMs": 4000}' }),
    );
    const m = messageOf(err);
    expect(m['code'], m.message).toBe('sync_deadline');
    expect(m.message).toMatch(/did not finish within 1 s/);
    expect(m.message).toMatch(/execution id [0-9a-f-]{36}/);
    expect(m.message).toMatch(/Use mode "async"/);
  });

  it('sync past the deadline with a hanging cancel: the step still fails well before its 30 s', async () => {
    process.env['SIM_ZAPIER_WAIT_SECONDS_MAX'] = '1';
    // Every cancel of the slow workflow hangs for 40 s: without a cancel budget the step would overrun 30 s.
    emu.injectFault({
      type: 'delay',
      delayMs: 40_000,
      method: 'POST',
      path: new RegExp(`/workflows/${emu.seed.workflows.slow}/(executions|runs)/[^/]+/cancel$`),
      times: 5,
    });
    const t0 = Date.now();
    const err = await errorOf(
      run({ workflowId: emu.seed.workflows.slow, mode: 'sync', inputJson: '{"delayMs": 4000}' }),
    );
    const elapsed = Date.now() - t0;
    const m = messageOf(err);
    expect(m['code'], m.message).toBe('sync_deadline');
    expect(m.message).not.toMatch(/cancelled in Sim/);
    // 1 s wait + the 5 s cancel budget (30 s − 1 s − 2 s margin, capped at 5 s), with slack for a noisy machine.
    expect(elapsed).toBeGreaterThanOrEqual(5500);
    expect(elapsed).toBeLessThan(1000 + MAX_CANCEL_MS + 4000);
    const executionId = /execution id ([0-9a-f-]{36})/.exec(m.message)?.[1];
    expect(executionId).toBeTruthy();
    const cancels = emu.journal().filter((e) => e.method === 'POST' && e.path.endsWith(`/${executionId}/cancel`));
    expect(cancels).toHaveLength(1);
  }, 30_000);
});

describe.each(['v1', 'v2'] as const)('execute_workflow input and errors (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server);
  });
  /** The execute route of wf-echo on either API, for faults. */
  const EXECUTE = /^\/api\/(v2\/)?workflows\/wf-echo\/execute$/;
  /** An error body as this server's API words it (v1 `{error}`, v2 `{error:{code,message}}`). */
  const errorBody = (message: string, code: string) =>
    server === 'v2' ? { error: { code, message } } : { error: message };
  afterAll(async () => {
    await emu?.close();
  });
  const run = (inputData: Record<string, unknown>, authData: Record<string, string> = {}) =>
    appTester(perform, bundleFor(emu, { mode: 'sync', ...inputData }, {}, authData) as never) as Promise<
      Record<string, unknown>
    >;

  it('merges the raw JSON input under the typed fields; an unresolved {{…}} field falls back to the JSON value', async () => {
    const r = await run({
      workflowId: 'wf-echo',
      inputJson: '{"name": "Raw", "count": 2, "extra": true}',
      input__name: '{{123__missing}}',
      input__count: '5',
    });
    expect(r['output']).toEqual({ result: { name: 'Raw', count: 5, extra: true, doubled: 10 }, stdout: 'echo called' });
  });

  it('converts every input type of the typed workflow', async () => {
    const r = await run({
      workflowId: emu.seed.workflows.typed,
      input__text: 'hello',
      input__amount: '2.5',
      input__flag: 'yes',
      input__meta: '{"a": 1}',
      input__tags: ['x', 'y'],
      input__attachment: 'https://files.example.com/docs/report.pdf',
    });
    expect(sentInput(executesOf(emu).at(-1))).toEqual({
      text: 'hello',
      amount: 2.5,
      flag: true,
      meta: { a: 1 },
      tags: ['x', 'y'],
      attachment: [{ type: 'url', data: 'https://files.example.com/docs/report.pdf', name: 'report.pdf' }],
    });
    expect(r['status']).toBe('completed');
  });

  it('invalid input is a HaltedError naming the field', async () => {
    const err = await errorOf(run({ workflowId: 'wf-echo', input__count: 'abc' }));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/"count" must be a number, got "abc"/);
    const bad = await errorOf(run({ workflowId: 'wf-echo', inputJson: '[1,2]' }));
    expect(bad.name).toBe('HaltedError');
    expect(bad.message).toMatch(/JSON object/);
  });

  it('a workflow that is not deployed is a HaltedError that says so (v1 wording, v2 WORKFLOW_NOT_DEPLOYED)', async () => {
    const err = await errorOf(run({ workflowId: emu.seed.workflows.undeployed }));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/not deployed/);
    expect(err.message).toMatch(/Deploy it in Sim/);
  });

  it('an unknown workflow (404) is a HaltedError', async () => {
    const err = await errorOf(run({ workflowId: 'wf-does-not-exist' }));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/404/);
    expect(err.message).toMatch(/Workflow not found/);
  });

  it("429 becomes ThrottledError with Sim's Retry-After", async () => {
    emu.injectFault({
      method: 'POST',
      path: EXECUTE,
      type: 'status',
      status: 429,
      headers: { 'retry-after': '7' },
      body: errorBody('Rate limit exceeded', 'RATE_LIMITED'),
    });
    const err = await errorOf(run({ workflowId: 'wf-echo' }));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 7 });
  });

  // Sim spends the id of an execute it refused with 429 (packages/emulator/recordings/sim-server-facts.md §A); the step
  // Zapier retries after the ThrottledError, with the same bundle, must therefore start the run under a new id
  it('the step Zapier retries after a ThrottledError runs under a new execution id (no 409)', async () => {
    emu.clearJournal();
    emu.injectFault({
      method: 'POST',
      path: EXECUTE,
      type: 'status',
      status: 429,
      body: errorBody('Rate limit exceeded. Please try again later.', 'RATE_LIMITED'),
    });
    const bundle = bundleFor(emu, { workflowId: 'wf-echo', mode: 'sync', input: '{"name":"Z"}' });
    const err = await errorOf(appTester(perform, bundle as never));
    expect(err.name).toBe('ThrottledError');
    const result = (await appTester(perform, bundle as never)) as Record<string, unknown>;
    expect(result['status']).toBe('completed');
    const ids = executesOf(emu, 'wf-echo').map((c) => c.headers['x-execution-id'] ?? c.headers['x-run-id']);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('429 without Retry-After (what the v1 execute endpoint sends) on an empty bucket: Zapier retries when it refills (usage-limits)', async () => {
    const limited = await startEmu(server, { rateLimits: { execute: 1 } });
    try {
      await appTester(perform, bundleFor(limited, { workflowId: 'wf-echo', mode: 'sync' }) as never);
      limited.clearJournal();
      const err = await errorOf(
        appTester(perform, bundleFor(limited, { workflowId: 'wf-echo', mode: 'sync' }) as never),
      );
      expect(err.name).toBe('ThrottledError');
      // the bucket's next refill (a minute after its first use): v2's 429 names it (Retry-After), v1's does not, so the
      // core read it from usage-limits instead of guessing
      const { delay } = JSON.parse(err.message) as { delay: number };
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(61);
      // (v2's client reads the count too, after every 429, to pace the runs that follow: it says how many tokens come)
      const reads = limited.journal().filter((e) => e.path === '/api/users/me/usage-limits').length;
      expect(reads).toBeGreaterThanOrEqual(1);
      // one attempt only: Zapier itself retries the step (Zapier keeps its own throttling path)
      expect(executesOf(limited, 'wf-echo')).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it("a 429 whose refill nobody knows (usage-limits still shows tokens): Zapier's own 30–60 s, not a guess", async () => {
    emu.clearJournal();
    emu.injectFault({
      method: 'POST',
      path: EXECUTE,
      type: 'status',
      status: 429,
      body: errorBody('Rate limit exceeded. Please try again later.', 'RATE_LIMITED'),
    });
    const err = await errorOf(run({ workflowId: 'wf-echo', mode: 'async' }));
    expect(err.name).toBe('ThrottledError');
    const { delay } = JSON.parse(err.message) as { delay: number };
    expect(delay).toBeGreaterThanOrEqual(30);
    expect(delay).toBeLessThanOrEqual(60);
    expect(executesOf(emu, 'wf-echo')).toHaveLength(1);
  });

  it("the emulator's own execute rate limit becomes ThrottledError", async () => {
    const limited = await startEmu(server, { rateLimits: { execute: 1 } });
    try {
      const bundle = bundleFor(limited, { workflowId: 'wf-echo', mode: 'sync' });
      await appTester(perform, bundle as never);
      const err = await errorOf(appTester(perform, bundle as never));
      expect(err.name).toBe('ThrottledError');
    } finally {
      await limited.close();
    }
  });

  it('401 becomes ExpiredAuthError without the key in the message', async () => {
    const key = 'sk-sim-not-a-real-key-42';
    const err = await errorOf(run({ workflowId: 'wf-echo' }, { apiKey: key }));
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/HTTP 401/);
    expect(err.message).not.toContain(key);
  });

  it('403 other than "not deployed" becomes ExpiredAuthError (no access to the workspace)', async () => {
    emu.injectFault({
      method: 'POST',
      path: EXECUTE,
      type: 'status',
      status: 403,
      body: errorBody('Access denied', 'FORBIDDEN'),
    });
    const err = await errorOf(run({ workflowId: 'wf-echo' }));
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/HTTP 403: Access denied/);
  });

  it('500 from the server fails the step with the status', async () => {
    emu.injectFault({
      method: 'POST',
      path: EXECUTE,
      type: 'status',
      status: 503,
      body: errorBody('Service Unavailable', 'SERVICE_UNAVAILABLE'),
    });
    const err = await errorOf(run({ workflowId: 'wf-echo', mode: 'async' }));
    const m = messageOf(err);
    expect(m['status']).toBe(503);
    expect(m.message).toMatch(/HTTP 503/);
  });

  it('an unreachable server is a clear connection error', async () => {
    const err = await errorOf(run({ workflowId: 'wf-echo' }, { baseUrl: 'http://127.0.0.1:9' }));
    const m = messageOf(err);
    expect(m['code']).toBe('connection_error');
    expect(m.message).toMatch(/ECONNREFUSED/);
    expect(m.message).toMatch(/127\.0\.0\.1:9/);
  });
});
