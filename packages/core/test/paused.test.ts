// Paused runs (packages/emulator/recordings/sim-server-facts.md §G): a run that waits for a person, or for a time, is neither
// finished nor failed. It is reported truthfully in every mode, with one output shape whichever path found the pause,
// resumed (the result read through the ORIGINAL execution id), listed and cancelled; on v1 and v2 alike.
import { describe, expect, it } from 'vitest';
import { SimApiError, SimNotFoundError, SimNotSupportedError, type RunResult, type RunState } from '../src/index.js';
import { CANCEL, CURRENT, startSim, type Sim } from './sim.js';

const HUMAN = (sim: Sim) => `${sim.seed.workflows.hitl}-human`;
/** What a paused Human block's output is, on every path (recorded shape of sync answers, stream finals and jobs). */
const humanForm = (sim: Sim) => ({
  data: { operation: 'human', submission: null, _resume: { contextId: HUMAN(sim) } },
  status: 200,
  headers: expect.any(Object),
});

describe.each(CURRENT)('paused runs (%s)', (server) => {
  it('each mode ends on paused (never completed), with the resume details and ONE output shape', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const wf = sim.seed.workflows.hitl;
    const statuses: RunState[] = [];
    const byMode: Record<string, RunResult> = {
      async: await c.runWorkflow(wf, { input: { name: 'Ada' }, onStatus: (s) => statuses.push(s) }),
      sync: await c.runWorkflowSync(wf, { input: { name: 'Sync' } }),
      stream: await c.collectStream(c.streamWorkflow(wf, { input: { name: 'Stream' } })),
    };
    const queued = await c.startWorkflow(wf, { input: { name: 'Later' } });
    byMode['waitForRun'] = await c.waitForRun(wf, queued.executionId, { enqueuedAt: sim.clock.now() });
    if (queued.jobId) byMode['waitForJob'] = await c.waitForJob(queued.jobId);
    for (const [mode, res] of Object.entries(byMode)) {
      expect(res, mode).toMatchObject({
        status: 'paused',
        error: null,
        paused: { contextId: HUMAN(sim), pauseKind: 'human', resumeAt: null, blockId: HUMAN(sim) },
      });
      expect(res.output, mode).toMatchObject(humanForm(sim));
      expect(Object.keys(res.output as object).sort(), mode).toEqual(['data', 'headers', 'status']);
    }
    expect(statuses.at(-1)).toBe('paused');
    // the job says `completed` for a paused run: it is never what decides
    expect(sim.received('POST', CANCEL)).toHaveLength(0);
    const snapshot = await c.getRun(wf, queued.executionId);
    expect(snapshot).toMatchObject({
      status: 'paused',
      done: false,
      paused: { contextId: HUMAN(sim) },
      output: humanForm(sim),
    });
  });

  it('resumeRun: the result is read through the ORIGINAL execution id, on every origin; a second resume is refused', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const wf = sim.seed.workflows.hitl;
    const origins: Array<[string, RunResult]> = [
      ['async', await c.runWorkflow(wf, { input: { name: 'Ada' } })],
      ['sync', await c.runWorkflowSync(wf, { input: { name: 'Ada' } })],
      ['stream', await c.collectStream(c.streamWorkflow(wf, { input: { name: 'Ada' } }))],
    ];
    for (const [origin, paused] of origins) {
      let resumedFrom = '';
      const done = await c.resumeRun(wf, paused.executionId, {
        contextId: paused.paused!.contextId,
        input: { approved: true, comment: 'ok' },
        onResumed: (r) => (resumedFrom = r.origin),
      });
      expect(done, origin).toMatchObject({
        executionId: paused.executionId,
        status: 'completed',
        error: null,
        output: { result: { prep: { greeting: 'hi Ada' }, submission: { approved: true, comment: 'ok' } } },
      });
      // the server answers a resume the way the run was first started
      expect(resumedFrom).toBe(origin);
      const again = (await c
        .resumeRun(wf, paused.executionId, { contextId: paused.paused!.contextId, input: {} })
        .catch((e: unknown) => e)) as SimApiError;
      expect(again).toBeInstanceOf(SimApiError);
      expect(again.status).toBe(409);
      expect(again.message).toMatch(/already resumed or the run was cancelled/);
    }
  });

  it('resumeRun with wait:false answers the receipt; the id it names is for reference only', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const wf = sim.seed.workflows.hitl;
    const res = await c.runWorkflow(wf, { input: { name: 'R' } });
    const receipt = await c.resumeRun(wf, res.executionId, {
      contextId: res.paused!.contextId,
      input: {},
      wait: false,
    });
    expect(receipt).toMatchObject({ executionId: res.executionId, httpStatus: 202, origin: 'async' });
    expect(receipt.resumeExecutionId).not.toBe(res.executionId);
    await expect(c.getExecution(wf, receipt.resumeExecutionId!)).rejects.toBeInstanceOf(SimNotFoundError);
    expect((await c.waitForRun(wf, res.executionId)).status).toBe('completed');
  });

  it('waitThroughHumanPause waits to the deadline, then resolves paused, never cancelled', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const t0 = sim.clock.now();
    const held = await c.runWorkflow(sim.seed.workflows.hitl, {
      input: { name: 'Hold' },
      timeoutMs: 120_000,
      waitThroughHumanPause: true,
    });
    expect(held.status).toBe('paused');
    expect(sim.clock.now() - t0).toBe(120_000);
    expect(sim.received('POST', CANCEL)).toHaveLength(0);
  });

  it('a time pause is waited through until it resumes by itself; at the deadline it resolves paused, never cancelled', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const wf = sim.seed.workflows.waitlong;
    const statuses: RunState[] = [];
    const res = await c.runWorkflow(wf, { input: { name: 'T', waitMs: 90_000 }, onStatus: (s) => statuses.push(s) });
    expect(res).toMatchObject({ status: 'completed', output: { result: { name: 'T' } } });
    expect(statuses).toContain('paused');
    // sync answers the time pause at once ({waitDuration, resumeAt}): the client keeps waiting through it
    expect(await c.runWorkflowSync(wf, { input: { name: 'S', waitMs: 90_000 } })).toMatchObject({
      status: 'completed',
      output: { result: { name: 'S' } },
    });

    const long = await c.runWorkflow(wf, { input: { name: 'L' }, timeoutMs: 120_000 });
    expect(long).toMatchObject({ status: 'paused', paused: { pauseKind: 'time', contextId: `${wf}-wait` } });
    expect(Date.parse(long.paused!.resumeAt!)).toBeGreaterThan(sim.clock.now() + 3_000_000);
    expect(sim.received('POST', CANCEL)).toHaveLength(0);
    // a time pause cannot be resumed, only cancelled
    const err = (await c
      .resumeRun(wf, long.executionId, { contextId: long.paused!.contextId, input: {} })
      .catch((e: unknown) => e)) as SimNotFoundError;
    expect(err).toBeInstanceOf(SimNotFoundError);
    expect(err.message).toMatch(/cannot be resumed, only cancelled/);
    expect(await c.cancelExecution(wf, long.executionId)).toMatchObject({ success: true, pausedCancelled: true });
  });

  it('listPausedRuns lists only the runs still waiting; a cancelled paused run reads cancelled and cannot be resumed', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const wf = sim.seed.workflows.hitl;
    const a = await c.runWorkflow(wf, { input: { name: 'A' } });
    const b = await c.runWorkflow(wf, { input: { name: 'B' } });
    expect(await c.cancelExecution(wf, b.executionId)).toMatchObject({
      success: true,
      pausedCancelled: true,
      executionId: b.executionId,
    });
    const list = await c.listPausedRuns(wf);
    expect(list.map((p) => p.executionId)).toContain(a.executionId);
    expect(list.map((p) => p.executionId)).not.toContain(b.executionId);
    expect(list.find((p) => p.executionId === a.executionId)).toMatchObject({
      workflowId: wf,
      contextId: HUMAN(sim),
      pauseKind: 'human',
      blockId: HUMAN(sim),
      response: { data: { operation: 'human' } },
    });
    expect((await c.getRun(wf, b.executionId)).status).toBe('cancelled');
    expect(
      (await c.resumeRun(wf, b.executionId, { contextId: HUMAN(sim) }).catch((e: unknown) => e)) as SimApiError,
    ).toMatchObject({ status: 409 });
  });

  it('an ordinary run is not slowed or re-read: no read of its record when its answer cannot hide a pause', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const res = await c.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'E', count: 1 } });
    expect(res.status).toBe('completed');
    expect(sim.received('GET', new RegExp(res.executionId))).toHaveLength(0);
  });
});

