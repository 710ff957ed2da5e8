// One orchestration per run mode, written once on top of the protocol seam: sync (one request that answers when the
// run ends) and async (queue, then watch). Streams are in stream.ts, resume in resume.ts; all of them end in
// `finishRun`, which confirms an answer that can hide a pause and reads selected outputs from the run's record.
import { DEFAULT_WAIT_TIMEOUT_MS, SYNC_RUN_TIMEOUT_MS, type Core } from '../core.js';
import { SimTimeoutError, SimValidationError } from '../errors.js';
import { requireId, validateInput, validateStringArray, validateTimeout } from '../inputs.js';
import type { RunProtocol, RunRef } from '../protocol/protocol.js';
import type {
  ExecutionStatus,
  ExecutionView,
  JobStatus,
  RunResult,
  RunWorkflowOptions,
  RunWorkflowSyncOptions,
} from '../types.js';
import { RunHandle, cancellingOnStop } from './cancel.js';
import { pauseHint, pausedOutput } from './pause.js';
import { RECORD_SETTLE_MS, readSettledRecord } from './record.js';
import { planSelectedOutputs, type SelectionPlan } from './selected.js';
import { MAX_RATE_LIMITED_LAUNCHES, startRun } from './start.js';
import { pausedResult, watchRun } from './watch.js';

/** Internal: a run of a batch (`runMany`) is paced without a deadline, and its clock starts when it is first sent. */
export interface BatchOptions {
  batch?: boolean;
}

export interface FinishOptions {
  /** The result came from the server's answer (a sync answer, a stream's end), which can hide a pause. */
  answered: boolean;
  selection?: SelectionPlan | undefined;
  signal?: AbortSignal | undefined;
  deadline: number;
  timeoutMs: number;
  startedAt: number;
  waitThroughHumanPause?: boolean | undefined;
  onStatus?: ((status: ExecutionStatus, snapshot: JobStatus | ExecutionView) => void) | undefined;
  /** Runs the wait that follows a hidden time pause under the run's cancel policy (its deadline and the caller's abort). */
  guard?: (<T>(work: () => Promise<T>) => Promise<T>) | undefined;
}

/**
 * After the server answered for a run, or a watch saw it end: an answer that can hide a pause (a sync 200 or a stream
 * final with a Human block's `_resume`, a time pause's `{waitDuration, resumeAt}`, a `paused` status;
 * packages/emulator/recordings/sim-server-facts.md §G.4, §G.5, §G.14)
 * is confirmed through the run's record, and selected outputs are read from it, once the record shows the run's end.
 * A time pause (or any pause, with `waitThroughHumanPause`) is waited through. Servers without run records keep the answer.
 */
