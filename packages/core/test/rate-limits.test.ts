// Pacing to Sim's rate limit as the server keeps it (rate/: a bucket of maxBurst tokens that gains requestsPerMinute
// tokens at once every whole minute; packages/emulator/recordings/sim-server-facts.md §D2, §D3), from the server's own
// count, so that runs start when the bucket has a token instead of finding out through 429s, each of which leaves a
// failed entry in the user's logs. Holds when several clients (processes) share one key.
import { describe, expect, it } from 'vitest';
import { SimBucket } from '../src/rate/bucket.js';
import { SimAbortError, SimRateLimitError, type RunManyEntry } from '../src/index.js';
import { CURRENT, EXECUTE, startSim, type Sim } from './sim.js';

const ok = (out: RunManyEntry[]) => out.filter((e) => !(e.ok && e.result.status === 'completed'));
/** The `count` input of an execute (v1 sends the input as the body, v2 as `{ input }`). */
const countOf = (e: { body: string }): number => {
  const body = JSON.parse(e.body) as { count?: number; input?: { count?: number } };
  return (body.input ?? body).count as number;
};

describe('the bucket model', () => {
  it("adds a whole minute's tokens at each refill instant, never in between, capped at maxBurst", () => {
    const t0 = Date.parse('2026-12-03T12:00:00Z');
    const b = SimBucket.from(
      { requestsPerMinute: 20, maxBurst: 40, remaining: 3, resetAt: new Date(t0 + 25_000).toISOString() },
      t0,
    )!;
    b.refill(t0 + 24_999);
    expect(b.tokens).toBe(3);
    b.refill(t0 + 25_000);
    expect(b).toMatchObject({ tokens: 23, nextRefillAt: t0 + 85_000 });
    b.refill(t0 + 25_000 + 3 * 60_000);
    expect(b).toMatchObject({ tokens: 40, nextRefillAt: t0 + 25_000 + 4 * 60_000 });
    expect(SimBucket.from({ requestsPerMinute: 'lots' }, t0)).toBeUndefined();
  });
});

describe.each(CURRENT)("a batch paced to the key's bucket (%s)", (server) => {
  it('no 429 when the batch is larger than the burst: the rest start at the refills the server named', async () => {
    // burst 30, 15 a minute: 45 runs take the burst, then one refill (a minute after the first use)
    const sim = await startSim(server, { rateLimits: { execute: 30 } });
    const t0 = sim.clock.now();
    const requests = Array.from({ length: 45 }, (_, row) => ({
      workflowId: sim.seed.workflows.echo,
      input: { row },
      mode: 'sync' as const,
    }));
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
    const out = await sim.client().runMany(
      Array.from({ length: 20 }, () => ({ workflowId: sim.seed.workflows.echo, mode: 'sync' as const })),
      { concurrency: 5 },
    );
    expect(ok(out)).toEqual([]);
    expect(sim.received('GET', /usage-limits$/)).toHaveLength(1);
  });
});

// The real server takes an execute's token up to ~0.25 s after the execute was sent, and a read of the count takes
// 0.1–0.15 s (packages/emulator/recordings/sim-server-facts.md §rate-limit-lag; the emulator's rateLimitLagMs): a
// count never shows the last launches, which is how two processes both took the bucket's last one (5 or 6 429s in the
// 5 × 20 test before the gate allowed for the count's lag). Each process's jitter is seeded, so
// these runs repeat exactly.
const RATE_LIMIT_LAG_MS = 200;

describe.each(CURRENT)('several processes on one key (%s)', (server) => {
  /** `processes` clients (each its own gate, as separate processes have) run `runs` sync runs each on one key. */
  async function shared(sim: Sim, processes: number, runs: number) {
    const t0 = sim.clock.now();
    const outs = await Promise.all(
      Array.from({ length: processes }, (_, p) =>
        sim.client({ random: seededRandom(p + 1) }).runMany(
          Array.from({ length: runs }, (_, row) => ({
            workflowId: sim.seed.workflows.echo,
            input: { p, row },
            mode: 'sync' as const,
          })),
          { concurrency: 5 },
        ),
      ),
    );
    return { outs, elapsed: sim.clock.now() - t0, executes: sim.received('POST', EXECUTE) };
  }

  it("3 × 15 runs on a burst of 30 (15 a minute): every run once, at most a rare 429, close to the bucket's bound", async () => {
    const sim = await startSim(server, { rateLimits: { execute: 30 }, rateLimitLagMs: RATE_LIMIT_LAG_MS });
    const { outs, elapsed, executes } = await shared(sim, 3, 15);
    for (const out of outs) expect(ok(out)).toEqual([]);
    const rejected = executes.filter((e) => e.status === 429).length;
    expect(rejected).toBeLessThanOrEqual(2);
    expect(executes.length - rejected).toBe(45);
    // the bound: 30 at once, 15 more at the refill a minute later (the last few tokens are taken one by one, each
    // after a read of the count, so a few seconds go to the tail)
    expect(elapsed).toBeLessThan(60_000 * 1.2);
  });

  it("5 × 20 runs on a burst of 20 (10 a minute): the processes converge on the server's count", async () => {
    const sim = await startSim(server, { rateLimits: { execute: 20 }, rateLimitLagMs: RATE_LIMIT_LAG_MS });
    const { outs, elapsed, executes } = await shared(sim, 5, 20);
    for (const out of outs) expect(ok(out)).toEqual([]);
    const rejected = executes.filter((e) => e.status === 429).length;
    expect(rejected).toBeLessThanOrEqual(2);
    // 100 runs: 20 at once, then 10 a minute → 8 refills
    expect(elapsed).toBeGreaterThanOrEqual(8 * 60_000);
    expect(elapsed).toBeLessThan(8 * 60_000 * 1.15);
  });
});

