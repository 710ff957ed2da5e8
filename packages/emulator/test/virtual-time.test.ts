/**
 * The emulator and an HTTP client on one VirtualClock in auto mode: runs that take minutes of server time finish in
 * milliseconds of real time, over the same HTTP on 127.0.0.1 (undici, every call through `clock.track`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startEmulator, SEED, VirtualClock, type Emulator } from '../src/index.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A whole exchange (request, then the body read) as one tracked call. */
function client(clock: VirtualClock, emu: Emulator) {
  return clock.track(
    async (
      method: 'GET' | 'POST',
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> => {
      const res = await request(`${emu.url}${path}`, {
        method,
        headers: {
          'x-api-key': SEED.apiKey,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.body.text();
      return {
        status: res.statusCode,
        headers: res.headers,
        body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text,
      };
    },
  );
}

let stopAuto: (() => void) | null = null;
let emu: Emulator | null = null;
afterEach(async () => {
  stopAuto?.();
  stopAuto = null;
  await emu?.close();
  emu = null;
});

async function setup(options: Parameters<typeof startEmulator>[0] = {}) {
  const clock = new VirtualClock();
  emu = await startEmulator({ ...options, clock });
  stopAuto = clock.auto();
  return { clock, emu, call: client(clock, emu) };
}

describe('the emulator on virtual time', () => {
  it('an async run of the 25 s slow workflow, polled every second to completion, takes well under a second', async () => {
    const { clock, emu, call } = await setup();
    const real = performance.now();
    const t0 = clock.now();
    const receipt = await call(
      'POST',
      `/api/workflows/${SEED.workflows.slow}/execute`,
      { name: 'Slow' },
      { 'x-execution-mode': 'async' },
    );
    expect(receipt.status).toBe(202);
    let polls = 0;
    let job: Answer;
    for (;;) {
      await clock.sleep(1000);
      job = await call('GET', `/api/jobs/${encodeURIComponent(receipt.body.jobId)}`);
      polls++;
      if (job.body.status !== 'processing') break;
    }
    expect(job.body.status).toBe('completed');
    expect(job.body.output.output.result).toMatchObject({ name: 'Slow' });
    expect(polls).toBe(25); // it read processing at 1 s … 24 s, completed at 25 s
    expect(clock.now() - t0).toBe(25_000);
    expect(performance.now() - real).toBeLessThan(1000);
    const run = await call('GET', `/api/workflows/${SEED.workflows.slow}/executions/${receipt.body.executionId}`);
    expect(run.body).toMatchObject({ status: 'completed', totalDurationMs: 25_000 });
    expect(emu.journal().at(-2)!.at - emu.journal()[0]!.at).toBe(25_000);
  });

  it('a sync run of the slow workflow answers after 25 s of server time (the waiting request does not hold the clock)', async () => {
    const { clock, call } = await setup();
    const t0 = clock.now();
    const real = performance.now();
    const r = await call('POST', `/api/workflows/${SEED.workflows.slow}/execute`, { name: 'Sync', count: 1 });
    expect(r.status).toBe(200);
    expect(r.body.output.result).toEqual({ name: 'Sync', count: 1, doubled: 2 });
    expect(clock.now() - t0).toBe(25_000);
    expect(Date.parse(r.body.metadata.endTime) - Date.parse(r.body.metadata.startTime)).toBe(25_000);
    expect(performance.now() - real).toBeLessThan(1000);
  });

  it('a sync deadline (syncTimeoutMs) and a delay fault run on the same clock', async () => {
    const { clock, emu, call } = await setup({ syncTimeoutMs: 5000 });
    const t0 = clock.now();
    const r = await call('POST', `/api/workflows/${SEED.workflows.slow}/execute`, { name: 'Late' });
    expect(r.status).toBe(408);
    expect(clock.now() - t0).toBe(5000);
    emu.injectFault({ type: 'delay', delayMs: 90_000, path: '/api/v1/workflows' });
    const t1 = clock.now();
    const listed = await call('GET', `/api/v1/workflows?workspaceId=${SEED.workspaceId}`);
    expect(listed.status).toBe(200);
    expect(clock.now() - t1).toBe(90_000);
  });

  it('a one-hour time pause resumes itself at resumeAt, seen by a client polling every minute', async () => {
    const { clock, call } = await setup({ jobDurationMs: 50 });
    const wf = SEED.workflows.waitlong;
    const started = await call(
      'POST',
      `/api/workflows/${wf}/execute`,
      { name: 'Later' },
      { 'x-execution-mode': 'async' },
    );
    const id = started.body.executionId as string;
    let view: Answer;
    const seen = new Set<string>();
    do {
      await clock.sleep(60_000);
      view = await call('GET', `/api/workflows/${wf}/executions/${id}`);
      seen.add(view.body.status);
    } while (view.body.status !== 'completed');
    expect([...seen]).toEqual(['paused', 'completed']);
    // jobDurationMs (50) before the Wait block pauses, then the hour
    expect(Date.parse(view.body.endedAt) - Date.parse(view.body.startedAt)).toBe(50 + 3_600_000);
  });

  it('leaves no timer behind once closed', async () => {
    const { clock, emu, call } = await setup();
    await call(
      'POST',
      `/api/workflows/${SEED.workflows.slow}/execute`,
      { name: 'Left' },
      { 'x-execution-mode': 'async' },
    );
    await call(
      'POST',
      `/api/workflows/${SEED.workflows.waitlong}/execute`,
      { name: 'Left' },
      { 'x-execution-mode': 'async' },
    );
    expect(clock.pending).toBeGreaterThan(0);
    await emu.close();
    expect(clock.pending).toBe(0);
  });
});
