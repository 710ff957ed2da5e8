/**
 * Paused runs (recordings/sim-server-facts.md §G): each recorded exchange of v1 in
 * recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §A to §F replayed against the emulator: same status,
 * same body shape, and the values that matter.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '../src/index.js';
import {
  call,
  missingFrom,
  parseSse,
  shapeDiff,
  startVirtual,
  until,
  type CallResult,
  type VirtualEmulator,
} from './helpers.js';
import { PAUSED_RECORDINGS } from './paused-recordings.js';

const HITL = SEED.workflows.hitl;
const WAIT = SEED.workflows.waitlong;
const HUMAN = `${HITL}-human`;
const PREP = `${HITL}-prep`;

function rec(title: string): { status: number; body?: unknown; sse?: string; headers?: string[] } {
  const r = PAUSED_RECORDINGS[title];
  if (!r) throw new Error(`No recorded exchange "${title}"`);
  return r;
}

/** Same status and body shape as the recorded exchange. */
function expectLike(actual: CallResult, title: string, loose: string[] = [], nullable: string[] = []): void {
  const r = rec(title);
  expect(actual.status, title).toBe(r.status);
  expect(shapeDiff(actual.json, r.body, new Set(loose), '', new Set(nullable)), title).toEqual([]);
}

const execution = (emu: Emulator, wf: string, id: string, q = ''): Promise<CallResult> =>
  call(emu.url, 'GET', `/api/workflows/${wf}/executions/${id}${q}`);
const job = (emu: Emulator, jobId: string): Promise<CallResult> =>
  call(emu.url, 'GET', `/api/jobs/${encodeURIComponent(jobId)}`);

async function untilStatus(emu: Emulator, wf: string, id: string, status: string): Promise<CallResult> {
  return until(`execution ${id} to read ${status}`, async () => {
    const r = await execution(emu, wf, id, '?includeOutput=true');
    return r.status === 200 && (r.json as { status: string }).status === status ? r : undefined;
  });
}

