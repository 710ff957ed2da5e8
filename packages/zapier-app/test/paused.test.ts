// Paused runs (packages/emulator/recordings/sim-server-facts.md §G) in the Zapier app, on v1 and v2: Run Workflow and Get Job Status report "paused" with the resume
// details, "Resume Workflow Run" continues the run, and the March server (no pause support) answers as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { appTester, bundleFor, errorOf, startEmu, type Emulator } from './helpers.js';

const execute = App.creates.execute_workflow.operation.perform as never;
const resume = App.creates.resume_run.operation.perform as never;
const jobStatus = App.searches.get_job_status.operation.perform as never;
const pollLogs = (App.triggers.new_execution_log.operation as { perform: unknown }).perform as never;

type Out = Record<string, unknown>;

describe.each(['v1', 'v2'] as const)('paused runs (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server, { logCount: 10, jobDurationMs: 150 });
  });
  afterAll(async () => {
    await emu?.close();
  });
  const HUMAN = 'wf-hitl-human';

  it.each(['async', 'sync'])(
    'Run Workflow (%s): a run that waits for a person is "paused" with its context ID, not completed',
    async (mode) => {
      const out = (await appTester(
        execute,
        bundleFor(emu, { workflowId: 'wf-hitl', mode, waitSeconds: 10, input__name: 'Ada' }) as never,
      )) as Out;
      expect(out).toMatchObject({
        status: 'paused',
        workflowId: 'wf-hitl',
        contextId: HUMAN,
        pauseKind: 'human',
        resumeAt: null,
        error: null,
      });
      expect(String(out['message'])).toContain('Resume Workflow Run');
    },
  );

  it("Resume Workflow Run: answers the paused run and returns its result; a second resume fails with Sim's reason", async () => {
    const paused = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-hitl', waitSeconds: 10, input__name: 'Bo' }) as never,
    )) as Out;
    const bundle = bundleFor(emu, {
      workflowId: 'wf-hitl',
      executionId: paused['executionId'],
      contextId: paused['contextId'],
      inputJson: '{"approved":true,"comment":"ok"}',
      waitSeconds: 10,
    });
    const done = (await appTester(resume, bundle as never)) as Out;
    expect(done).toMatchObject({
      id: paused['executionId'],
      executionId: paused['executionId'],
      status: 'completed',
      error: null,
      mode: 'async',
      output: { result: { prep: { greeting: 'hi Bo' }, submission: { approved: true, comment: 'ok' } }, stdout: '' },
    });
    const err = await errorOf(appTester(resume, bundle as never));
    expect(err.message).toMatch(/409.*Paused execution is not resumable/);
    // on a server with v2 on, the run and the resume went through /api/v2
    const paths = emu.journal().map((e) => `${e.method} ${e.path}`);
    if (server === 'v2') {
      expect(paths).toContain('POST /api/v2/workflows/wf-hitl/execute');
      expect(paths).toContain(`POST /api/v2/workflows/wf-hitl/runs/${String(paused['executionId'])}/resume`);
    } else {
      expect(paths).toContain(`POST /api/resume/wf-hitl/${String(paused['executionId'])}/${HUMAN}`);
    }
  });

  it('Resume Workflow Run reports how the run was first started (a sync run answers the resume in sync mode)', async () => {
    const paused = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-hitl', mode: 'sync', waitSeconds: 10, input__name: 'Sy' }) as never,
    )) as Out;
    expect(paused).toMatchObject({ status: 'paused', mode: 'sync' });
    const done = (await appTester(
      resume,
      bundleFor(emu, {
        workflowId: 'wf-hitl',
        executionId: paused['executionId'],
        contextId: HUMAN,
        inputJson: '{"approved":true}',
        waitSeconds: 10,
      }) as never,
    )) as Out;
    expect(done).toMatchObject({ status: 'completed', mode: 'sync', executionId: paused['executionId'] });
    const paused2 = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-hitl', mode: 'sync', waitSeconds: 10, input__name: 'Sz' }) as never,
    )) as Out;
    const accepted = (await appTester(
      resume,
      bundleFor(emu, {
        workflowId: 'wf-hitl',
        executionId: paused2['executionId'],
        contextId: HUMAN,
        waitSeconds: 0,
      }) as never,
    )) as Out;
    expect(accepted).toMatchObject({ status: 'processing', mode: 'sync' });
  });

  it('Resume Workflow Run with Wait 0 returns once Sim accepted it', async () => {
    const paused = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-hitl', waitSeconds: 10, input__name: 'Cy' }) as never,
    )) as Out;
    const out = (await appTester(
      resume,
      bundleFor(emu, {
        workflowId: 'wf-hitl',
        executionId: paused['executionId'],
        contextId: HUMAN,
        waitSeconds: 0,
      }) as never,
    )) as Out;
    expect(out).toMatchObject({ status: 'processing', executionId: paused['executionId'], mode: 'async' });
    expect(String(out['message'])).toContain(`execution ID ${String(paused['executionId'])}`);
  });

  it('Get Job Status: once or waiting, by execution ID (and by job ID on v1), a paused run reads "paused" (not done) with its context ID', async () => {
    const queued = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-hitl', waitSeconds: 0, input__name: 'J' }) as never,
    )) as Out;
    const lookups: Out[] = [
      { executionId: queued['executionId'], workflowId: 'wf-hitl' },
      ...(server === 'v1' ? [{ jobId: queued['jobId'] }] : []),
    ];
    for (const lookup of lookups) {
      const [waited] = (await appTester(jobStatus, bundleFor(emu, { ...lookup, waitSeconds: 10 }) as never)) as Out[];
      expect(waited).toMatchObject({
        status: 'paused',
        done: false,
        contextId: HUMAN,
        pauseKind: 'human',
        executionId: queued['executionId'],
      });
      const [once] = (await appTester(jobStatus, bundleFor(emu, lookup) as never)) as Out[];
      expect(once).toMatchObject({ status: 'paused', done: false, contextId: HUMAN, workflowId: 'wf-hitl' });
      // the pausing block's output, the same shape whichever path found the pause
      expect(once!['output']).toEqual(waited!['output']);
    }
  });

  it('the trigger fires on runs paused for a person only when asked, once per pause (its own id), and not after the resume', async () => {
    const paused = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-hitl', waitSeconds: 10, input__name: 'Trig' }) as never,
    )) as Out;
    const id = `paused:${String(paused['executionId'])}:${HUMAN}`;
    const without = (await appTester(pollLogs, bundleFor(emu, { workflowIds: ['wf-hitl'] }) as never)) as Out[];
    expect(without.map((i) => i['id'])).not.toContain(id);
    const withPaused = (await appTester(
      pollLogs,
      bundleFor(emu, { workflowIds: ['wf-hitl'], includePaused: true }) as never,
    )) as Out[];
    const item = withPaused.find((i) => i['id'] === id);
    expect(item).toMatchObject({
      status: 'paused',
      workflowId: 'wf-hitl',
      executionId: paused['executionId'],
      contextId: HUMAN,
      pauseKind: 'human',
    });
    // no workflow chosen: the first PAUSED_WORKFLOW_LIMIT deployed workflows are asked (wf-hitl is among them)
    const all = (await appTester(pollLogs, bundleFor(emu, { includePaused: 'true' }) as never)) as Out[];
    expect(all.map((i) => i['id'])).toContain(id);
    await appTester(
      resume,
      bundleFor(emu, {
        workflowId: 'wf-hitl',
        executionId: paused['executionId'],
        contextId: HUMAN,
        waitSeconds: 10,
      }) as never,
    );
    const after = (await appTester(
      pollLogs,
      bundleFor(emu, { workflowIds: ['wf-hitl'], includePaused: true }) as never,
    )) as Out[];
    expect(after.map((i) => i['id'])).not.toContain(id);
  });

  it('Resume Workflow Run: missing context ID is an input error', async () => {
    const err = await errorOf(appTester(resume, bundleFor(emu, { workflowId: 'wf-hitl', executionId: 'x' }) as never));
    expect(err.message).toMatch(/"Context ID" is required/);
  });
});

describe('paused runs (March 2026 server: unchanged)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu('march', { logCount: 10, jobDurationMs: 150 });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('Run Workflow reports what the server says (completed)', async () => {
    const out = (await appTester(
      execute,
      bundleFor(emu, { workflowId: 'wf-hitl', waitSeconds: 10, input__name: 'M' }) as never,
    )) as Out;
    expect(out['status']).toBe('completed');
    expect(out['contextId']).toBeUndefined();
  });

  it('the trigger with "Also Runs Paused for a Person" still lists the logs (the server has no paused runs)', async () => {
    const items = (await appTester(
      pollLogs,
      bundleFor(emu, { workflowIds: ['wf-echo', 'wf-hitl'], includePaused: true }) as never,
    )) as Out[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i['status'] !== 'paused')).toBe(true);
  });
});
