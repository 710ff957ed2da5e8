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
      const page = await c.queryLogs({ workspaceId: env.workspaceId, executionId: res.executionId, details: 'full', includeFinalOutput: true });
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

  it('selected outputs: the same keys on sync and async (where the server has the execution resource)', async () => {
    const c = client();
    if (!(await c.hasExecutionResource(env.echo))) return;
    const details = await c.runWorkflowSync(env.echo, { input: { name: tag('sel'), count: 1 } });
    const state = (await c.getExecutionDetails(details.executionId)) as { workflowState?: { blocks?: Record<string, { id?: string; name?: string; type?: string }> } };
    const start = Object.values(state.workflowState?.blocks ?? {}).find((b) => b.type === 'start_trigger' || b.type === 'starter');
    if (!start?.id || !start.name) return;
    const name = tag('sel');
    // As Sim's editor shows it (block name lower-cased, spaces removed), and by block id.
    const byName = `${start.name.toLowerCase().replace(/\s+/g, '')}.name`;
    const byId = `${start.id}.count`;
    const sync = await c.runWorkflowSync(env.echo, { input: { name, count: 1 }, selectedOutputs: [byName, byId] });
    const queued = await c.runWorkflow(env.echo, { input: { name, count: 1 }, selectedOutputs: [byName, byId] });
    const streamed = await c.collectStream(c.streamWorkflow(env.echo, { input: { name, count: 1 }, selectedOutputs: [byName, byId] }));
    for (const res of [sync, queued, streamed]) expect(res.output).toEqual({ [byName]: name, [byId]: 1 });
  });

  it('failure: a failed run is reported as failed with an error', async () => {
    const res = await client().runWorkflowSync(env.fail, { input: { name: tag('fail') } });
    expect(res.status).toBe('failed');
    expect(res.error).toMatch(/\S/);
  });

  it('cancel: aborting a slow async run cancels it on the server, and it stays stopped', async () => {
    const c = client();
    const controller = new AbortController();
    let queued: { jobId: string; executionId: string } | undefined;
    const run = c.runWorkflow(env.slow, {
      input: { name: tag('cancel'), count: 1 },
      signal: controller.signal,
      onQueued: (q) => {
        queued = q;
      },
      onStatus: (status) => {
        if (status === 'processing') controller.abort();
      },
    });
    setTimeout(() => controller.abort(), 5_000).unref();
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimAbortError);
    expect((err as SimAbortError).cancelled).toBe(true);
    expect(queued?.executionId).toBeTruthy();
    if (await c.hasExecutionResource(env.slow)) {
      let status = '';
      for (let i = 0; i < 20 && status !== 'cancelled'; i++) {
        status = (await c.getExecution(env.slow, queued!.executionId)).status;
        if (status !== 'cancelled') await new Promise((r) => setTimeout(r, 500));
      }
      expect(status).toBe('cancelled');
      await new Promise((r) => setTimeout(r, 2_000));
      expect((await c.getExecution(env.slow, queued!.executionId)).status).toBe('cancelled');
    } else {
      const job = await c.getJobStatus(queued!.jobId);
      expect(job.status).not.toBe('processing');
    }
  });

  it('usage limits', async () => {
    const usage = await client().getUsageLimits();
    expect(usage.success).toBe(true);
  });
});