describe('paused runs (current profile, on virtual time)', () => {
  let emu: VirtualEmulator;
  beforeAll(async () => {
    emu = await startVirtual({ jobDurationMs: 50 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('A: an async run that pauses for a person, then is resumed (results land on the original execution id)', async () => {
    const started = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, {
      body: { name: 'Async' },
      headers: { 'x-execution-mode': 'async' },
    });
    expectLike(started, 'v1 async execute hitl');
    const { executionId, jobId } = started.json as { executionId: string; jobId: string };

    const paused = await untilStatus(emu, HITL, executionId, 'paused');
    expectLike(paused, 'execution right after 202 includeOutput');
    const view = paused.json as {
      paused: Record<string, unknown>;
      finalOutput: unknown;
      endedAt: unknown;
      cost: unknown;
    };
    expect(view.paused).toMatchObject({
      contextId: HUMAN,
      blockedOnBlockId: HUMAN,
      pauseKind: 'human',
      resumeAt: null,
      pausePointCount: 1,
      resumedCount: 0,
    });
    expect(view.finalOutput).toBeNull(); // even with includeOutput=true
    expect(view.endedAt).not.toBeNull();
    expect(view.cost).toEqual({ total: 0.005 });
    expectLike(await execution(emu, HITL, executionId), 'execution paused (no includeOutput)');

    // the job says completed, with the Human block's form as output: no paused marker
    const j = await job(emu, jobId);
    expectLike(j, 'job poll (poll #1, +0.8s)');
    const jobOut = j.json as { status: string; output: { output: { data: { _resume: Record<string, string> } } } };
    expect(jobOut.status).toBe('completed');
    expect(jobOut.output.output.data._resume).toEqual({
      uiUrl: `${emu.url}/resume/${HITL}/${executionId}`,
      apiUrl: `${emu.url}/api/resume/${HITL}/${executionId}/${HUMAN}`,
      contextId: HUMAN,
      workflowId: HITL,
      executionId,
    });

    const sel = await execution(emu, HITL, executionId, `?includeOutput=true&selectedOutputs=${PREP}.result,${HUMAN}`);
    const blocks = (sel.json as { blockOutputs: Record<string, unknown> }).blockOutputs;
    expect(blocks[`${PREP}.result`]).toEqual({ greeting: 'hi Async' });
    expect(Object.keys(blocks[HUMAN] as object)).toEqual(
      expect.arrayContaining(['approved', 'comment', 'response', '_pauseMetadata']),
    );

    const list = await call(emu.url, 'GET', `/api/workflows/${HITL}/paused`);
    expect(list.status).toBe(200);
    const mine = (list.json as { pausedExecutions: { executionId: string }[] }).pausedExecutions.filter(
      (p) => p.executionId === executionId,
    );
    expect(
      shapeDiff(
        { pausedExecutions: mine },
        rec('list paused executions').body,
        new Set(['pausedExecutions.0.metadata.billingAttribution']),
      ),
    ).toEqual([]);
    const detail = await call(emu.url, 'GET', `/api/workflows/${HITL}/paused/${executionId}`);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      executionId,
      status: 'paused',
      queue: [],
      executionSnapshot: { snapshot: expect.any(String) },
    });

    const resumed = await call(emu.url, 'POST', `/api/resume/${HITL}/${executionId}/${HUMAN}`, {
      body: { input: { approved: true, comment: 'looks good' } },
    });
    expectLike(resumed, 'resume POST (async-origin run)');
    const r = resumed.json as { jobId: string; executionId: string; statusUrl: string };
    expect(r.jobId).toMatch(/^run_[A-Za-z0-9_-]{20}$/);
    expect(r.executionId).not.toBe(executionId);
    expect(r.statusUrl).toBe(`${emu.url}/api/jobs/${r.jobId}`);
    expectLike(await job(emu, r.jobId), 'resume job poll (poll #1, +4.3s)');
    const done = await until('the resume job', async () => {
      const x = await job(emu, r.jobId);
      return (x.json as { status: string }).status === 'completed' ? x : undefined;
    });
    expectLike(done, 'resume job poll (poll #2, +6.9s)');
    expect((done.json as { output: Record<string, unknown> }).output).toMatchObject({
      executionId: r.executionId,
      parentExecutionId: executionId,
    });

    // the id the resume returned cannot be looked up; the original one carries the result
    expectLike(
      await execution(emu, HITL, r.executionId, '?includeOutput=true'),
      'resumed execution poll (poll #1, +1.9s)',
    );
    const original = await untilStatus(emu, HITL, executionId, 'completed');
    expectLike(original, 'original execution after resume');
    expect((original.json as { finalOutput: unknown }).finalOutput).toEqual({
      result: { prep: { greeting: 'hi Async' }, submission: { approved: true, comment: 'looks good' } },
      stdout: '',
    });
    // the job still reads completed with the form
    const after = await job(emu, jobId);
    expectLike(after, 'original job after resume');
    expect((after.json as { output: { output: unknown } }).output.output).toEqual(jobOut.output.output);

    const listAfter = await call(emu.url, 'GET', `/api/workflows/${HITL}/paused`);
    const entry = (listAfter.json as { pausedExecutions: { executionId: string }[] }).pausedExecutions.filter(
      (p) => p.executionId === executionId,
    );
    expect(
      shapeDiff(
        { pausedExecutions: entry },
        rec('list paused after resume').body,
        new Set(['pausedExecutions.0.metadata.billingAttribution']),
      ),
    ).toEqual([]);
    expect(entry[0]).toMatchObject({
      status: 'fully_resumed',
      resumedCount: 1,
      pausePoints: [{ resumeStatus: 'resumed', latestResumeEntry: null }],
    });
    const detailAfter = await call(emu.url, 'GET', `/api/workflows/${HITL}/paused/${executionId}`);
    expect(detailAfter.json).toMatchObject({
      status: 'fully_resumed',
      pausePoints: [
        {
          latestResumeEntry: {
            newExecutionId: r.executionId,
            parentExecutionId: executionId,
            status: 'completed',
            resumeInput: { approved: true, comment: 'looks good' },
          },
        },
      ],
    });

    const again = await call(emu.url, 'POST', `/api/resume/${HITL}/${executionId}/${HUMAN}`, {
      body: { input: { approved: false } },
    });
    expect(again.status).toBe(409);
    expect(again.json).toEqual(rec('resume same context again').body);
  });

  it('B: a sync run that pauses answers 200 success with the form; its resume answers sync', async () => {
    const paused = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, { body: { name: 'Sync' } });
    expectLike(paused, 'v1 sync execute hitl (pauses)');
    const body = paused.json as { executionId: string; output: { data: { _resume: { contextId: string } } } };
    expect(body).not.toHaveProperty('status');
    expect(body.output.data._resume.contextId).toBe(HUMAN);
    // the record is written after the sync answer (recordings/sim-server-facts.md §D1): running at first, then paused
    const first = await execution(emu, HITL, body.executionId, '?includeOutput=true');
    expect(first.json).toMatchObject({ status: 'running', endedAt: null, paused: null, cost: null });
    expectLike(await untilStatus(emu, HITL, body.executionId, 'paused'), 'execution after sync pause');

    const resumed = await call(emu.url, 'POST', `/api/resume/${HITL}/${body.executionId}/${HUMAN}`, {
      body: { input: { approved: true, comment: 'sync ok' } },
    });
    expectLike(resumed, 'resume POST (sync-origin run)');
    const r = resumed.json as { executionId: string; output: unknown };
    expect(r.output).toEqual({
      result: { prep: { greeting: 'hi Sync' }, submission: { approved: true, comment: 'sync ok' } },
      stdout: '',
    });
    expectLike(await execution(emu, HITL, r.executionId, '?includeOutput=true'), 'resumed execution (sync-origin)');
    expect((await untilStatus(emu, HITL, body.executionId, 'completed')).status).toBe(200);
  });

  it('C: a stream that pauses ends with one final frame with status "paused"; its resume answers SSE', async () => {
    const id = randomUUID();
    const s = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, {
      body: { name: 'Stream', stream: true },
      headers: { 'x-execution-id': id },
    });
    expect(s.status).toBe(200);
    expect(s.headers.get('x-execution-id')).toBeNull();
    const events = parseSse(s.text);
    const recorded = parseSse(rec('v1 stream execute hitl (pauses)').sse!);
    expect(events).toHaveLength(recorded.length);
    expect(shapeDiff(events[0], recorded[0])).toEqual([]);
    expect(events[0]).toMatchObject({
      event: 'final',
      data: { success: true, status: 'paused', output: { data: { _resume: { executionId: id } } } },
    });
    expectLike(await execution(emu, HITL, id, '?includeOutput=true'), 'execution after stream pause');

    const resumed = await call(emu.url, 'POST', `/api/resume/${HITL}/${id}/${HUMAN}`, {
      body: { input: { approved: true, comment: 'stream ok' } },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('content-type')).toBe('text/event-stream');
    expect(resumed.headers.get('x-accel-buffering')).toBe('no'); // recordings/sim-server-facts.md §M16
    const newId = resumed.headers.get('x-execution-id');
    expect(newId).toBeTruthy();
    expect(newId).not.toBe(id);
    const frames = parseSse(resumed.text);
    const recFrames = parseSse(rec('resume POST (stream-origin run)').sse!);
    expect(frames.map((f) => shapeDiff(f, recFrames[frames.indexOf(f)]))).toEqual(frames.map(() => []));
    expectLike(await execution(emu, HITL, newId!, '?includeOutput=true'), 'resumed execution (stream-origin)');
    const done = await untilStatus(emu, HITL, id, 'completed');
    expect((done.json as { finalOutput: { result: { submission: unknown } } }).finalOutput.result.submission).toEqual({
      approved: true,
      comment: 'stream ok',
    });
  });

  it("the Human block's stored output, read with selectedOutputs=<humanBlockId>, has every recorded key (recordings/sim-server-facts.md §M7, §D4)", async () => {
    const started = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, {
      body: { name: 'Async' },
      headers: { 'x-execution-mode': 'async' },
    });
    const { executionId } = started.json as { executionId: string };
    await untilStatus(emu, HITL, executionId, 'paused');
    const sel = await execution(emu, HITL, executionId, `?selectedOutputs=${PREP}.result,${HUMAN}`);
    const recorded = rec('execution paused selectedOutputs=prepId.result,humanId') as {
      body: { blockOutputs: Record<string, any> };
      cut?: true;
    };
    expect(recorded.cut).toBe(true); // the recording cut this body: compare what it kept
    const recordedHuman = recorded.body.blockOutputs['77af2c8f-ca02-4d66-8b5c-8c12f4fa904a'];
    const human = (sel.json as { blockOutputs: Record<string, any> }).blockOutputs[HUMAN];
    expect(missingFrom(human, recordedHuman)).toEqual([]);
    // the keys after the cut, as M7 lists them and Sim's HumanInTheLoopBlockHandler writes them
    expect(Object.keys(human)).toEqual(['approved', 'comment', 'response', '_pauseMetadata', 'url', 'resumeEndpoint']);
    expect(Object.keys(human.response)).toEqual([
      'data',
      'status',
      'headers',
      'operation',
      'responseStructure',
      'inputFormat',
      'submission',
      'resume',
    ]);
    expect(Object.keys(human._pauseMetadata)).toEqual([
      'contextId',
      'blockId',
      'response',
      'timestamp',
      'resumeLinks',
      'pauseKind',
    ]);
    const links = human.response.data._resume;
    expect([
      human.url,
      human.resumeEndpoint,
      human.response.resume,
      human._pauseMetadata.resumeLinks,
      human._pauseMetadata.pauseKind,
    ]).toEqual([links.uiUrl, links.apiUrl, links, links, 'human']);
    expect(human._pauseMetadata.response).toEqual({
      data: human.response.data,
      status: 200,
      headers: human.response.headers,
    });
  });

  it('GET /api/resume/{wf}/{exec}[/{contextId}] and the paused detail (recordings/sim-server-facts.md §M8, §M15)', async () => {
    const started = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, {
      body: { name: 'Detail' },
      headers: { 'x-execution-mode': 'async' },
    });
    const { executionId } = started.json as { executionId: string };
    await untilStatus(emu, HITL, executionId, 'paused');
    for (const [path, title] of [
      [`/api/workflows/${HITL}/paused/${executionId}`, 'paused execution detail'],
      [`/api/resume/${HITL}/${executionId}`, 'resume GET execution'],
    ] as const) {
      const r = await call(emu.url, 'GET', path);
      expect(r.status, path).toBe(200);
      expect(missingFrom(r.json, rec(title).body), title).toEqual([]);
      const body = r.json as Record<string, any>;
      expect(body.metadata.billingAttribution.organizationId, path).toBeNull(); // a user in no organization (recordings/sim-server-facts.md §M15)
      expect(body.executionSnapshot).toEqual({ snapshot: expect.any(String), triggerIds: [] }); // M15
      expect(body.queue).toEqual([]);
    }
    const ctx = await call(emu.url, 'GET', `/api/resume/${HITL}/${executionId}/${HUMAN}`);
    expect(ctx.status).toBe(200);
    expect(missingFrom(ctx.json, rec('resume GET context').body)).toEqual([]);
    const c = ctx.json as { execution: Record<string, any>; pausePoint: Record<string, any>; queue: unknown[] };
    expect(Object.keys(c)).toEqual(['execution', 'pausePoint', 'queue']);
    // as recorded, the execution's pause points leave out response.data; the pausePoint has it
    expect(c.execution.pausePoints[0].response).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(c.pausePoint.response.data._resume.contextId).toBe(HUMAN);
    expect(c.queue).toEqual([]);
    expect((await call(emu.url, 'GET', `/api/resume/${HITL}/${executionId}/nope`)).json).toEqual({
      error: 'Pause context not found',
    });
    expect((await call(emu.url, 'GET', `/api/resume/${HITL}/${randomUUID()}`)).json).toEqual({
      error: 'Paused execution not found',
    });
    expect((await call(emu.url, 'PUT', `/api/resume/${HITL}/${executionId}/${HUMAN}`)).status).toBe(405);
  });

  it('E: cancelling a paused run (pausedCancelled:true); the job stays completed; cancel again; resume after cancel', async () => {
    const started = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, {
      body: { name: 'CancelMe' },
      headers: { 'x-execution-mode': 'async' },
    });
    const { executionId, jobId } = started.json as { executionId: string; jobId: string };
    expectLike(
      await untilStatus(emu, HITL, executionId, 'paused'),
      'execution until paused (poll #1, +2.9s)',
      [],
      ['blockOutputs'],
    );
    const cancel = await call(emu.url, 'POST', `/api/workflows/${HITL}/executions/${executionId}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.json).toEqual({ ...(rec('v1 cancel paused').body as object), executionId });
    expectLike(await execution(emu, HITL, executionId, '?includeOutput=true'), 'execution after cancel');
    expect((await execution(emu, HITL, executionId)).json).toMatchObject({ status: 'cancelled', paused: null });
    const j = await job(emu, jobId);
    expect((j.json as { status: string }).status).toBe('completed');
    const detail = await call(emu.url, 'GET', `/api/workflows/${HITL}/paused/${executionId}`);
    expect(detail.json).toMatchObject({ status: 'cancelled', pausePoints: [{ resumeStatus: 'paused' }] });
    const again = await call(emu.url, 'POST', `/api/workflows/${HITL}/executions/${executionId}/cancel`);
    expect(again.json).toEqual({ ...(rec('v1 cancel again').body as object), executionId });
    const resume = await call(emu.url, 'POST', `/api/resume/${HITL}/${executionId}/${HUMAN}`, {
      body: { input: { approved: true } },
    });
    expect(resume.status).toBe(409);
    expect(resume.json).toEqual(rec('resume after cancel').body);
  });

  it('F: a time pause (resumeAt) cannot be resumed by API, can be cancelled, and resumes itself at resumeAt', async () => {
    const started = await call(emu.url, 'POST', `/api/workflows/${WAIT}/execute`, {
      body: { name: 'W' },
      headers: { 'x-execution-mode': 'async' },
    });
    expectLike(started, 'v1 async execute waitlong (Wait 60 min async)');
    const { executionId, jobId } = started.json as { executionId: string; jobId: string };
    const paused = await untilStatus(emu, WAIT, executionId, 'paused');
    expectLike(paused, 'execution until paused (poll #1, +1.9s)');
    const view = paused.json as {
      paused: { pauseKind: string; resumeAt: string; contextId: string };
      endedAt: unknown;
      cost: unknown;
      totalDurationMs: unknown;
    };
    expect(view.paused.pauseKind).toBe('time');
    expect(view.paused.contextId).toBe(`${WAIT}-wait`);
    expect(Date.parse(view.paused.resumeAt) - emu.clock.now()).toBeGreaterThan(3_500_000);
    expect([view.endedAt, view.totalDurationMs, view.cost]).toEqual([null, null, null]);
    expectLike(await job(emu, jobId), 'job of time-paused run');
    const resume = await call(emu.url, 'POST', `/api/resume/${WAIT}/${executionId}/${view.paused.contextId}`, {
      body: { input: {} },
    });
    expect(resume.status).toBe(404);
    expect(resume.json).toEqual(rec('v1 resume time pause').body);

    const sync = await call(emu.url, 'POST', `/api/workflows/${WAIT}/execute`, { body: { name: 'WS' } });
    expectLike(sync, 'v1 sync execute waitlong');
    const syncId = (sync.json as { executionId: string }).executionId;
    const cancel = await call(emu.url, 'POST', `/api/workflows/${WAIT}/executions/${syncId}/cancel`);
    expect(cancel.json).toEqual({ ...(rec('v1 cancel sync time-paused run').body as object), executionId: syncId });

    // the first run resumes itself at resumeAt, an hour later (virtual time)
    let done: CallResult;
    do {
      await emu.clock.sleep(60_000); // a client polling once a minute
      done = await execution(emu, WAIT, executionId, '?includeOutput=true');
    } while ((done.json as { status: string }).status === 'paused');
    expect(emu.clock.now()).toBeGreaterThanOrEqual(Date.parse(view.paused.resumeAt));
    expect((done.json as { finalOutput: unknown }).finalOutput).toMatchObject({ result: { name: 'W' } });
  });

  it('answers 404 for an unknown paused run, and for a wrong contextId', async () => {
    expect((await call(emu.url, 'POST', `/api/resume/${HITL}/${randomUUID()}/${HUMAN}`, { body: {} })).json).toEqual({
      error: 'Paused execution not found',
    });
    const started = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, { body: { name: 'x' } });
    const id = (started.json as { executionId: string }).executionId;
    const wrong = await call(emu.url, 'POST', `/api/resume/${HITL}/${id}/not-a-context`, { body: { input: {} } });
    expect(wrong.status).toBe(404);
    expect((await call(emu.url, 'POST', `/api/resume/${HITL}/${id}/${HUMAN}`, { key: 'none', body: {} })).status).toBe(
      401,
    );
    // a body without `input` is the input itself
    const r = await call(emu.url, 'POST', `/api/resume/${HITL}/${id}/${HUMAN}`, { body: { approved: false } });
    expect((r.json as { output: { result: { submission: unknown } } }).output.result.submission).toEqual({
      approved: false,
    });
  });
});

describe('paused runs (2026-03 profile: no execution resource, no resume or paused routes)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ profile: '2026-03', jobDurationMs: 50 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('serves none of the paused-run routes', async () => {
    const started = await call(emu.url, 'POST', `/api/workflows/${HITL}/execute`, { body: { name: 'March' } });
    expect(started.status).toBe(200);
    const id = (started.json as { executionId: string }).executionId;
    expect((await execution(emu, HITL, id)).status).toBe(404);
    expect((await call(emu.url, 'GET', `/api/workflows/${HITL}/paused`)).status).toBe(404);
    expect((await call(emu.url, 'POST', `/api/resume/${HITL}/${id}/${HUMAN}`, { body: {} })).json).toEqual({
      error: 'Not found',
    });
  });
});
