// Selected outputs mean one thing on every mode and protocol (packages/emulator/recordings/sim-server-facts.md §B,
// §G.15 to §G.17): the block outputs the caller named, keyed by what the caller wrote, read from the run's record after
// the run. Sim writes that record a moment AFTER it answers a sync run (§D1: `running`, no outputs, for 0.1–0.7 s; the
// emulator keeps that lag on its `current` profile), so the record is read until it shows the run's end.
import { describe, expect, it } from 'vitest';
import { SimNotSupportedError, SimTimeoutError, SimValidationError } from '../src/index.js';
import { CURRENT, EXECUTE, startSim } from './sim.js';

const want = { name: 'Sel', count: 3, doubled: 6 };

describe.each(CURRENT)('selected outputs (%s)', (server) => {
  it('sync: keyed by what the caller wrote, right although the record lags the answer', async () => {
    const sim = await startSim(server, { syncRecordLagMs: 700 });
    const c = sim.client();
    for (let i = 0; i < 3; i++) {
      const res = await c.runWorkflowSync(sim.seed.workflows.echo, {
        input: { name: 'Sel', count: 3 },
        selectedOutputs: ['function.result', 'start.name'],
      });
      expect(res).toMatchObject({ status: 'completed', output: { 'function.result': want, 'start.name': 'Sel' } });
      // the record was read until it showed the end: more than once, each read a few hundred ms apart at most
      expect(sim.received('GET', new RegExp(`/(executions|runs)/${res.executionId}$`)).length).toBeGreaterThan(1);
    }
  });

  it('async: never sent on the execute (Sim refuses them there), yet the run returns them', async () => {
    const sim = await startSim(server);
    const res = await sim.client().runWorkflow(sim.seed.workflows.echo, {
      input: { name: 'Sel', count: 3 },
      selectedOutputs: ['Function.result.doubled'],
    });
    expect(res).toMatchObject({ status: 'completed', output: { 'Function.result.doubled': 6 } });
    expect(JSON.parse(sim.received('POST', EXECUTE)[0]!.body)['selectedOutputs']).toBeUndefined();
  });

  it("stream: the same keys as sync and async (the stream's own final output is keyed by block id)", async () => {
    const sim = await startSim(server);
    const c = sim.client();
    const res = await c.collectStream(
      c.streamWorkflow(sim.seed.workflows.echo, {
        input: { name: 'Sel', count: 3 },
        selectedOutputs: ['function.result'],
      }),
    );
    expect(res).toMatchObject({ status: 'completed', output: { 'function.result': want } });
  });

  it('block ids work as well as names', async () => {
    const sim = await startSim(server);
    const fnId = `${sim.seed.workflows.echo}-function`;
    const res = await sim.client().runWorkflowSync(sim.seed.workflows.echo, {
      input: { name: 'Sel', count: 3 },
      selectedOutputs: [`${fnId}.result.count`, fnId],
    });
    expect(res.output).toEqual({ [`${fnId}.result.count`]: 3, [fnId]: { result: want, stdout: 'echo called' } });
  });

  it('an unknown block name fails before any run starts, naming the blocks there are', async () => {
    const sim = await startSim(server);
    const err = (await sim
      .client()
      .runWorkflowSync(sim.seed.workflows.echo, { selectedOutputs: ['agent1.content'] })
      .catch((e: unknown) => e)) as SimValidationError;
    expect(err).toBeInstanceOf(SimValidationError);
    expect(err.field).toBe('selectedOutputs');
    expect(err.message).toContain('function');
    expect(sim.received('POST', EXECUTE)).toHaveLength(0);
  });

  it('a record that never shows the end within a few seconds: a clear timeout naming the run, not a run full of nulls', async () => {
    const sim = await startSim(server, { syncRecordLagMs: 60_000 });
    const err = (await sim
      .client()
      .runWorkflowSync(sim.seed.workflows.echo, {
        input: { name: 'Sel', count: 3 },
        selectedOutputs: ['function.result'],
      })
      .catch((e: unknown) => e)) as SimTimeoutError;
    expect(err).toBeInstanceOf(SimTimeoutError);
    expect(err.message).toMatch(/completed, but Sim did not show it in the run's record/);
    expect(err.executionId).toBeTruthy();
  });
});

describe('selected outputs on the March 2026 server (no run records)', () => {
  it.each(['sync', 'async'] as const)('%s: refused before any run, naming the option and stream mode', async (mode) => {
    const sim = await startSim('march');
    const c = sim.client();
    const run =
      mode === 'sync'
        ? c.runWorkflowSync(sim.seed.workflows.echo, { selectedOutputs: ['function.result'] })
        : c.runWorkflow(sim.seed.workflows.echo, { selectedOutputs: ['function.result'] });
    const err = (await run.catch((e: unknown) => e)) as SimNotSupportedError;
    expect(err).toBeInstanceOf(SimNotSupportedError);
    expect(err.message).toMatch(/selectedOutputs.*stream mode/s);
    expect(sim.received('POST', EXECUTE)).toHaveLength(0);
  });

  it('stream still works there: the server narrows the final output itself (keyed by block id)', async () => {
    const sim = await startSim('march');
    const c = sim.client();
    const res = await c.collectStream(
      c.streamWorkflow(sim.seed.workflows.echo, {
        input: { name: 'Sel', count: 3 },
        selectedOutputs: ['function.result'],
      }),
    );
    expect(res).toMatchObject({
      status: 'completed',
      output: { [`${sim.seed.workflows.echo}-function`]: { result: want } },
    });
  });
});

it('the raw executeWorkflow refuses selectedOutputs on async before sending (the server would answer 400)', async () => {
  const sim = await startSim('v1');
  const err = await sim
    .client()
    .executeWorkflow(sim.seed.workflows.echo, { async: true, selectedOutputs: ['function.result'] })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SimValidationError);
  expect(sim.emulator.journal()).toHaveLength(0);
});
