// A run record (v1's execution resource, or v2's run mapped onto it) as the protocol-neutral RunView.
import { isRecord } from '../errors.js';
import { unwrapResponseBlock } from '../normalize.js';
import type { ExecutionStatus, ExecutionView, RunPause, RunResult } from '../types.js';
import type { RunRef, RunView } from './protocol.js';

/** The resume details of a paused record. */
export function pauseOfView(view: ExecutionView): RunPause {
  const p = isRecord(view.paused) ? view.paused : undefined;
  const kind = p?.pauseKind;
  const blockId = typeof p?.blockedOnBlockId === 'string' ? p.blockedOnBlockId : null;
  return {
    contextId: typeof p?.contextId === 'string' ? p.contextId : (blockId ?? ''),
    pauseKind: kind === 'human' || kind === 'time' ? kind : null,
    resumeAt: typeof p?.resumeAt === 'string' ? p.resumeAt : null,
    blockId,
  };
}

export function errorText(error: unknown): string | undefined {
  if (typeof error === 'string' && error) return error;
  if (isRecord(error) && typeof error['message'] === 'string' && error['message']) return error['message'];
  return undefined;
}

/** A run record as a RunView: the result once it has ended, the pause while it is paused. */
export function runViewOfRecord(view: ExecutionView, ref: RunRef, elapsedMs: number): RunView {
  // `paused` with no open pause point (`contextId: null`) is how the server reads while a resume is being run
  // (packages/emulator/recordings/2026-12-03-live-resume.md §A1, v1): nothing to act on, the run goes on
  const beingResumed = view.status === 'paused' && isRecord(view.paused) && view.paused.contextId === null;
  const status = (beingResumed ? 'running' : view.status) as ExecutionStatus;
  const base = { executionId: ref.executionId, ...(ref.jobId ? { jobId: ref.jobId } : {}) };
  const durationMs =
    typeof view.totalDurationMs === 'number' && view.totalDurationMs >= 0
      ? Math.round(view.totalDurationMs)
      : elapsedMs;
  let result: RunResult | null = null;
  if (status === 'completed') {
    const unwrapped = unwrapResponseBlock(view.finalOutput ?? null);
    result = { ...base, status: 'completed', output: unwrapped.output ?? null, error: null, durationMs };
    if (unwrapped.response) result.response = unwrapped.response;
  } else if (status === 'failed') {
    result = {
      ...base,
      status: 'failed',
      output: view.finalOutput ?? null,
      error: errorText(view.error) ?? 'The workflow run failed (no error message from the server).',
      durationMs,
    };
  } else if (status === 'cancelled') {
    result = {
      ...base,
      status: 'cancelled',
      output: view.finalOutput ?? null,
      error: errorText(view.error) ?? 'Cancelled',
      durationMs,
    };
  }
  return {
    status,
    result,
    paused: status === 'paused' ? pauseOfView(view) : null,
    blockOutputs: isRecord(view.blockOutputs) ? view.blockOutputs : null,
    snapshot: view,
  };
}
