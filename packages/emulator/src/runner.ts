/** Running one execution to its end on the emulator's clock: queue wait, the workflow, deadlines, then its record. */
import type { EmulatorState } from './state.js';
import type { Execution } from './jobs.js';
import { timeoutMessage } from './state.js';
import { ownDelayMs, runWorkflow, type Chunk, type Outcome } from './workflows.js';
import { sleep } from './timers.js';
import { pauseRun } from './pause.js';

/** Runs an execution to its end and records it (log entry and workflow stats, or the pause record). */
export function startRun(
  state: EmulatorState,
  exec: Execution,
  onChunk?: (blockId: string, chunk: Chunk) => Promise<void>,
): Promise<Outcome> {
  const p = runToEnd(state, exec, onChunk);
  state.keepRunning(p);
  return p;
}

async function runToEnd(
  state: EmulatorState,
  exec: Execution,
  onChunk?: (blockId: string, chunk: Chunk) => Promise<void>,
): Promise<Outcome> {
  const { clock } = state;
  const signal = exec.controller.signal;
  let deadline: unknown = null;
  if (exec.timeoutMs !== null) {
    deadline = clock.setTimeout(() => {
      if (exec.status !== 'running') return;
      exec.timedOut = true;
      exec.controller.abort();
    }, exec.timeoutMs);
  }
  let outcome: Outcome;
  try {
    if (exec.mode === 'async' && state.opts.jobQueuedMs > 0) {
      exec.queued = true;
      await sleep(clock, state.opts.jobQueuedMs, signal);
      exec.queued = false;
    }
    const started = clock.now();
    outcome = await runWorkflow(exec.workflow, {
      input: exec.input,
      signal,
      slowWorkflowMs: state.opts.slowWorkflowMs,
      onChunk,
      clock,
    });
    if (
      exec.mode === 'async' &&
      outcome.kind !== 'cancelled' &&
      ownDelayMs(exec.workflow, exec.input, state.opts.slowWorkflowMs) === null
    ) {
      await sleep(clock, state.opts.jobDurationMs - (clock.now() - started), signal);
      if (signal.aborted) outcome = { kind: 'cancelled' };
    }
  } catch (err) {
    outcome = { kind: 'failure', error: `Emulator error: ${(err as Error).message}` };
  }
  if (deadline !== null) clock.clearTimeout(deadline);
  if (exec.cancelled) outcome = { kind: 'cancelled' };
  else if (exec.timedOut) outcome = { kind: 'failure', error: timeoutMessage(exec.timeoutMs!) };
  if (outcome.kind === 'paused') {
    exec.outcome = outcome;
    pauseRun(state, exec, outcome.pauseKind, outcome.blockId, outcome.waitMs);
  } else state.finish(exec, outcome);
  // Sim answers a sync run before it writes the run's record (recordings/sim-server-facts.md §D1): the execution resource lags behind.
  // A stream's record is written before the stream ends (0 of 8 reads lagged), and nobody waits on an async run.
  if (exec.mode === 'sync' && state.opts.syncRecordLagMs > 0)
    exec.recordAtMs = state.now() + state.opts.syncRecordLagMs;
  return outcome;
}
