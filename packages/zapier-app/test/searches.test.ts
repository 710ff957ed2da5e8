import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { SERVERS, appTester, bundleFor, errorOf, startEmu, type Emulator } from './helpers.js';

const execute = App.creates.execute_workflow.operation.perform as never;
const cancel = App.creates.cancel_execution.operation.perform as never;
const jobStatus = App.searches.get_job_status.operation.perform as never;
const findExecution = App.searches.find_execution.operation.perform as never;
const findWorkflow = App.searches.find_workflow.operation.perform as never;

describe.each(SERVERS)('searches and cancel (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server, { logCount: 10 });
  });
  afterAll(async () => {
    await emu?.close();
  });

  /**
   * The ways a Zap can name a run for "Get Job Status" on this server: its execution ID + workflow (every server that
   * keeps run records: v1 and v2), and its job ID (where the server has jobs: v1 and the March server).
   */
  const lookupsOf = (queued: Record<string, unknown>, workflowId: string): Array<Record<string, unknown>> => [
    ...(server === 'march' ? [] : [{ executionId: queued['executionId'], workflowId }]),
    ...(server === 'v2' ? [] : [{ jobId: queued['jobId'] }]),
  ];

  it('get_job_status: a finished async run, with its output unwrapped, by execution ID (v1, v2) and by job ID (v1, March)', async () => {
    const queued = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-echo', waitSeconds: 0, input__name: 'Job', input__count: 3 }) as never,
    )) as Record<string, unknown>;
    expect(queued['status']).toBe('queued');
    for (const lookup of lookupsOf(queued, 'wf-echo')) {
      const [job] = (await appTester(jobStatus, bundleFor(emu, { ...lookup, waitSeconds: 10 }) as never)) as Array<
        Record<string, unknown>
      >;
      expect(job, JSON.stringify(lookup)).toMatchObject({
        id: lookup['jobId'] ?? queued['executionId'],
        status: 'completed',
        done: true,
        executionId: queued['executionId'],
        error: null,
      });
      expect(job!['output']).toEqual({ result: { name: 'Job', count: 3, doubled: 6 }, stdout: 'echo called' });
      const [once] = (await appTester(jobStatus, bundleFor(emu, lookup) as never)) as Array<Record<string, unknown>>;
      expect(once).toMatchObject({ status: 'completed', done: true, output: job!['output'] });
    }
    // The job id (with its colon on current servers) is encoded in the path.
    const paths = emu
      .journal()
      .filter((c) => c.path.startsWith('/api/jobs/'))
      .map((c) => c.path);
    expect(paths.every((p) => !p.slice('/api/jobs/'.length).includes(':'))).toBe(true);
  });

  it("get_job_status: a failed run has status failed and Sim's error", async () => {
    const queued = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-fail', waitSeconds: 0, input__name: 'Eve' }) as never,
    )) as Record<string, unknown>;
    for (const lookup of lookupsOf(queued, 'wf-fail')) {
      const [job] = (await appTester(jobStatus, bundleFor(emu, { ...lookup, waitSeconds: 10 }) as never)) as Array<
        Record<string, unknown>
      >;
      expect(job).toMatchObject({ status: 'failed', done: true });
      expect(String(job!['error'])).toContain('boom: Eve');
    }
  });

  it('get_job_status: an unknown run is not found ([]), at once or while waiting', async () => {
    expect(
      await appTester(
        jobStatus,
        bundleFor(emu, { jobId: 'workflow-execution:00000000-0000-4000-8000-000000000000' }) as never,
      ),
    ).toEqual([]);
    expect(await appTester(jobStatus, bundleFor(emu, { jobId: 'run_0000000000', waitSeconds: 3 }) as never)).toEqual(
      [],
    );
    if (server === 'march') return;
    const unknown = { executionId: '00000000-0000-4000-8000-000000000000', workflowId: 'wf-echo' };
    expect(await appTester(jobStatus, bundleFor(emu, unknown) as never)).toEqual([]);
    expect(await appTester(jobStatus, bundleFor(emu, { ...unknown, waitSeconds: 3 }) as never)).toEqual([]);
  });

  it('get_job_status: needs the workflow with an execution ID, and some ID', async () => {
    const noWorkflow = await errorOf(
      appTester(jobStatus, bundleFor(emu, { executionId: '00000000-0000-4000-8000-000000000000' }) as never),
    );
    expect(noWorkflow.name).toBe('HaltedError');
    expect(noWorkflow.message).toMatch(/"Workflow" is required with an Execution ID/);
    const nothing = await errorOf(appTester(jobStatus, bundleFor(emu, { jobId: '{{123__missing}}' }) as never));
    expect(nothing.name).toBe('HaltedError');
    expect(nothing.message).toMatch(/"Execution ID" and its "Workflow".*or its "Job ID"/);
  });

  it('get_job_status: a 429 on the lookup becomes ThrottledError', async () => {
    const lookup =
      server === 'march'
        ? { jobId: 'run_0000000000' }
        : { executionId: '00000000-0000-4000-8000-0000000000aa', workflowId: 'wf-echo' };
    const path = server === 'march' ? '/api/jobs/' : /\/(executions|runs)\/00000000-0000-4000-8000-0000000000aa$/;
    emu.injectFault({
      method: 'GET',
      path,
      type: 'status',
      status: 429,
      headers: { 'retry-after': '5' },
      body: { error: 'Rate limit exceeded' },
    });
    const err = await errorOf(appTester(jobStatus, bundleFor(emu, lookup) as never));
    expect(err.name).toBe('ThrottledError');
    expect(JSON.parse(err.message)).toMatchObject({ delay: 5 });
  });

  it('cancel_execution: cancels a running async run; Get Job Status then reports it ended without output', async () => {
    const queued = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-slow', waitSeconds: 0, inputJson: '{"delayMs": 20000}' }) as never,
    )) as Record<string, unknown>;
    const [lookup] = lookupsOf(queued, 'wf-slow');
    // Let the run start.
    await appTester(jobStatus, bundleFor(emu, { ...lookup, waitSeconds: 1 }) as never);
    const res = (await appTester(
      cancel,
      bundleFor(emu, { workflowId: 'wf-slow', executionId: queued['executionId'] }) as never,
    )) as Record<string, unknown>;
    expect(res).toMatchObject({ success: true, executionId: queued['executionId'], workflowId: 'wf-slow' });
    const [job] = (await appTester(jobStatus, bundleFor(emu, { ...lookup, waitSeconds: 10 }) as never)) as Array<
      Record<string, unknown>
    >;
    expect(job!['done']).toBe(true);
    // Current servers say "cancelled"; a March server reports the cancelled job as completed with
    // success:false, which a later step (that did not ask for the cancel itself) sees as failed.
    expect(job!['status']).toBe(server !== 'march' ? 'cancelled' : 'failed');
    // no workflow result: the run record of a cancelled run holds `{"cancelled":true}`
    // (packages/emulator/recordings/sim-server-facts.md §5.5), the March job nothing
    expect([null, '{}', '{"cancelled":true}']).toContain(
      job!['output'] === null ? null : JSON.stringify(job!['output']),
    );
  });

  it('cancel_execution: an unknown execution', async () => {
    const call = appTester(
      cancel,
      bundleFor(emu, { workflowId: 'wf-slow', executionId: '00000000-0000-4000-8000-000000000001' }) as never,
    );
    if (server !== 'march') {
      const err = await errorOf(call);
      expect(err.name).toBe('HaltedError');
      expect(err.message).toMatch(/404/);
    } else {
      // The March server answers 200 "recorded" for any id.
      expect(await call).toMatchObject({ success: true });
    }
  });

  it('find_execution: the log entry with its final output, plus the execution details', async () => {
    const run = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-echo', mode: 'sync', input__name: 'Findme', input__count: 4 }) as never,
    )) as Record<string, unknown>;
    const [found] = (await appTester(
      findExecution,
      bundleFor(emu, { executionId: run['executionId'] }) as never,
    )) as Array<Record<string, unknown>>;
    expect(found).toMatchObject({ executionId: run['executionId'], workflowId: 'wf-echo', level: 'info' });
    expect(found!['id']).toEqual(expect.any(String));
    expect(found!['finalOutput']).toEqual({ result: { name: 'Findme', count: 4, doubled: 8 }, stdout: 'echo called' });
    expect(found!['executionDetails']).toMatchObject({ executionId: run['executionId'] });
    expect((found!['executionDetails'] as Record<string, unknown>)['workflowState']).toBeUndefined();
  });

  it('find_execution: [] for an unknown execution', async () => {
    expect(
      await appTester(findExecution, bundleFor(emu, { executionId: '00000000-0000-4000-8000-000000000002' }) as never),
    ).toEqual([]);
  });

  it('find_workflow: by id, by exact name, and [] when unknown', async () => {
    const [byId] = (await appTester(findWorkflow, bundleFor(emu, { workflowId: 'wf-echo' }) as never)) as Array<
      Record<string, unknown>
    >;
    expect(byId).toMatchObject({ id: 'wf-echo', isDeployed: true });
    expect(byId!['inputFields']).toEqual([
      { name: 'name', type: 'string', kind: 'string' },
      { name: 'count', type: 'number', kind: 'number' },
    ]);
    const name = String(byId!['name']);
    const byName = (await appTester(findWorkflow, bundleFor(emu, { name }) as never)) as Array<Record<string, unknown>>;
    expect(byName.map((w) => w['id'])).toEqual(['wf-echo']);
    expect(await appTester(findWorkflow, bundleFor(emu, { workflowId: 'wf-nope' }) as never)).toEqual([]);
    expect(await appTester(findWorkflow, bundleFor(emu, { name: `${name} (no such copy)` }) as never)).toEqual([]);
    const err = await errorOf(appTester(findWorkflow, bundleFor(emu, {}) as never));
    expect(err.name).toBe('HaltedError');
  });

  it('403 on a workspace the key cannot see becomes ExpiredAuthError', async () => {
    emu.injectFault({
      method: 'GET',
      path: '/api/v1/workflows',
      type: 'status',
      status: 403,
      body: { error: 'Access denied to this workspace' },
    });
    const err = await errorOf(appTester(findWorkflow, bundleFor(emu, { name: 'anything' }) as never));
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/403: Access denied to this workspace/);
  });
});