describe('paused runs on the March 2026 server (no run records, no resume)', () => {
  it('runs are watched through the job; resume and the paused list say the server has none, before any request', async () => {
    const sim = await startSim('march');
    const c = sim.client();
    const res = await c.runWorkflow(sim.seed.workflows.echo, { input: { name: 'M', count: 2 } });
    expect(res.status).toBe('completed');
    expect(sim.received('GET', /^\/api\/jobs\//).length).toBeGreaterThan(0);
    sim.emulator.clearJournal();
    const resume = (await c
      .resumeRun(sim.seed.workflows.hitl, res.executionId, { contextId: 'x' })
      .catch((e: unknown) => e)) as SimNotSupportedError;
    expect(resume).toBeInstanceOf(SimNotSupportedError);
    expect(resume.feature).toBe('resume');
    await expect(c.listPausedRuns(sim.seed.workflows.hitl)).rejects.toBeInstanceOf(SimNotSupportedError);
    expect(sim.emulator.journal()).toHaveLength(0);
  });
});

describe('the record right after a resume (seen on a real Sim v0.8.9, v1: test/live, 2026-12-03)', () => {
  it('still paused at the resumed point, before and after the resume is claimed, is not a new pause; a further pause point is', async () => {
    const { fakeClient, json } = await import('./fake.js');
    const paused = (points: number, resumed: number) =>
      json(200, {
        executionId: 'e1',
        workflowId: 'wf',
        status: 'paused',
        paused: {
          contextId: 'human',
          pauseKind: 'human',
          blockedOnBlockId: 'human',
          pausePointCount: points,
          resumedCount: resumed,
        },
      });
    // the record read before the resume, then the reads after it
    const answers = [
      paused(1, 0),
      paused(1, 0),
      paused(1, 1),
      json(200, { executionId: 'e1', workflowId: 'wf', status: 'running' }),
      json(200, { executionId: 'e1', workflowId: 'wf', status: 'completed', finalOutput: { ok: 1 } }),
    ];
    const { client } = fakeClient((req) => {
      if (req.url.includes('/api/resume/'))
        return json(202, { success: true, async: true, jobId: 'run_1', executionId: 'new' });
      return answers.shift() ?? json(500, {});
    });
    expect(await client.resumeRun('wf', 'e1', { contextId: 'human', input: {} })).toMatchObject({
      status: 'completed',
      output: { ok: 1 },
    });
    const again = [paused(1, 0), paused(1, 1), paused(2, 1)];
    const second = fakeClient((req) => {
      if (req.url.includes('/api/resume/'))
        return json(202, { success: true, async: true, jobId: 'run_2', executionId: 'new' });
      if (req.url.includes('selectedOutputs'))
        return json(200, { executionId: 'e1', workflowId: 'wf', status: 'paused', blockOutputs: {} });
      return again.shift() ?? json(500, {});
    });
    expect(await second.client.resumeRun('wf', 'e1', { contextId: 'human', input: {} })).toMatchObject({
      status: 'paused',
      paused: { contextId: 'human' },
    });
  });
});
