// Findings of the 2026-12-01 run against a real Sim v0.8.9 (sim-server-facts.md, "Recorded 2026-12-01" A and C),
// against the emulator that now reproduces them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimAuthCheckError, SimAuthenticationError, SimExecutionIdConflictError, SimRateLimitError, isRejectedAttemptLog } from '../src/index.js';
import { clientFor, requestsTo, startEmulator, type Emulator } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobDurationMs: 100 });
});
afterAll(() => emu?.close());
beforeEach(() => emu.reset());

const EXEC = /\/execute$/;
const RATE_LIMITED = { method: 'POST', path: EXEC, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } } as const;
const sentIds = () => requestsTo(emu, 'POST', EXEC).map((e) => e.headers['x-execution-id']);

describe('a rate-limited execute is retried with a fresh X-Execution-Id (facts A)', () => {
  it('runWorkflowSync: the retry carries a new id and the result reports it', async () => {
    emu.injectFault(RATE_LIMITED);
    const res = await clientFor(emu).runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'R', count: 2 } });
    expect(res.status).toBe('completed');
    const [first, second] = sentIds();
    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(res.executionId).toBe(second);
  });
  it('runWorkflowSync with a client-chosen id: the retry still needs a new id (and onExecutionId is told)', async () => {
    emu.injectFault(RATE_LIMITED);
    const mine = '2b0c3d4e-1111-4222-8333-444455556666';
    const told: string[] = [];
    const res = await clientFor(emu).runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'R' }, executionId: mine, onExecutionId: (id) => told.push(id) });
    expect(told).toEqual([sentIds()[1]]);
    expect(res.status).toBe('completed');
    expect(sentIds()[0]).toBe(mine);
    expect(res.executionId).not.toBe(mine);
    expect(res.executionId).toBe(sentIds()[1]);
  });
  it('raw executeWorkflow with a chosen id', async () => {
    emu.injectFault(RATE_LIMITED);
    const mine = '2b0c3d4e-1111-4222-8333-444455556667';
    const res = await clientFor(emu).executeWorkflow(emu.seed.workflows.echo, { input: { name: 'R' }, executionId: mine });
    expect(res.success).toBe(true);
    expect(res.executionId).toBe(sentIds()[1]);
    expect(sentIds()[1]).not.toBe(mine);
  });
  it('runWorkflow (async execute + wait)', async () => {
    emu.injectFault(RATE_LIMITED);
    const res = await clientFor(emu).runWorkflow(emu.seed.workflows.echo, { input: { name: 'A', count: 1 } });
    expect(res.status).toBe('completed');
    const [first, second] = sentIds();
    expect(second).not.toBe(first);
    expect(res.executionId).toBe(second);
  });
  it('streamWorkflow: executionId follows the retry', async () => {
    emu.injectFault(RATE_LIMITED);
    const client = clientFor(emu);
    const stream = client.streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 2 } });
    const result = await client.collectStream(stream);
    expect(result.status).toBe('completed');
    const [first, second] = sentIds();
    expect(second).not.toBe(first);
    expect(stream.executionId).toBe(second);
  });
  it('a rate limit that persists is reported as a rate limit, never as a 409', async () => {
    emu.injectFault({ ...RATE_LIMITED, times: 3 });
    const err = await clientFor(emu, { maxRetries: 2 }).runWorkflowSync(emu.seed.workflows.echo).catch((e) => e);
    expect(err).toBeInstanceOf(SimRateLimitError);
    expect(new Set(sentIds()).size).toBe(3);
  });
  it('the real bucket burns the id too: a 409 to an id the client chose itself is its own error, not a key problem', async () => {
    const limited = await startEmulator({ port: 0, rateLimits: { execute: 1 } });
    try {
      const client = clientFor(limited, { maxRetries: 0 });
      await client.runWorkflowSync(limited.seed.workflows.echo, { input: { name: 'first' } });
      const mine = '2b0c3d4e-1111-4222-8333-444455556668';
      const limitedErr = await client.runWorkflowSync(limited.seed.workflows.echo, { executionId: mine }).catch((e) => e);
      expect(limitedErr).toBeInstanceOf(SimRateLimitError);
      const err = await client.executeWorkflow(limited.seed.workflows.echo, { executionId: mine }).catch((e) => e);
      expect(err).toBeInstanceOf(SimExecutionIdConflictError);
      expect(err).not.toBeInstanceOf(SimAuthenticationError);
      expect(err.status).toBe(409);
      expect(err.executionId).toBe(mine);
      expect(err.message).toMatch(/already used/i);
      expect(err.message).not.toMatch(/api key/i);
    } finally {
      await limited.close();
    }
  });
  it('the rate-limited attempt leaves a failed log entry (as on the real server)', async () => {
    emu.injectFault(RATE_LIMITED);
    const client = clientFor(emu);
    await client.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'L' } });
    const burnt = sentIds()[0]!;
    const page = await client.queryLogs({ workspaceId: emu.seed.workspaceId, executionId: burnt, details: 'full', includeFinalOutput: true });
    expect(page.data).toHaveLength(1);
    const log = page.data[0] as Record<string, unknown>;
    expect(log['level']).toBe('error');
    expect(String((log['finalOutput'] as { error: string }).error)).toMatch(/^Rate limit exceeded\. \d+ requests remaining\. Resets at /);
  });
});

describe('isRejectedAttemptLog: the marker of the rate-limited attempt\'s entry', () => {
  const message = 'Rate limit exceeded. 0 requests remaining. Resets at 2026-12-01T10:00:00.000Z.';
  it('recognises a list item and a log detail of an API execute', () => {
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'api', totalDurationMs: 1, finalOutput: { error: message } })).toBe(true);
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'api', executionData: { completionFailure: message } })).toBe(true);
  });
  it('keeps real failures, entries without the final output, and rate-limited schedule or webhook runs (nobody retries those)', () => {
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'api', finalOutput: { error: 'Function: boom' } })).toBe(false);
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'api', totalDurationMs: 1 })).toBe(false);
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'schedule', finalOutput: { error: message } })).toBe(false);
    expect(isRejectedAttemptLog({ level: 'info', trigger: 'api', finalOutput: { error: message } })).toBe(false);
  });
});

describe('401 "Rate limit check failed" is transient (facts C)', () => {
  const transient401 = { method: 'GET', path: '/api/v1/logs', type: 'status', status: 401, body: { error: 'Rate limit check failed' } } as const;
  it('GETs are retried like a 503', async () => {
    emu.injectFault(transient401);
    const page = await clientFor(emu).queryLogs({ workspaceId: emu.seed.workspaceId, limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(requestsTo(emu, 'GET', /^\/api\/v1\/logs/)).toHaveLength(2);
  });
  it('when it persists it is classified apart from a bad key', async () => {
    emu.injectFault({ ...transient401, times: 3 });
    const err = await clientFor(emu, { maxRetries: 2 }).queryLogs({ workspaceId: emu.seed.workspaceId }).catch((e) => e);
    expect(err).toBeInstanceOf(SimAuthCheckError);
    expect(err).not.toBeInstanceOf(SimAuthenticationError);
    expect(err.message).not.toMatch(/must be a valid Sim API key/);
    expect(err.message).toMatch(/temporary/);
  });
  it('a real bad key is still an authentication error', async () => {
    const err = await clientFor(emu, { apiKey: 'sk-sim-wrong-key-000000' }).queryLogs({ workspaceId: emu.seed.workspaceId }).catch((e) => e);
    expect(err).toBeInstanceOf(SimAuthenticationError);
  });
});