export async function finishRun(
  core: Core,
  protocol: RunProtocol,
  ref: RunRef,
  result: RunResult,
  o: FinishOptions,
): Promise<RunResult> {
  if (result.status === 'failed' || result.status === 'cancelled') return result;
  const hidesPause = o.answered && (result.status === 'paused' || pauseHint(result.output) !== null);
  const selection = o.selection && (result.status === 'completed' || hidesPause) ? o.selection : undefined;
  if (!protocol.hasRunRecord || (!hidesPause && !selection)) {
    return result.status === 'paused' ? { ...result, output: pausedOutput(result.output) } : result;
  }
  const record = await readSettledRecord(core, protocol, ref, {
    selection,
    signal: o.signal,
    deadline: o.deadline,
    startedAt: o.startedAt,
  });
  const { view } = record;
  if (!record.settled) {
    if (selection && !hidesPause) {
      throw new SimTimeoutError(
        `The run ${ref.executionId} of workflow ${ref.workflowId} completed, but Sim did not show it in the run's record within ${RECORD_SETTLE_MS} ms, ` +
          'so its selected outputs could not be read. Read them later with getExecution(workflowId, executionId, { selectedOutputs }).',
        {
          executionId: ref.executionId,
          ...(ref.jobId ? { jobId: ref.jobId } : {}),
          timeoutMs: RECORD_SETTLE_MS,
          lastStatus: view.status,
        },
      );
    }
    return result;
  }
  if (view.status === 'paused') {
    if (view.paused?.pauseKind === 'time' || o.waitThroughHumanPause) {
      const guard = o.guard ?? (<T>(work: () => Promise<T>) => work());
      const watched = await guard(() =>
        watchRun(core, protocol, ref, {
          deadline: o.deadline,
          timeoutMs: o.timeoutMs,
          startedAt: o.startedAt,
          signal: o.signal,
          onStatus: o.onStatus,
          lastStatus: 'paused',
          ...(hidesPause ? { pausedOutput: result.output } : {}),
          ...(o.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
        }),
      );
      return finishRun(core, protocol, ref, watched, { ...o, answered: false });
    }
    return pausedResult(core, protocol, ref, view, {
      pausedOutput: hidesPause ? result.output : undefined,
      signal: o.signal,
      startedAt: o.startedAt,
    });
  }
  // the answer stands when it was a plain completion; after a hidden pause the record has the run's real end
  const ended = result.status === 'completed' && !hidesPause ? result : (view.result ?? result);
  if (!selection || ended.status !== 'completed') return ended;
  const { response: _response, ...rest } = ended;
  void _response;
  return { ...rest, output: selection.pick(record.ids, view.blockOutputs) };
}

interface Checked {
  input: Record<string, unknown>;
  selectedOutputs: string[] | undefined;
  timeoutMs: number;
  cancelTimeoutMs: number | undefined;
  triggerType: string | undefined;
}

/** Everything a run call is given, checked before any request. */
export function checkRunOptions(
  workflowId: unknown,
  options: RunWorkflowOptions | RunWorkflowSyncOptions,
  defaultTimeoutMs: number,
): Checked {
  requireId(workflowId, 'workflowId');
  if (options.triggerType !== undefined && (typeof options.triggerType !== 'string' || options.triggerType === ''))
    throw new SimValidationError('`triggerType` must be a non-empty string.', 'triggerType');
  return {
    input: validateInput(options.input),
    selectedOutputs: validateStringArray(options.selectedOutputs, 'selectedOutputs'),
    timeoutMs: validateTimeout(options.timeoutMs) ?? defaultTimeoutMs,
    cancelTimeoutMs: validateTimeout(options.cancelTimeoutMs, 'cancelTimeoutMs'),
    triggerType: options.triggerType,
  };
}

/** A run's clock: from the call (a single run), or from its first send (a batch item, which may wait its turn first). */
class RunClock {
  #startedAt: number | undefined;
  constructor(
    private readonly core: Core,
    private readonly timeoutMs: number,
    batch: boolean,
  ) {
    if (!batch) this.#startedAt = core.ctx.now();
  }
  sent(): void {
    this.#startedAt ??= this.core.ctx.now();
  }
  get startedAt(): number {
    return this.#startedAt ?? this.core.ctx.now();
  }
  get deadline(): number {
    return this.startedAt + this.timeoutMs;
  }
}

/** Sync execute with a client execution id; failed runs resolve with `status: 'failed'`. */
export async function runSync(
  core: Core,
  workflowId: string,
  options: RunWorkflowSyncOptions & BatchOptions = {},
): Promise<RunResult> {
  const c = checkRunOptions(workflowId, options, SYNC_RUN_TIMEOUT_MS);
  if (options.executionId !== undefined) requireId(options.executionId, 'executionId');
  const protocol = await core.protocol(workflowId, options.signal);
  const selection = await planSelectedOutputs(core, protocol, workflowId, c.selectedOutputs, 'sync', options.signal);
  const clock = new RunClock(core, c.timeoutMs, options.batch === true);
  const run = new RunHandle(workflowId);
  const policy = {
    cancelOnAbort: true,
    cancelOnTimeout: options.cancelOnTimeout !== false,
    cancelTimeoutMs: c.cancelTimeoutMs,
    timeoutMs: c.timeoutMs,
  };
  const guard = <T>(work: () => Promise<T>): Promise<T> => cancellingOnStop(core, protocol, run, policy, work);
  const ended = await guard(async () => {
    const answer = await startRun(core, protocol, {
      workflowId,
      input: c.input,
      mode: 'sync',
      executionId: options.executionId,
      triggerType: c.triggerType,
      signal: options.signal,
      timeoutMs: c.timeoutMs,
      ...(options.batch ? { maxRateLimited: MAX_RATE_LIMITED_LAUNCHES } : { deadline: clock.deadline }),
      onAttempt: (id) => {
        clock.sent();
        const renewed = run.executionId !== undefined && run.executionId !== id;
        run.executionId = id;
        if (renewed) options.onExecutionId?.(id);
      },
    });
    if (answer.kind === 'answered') {
      run.set({ executionId: answer.result.executionId });
      return { ref: run.ref as RunRef, result: answer.result, answered: true };
    }
    if (answer.kind === 'stream') throw new Error('a sync execute answered with a stream');
    // accepted without its result (v2's reconciled ambiguous answer): watch it
    run.set(answer.ref);
    const watched = await watchRun(core, protocol, answer.ref, {
      deadline: clock.deadline,
      timeoutMs: c.timeoutMs,
      startedAt: clock.startedAt,
      signal: options.signal,
      firstDelayMs: 0,
    });
    return { ref: answer.ref, result: watched, answered: false };
  });
  return finishRun(core, protocol, ended.ref, ended.result, {
    answered: ended.answered,
    selection,
    signal: options.signal,
    deadline: clock.deadline,
    timeoutMs: c.timeoutMs,
    startedAt: clock.startedAt,
    waitThroughHumanPause: options.waitThroughHumanPause,
    guard,
  });
}

/** Async execute + watch. Abort (or the deadline, with cancelOnTimeout) cancels the run before rejecting. */
export async function runAsync(
  core: Core,
  workflowId: string,
  options: RunWorkflowOptions & BatchOptions = {},
): Promise<RunResult> {
  const c = checkRunOptions(workflowId, options, DEFAULT_WAIT_TIMEOUT_MS);
  const protocol = await core.protocol(workflowId, options.signal);
  const selection = await planSelectedOutputs(core, protocol, workflowId, c.selectedOutputs, 'async', options.signal);
  const clock = new RunClock(core, c.timeoutMs, options.batch === true);
  const run = new RunHandle(workflowId);
  const policy = {
    cancelOnAbort: true,
    cancelOnTimeout: options.cancelOnTimeout !== false,
    cancelTimeoutMs: c.cancelTimeoutMs,
    timeoutMs: c.timeoutMs,
  };
  const guard = <T>(work: () => Promise<T>): Promise<T> => cancellingOnStop(core, protocol, run, policy, work);
  const watch = () => ({
    deadline: clock.deadline,
    timeoutMs: c.timeoutMs,
    startedAt: clock.startedAt,
    signal: options.signal,
    waitThroughHumanPause: options.waitThroughHumanPause,
    onStatus: options.onStatus,
  });
  const ended = await guard(async () => {
    // the client's id goes with the POST too, so that an abort while it is in flight can still cancel the run
    const answer = await startRun(core, protocol, {
      workflowId,
      input: c.input,
      mode: 'async',
      triggerType: c.triggerType,
      signal: options.signal,
      timeoutMs: Math.min(core.ctx.timeoutMs, c.timeoutMs),
      ...(options.batch ? { maxRateLimited: MAX_RATE_LIMITED_LAUNCHES } : { deadline: clock.deadline }),
      onAttempt: (id) => {
        clock.sent();
        run.executionId = id;
      },
    });
    if (answer.kind === 'answered') {
      run.set({ executionId: answer.result.executionId });
      return { ref: run.ref as RunRef, result: answer.result, answered: true };
    }
    if (answer.kind === 'stream') throw new Error('an async execute answered with a stream');
    run.set(answer.ref);
    options.onQueued?.({
      executionId: answer.ref.executionId,
      ...(answer.ref.jobId ? { jobId: answer.ref.jobId } : {}),
    });
    return { ref: answer.ref, result: await watchRun(core, protocol, answer.ref, watch()), answered: false };
  });
  return finishRun(core, protocol, ended.ref, ended.result, { ...watch(), answered: ended.answered, selection, guard });
}
