// The one poll loop's schedule (runs/watch.ts), on a scripted March-style job and virtual time.
import { describe, expect, it } from 'vitest';
import { SimAbortError, SimTimeoutError } from '../src/index.js';
import { POLL, nextPollInterval } from '../src/runs/watch.js';
import { fakeClient, json } from './fake.js';

/** A job that completes `durationMs` after the waiter starts (virtual time). */
function jobClient(durationMs: number, opts: { status?: (elapsed: number) => 'processing' | 'completed' } = {}) {
  let start = 0;
  const polls: number[] = [];
  const f = fakeClient((_req) => {
    const elapsed = f.time.now() - start;
    polls.push(elapsed);
    const status = opts.status?.(elapsed) ?? (elapsed >= durationMs ? 'completed' : 'processing');
    return json(
      200,
      status === 'completed'
        ? { success: true, taskId: 'j', status, output: { success: true, executionId: 'ex', output: { ok: 1 } } }
        : { success: true, taskId: 'j', status, output: null },
    );
  });
  start = f.time.now();
  return { ...f, polls };
}

describe('the poll schedule (virtual time)', () => {
  it('first poll after about 1 s, capped at 10 % of elapsed (1 s … 15 s)', () => {
    expect(POLL.firstDelayMs).toBe(1000);
    expect(nextPollInterval(1000, 2000)).toBe(1000);
    expect(nextPollInterval(1000, 30_000)).toBe(1500);
    expect(nextPollInterval(2000, 30_000)).toBe(3000);
    expect(nextPollInterval(10_000, 1_000_000)).toBe(15_000);
  });
  for (const durationMs of [300, 3000, 20_000, 120_000, 900_000]) {
    it(`detects a ${durationMs} ms job within max(1 s, 10 %) and with fewer polls than a 1 s poller`, async () => {
      const { client, polls, time } = jobClient(durationMs);
      const t0 = time.now();
      const res = await client.waitForJob('j', { timeoutMs: 3_600_000, enqueuedAt: t0 });
      const detected = time.now() - t0;
      expect(res.status).toBe('completed');
      expect(res.output).toEqual({ ok: 1 });
      expect(detected - durationMs).toBeLessThanOrEqual(Math.max(1000, durationMs * 0.1) + 1);
      expect(polls.length).toBeLessThanOrEqual(Math.ceil(durationMs / 1000) + 1);
      if (durationMs >= 20_000) expect(polls.length).toBeLessThan(Math.ceil(durationMs / 1000));
    });
  }
  it('clamps the last sleep to the deadline and reports ids and last status', async () => {
    const { client, time, polls } = jobClient(Infinity);
    const t0 = time.now();
    const err = await client
      .waitForJob('workflow-execution:abc', { timeoutMs: 5500, executionId: 'abc', enqueuedAt: t0 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.jobId).toBe('workflow-execution:abc');
    expect(err.executionId).toBe('abc');
    expect(err.lastStatus).toBe('running'); // a job's `processing` is reported in the one run vocabulary
    expect(time.now() - t0).toBe(5500);
    expect(polls[polls.length - 1]).toBe(5500);
  });
  it('ignores estimatedDuration', async () => {
    let n = 0;
    const { client, time } = fakeClient(() => {
      n++;
      return n < 3
        ? json(200, { success: true, taskId: 'run_1', status: 'processing', estimatedDuration: 300000 })
        : json(200, { success: true, taskId: 'run_1', status: 'completed', output: { success: true, output: 1 } });
    });
    const t0 = time.now();
    await client.waitForJob('run_1');
    expect(time.now() - t0).toBeLessThan(5000);
  });
  it('retries a 404 within the grace window, then gives up', async () => {
    let n = 0;
    const { client } = fakeClient(() =>
      ++n < 3
        ? json(404, { error: 'Task not found', code: 'TASK_NOT_FOUND' })
        : json(200, { success: true, taskId: 'j', status: 'completed', output: { success: true, output: 'x' } }),
    );
    expect((await client.waitForJob('j', { enqueuedAt: 1_000_000 })).output).toBe('x');
    const always404 = fakeClient(() => json(404, { error: 'Task not found' }));
    const err = await always404.client
      .waitForJob('j', { timeoutMs: 60_000, enqueuedAt: always404.time.now() })
      .catch((e) => e);
    expect(err.status).toBe(404);
    expect(always404.time.now() - 1_000_000).toBeGreaterThanOrEqual(POLL.notFoundGraceMs);
  });
  it('keeps polling through 5xx, 429 and connection errors; only the deadline ends the wait', async () => {
    let n = 0;
    const { client } = fakeClient(() => {
      n++;
      if (n === 1) return json(502, { error: 'bad gateway' });
      if (n === 2) return Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      if (n === 3) return json(429, { error: 'slow down' }, { 'retry-after': '2' });
      return json(200, { success: true, taskId: 'j', status: 'completed', output: { success: true, output: 'done' } });
    });
    expect((await client.waitForJob('j')).output).toBe('done');
    expect(n).toBe(4);
  });
  it('ends at once on 401/403 (not transient)', async () => {
    const { client, requests, time } = fakeClient(() => json(401, { error: 'Unauthorized', code: 'UNAUTHORIZED' }));
    const t0 = time.now();
    const err = await client.waitForJob('j', { timeoutMs: 600_000 }).catch((e) => e);
    expect(err.status).toBe(401);
    expect(requests).toHaveLength(1);
    expect(time.now() - t0).toBeLessThan(2000);
  });
  it('reports status changes once each', async () => {
    const { client, time } = jobClient(2500);
    const seen: string[] = [];
    await client.waitForJob('j', { onStatus: (s) => seen.push(s), enqueuedAt: time.now() });
    expect(seen).toEqual(['running', 'completed']);
  });
  it('rejects with SimAbortError when the signal aborts', async () => {
    const { client } = jobClient(Infinity);
    const ac = new AbortController();
    ac.abort();
    await expect(client.waitForJob('j', { signal: ac.signal })).rejects.toBeInstanceOf(SimAbortError);
  });
  it('encodes job ids in the path and polls the configured base URL only', async () => {
    const { client, requests } = jobClient(0);
    await client.waitForJob('workflow-execution:abc/def');
    expect(requests[0]!.url).toBe('http://sim.test/api/jobs/workflow-execution%3Aabc%2Fdef');
  });
});
