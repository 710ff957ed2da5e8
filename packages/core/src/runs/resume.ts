// Resuming a run paused for a person, and listing the runs that wait (recorded:
// packages/emulator/recordings/sim-server-facts.md §G.7 to §G.11). A resume's answer follows the ORIGINAL run's mode
// (202 JSON, 200 JSON, 200 SSE) and names a new id that cannot be looked up: the resumed run's result is read through
// the original execution id.
import { DEFAULT_WAIT_TIMEOUT_MS, type Core } from '../core.js';
import { SimAbortError, SimNotSupportedError, SimValidationError, isRecord } from '../errors.js';
import { pathId, requireId, validateInput, validateTimeout } from '../inputs.js';
import { requireJson, send } from '../request.js';
import type { RunProtocol } from '../protocol/protocol.js';
import type { PausedRun, RequestOptions, ResumeReceipt, ResumeRunOptions, RunResult } from '../types.js';
import { POLL, watchRun } from './watch.js';

function requireResume(protocol: RunProtocol): NonNullable<RunProtocol['resume']> {
  if (protocol.resume) return protocol.resume;
  throw new SimNotSupportedError(
    'This Sim server cannot show this client a paused run, so runs are not resumed or listed on it: it has no execution ' +
      'resource (added to Sim in May 2026; this is the March 2026 server). Update the Sim server to pause and resume runs.',
    'resume',
  );
}

export async function resumeRun(
  core: Core,
  workflowId: string,
  executionId: string,
  options: ResumeRunOptions,
): Promise<RunResult | ResumeReceipt> {
  if (!isRecord(options))
    throw new SimValidationError(
      "resumeRun needs options with `contextId` (the paused result's `paused.contextId`).",
      'contextId',
    );
  requireId(workflowId, 'workflowId');
  requireId(executionId, 'executionId');
  requireId(options.contextId, 'contextId');
  const input = validateInput(options.input);
  const timeoutMs = validateTimeout(options.timeoutMs) ?? DEFAULT_WAIT_TIMEOUT_MS;
  const protocol = await core.protocol(workflowId, options.signal);
  const resume = requireResume(protocol);
  const startedAt = core.ctx.now();
  const ref = { workflowId, executionId };
  // how many pause points the run has now: after the resume, one beyond them is a new pause (see watch.ts isResuming)
  const before =
    options.wait === false
      ? undefined
      : await protocol.readRun(ref, { signal: options.signal }).catch((err: unknown) => {
          if (err instanceof SimAbortError) throw err;
          return undefined;
        });
  const snapshot = before?.snapshot as Record<string, unknown> | undefined;
  const pausePoints =
    isRecord(snapshot?.['paused']) && typeof snapshot['paused']['pausePointCount'] === 'number'
      ? snapshot['paused']['pausePointCount']
      : undefined;
  const receipt = await resume(ref, { contextId: options.contextId, input, signal: options.signal, timeoutMs });
  if (options.wait === false) return receipt;
  options.onResumed?.(receipt);
  return watchRun(core, protocol, ref, {
    deadline: startedAt + timeoutMs,
    timeoutMs,
    startedAt,
    signal: options.signal,
    onStatus: options.onStatus,
    // an answered resume (sync- or stream-origin run) has already run the rest: read at once
    firstDelayMs: receipt.httpStatus === 202 ? POLL.firstDelayMs : 0,
    resuming: { contextId: options.contextId, pausePoints },
    ...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
  });
}

function pausedRunsOf(record: Record<string, unknown>, workflowId: string): PausedRun[] {
  const points = Array.isArray(record['pausePoints']) ? record['pausePoints'].filter(isRecord) : [];
  const executionId = typeof record['executionId'] === 'string' ? record['executionId'] : '';
  return points
    .filter((p) => p['resumeStatus'] === undefined || p['resumeStatus'] === 'paused')
    .map((p) => {
      const kind = p['pauseKind'];
      const contextId = typeof p['contextId'] === 'string' ? p['contextId'] : '';
      return {
        executionId,
        workflowId: typeof record['workflowId'] === 'string' ? record['workflowId'] : workflowId,
        contextId,
        pauseKind: kind === 'human' || kind === 'time' ? kind : null,
        resumeAt: typeof p['resumeAt'] === 'string' ? p['resumeAt'] : null,
        blockId: typeof p['blockId'] === 'string' ? p['blockId'] : contextId || null,
        pausedAt: typeof record['pausedAt'] === 'string' ? record['pausedAt'] : null,
        response: p['response'] ?? null,
        raw: record,
      };
    });
}

/** The runs of a workflow that wait (`GET /api/workflows/{id}/paused`, served with v1 and v2 alike), newest first. */
export async function listPausedRuns(
  core: Core,
  workflowId: string,
  options: RequestOptions = {},
): Promise<PausedRun[]> {
  const path = `/api/workflows/${pathId(workflowId, 'workflowId')}/paused`;
  requireResume(await core.protocol(workflowId, options.signal));
  const res = await send(core.ctx, {
    operation: 'listPausedRuns',
    method: 'GET',
    path,
    retry: 'idempotent',
    signal: options.signal,
    timeoutMs: validateTimeout(options.timeoutMs),
    maxRetries: options.maxRetries,
  });
  const body = requireJson<Record<string, unknown>>(core.ctx, res, 'GET', path, 'listPausedRuns');
  const list = Array.isArray(body['pausedExecutions']) ? body['pausedExecutions'].filter(isRecord) : [];
  // the list keeps resumed and cancelled runs too: only those still waiting are returned
  return list.filter((r) => r['status'] === 'paused').flatMap((r) => pausedRunsOf(r, workflowId));
}
