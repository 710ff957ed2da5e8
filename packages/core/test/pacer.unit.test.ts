// The pacer's arithmetic in virtual time (the emulator tests cover the same paths over real HTTP):
// X-RateLimit-* headers seen on execute answers, and the backoff after an execute 429.
import { describe, expect, it } from 'vitest';
import { fakeClient, json } from './fake.js';

const run = (executionId: string) => json(200, { success: true, executionId, output: { ok: true }, metadata: { duration: 1 } });

describe('pacer (virtual time)', () => {
  it('paces from X-RateLimit-* headers on execute answers when usage-limits is missing', async () => {
    let remaining = 4;
    const { client, requests, time } = fakeClient((req) => {
      if (req.url.endsWith('/usage-limits')) return json(404, { error: 'Not found' });
      remaining = Math.max(0, remaining - 1);
      return json(200, { success: true, executionId: req.headers['x-execution-id'], output: {} }, { 'x-ratelimit-limit': '4', 'x-ratelimit-remaining': String(remaining) });
    });
    const out = await client.runMany(Array.from({ length: 5 }, () => ({ workflowId: 'wf', mode: 'sync' as const })), { concurrency: 1 });
    expect(out.every((e) => e.ok && e.result.status === 'completed')).toBe(true);
    expect(requests.filter((r) => r.url.endsWith('/execute'))).toHaveLength(5);
    // burst 4, refilled at 4 / 2 per minute: the fifth waited about 30 s for its token
    const waited = time.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(30_000);
    expect(waited).toBeLessThan(31_000);
  });

  it('an execute 429 backs the bucket off (1 s + jitter) and relaunches with a new execution id', async () => {
    let ids = 0;
    const { client, requests, time } = fakeClient((req, n) => {
      if (req.url.endsWith('/usage-limits'))
        return json(200, { rateLimit: { sync: { requestsPerMinute: 600, maxBurst: 1200, remaining: 1200 }, async: { requestsPerMinute: 600, maxBurst: 1200, remaining: 1200 } } });
      if (n === 2) return json(429, { error: 'Rate limit exceeded. Please try again later.' });
      return run(req.headers['x-execution-id']!);
    }, { randomUUID: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}` });
    const [entry] = await client.runMany([{ workflowId: 'wf', mode: 'sync' }], { concurrency: 1 });
    expect(entry).toMatchObject({ ok: true, result: { status: 'completed' } });
    const executes = requests.filter((r) => r.url.endsWith('/execute'));
    expect(executes).toHaveLength(2);
    expect(executes[0]!.headers['x-execution-id']).not.toBe(executes[1]!.headers['x-execution-id']);
    expect(time.sleeps).toEqual([1_125]); // max(one token, 1 s) × (1 + 0.25 × random 0.5)
  });
});
