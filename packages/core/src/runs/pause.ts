// Paused runs (human in the loop, or until a time): how an answer can hide a pause, and the one shape a paused run's
// output has, whichever path found the pause. Recorded: packages/emulator/recordings/sim-server-facts.md §G.1 to
// §G.5, §G.14, §D4, §M7.
import { isRecord } from '../errors.js';

export interface PauseHint {
  kind: 'human' | 'time';
  contextId?: string;
  executionId?: string;
  workflowId?: string;
}

/**
 * What an answer that may hide a pause says about it: a Human block's output carries `data._resume` (contextId,
 * executionId, workflowId); a time pause's output is `{ waitDuration, resumeAt }`. Null when the output shows no pause.
 */
export function pauseHint(output: unknown): PauseHint | null {
  if (!isRecord(output)) return null;
  // `{ data: { _resume }, status, headers }` as answered, or `{ _resume }` once a Response-block shape was unwrapped
  const data = output['data'];
  const resume = isRecord(data) ? data['_resume'] : output['_resume'];
  if (isRecord(resume)) {
    const hint: PauseHint = { kind: 'human' };
    for (const key of ['contextId', 'executionId', 'workflowId'] as const) {
      const value = resume[key];
      if (typeof value === 'string' && value) hint[key] = value;
    }
    return hint;
  }
  const keys = Object.keys(output);
  if (keys.length === 2 && typeof output['waitDuration'] === 'number' && typeof output['resumeAt'] === 'string')
    return { kind: 'time' };
  return null;
}

/**
 * A paused run's output, in one shape whichever path found the pause: for a Human block the answer's
 * `{ data: { operation, responseStructure, inputFormat, submission, _resume }, status, headers }` (what sync answers,
 * stream final frames and jobs carry). The run record stores the block output differently (`{ …form fields, response:
 * { data, status, headers, …flattened }, _pauseMetadata, url, resumeEndpoint }`): its `response` is taken.
 */
export function pausedOutput(output: unknown): unknown {
  if (!isRecord(output)) return output ?? null;
  const response = output['response'];
  const source = isRecord(response) && 'data' in response && 'status' in response ? response : output;
  if ('data' in source && 'status' in source && 'headers' in source) {
    return { data: source['data'], status: source['status'], headers: source['headers'] };
  }
  return output;
}
