// Paused runs (facts G) against the emulator: reported truthfully in every mode, resumed, listed, cancelled; the
// March server (no execution resource, no resume) keeps answering as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimApiError, SimNotFoundError, type RunState } from '../src/index.js';
import { clientFor, delay, requestsTo, startEmulator, type Emulator } from './helpers.js';

const HUMAN = (emu: Emulator) => `${emu.seed.workflows.hitl}-human`;

describe('paused runs (current server)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 200 });
  });
  afterAll(() => emu?.close());

  it('runWorkflow ends on paused (not completed) with the resume details, watched through the execution resource', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.hitl;
    const statuses: RunState[] = [];
    emu.clearJournal();
    const res = await c.runWorkflow(wf, { input: { name: 'Ada' }, onStatus: (s) => statuses.push(s) });
    expect(res.status).toBe('paused');
    expect(res.error).toBeNull();
    expect(res.paused).toEqual({ contextId: HUMAN(emu), pauseKind: 'human', resumeAt: null, blockId: HUMAN(emu) });
    expect(statuses[statuses.length - 1]).toBe('paused');
    expect(res.output).toMatchObject({ response: { data: { operation: 'human' } } });
    // never read from the job (which says completed for a paused run)
    expect(requestsTo(emu, 'GET', /^\/api\/jobs\//)).toHaveLength(0);
    expect(requestsTo(emu, 'POST', /\/cancel$/)).toHaveLength(0);

    // resume it: the result is read through the ORIGINAL execution id
    const done = await c.resumeRun(wf, res.executionId, { contextId: res.paused!.contextId, input: { approved: true, comment: 'ok' } });
    expect(done).toMatchObject({
      executionId: res.executionId, status: 'completed', error: null,
      output: { result: { prep: { greeting: 'hi Ada' }, submission: { approved: true, comment: 'ok' } }, stdout: '' },
    });
    // a second resume is refused (409), with a message that says why
    const again = await c.resumeRun(wf, res.executionId, { contextId: res.paused!.contextId, input: { approved: false } }).catch((e) => e);
    expect(again).toBeInstanceOf(SimApiError);
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/already resumed or the run was cancelled/);
  });

  it('runWorkflowSync: a 200 success that hides a pause is confirmed through the resource; the resume answers sync', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.hitl;
    const res = await c.runWorkflowSync(wf, { input: { name: 'Sync' } });
    expect(res.status).toBe('paused');
    expect(res.paused).toMatchObject({ contextId: HUMAN(emu), pauseKind: 'human' });
    expect(res.output).toMatchObject({ data: { _resume: { contextId: HUMAN(emu), executionId: res.executionId } } });
    const receipt = await c.resumeRun(wf, res.executionId, { contextId: HUMAN(emu), input: { approved: true }, wait: false });
    expect(receipt).toMatchObject({ executionId: res.executionId, httpStatus: 200, jobId: null });
    expect(receipt.resumeExecutionId).not.toBe(res.executionId);
    const view = await c.getExecution(wf, res.executionId, { includeOutput: true });
    expect(view.status).toBe('completed');
  });

  it('collectStream: the final frame with status "paused" resolves paused; the stream-origin resume is watched to the end', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.hitl;
    const res = await c.collectStream(c.streamWorkflow(wf, { input: { name: 'Stream' } }));
    expect(res.status).toBe('paused');
    expect(res.paused).toMatchObject({ contextId: HUMAN(emu), pauseKind: 'human' });
    const done = await c.resumeRun(wf, res.executionId, { contextId: res.paused!.contextId, input: { approved: true } });
    expect(done.status).toBe('completed');
    expect(done.output).toMatchObject({ result: { submission: { approved: true } } });
  });

  it('resumeRun with wait:false on an async-origin run returns the receipt; the new id is for reference only', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.hitl;
    const res = await c.runWorkflow(wf, { input: { name: 'R' } });
    const receipt = await c.resumeRun(wf, res.executionId, { contextId: res.paused!.contextId, input: {}, wait: false });
    expect(receipt.httpStatus).toBe(202);
    expect(receipt.jobId).toMatch(/^run_/);
    await expect(c.getExecution(wf, receipt.resumeExecutionId!)).rejects.toBeInstanceOf(SimNotFoundError);
  });

  it('waitForJob (job id only) confirms a completed job that hides a pause; waitThroughHumanPause waits to the deadline without cancelling', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.hitl;
    const receipt = await c.executeWorkflow(wf, { async: true, input: { name: 'J' } });
    const res = await c.waitForJob(receipt.jobId!, { timeoutMs: 20_000 });
    expect(res.status).toBe('paused');
    expect(res.paused?.contextId).toBe(HUMAN(emu));
    expect(res.job?.status).toBe('completed'); // what the job said
    expect(res.execution?.status).toBe('paused'); // the truth

    emu.clearJournal();
    const t0 = Date.now();
    const held = await c.runWorkflow(wf, { input: { name: 'Hold' }, timeoutMs: 2500, waitThroughHumanPause: true });
    expect(held.status).toBe('paused');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2400);
    expect(requestsTo(emu, 'POST', /\/cancel$/)).toHaveLength(0);
  });

  it('a time pause is waited through until it resumes by itself; at the deadline it resolves paused, never cancelled', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.waitlong;
    const statuses: RunState[] = [];
    const res = await c.runWorkflow(wf, { input: { name: 'T', waitMs: 1500 }, onStatus: (s) => statuses.push(s) });
    expect(res.status).toBe('completed');
    expect(statuses).toContain('paused');
    expect(res.output).toMatchObject({ result: { name: 'T' } });

    emu.clearJournal();
    const long = await c.runWorkflow(wf, { input: { name: 'L' }, timeoutMs: 2000 });
    expect(long.status).toBe('paused');
    expect(long.paused).toMatchObject({ pauseKind: 'time', contextId: `${wf}-wait` });
    expect(Date.parse(long.paused!.resumeAt!)).toBeGreaterThan(Date.now() + 3_000_000);
    expect(requestsTo(emu, 'POST', /\/cancel$/)).toHaveLength(0);
    // a time pause cannot be resumed, only cancelled
    const err = await c.resumeRun(wf, long.executionId, { contextId: long.paused!.contextId, input: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(SimNotFoundError);
    expect(err.message).toMatch(/cannot be resumed, only cancelled/);
    const cancel = await c.cancelExecution(wf, long.executionId);
    expect(cancel).toMatchObject({ success: true, pausedCancelled: true });
  });

  it('runWorkflowSync of a time pause keeps waiting through it', async () => {
    const c = clientFor(emu);
    const res = await c.runWorkflowSync(emu.seed.workflows.waitlong, { input: { name: 'S', waitMs: 800 } });
    expect(res.status).toBe('completed');
    expect(res.output).toMatchObject({ result: { name: 'S' } });
  });

  it('listPausedRuns lists only the runs still waiting; cancelling a paused run reads cancelled', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.hitl;
    const a = await c.runWorkflow(wf, { input: { name: 'A' } });
    const b = await c.runWorkflow(wf, { input: { name: 'B' } });
    await c.cancelExecution(wf, b.executionId);
    const list = await c.listPausedRuns(wf);
    const ids = list.map((p) => p.executionId);
    expect(ids).toContain(a.executionId);
    expect(ids).not.toContain(b.executionId);
    const mine = list.find((p) => p.executionId === a.executionId)!;
    expect(mine).toMatchObject({ workflowId: wf, contextId: HUMAN(emu), pauseKind: 'human', blockId: HUMAN(emu) });
    expect(mine.response).toMatchObject({ data: { operation: 'human' } });
    const view = await c.getExecution(wf, b.executionId);
    expect(view.status).toBe('cancelled');
    const resumeCancelled = await c.resumeRun(wf, b.executionId, { contextId: HUMAN(emu) }).catch((e) => e);
    expect(resumeCancelled.status).toBe(409);
  });

  it('an ordinary run is not slowed or re-read: no extra request when the answer cannot hide a pause', async () => {
    const c = clientFor(emu);
    emu.clearJournal();
    const res = await c.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'E', count: 1 } });
    expect(res.status).toBe('completed');
    expect(requestsTo(emu, 'GET', /\/executions\//)).toHaveLength(0);
    await delay(1);
  });
});

describe('paused runs (March 2026 server: no execution resource, no resume)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, profile: '2026-03', jobDurationMs: 200 });
  });
  afterAll(() => emu?.close());

  it('runs are watched through the job as before; resume and the paused list answer the server\'s 404', async () => {
    const c = clientFor(emu);
    const res = await c.runWorkflow(emu.seed.workflows.echo, { input: { name: 'M', count: 2 } });
    expect(res.status).toBe('completed');
    expect(requestsTo(emu, 'GET', /^\/api\/jobs\//).length).toBeGreaterThan(0);
    // the March server cannot tell: the job says completed, and that is what is reported
    const hitl = await c.runWorkflow(emu.seed.workflows.hitl, { input: { name: 'M' } });
    expect(hitl.status).toBe('completed');
    await expect(c.resumeRun(emu.seed.workflows.hitl, hitl.executionId, { contextId: 'x' })).rejects.toBeInstanceOf(SimNotFoundError);
    await expect(c.listPausedRuns(emu.seed.workflows.hitl)).rejects.toBeInstanceOf(SimNotFoundError);
  });
});
