// Retry policy: which failures are retried, how long to wait, and how Retry-After is read.

/** How a request may be retried. */
export type RetryMode =
  /** Safe to repeat (GETs, cancel): 408, 429, 5xx and every connection error. */
  | 'idempotent'
  /** `POST …/execute`: only 429 and errors raised before the request could reach the server. */
  | 'execute'
  | 'none';

export const DEFAULT_MAX_RETRIES = 2;
export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 8_000;
/** A Retry-After longer than this is not waited for: the error is thrown with `retryAfterMs` instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Codes of failures that happen before a request can reach the server. */
const PRE_CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isPreConnectCode(code: string | undefined): boolean {
  return code !== undefined && PRE_CONNECT_CODES.has(code);
}

export function shouldRetryStatus(mode: RetryMode, status: number): boolean {
  if (mode === 'none') return false;
  if (mode === 'execute') return status === 429;
  return status === 408 || status === 429 || status >= 500;
}

export function shouldRetryConnectionError(mode: RetryMode, preConnect: boolean): boolean {
  if (mode === 'none') return false;
  if (mode === 'execute') return preConnect;
  return true;
}

/**
 * Jittered exponential backoff: 0.5 s, 1 s, 2 s … capped at 8 s, each reduced by up to 25 % at random
 * (the openai-node schedule). `retriesSoFar` is 0 before the first retry.
 */
export function backoffDelayMs(retriesSoFar: number, random: () => number): number {
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retriesSoFar, MAX_RETRY_DELAY_MS);
  return Math.round(base * (1 - 0.25 * random()));
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
export function rateLimitRetryAfterMs(headers: Record<string, string>, body: unknown, nowMs: number): number | undefined {
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
