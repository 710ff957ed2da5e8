// Stopping a run: an abort (the caller's signal) or the run's deadline cancels the run on the server before the error
// reaches the caller, within `cancelTimeoutMs` (retries included), and the error names the run and says whether the
// server confirmed the cancel. One home for the cancel path, on every mode and on v1 and v2.
import { describe, expect, it } from 'vitest';
import {
  SimAbortError,
  SimTimeoutError,
  SimValidationError,
  type SimClient,
  type WorkflowStream,
} from '../src/index.js';
import { CANCEL, CURRENT, EXECUTE, startSim, type Sim } from './sim.js';

const idHeader = (sim: Sim) => (sim.server === 'v2' ? 'x-run-id' : 'x-execution-id');

/** Iterates `stream` until `n` chunks arrived, then aborts `ac`; returns what the iteration threw. */
async function abortAfterChunks(stream: WorkflowStream, ac: AbortController, n: number): Promise<unknown> {
  let seen = 0;
  return (async () => {
    for await (const e of stream) if (e.type === 'chunk' && ++seen === n) ac.abort();
  })().catch((e: unknown) => e);
}

describe.each(CURRENT)('an abort cancels the run before the error (%s)', (server) => {
  it('async: while it is watched, by its execution id', async () => {
    const sim = await startSim(server);
    const ac = new AbortController();
    let executionId = '';
    sim.after(5_000, () => ac.abort());
    const err = (await sim
      .client()
      .runWorkflow(sim.seed.workflows.slow, {
        input: { delayMs: 60_000 },
        signal: ac.signal,
        onQueued: (q) => (executionId = q.executionId),
      })
      .catch((e: unknown) => e)) as SimAbortError;
    expect(err).toBeInstanceOf(SimAbortError);
    expect(err).toMatchObject({ cancelled: true, executionId });
    expect(err.message).toContain('cancelled on the server');
    const cancels = sim.received('POST', CANCEL);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.path).toContain(executionId);
  });

  it('async: while it is being queued, by the id its execute carried', async () => {
    const sim = await startSim(server);
    sim.emulator.injectFault({ method: 'POST', path: EXECUTE, type: 'delay', delayMs: 20_000 });
    const ac = new AbortController();
    sim.after(3_000, () => ac.abort());
    const err = (await sim
      .client()
      .runWorkflow(sim.seed.workflows.slow, { input: { delayMs: 60_000 }, signal: ac.signal })
      .catch((e: unknown) => e)) as SimAbortError;
    expect(err).toBeInstanceOf(SimAbortError);
    const sent = sim.received('POST', EXECUTE)[0]!.headers[idHeader(sim)];
    expect(sent).toBeTruthy();
    expect(err.executionId).toBe(sent);
    expect(sim.received('POST', CANCEL)[0]?.path).toContain(sent);
  });

  it('sync: by the client execution id', async () => {
    const sim = await startSim(server);
    const ac = new AbortController();
    sim.after(3_000, () => ac.abort());
    const err = (await sim
      .client()
      .runWorkflowSync(sim.seed.workflows.slow, { input: { delayMs: 60_000 }, signal: ac.signal })
      .catch((e: unknown) => e)) as SimAbortError;
    expect(err).toBeInstanceOf(SimAbortError);
    const sent = sim.received('POST', EXECUTE)[0]!.headers[idHeader(sim)];
    expect(err.executionId).toBe(sent);
    expect(sim.received('POST', CANCEL)[0]!.path).toContain(sent);
  });

  it('stream: reading stops and the run is cancelled', async () => {
    const sim = await startSim(server);
    const ac = new AbortController();
    const stream = sim
      .client()
      .streamWorkflow(sim.seed.workflows.stream, { input: { chunks: 100, chunkDelayMs: 500 }, signal: ac.signal });
    const err = (await abortAfterChunks(stream, ac, 3)) as SimAbortError;
    expect(err).toBeInstanceOf(SimAbortError);
    expect(err.executionId).toBe(stream.executionId);
    const cancels = sim.received('POST', CANCEL);
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.path).toContain(stream.executionId);
  });
});

