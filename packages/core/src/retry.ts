// The retry policy, once for every caller (requests, execute attempts, polls, batches): what may be retried, and
// how long to wait. The wait is capped exponential backoff with jitter (the openai-node schedule), never shorter
// than what the server asked for (Retry-After, or the time to the rate bucket's next refill), which gets a little
// jitter on top so that many clients do not come back at the same instant.

/** How a request may be retried. */
export type RetryMode =
  /** Safe to repeat (GETs, cancel): 408, 429, 5xx and every connection error. */
  | 'idempotent'
  /** A request that starts something (resume, deploy, import): only after a 429 or when it cannot have reached the server. */
  | 'once'
  | 'none';

export const DEFAULT_MAX_RETRIES = 2;
const INITIAL_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** A Retry-After longer than this is not waited for inside a request: the error is thrown with `retryAfterMs`. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Codes of failures that happen before a request can reach the server. */
const PRE_CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function isPreConnectCode(code: string | undefined): boolean {
  return code !== undefined && PRE_CONNECT_CODES.has(code);
}

/** Whether an HTTP error status may be retried in this mode (a 429 means the server did nothing). */
export function shouldRetryStatus(mode: RetryMode, status: number): boolean {
  if (mode === 'once') return status === 429;
  return mode === 'idempotent' && (status === 408 || status === 429 || status >= 500);
}

/** Whether a connection failure may be retried in this mode. */
export function shouldRetryConnectionError(mode: RetryMode, preConnect: boolean): boolean {
  if (mode === 'none') return false;
  if (mode === 'once') return preConnect;
  return true;
}

/**
 * How long to wait before retry number `retriesSoFar + 1`: 0.5 s, 1 s, 2 s … capped at 8 s, each less up to 25 % at
 * random; when the server named a wait (`retryAfterMs`: Retry-After, or the rate bucket's next refill) at least that,
 * plus up to a quarter of it (0.1–1 s) of jitter.
 */
export function retryDelayMs(retriesSoFar: number, random: () => number, retryAfterMs?: number): number {
  const base = Math.min(INITIAL_DELAY_MS * 2 ** retriesSoFar, MAX_BACKOFF_MS);
  const backoff = Math.round(base * (1 - 0.25 * random()));
  if (retryAfterMs === undefined) return backoff;
  const jitter = Math.round(random() * Math.min(1_000, Math.max(100, retryAfterMs * 0.25)));
  return Math.max(backoff, retryAfterMs + jitter);
}

/**
 * Reads how long the server asked us to wait, in ms: `retry-after-ms`, then `retry-after` as seconds
 * or an HTTP date. Returns undefined when absent or unreadable.
 */
export function parseRetryAfterMs(headers: Record<string, string>, nowMs: number): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * How long a 429 tells us to wait: the Retry-After header, else the v1 body's `retryAfter`
 * (epoch milliseconds on the real server), else the ISO `x-ratelimit-reset` header.
 */
export function rateLimitRetryAfterMs(
  headers: Record<string, string>,
  body: unknown,
  nowMs: number,
): number | undefined {
  const fromHeader = parseRetryAfterMs(headers, nowMs);
  if (fromHeader !== undefined) return fromHeader;
  if (typeof body === 'object' && body !== null) {
    const ra = (body as Record<string, unknown>)['retryAfter'];
    if (typeof ra === 'number' && Number.isFinite(ra)) {
      // Epoch ms (what the server sends) vs a plain number of seconds (what a proxy might send).
      if (ra > 1e11) return Math.max(0, ra - nowMs);
      if (ra >= 0) return ra * 1000;
    }
  }
  const reset = headers['x-ratelimit-reset'];
  if (reset) {
    const date = Date.parse(reset);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  return undefined;
}
