// Paused runs in the bundled Action (packages/emulator/recordings/sim-server-facts.md §G): `status: paused` with `context-id` in every mode, fail-on-error decides
// whether the step fails, the post step leaves a paused run alone, a later step resumes it (resume-execution-id +
// resume-context-id) and waits for it, time pauses are waited through; on v1 and on v2; the March server is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import { SERVERS, bothNodes, cancelsOf, leaksOf, runStep } from './harness.js';

const KEY = SEED.apiKey;
const [node20, node24] = bothNodes();
const HITL = SEED.workflows.hitl;
const HUMAN = `${HITL}-human`;

describe.each(SERVERS)('paused runs ($name)', ({ options }) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 150, ...options });
  });
  afterAll(async () => {
    await emu?.close();
  });
  const base = () => ({ 'api-key': KEY, 'base-url': emu.url });

  it('an approval step: the run pauses (step fails by default, context-id set, post leaves it), a later step resumes it and waits', async () => {
    const first = await runStep({ node: node24, inputs: { ...base(), 'workflow-id': HITL, input: '{"name":"Ada"}' } });
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(first.outputs['status']).toBe('paused');
    expect(first.outputs['context-id']).toBe(HUMAN);
    const executionId = first.outputs['execution-id'] ?? '';
    expect(executionId).toMatch(/\S/);
    expect(first.stdout).toContain(
      `::error::Sim workflow ${HITL} is paused, waiting for a person: resume it with resume-execution-id: ${executionId} and resume-context-id: ${HUMAN}`,
    );
    expect(first.summary).toContain('⏸️ paused');
    expect(first.state['finished']).toBe('true');
    expect(leaksOf(first, KEY)).toEqual([]);
    const post = await runStep({
      node: node24,
      script: 'post',
      inputs: { ...base(), 'workflow-id': HITL },
      state: first.state,
    });
    expect(post.code).toBe(0);
    expect(cancelsOf(emu, executionId)).toEqual([]);

    const resumed = await runStep({
      node: node24,
      inputs: {
        ...base(),
        'workflow-id': HITL,
        'resume-execution-id': executionId,
        'resume-context-id': HUMAN,
        input: '{"approved":true,"comment":"ship it"}',
      },
    });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.outputs['status']).toBe('completed');
    expect(resumed.outputs['execution-id']).toBe(executionId);
    expect(resumed.outputs['context-id']).toBe('');
    expect(JSON.parse(resumed.outputs['output'] ?? '')).toEqual({
      result: { prep: { greeting: 'hi Ada' }, submission: { approved: true, comment: 'ship it' } },
      stdout: '',
    });
    // on a server with v2 on, the run, its watch and the resume all went through /api/v2
    const paths = emu.journal().map((e) => `${e.method} ${e.path}`);
    const v2 = emu.v2 ? '/api/v2' : '/api';
    expect(paths).toContain(`POST ${v2}/workflows/${HITL}/execute`);
    expect(paths).toContain(
      emu.v2
        ? `POST /api/v2/workflows/${HITL}/runs/${executionId}/resume`
        : `POST /api/resume/${HITL}/${executionId}/${HUMAN}`,
    );
    if (emu.v2) expect(paths.some((p) => p.startsWith(`POST /api/workflows/${HITL}/execute`))).toBe(false);

    // resuming the same pause again fails with the server's reason
    const again = await runStep({
      node: node20,
      inputs: { ...base(), 'workflow-id': HITL, 'resume-execution-id': executionId, 'resume-context-id': HUMAN },
    });
    expect(again.code).toBe(1);
    expect(again.outputs['status']).toBe('failed');
    expect(again.outputs['error']).toMatch(/409.*Paused execution is not resumable/);
  });

  it('fail-on-error: false: a paused run warns and the step succeeds (sync and stream report paused too, with one output shape)', async () => {
    const outputs: Record<string, unknown> = {};
    for (const mode of ['async', 'sync', 'stream'] as const) {
      const r = await runStep({
        node: node20,
        inputs: { ...base(), 'workflow-id': HITL, mode, 'fail-on-error': 'false', input: '{"name":"Bo"}' },
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs['status'], mode).toBe('paused');
      expect(r.outputs['context-id']).toBe(HUMAN);
      expect(r.stdout).toMatch(
        /^::warning::Sim workflow wf-hitl is paused, waiting for a person.*fail-on-error: false/m,
      );
      // the run's own ids differ from run to run: compared without them
      outputs[mode] = JSON.parse(
        (r.outputs['output'] || 'null').split(r.outputs['execution-id'] || '\0').join('<execution-id>'),
      );
    }
    // the paused run's output (the Human block's form) has the same shape whichever mode found the pause
    expect(outputs['async']).toMatchObject({ data: expect.any(Object) });
    expect(outputs['sync']).toEqual(outputs['async']);
    expect(outputs['stream']).toEqual(outputs['async']);
  });

  it('a time pause is waited through', async () => {
    const r = await runStep({
      node: node20,
      inputs: { ...base(), 'workflow-id': SEED.workflows.waitlong, input: '{"name":"T","waitMs":1200}' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs['status']).toBe('completed');
    expect(r.stdout).toContain('Run status: paused');
  });

  it('resume-execution-id without resume-context-id is an input error (no request sent)', async () => {
    emu.clearJournal();
    const r = await runStep({ node: node20, inputs: { ...base(), 'workflow-id': HITL, 'resume-execution-id': 'abc' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::Input `resume-context-id`: is empty/);
    expect(emu.journal()).toEqual([]);
  });
});

describe('paused runs (March 2026 server: unchanged)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, profile: '2026-03', jobDurationMs: 150 });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('the job reads completed and is reported so (the server cannot tell a pause)', async () => {
    const r = await runStep({
      node: node20,
      inputs: { 'api-key': KEY, 'base-url': emu.url, 'workflow-id': HITL, input: '{"name":"M"}' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs['status']).toBe('completed');
    expect(r.outputs['context-id']).toBe('');
  });
});
