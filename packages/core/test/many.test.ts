// runMany: many runs at once in a bounded pool. Order, failures side by side, concurrency, polls that never wait for
// executes (nor executes for polls), aborts mid-batch, and nothing left behind. Pacing itself: rate-limits.test.ts.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  SimAbortError,
  SimNotFoundError,
  SimValidationError,
  type RunManyEntry,
  type RunManyRequest,
} from '../src/index.js';
import { createSimClient } from '../src/node.js';
import { startEmulator } from '@sim-integrations/emulator';
import { CANCEL, CURRENT, EXECUTE, startSim } from './sim.js';

describe.each(CURRENT)('runMany (%s)', (server) => {
  it('answers in input order, one entry per request: completed, failed and refused runs side by side, each sent once', async () => {
    const sim = await startSim(server);
    const w = sim.seed.workflows;
    const requests: RunManyRequest[] = [
      { workflowId: w.echo, input: { name: 'a', count: 1 }, mode: 'sync' },
      { workflowId: w.fail, input: { name: 'Eve' }, mode: 'sync' },
      { workflowId: 'wf-missing', input: { name: 'x' } },
      { workflowId: w.echo, input: { name: 'b', count: 2 } },
      { workflowId: w.fail, input: { name: 'Zed' } },
      { workflowId: w.echo, mode: 'stream' as 'sync' },
      { workflowId: w.slow, input: { name: 'c', delayMs: 3_000 }, mode: 'sync' },
      { workflowId: w.hitl, input: { name: 'p' } },
    ];
    const reported: number[] = [];
    const out = await sim.client().runMany(requests, { concurrency: 3, onResult: (i) => reported.push(i) });
    expect(out).toHaveLength(requests.length);
    expect(reported.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const [a, failSync, missing, b, failAsync, badMode, slow, paused] = out as RunManyEntry[];
    expect(a).toMatchObject({
      ok: true,
      result: { status: 'completed', output: { result: { name: 'a', doubled: 2 } } },
    });
    expect(failSync).toMatchObject({
      ok: true,
      result: { status: 'failed', error: expect.stringContaining('boom: Eve') },
    });
    expect(!missing!.ok && missing!.error).toBeInstanceOf(SimNotFoundError);
    expect(b).toMatchObject({
      ok: true,
      result: { status: 'completed', output: { result: { name: 'b', doubled: 4 } } },
    });
    expect(failAsync).toMatchObject({ ok: true, result: { status: 'failed' } });
    expect(!badMode!.ok && badMode!.error).toBeInstanceOf(SimValidationError);
    expect(slow).toMatchObject({ ok: true, result: { status: 'completed' } });
    // a paused run is an answer too: it does not stop the batch
    expect(paused).toMatchObject({ ok: true, result: { status: 'paused', paused: { pauseKind: 'human' } } });
    expect(sim.received('POST', EXECUTE)).toHaveLength(7);
  });

  it('keeps at most `concurrency` runs in flight', async () => {
    const sim = await startSim(server);
    const requests = Array.from({ length: 12 }, (_, row) => ({
      workflowId: sim.seed.workflows.slow,
      input: { row, delayMs: 4_000 },
      mode: 'sync' as const,
    }));
    const t0 = sim.clock.now();
    const out = await sim.client().runMany(requests, { concurrency: 4 });
    expect(out.every((e) => e.ok && e.result.status === 'completed')).toBe(true);
    const arrivals = sim.received('POST', EXECUTE).map((e) => e.at);
    // the fifth run can only start once one of the first four has ended
    for (let i = 0; i + 4 < arrivals.length; i++) expect(arrivals[i + 4]! - arrivals[i]!).toBeGreaterThanOrEqual(4_000);
    expect(sim.clock.now() - t0).toBeLessThan(12 * 4_000);
  });

  it('a slow poller does not hold up executes: sync runs finish while async runs wait for slow polls', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    await c.serverProtocol(sim.seed.workflows.echo); // detected before the polls turn slow
    sim.emulator.injectFault({
      method: 'GET',
      path: /\/(executions|runs)\/[0-9a-f-]{36}$/,
      type: 'delay',
      delayMs: 15_000,
      times: 50,
    });
    const finishedAt = new Map<number, number>();
    const t0 = sim.clock.now();
    const requests: RunManyRequest[] = [
      ...Array.from({ length: 3 }, (_, row) => ({
        workflowId: sim.seed.workflows.echo,
        input: { row },
        mode: 'async' as const,
      })),
      ...Array.from({ length: 3 }, (_, i) => ({
        workflowId: sim.seed.workflows.slow,
        input: { row: i + 3, delayMs: 2_000 },
        mode: 'sync' as const,
      })),
    ];
    const out = await c.runMany(requests, { concurrency: 6, onResult: (i) => finishedAt.set(i, sim.clock.now() - t0) });
    expect(out.every((e) => e.ok && e.result.status === 'completed')).toBe(true);
    for (const i of [3, 4, 5]) expect(finishedAt.get(i)!).toBeLessThan(10_000);
    for (const i of [0, 1, 2]) expect(finishedAt.get(i)!).toBeGreaterThan(15_000);
  });

  it('runs waiting for tokens do not hold up polls: queued runs finish while the bucket is empty', async () => {
    // 4 tokens, 2 a minute: the sync runs wait half a minute for theirs; the async runs' polls go on meanwhile
    const sim = await startSim(server, { rateLimits: { execute: 4, async: 4 } });
    const controller = new AbortController();
    const requests: RunManyRequest[] = [
      ...Array.from({ length: 4 }, (_, row) => ({
        workflowId: sim.seed.workflows.slow,
        input: { row, delayMs: 5_000 },
        mode: 'async' as const,
      })),
      ...Array.from({ length: server === 'v2' ? 6 : 2 }, (_, i) => ({
        workflowId: sim.seed.workflows.echo,
        input: { row: i + 4 },
        mode: 'sync' as const,
      })),
    ];
    let done = 0;
    const out = await sim.client().runMany(requests, {
      concurrency: 10,
      signal: controller.signal,
      onResult: (i) => i < 4 && ++done === 4 && controller.abort(),
    });
    expect(out.slice(0, 4).map((e) => e.ok && e.result.status)).toEqual(Array(4).fill('completed'));
    const executes = sim.received('POST', EXECUTE);
    expect(executes.filter((e) => e.status === 429)).toHaveLength(0);
    expect(sim.received('GET', /\/(executions|runs)\/[0-9a-f-]{36}$/).length).toBeGreaterThanOrEqual(4);
  });

  it('abort mid-batch: stops launching, cancels the runs in flight, resolves every entry', async () => {
    const sim = await startSim(server);
    const controller = new AbortController();
    const requests = Array.from({ length: 10 }, (_, row) => ({
      workflowId: sim.seed.workflows.slow,
      input: { row, delayMs: 200_000 },
      mode: (row % 2 ? 'sync' : 'async') as 'sync' | 'async',
    }));
    let abortedAt = 0;
    sim.after(10_000, () => {
      abortedAt = sim.clock.now();
      controller.abort();
    });
    const out = await sim.client().runMany(requests, { concurrency: 3, signal: controller.signal });
    expect(sim.clock.now() - abortedAt).toBeLessThan(1_000);
    expect(out).toHaveLength(10);
    for (const e of out) expect(!e.ok && e.error).toBeInstanceOf(SimAbortError);
    for (const e of out.slice(0, 3)) expect(!e.ok && (e.error as SimAbortError).cancelled).toBe(true);
    expect(sim.received('POST', EXECUTE)).toHaveLength(3);
    expect(sim.received('POST', CANCEL)).toHaveLength(3);
  });
});

// Real time on purpose: the point is Node's own timers and listeners.
it('10 000 tiny runs on real timers: results only, no listeners or timers left behind', async () => {
  const emulator = await startEmulator({ port: 0 });
  try {
    const client = createSimClient({ apiKey: emulator.seed.apiKey, baseUrl: emulator.url });
    const controller = new AbortController();
    await client.runMany([{ workflowId: emulator.seed.workflows.echo, mode: 'sync' }], {
      concurrency: 1,
      signal: controller.signal,
    });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const timersBefore = timers();
    const requests = Array.from({ length: 10_000 }, (_, row) => ({
      workflowId: emulator.seed.workflows.echo,
      input: { row },
      mode: 'sync' as const,
    }));
    let reported = 0;
    const out = await client.runMany(requests, {
      concurrency: 50,
      signal: controller.signal,
      onResult: () => reported++,
    });
    expect(reported).toBe(10_000);
    expect(out.filter((e) => !(e.ok && e.result.status === 'completed'))).toHaveLength(0);
    expect((out[9_999] as { result: { output: { result: { row: number } } } }).result.output.result.row).toBe(9_999);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(timers()).toBeLessThanOrEqual(timersBefore);
  } finally {
    await emulator.close();
  }
}, 120_000);
