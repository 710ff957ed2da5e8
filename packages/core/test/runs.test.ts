// runWorkflow / runWorkflowSync / streams / waitForJob against both emulator profiles.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimAbortError, SimStreamError, SimTimeoutError, type RunState } from '../src/index.js';
import { clientFor, delay, requestsTo, startEmulator, type Emulator } from './helpers.js';

const CANCEL = /\/executions\/[^/]+\/cancel$/;

for (const profile of ['current', '2026-03'] as const) {
  describe(`profile ${profile}`, () => {
    let emu: Emulator;
    beforeAll(async () => {
      emu = await startEmulator({ port: 0, profile, jobDurationMs: 300 });
    });
    afterAll(() => emu?.close());
    beforeEach(() => emu.reset());

    it('runWorkflowSync: completed, with the id the server used, findable in the logs', async () => {
      const c = clientFor(emu);
      const res = await c.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'Ada', count: 21 } });
      expect(res).toMatchObject({ status: 'completed', error: null, output: { result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' } });
      const exec = await c.getExecutionDetails(res.executionId);
      expect(exec.executionId).toBe(res.executionId);
    });
    it('runWorkflowSync: a failed run resolves as failed with the error', async () => {
      const res = await clientFor(emu).runWorkflowSync(emu.seed.workflows.fail, { input: { name: 'Eve' } });
      expect(res.status).toBe('failed');
      expect(res.error).toContain('boom: Eve');
      expect(res.executionId).toMatch(/^[0-9a-f-]{36}$/);
    });
    it('runWorkflowSync: a Response block answer is the output, with status and headers', async () => {
      const c = clientFor(emu);
      const ok = await c.runWorkflowSync(emu.seed.workflows.echoResponse, { input: { name: 'Ada', count: 1 } });
      expect(ok.status).toBe('completed');
      expect(ok.output).toEqual({ echo: { name: 'Ada', count: 1, doubled: 2 }, ok: true });
      expect(ok.response?.status).toBe(200);
      expect(ok.response?.headers['x-emu-test']).toBe('yes');
      const teapot = await c.runWorkflowSync(emu.seed.workflows.echoResponse, { input: { name: 'T', responseStatus: 418 } });
      expect(teapot.status).toBe('completed');
      expect(teapot.response?.status).toBe(418);
      expect(teapot.output).toMatchObject({ ok: true });
    });
    it('runWorkflow: async + wait, envelope unwrapped, status transitions reported', async () => {
      const c = clientFor(emu);
      const statuses: RunState[] = [];
      let queued: { jobId: string; executionId: string } | undefined;
      const res = await c.runWorkflow(emu.seed.workflows.echo, {
        input: { name: 'Async', count: 5 }, onStatus: (s) => statuses.push(s), onQueued: (q) => (queued = q),
      });
      expect(res).toMatchObject({ status: 'completed', error: null, output: { result: { name: 'Async', count: 5, doubled: 10 }, stdout: 'echo called' } });
      expect(res.jobId).toBe(queued!.jobId);
      expect(res.executionId).toBe(queued!.executionId);
      expect(statuses[statuses.length - 1]).toBe('completed');
      expect(requestsTo(emu, 'GET', /^\/api\/jobs\//).length).toBeLessThanOrEqual(3);
      const resp = await c.runWorkflow(emu.seed.workflows.echoResponse, { input: { name: 'R', count: 2 } });
      expect(resp.output).toEqual({ echo: { name: 'R', count: 2, doubled: 4 }, ok: true });
      expect(resp.response).toMatchObject({ status: 200, headers: { 'x-emu-test': 'yes' } });
    });
    it('runWorkflow: a failed run resolves failed', async () => {
      const res = await clientFor(emu).runWorkflow(emu.seed.workflows.fail, { input: { name: 'Eve' } });
      expect(res.status).toBe('failed');
      expect(res.error).toContain('boom: Eve');
    });
    it('runWorkflow: a cancel asked by this client reads cancelled (March: completed + success:false)', async () => {
      const c = clientFor(emu);
      const res = await c.runWorkflow(emu.seed.workflows.slow, {
        input: { delayMs: 10_000 },
        onQueued: ({ executionId }) => void delay(200).then(() => c.cancelExecution(emu.seed.workflows.slow, executionId)),
      });
      expect(res.status).toBe('cancelled');
      expect(res.error).toBeTruthy();
    });
    it('runWorkflow: abort cancels the remote run (with its execution id) before rejecting', async () => {
      const c = clientFor(emu);
      const ac = new AbortController();
      let executionId = '';
      const p = c.runWorkflow(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, signal: ac.signal, onQueued: (q) => (executionId = q.executionId) });
      await delay(400);
      ac.abort();
      const err = await p.catch((e) => e);
      expect(err).toBeInstanceOf(SimAbortError);
      expect(err.cancelled).toBe(true);
      expect(err.executionId).toBe(executionId);
      const cancels = requestsTo(emu, 'POST', CANCEL);
      expect(cancels).toHaveLength(1);
      expect(cancels[0]!.path).toContain(executionId);
    });
    it('runWorkflow: the deadline cancels (cancelOnTimeout) and reports ids and last status', async () => {
      const c = clientFor(emu);
      const t0 = Date.now();
      const err = await c.runWorkflow(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, timeoutMs: 1500 }).catch((e) => e);
      expect(err).toBeInstanceOf(SimTimeoutError);
      expect(Date.now() - t0).toBeLessThan(6000);
      expect(err.jobId).toBeTruthy();
      expect(err.executionId).toBeTruthy();
      // watched through the execution resource where the server has it (current), through the job where not (March)
      expect(err.lastStatus).toBe(emu.profile === '2026-03' ? 'processing' : 'running');
      expect(err.cancelled).toBe(true);
      expect(requestsTo(emu, 'POST', CANCEL)).toHaveLength(1);
    });
    it('waitForJob: deadline without cancel, then the job still finishes', async () => {
      const c = clientFor(emu);
      const receipt = await c.executeWorkflow(emu.seed.workflows.slow, { async: true, input: { delayMs: 2500 } });
      const err = await c.waitForJob(receipt.jobId!, { timeoutMs: 1200, executionId: receipt.executionId! }).catch((e) => e);
      expect(err).toBeInstanceOf(SimTimeoutError);
      expect(err.lastStatus).toBe('processing');
      expect(err.executionId).toBe(receipt.executionId);
      expect(requestsTo(emu, 'POST', CANCEL)).toHaveLength(0);
      const done = await c.waitForJob(receipt.jobId!, { timeoutMs: 20_000 });
      expect(done.status).toBe('completed');
      expect(done.executionId).toBe(receipt.executionId);
    });
    it('waitForJob: transient 5xx, resets and an early 404 do not end the wait', async () => {
      const c = clientFor(emu);
      const receipt = await c.executeWorkflow(emu.seed.workflows.slow, { async: true, input: { delayMs: 1500 } });
      emu.injectFault({ method: 'GET', path: '/api/jobs/', type: 'status', status: 404, body: { error: 'Task not found', code: 'TASK_NOT_FOUND' } });
      emu.injectFault({ method: 'GET', path: '/api/jobs/', type: 'html', status: 502 });
      emu.injectFault({ method: 'GET', path: '/api/jobs/', type: 'reset' });
      const res = await c.waitForJob(receipt.jobId!, { timeoutMs: 30_000 });
      expect(res.status).toBe('completed');
    });
    it('streamWorkflow: typed chunks, final, client execution id', async () => {
      const c = clientFor(emu);
      const stream = c.streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 4, chunkSize: 8 } });
      const chunks: string[] = [];
      const res = await c.collectStream(stream, { onChunk: (t) => chunks.push(t) });
      expect(chunks).toHaveLength(4);
      expect(res.status).toBe('completed');
      expect(res.text).toBe(chunks.join(''));
      expect(res.output).toEqual({ agent: { content: res.text } });
      expect(requestsTo(emu, 'POST', /execute$/)[0]!.headers['x-execution-id']).toBe(stream.executionId);
      expect(JSON.parse(requestsTo(emu, 'POST', /execute$/)[0]!.body).stream).toBe(true);
    });
    it('streamWorkflow: a failing run (in-band error event under HTTP 200) resolves failed / throws SimStreamError', async () => {
      const c = clientFor(emu);
      const res = await c.collectStream(c.streamWorkflow(emu.seed.workflows.fail, { input: { name: 'Eve' } }));
      expect(res).toMatchObject({ status: 'failed' });
      expect(res.error).toContain('boom: Eve');
      const err = await c.streamWorkflow(emu.seed.workflows.fail, { input: { name: 'Eve' } }).text().catch((e) => e);
      expect(err).toBeInstanceOf(SimStreamError);
      expect(err.kind).toBe('workflow');
    });
    it('streamWorkflow: a truncated stream throws SimStreamError with the partial text', async () => {
      emu.injectFault({ method: 'POST', path: /execute$/, type: 'truncated-sse', afterEvents: 2 });
      const c = clientFor(emu);
      const err = await c.collectStream(c.streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 5, chunkSize: 4 } })).catch((e) => e);
      expect(err).toBeInstanceOf(SimStreamError);
      expect(err.kind).toBe('truncated');
      expect(err.chunkCount).toBe(2);
      expect(err.partialText).toHaveLength(8);
      expect(requestsTo(emu, 'POST', /execute$/)).toHaveLength(1);
    });
    it('streamWorkflow: abort stops reading and cancels the run', async () => {
      const c = clientFor(emu);
      const ac = new AbortController();
      const stream = c.streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 100, chunkDelayMs: 50 }, signal: ac.signal });
      let n = 0;
      const err = await (async () => {
        for await (const e of stream) if (e.type === 'chunk' && ++n === 3) ac.abort();
      })().catch((e) => e);
      expect(err).toBeInstanceOf(SimAbortError);
      expect(err.executionId).toBe(stream.executionId);
      const cancels = requestsTo(emu, 'POST', CANCEL);
      expect(cancels).toHaveLength(1);
      expect(cancels[0]!.path).toContain(stream.executionId);
    });
    it('runWorkflowSync: abort cancels the run with the client execution id', async () => {
      const c = clientFor(emu);
      const ac = new AbortController();
      const p = c.runWorkflowSync(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, signal: ac.signal });
      await delay(300);
      ac.abort();
      const err = await p.catch((e) => e);
      expect(err).toBeInstanceOf(SimAbortError);
      const sent = requestsTo(emu, 'POST', /execute$/)[0]!.headers['x-execution-id'];
      expect(err.executionId).toBe(sent);
      expect(requestsTo(emu, 'POST', CANCEL)[0]!.path).toContain(sent);
    });
  });
}

