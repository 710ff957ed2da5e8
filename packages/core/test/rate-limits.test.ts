// Pacing to Sim's rate limit as the server keeps it (rate/: a bucket of maxBurst tokens that gains requestsPerMinute
// tokens at once every whole minute; packages/emulator/recordings/sim-server-facts.md §D2, §D3), from the server's own
// count, so that runs start when the bucket has a token instead of finding out through 429s, each of which leaves a
// failed entry in the user's logs. Holds when several clients (processes) share one key.
import { describe, expect, it } from 'vitest';
import { SimBucket } from '../src/rate/bucket.js';
import type { RunManyEntry } from '../src/index.js';
import { CURRENT, EXECUTE, startSim, type Sim } from './sim.js';

const ok = (out: RunManyEntry[]) => out.filter((e) => !(e.ok && e.result.status === 'completed'));

describe('the bucket model', () => {
  it('adds a whole minute\'s tokens at each refill instant, never in between, capped at maxBurst', () => {
    const t0 = Date.parse('2026-12-03T12:00:00Z');
    const b = SimBucket.from({ requestsPerMinute: 20, maxBurst: 40, remaining: 3, resetAt: new Date(t0 + 25_000).toISOString() }, t0)!;
    b.refill(t0 + 24_999);
    expect(b.tokens).toBe(3);
    b.refill(t0 + 25_000);
    expect(b).toMatchObject({ tokens: 23, nextRefillAt: t0 + 85_000 });
    b.refill(t0 + 25_000 + 3 * 60_000);
    expect(b).toMatchObject({ tokens: 40, nextRefillAt: t0 + 25_000 + 4 * 60_000 });
    expect(SimBucket.from({ requestsPerMinute: 'lots' }, t0)).toBeUndefined();
  });
});

describe.each(CURRENT)('a batch paced to the key\'s bucket (%s)', (server) => {
  it('no 429 when the batch is larger than the burst: the rest start at the refills the server named', async () => {
    // burst 30, 15 a minute: 45 runs take the burst, then one refill (a minute after the first use)
    const sim = await startSim(server, { rateLimits: { execute: 30 } });
    const t0 = sim.clock.now();
    const requests = Array.from({ length: 45 }, (_, row) => ({ workflowId: sim.seed.workflows.echo, input: { row }, mode: 'sync' as const }));
    const out = await sim.client().runMany(requests, { concurrency: 10 });
    expect(ok(out)).toEqual([]);
    const executes = sim.received('POST', EXECUTE);
    expect(executes.filter((e) => e.status === 429)).toHaveLength(0);
    expect(executes).toHaveLength(45);
    const elapsed = sim.clock.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(60_000);
    expect(elapsed).toBeLessThan(60_000 * 1.1);
    // reads of the server's count grow denser only as the bucket empties: far fewer than one per run
    expect(sim.received('GET', /usage-limits$/).length).toBeLessThan(25);
  });

  it('a bucket far from empty costs one read for the whole batch', async () => {
    const sim = await startSim(server, { rateLimits: { execute: 1_000 } });
    const out = await sim.client().runMany(Array.from({ length: 20 }, () => ({ workflowId: sim.seed.workflows.echo, mode: 'sync' as const })), { concurrency: 5 });
    expect(ok(out)).toEqual([]);
    expect(sim.received('GET', /usage-limits$/)).toHaveLength(1);
  });
});

describe.each(CURRENT)('several processes on one key (%s)', (server) => {
  /** `processes` clients (each its own gate, as separate processes have) run `runs` sync runs each on one key. */
  async function shared(sim: Sim, processes: number, runs: number) {
    const t0 = sim.clock.now();
    const outs = await Promise.all(
      Array.from({ length: processes }, (_, p) =>
        sim.client().runMany(Array.from({ length: runs }, (_, row) => ({ workflowId: sim.seed.workflows.echo, input: { p, row }, mode: 'sync' as const })), { concurrency: 5 }),
      ),
    );
    return { outs, elapsed: sim.clock.now() - t0, executes: sim.received('POST', EXECUTE) };
  }

  it('3 × 15 runs on a burst of 30 (15 a minute): every run once, at most a rare 429, close to the bucket\'s bound', async () => {
    const sim = await startSim(server, { rateLimits: { execute: 30 } });
    const { outs, elapsed, executes } = await shared(sim, 3, 15);
    for (const out of outs) expect(ok(out)).toEqual([]);
    const rejected = executes.filter((e) => e.status === 429).length;
    expect(rejected).toBeLessThanOrEqual(2);
    expect(executes.length - rejected).toBe(45);
    // the bound: 30 at once, 15 more at the refill a minute later (the last few tokens are taken one by one, each
    // after a read of the count, so a few seconds go to the tail)
    expect(elapsed).toBeLessThan(60_000 * 1.2);
  });

  it('5 × 20 runs on a burst of 20 (10 a minute): the processes converge on the server\'s count', async () => {
    const sim = await startSim(server, { rateLimits: { execute: 20 } });
    const { outs, elapsed, executes } = await shared(sim, 5, 20);
    for (const out of outs) expect(ok(out)).toEqual([]);
    const rejected = executes.filter((e) => e.status === 429).length;
    expect(rejected).toBeLessThanOrEqual(2);
    // 100 runs: 20 at once, then 10 a minute → 8 refills
    expect(elapsed).toBeGreaterThanOrEqual(8 * 60_000);
    expect(elapsed).toBeLessThan(8 * 60_000 * 1.15);
  });
});

describe('limits that cannot be read', () => {
  it('with usage-limits forbidden, a storm of 429s: every item sent again under a new id, each run exactly once', async () => {
    const sim = await startSim('v1');
    sim.emulator.injectFault({ path: '/api/users/me/usage-limits', type: 'status', status: 403, times: 100, body: { error: 'Forbidden' } });
    sim.emulator.injectFault({ method: 'POST', path: EXECUTE, type: 'status', status: 429, times: 5, body: { error: 'Rate limit exceeded. Please try again later.' } });
    const requests = Array.from({ length: 8 }, (_, row) => ({ workflowId: sim.seed.workflows.echo, input: { row }, mode: (row % 2 ? 'sync' : 'async') as 'sync' | 'async' }));
    const out = await sim.client().runMany(requests, { concurrency: 4 });
    expect(out.map((e) => e.ok && e.result.status)).toEqual(Array(8).fill('completed'));
    out.forEach((e, row) => expect(e.ok && (e.result.output as { result: { row: number } }).result.row).toBe(row));
    const executes = sim.received('POST', EXECUTE);
    expect(executes.filter((e) => e.status === 429)).toHaveLength(5);
    const ids = executes.map((e) => e.headers['x-execution-id']);
    expect(new Set(ids).size).toBe(ids.length);
    const acceptedRows = executes.filter((e) => e.status !== 429).map((e) => (JSON.parse(e.body) as { row: number }).row);
    expect(acceptedRows.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
