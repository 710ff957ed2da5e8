import { describe, expect, it } from 'vitest';
// The one retry policy (retry.ts) and the request path's use of it (request.ts), on a scripted transport.
import { SimConnectionError, SimInternalServerError, SimRateLimitError } from '../src/index.js';
import { parseRetryAfterMs, rateLimitRetryAfterMs, retryDelayMs } from '../src/retry.js';
import { fakeClient, json, netError } from './fake.js';

describe('retry-after parsing', () => {
  const now = Date.parse('2026-11-28T19:00:00Z');
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfterMs({ 'retry-after': '60' }, now)).toBe(60_000);
    expect(parseRetryAfterMs({ 'retry-after': '1.5' }, now)).toBe(1500);
    expect(parseRetryAfterMs({ 'retry-after': 'Sat, 28 Nov 2026 19:00:07 GMT' }, now)).toBe(7000);
    expect(parseRetryAfterMs({ 'retry-after': 'Sat, 28 Nov 2026 18:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfterMs({ 'retry-after-ms': '250' }, now)).toBe(250);
    expect(parseRetryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfterMs({}, now)).toBeUndefined();
  });
  it('reads the v1 429 body retryAfter (epoch ms) and the ISO reset header', () => {
    expect(rateLimitRetryAfterMs({}, { retryAfter: now + 4000 }, now)).toBe(4000);
    expect(rateLimitRetryAfterMs({ 'x-ratelimit-reset': '2026-11-28T19:00:03.000Z' }, {}, now)).toBe(3000);
    expect(rateLimitRetryAfterMs({ 'retry-after': '60' }, { retryAfter: now + 4000 }, now)).toBe(60_000);
  });
  it('backs off exponentially with jitter, capped; a wait the server named is a floor, with a little jitter on top', () => {
    expect(retryDelayMs(0, () => 0)).toBe(500);
    expect(retryDelayMs(1, () => 0)).toBe(1000);
    expect(retryDelayMs(2, () => 0.999)).toBeGreaterThanOrEqual(1500);
    expect(retryDelayMs(2, () => 0.999)).toBeLessThan(2000);
    expect(retryDelayMs(20, () => 0)).toBe(8000);
    expect(retryDelayMs(0, () => 0, 7000)).toBe(7000);
    expect(retryDelayMs(0, () => 0.5, 7000)).toBe(7500); // + up to a quarter of the wait, at most 1 s
    expect(retryDelayMs(0, () => 0.999, 300)).toBe(400); // at least 0.1 s of spread
    expect(retryDelayMs(5, () => 0, 100)).toBe(8000); // never shorter than the backoff
  });
});

describe('request retries (scripted transport)', () => {
  it('retries GETs on 5xx, 408, 429 and connection errors, then succeeds', async () => {
    const script = [
      json(503, { error: 'busy' }),
      json(408, {}),
      netError('ECONNRESET'),
      json(200, { success: true, taskId: 'j', status: 'processing' }),
    ];
    const { client, requests } = fakeClient((_r, n) => script[n - 1]!, { maxRetries: 3 });
    const job = await client.getJobStatus('j');
    expect(job.status).toBe('processing');
    expect(requests).toHaveLength(4);
  });
  it('stops after maxRetries and throws the last error', async () => {
    const { client, requests, time } = fakeClient(() => json(502, { error: 'bad gateway' }));
    await expect(client.getUsageLimits()).rejects.toBeInstanceOf(SimInternalServerError);
    expect(requests).toHaveLength(3);
    expect(time.sleeps).toHaveLength(2);
  });
  it('uses Retry-After as a floor', async () => {
    const { client, time } = fakeClient((_r, n) =>
      n === 1 ? json(503, {}, { 'retry-after': '7' }) : json(200, { success: true }),
    );
    await client.getUsageLimits();
    expect(time.sleeps[0]).toBe(7500);
  });
  it('does not wait for a Retry-After beyond 60 s: throws SimRateLimitError with retryAfterMs', async () => {
    const { client, requests } = fakeClient(() =>
      json(429, { error: 'Rate limit exceeded' }, { 'retry-after': '120' }),
    );
    const err = await client.getUsageLimits().catch((e) => e);
    expect(err).toBeInstanceOf(SimRateLimitError);
    expect(err.retryAfterMs).toBe(120_000);
    expect(requests).toHaveLength(1);
  });
  it('never retries execute after a 5xx or a reset (no duplicate runs)', async () => {
    for (const answer of [json(502, { error: 'x' }), netError('ECONNRESET'), json(500, { error: 'x' })]) {
      const { client, requests } = fakeClient(() => answer);
      await expect(client.executeWorkflow('wf', { input: {} })).rejects.toBeDefined();
      expect(requests).toHaveLength(1);
    }
  });
  it('sends execute again after a 429 and after errors before the request reached the server', async () => {
    for (const first of [
      json(429, { error: 'Rate limit exceeded. Please try again later.' }),
      netError('ECONNREFUSED'),
      netError('ENOTFOUND'),
      netError('EAI_AGAIN'),
    ]) {
      let executes = 0;
      const { client, requests } = fakeClient((req) => {
        if (req.url.endsWith('/usage-limits')) return json(404, { error: 'Not found' });
        return ++executes === 1 ? first : json(200, { success: true, executionId: 'e', output: { a: 1 } });
      });
      const res = await client.executeWorkflow('wf', { input: { a: 1 } });
      expect(res.output).toEqual({ a: 1 });
      expect(requests.filter((r) => r.url.endsWith('/execute'))).toHaveLength(2);
    }
  });
  it('classifies connection errors', async () => {
    const { client } = fakeClient(() => netError('ECONNREFUSED'), { maxRetries: 0 });
    const err = await client.getUsageLimits().catch((e) => e);
    expect(err).toBeInstanceOf(SimConnectionError);
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.mayHaveReachedServer).toBe(false);
    expect(err.message).toContain('http://sim.test');
  });
  it('retries cancel like a GET (cancelling twice is harmless)', async () => {
    const { client, requests } = fakeClient((_r, n) =>
      n === 1 ? json(503, {}) : json(200, { success: true, executionId: 'e' }),
    );
    await client.cancelExecution('wf', 'e');
    expect(requests).toHaveLength(2);
  });
});
