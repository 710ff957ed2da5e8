// Every operation of the spec against the emulator over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  SimAuthenticationError,
  SimBadRequestError,
  SimNotFoundError,
  SimPermissionDeniedError,
  SimWorkflowError,
  USER_AGENT,
} from '../src/index.js';
import { clientFor, requestsTo, startEmulator, type Emulator } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobDurationMs: 200 });
});
afterAll(() => emu?.close());
beforeEach(() => emu.reset());

describe('spec operations', () => {
  it('executeWorkflow (sync): envelope, headers, input as top-level fields, client X-Execution-Id', async () => {
    const c = clientFor(emu);
    const res = await c.executeWorkflow(emu.seed.workflows.echo, { input: { name: 'Ada', count: 21 } });
    expect(res.success).toBe(true);
    expect(res.output).toEqual({ result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' });
    const [req] = requestsTo(emu, 'POST', /execute$/);
    expect(req!.headers['x-api-key']).toBe(emu.seed.apiKey);
    expect(req!.headers['user-agent']).toBe(USER_AGENT);
    expect(req!.headers['x-execution-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.executionId).toBe(req!.headers['x-execution-id']);
    expect(JSON.parse(req!.body)).toEqual({ name: 'Ada', count: 21 });
  });
  it('executeWorkflow (async): 202 receipt via X-Execution-Mode: async', async () => {
    const c = clientFor(emu);
    const receipt = await c.executeWorkflow(emu.seed.workflows.echo, { async: true, input: { name: 'A' } });
    expect(receipt.jobId).toMatch(/^workflow-execution:/);
    expect(receipt.executionId).toBeTruthy();
    expect(requestsTo(emu, 'POST', /execute$/)[0]!.headers['x-execution-mode']).toBe('async');
    const job = await c.getJobStatus(receipt.jobId!);
    expect(['queued', 'processing', 'completed']).toContain(job.status);
    expect(requestsTo(emu, 'GET', /^\/api\/jobs\//)[0]!.path).toContain('%3A');
  });
  it('executeWorkflow errors: failed run, undeployed, unknown workflow, bad key', async () => {
    const c = clientFor(emu);
    const fail = await c.executeWorkflow(emu.seed.workflows.fail, { input: { name: 'Eve' } }).catch((e) => e);
    expect(fail).toBeInstanceOf(SimWorkflowError);
    expect(fail.status).toBe(500);
    expect(fail.error).toContain('boom: Eve');
    expect(fail.executionId).toBe(requestsTo(emu, 'POST', /execute$/)[0]!.headers['x-execution-id']);
    const undeployed = await c.executeWorkflow(emu.seed.workflows.undeployed).catch((e) => e);
    expect(undeployed).toBeInstanceOf(SimPermissionDeniedError);
    expect(undeployed.message).toMatch(/not deployed.*Deploy the workflow/);
    const missing = await c.executeWorkflow('wf-does-not-exist').catch((e) => e);
    expect(missing).toBeInstanceOf(SimNotFoundError);
    expect(missing.message).toContain('deployed?');
    const bad = await clientFor(emu, { apiKey: 'sk-sim-wrong-key-123' })
      .getUsageLimits()
      .catch((e) => e);
    expect(bad).toBeInstanceOf(SimAuthenticationError);
    expect(bad.message).toContain('Check the API key');
    expect(bad.message).not.toContain('sk-sim-wrong-key-123');
  });
  it('cancelExecution', async () => {
    const c = clientFor(emu);
    const receipt = await c.executeWorkflow(emu.seed.workflows.slow, { async: true, input: { delayMs: 5000 } });
    const res = await c.cancelExecution(emu.seed.workflows.slow, receipt.executionId!);
    expect(res.executionId).toBe(receipt.executionId);
    expect(res.success).toBe(true);
    const result = await c.waitForJob(receipt.jobId!);
    expect(result.status).toBe('cancelled');
  });
  it('listWorkflows, getWorkflow, getWorkflowInputFields', async () => {
    const c = clientFor(emu);
    const page = await c.listWorkflows({ workspaceId: emu.seed.workspaceId, limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.nextCursor).toBeTruthy();
    expect(page.limits).toBeDefined();
    const wf = await c.getWorkflow(emu.seed.workflows.echo);
    expect(wf.data.id).toBe(emu.seed.workflows.echo);
    expect(await c.getWorkflowInputFields(emu.seed.workflows.echo)).toEqual([
      { name: 'name', type: 'string', kind: 'string' },
      { name: 'count', type: 'number', kind: 'number' },
    ]);
    const typed = await c.getWorkflowInputFields(emu.seed.workflows.typed);
    expect(typed.map((f) => f.name)).toEqual(['text', 'amount', 'flag', 'meta', 'tags', 'attachment']);
  });
  it('queryLogs, getLogDetails, getExecutionDetails', async () => {
    const c = clientFor(emu);
    const run = await c.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'Log', count: 1 } });
    const logs = await c.queryLogs({ workspaceId: emu.seed.workspaceId, executionId: run.executionId });
    expect(logs.data).toHaveLength(1);
    const detail = await c.getLogDetails(logs.data[0]!.id!);
    expect(detail.data.executionId).toBe(run.executionId);
    const exec = await c.getExecutionDetails(run.executionId);
    expect(exec.executionId).toBe(run.executionId);
    const bad = await c.queryLogs({ workspaceId: emu.seed.workspaceId, startDate: 'yesterday' }).catch((e) => e);
    expect(bad).toBeInstanceOf(SimBadRequestError);
    expect(bad.details).toBeInstanceOf(Array);
    const missing = await c.getLogDetails('no-such-log').catch((e) => e);
    expect(missing).toBeInstanceOf(SimNotFoundError);
  });
  it('getExecution: status of a run, its output on request, block outputs keyed by selector, 404 otherwise', async () => {
    const c = clientFor(emu);
    const wf = emu.seed.workflows.echo;
    const receipt = await c.executeWorkflow(wf, { async: true, input: { name: 'Ex', count: 6 } });
    const early = await c.getExecution(wf, receipt.executionId!);
    expect(early.status).toBe('running');
    expect(early.cost).toBeNull();
    await c.waitForJob(receipt.jobId!);
    const done = await c.getExecution(wf, receipt.executionId!, {
      includeOutput: true,
      selectedOutputs: [`${wf}-function.result.doubled`, `${wf}-start`, 'function.result', `${wf}-function_result`],
    });
    expect(done.status).toBe('completed');
    expect(done.finalOutput).toEqual({ result: { name: 'Ex', count: 6, doubled: 12 }, stdout: 'echo called' });
    expect(done.blockOutputs).toEqual({
      [`${wf}-function.result.doubled`]: 12,
      [`${wf}-start`]: { name: 'Ex', count: 6 },
    });
    const req = requestsTo(emu, 'GET', /\/executions\//).at(-1)!;
    expect(req.query['includeOutput']).toBe('true');
    const plain = await c.getExecution(wf, receipt.executionId!);
    expect(plain.finalOutput).toBeNull();
    expect(plain.blockOutputs).toBeNull();
    const missing = await c.getExecution(wf, 'no-such-execution').catch((e) => e);
    expect(missing).toBeInstanceOf(SimNotFoundError);
    expect(missing.message).toMatch(/execution resource/);
  });
  it('listAuditLogs and getAuditLogDetails (enterprise key), 403 with guidance otherwise', async () => {
    const denied = await clientFor(emu)
      .listAuditLogs()
      .catch((e) => e);
    expect(denied).toBeInstanceOf(SimPermissionDeniedError);
    expect(denied.message).toMatch(/Enterprise/);
    const c = clientFor(emu, { apiKey: emu.seed.enterpriseApiKey });
    const page = await c.listAuditLogs({ limit: 2 });
    expect(page.data.length).toBeGreaterThan(0);
    const one = await c.getAuditLogDetails(page.data[0]!.id!);
    expect(one.data.id).toBe(page.data[0]!.id);
  });
  it('getUsageLimits', async () => {
    const usage = await clientFor(emu).getUsageLimits();
    expect(usage.rateLimit?.sync).toBeDefined();
  });
});

describe('pagination', () => {
  it('iterates every workflow across pages (limit 2) and matches a single big page', async () => {
    const c = clientFor(emu);
    const all = await c.listWorkflows({ workspaceId: emu.seed.workspaceId, limit: 100 });
    const ids: string[] = [];
    for await (const wf of c.iterateWorkflows({ workspaceId: emu.seed.workspaceId, limit: 2 })) ids.push(wf.id!);
    expect(ids).toEqual(all.data.map((w) => w.id));
    expect(requestsTo(emu, 'GET', /^\/api\/v1\/workflows$/).length).toBe(1 + Math.ceil(ids.length / 2));
  });
  it('iterates logs and audit logs across pages', async () => {
    const c = clientFor(emu);
    const big = await c.queryLogs({ workspaceId: emu.seed.workspaceId, limit: 1000 });
    expect(big.data.length).toBeGreaterThan(100);
    const ids: string[] = [];
    for await (const log of c.iterateLogs({ workspaceId: emu.seed.workspaceId, limit: 50 })) ids.push(log.id!);
    expect(ids).toEqual(big.data.map((l) => l.id));
    const e = clientFor(emu, { apiKey: emu.seed.enterpriseApiKey });
    const first = await e.listAuditLogs({ limit: 1000 });
    let m = 0;
    for await (const a of e.iterateAuditLogs({ limit: 2 })) m += a.id ? 1 : 0;
    expect(m).toBe(first.data.length);
  });
});

describe('rejected before any request (emulator journal stays empty)', () => {
  it('bad options, empty ids, non-object input and reserved input names send nothing', async () => {
    const { SimValidationError } = await import('../src/index.js');
    const { RESERVED_INPUT_FIELDS } = await import('../src/inputs.js');
    const { createSimClient } = await import('../src/node.js');
    expect(() => createSimClient({ apiKey: '', baseUrl: emu.url })).toThrow(SimValidationError);
    expect(() => createSimClient({ apiKey: emu.seed.apiKey, baseUrl: emu.url.replace('http', 'ftp') })).toThrow(
      SimValidationError,
    );
    expect(() => createSimClient({ apiKey: emu.seed.apiKey, baseUrl: 'localhost:3000' })).toThrow(SimValidationError);
    const c = clientFor(emu);
    const attempts: Array<() => unknown> = [
      () => c.executeWorkflow(''),
      () => c.runWorkflow(emu.seed.workflows.echo, { input: ['a'] as never }),
      () => c.runWorkflowSync(emu.seed.workflows.echo, { input: 'Ada' as never }),
      () => c.getJobStatus(''),
      () => c.cancelExecution(emu.seed.workflows.slow, ' '),
      () => c.listWorkflows({ workspaceId: '' }),
      () => c.streamWorkflow(emu.seed.workflows.stream, { input: { stream: false } }),
      ...RESERVED_INPUT_FIELDS.map(
        (name) => () => c.runWorkflowSync(emu.seed.workflows.echo, { input: { [name]: 'x' } }),
      ),
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        await attempt();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(SimValidationError);
    }
    expect(emu.journal()).toEqual([]);
  });
});
