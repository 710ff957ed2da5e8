// A workflow never runs twice by accident. Execute is not idempotent: it is sent again only when the run cannot have
// started (a 429; v2's 503 with Retry-After; a request that never reached the server), and after a 429 under a NEW
// execution id, because Sim spends the id of a rate-limited attempt (packages/emulator/recordings/sim-server-facts.md
// §A). This file is the one home of those rules.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SimConnectionError,
  SimExecutionIdConflictError,
  SimAuthenticationError,
  SimInternalServerError,
  SimRateLimitError,
  SimTimeoutError,
  type SimClient,
} from '../src/index.js';
import { CANCEL, CURRENT, EXECUTE, startSim, type ServerName, type Sim } from './sim.js';

const idHeader = (server: ServerName) => (server === 'v2' ? 'x-run-id' : 'x-execution-id');

describe.each(CURRENT)('execute is never sent again once it may have reached the server (%s)', (server) => {
  it('an answer lost after the run started (executed, then 502): one request, one run, the 5xx reported', async () => {
    const sim = await startSim(server);
    sim.emulator.injectFault({ method: 'POST', path: EXECUTE, type: 'execute-then-502' });
    const c = sim.client();
    const err = await c.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'Once' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimInternalServerError);
    const sent = sim.received('POST', EXECUTE);
    expect(sent).toHaveLength(1);
    const logs = await c.queryLogs({
      workspaceId: sim.seed.workspaceId,
      executionId: sent[0]!.headers[idHeader(server)]!,
    });
    expect(logs.data).toHaveLength(1);
  });

  it('a connection reset mid-request: one request, SimConnectionError that says it may have reached the server (every mode)', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    for (const call of [
      () => c.runWorkflowSync(sim.seed.workflows.echo),
      () => c.runWorkflow(sim.seed.workflows.echo),
      () => c.startWorkflow(sim.seed.workflows.echo),
      () => c.collectStream(c.streamWorkflow(sim.seed.workflows.echo)),
    ]) {
      sim.emulator.clearJournal();
      sim.emulator.injectFault({ method: 'POST', path: EXECUTE, type: 'reset' });
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SimConnectionError);
      expect((err as SimConnectionError).mayHaveReachedServer).toBe(true);
      expect(sim.received('POST', EXECUTE)).toHaveLength(1);
    }
  });

  it('a 5xx without Retry-After is not sent again', async () => {
    const sim = await startSim(server);
    sim.emulator.injectFault({ method: 'POST', path: EXECUTE, type: 'status', status: 503, times: 3 });
    const err = await sim
      .client()
      .runWorkflow(sim.seed.workflows.echo)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimInternalServerError);
    expect(sim.received('POST', EXECUTE)).toHaveLength(1);
  });

  it('an execute that times out is not sent again (and the run is cancelled by its id)', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const err = (await c
      .runWorkflowSync(sim.seed.workflows.slow, { input: { delayMs: 60_000 }, timeoutMs: 5_000 })
      .catch((e: unknown) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    const sent = sim.received('POST', EXECUTE);
    expect(sent).toHaveLength(1);
    expect(err.executionId).toBe(sent[0]!.headers[idHeader(server)]);
    expect(err.cancelled).toBe(true);
    expect(sim.received('POST', CANCEL)[0]!.path).toContain(err.executionId);
  });
});

describe('an execute that never reached the server is sent again, under the same id', () => {
  it('connection refused: retried up to maxRetries, then reported as not reached', async () => {
    const sim = await startSim('v1');
    const c = sim.client({ baseUrl: 'http://127.0.0.1:9', maxRetries: 1, apiVersion: 'v1' });
    const err = (await c.executeWorkflow('wf-echo').catch((e: unknown) => e)) as SimConnectionError;
    expect(err).toBeInstanceOf(SimConnectionError);
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.mayHaveReachedServer).toBe(false);
    expect(err.message).toContain('http://127.0.0.1:9');
  });
});

