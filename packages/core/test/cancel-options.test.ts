// The cancel that follows an abort or a timeout: its bound (`cancelTimeoutMs`) and, for streams,
// `cancelOnAbort` (caller aborts) kept apart from `cancelOnTimeout` (the deadline).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimAbortError, SimTimeoutError, SimValidationError } from '../src/index.js';
import { clientFor, delay, requestsTo, startEmulator, type Emulator } from './helpers.js';

const CANCEL = /\/executions\/[^/]+\/cancel$/;
/** Generous slack over the cancel budget for a noisy machine; still far below the 10 s hang. */
const MARGIN_MS = 3000;

describe('cancelTimeoutMs bounds the cancel after an abort or a timeout', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 300 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  /** Every cancel of `workflowId` (retries included) hangs for 10 s (the execution resource's GETs do not). */
  const hangCancels = (workflowId: string) =>
    emu.injectFault({ type: 'delay', delayMs: 10_000, method: 'POST', path: `/api/workflows/${workflowId}/executions`, times: 10 });

  it('runWorkflowSync: past the deadline, a hanging cancel is given up after cancelTimeoutMs (cancelled: false)', async () => {
    hangCancels(emu.seed.workflows.slow);
    const c = clientFor(emu);
    const t0 = Date.now();
    const err = await c.runWorkflowSync(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, timeoutMs: 500, cancelTimeoutMs: 1000 }).catch((e) => e);
    const elapsed = Date.now() - t0;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(false);
    expect(err.message).not.toMatch(/cancelled on the server/);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(500 + 1000 + MARGIN_MS);
    const cancels = requestsTo(emu, 'POST', CANCEL);
    expect(cancels.length).toBeGreaterThanOrEqual(1);
    expect(cancels[0]!.path).toContain(err.executionId);
  });

  it('runWorkflowSync: the default budget still lets a slow but answering cancel finish', async () => {
    emu.injectFault({ type: 'delay', delayMs: 1500, path: `/api/workflows/${emu.seed.workflows.slow}/executions` });
    const err = await clientFor(emu).runWorkflowSync(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, timeoutMs: 500 }).catch((e) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(true);
  });

  it('runWorkflow: an abort while waiting, with a hanging cancel, rejects within cancelTimeoutMs', async () => {
    hangCancels(emu.seed.workflows.slow);
    const c = clientFor(emu);
    const ac = new AbortController();
    let executionId = '';
    const p = c.runWorkflow(emu.seed.workflows.slow, {
      input: { delayMs: 10_000 }, signal: ac.signal, cancelTimeoutMs: 1000, onQueued: (q) => (executionId = q.executionId),
    });
    await delay(400);
    const t0 = Date.now();
    ac.abort();
    const err = await p.catch((e) => e);
    expect(err).toBeInstanceOf(SimAbortError);
    expect(err.cancelled).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1000 + MARGIN_MS);
    expect(requestsTo(emu, 'POST', CANCEL)[0]!.path).toContain(executionId);
  });

  it('runWorkflow: past the deadline, a hanging cancel is given up after cancelTimeoutMs', async () => {
    hangCancels(emu.seed.workflows.slow);
    const t0 = Date.now();
    const err = await clientFor(emu).runWorkflow(emu.seed.workflows.slow, { input: { delayMs: 10_000 }, timeoutMs: 800, cancelTimeoutMs: 1000 }).catch((e) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(false);
    expect(Date.now() - t0).toBeLessThan(800 + 1000 + MARGIN_MS);
    expect(requestsTo(emu, 'POST', CANCEL).length).toBeGreaterThanOrEqual(1);
  });

  it('streamWorkflow: past the deadline, a hanging cancel is given up after cancelTimeoutMs', async () => {
    hangCancels(emu.seed.workflows.stream);
    const c = clientFor(emu);
    const t0 = Date.now();
    const stream = c.streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 100, chunkDelayMs: 50 }, timeoutMs: 600, cancelTimeoutMs: 1000 });
    const err = await stream.text().catch((e) => e);
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(false);
    expect(Date.now() - t0).toBeLessThan(600 + 1000 + MARGIN_MS);
    expect(requestsTo(emu, 'POST', CANCEL)[0]!.path).toContain(stream.executionId);
  });

  it('rejects a cancelTimeoutMs that is not a positive number, before any request', async () => {
    const c = clientFor(emu);
    expect(() => c.streamWorkflow(emu.seed.workflows.stream, { cancelTimeoutMs: 0 })).toThrow(SimValidationError);
    await expect(c.runWorkflowSync(emu.seed.workflows.echo, { cancelTimeoutMs: -1 })).rejects.toThrow(/cancelTimeoutMs/);
    await expect(c.runWorkflow(emu.seed.workflows.echo, { cancelTimeoutMs: Number.NaN })).rejects.toBeInstanceOf(SimValidationError);
    expect(emu.journal().filter((e) => e.method === 'POST')).toHaveLength(0);
  });
});

describe('streamWorkflow: cancelOnAbort and cancelOnTimeout are separate', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  const slowStream = (extra: Record<string, unknown>) =>
    clientFor(emu).streamWorkflow(emu.seed.workflows.stream, { input: { chunks: 100, chunkDelayMs: 50 }, ...extra });

  /** Iterates until `n` chunks arrived, then aborts `ac`; returns what the iteration threw. */
  async function abortAfter(stream: ReturnType<typeof slowStream>, ac: AbortController, n: number): Promise<unknown> {
    let seen = 0;
    return (async () => {
      for await (const e of stream) if (e.type === 'chunk' && ++seen === n) ac.abort();
    })().catch((e) => e);
  }

  it('the deadline cancels the run by default', async () => {
    const stream = slowStream({ timeoutMs: 600 });
    const err = (await stream.text().catch((e) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(true);
    expect(requestsTo(emu, 'POST', CANCEL)[0]!.path).toContain(stream.executionId);
  });
  it('cancelOnTimeout: false leaves the run going at the deadline', async () => {
    const err = (await slowStream({ timeoutMs: 600, cancelOnTimeout: false }).text().catch((e) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(false);
    expect(requestsTo(emu, 'POST', CANCEL)).toHaveLength(0);
  });
  it('cancelOnTimeout: false still cancels on a caller abort', async () => {
    const ac = new AbortController();
    const stream = slowStream({ signal: ac.signal, cancelOnTimeout: false });
    const err = (await abortAfter(stream, ac, 2)) as SimAbortError;
    expect(err).toBeInstanceOf(SimAbortError);
    expect(err.cancelled).toBe(true);
    expect(requestsTo(emu, 'POST', CANCEL)[0]!.path).toContain(stream.executionId);
  });
  it('cancelOnAbort: false leaves the run going on a caller abort', async () => {
    const ac = new AbortController();
    const err = (await abortAfter(slowStream({ signal: ac.signal, cancelOnAbort: false }), ac, 2)) as SimAbortError;
    expect(err).toBeInstanceOf(SimAbortError);
    expect(err.cancelled).toBe(false);
    expect(requestsTo(emu, 'POST', CANCEL)).toHaveLength(0);
  });
  it('cancelOnAbort: false still cancels at the deadline', async () => {
    const stream = slowStream({ timeoutMs: 600, cancelOnAbort: false });
    const err = (await stream.text().catch((e) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.cancelled).toBe(true);
    expect(requestsTo(emu, 'POST', CANCEL)[0]!.path).toContain(stream.executionId);
  });
});
