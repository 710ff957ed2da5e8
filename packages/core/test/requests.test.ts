// The request path (request.ts) against the emulator's faults: safe requests retried under the one retry policy,
// answers that cannot be read, per-request timeouts.
import { describe, expect, it } from 'vitest';
import {
  SimApiError,
  SimAuthCheckError,
  SimAuthenticationError,
  SimInternalServerError,
  SimRateLimitError,
  SimTimeoutError,
} from '../src/index.js';
import { startSim } from './sim.js';

describe('safe requests are retried', () => {
  it('GETs on a 5xx and a reset, then succeed', async () => {
    const sim = await startSim();
    sim.emulator.injectFault({
      method: 'GET',
      path: '/api/users/me/usage-limits',
      type: 'status',
      status: 503,
      times: 1,
    });
    sim.emulator.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'reset', times: 1 });
    expect((await sim.client().getUsageLimits()).success).toBe(true);
    expect(sim.received('GET', /usage-limits/)).toHaveLength(3);
  });

  it('up to maxRetries, then the last error', async () => {
    const sim = await startSim();
    sim.emulator.injectFault({ method: 'GET', path: '/api/v1/workflows', type: 'status', status: 502, times: 5 });
    expect(
      await sim
        .client({ maxRetries: 1 })
        .getWorkflow('wf-echo')
        .catch((e: unknown) => e),
    ).toBeInstanceOf(SimInternalServerError);
    expect(sim.received('GET', /^\/api\/v1\/workflows/)).toHaveLength(2);
  });

  it('Retry-After is a floor', async () => {
    const sim = await startSim();
    sim.emulator.injectFault({
      method: 'GET',
      path: '/api/users/me/usage-limits',
      type: 'status',
      status: 503,
      headers: { 'retry-after': '5' },
    });
    const t0 = sim.clock.now();
    await sim.client().getUsageLimits();
    expect(sim.clock.now() - t0).toBeGreaterThanOrEqual(5_000);
    expect(sim.clock.now() - t0).toBeLessThanOrEqual(6_000);
  });

  it("a 429 past maxRetries surfaces retryAfterMs; the server's own v1 limit too", async () => {
    const sim = await startSim('v1', { rateLimits: { api: 1 } });
    sim.emulator.injectFault({
      method: 'GET',
      path: '/api/v1/logs',
      type: 'status',
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: 'Rate limit exceeded' },
      times: 3,
    });
    const c = sim.client({ maxRetries: 0 });
    expect(await c.queryLogs({ workspaceId: sim.seed.workspaceId }).catch((e: unknown) => e)).toMatchObject({
      name: 'SimRateLimitError',
      retryAfterMs: 0,
    });
    const errs: unknown[] = [];
    for (let i = 0; i < 3; i++)
      errs.push(await c.listWorkflows({ workspaceId: sim.seed.workspaceId }).catch((e: unknown) => e));
    const limited = errs.find((e) => e instanceof SimRateLimitError) as SimRateLimitError;
    expect(limited.retryAfterMs).toBeGreaterThan(0);
  });

  // packages/emulator/recordings/sim-server-facts.md §C: Sim answers 401 when it could not check the key
  it('401 "Rate limit check failed" (Sim could not check the key) is retried like a 503, and never called a bad key', async () => {
    const sim = await startSim();
    const transient = {
      method: 'GET',
      path: '/api/v1/logs',
      type: 'status',
      status: 401,
      body: { error: 'Rate limit check failed' },
    } as const;
    sim.emulator.injectFault(transient);
    expect((await sim.client().queryLogs({ workspaceId: sim.seed.workspaceId, limit: 1 })).data).toHaveLength(1);
    expect(sim.received('GET', /^\/api\/v1\/logs/)).toHaveLength(2);
    sim.emulator.injectFault({ ...transient, times: 3 });
    const err = (await sim
      .client({ maxRetries: 2 })
      .queryLogs({ workspaceId: sim.seed.workspaceId })
      .catch((e: unknown) => e)) as SimAuthCheckError;
    expect(err).toBeInstanceOf(SimAuthCheckError);
    expect(err).not.toBeInstanceOf(SimAuthenticationError);
    expect(err.message).not.toMatch(/must be a valid Sim API key/);
    expect(err.message).toMatch(/temporary/);
    expect(
      await sim
        .client({ apiKey: 'sk-sim-wrong-key-000000' })
        .queryLogs({ workspaceId: sim.seed.workspaceId })
        .catch((e: unknown) => e),
    ).toBeInstanceOf(SimAuthenticationError);
  });
});

describe('answers that cannot be read', () => {
  it('an HTML 502 page: a SimApiError with the status and a short snippet', async () => {
    const sim = await startSim();
    sim.emulator.injectFault({
      method: 'GET',
      path: '/api/users/me/usage-limits',
      type: 'html',
      status: 502,
      times: 3,
    });
    const err = (await sim
      .client()
      .getUsageLimits()
      .catch((e: unknown) => e)) as SimInternalServerError;
    expect(err).toBeInstanceOf(SimInternalServerError);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/HTTP 502 and a non-JSON body/);
    expect(err.message.length).toBeLessThan(500);
    expect(typeof err.body).toBe('string');
  });

  it('truncated JSON: a SimApiError with the status and a snippet', async () => {
    const sim = await startSim();
    sim.emulator.injectFault({ method: 'GET', path: '/api/v1/workflows', type: 'truncated-json' });
    const err = (await sim
      .client()
      .listWorkflows({ workspaceId: sim.seed.workspaceId })
      .catch((e: unknown) => e)) as SimApiError;
    expect(err).toBeInstanceOf(SimApiError);
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('a per-request timeout aborts the request', async () => {
    const sim = await startSim();
    sim.emulator.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'delay', delayMs: 30_000 });
    const t0 = sim.clock.now();
    expect(
      await sim
        .client({ timeoutMs: 3_000, maxRetries: 0 })
        .getUsageLimits()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(SimTimeoutError);
    expect(sim.clock.now() - t0).toBe(3_000);
  });
});
