// The v2 API behind the same methods (facts E and G): detected once per client (apiVersion auto), or forced.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimAbortError, SimNotFoundError, SimTimeoutError, SimValidationError } from '../src/index.js';
import { clientFor, requestsTo, startEmulator, type Emulator } from './helpers.js';

const V2 = /^\/api\/v2\//;

describe('a server with v2 on', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, v2: true, jobDurationMs: 150 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.clearJournal());

  it('auto: runs go through /api/v2 (input nested, X-Run-Id = the execution id), detected with one probe per client', async () => {
    const c = clientFor(emu);
    const res = await c.runWorkflow(emu.seed.workflows.echo, { input: { name: 'V2', count: 3 } });
    expect(res).toMatchObject({ status: 'completed', error: null, output: { result: { name: 'V2', doubled: 6 } } });
    const exec = requestsTo(emu, 'POST', /^\/api\/v2\/workflows\/wf-echo\/execute$/);
    expect(exec).toHaveLength(1);
    expect(JSON.parse(exec[0]!.body)).toEqual({ input: { name: 'V2', count: 3 }, async: true });
    expect(exec[0]!.headers['x-run-id']).toBe(res.executionId);
    expect(requestsTo(emu, 'POST', /^\/api\/workflows\//)).toHaveLength(0);
    const sync = await c.runWorkflowSync(emu.seed.workflows.fail, { input: { name: 'Eve' } });
    expect(sync.status).toBe('failed');
    expect(sync.error).toContain('boom: Eve');
    const resp = await c.runWorkflowSync(emu.seed.workflows.echoResponse, { input: { name: 'R', count: 1 } });
    expect(resp.output).toEqual({ echo: { name: 'R', count: 1, doubled: 2 }, ok: true });
    expect(resp.response?.status).toBe(200);
    const probes = emu.journal().filter((e) => e.method === 'GET' && /\/runs\/00000000-0000-4000-8000-00000000c0de$/.test(e.path));
    expect(probes).toHaveLength(1);
  });

  it('paused runs: reported, resumed through v2 (POST …/runs/{id}/resume), cancelled through v2', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.hitl;
    const paused = await c.runWorkflow(wf, { input: { name: 'P' } });
    expect(paused).toMatchObject({ status: 'paused', paused: { contextId: `${wf}-human`, pauseKind: 'human' } });
    const done = await c.resumeRun(wf, paused.executionId, { contextId: paused.paused!.contextId, input: { approved: true } });
    expect(done).toMatchObject({ executionId: paused.executionId, status: 'completed', output: { result: { submission: { approved: true } } } });
    expect(requestsTo(emu, 'POST', /\/api\/v2\/workflows\/wf-hitl\/runs\/[^/]+\/resume$/)).toHaveLength(1);
    const sync = await c.runWorkflowSync(wf, { input: { name: 'S' } });
    expect(sync.status).toBe('paused');
    const streamed = await c.collectStream(c.streamWorkflow(wf, { input: { name: 'T' } }));
    expect(streamed.status).toBe('paused');
    expect(requestsTo(emu, 'POST', /^\/api\/v2\/workflows\/wf-hitl\/execute$/).length).toBe(3);
    const cancel = await c.cancelExecution(wf, sync.executionId);
    expect(cancel).toMatchObject({ success: true, pausedCancelled: true, executionId: sync.executionId });
    expect(requestsTo(emu, 'POST', /\/api\/v2\/workflows\/wf-hitl\/runs\/[^/]+\/cancel$/)).toHaveLength(1);
    expect((await c.getExecution(wf, sync.executionId)).status).toBe('cancelled');
  });

  it('an ambiguous 503 (ASYNC_ENQUEUE_AMBIGUOUS) is reconciled by details.runId, then sent again with a new id', async () => {
    const ghost = randomUUID();
    emu.injectFault({
      type: 'status', status: 503, method: 'POST', path: '/api/v2/workflows/wf-echo/execute', times: 1,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Enqueue outcome unknown', details: { code: 'ASYNC_ENQUEUE_AMBIGUOUS', runId: ghost } } },
    });
    const c = clientFor(emu, { apiVersion: 'v2' });
    const res = await c.runWorkflow(emu.seed.workflows.echo, { input: { name: 'A', count: 1 } });
    expect(res.status).toBe('completed');
    expect(requestsTo(emu, 'GET', new RegExp(`/runs/${ghost}$`))).toHaveLength(1);
    const sent = requestsTo(emu, 'POST', /^\/api\/v2\/workflows\/wf-echo\/execute$/).map((e) => e.headers['x-run-id']);
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toBe(sent[1]);
    expect(res.executionId).toBe(sent[1]);
  });

  it('a 429 with Retry-After is waited out (a floor, plus jitter) and sent again with a new run id', async () => {
    emu.injectFault({ type: 'status', status: 429, method: 'POST', path: '/api/v2/workflows/wf-echo/execute', times: 1, headers: { 'retry-after': '1' }, body: { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded' } } });
    const c = clientFor(emu, { apiVersion: 'v2' });
    const t0 = Date.now();
    const res = await c.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'L', count: 2 } });
    expect(res.status).toBe('completed');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    const sent = requestsTo(emu, 'POST', /^\/api\/v2\/workflows\/wf-echo\/execute$/).map((e) => e.headers['x-run-id']);
    expect(new Set(sent).size).toBe(2);
  });

  it('streams through v2 (the same SSE), and an abort or the deadline cancels through POST …/runs/{id}/cancel', async () => {
    const c = clientFor(emu);
    const streamed = await c.collectStream(c.streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 3, chunkSize: 4 } }));
    expect(streamed).toMatchObject({ status: 'completed', text: expect.stringMatching(/^.{12}$/) });
    expect(requestsTo(emu, 'POST', /^\/api\/v2\/workflows\/wf-stream\/execute$/)).toHaveLength(1);

    const ac = new AbortController();
    let queued = '';
    const p = c.runWorkflow(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, signal: ac.signal, onQueued: (q) => (queued = q.executionId) });
    await new Promise((r) => setTimeout(r, 400));
    ac.abort();
    const aborted = await p.catch((e) => e);
    expect(aborted).toBeInstanceOf(SimAbortError);
    expect(aborted.cancelled).toBe(true);
    expect(aborted.executionId).toBe(queued);
    expect(requestsTo(emu, 'POST', new RegExp(`/api/v2/workflows/wf-slow/runs/${queued}/cancel$`))).toHaveLength(1);

    const late = await c.runWorkflow(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, timeoutMs: 1500 }).catch((e) => e);
    expect(late).toBeInstanceOf(SimTimeoutError);
    expect(late.lastStatus).toBe('running');
    expect(late.cancelled).toBe(true);
    expect((await c.getExecution(emu.seed.workflows.slow, late.executionId)).status).toBe('cancelled');
  });

  it('apiVersion v1 keeps v1 on a v2 server; an invalid apiVersion is refused', async () => {
    const c = clientFor(emu, { apiVersion: 'v1' });
    expect((await c.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'One', count: 1 } })).status).toBe('completed');
    expect(emu.journal().filter((e) => V2.test(e.path))).toHaveLength(0);
    expect(() => clientFor(emu, { apiVersion: 'v3' as never })).toThrow(SimValidationError);
  });
});

describe('a server with v2 off (the default)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 150 });
  });
  afterAll(() => emu?.close());

  it('auto: one probe answers 404 Not found, runs stay on v1; forcing v2 gets the server\'s 404', async () => {
    emu.clearJournal();
    const c = clientFor(emu);
    expect((await c.runWorkflow(emu.seed.workflows.echo, { input: { name: 'A', count: 1 } })).status).toBe('completed');
    expect((await c.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'B', count: 1 } })).status).toBe('completed');
    expect(emu.journal().filter((e) => V2.test(e.path))).toHaveLength(1);
    const forced = await clientFor(emu, { apiVersion: 'v2' }).runWorkflowSync(emu.seed.workflows.echo, { input: {} }).catch((e) => e);
    expect(forced).toBeInstanceOf(SimNotFoundError);
    expect(forced.message).toContain('Not found');
  });
});
