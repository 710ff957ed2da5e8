// Server capability detection (execution resource), once per client, against both emulator profiles.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimAuthenticationError, SimNotFoundError } from '../src/index.js';
import { clientFor, requestsTo, startEmulator, type Emulator } from './helpers.js';

describe.each(['current', '2026-03'] as const)('hasExecutionResource (%s profile)', (profile) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, profile, jobDurationMs: 100 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  const expected = profile === 'current';

  it(`answers ${expected} with one probe, then from the cache`, async () => {
    const c = clientFor(emu);
    expect(await c.hasExecutionResource(emu.seed.workflows.echo)).toBe(expected);
    expect(await c.hasExecutionResource(emu.seed.workflows.slow)).toBe(expected);
    const probes = requestsTo(emu, 'GET', /\/executions\//);
    expect(probes).toHaveLength(1);
    expect(probes[0]!.status).toBe(404);
  });

  it.runIf(expected)('a workflow the key cannot see is not cached as an answer', async () => {
    const c = clientFor(emu);
    expect(await c.hasExecutionResource('no-such-workflow')).toBe(true);
    await c.hasExecutionResource(emu.seed.workflows.echo);
    expect(requestsTo(emu, 'GET', /\/executions\//)).toHaveLength(2);
  });

  it('a bad key: the authentication error where the route exists (not cached); no route is no route', async () => {
    const bad = clientFor(emu, { apiKey: 'sk-sim-wrong-key-000000000000' });
    const err = await bad.hasExecutionResource(emu.seed.workflows.echo).catch((e) => e);
    if (expected) {
      expect(err).toBeInstanceOf(SimAuthenticationError);
      expect(err.message).not.toContain('sk-sim-wrong-key');
      expect(await clientFor(emu).hasExecutionResource(emu.seed.workflows.echo)).toBe(true);
    } else expect(err).toBe(false);
  });

  it('getExecution on a server without the resource is a 404 that says why', async () => {
    const c = clientFor(emu);
    const run = await c.runWorkflowSync(emu.seed.workflows.echo, { input: { name: 'x' } });
    const res = await c.getExecution(emu.seed.workflows.echo, run.executionId).catch((e) => e);
    if (expected) expect(res.status).toBe('completed');
    else {
      expect(res).toBeInstanceOf(SimNotFoundError);
      expect(res.message).toMatch(/May 2026/);
    }
  });
});
