// Reads and validates every input of the Action before any request is sent. Each error names the
// input at fault and says what is wrong, so the step fails with a message a person can act on.

import { DEFAULT_BASE_URL, normalizeBaseUrl } from '@sim-integrations/core';

export type Mode = 'async' | 'sync' | 'stream';
export const MODES: readonly Mode[] = ['async', 'sync', 'stream'];

export interface ActionInputs {
  apiKey: string;
  baseUrl: string;
  workflowId: string;
  input: Record<string, unknown>;
  mode: Mode;
  wait: boolean;
  timeoutSeconds: number;
  cancelOnTimeout: boolean;
  selectedOutputs: string[];
  failOnError: boolean;
  includeGithubContext: boolean;
  commentOnPr: boolean;
  githubToken: string;
  /** Resume this paused run (of `workflowId`) with `input` instead of starting a new one. */
  resume: { executionId: string; contextId: string } | null;
}

/** Reads one raw input by its action.yml name (e.g. `api-key`); '' when unset. */
export type InputReader = (name: string) => string;

export const DEFAULTS = {
  'base-url': DEFAULT_BASE_URL,
  input: '{}',
  mode: 'async',
  wait: 'true',
  'timeout-seconds': '1800',
  'cancel-on-timeout': 'true',
  'fail-on-error': 'true',
  'include-github-context': 'false',
  'comment-on-pr': 'false',
} as const;

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`Input \`${input}\`: ${message}`);
  }
}

function withDefault(read: InputReader, name: keyof typeof DEFAULTS): string {
  const value = read(name);
  return value === '' ? DEFAULTS[name] : value;
}

function required(read: InputReader, name: string, what: string): string {
  const value = read(name);
  if (value === '') throw new InputError(name, `is required: ${what}.`);
  return value;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function parseBoolean(read: InputReader, name: keyof typeof DEFAULTS): boolean {
  const value = withDefault(read, name);
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(name, `must be \`true\` or \`false\`, got ${quote(value)}.`);
}

/** Quotes a user value for an error message, shortened so a pasted document does not flood the log. */
export function quote(value: string, max = 80): string {
  const short = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(short);
}

/** `base-url`, checked and normalised by the core (http(s) only, no credentials, no query). */
export function parseBaseUrl(raw: string): string {
  try {
    return normalizeBaseUrl(raw);
  } catch (err) {
    throw new InputError('base-url', err instanceof Error ? err.message : String(err));
  }
}

export function parseWorkflowInput(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new InputError('input', `is not valid JSON (${reason}). Pass a JSON object, e.g. '{"name": "value"}'.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    throw new InputError('input', `must be a JSON object (the workflow's input fields), got ${kind}.`);
  }
  return parsed as Record<string, unknown>;
}

export function parseMode(raw: string): Mode {
  const mode = raw.toLowerCase();
  if ((MODES as readonly string[]).includes(mode)) return mode as Mode;
  throw new InputError('mode', `must be one of ${MODES.map((m) => `\`${m}\``).join(', ')}, got ${quote(raw)}.`);
}

/** Longest accepted timeout: 35 days, beyond any GitHub job limit (self-hosted jobs stop after 5 days). */
export const MAX_TIMEOUT_SECONDS = 35 * 24 * 3600;

export function parseTimeoutSeconds(raw: string): number {
  if (!/^\d+(\.\d+)?$/.test(raw)) {
    throw new InputError('timeout-seconds', `must be a positive number of seconds, got ${quote(raw)}.`);
  }
  const seconds = Number(raw);
  if (!(seconds > 0)) throw new InputError('timeout-seconds', `must be greater than 0, got ${quote(raw)}.`);
  if (seconds > MAX_TIMEOUT_SECONDS) {
    throw new InputError('timeout-seconds', `must be at most ${MAX_TIMEOUT_SECONDS} (35 days), got ${quote(raw)}.`);
  }
  return seconds;
}

/** `selected-outputs`: block outputs such as `agent1.content`, separated by commas and/or newlines. */
export function parseSelectedOutputs(raw: string): string[] {
  const list = raw
    .split(/[,\n\r]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of list) {
    if (/\s/.test(item)) {
      throw new InputError(
        'selected-outputs',
        `entries are block outputs like \`agent1.content\` without spaces, got ${quote(item)}.`,
      );
    }
  }
  return [...new Set(list)];
}

/** Reads all inputs; throws InputError for the first invalid one. Never includes a key in a message. */
export function readInputs(read: InputReader): ActionInputs {
  const apiKey = required(
    read,
    'api-key',
    'pass your Sim API key from a secret, e.g. `api-key: ${{ secrets.SIM_API_KEY }}`',
  );
  const workflowId = required(read, 'workflow-id', 'the id of the deployed Sim workflow to run');
  const baseUrl = parseBaseUrl(withDefault(read, 'base-url'));
  const input = parseWorkflowInput(withDefault(read, 'input'));
  const mode = parseMode(withDefault(read, 'mode'));
  const wait = parseBoolean(read, 'wait');
  const timeoutSeconds = parseTimeoutSeconds(withDefault(read, 'timeout-seconds'));
  const cancelOnTimeout = parseBoolean(read, 'cancel-on-timeout');
  const selectedOutputs = parseSelectedOutputs(read('selected-outputs'));
  const failOnError = parseBoolean(read, 'fail-on-error');
  const includeGithubContext = parseBoolean(read, 'include-github-context');
  const commentOnPr = parseBoolean(read, 'comment-on-pr');
  const githubToken = read('github-token');
  const resumeExecutionId = read('resume-execution-id').trim();
  const resumeContextId = read('resume-context-id').trim();
  if ((resumeExecutionId === '') !== (resumeContextId === '')) {
    const missing = resumeExecutionId === '' ? 'resume-execution-id' : 'resume-context-id';
    throw new InputError(
      missing,
      'is empty: resuming a paused run needs both `resume-execution-id` and `resume-context-id` (the `execution-id` and `context-id` outputs of the step that reported `status: paused`).',
    );
  }
  const resume = resumeExecutionId ? { executionId: resumeExecutionId, contextId: resumeContextId } : null;

  if (includeGithubContext && Object.prototype.hasOwnProperty.call(input, 'github')) {
    throw new InputError(
      'input',
      'already has a `github` field, which `include-github-context: true` would overwrite; rename the field or turn the option off.',
    );
  }
  if (commentOnPr && githubToken === '') {
    throw new InputError(
      'github-token',
      'is empty, but `comment-on-pr: true` needs it to write the comment (the default is `${{ github.token }}`).',
    );
  }
  return {
    apiKey,
    baseUrl,
    workflowId,
    input,
    mode,
    wait,
    timeoutSeconds,
    cancelOnTimeout,
    selectedOutputs,
    failOnError,
    includeGithubContext,
    commentOnPr,
    githubToken,
    resume,
  };
}
