/**
 * The v2 API's envelopes (recordings/sim-server-facts.md §E, §G.22): `{data}` and `{error:{code, message, details?}}`, `Cache-Control: private,
 * no-store` on every answer, and the per-operation rate bucket's `X-RateLimit-*` headers (999999 on the recorded
 * server, where that bucket is unlimited) on every answer past authentication.
 */
import type { ApiKeyDef } from './seed.js';
import type { EmulatorState } from './state.js';
import { headerValue, isObject, json, type Ctx, type HeaderMap, type Reply } from './http.js';

export const V2_NOT_FOUND = { error: { code: 'NOT_FOUND', message: 'Not found' } };

/** `error.code` by status (Sim's v2 `FAILURE_CODE_BY_STATUS`, the codes recorded in recordings/sim-server-facts.md §E and 2026-12-03). */
const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
};

/** The v2 headers; `rate: false` for answers that never reached the rate bucket (a 401: recordings/sim-server-facts.md §M11). */
export function v2Headers(state: EmulatorState, opts: { runId?: string; rate?: boolean } = {}): HeaderMap {
  const h: HeaderMap = { 'cache-control': 'private, no-store' };
  if (opts.rate !== false) {
    h['x-ratelimit-limit'] = '999999';
    h['x-ratelimit-remaining'] = '999998';
    h['x-ratelimit-reset'] = new Date(state.now() + 60_000).toISOString();
  }
  if (opts.runId) h['x-run-id'] = opts.runId;
  return h;
}

/** `{data}`; lists add `nextCursor` (null on the last page, as recorded). */
export function v2Data(
  state: EmulatorState,
  status: number,
  body: unknown,
  runId?: string,
  nextCursor?: string | null,
): Reply {
  return json(status, nextCursor === undefined ? { data: body } : { data: body, nextCursor }, {
    headers: v2Headers(state, { runId }),
  });
}

export interface V2ErrorOptions {
  details?: unknown;
  code?: string;
  headers?: HeaderMap;
  runId?: string;
}

export function v2Error(state: EmulatorState, status: number, message: string, opts: V2ErrorOptions = {}): Reply {
  const error: Record<string, unknown> = { code: opts.code ?? CODES[status] ?? 'INTERNAL_ERROR', message };
  if (opts.details !== undefined) error.details = opts.details;
  return json(
    status,
    { error },
    { headers: { ...v2Headers(state, { runId: opts.runId, rate: status !== 401 }), ...(opts.headers ?? {}) } },
  );
}

/** The API key of a v2 request, or the recorded 401 (`Unauthorized` without a key, `Invalid API key` with a wrong one). */
export function v2Auth(state: EmulatorState, ctx: Ctx): ApiKeyDef | Reply {
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing') return v2Error(state, 401, 'Unauthorized');
  if (key === 'invalid') return v2Error(state, 401, 'Invalid API key');
  return key;
}

/** A zod-style validation failure (`details` items carry `message`: recordings/sim-server-facts.md §M12). */
export function v2Invalid(state: EmulatorState, message: string, issue: Record<string, unknown>): Reply {
  return v2Error(state, 400, message, { details: [{ ...issue, message }] });
}

/** The JSON body as an object (`{}` when empty), or a 400. */
export function v2Body(state: EmulatorState, ctx: Ctx): Record<string, unknown> | Reply {
  if (ctx.body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(ctx.body);
    if (isObject(parsed)) return parsed;
  } catch {
    // fall through
  }
  return v2Error(state, 400, 'Invalid JSON in request body');
}