// In one process, every client on one clock, server and key shares one gate (rate/gate.ts). Each `sim.client()` has its
// own clock function, so it stands for a separate process; clients given one clock function are one process's.
describe.each(CURRENT)('the clients of one process on one key pace together (%s)', (server) => {
  it("n8n queue mode: a fresh client per execution, two workers, 80 single runs on a burst of 10: at most a rare 429, at the bucket's pace", async () => {
    const sim = await startSim(server, { rateLimits: { execute: 10 } });
    const t0 = sim.clock.now();
    const workers = [() => sim.clock.now(), () => sim.clock.now()];
    // each worker receives an execution every 3 s for 2 minutes; each execution makes its own client and runs once
    const runs = Array.from({ length: 40 }, (_, i) =>
      workers.map(async (now, w) => {
        await sim.clock.sleep(i * 3_000);
        return await sim
          .client({ now })
          .runWorkflowSync(sim.seed.workflows.echo, { input: { name: `worker ${w}`, count: i } });
      }),
    ).flat();
    const results = await Promise.all(runs);
    expect(results.every((r) => r.status === 'completed')).toBe(true);
    const executes = sim.received('POST', EXECUTE);
    // one 429 per worker at most: the first tells the worker's gate that the bucket is empty, the others then wait
    expect(executes.filter((e) => e.status === 429).length).toBeLessThanOrEqual(2);
    expect(executes.filter((e) => e.status === 200)).toHaveLength(80);
    // the bucket's bound: 10 at once, then 5 a minute → the 80th run at the 14th refill
    const elapsed = sim.clock.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(14 * 60_000);
    expect(elapsed).toBeLessThan(14 * 60_000 * 1.05);
  });

  it('runs sent one at a time cost no read of the count; ten at once cost a few, not one per run', async () => {
    // (the lag keeps each execute in flight a while, as a real run's few hundred ms do)
    const sim = await startSim(server, { rateLimits: { execute: 30 }, rateLimitLagMs: RATE_LIMIT_LAG_MS });
    const now = () => sim.clock.now();
    for (let i = 0; i < 3; i++) await sim.client({ now }).runWorkflowSync(sim.seed.workflows.echo, { input: { i } });
    expect(sim.received('GET', /usage-limits$/)).toHaveLength(0);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sim.client({ now }).runWorkflowSync(sim.seed.workflows.echo, { input: { i } }),
      ),
    );
    // the first read lets a process that has not yet seen whether others spend take a sixteenth of the count; each
    // next one, showing that no one else spent, a larger part of it
    expect(sim.received('GET', /usage-limits$/).length).toBeGreaterThanOrEqual(1);
    expect(sim.received('GET', /usage-limits$/).length).toBeLessThanOrEqual(3);
    expect(sim.received('POST', EXECUTE).filter((e) => e.status === 200)).toHaveLength(13);
  });

  it('executions that arrive at once into a bucket others emptied: one blind launch per worker, then the count', async () => {
    const sim = await startSim(server, { rateLimits: { execute: 10 }, rateLimitLagMs: RATE_LIMIT_LAG_MS });
    const t0 = sim.clock.now();
    // another process spends the whole burst
    const other = await sim.client().runMany(
      Array.from({ length: 10 }, (_, row) => ({
        workflowId: sim.seed.workflows.echo,
        input: { row },
        mode: 'sync' as const,
      })),
    );
    expect(ok(other)).toEqual([]);
    // two workers that never read the count each receive 5 executions at once; each execution makes its own client
    const workers = [() => sim.clock.now(), () => sim.clock.now()];
    const results = await Promise.all(
      workers.flatMap((now, w) =>
        Array.from({ length: 5 }, (_, i) =>
          sim
            .client({ now, random: seededRandom(w * 5 + i + 1) })
            .runWorkflowSync(sim.seed.workflows.echo, { input: { name: `worker ${w}`, count: i } }),
        ),
      ),
    );
    expect(results.every((r) => r.status === 'completed')).toBe(true);
    const executes = sim.received('POST', EXECUTE);
    // a worker's first launch goes out blind (no extra request for a lone run); the second waits for the count
    expect(executes.filter((e) => e.status === 429).length).toBeLessThanOrEqual(2);
    expect(executes.filter((e) => e.status === 200)).toHaveLength(20);
    // the bound: the burst, then 5 at each of the next two refills (the last tokens are taken one by one)
    expect(sim.clock.now() - t0).toBeGreaterThanOrEqual(2 * 60_000);
    expect(sim.clock.now() - t0).toBeLessThan(2 * 60_000 * 1.1);
  });

  it("a launch waiting in the process's queue behind a refill leaves it at once when its run is aborted", async () => {
    const sim = await startSim(server, { rateLimits: { execute: 2 } });
    const now = () => sim.clock.now();
    const echo = sim.seed.workflows.echo;
    await Promise.all([0, 1].map((count) => sim.client({ now }).runWorkflowSync(echo, { input: { count } })));
    // the bucket is empty: this run meets a 429, and waits in the gate for the refill a minute later
    const waiting = sim.client({ now }).runWorkflowSync(echo, { input: { count: 2 } });
    const stop = new AbortController();
    const t0 = sim.clock.now();
    sim.after(1_000, () => {
      const queued = sim.client({ now }).runWorkflowSync(echo, { input: { count: 3 }, signal: stop.signal });
      sim.after(4_000, () => stop.abort(new Error('stopped')));
      void queued.catch((err: unknown) => {
        expect(err).toBeInstanceOf(SimAbortError);
        expect(sim.clock.now() - t0).toBe(5_000);
        aborted = true;
      });
    });
    let aborted = false;
    expect((await waiting).status).toBe('completed');
    expect(aborted).toBe(true);
    const rows = sim.received('POST', EXECUTE).map((e) => `${countOf(e)}:${e.status}`);
    expect(rows).toEqual(['0:200', '1:200', '2:429', '2:200']);
  });

  it('a run whose deadline comes before the refill the process knows of is refused at once, and not sent', async () => {
    const sim = await startSim(server, { rateLimits: { execute: 2 } });
    const now = () => sim.clock.now();
    const echo = sim.seed.workflows.echo;
    await Promise.all([0, 1].map((count) => sim.client({ now }).runWorkflowSync(echo, { input: { count } })));
    const waiting = sim.client({ now }).runWorkflowSync(echo, { input: { count: 2 } });
    await sim.clock.sleep(1_000);
    const t1 = sim.clock.now();
    const err = await sim
      .client({ now })
      .runWorkflowSync(echo, { input: { count: 3 }, timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimRateLimitError);
    expect(sim.clock.now()).toBe(t1);
    expect((err as SimRateLimitError).retryAfterMs).toBeGreaterThan(50_000);
    expect((await waiting).status).toBe('completed');
    expect(sim.received('POST', EXECUTE).map(countOf)).toEqual([0, 1, 2, 2]);
  });

  it('a count is good until the refill after it: after a refill the next launch reads again before it spends', async () => {
    const sim = await startSim(server, { rateLimits: { execute: 20 } });
    const echo = sim.seed.workflows.echo;
    // this process reads the count (20) and spends one token of its budget
    const mine = sim.client();
    await mine.runMany([{ workflowId: echo, input: { name: 'mine', count: 0 }, mode: 'sync' }]);
    // after the refill at 60 s, another process (not pacing: it never met a limit) spends the whole bucket
    await sim.clock.sleep(61_000);
    const other = sim.client();
    for (let count = 0; count < 20; count++) await other.runWorkflowSync(echo, { input: { name: 'other', count } });
    // this process's next run: its old budget would allow it, but the count it was read from is stale
    await sim.clock.sleep(29_000);
    const t0 = sim.clock.now();
    expect((await mine.runWorkflowSync(echo, { input: { name: 'mine', count: 1 } })).status).toBe('completed');
    const executes = sim.received('POST', EXECUTE);
    expect(executes.filter((e) => e.status === 429)).toHaveLength(0);
    // it started at the next refill (120 s after the first use)
    expect(sim.clock.now() - t0).toBeGreaterThanOrEqual(29_000);
  });
});

