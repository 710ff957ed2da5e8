// runMany against the emulator over real HTTP: order, failures, pacing to the published limits, a 429
// storm, a slow poller, aborts mid-batch, and no leaked listeners or timers over 10 000 runs.
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimAbortError, SimNotFoundError, SimValidationError, type RunManyEntry, type RunManyRequest } from '../src/index.js';
import { clientFor, delay, requestsTo, startEmulator, type Emulator } from './helpers.js';

const EXECUTE = /\/execute$/;
const RATE_LIMITED = { error: 'Rate limit exceeded. Please try again later.' };

/** Execute requests per `row` input marker that the server accepted (any answer but 429). */
function acceptedPerRow(emu: Emulator): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const e of requestsTo(emu, 'POST', EXECUTE)) {
    if (e.status === 429) continue;
    const row = (JSON.parse(e.body) as { row?: unknown }).row;
    counts.set(row, (counts.get(row) ?? 0) + 1);
  }
  return counts;
}

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('runMany', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 200 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  it('answers in input order, one entry per request: completed, failed runs and errors side by side', async () => {
    const w = emu.seed.workflows;
    const requests: RunManyRequest[] = [
      { workflowId: w.echo, input: { name: 'a', count: 1 }, mode: 'sync' },
      { workflowId: w.fail, input: { name: 'Eve' }, mode: 'sync' },
      { workflowId: 'wf-missing', input: { name: 'x' } },
      { workflowId: w.echo, input: { name: 'b', count: 2 } },
      { workflowId: w.fail, input: { name: 'Zed' } },
      { workflowId: w.echo, mode: 'stream' as 'sync' },
      { workflowId: w.slow, input: { name: 'c', delayMs: 300 }, mode: 'sync' },
    ];
    const reported: number[] = [];
    const out = await clientFor(emu).runMany(requests, { concurrency: 3, onResult: (i) => reported.push(i) });
    expect(out).toHaveLength(requests.length);
    expect(reported.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const [a, failSync, missing, b, failAsync, badMode, slow] = out as RunManyEntry[];
    expect(a).toMatchObject({ ok: true, result: { status: 'completed', output: { result: { name: 'a', doubled: 2 } } } });
    expect(failSync).toMatchObject({ ok: true, result: { status: 'failed' } });
    expect(failSync!.ok && failSync.result.error).toContain('boom: Eve');
    expect(missing!.ok).toBe(false);
    expect(!missing!.ok && missing!.error).toBeInstanceOf(SimNotFoundError);
    expect(b).toMatchObject({ ok: true, result: { status: 'completed', output: { result: { name: 'b', doubled: 4 } } } });
    expect(b!.ok && typeof b.result.jobId).toBe('string');
    expect(failAsync).toMatchObject({ ok: true, result: { status: 'failed' } });
    expect(!badMode!.ok && badMode!.error).toBeInstanceOf(SimValidationError);
    expect(slow).toMatchObject({ ok: true, result: { status: 'completed' } });
    // each run was sent exactly once
    expect(requestsTo(emu, 'POST', EXECUTE)).toHaveLength(6);
  });

  it('keeps at most `concurrency` runs in flight', async () => {
    const requests = Array.from({ length: 12 }, (_, row) => ({ workflowId: emu.seed.workflows.slow, input: { row, delayMs: 400 }, mode: 'sync' as const }));
    const client = clientFor(emu);
    const started = Date.now();
    await client.runMany(requests.slice(0, 1), { concurrency: 1 }); // warm-up (reads limits once)
    emu.clearJournal();
    const out = await client.runMany(requests, { concurrency: 4 });
    expect(out.every((e) => e.ok && e.result.status === 'completed')).toBe(true);
    const arrivals = requestsTo(emu, 'POST', EXECUTE).map((e) => e.at);
    // the fifth run can only start once one of the first four has ended
    for (let i = 0; i + 4 < arrivals.length; i++) expect(arrivals[i + 4]! - arrivals[i]!).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(12 * 400);
  });

  it('paces to the published limit: no 429 when the emulator enforces 30/min with a burst of 60', async () => {
    const limited = await startEmulator({ port: 0, rateLimits: { execute: 60 } });
    try {
      const requests = Array.from({ length: 63 }, (_, row) => ({ workflowId: limited.seed.workflows.echo, input: { row }, mode: 'sync' as const }));
      const out = await clientFor(limited).runMany(requests, { concurrency: 10 });
      expect(out.filter((e) => !(e.ok && e.result.status === 'completed'))).toEqual([]);
      const executes = requestsTo(limited, 'POST', EXECUTE);
      expect(executes.filter((e) => e.status === 429)).toHaveLength(0);
      expect(executes).toHaveLength(63);
      // the three runs beyond the burst waited for the refill (one token every 2 s)
      const at = executes.map((e) => e.at);
      expect(at[62]! - at[59]!).toBeGreaterThanOrEqual(5_000);
      expect(requestsTo(limited, 'GET', /usage-limits$/)).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('a 429 storm with no readable limits: every item relaunches with a new execution id and runs exactly once', async () => {
    emu.injectFault({ path: '/api/users/me/usage-limits', type: 'status', status: 403, body: { error: 'Forbidden' } });
    emu.injectFault({ method: 'POST', path: EXECUTE.source, type: 'status', status: 429, times: 5, body: RATE_LIMITED });
    const requests = Array.from({ length: 8 }, (_, row) => ({ workflowId: emu.seed.workflows.echo, input: { row }, mode: (row % 2 ? 'sync' : 'async') as 'sync' | 'async' }));
    const out = await clientFor(emu).runMany(requests, { concurrency: 4 });
    expect(out.map((e) => e.ok && e.result.status)).toEqual(Array(8).fill('completed'));
    out.forEach((e, row) => expect(e.ok && (e.result.output as { result: { row: number } }).result.row).toBe(row));
    const executes = requestsTo(emu, 'POST', EXECUTE);
    expect(executes.filter((e) => e.status === 429)).toHaveLength(5);
    // a relaunch never reuses the id the server burnt on the 429
    const ids = executes.map((e) => e.headers['x-execution-id']);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // no duplicates: each row accepted exactly once
    const accepted = acceptedPerRow(emu);
    expect([...accepted.values()]).toEqual(Array(8).fill(1));
  }, 30_000);

  it('a 429 on one item relaunches that item only', async () => {
    emu.injectFault({ method: 'POST', path: `/api/workflows/${emu.seed.workflows.echoResponse}/execute`, type: 'status', status: 429, times: 1, body: RATE_LIMITED });
    const out = await clientFor(emu).runMany(
      [
        { workflowId: emu.seed.workflows.echo, input: { row: 0 }, mode: 'sync' },
        { workflowId: emu.seed.workflows.echoResponse, input: { row: 1 }, mode: 'sync' },
      ],
      { concurrency: 2 },
    );
    expect(out.map((e) => e.ok && e.result.status)).toEqual(['completed', 'completed']);
    expect(requestsTo(emu, 'POST', EXECUTE).filter((e) => e.status === 429)).toHaveLength(1);
  });

  it('a slow poller does not hold up executes: sync runs finish while async jobs wait for slow polls', async () => {
    // runs are watched through the execution resource on current servers (jobs only where it is missing)
    emu.injectFault({ method: 'GET', path: /\/executions\//, type: 'delay', delayMs: 1_500, times: 50 });
    const finishedAt = new Map<number, number>();
    const started = Date.now();
    const requests: RunManyRequest[] = [
      ...Array.from({ length: 3 }, (_, row) => ({ workflowId: emu.seed.workflows.echo, input: { row }, mode: 'async' as const })),
      ...Array.from({ length: 3 }, (_, i) => ({ workflowId: emu.seed.workflows.slow, input: { row: i + 3, delayMs: 200 }, mode: 'sync' as const })),
    ];
    const out = await clientFor(emu).runMany(requests, { concurrency: 6, onResult: (i) => finishedAt.set(i, Date.now() - started) });
    expect(out.every((e) => e.ok && e.result.status === 'completed')).toBe(true);
    for (const i of [3, 4, 5]) expect(finishedAt.get(i)!).toBeLessThan(1_000);
    for (const i of [0, 1, 2]) expect(finishedAt.get(i)!).toBeGreaterThan(2_000);
  });

  it('executes waiting for tokens do not hold up polls: queued jobs finish while the bucket is empty', async () => {
    const limited = await startEmulator({ port: 0, jobDurationMs: 300, rateLimits: { execute: 4 } }); // 2/min: next token in 30 s
    try {
      const controller = new AbortController();
      const requests: RunManyRequest[] = [
        ...Array.from({ length: 4 }, (_, row) => ({ workflowId: limited.seed.workflows.echo, input: { row }, mode: 'async' as const })),
        ...Array.from({ length: 2 }, (_, i) => ({ workflowId: limited.seed.workflows.echo, input: { row: i + 4 }, mode: 'sync' as const })),
      ];
      let done = 0;
      const out = await clientFor(limited).runMany(requests, {
        concurrency: 6,
        signal: controller.signal,
        onResult: () => {
          if (++done === 4) controller.abort();
        },
      });
      expect(out.slice(0, 4).map((e) => e.ok && e.result.status)).toEqual(Array(4).fill('completed'));
      for (const e of out.slice(4)) expect(!e.ok && e.error).toBeInstanceOf(SimAbortError);
      const executes = requestsTo(limited, 'POST', EXECUTE);
      expect(executes).toHaveLength(4);
      expect(executes.filter((e) => e.status === 429)).toHaveLength(0);
      expect(requestsTo(limited, 'GET', /\/executions\//).length).toBeGreaterThanOrEqual(4);
    } finally {
      await limited.close();
    }
  });

  it('abort mid-batch: stops launching, cancels the runs in flight, resolves every entry', async () => {
    const controller = new AbortController();
    const requests = Array.from({ length: 10 }, (_, row) => ({
      workflowId: emu.seed.workflows.slow, input: { row, delayMs: 20_000 }, mode: (row % 2 ? 'sync' : 'async') as 'sync' | 'async',
    }));
    const client = clientFor(emu);
    const batch = client.runMany(requests, { concurrency: 3, signal: controller.signal });
    for (let i = 0; i < 100 && requestsTo(emu, 'POST', EXECUTE).length < 3; i++) await delay(20);
    await delay(200);
    const abortedAt = Date.now();
    controller.abort();
    const out = await batch;
    expect(Date.now() - abortedAt).toBeLessThan(3_000);
    expect(out).toHaveLength(10);
    for (const e of out) expect(!e.ok && e.error).toBeInstanceOf(SimAbortError);
    const inFlight = out.slice(0, 3);
    for (const e of inFlight) expect(!e.ok && (e.error as SimAbortError).cancelled).toBe(true);
    expect(requestsTo(emu, 'POST', EXECUTE)).toHaveLength(3);
    expect(requestsTo(emu, 'POST', /\/executions\/[^/]+\/cancel$/)).toHaveLength(3);
  });

  it('10 000 tiny runs: results only, no listeners or timers left behind', async () => {
    const client = clientFor(emu);
    const controller = new AbortController();
    await client.runMany([{ workflowId: emu.seed.workflows.echo, mode: 'sync' }], { concurrency: 1, signal: controller.signal });
    const timersBefore = timeouts();
    const requests = Array.from({ length: 10_000 }, (_, row) => ({ workflowId: emu.seed.workflows.echo, input: { row }, mode: 'sync' as const }));
    let reported = 0;
    const out = await client.runMany(requests, { concurrency: 50, signal: controller.signal, onResult: () => reported++ });
    expect(reported).toBe(10_000);
    expect(out.filter((e) => !(e.ok && e.result.status === 'completed'))).toHaveLength(0);
    expect((out[9_999] as { result: { output: { result: { row: number } } } }).result.output.result.row).toBe(9_999);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(timeouts()).toBeLessThanOrEqual(timersBefore);
  }, 120_000);
});
