/**
 * A sync run's record is written after its answer (recordings/sim-server-facts.md §D1, §M1): right after a sync answer
 * the execution resource (v1 and v2) reads `running` with no outputs for `syncRecordLagMs` (default 400 on current,
 * in the recorded 0.1–0.7 s), then the finished run. Streams and async runs have no lag. On virtual time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SEED } from '../src/index.js';
import { call, parseSse, startVirtual, type VirtualEmulator } from './helpers.js';
import { quote } from './facts-quotes.js';

const ECHO = SEED.workflows.echo;
const START = `${ECHO}-start`;
const FN = `${ECHO}-function`;
const D1 = '§D1';
const SELECT = `?selectedOutputs=${START}.name,${FN}.result.doubled`;

let emu: VirtualEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

const view = async (e: VirtualEmulator, id: string, q = SELECT, wf: string = ECHO) =>
  (await call(e.url, 'GET', `/api/workflows/${wf}/executions/${id}${q}`)).json as Record<string, any>;

describe('the execution record of a sync run', () => {
  it('v1: reads running, endedAt/totalDurationMs/cost null and blockOutputs {} right after the answer, then completed with the values', async () => {
    emu = await startVirtual();
    const r = await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'Ev', count: 4 } });
    expect(r.status).toBe(200);
    const id = (r.json as { executionId: string }).executionId;
    const answeredAt = emu.clock.now();
    const first = await view(emu, id);
    // the recorded first read, key for key: {"executionId","workflowId","status":"running",…,"blockOutputs":{}}
    const recorded = quote<Record<string, unknown>>(D1, 2);
    expect(Object.keys(first)).toEqual(Object.keys(recorded));
    expect(first).toEqual({ ...recorded, executionId: id, workflowId: ECHO, startedAt: first.startedAt });
    await emu.clock.sleep(399);
    expect((await view(emu, id)).status).toBe('running');
    await emu.clock.sleep(1);
    const done = await view(emu, id);
    expect(emu.clock.now() - answeredAt).toBe(400);
    expect(done).toMatchObject({
      status: 'completed',
      cost: { total: 0.005 },
      blockOutputs: { [`${START}.name`]: 'Ev', [`${FN}.result.doubled`]: 8 },
    });
    expect(done.endedAt).not.toBeNull();
    // without selectedOutputs the lagging view has blockOutputs null
    const r2 = await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'B' } });
    expect((await view(emu, (r2.json as { executionId: string }).executionId, '')).blockOutputs).toBeNull();
  });

  it('v2: the run view lags the same way (status running, output and cost null)', async () => {
    emu = await startVirtual({ v2: true });
    const r = await call(emu.url, 'POST', `/api/v2/workflows/${ECHO}/execute`, {
      body: { input: { name: 'Ev', count: 4 } },
    });
    const runId = (r.json as { data: { runId: string; status: string } }).data.runId;
    expect((r.json as { data: { status: string } }).data.status).toBe('completed');
    const first = (await call(emu.url, 'GET', `/api/v2/workflows/${ECHO}/runs/${runId}${SELECT}`)).json as {
      data: Record<string, unknown>;
    };
    expect(first.data).toMatchObject({
      status: 'running',
      endedAt: null,
      durationMs: null,
      cost: null,
      output: null,
      blockOutputs: {},
    });
    await emu.clock.sleep(400);
    const done = (await call(emu.url, 'GET', `/api/v2/workflows/${ECHO}/runs/${runId}${SELECT}`)).json as {
      data: Record<string, unknown>;
    };
    expect(done.data).toMatchObject({ status: 'completed', blockOutputs: { [`${FN}.result.doubled`]: 8 } });
  });

  it('a failed sync run and a sync run that paused lag too (Sim finalizes every outcome after the answer)', async () => {
    emu = await startVirtual();
    const id = randomUUID();
    const failed = await call(emu.url, 'POST', `/api/workflows/${SEED.workflows.fail}/execute`, {
      body: { name: 'Eve' },
      headers: { 'x-execution-id': id },
    });
    expect(failed.status).toBe(500);
    expect((await view(emu, id, '', SEED.workflows.fail)).status).toBe('running');
    const paused = await call(emu.url, 'POST', `/api/workflows/${SEED.workflows.hitl}/execute`, {
      body: { name: 'P' },
    });
    const pid = (paused.json as { executionId: string }).executionId;
    expect(await view(emu, pid, '', SEED.workflows.hitl)).toMatchObject({ status: 'running', paused: null });
    await emu.clock.sleep(400);
    expect((await view(emu, id, '', SEED.workflows.fail)).status).toBe('failed');
    expect((await view(emu, pid, '', SEED.workflows.hitl)).status).toBe('paused');
  });

  it('no lag for a stream (the server ends the stream after the record) or an async run (nobody waits on it)', async () => {
    emu = await startVirtual({ jobDurationMs: 50 });
    const id = randomUUID();
    const s = await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, {
      body: { name: 'S', stream: true },
      headers: { 'x-execution-id': id },
    });
    expect(parseSse(s.text).at(-1)).toBe('[DONE]');
    expect((await view(emu, id)).status).toBe('completed');
    const a = await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, {
      body: { name: 'A' },
      headers: { 'x-execution-mode': 'async' },
    });
    const aid = (a.json as { executionId: string }).executionId;
    await emu.clock.sleep(50);
    expect((await view(emu, aid)).status).toBe('completed');
  });

  it('syncRecordLagMs sets the lag (0 turns it off)', async () => {
    emu = await startVirtual({ syncRecordLagMs: 0 });
    const r = await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'Z' } });
    expect((await view(emu, (r.json as { executionId: string }).executionId)).status).toBe('completed');
    await emu.close();
    emu = await startVirtual({ syncRecordLagMs: 700 });
    const r2 = await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'Z' } });
    const id = (r2.json as { executionId: string }).executionId;
    await emu.clock.sleep(699);
    expect((await view(emu, id)).status).toBe('running');
    await emu.clock.sleep(1);
    expect((await view(emu, id)).status).toBe('completed');
  });
});
