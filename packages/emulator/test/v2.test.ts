/**
 * The v2 API (recordings/sim-server-facts.md §E, §G): off by default (every /api/v2 path answers the recorded 404), and with `v2: true` the
 * recorded shapes of execute, runs, cancel and resume (recordings/2026-12-01-paused-runs-selected-outputs-deploy.md, D–F).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '../src/index.js';
import { call, parseSse, shapeDiff, startVirtual, until, type CallResult, type VirtualEmulator } from './helpers.js';
import { PAUSED_RECORDINGS } from './paused-recordings.js';

const HITL = SEED.workflows.hitl;
const HUMAN = `${HITL}-human`;
const NOT_FOUND = { error: { code: 'NOT_FOUND', message: 'Not found' } };

function like(actual: CallResult, title: string, loose: string[] = []): void {
  const r = PAUSED_RECORDINGS[title]!;
  expect(actual.status, title).toBe(r.status);
  expect(shapeDiff(actual.json, r.body, new Set(loose)), title).toEqual([]);
  expect(actual.headers.get('cache-control')).toBe('private, no-store');
}

describe('v2 off (the default, as on a server without V2_API)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => emu.close());

  it('answers every /api/v2 path with the recorded 404', async () => {
    expect(emu.v2).toBe(false);
    for (const [m, p] of [
      ['POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`],
      ['GET', `/api/v2/workflows/${HITL}/runs/x`],
      ['GET', '/api/v2/anything'],
    ] as const) {
      const r = await call(emu.url, m, p, { body: m === 'POST' ? { input: {} } : undefined });
      expect(r.status).toBe(404);
      expect(r.json).toEqual(NOT_FOUND);
    }
  });
});

describe('the 2026-03 profile has no v2 code', () => {
  it('answers /api/v2 paths with its generic 404, even with v2: true', async () => {
    const emu = await startEmulator({ profile: '2026-03', v2: true });
    try {
      const r = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
        body: { input: {} },
      });
      expect(r.status).toBe(404);
      expect(r.json).toEqual({ error: 'Not found' });
    } finally {
      await emu.close();
    }
  });
});

describe('v2 on (virtual time)', () => {
  let emu: VirtualEmulator;
  beforeAll(async () => {
    emu = await startVirtual({ v2: true, jobDurationMs: 50 });
  });
  afterAll(async () => emu.close());
  const run = (wf: string, id: string, q = '') => call(emu.url, 'GET', `/api/v2/workflows/${wf}/runs/${id}${q}`);

  it('sync execute: {data} envelope, x-run-id honoured, failed runs as 200 status failed, input must be nested, run id reuse 409', async () => {
    const runId = randomUUID();
    const ok = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
      body: { input: { name: 'V2', count: 3 } },
      headers: { 'x-run-id': runId },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-run-id')).toBe(runId);
    expect(ok.json).toMatchObject({
      data: {
        runId,
        workflowId: SEED.workflows.echo,
        status: 'completed',
        output: { result: { doubled: 6 } },
        error: null,
      },
    });
    const flat = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
      body: { name: 'V2', count: 3 },
    });
    expect(flat.status).toBe(400);
    // recordings/sim-server-facts.md §E; the details items carry `message` too (recordings/sim-server-facts.md §M12)
    const unrecognized = 'Unrecognized keys: "name", "count"';
    expect(flat.json).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: unrecognized,
        details: [{ code: 'unrecognized_keys', keys: ['name', 'count'], path: [], message: unrecognized }],
      },
    });
    const failed = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.fail}/execute`, {
      body: { input: { name: 'Eve' } },
    });
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({
      data: { status: 'failed', output: {}, error: { code: 'BLOCK_EXECUTION_FAILED', blockType: 'function' } },
    });
    expect((failed.json as { data: { error: { message: string } } }).data.error.message).toContain('boom: Eve');
    const reuse = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
      body: { input: {} },
      headers: { 'x-run-id': runId },
    });
    // recordings/sim-server-facts.md §M5
    expect(reuse.status).toBe(409);
    expect(reuse.headers.get('x-run-id')).toBe(runId);
    expect(reuse.json).toEqual({
      error: { code: 'CONFLICT', message: 'Run ID has already been used', details: { code: 'RUN_ID_CONFLICT', runId } },
    });
    const nokey = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
      key: 'none',
      body: { input: {} },
    });
    expect(nokey.json).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } });
    // recordings/sim-server-facts.md §M11: a 401 never reached the rate bucket, so it has no rate headers
    expect(nokey.headers.get('x-ratelimit-limit')).toBeNull();
    expect(nokey.headers.get('cache-control')).toBe('private, no-store');
    const undeployed = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.undeployed}/execute`, {
      body: { input: {} },
    });
    expect(undeployed.json).toEqual({
      error: { code: 'FORBIDDEN', message: 'Workflow is not deployed', details: { code: 'WORKFLOW_NOT_DEPLOYED' } },
    });
    const asyncShaped = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.echo}/execute`, {
      body: { input: {}, async: true, selectedOutputs: ['x'] },
    });
    expect(asyncShaped.json).toEqual({
      error: { code: 'BAD_REQUEST', message: 'Async execution does not support streaming or output-shaping options' },
    });
  });

  it('D: async execute that pauses; the run reads paused; resume (202, new id); the original run completes; resume again 409', async () => {
    const started = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/execute`, {
      body: { input: { name: 'V2A' }, async: true },
    });
    like(started, 'v2 async execute hitl');
    const { runId, statusUrl } = (started.json as { data: { runId: string; statusUrl: string } }).data;
    expect(started.headers.get('x-run-id')).toBe(runId);
    expect(statusUrl).toBe(`${emu.url}/api/v2/workflows/${HITL}/runs/${runId}`);
    const paused = await until('paused', async () => {
      const r = await run(HITL, runId);
      return (r.json as { data: { status: string } }).data.status === 'paused' ? r : undefined;
    });
    like(paused, 'v2 run poll (poll #1, +0.6s)');
    expect((paused.json as { data: { paused: Record<string, unknown> } }).data.paused).toMatchObject({
      contextId: HUMAN,
      pauseKind: 'human',
    });
    like(
      await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/resume`, { body: { input: {} } }),
      'v2 resume missing contextId',
    );
    like(
      await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/resume`, {
        body: { contextId: 'nope', input: {} },
      }),
      'v2 resume wrong contextId',
    );
    const resumed = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/resume`, {
      body: { contextId: HUMAN, input: { approved: false, comment: 'v2 no' } },
    });
    like(resumed, 'v2 resume');
    const newId = (resumed.json as { data: { runId: string } }).data.runId;
    expect(newId).not.toBe(runId);
    expect((await run(HITL, newId)).json).toEqual({ error: { code: 'NOT_FOUND', message: 'Run not found' } });
    const done = await until('completed', async () => {
      const r = await run(HITL, runId, '?includeOutput=true');
      return (r.json as { data: { status: string } }).data.status === 'completed' ? r : undefined;
    });
    like(done, 'v2 original run after resume');
    like(
      await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/resume`, {
        body: { contextId: HUMAN, input: {} },
      }),
      'v2 resume again (already resumed)',
    );
  });

  it('sync execute that pauses (200 status paused) and its resume (200 completed); stream pause final frame', async () => {
    const paused = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/execute`, {
      body: { input: { name: 'V2S' } },
    });
    like(paused, 'v2 sync execute hitl (pauses)');
    const runId = (paused.json as { data: { runId: string } }).data.runId;
    const resumed = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/resume`, {
      body: { contextId: HUMAN, input: { approved: true } },
    });
    like(resumed, 'v2 resume of sync-origin run');
    const s = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/execute`, {
      body: { input: { name: 'V2T' }, stream: true },
    });
    // a v2 stream carries the rate headers (recordings/sim-server-facts.md §M10) and the run id, like every v2 execute answer (recordings/sim-server-facts.md §E)
    expect(s.headers.get('x-ratelimit-limit')).toBe('999999');
    expect(s.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect(s.headers.get('x-run-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.headers.get('content-type')).toBe('text/event-stream');
    const frames = parseSse(s.text);
    expect(frames[0]).toMatchObject({ event: 'final', data: { status: 'paused' } });
  });

  it('E: cancel of a paused run (pausedCancelled:true), again (same answer in v2), then resume 409; unknown run 404', async () => {
    const started = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/execute`, {
      body: { input: { name: 'C' }, async: true },
    });
    const runId = (started.json as { data: { runId: string } }).data.runId;
    await until(
      'paused',
      async () => ((await run(HITL, runId)).json as { data: { status: string } }).data.status === 'paused' || undefined,
    );
    const c1 = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/cancel`);
    like(c1, 'v2 cancel paused');
    expect((c1.json as { data: unknown }).data).toEqual({
      ...(PAUSED_RECORDINGS['v2 cancel paused']!.body as { data: object }).data,
      runId,
    });
    const c2 = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/cancel`);
    expect((c2.json as { data: unknown }).data).toEqual({
      ...(PAUSED_RECORDINGS['v2 cancel again']!.body as { data: object }).data,
      runId,
    });
    expect(((await run(HITL, runId)).json as { data: { status: string } }).data.status).toBe('cancelled');
    const r = await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${runId}/resume`, {
      body: { contextId: HUMAN, input: {} },
    });
    expect(r.status).toBe(409);
    expect((await call(emu.url, 'POST', `/api/v2/workflows/${HITL}/runs/${randomUUID()}/cancel`)).json).toEqual({
      error: { code: 'NOT_FOUND', message: 'Run not found' },
    });
  });

  it('F: a time pause reads paused (pauseKind time) and cannot be resumed (404)', async () => {
    const started = await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.waitlong}/execute`, {
      body: { input: { name: 'W' }, async: true },
    });
    const runId = (started.json as { data: { runId: string } }).data.runId;
    const paused = await until('paused', async () => {
      const r = await run(SEED.workflows.waitlong, runId);
      return (r.json as { data: { status: string } }).data.status === 'paused' ? r : undefined;
    });
    like(paused, 'v2 run of time-paused run');
    like(
      await call(emu.url, 'POST', `/api/v2/workflows/${SEED.workflows.waitlong}/runs/${runId}/resume`, {
        body: { contextId: `${SEED.workflows.waitlong}-wait`, input: {} },
      }),
      'v2 resume time pause',
    );
  });
});
