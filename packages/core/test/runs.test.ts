// Running a workflow, in each mode, on every server (v1, v2, March 2026): the result a user gets.
import { describe, expect, it } from 'vitest';
import { SimStreamError, type RunState } from '../src/index.js';
import { ALL, EXECUTE, startSim } from './sim.js';

describe.each(ALL)('running a workflow (%s server)', (server) => {
  it('sync: completed with the workflow output and the id the server used, findable in the logs', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const res = await c.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'Ada', count: 21 } });
    expect(res).toMatchObject({
      status: 'completed',
      error: null,
      output: { result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' },
    });
    expect((await c.getExecutionDetails(res.executionId)).executionId).toBe(res.executionId);
  });

  it('sync: a failed run resolves failed with the error as v1 words it (the block name first)', async () => {
    const sim = await startSim(server);
    const res = await sim.client().runWorkflowSync(sim.seed.workflows.fail, { input: { name: 'Eve' } });
    expect(res.status).toBe('failed');
    expect(res.error).toMatch(/^Function: .*boom: Eve/);
    expect(res.executionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sync: a Response block answer is the output, with its status and headers', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const ok = await c.runWorkflowSync(sim.seed.workflows.echoResponse, { input: { name: 'Ada', count: 1 } });
    expect(ok).toMatchObject({
      status: 'completed',
      output: { echo: { name: 'Ada', count: 1, doubled: 2 }, ok: true },
    });
    expect(ok.response?.status).toBe(200);
    expect(ok.response?.headers['x-emu-test']).toBe('yes');
    const teapot = await c.runWorkflowSync(sim.seed.workflows.echoResponse, {
      input: { name: 'T', responseStatus: 418 },
    });
    expect(teapot).toMatchObject({ status: 'completed', output: { ok: true }, response: { status: 418 } });
  });

  it('async: queued, watched to the end, output unwrapped, each status change reported once', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const statuses: RunState[] = [];
    let queued: { jobId?: string; executionId: string } | undefined;
    const res = await c.runWorkflow(sim.seed.workflows.slow, {
      input: { delayMs: 30_000 },
      onStatus: (s) => statuses.push(s),
      onQueued: (q) => (queued = q),
    });
    expect(res.status).toBe('completed');
    expect(res.executionId).toBe(queued!.executionId);
    // v2 has no job ids; v1 answers one for every async run
    expect(res.jobId).toBe(queued!.jobId);
    expect(Boolean(queued!.jobId)).toBe(server !== 'v2');
    expect(statuses.at(-1)).toBe('completed');
    expect(new Set(statuses).size).toBe(statuses.length);
    expect(statuses).toContain('running');
    const resp = await c.runWorkflow(sim.seed.workflows.echoResponse, { input: { name: 'R', count: 2 } });
    expect(resp).toMatchObject({
      status: 'completed',
      output: { echo: { name: 'R', count: 2, doubled: 4 }, ok: true },
      response: { status: 200, headers: { 'x-emu-test': 'yes' } },
    });
  });

  it('async: a failed run resolves failed', async () => {
    const sim = await startSim(server);
    const res = await sim.client().runWorkflow(sim.seed.workflows.fail, { input: { name: 'Eve' } });
    expect(res.status).toBe('failed');
    expect(res.error).toContain('boom: Eve');
  });

  it('async: a run this client cancelled reads cancelled (the March job reads completed with success:false)', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const res = await c.runWorkflow(sim.seed.workflows.slow, {
      input: { delayMs: 60_000 },
      onQueued: ({ executionId }) => sim.after(5_000, () => c.cancelExecution(sim.seed.workflows.slow, executionId)),
    });
    expect(res.status).toBe('cancelled');
    expect(res.error).toBeTruthy();
  });

  it('startWorkflow queues a run and answers at once; waitForRun follows it by its execution id', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 20_000 } });
    expect(queued).toMatchObject({ workflowId: sim.seed.workflows.slow, status: 'queued' });
    expect(Boolean(queued.jobId)).toBe(server !== 'v2');
    const res = await c.waitForRun(queued.workflowId, queued.executionId, {
      jobId: queued.jobId ?? '',
      enqueuedAt: sim.clock.now(),
    });
    expect(res).toMatchObject({ status: 'completed', executionId: queued.executionId });
  });

  it('stream: typed chunks and the final output, under the client execution id', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const stream = c.streamWorkflow(sim.seed.workflows.stream, { input: { chunks: 4, chunkSize: 8 } });
    const chunks: string[] = [];
    const res = await c.collectStream(stream, { onChunk: (t) => chunks.push(t) });
    expect(chunks).toHaveLength(4);
    expect(res).toMatchObject({
      status: 'completed',
      text: chunks.join(''),
      output: { agent: { content: chunks.join('') } },
    });
    const sent = sim.received('POST', EXECUTE);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers[server === 'v2' ? 'x-run-id' : 'x-execution-id']).toBe(stream.executionId);
    expect(JSON.parse(sent[0]!.body).stream).toBe(true);
  });

  it('stream: a failing run (an error event under HTTP 200) resolves failed, or throws SimStreamError when iterated', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const res = await c.collectStream(c.streamWorkflow(sim.seed.workflows.fail, { input: { name: 'Eve' } }));
    expect(res.status).toBe('failed');
    expect(res.error).toContain('boom: Eve');
    const err = await c
      .streamWorkflow(sim.seed.workflows.fail, { input: { name: 'Eve' } })
      .text()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimStreamError);
    expect((err as SimStreamError).kind).toBe('workflow');
  });

  it('stream: a stream cut before its end throws SimStreamError with the partial text, and is not sent again', async () => {
    const sim = await startSim(server);
    sim.emulator.injectFault({ method: 'POST', path: EXECUTE, type: 'truncated-sse', afterEvents: 2 });
    const c = sim.client();
    const err = (await c
      .collectStream(c.streamWorkflow(sim.seed.workflows.stream, { input: { chunks: 5, chunkSize: 4 } }))
      .catch((e: unknown) => e)) as SimStreamError;
    expect(err).toBeInstanceOf(SimStreamError);
    expect(err).toMatchObject({ kind: 'truncated', chunkCount: 2 });
    expect(err.partialText).toHaveLength(8);
    expect(sim.received('POST', EXECUTE)).toHaveLength(1);
  });

  it('polls only the configured base URL, whatever statusUrl says', async () => {
    const sim = await startSim(server, { publicBaseUrl: 'http://elsewhere.invalid:9' });
    const res = await sim.client().runWorkflow(sim.seed.workflows.echo, { input: { name: 'X' } });
    expect(res.status).toBe('completed');
  });
});
