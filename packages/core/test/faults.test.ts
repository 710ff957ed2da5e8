// Retries, idempotency and broken answers, against the emulator's fault injection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  SimApiError, SimConnectionError, SimInternalServerError, SimRateLimitError, SimTimeoutError,
} from '../src/index.js';
import { clientFor, requestsTo, startEmulator, type Emulator } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobDurationMs: 200 });
});
afterAll(() => emu?.close());
beforeEach(() => emu.reset());

const EXEC = /\/execute$/;

describe('retries of safe requests', () => {
  it('retries GETs on 5xx and resets, then succeeds', async () => {
    emu.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'status', status: 503, times: 1 });
    emu.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'reset', times: 1 });
    const usage = await clientFor(emu).getUsageLimits();
    expect(usage.success).toBe(true);
    expect(requestsTo(emu, 'GET', /usage-limits/)).toHaveLength(3);
  });
  it('stops after maxRetries', async () => {
    emu.injectFault({ method: 'GET', path: '/api/v1/workflows', type: 'status', status: 502, times: 5 });
    const err = await clientFor(emu, { maxRetries: 1 }).getWorkflow('wf-echo').catch((e) => e);
    expect(err).toBeInstanceOf(SimInternalServerError);
    expect(requestsTo(emu, 'GET', /^\/api\/v1\/workflows/)).toHaveLength(2);
  });
  it('honours Retry-After as a floor', async () => {
    emu.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'status', status: 503, headers: { 'retry-after': '1' } });
    const t0 = Date.now();
    await clientFor(emu).getUsageLimits();
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(10_000);
  });
  it('a 429 past maxRetries surfaces retryAfterMs', async () => {
    emu.injectFault({ method: 'GET', path: '/api/v1/logs', type: 'status', status: 429, headers: { 'retry-after': '0' }, body: { error: 'Rate limit exceeded' }, times: 3 });
    const err = await clientFor(emu, { maxRetries: 0 }).queryLogs({ workspaceId: emu.seed.workspaceId }).catch((e) => e);
    expect(err).toBeInstanceOf(SimRateLimitError);
    expect(err.retryAfterMs).toBe(0);
  });
  it('the emulator v1 rate limit surfaces as SimRateLimitError with retryAfterMs', async () => {
    const limited = await startEmulator({ port: 0, rateLimits: { api: 1 } });
    try {
      const c = clientFor(limited, { maxRetries: 0 });
      await c.listWorkflows({ workspaceId: limited.seed.workspaceId }).catch(() => undefined);
      const errs = [];
      for (let i = 0; i < 3; i++) errs.push(await c.listWorkflows({ workspaceId: limited.seed.workspaceId }).catch((e) => e));
      const rl = errs.find((e) => e instanceof SimRateLimitError);
      expect(rl).toBeInstanceOf(SimRateLimitError);
      expect(rl!.retryAfterMs).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('execute is never repeated once it may have reached the server', () => {
  it('executed-then-502: one request, one run, SimInternalServerError', async () => {
    emu.injectFault({ method: 'POST', path: EXEC, type: 'execute-then-502' });
    const c = clientFor(emu);
    const err = await c.executeWorkflow(emu.seed.workflows.echo, { input: { name: 'Once' } }).catch((e) => e);
    expect(err).toBeInstanceOf(SimInternalServerError);
    expect(err.status).toBe(502);
    expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(1);
    const logs = await c.queryLogs({ workspaceId: emu.seed.workspaceId, workflowIds: emu.seed.workflows.echo, limit: 1000 });
    const runs = logs.data.filter((l) => l.executionId === requestsTo(emu, 'POST', EXEC)[0]!.headers['x-execution-id']);
    expect(runs).toHaveLength(1);
  });
  it('reset on execute: one request, SimConnectionError (sync, async and runWorkflowSync)', async () => {
    const c = clientFor(emu);
    for (const call of [
      () => c.executeWorkflow(emu.seed.workflows.echo),
      () => c.executeWorkflow(emu.seed.workflows.echo, { async: true }),
      () => c.runWorkflowSync(emu.seed.workflows.echo),
      () => c.runWorkflow(emu.seed.workflows.echo),
    ]) {
      emu.clearJournal();
      emu.injectFault({ method: 'POST', path: EXEC, type: 'reset' });
      const err = await call().catch((e) => e);
      expect(err).toBeInstanceOf(SimConnectionError);
      expect(err.mayHaveReachedServer).toBe(true);
      expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(1);
    }
  });
  it('5xx on execute is not retried', async () => {
    emu.injectFault({ method: 'POST', path: EXEC, type: 'status', status: 503, times: 3 });
    const err = await clientFor(emu).runWorkflow(emu.seed.workflows.echo).catch((e) => e);
    expect(err).toBeInstanceOf(SimInternalServerError);
    expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(1);
  });
  it('a timed-out execute is not retried', async () => {
    emu.injectFault({ method: 'POST', path: EXEC, type: 'delay', delayMs: 1500 });
    const err = await clientFor(emu).executeWorkflow(emu.seed.workflows.echo, { async: true, timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(1);
  });
  it('runWorkflowSync past its deadline cancels the run by its client execution id', async () => {
    const c = clientFor(emu);
    const err = await c.runWorkflowSync(emu.seed.workflows.slow, { input: { delayMs: 5000 }, timeoutMs: 500 }).catch((e) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    const sent = requestsTo(emu, 'POST', EXEC)[0]!.headers['x-execution-id'];
    expect(err.executionId).toBe(sent);
    expect(err.cancelled).toBe(true);
    expect(requestsTo(emu, 'POST', /\/cancel$/)[0]!.path).toContain(sent);
    expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(1);
  });
  it('429 on execute (no Retry-After, as recorded) is retried', async () => {
    emu.injectFault({ method: 'POST', path: EXEC, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
    const res = await clientFor(emu).runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'R' } });
    expect(res.status).toBe('completed');
    expect(requestsTo(emu, 'POST', EXEC)).toHaveLength(2);
  });
  it('connection refused (never reached a server) is retried and then reported', async () => {
    const closed = await startEmulator({ port: 0 });
    const url = closed.url;
    await closed.close();
    const c = clientFor(emu, { baseUrl: url, maxRetries: 1 });
    const err = await c.executeWorkflow('wf-echo').catch((e) => e);
    expect(err).toBeInstanceOf(SimConnectionError);
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.mayHaveReachedServer).toBe(false);
    expect(err.message).toContain(url);
  });
});

describe('unreadable answers', () => {
  it('an HTML 502 page gives a SimApiError with the status and a short snippet', async () => {
    emu.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'html', status: 502, times: 3 });
    const err = await clientFor(emu).getUsageLimits().catch((e) => e);
    expect(err).toBeInstanceOf(SimInternalServerError);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/HTTP 502 and a non-JSON body/);
    expect(err.message.length).toBeLessThan(500);
    expect(typeof err.body).toBe('string');
  });
  it('truncated JSON gives a SimApiError with the status and a snippet', async () => {
    emu.injectFault({ method: 'GET', path: '/api/v1/workflows', type: 'truncated-json' });
    const err = await clientFor(emu).listWorkflows({ workspaceId: emu.seed.workspaceId }).catch((e) => e);
    expect(err).toBeInstanceOf(SimApiError);
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/not valid JSON/);
  });
  it('a per-request timeout aborts the request', async () => {
    emu.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'delay', delayMs: 3000 });
    const t0 = Date.now();
    const err = await clientFor(emu, { timeoutMs: 300, maxRetries: 0 }).getUsageLimits().catch((e) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(Date.now() - t0).toBeLessThan(2500);
  });
});
