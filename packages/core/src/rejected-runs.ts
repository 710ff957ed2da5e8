// Log entries of executes that never ran. Sim claims an execution id before preprocessing, and when preprocessing
// refuses the request (here: the rate limit) it still writes a log entry for that id
// (`logPreprocessingError` in apps/sim/lib/execution/preprocessing.ts, v0.8.9): level `error`, status failed, ~1 ms,
// cost 0, a single "Workflow Error" trace span, and `finalOutput: {error: <message>}` / `completionFailure: <message>`
// with a fixed message. That message is the one reliable marker; it needs the final output (v1 logs with
// `details=full&includeFinalOutput=true`, or the log detail).

/** The message preprocessing writes for an execute it rate-limited (429) before the workflow started. */
const REJECTED_ATTEMPT = [/^Rate limit exceeded\. \d+ requests remaining\. Resets at /];

function errorText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string')
    return (value as { error: string }).error;
  return undefined;
}

/**
 * True when a log entry records an API execute that Sim rate-limited before running anything (a 429: the client
 * retried it with a new id, so the run itself has its own entry). Reads `finalOutput` (list with includeFinalOutput) or
 * `executionData.finalOutput` / `executionData.completionFailure` (log detail). False when the entry carries none of them.
 */
export function isRejectedAttemptLog(log: unknown): boolean {
  if (typeof log !== 'object' || log === null) return false;
  const entry = log as Record<string, unknown>;
  if (entry['level'] !== undefined && entry['level'] !== 'error') return false;
  // Only API executes: a client retries those (under a new id). A rate-limited schedule or webhook run is not
  // retried by anyone, so its entry is the only trace of a run that was missed: keep it.
  if (entry['trigger'] !== undefined && entry['trigger'] !== 'api') return false;
  const data =
    typeof entry['executionData'] === 'object' && entry['executionData'] !== null
      ? (entry['executionData'] as Record<string, unknown>)
      : {};
  const texts = [errorText(entry['finalOutput']), errorText(data['finalOutput']), errorText(data['completionFailure'])];
  return texts.some((t) => t !== undefined && REJECTED_ATTEMPT.some((re) => re.test(t)));
}

/** The longest a refused attempt's entry lasts (recorded 1 ms; a little room for rounding). */
const REJECTED_MAX_MS = 5;

/**
 * Whether a log entry is a rejected execute attempt (see isRejectedAttemptLog), reading the entry's detail only when the
 * entry itself cannot tell (no final output in it) and it could be one (an API run, level error, over in a few ms).
 * What both triggers use to skip those entries: a finished run has an entry of its own under its own id.
 */
export async function isRejectedAttempt(
  log: unknown,
  readDetail: (logId: string) => Promise<unknown>,
): Promise<boolean> {
  if (typeof log !== 'object' || log === null) return false;
  const entry = log as Record<string, unknown>;
  if (entry['level'] !== 'error' || (entry['trigger'] !== undefined && entry['trigger'] !== 'api')) return false;
  if ('finalOutput' in entry || 'executionData' in entry) return isRejectedAttemptLog(entry);
  const ms = entry['totalDurationMs'];
  if (typeof ms !== 'number' || ms > REJECTED_MAX_MS || typeof entry['id'] !== 'string' || entry['id'] === '')
    return false;
  const detail = await readDetail(entry['id']);
  const data = typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)['data'] : undefined;
  return isRejectedAttemptLog(data);
}