describe.each(CURRENT)('the deadline cancels the run, unless told not to (%s)', (server) => {
  it('async: reports the ids and the last status seen, and that the run was cancelled', async () => {
    const sim = await startSim(server);
    const err = (await sim
      .client()
      .runWorkflow(sim.seed.workflows.slow, { input: { delayMs: 600_000 }, timeoutMs: 30_000 })
      .catch((e: unknown) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err).toMatchObject({ cancelled: true, lastStatus: 'running', timeoutMs: 30_000 });
    expect(Boolean(err.jobId)).toBe(server === 'v1');
    expect(err.executionId).toBeTruthy();
    expect(sim.received('POST', CANCEL)).toHaveLength(1);
    expect((await sim.client().getRun(sim.seed.workflows.slow, err.executionId!)).status).toBe('cancelled');
  });

  it('cancelOnTimeout: false leaves the run going, and it still finishes', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const err = (await c
      .runWorkflow(sim.seed.workflows.slow, { input: { delayMs: 40_000 }, timeoutMs: 10_000, cancelOnTimeout: false })
      .catch((e: unknown) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(false);
    expect(err.message).toContain('may still be running');
    expect(sim.received('POST', CANCEL)).toHaveLength(0);
    expect((await c.waitForRun(sim.seed.workflows.slow, err.executionId!)).status).toBe('completed');
  });

  it('stream: cancelOnAbort and cancelOnTimeout are separate switches', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const slow = (extra: Parameters<SimClient['streamWorkflow']>[1]) =>
      c.streamWorkflow(sim.seed.workflows.stream, { input: { chunks: 100, chunkDelayMs: 500 }, ...extra });
    // the deadline cancels by default
    const byDeadline = slow({ timeoutMs: 5_000 });
    expect(await byDeadline.text().catch((e: unknown) => e)).toMatchObject({
      name: 'SimTimeoutError',
      cancelled: true,
    });
    expect(sim.received('POST', CANCEL).at(-1)!.path).toContain(byDeadline.executionId);
    // cancelOnTimeout: false leaves it going at the deadline, but a caller abort still cancels
    expect(
      await slow({ timeoutMs: 5_000, cancelOnTimeout: false })
        .text()
        .catch((e: unknown) => e),
    ).toMatchObject({ name: 'SimTimeoutError', cancelled: false });
    const ac1 = new AbortController();
    expect(await abortAfterChunks(slow({ signal: ac1.signal, cancelOnTimeout: false }), ac1, 2)).toMatchObject({
      name: 'SimAbortError',
      cancelled: true,
    });
    // cancelOnAbort: false leaves it going on an abort, but the deadline still cancels
    const ac2 = new AbortController();
    expect(await abortAfterChunks(slow({ signal: ac2.signal, cancelOnAbort: false }), ac2, 2)).toMatchObject({
      name: 'SimAbortError',
      cancelled: false,
    });
    expect(
      await slow({ timeoutMs: 5_000, cancelOnAbort: false })
        .text()
        .catch((e: unknown) => e),
    ).toMatchObject({ name: 'SimTimeoutError', cancelled: true });
    expect(sim.received('POST', CANCEL)).toHaveLength(3);
  });
});

describe.each(CURRENT)('cancelTimeoutMs bounds the cancel that follows (%s)', (server) => {
  /** Every cancel of `workflowId` (retries included) hangs for 10 minutes. */
  const hangCancels = (sim: Sim, workflowId: string) =>
    sim.emulator.injectFault({
      type: 'delay',
      delayMs: 600_000,
      method: 'POST',
      path: `/${workflowId}/(executions|runs)/[^/]+/cancel$`,
      times: 10,
    });

  it.each(['sync', 'async', 'stream'] as const)(
    '%s: past the deadline, a hanging cancel is given up after cancelTimeoutMs (cancelled: false)',
    async (mode) => {
      const sim = await startSim(server);
      const wf = mode === 'stream' ? sim.seed.workflows.stream : sim.seed.workflows.slow;
      hangCancels(sim, wf);
      const c = sim.client();
      const t0 = sim.clock.now();
      const options = {
        input: { delayMs: 600_000, chunks: 1000, chunkDelayMs: 500 },
        timeoutMs: 5_000,
        cancelTimeoutMs: 2_000,
      };
      const err = (await (mode === 'sync'
        ? c.runWorkflowSync(wf, options)
        : mode === 'async'
          ? c.runWorkflow(wf, options)
          : c.streamWorkflow(wf, options).text()
      ).catch((e: unknown) => e)) as SimTimeoutError;
      expect(err).toBeInstanceOf(SimTimeoutError);
      expect(err.cancelled).toBe(false);
      expect(err.message).not.toMatch(/was cancelled on the server/);
      expect(sim.clock.now() - t0).toBe(7_000);
      expect(sim.received('POST', CANCEL)[0]!.path).toContain(err.executionId);
    },
  );

  it('an abort while waiting, with a hanging cancel, rejects within cancelTimeoutMs', async () => {
    const sim = await startSim(server);
    hangCancels(sim, sim.seed.workflows.slow);
    const ac = new AbortController();
    let abortedAt = 0;
    sim.after(10_000, () => {
      abortedAt = sim.clock.now();
      ac.abort();
    });
    const err = (await sim
      .client()
      .runWorkflow(sim.seed.workflows.slow, { input: { delayMs: 600_000 }, signal: ac.signal, cancelTimeoutMs: 1_000 })
      .catch((e: unknown) => e)) as SimAbortError;
    expect(err).toBeInstanceOf(SimAbortError);
    expect(err.cancelled).toBe(false);
    expect(sim.clock.now() - abortedAt).toBe(1_000);
  });

  it('the default budget lets a slow but answering cancel finish', async () => {
    const sim = await startSim(server);
    sim.emulator.injectFault({ type: 'delay', delayMs: 8_000, method: 'POST', path: CANCEL });
    const err = (await sim
      .client()
      .runWorkflowSync(sim.seed.workflows.slow, { input: { delayMs: 600_000 }, timeoutMs: 5_000 })
      .catch((e: unknown) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(true);
  });

  it('a cancelTimeoutMs that is not a positive number is refused before any request', async () => {
    const sim = await startSim(server);
    const c = sim.client();
    expect(() => c.streamWorkflow(sim.seed.workflows.stream, { cancelTimeoutMs: 0 })).toThrow(SimValidationError);
    await expect(c.runWorkflowSync(sim.seed.workflows.echo, { cancelTimeoutMs: -1 })).rejects.toThrow(
      /cancelTimeoutMs/,
    );
    await expect(c.runWorkflow(sim.seed.workflows.echo, { cancelTimeoutMs: Number.NaN })).rejects.toBeInstanceOf(
      SimValidationError,
    );
    expect(sim.emulator.journal()).toHaveLength(0);
  });
});
