// Following a run started elsewhere (another step, another job): by its execution id on every server, and by the job id
// v1 async runs answer, where users already pass one. The deadline of a wait never cancels the run.
import { describe, expect, it } from 'vitest';
import { SimNotFoundError, SimNotSupportedError, SimTimeoutError, type RunState } from '../src/index.js';
import { ALL, CANCEL, CURRENT, startSim } from './sim.js';

describe.each(ALL)('following a run (%s)', (server) => {
  it('waitForRun: its deadline does not cancel; a later wait sees the run finish', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 60_000 } });
    const follow = { jobId: queued.jobId ?? '' };
    const err = (await c
      .waitForRun(queued.workflowId, queued.executionId, { ...follow, timeoutMs: 20_000 })
      .catch((e: unknown) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err).toMatchObject({ lastStatus: 'running', executionId: queued.executionId, cancelled: false });
    expect(sim.received('POST', CANCEL)).toHaveLength(0);
    const statuses: RunState[] = [];
    const done = await c.waitForRun(queued.workflowId, queued.executionId, {
      ...follow,
      timeoutMs: 120_000,
      onStatus: (s) => statuses.push(s),
    });
    expect(done).toMatchObject({ status: 'completed', executionId: queued.executionId });
    expect(statuses.at(-1)).toBe('completed');
  });

  it('transient trouble (a 5xx page, a reset, a 429) does not end a wait', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 15_000 } });
    for (const type of ['html', 'reset'] as const)
      sim.emulator.injectFault({ method: 'GET', path: /\/(executions|runs|jobs)\//, type, status: 502 });
    sim.emulator.injectFault({
      method: 'GET',
      path: /\/(executions|runs|jobs)\//,
      type: 'status',
      status: 429,
      headers: { 'retry-after': '3' },
    });
    expect(
      await c.waitForRun(queued.workflowId, queued.executionId, { jobId: queued.jobId ?? '', timeoutMs: 120_000 }),
    ).toMatchObject({ status: 'completed' });
  });

  it('getRun: one look, now and once it has ended', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 30_000 } });
    const opts = { jobId: queued.jobId ?? '' };
    const running = await c.getRun(queued.workflowId, queued.executionId, opts);
    expect(running).toMatchObject({
      workflowId: queued.workflowId,
      executionId: queued.executionId,
      done: false,
      output: null,
      error: null,
      durationMs: null,
    });
    expect(['queued', 'running']).toContain(running.status);
    await c.waitForRun(queued.workflowId, queued.executionId, opts);
    expect(await c.getRun(queued.workflowId, queued.executionId, opts)).toMatchObject({
      status: 'completed',
      done: true,
      output: expect.anything(),
      error: null,
    });
  });
});

describe.each(CURRENT)('runs known only by execution id (%s)', (server) => {
  it('an unknown execution id is reported at once, not waited on', async () => {
    const sim = await startSim(server);
    const t0 = sim.clock.now();
    await expect(
      sim.client().waitForRun(sim.seed.workflows.echo, '11111111-2222-4333-8444-555555555555'),
    ).rejects.toBeInstanceOf(SimNotFoundError);
    expect(sim.clock.now() - t0).toBeLessThan(1_000);
  });

  it('a run just queued may read 404 for a moment: with enqueuedAt it is waited for', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 5_000 } });
    sim.emulator.injectFault({
      method: 'GET',
      path: /\/(executions|runs)\//,
      type: 'status',
      status: 404,
      times: 2,
      body: { error: 'Execution not found' },
    });
    expect(await c.waitForRun(queued.workflowId, queued.executionId, { enqueuedAt: sim.clock.now() })).toMatchObject({
      status: 'completed',
    });
  });
});

describe('runs known by their job id (v1 async runs)', () => {
  it('current server: the job names its workflow and execution; the run is then read from its record (the job hides pauses)', async () => {
    const sim = await startSim('v1');
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.hitl, { input: { name: 'J' } });
    const paused = await c.waitForJob(queued.jobId!);
    expect(paused).toMatchObject({
      status: 'paused',
      executionId: queued.executionId,
      jobId: queued.jobId,
      paused: { pauseKind: 'human' },
    });
    expect(await c.getRunByJobId(queued.jobId!)).toMatchObject({
      status: 'paused',
      done: false,
      workflowId: sim.seed.workflows.hitl,
      executionId: queued.executionId,
    });
    const done = await c.startWorkflow(sim.seed.workflows.echo, { input: { name: 'J' } });
    expect(await c.waitForJob(done.jobId!)).toMatchObject({ status: 'completed', executionId: done.executionId });
  });

  it('an early 404 of a just-queued job is waited for; transient faults too', async () => {
    const sim = await startSim('v1');
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 5_000 } });
    sim.emulator.injectFault({
      method: 'GET',
      path: '/api/jobs/',
      type: 'status',
      status: 404,
      body: { error: 'Task not found', code: 'TASK_NOT_FOUND' },
    });
    sim.emulator.injectFault({ method: 'GET', path: '/api/jobs/', type: 'html', status: 502 });
    expect(await c.waitForJob(queued.jobId!, { enqueuedAt: sim.clock.now() })).toMatchObject({ status: 'completed' });
  });

  it('March server: the job is the only view; a run known only by execution id says so', async () => {
    const sim = await startSim('march');
    const c = sim.client();
    const queued = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 20_000 } });
    expect(queued.jobId).toMatch(/^run_/);
    expect(await c.getRunByJobId(queued.jobId!)).toMatchObject({ status: 'running', done: false, jobId: queued.jobId });
    const statuses: RunState[] = [];
    expect(await c.waitForJob(queued.jobId!, { onStatus: (s) => statuses.push(s) })).toMatchObject({
      status: 'completed',
      jobId: queued.jobId,
    });
    expect(statuses).toEqual(['running', 'completed']);
    const err = (await c
      .waitForRun(queued.workflowId, queued.executionId)
      .catch((e: unknown) => e)) as SimNotSupportedError;
    expect(err).toBeInstanceOf(SimNotSupportedError);
    expect(err.message).toMatch(/job id/);
  });
});
