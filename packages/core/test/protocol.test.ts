// Which protocol a client speaks: the one place the server's version decides (protocol/detect.ts). Forced with
// `apiVersion`, or detected once per client (two probes in parallel) and cached.
import { describe, expect, it } from 'vitest';
import { SimAuthenticationError, SimNotFoundError, SimValidationError } from '../src/index.js';
import { startSim, type ServerName } from './sim.js';

const PROBES = /\/(executions|runs)\/00000000-0000-4000-8000-00000000c0de$/;
const V2 = /^\/api\/v2\//;

describe.each([
  ['v1', 'v1'],
  ['v2', 'v2'],
  ['march', 'v1-2026-03'],
] as Array<[ServerName, string]>)('detection on a %s server', (server, expected) => {
  it(`says ${expected}, asked once per client: later runs and other workflows use the cached answer`, async () => {
    const sim = await startSim(server);
    const c = sim.client();
    expect(await c.serverProtocol(sim.seed.workflows.echo)).toBe(expected);
    await c.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'A' } });
    await c.runWorkflow(sim.seed.workflows.slow, { input: { delayMs: 10 } });
    expect(await c.serverProtocol(sim.seed.workflows.slow)).toBe(expected);
    expect(sim.received('GET', PROBES)).toHaveLength(2);
    // the runs went where the protocol says
    expect(sim.received('POST', V2).length > 0).toBe(server === 'v2');
  });

  it("a bad key: the server's authentication error where the route exists, not cached, never the key in the message", async () => {
    const sim = await startSim(server);
    const bad = sim.client({ apiKey: 'sk-sim-wrong-key-000000000000' });
    const err = await bad.serverProtocol(sim.seed.workflows.echo).catch((e: unknown) => e);
    if (server === 'march')
      expect(err).toBe('v1-2026-03'); // no route there: nothing to authenticate
    else {
      expect(err).toBeInstanceOf(SimAuthenticationError);
      expect((err as Error).message).not.toContain('sk-sim-wrong-key');
    }
    expect(await sim.client().serverProtocol(sim.seed.workflows.echo)).toBe(expected);
  });
});

describe('detection', () => {
  it('a workflow the key cannot see settles nothing: the next call asks again', async () => {
    const sim = await startSim('v1');
    const c = sim.client();
    expect(await c.serverProtocol('no-such-workflow')).toBe('v1');
    expect(await c.serverProtocol(sim.seed.workflows.echo)).toBe('v1');
    expect(sim.received('GET', PROBES)).toHaveLength(4);
  });

  it('apiVersion v1 keeps v1 on a v2 server (no probe of v2); v2 sends nothing to detect; anything else is refused', async () => {
    const sim = await startSim('v2');
    const v1 = sim.client({ apiVersion: 'v1' });
    expect((await v1.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'One', count: 1 } })).status).toBe(
      'completed',
    );
    expect(sim.emulator.journal().filter((e) => V2.test(e.path))).toHaveLength(0);
    sim.emulator.clearJournal();
    const v2 = sim.client({ apiVersion: 'v2' });
    expect((await v2.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'Two', count: 1 } })).status).toBe(
      'completed',
    );
    expect(sim.received('GET', PROBES)).toHaveLength(0);
    expect(() => sim.client({ apiVersion: 'v3' as never })).toThrow(SimValidationError);
  });

  it("forcing v2 where v2 is off gets the server's own 404", async () => {
    const sim = await startSim('v1');
    const err = (await sim
      .client({ apiVersion: 'v2' })
      .runWorkflowSync(sim.seed.workflows.echo, { input: {} })
      .catch((e: unknown) => e)) as SimNotFoundError;
    expect(err).toBeInstanceOf(SimNotFoundError);
    expect(err.message).toContain('Not found');
  });

  it("getExecution on a server without run records is the server's 404, which says why", async () => {
    const sim = await startSim('march');
    const c = sim.client();
    const run = await c.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'x' } });
    const err = (await c
      .getExecution(sim.seed.workflows.echo, run.executionId)
      .catch((e: unknown) => e)) as SimNotFoundError;
    expect(err).toBeInstanceOf(SimNotFoundError);
    expect(err.message).toMatch(/May 2026/);
  });
});
