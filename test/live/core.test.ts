// Live conformance: the core's main flows against a real (or emulated) Sim.
import { describe, expect, it } from 'vitest';
import { createSimClient } from '@sim-integrations/core/node';
import { SimAbortError, type SimClient } from '@sim-integrations/core';
import { EMPTY_ENV, live, skipReason, tag } from './env.js';

if (!live) console.warn(skipReason);

describe.skipIf(!live)('core against a live Sim', () => {
  const env = live ?? EMPTY_ENV;
  const client = (): SimClient => createSimClient({ apiKey: env.apiKey, baseUrl: env.baseUrl });
  const doubled = (name: string, count: number) => ({ name, count, doubled: count * 2 });

  it('workflow inputs: the echo workflow takes name and count', async () => {
    const fields = await client().getWorkflowInputFields(env.echo);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['name', 'count']));
  });

  it('sync run: completed, with the echoed output', async () => {
    const name = tag('sync');
    const res = await client().runWorkflowSync(env.echo, { input: { name, count: 4 } });
    expect(res.status).toBe('completed');
    expect(JSON.stringify(res.output)).toContain(JSON.stringify(doubled(name, 4)).slice(1, -1));
    expect(res.executionId).toMatch(/\S/);
  });

  it('async run + wait: completed, and the logs find that run', async () => {
    const c = client();
    const name = tag('async');
    const res = await c.runWorkflow(env.echo, { input: { name, count: 2 }, timeoutMs: 90_000 });
    expect(res.status).toBe('completed');
    expect(JSON.stringify(res.output)).toContain(name);
    const details = await c.getExecutionDetails(res.executionId);
    expect(details.executionId).toBe(res.executionId);
    if (env.workspaceId) {
      const page = await c.queryLogs({
        workspaceId: env.workspaceId,
        executionId: res.executionId,
        details: 'full',
        includeFinalOutput: true,
      });
      expect(page.data.map((l) => l.executionId)).toContain(res.executionId);
    }
  });

  it('stream: a final event, completed', async () => {
    const c = client();
    const name = tag('stream');
    const res = await c.collectStream(c.streamWorkflow(env.echo, { input: { name, count: 3 } }));
    expect(res.status).toBe('completed');
    expect(JSON.stringify(res.output)).toContain(name);
  });

  it('selected outputs: the same keys on sync, async and stream, every time (where the server keeps run records)', async () => {
    const c = client();
    if ((await c.serverProtocol(env.echo)) === 'v1-2026-03') return;
    const details = await c.runWorkflowSync(env.echo, { input: { name: tag('sel'), count: 1 } });
    const state = (await c.getExecutionDetails(details.executionId)) as {
      workflowState?: { blocks?: Record<string, { id?: string; name?: string; type?: string }> };
    };
    const start = Object.values(state.workflowState?.blocks ?? {}).find(
      (b) => b.type === 'start_trigger' || b.type === 'starter',
    );
    if (!start?.id || !start.name) return;
    const name = tag('sel');
    // As Sim's editor shows it (block name lower-cased, spaces removed), and by block id.
    const byName = `${start.name.toLowerCase().replace(/\s+/g, '')}.name`;
    const byId = `${start.id}.count`;
    // a sync answer comes before Sim has written the run's record (it reads `running` for a few hundred ms): several
    // sync runs in a row, so a client that reads the record too early is caught
    const sync = [];
    for (let i = 0; i < 3; i++)
      sync.push(await c.runWorkflowSync(env.echo, { input: { name, count: 1 }, selectedOutputs: [byName, byId] }));
    const queued = await c.runWorkflow(env.echo, { input: { name, count: 1 }, selectedOutputs: [byName, byId] });
    const streamed = await c.collectStream(
      c.streamWorkflow(env.echo, { input: { name, count: 1 }, selectedOutputs: [byName, byId] }),
    );
    for (const res of [...sync, queued, streamed]) expect(res.output).toEqual({ [byName]: name, [byId]: 1 });
  });

  it('failure: a failed run is reported as failed with an error', async () => {
    const res = await client().runWorkflowSync(env.fail, { input: { name: tag('fail') } });
    expect(res.status).toBe('failed');
    expect(res.error).toMatch(/\S/);
  });

  it('cancel: aborting a slow async run cancels it on the server, and it stays stopped', async () => {
    const c = client();
    const controller = new AbortController();
    let queued: { jobId?: string; executionId: string } | undefined;
    const run = c.runWorkflow(env.slow, {
      input: { name: tag('cancel'), count: 1 },
      signal: controller.signal,
      onQueued: (q) => {
        queued = q;
      },
      onStatus: (status) => {
        if (status === 'running') controller.abort();
      },
    });
    setTimeout(() => controller.abort(), 5_000).unref();
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimAbortError);
    expect((err as SimAbortError).cancelled).toBe(true);
    expect(queued?.executionId).toBeTruthy();
    // followed by its execution id on every server (the March one reads it through the job)
    const look = () => c.getRun(env.slow, queued!.executionId, queued!.jobId ? { jobId: queued!.jobId } : {});
    let status = '';
    for (let i = 0; i < 20 && status !== 'cancelled'; i++) {
      status = (await look()).status;
      if (status !== 'cancelled') await new Promise((r) => setTimeout(r, 500));
    }
    if ((await c.serverProtocol(env.slow)) === 'v1-2026-03') expect(status).not.toBe('running');
    else {
      expect(status).toBe('cancelled');
      await new Promise((r) => setTimeout(r, 2_000));
      expect((await look()).status).toBe('cancelled');
    }
  });

  it('a run known by its execution id: queued, looked at, waited for (no job id needed)', async () => {
    const c = client();
    const queued = await c.startWorkflow(env.echo, { input: { name: tag('start'), count: 5 } });
    expect(queued.executionId).toMatch(/\S/);
    const first = await c.getRun(env.echo, queued.executionId, queued.jobId ? { jobId: queued.jobId } : {});
    expect(first.executionId).toBe(queued.executionId);
    const done = await c.waitForRun(env.echo, queued.executionId, {
      timeoutMs: 90_000,
      enqueuedAt: Date.now(),
      ...(queued.jobId ? { jobId: queued.jobId } : {}),
    });
    expect(done.status).toBe('completed');
    expect(JSON.stringify(done.output)).toContain('"doubled":10');
  });

  it('paused runs: reported paused in every mode with one output shape, resumed, the result read through the original id', async () => {
    if (!env.hitl) return;
    const c = client();
    if ((await c.serverProtocol(env.hitl)) === 'v1-2026-03') return;
    const name = tag('hitl');
    const runs = [
      await c.runWorkflow(env.hitl, { input: { name }, timeoutMs: 90_000 }),
      await c.runWorkflowSync(env.hitl, { input: { name } }),
      await c.collectStream(c.streamWorkflow(env.hitl, { input: { name } })),
    ];
    for (const run of runs) {
      expect(run.status).toBe('paused');
      expect(run.paused?.pauseKind).toBe('human');
      expect(Object.keys(run.output as object).sort()).toEqual(['data', 'headers', 'status']);
      expect((run.output as { data: { operation: string } }).data.operation).toBe('human');
    }
    const done = await c.resumeRun(env.hitl, runs[0]!.executionId, {
      contextId: runs[0]!.paused!.contextId,
      input: { approved: true, comment: 'live' },
      timeoutMs: 90_000,
    });
    expect(done.status).toBe('completed');
    expect(done.executionId).toBe(runs[0]!.executionId);
    expect(JSON.stringify(done.output)).toContain('"approved":true');
    for (const run of runs.slice(1)) await c.cancelExecution(env.hitl, run.executionId);
  });

  it('usage limits', async () => {
    const usage = await client().getUsageLimits();
    expect(usage.success).toBe(true);
  });
});
