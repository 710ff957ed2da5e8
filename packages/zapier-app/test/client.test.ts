// The glue between Zapier and the core: the z.request transport, the X-API-Key middleware, deadlines
// and the 429 delay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient } from '../src/client.js';
import {
  MAX_CANCEL_MS,
  MAX_WAIT_SECONDS,
  MIN_CANCEL_MS,
  cancelBudgetMs,
  maxWaitSeconds,
  waitSecondsFor,
} from '../src/deadline.js';
import { DEFAULT_THROTTLE_SECONDS, scrubKey, throttleDelaySeconds } from '../src/errors.js';
import { appTester, bundleFor, errorOf, startEmu, type Emulator } from './helpers.js';

describe('z.request transport and middleware', () => {
  let emu: Emulator;
  let other: Emulator;
  beforeAll(async () => {
    emu = await startEmu('v1');
    other = await startEmu('v1');
  });
  afterAll(async () => {
    await emu?.close();
    await other?.close();
  });

  it("adds X-API-Key to requests for the connection's Sim server only", async () => {
    emu.clearJournal();
    other.clearJournal();
    await appTester(
      (async (z: ZObject) => {
        await z.request({ url: `${emu.url}/api/users/me/usage-limits`, skipThrowForStatus: true });
        await z.request({ url: `${other.url}/api/users/me/usage-limits`, skipThrowForStatus: true });
        return {};
      }) as never,
      bundleFor(emu) as never,
    );
    expect(emu.journal()[0]!.headers['x-api-key']).toBe(emu.seed.apiKey);
    expect(other.journal()[0]!.headers['x-api-key']).toBeUndefined();
    expect(other.journal()[0]!.status).toBe(401);
  });

  it('streams through z.request (raw) when the core asks for SSE', async () => {
    const result = (await appTester(
      (async (z: ZObject, bundle: Bundle) => {
        const client = createClient(z, bundle);
        return client.collectStream(
          client.streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 3, chunkSize: 4 } }),
        );
      }) as never,
      bundleFor(emu) as never,
    )) as { status: string; text: string };
    expect(result.status).toBe('completed');
    expect(result.text).toHaveLength(12);
  });

  it('hands 4xx/5xx to the core as responses (typed errors, not Zapier ResponseErrors)', async () => {
    emu.injectFault({
      method: 'GET',
      path: '/api/users/me/usage-limits',
      type: 'status',
      status: 502,
      body: 'Bad gateway',
    });
    const err = await errorOf(
      appTester(
        (async (z: ZObject, bundle: Bundle) => createClient(z, bundle).getUsageLimits()) as never,
        bundleFor(emu) as never,
      ),
    );
    expect(err.name).toBe('SimInternalServerError');
    expect(err.message).toMatch(/HTTP 502/);
  });
});

describe('deadlines and delays', () => {
  it('caps waitSeconds at 25 s, or at SIM_ZAPIER_WAIT_SECONDS_MAX', () => {
    expect(maxWaitSeconds({})).toBe(MAX_WAIT_SECONDS);
    expect(maxWaitSeconds({ SIM_ZAPIER_WAIT_SECONDS_MAX: '1.5' })).toBe(1.5);
    expect(maxWaitSeconds({ SIM_ZAPIER_WAIT_SECONDS_MAX: '90' })).toBe(25);
    expect(waitSecondsFor(undefined, {})).toBe(25);
    expect(waitSecondsFor('40', {})).toBe(25);
    expect(waitSecondsFor(0, {})).toBe(0);
    expect(waitSecondsFor('10', { SIM_ZAPIER_WAIT_SECONDS_MAX: '2' })).toBe(2);
    expect(() => waitSecondsFor('-1', {})).toThrow(/from 0 to 25/);
    expect(() => waitSecondsFor('soon', {})).toThrow(/from 0 to 25/);
  });

  it('gives the cancel after a cut sync run what is left of the 30 s step, 1 to 5 s', () => {
    expect(cancelBudgetMs(25)).toBe(3000); // 30 − 25 − 2 s margin
    expect(cancelBudgetMs(27.5)).toBe(MIN_CANCEL_MS);
    expect(cancelBudgetMs(20)).toBe(MAX_CANCEL_MS);
    expect(cancelBudgetMs(1)).toBe(MAX_CANCEL_MS);
    expect(cancelBudgetMs(0.5)).toBe(MAX_CANCEL_MS);
    // The wait ceiling always leaves the cancel and the margin inside the step.
    expect(MAX_WAIT_SECONDS * 1000 + cancelBudgetMs(MAX_WAIT_SECONDS) + 2000).toBeLessThanOrEqual(30_000);
  });

  it("uses Sim's Retry-After for 429, else a jittered 30–60 s", () => {
    expect(throttleDelaySeconds(7000)).toBe(7);
    expect(throttleDelaySeconds(1)).toBe(1);
    expect(throttleDelaySeconds(undefined, () => 0)).toBe(DEFAULT_THROTTLE_SECONDS);
    expect(throttleDelaySeconds(undefined, () => 1)).toBe(60);
  });

  it('scrubs the key from a message should it ever appear', () => {
    expect(scrubKey('key sk-sim-abc123 leaked', { authData: { apiKey: 'sk-sim-abc123' } })).toBe(
      'key [redacted] leaked',
    );
  });
});
