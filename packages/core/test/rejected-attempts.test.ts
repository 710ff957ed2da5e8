// The entry a rate-limited attempt leaves in the user's logs (Sim's preprocessing writes one for every execute it
// refuses): recognised by its message, so triggers skip it (client.isRejectedAttempt; rejected-runs.ts).
import { describe, expect, it } from 'vitest';
import { isRejectedAttemptLog } from '../src/rejected-runs.js';
import { startSim } from './sim.js';

describe("isRejectedAttemptLog: the marker of the rate-limited attempt's entry", () => {
  const message = 'Rate limit exceeded. 0 requests remaining. Resets at 2026-12-01T10:00:00.000Z.';
  it('recognises a list item and a log detail of an API execute', () => {
    expect(
      isRejectedAttemptLog({ level: 'error', trigger: 'api', totalDurationMs: 1, finalOutput: { error: message } }),
    ).toBe(true);
    expect(
      isRejectedAttemptLog({ level: 'error', trigger: 'api', executionData: { completionFailure: message } }),
    ).toBe(true);
  });
  it('keeps real failures, entries without the final output, and rate-limited schedule or webhook runs (nobody retries those)', () => {
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'api', finalOutput: { error: 'Function: boom' } })).toBe(
      false,
    );
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'api', totalDurationMs: 1 })).toBe(false);
    expect(isRejectedAttemptLog({ level: 'error', trigger: 'schedule', finalOutput: { error: message } })).toBe(false);
    expect(isRejectedAttemptLog({ level: 'info', trigger: 'api', finalOutput: { error: message } })).toBe(false);
  });
});

describe('client.isRejectedAttempt (what both triggers use)', () => {
  it('reads the detail only for a 1 ms API error entry without its final output', async () => {
    const sim = await startSim('v1', { rateLimits: { execute: 1 } });
    const c = sim.client({ maxRetries: 0 });
    const ok = await c.runWorkflowSync(sim.seed.workflows.echo, { input: { name: 'first' } });
    const refused = await c.runWorkflowSync(sim.seed.workflows.echo).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'SimRateLimitError' });
    const failed = await sim.client().runWorkflowSync(sim.seed.workflows.fail, { input: { name: 'F' } });
    const page = await c.queryLogs({
      workspaceId: sim.seed.workspaceId,
      workflowIds: `${sim.seed.workflows.echo},${sim.seed.workflows.fail}`,
      limit: 10,
      order: 'desc',
    });
    const byExecution = new Map(page.data.map((l) => [l.executionId, l]));
    sim.emulator.clearJournal();
    const burnt = page.data.find((l) => l.level === 'error' && l.executionId !== failed.executionId)!;
    expect(await c.isRejectedAttempt(burnt)).toBe(true);
    expect(await c.isRejectedAttempt(byExecution.get(ok.executionId)!)).toBe(false);
    expect(sim.received('GET', /^\/api\/v1\/logs\//)).toHaveLength(1);
    expect(await c.isRejectedAttempt(byExecution.get(failed.executionId)!)).toBe(false);
  });
});