describe.each(CURRENT)(
  'after a 429 the run is sent again under a new execution id, once the bucket refills (%s)',
  (server) => {
    /** A key whose buckets (sync, and v2's async) hold one token each, spent; each refills a minute after its first use. */
    async function oneToken() {
      const sim = await startSim(server, { rateLimits: { execute: 1, async: 1 } });
      const c = sim.client();
      await c.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'spends the sync token' } });
      // v2 charges async runs to the async bucket, v1 to the sync one (packages/emulator/recordings/sim-server-facts.md
      // §raw-429s, §M4)
      if (server === 'v2')
        await c.startWorkflow(sim.seed.workflows.echo, { input: { name: 'spends the async token' } });
      sim.emulator.clearJournal();
      return { sim, c, sent: () => sim.received('POST', EXECUTE).map((e) => e.headers[idHeader(server)]) };
    }

    it('runWorkflowSync: waits for the refill (not a blind backoff), then completes under the new id it reports', async () => {
      const { sim, c, sent } = await oneToken();
      const t0 = sim.clock.now();
      const told: string[] = [];
      const mine = randomUUID();
      const res = await c.runWorkflowSync(sim.seed.workflows.echo, {
        input: { name: 'R', count: 2 },
        executionId: mine,
        onExecutionId: (id) => told.push(id),
      });
      expect(res.status).toBe('completed');
      const [first, second] = sent();
      expect(first).toBe(mine);
      expect(second).not.toBe(first);
      expect(res.executionId).toBe(second);
      expect(told).toEqual([second]);
      // one 429 only: the retry waited until the bucket's next refill, a minute after its first use
      expect(sent()).toHaveLength(2);
      expect(sim.clock.now() - t0).toBeGreaterThan(50_000);
      // after the 429 the count is read (v1's 429 names no refill; v2's Retry-After does, but not how many tokens it brings)
      expect(sim.received('GET', /usage-limits$/).length).toBeGreaterThanOrEqual(1);
    });

    type OtherRun = [string, (sim: Sim, c: SimClient) => Promise<{ executionId?: unknown }>];
    const otherRuns: OtherRun[] = [
      ['runWorkflow', (sim, c) => c.runWorkflow(sim.seed.workflows.echo, { input: { name: 'A' } })],
      ['startWorkflow', (sim, c) => c.startWorkflow(sim.seed.workflows.echo)],
      [
        'a stream',
        async (sim, c) => {
          const stream = c.streamWorkflow(sim.seed.workflows.stream, { input: { chunks: 2 } });
          await c.collectStream(stream);
          return { executionId: stream.executionId };
        },
      ],
    ];
    if (server === 'v1')
      otherRuns.push([
        'the raw executeWorkflow',
        (sim, c) => c.executeWorkflow(sim.seed.workflows.echo, { input: { name: 'raw' }, executionId: randomUUID() }),
      ]);
    it.each(otherRuns)('%s follows the same rule', async (_name, run) => {
      const { sim, c, sent } = await oneToken();
      const res = await run(sim, c);
      const ids = sent();
      expect(ids).toHaveLength(2);
      expect(ids[1]).not.toBe(ids[0]);
      expect(res.executionId).toBe(ids[1]);
    });

    it("a refill beyond the run's deadline: a rate-limit error naming the wait, never a 409, nothing more sent", async () => {
      const { sim, c, sent } = await oneToken();
      const err = (await c
        .runWorkflowSync(sim.seed.workflows.echo, { timeoutMs: 10_000 })
        .catch((e: unknown) => e)) as SimRateLimitError;
      expect(err).toBeInstanceOf(SimRateLimitError);
      expect(err.retryAfterMs).toBeGreaterThan(10_000);
      expect(err.message).toMatch(/next token in \d+ s/);
      expect(sent()).toHaveLength(1);
      // the client knows the bucket is empty now: the next run waits for the refill before it sends anything
      const later = await c.runWorkflowSync(sim.seed.workflows.echo);
      expect(later.status).toBe('completed');
      expect(sent()).toHaveLength(2);
    });

    it('with maxRetries: 0 the 429 is reported at once, with the wait until the refill', async () => {
      const { sim, sent } = await oneToken();
      const err = (await sim
        .client({ maxRetries: 0 })
        .runWorkflowSync(sim.seed.workflows.echo)
        .catch((e: unknown) => e)) as SimRateLimitError;
      expect(err).toBeInstanceOf(SimRateLimitError);
      expect(err.retryAfterMs).toBeGreaterThan(0);
      expect(sent()).toHaveLength(1);
    });

    it("the spent id is Sim's: sending it again is a conflict of its own (not a key problem), and its failed log entry stays", async () => {
      const { sim, sent } = await oneToken();
      const c = sim.client({ maxRetries: 0 });
      const mine = randomUUID();
      expect(
        await c.runWorkflowSync(sim.seed.workflows.echo, { executionId: mine }).catch((e: unknown) => e),
      ).toBeInstanceOf(SimRateLimitError);
      const err = (await c
        .runWorkflowSync(sim.seed.workflows.echo, { executionId: mine })
        .catch((e: unknown) => e)) as SimExecutionIdConflictError;
      expect(err).toBeInstanceOf(SimExecutionIdConflictError);
      expect(err).not.toBeInstanceOf(SimAuthenticationError);
      expect(err).toMatchObject({
        status: 409,
        executionId: mine,
        code: server === 'v2' ? 'RUN_ID_CONFLICT' : 'EXECUTION_ID_CONFLICT',
      });
      expect(err.message).toMatch(/already (been )?used/i);
      expect(err.message).not.toMatch(/api key/i);
      expect(sent()).toEqual([mine, mine]);
      const page = await c.queryLogs({
        workspaceId: sim.seed.workspaceId,
        executionId: mine,
        details: 'full',
        includeFinalOutput: true,
      });
      expect(page.data).toHaveLength(1);
      expect(page.data[0]).toMatchObject({ level: 'error' });
      expect(String((page.data[0] as { finalOutput: { error: string } }).finalOutput.error)).toMatch(
        /^Rate limit exceeded\. \d+ requests remaining\. Resets at /,
      );
      expect(await c.isRejectedAttempt(page.data[0]!)).toBe(true);
    });
  },
);