describe('statusUrl is never trusted', () => {
  it('polls the configured base URL even when statusUrl points elsewhere', async () => {
    const emu = await startEmulator({ port: 0, jobDurationMs: 100, publicBaseUrl: 'http://attacker.invalid:9' });
    try {
      const c = clientFor(emu);
      const receipt = await c.executeWorkflow(emu.seed.workflows.echo, { async: true });
      expect(receipt.statusUrl).toContain('attacker.invalid');
      const res = await c.runWorkflow(emu.seed.workflows.echo, { input: { name: 'S' } });
      expect(res.status).toBe('completed');
    } finally {
      await emu.close();
    }
  });
});

describe('abort while the async run is being queued', () => {
  it('cancels the run by the client execution id sent with the POST', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      emu.injectFault({ method: 'POST', path: /execute$/, type: 'delay', delayMs: 2000 });
      const c = clientFor(emu);
      const ac = new AbortController();
      const p = c.runWorkflow(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, signal: ac.signal });
      await delay(300);
      ac.abort();
      const err = await p.catch((e) => e);
      expect(err).toBeInstanceOf(SimAbortError);
      const sent = requestsTo(emu, 'POST', /execute$/)[0]!.headers['x-execution-id'];
      expect(sent).toBeTruthy();
      expect(err.executionId).toBe(sent);
      expect(requestsTo(emu, 'POST', CANCEL)[0]?.path).toContain(sent);
    } finally {
      await emu.close();
    }
  });
});