describe("a refill that comes between a 429 (or the model's refill) and the count", () => {
  it('v1: the count read after a 429 comes back after the refill: the run goes at the refill, not a minute later', async () => {
    const sim = await startSim('v1', { rateLimits: { execute: 2 } });
    const now = () => sim.clock.now();
    const echo = sim.seed.workflows.echo;
    const t0 = sim.clock.now();
    await Promise.all([0, 1].map((count) => sim.client({ now }).runWorkflowSync(echo, { input: { count } })));
    // just before the refill (a minute after the first use) a run meets a 429; the read of the count after it is slow
    await sim.clock.sleep(59_000);
    sim.emulator.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'delay', delayMs: 2_000 });
    expect((await sim.client({ now }).runWorkflowSync(echo, { input: { count: 2 } })).status).toBe('completed');
    expect(sim.received('POST', EXECUTE).map((e) => `${countOf(e)}:${e.status}`)).toEqual([
      '0:200',
      '1:200',
      '2:429',
      '2:200',
    ]);
    expect(sim.clock.now() - t0).toBeLessThan(65_000);
  });

  it('a 429 is taken into account when it comes, not after the launches queued before it: no extra minute', async () => {
    const sim = await startSim('v1', { rateLimits: { execute: 4 } });
    const now = () => sim.clock.now();
    const echo = sim.seed.workflows.echo;
    const t0 = sim.clock.now();
    // six runs at once on a bucket of 4 (2 a minute), before this process knows the bucket: two 429s; the first of
    // them waits in the process's queue for the refill, the second must not wait behind it to report its 429
    const done: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, count) =>
        sim
          .client({ now })
          .runWorkflowSync(echo, { input: { count } })
          .then((r) => (done.push(sim.clock.now() - t0), r)),
      ),
    );
    expect(results.every((r) => r.status === 'completed')).toBe(true);
    expect(sim.received('POST', EXECUTE).filter((e) => e.status === 429)).toHaveLength(2);
    // both refused runs went at the refill a minute after the first use (2 tokens)
    expect(Math.max(...done)).toBeLessThan(65_000);
  });

  it("v2: the model refills after the server (Retry-After is whole seconds); a count read in between is the refill's", async () => {
    const sim = await startSim('v2', { rateLimits: { execute: 2 } });
    const now = () => sim.clock.now();
    const echo = sim.seed.workflows.echo;
    const t0 = sim.clock.now();
    await Promise.all([0, 1].map((count) => sim.client({ now }).runWorkflowSync(echo, { input: { count } })));
    // 429 at 30.5 s: Retry-After 30 (s, rounded up), so the model refills at about 60.5 s, the server at 60 s
    await sim.clock.sleep(30_500);
    let doneAt = 0;
    const waiting = sim
      .client({ now })
      .runWorkflowSync(echo, { input: { count: 2 } })
      .then((r) => ((doneAt = sim.clock.now()), r));
    // at 60.2 s a batch of the same process reads the count: the server has refilled (1 token), the model not yet
    await sim.clock.sleep(29_700);
    const batch = await sim.client({ now }).runMany([{ workflowId: echo, input: { count: 3 }, mode: 'sync' }]);
    expect((await waiting).status).toBe('completed');
    // the waiting run took the refill's token (it would have waited for the next refill, at 120 s, on a count of 0)
    expect(doneAt - t0).toBeLessThan(65_000);
    // the batch's run took the one after
    expect(batch[0]!.ok && batch[0]!.result.status).toBe('completed');
    expect(sim.received('POST', EXECUTE).filter((e) => e.status === 429)).toHaveLength(1);
  });
});