describe('v2 answers that say the run did not start', () => {
  it('an ambiguous 503 (ASYNC_ENQUEUE_AMBIGUOUS) is reconciled by its details.runId, then sent again under a new id', async () => {
    const sim = await startSim('v2');
    const ghost = randomUUID();
    sim.emulator.injectFault({
      type: 'status',
      status: 503,
      method: 'POST',
      path: EXECUTE,
      times: 1,
      body: {
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'Enqueue outcome unknown',
          details: { code: 'ASYNC_ENQUEUE_AMBIGUOUS', runId: ghost },
        },
      },
    });
    const res = await sim.client().runWorkflow(sim.seed.workflows.echo, { input: { name: 'A', count: 1 } });
    expect(res.status).toBe('completed');
    expect(sim.received('GET', new RegExp(`/runs/${ghost}$`))).toHaveLength(1);
    const sent = sim.received('POST', EXECUTE).map((e) => e.headers['x-run-id']);
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toBe(sent[1]);
    expect(res.executionId).toBe(sent[1]);
  });

  it('an ambiguous 503 whose run exists is followed, not sent again', async () => {
    const sim = await startSim('v2');
    const c = sim.client();
    const existing = await c.startWorkflow(sim.seed.workflows.slow, { input: { delayMs: 5_000 } });
    sim.emulator.clearJournal();
    sim.emulator.injectFault({
      type: 'status',
      status: 503,
      method: 'POST',
      path: EXECUTE,
      times: 1,
      body: {
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'Enqueue outcome unknown',
          details: { code: 'ASYNC_ENQUEUE_AMBIGUOUS', runId: existing.executionId },
        },
      },
    });
    const res = await c.runWorkflow(sim.seed.workflows.slow, { input: { delayMs: 5_000 } });
    expect(res).toMatchObject({ status: 'completed', executionId: existing.executionId });
    expect(sim.received('POST', EXECUTE)).toHaveLength(1);
  });

  it('a 503 with Retry-After is waited out (a floor, plus jitter) and sent again under a new run id', async () => {
    const sim = await startSim('v2');
    sim.emulator.injectFault({
      type: 'status',
      status: 503,
      method: 'POST',
      path: EXECUTE,
      times: 1,
      headers: { 'retry-after': '7' },
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'busy' } },
    });
    const t0 = sim.clock.now();
    const res = await sim.client().runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'L', count: 2 } });
    expect(res.status).toBe('completed');
    expect(sim.clock.now() - t0).toBeGreaterThanOrEqual(7_000);
    expect(new Set(sim.received('POST', EXECUTE).map((e) => e.headers['x-run-id'])).size).toBe(2);
  });
});
