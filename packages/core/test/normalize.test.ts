// How the March server's job and a Response block's answer read as a run (protocol/march.ts, normalize.ts).
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../src/index.js';
import { unwrapResponseBlock } from '../src/normalize.js';
import { runViewOfJob } from '../src/protocol/march.js';
import type { ProtocolContext } from '../src/protocol/protocol.js';

/** The job as a run result, as the March protocol reads it. */
function normalizeJob(
  job: JobStatus,
  o: {
    jobId: string;
    executionId: string | undefined;
    elapsedMs: number;
    cancelRequested: (id: string | undefined) => boolean;
  },
) {
  const pc = { ctx: {}, wasCancelRequested: o.cancelRequested } as unknown as ProtocolContext;
  return runViewOfJob(pc, job, o.jobId, o.executionId, o.elapsedMs).result!;
}
import { fakeClient } from './fake.js';

const base = { jobId: 'run_1', executionId: undefined, elapsedMs: 5 };
const never = () => false;

describe('job normalisation', () => {
  it('unwraps the run envelope (current and March shapes)', () => {
    const current = {
      success: true,
      taskId: 'workflow-execution:e1',
      status: 'completed',
      metadata: { correlation: { executionId: 'e1' } },
      output: { output: { result: 1 }, success: true, executedAt: 'x', workflowId: 'w', executionId: 'e1' },
    } as JobStatus;
    expect(normalizeJob(current, { ...base, jobId: 'workflow-execution:e1', cancelRequested: never })).toMatchObject({
      status: 'completed',
      output: { result: 1 },
      executionId: 'e1',
      error: null,
    });
    const march = {
      success: true,
      taskId: 'run_1',
      status: 'completed',
      metadata: { startedAt: '2026-03-01T00:00:00.000Z', completedAt: '2026-03-01T00:00:00.104Z', duration: 104 },
      output: { success: true, workflowId: 'w', executionId: 'e2', output: { a: 1 }, executedAt: 'x' },
    } as JobStatus;
    expect(normalizeJob(march, { ...base, cancelRequested: never })).toMatchObject({
      status: 'completed',
      output: { a: 1 },
      executionId: 'e2',
      durationMs: 104,
    });
  });
  it('keeps a spec-shaped output (no envelope) as is', () => {
    const spec = { success: true, taskId: 'j', status: 'completed', output: { result: 'Hello' } } as JobStatus;
    expect(normalizeJob(spec, { ...base, cancelRequested: never }).output).toEqual({ result: 'Hello' });
  });
  it('March "completed with success:false" is cancelled only when this client asked for the cancel', () => {
    const job = {
      success: true,
      taskId: 'run_1',
      status: 'completed',
      output: { success: false, workflowId: 'w', executionId: 'e3', output: {}, executedAt: 'x' },
    } as JobStatus;
    expect(normalizeJob(job, { ...base, cancelRequested: (id) => id === 'e3' })).toMatchObject({
      status: 'cancelled',
      error: 'Cancelled',
    });
    expect(normalizeJob(job, { ...base, cancelRequested: never })).toMatchObject({ status: 'failed' });
  });
  it('current cancelled and failed jobs', () => {
    expect(
      normalizeJob({ status: 'cancelled', output: null, error: 'Cancelled' } as JobStatus, {
        ...base,
        cancelRequested: never,
      }),
    ).toMatchObject({ status: 'cancelled', error: 'Cancelled', output: null });
    expect(
      normalizeJob({ status: 'failed', output: null, error: 'boom' } as JobStatus, { ...base, cancelRequested: never }),
    ).toMatchObject({ status: 'failed', error: 'boom' });
  });
  it('recognises a Response block answer ({ data, status, headers }) only in that exact shape', () => {
    expect(unwrapResponseBlock({ data: { ok: true }, status: 201, headers: { 'X-Emu-Test': 'yes' } })).toEqual({
      output: { ok: true },
      response: { status: 201, headers: { 'x-emu-test': 'yes' } },
    });
    expect(unwrapResponseBlock({ data: 1, status: 'x', headers: {} })).toEqual({
      output: { data: 1, status: 'x', headers: {} },
    });
    expect(unwrapResponseBlock({ data: 1, status: 200, headers: {}, more: 1 }).response).toBeUndefined();
  });
});

describe('tolerant parsing', () => {
  it('accepts application/json;charset=utf-8 and capitalised header names', async () => {
    const { client } = fakeClient(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/json;charset=utf-8', 'X-Request-Id': 'r1' },
      body: '{"success":true}',
    }));
    expect(await client.getUsageLimits()).toEqual({ success: true });
  });
  it('an error answer exposes the request id', async () => {
    const { client } = fakeClient(() => ({
      status: 404,
      headers: { 'Content-Type': 'application/json; charset=UTF-8', 'X-Request-Id': 'req-9' },
      body: '{"error":"Task not found","code":"TASK_NOT_FOUND"}',
    }));
    const err = await client.getJobStatus('j').catch((e) => e);
    expect(err.requestId).toBe('req-9');
    expect(err.error).toBe('Task not found');
    expect(err.message).toContain('unknown or the job has expired');
  });
});