describe('limits that cannot be read', () => {
  it('with usage-limits forbidden, a storm of 429s: every item sent again under a new id, each run exactly once', async () => {
    const sim = await startSim('v1');
    sim.emulator.injectFault({
      path: '/api/users/me/usage-limits',
      type: 'status',
      status: 403,
      times: 100,
      body: { error: 'Forbidden' },
    });
    sim.emulator.injectFault({
      method: 'POST',
      path: EXECUTE,
      type: 'status',
      status: 429,
      times: 5,
      body: { error: 'Rate limit exceeded. Please try again later.' },
    });
    const requests = Array.from({ length: 8 }, (_, row) => ({
      workflowId: sim.seed.workflows.echo,
      input: { row },
      mode: (row % 2 ? 'sync' : 'async') as 'sync' | 'async',
    }));
    const out = await sim.client().runMany(requests, { concurrency: 4 });
    expect(out.map((e) => e.ok && e.result.status)).toEqual(Array(8).fill('completed'));
    out.forEach((e, row) => expect(e.ok && (e.result.output as { result: { row: number } }).result.row).toBe(row));
    const executes = sim.received('POST', EXECUTE);
    expect(executes.filter((e) => e.status === 429)).toHaveLength(5);
    const ids = executes.map((e) => e.headers['x-execution-id']);
    expect(new Set(ids).size).toBe(ids.length);
    const acceptedRows = executes
      .filter((e) => e.status !== 429)
      .map((e) => (JSON.parse(e.body) as { row: number }).row);
    expect(acceptedRows.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

/** A small seeded generator (mulberry32), so that the jitter of each process, and with it these tests, repeat. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
