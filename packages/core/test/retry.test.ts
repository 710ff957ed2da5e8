import { describe, expect, it } from 'vitest';
import {
  SimConnectionError, SimInternalServerError, SimRateLimitError, backoffDelayMs, parseRetryAfterMs,
} from '../src/index.js';
import { rateLimitRetryAfterMs } from '../src/retry.js';
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
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(500);
    expect(backoffDelayMs(1, () => 0)).toBe(1000);
    expect(backoffDelayMs(2, () => 0.999)).toBeGreaterThanOrEqual(1500);
    expect(backoffDelayMs(2, () => 0.999)).toBeLessThan(2000);
    expect(backoffDelayMs(20, () => 0)).toBe(8000);
  });
});

describe('request retries (scripted transport)', () => {
  it('retries GETs on 5xx, 408, 429 and connection errors, then succeeds', async () => {
    const script = [json(503, { error: 'busy' }), json(408, {}), netError('ECONNRESET'), json(200, { success: true, taskId: 'j', status: 'processing' })];
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
    const { client, time } = fakeClient((_r, n) => (n === 1 ? json(503, {}, { 'retry-after': '7' }) : json(200, { success: true })));
    await client.getUsageLimits();
    expect(time.sleeps[0]).toBe(7000);
  });
  it('does not wait for a Retry-After beyond 60 s: throws SimRateLimitError with retryAfterMs', async () => {
    const { client, requests } = fakeClient(() => json(429, { error: 'Rate limit exceeded' }, { 'retry-after': '120' }));
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
  it('retries execute on 429 and on errors before the request reached the server', async () => {
    for (const first of [json(429, { error: 'Rate limit exceeded. Please try again later.' }), netError('ECONNREFUSED'), netError('ENOTFOUND'), netError('EAI_AGAIN')]) {
      const { client, requests } = fakeClient((_r, n) => (n === 1 ? first : json(200, { success: true, executionId: 'e', output: { a: 1 } })));
      const res = await client.executeWorkflow('wf', { input: { a: 1 } });
      expect(res.output).toEqual({ a: 1 });
      expect(requests).toHaveLength(2);
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
    const { client, requests } = fakeClient((_r, n) => (n === 1 ? json(503, {}) : json(200, { success: true, executionId: 'e' })));
    await client.cancelExecution('wf', 'e');
    expect(requests).toHaveLength(2);
  });
});
