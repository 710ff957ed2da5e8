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
  if (typeof value === 'object' && value !== null && typeof (value as { error?: unknown }).error === 'string') return (value as { error: string }).error;
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
  const data = typeof entry['executionData'] === 'object' && entry['executionData'] !== null ? (entry['executionData'] as Record<string, unknown>) : {};
  const texts = [errorText(entry['finalOutput']), errorText(data['finalOutput']), errorText(data['completionFailure'])];
  return texts.some((t) => t !== undefined && REJECTED_ATTEMPT.some((re) => re.test(t)));
}
