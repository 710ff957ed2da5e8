// The step outputs, set through @actions/core (the `GITHUB_OUTPUT` file). Large values are cut to
// stay under GitHub's per-job output limit, with a note saying so.
import * as core from '@actions/core';
import { ERROR_LIMIT, OUTPUT_LIMIT, formatChars, truncate } from './truncate.js';

export type ActionStatus = 'completed' | 'failed' | 'cancelled' | 'timed_out' | 'queued' | 'paused';

export interface ActionResult {
  executionId?: string | undefined;
  jobId?: string | undefined;
  status: ActionStatus;
  /** The workflow output (any JSON value); undefined when there is none. */
  output?: unknown;
  error?: string | null | undefined;
  durationMs?: number | undefined;
  /** A paused run: the pause point to resume (with `executionId`). */
  contextId?: string | undefined;
  /** A paused run: `human` (someone must resume it) or `time` (it resumes by itself at `resumeAt`). */
  pauseKind?: 'human' | 'time' | null | undefined;
  resumeAt?: string | null | undefined;
}

export interface OutputValues {
  'execution-id': string;
  'job-id': string;
  status: ActionStatus;
  output: string;
  error: string;
  'duration-ms': string;
  'context-id': string;
}

export interface FormattedOutputs {
  values: OutputValues;
  outputTruncated: boolean;
  /** Length of the full `output` JSON text, in UTF-16 code units. */
  outputLength: number;
}

/** Serialises any output value as JSON; `undefined` becomes '' (no output). */
export function outputJson(output: unknown): string {
  if (output === undefined) return '';
  try {
    return JSON.stringify(output) ?? '';
  } catch {
    return JSON.stringify(String(output));
  }
}

export function formatOutputs(result: ActionResult): FormattedOutputs {
  const json = outputJson(result.output);
  const out = truncate(
    json,
    OUTPUT_LIMIT,
    (n) =>
      `\n…[output truncated: ${formatChars(n)} in total, over GitHub's step output limit; ` +
      `read the full output from Sim's logs for execution ${result.executionId ?? '(unknown)'}]`,
  );
  const err = truncate(result.error ?? '', ERROR_LIMIT, (n) => `\n…[error truncated: ${formatChars(n)} in total]`);
  return {
    values: {
      'execution-id': result.executionId ?? '',
      'job-id': result.jobId ?? '',
      status: result.status,
      output: out.text,
      error: err.text,
      'duration-ms': result.durationMs === undefined ? '' : String(Math.max(0, Math.round(result.durationMs))),
      'context-id': result.status === 'paused' ? (result.contextId ?? '') : '',
    },
    outputTruncated: out.truncated,
    outputLength: out.originalLength,
  };
}

/** Sets all seven outputs (always all of them, so later steps can rely on each name existing). */
export function setOutputs(result: ActionResult): FormattedOutputs {
  const formatted = formatOutputs(result);
  for (const [name, value] of Object.entries(formatted.values)) core.setOutput(name, value);
  if (formatted.outputTruncated) {
    core.warning(
      `The workflow output (${formatChars(formatted.outputLength)}) is larger than GitHub allows for a step output; ` +
        'the `output` output was truncated. Use `selected-outputs` to return only the block outputs you need.',
    );
  }
  return formatted;
}
