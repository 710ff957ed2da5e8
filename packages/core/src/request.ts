// The request layer: URL building on the configured origin, headers, per-request timeout, JSON
// parsing, error mapping and retries. Every operation of the client goes through `send`.
import {
  SimAbortError,
  SimApiError,
  SimAuthCheckError,
  SimAuthenticationError,
  SimBadRequestError,
  SimConnectionError,
  SimError,
  SimExecutionIdConflictError,
  SimInternalServerError,
  SimNotFoundError,
  SimPermissionDeniedError,
  SimRateLimitError,
  SimTimeoutError,
  SimWorkflowNotDeployedError,
  isRecord,
  type Operation,
  type SimApiErrorInit,
} from './errors.js';
import type { Deadlines } from './deadlines.js';
import type { HttpMethod, Logger, Sleep, Transport, TransportResponse } from './ports.js';
import { redactDeep, redactHeaders, redactSecrets } from './redact.js';
import {
  MAX_RETRY_AFTER_MS,
  isPreConnectCode,
  parseRetryAfterMs,
  rateLimitRetryAfterMs,
  retryDelayMs,
  shouldRetryConnectionError,
  shouldRetryStatus,
  type RetryMode,
} from './retry.js';
import { USER_AGENT } from './version.js';

export interface RequestContext {
  baseUrl: string;
  /** Per-request timeouts, on one shared timer. */
  deadlines: Deadlines;
  apiKey: string;
  transport: Transport;
  sleep: Sleep;
  logger: Logger | undefined;
  now: () => number;
  random: () => number;
  maxRetries: number;
  timeoutMs: number;
}

export type QueryValue = string | number | boolean | Date | ReadonlyArray<string | number> | null | undefined;

export interface SendOptions {
  operation: Operation;
  method: HttpMethod;
  /** Path below the base URL, ids already encoded. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** Serialised as JSON. */
  body?: unknown;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  retry: RetryMode;
  responseType?: 'text' | 'stream';
  /** When false, non-2xx answers are returned (after retries) instead of thrown. */
  throwOnError?: boolean;
}

export interface SendResult {
  status: number;
  headers: Record<string, string>;
  /** Body text ('text' responses, and error answers of 'stream' requests). */
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** True when `json` holds a parsed body. */
  isJson: boolean;
  /** The byte stream of a 2xx 'stream' response. Call `release` when done with it (the iterator does). */
  stream?: AsyncIterable<Uint8Array | string>;
  /** Stops the per-request timeout timer and detaches from the caller's signal. Idempotent. */
  release: () => void;
  /** Whether the per-request timeout fired. */
  timedOut: () => boolean;
  /** Aborts the underlying request (drops a stream the caller stopped reading). */
  abort: () => void;
}

const JSON_CONTENT_TYPE = /^application\/([\w.+-]*\+)?json\b/i;
const SNIPPET_LENGTH = 200;

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  let url = baseUrl + path;
  if (query) {
    const parts: string[] = [];
    for (const [key, raw] of Object.entries(query)) {
      if (raw === undefined || raw === null) continue;
      let value: string;
      if (raw instanceof Date) value = raw.toISOString();
      else if (Array.isArray(raw)) {
        if (raw.length === 0) continue;
        value = raw.join(',');
      } else value = String(raw);
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
    if (parts.length) url += `?${parts.join('&')}`;
  }
  return url;
}

export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_CONTENT_TYPE.test(contentType.trim());
}

/** Short, single-line excerpt of a body for error messages. */
export function snippet(text: string, max = SNIPPET_LENGTH): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const flat = (title ? `${title.trim()} — ${text.replace(/<[^>]*>/g, ' ')}` : text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  return out;
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; isRecord(e) || e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code && code !== 'UND_ERR_ABORTED' && code !== 'ABORT_ERR') return code;
    if (depth > 4) break;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * `401 {"error":"Rate limit check failed"}`: Sim's v1 middleware answers this for any exception while it
 * authenticates or checks the rate limit (a database or Redis hiccup). Transient, and says nothing about the key.
 */
export function isRateLimitCheckFailure(res: { status: number; json: unknown; isJson: boolean }): boolean {
  return res.status === 401 && res.isJson && isRecord(res.json) && res.json['error'] === 'Rate limit check failed';
}

/** The server's message and machine-readable code: v1 `{error, code?}`, v2 `{error:{code, message, details:{code}}}`. */
function serverErrorOf(json: unknown): {
  message: string | undefined;
  code: string | undefined;
  details: Record<string, unknown> | undefined;
} {
  if (!isRecord(json)) return { message: undefined, code: undefined, details: undefined };
  const err = json['error'];
  if (isRecord(err)) {
    const details = isRecord(err['details']) ? err['details'] : undefined;
    const code =
      typeof details?.['code'] === 'string'
        ? details['code']
        : typeof err['code'] === 'string'
          ? err['code']
          : undefined;
    return { message: typeof err['message'] === 'string' ? err['message'] : undefined, code, details };
  }
  const message = typeof err === 'string' ? err : typeof json['message'] === 'string' ? json['message'] : undefined;
  return { message, code: typeof json['code'] === 'string' ? json['code'] : undefined, details: undefined };
}

/** Builds the right SimApiError subclass for an error answer: the one place errors are made from answers. */
export function apiErrorFrom(
  ctx: Pick<RequestContext, 'apiKey' | 'now'>,
  init: {
    status: number;
    headers: Record<string, string>;
    text: string;
    json: unknown;
    isJson: boolean;
    method: string;
    path: string;
    operation?: Operation | undefined;
    message?: string;
  },
): SimApiError {
  const server = init.isJson ? serverErrorOf(init.json) : { message: undefined, code: undefined, details: undefined };
  const redact = (s: string) => redactSecrets(s, [ctx.apiKey]);
  const body: unknown = init.isJson ? redactDeep(init.json, [ctx.apiKey]) : snippet(redact(init.text));
  const base: SimApiErrorInit = {
    status: init.status,
    headers: init.headers,
    body,
    error: server.message === undefined ? undefined : redact(server.message),
    code: server.code,
    method: init.method,
    path: init.path,
    operation: init.operation,
  };
  if (init.message) base.message = redact(init.message);
  else if (!init.isJson && init.text.trim() !== '') {
    base.message =
      `Sim API ${init.method} ${init.path} failed with HTTP ${init.status} and a non-JSON body` +
      ` (${init.headers['content-type'] ?? 'no content-type'}): "${snippet(redact(init.text))}".` +
      (init.status >= 500 ? ' The Sim server or a proxy in front of it failed; try again later.' : '');
  }
  const s = init.status;
  if (s === 400) return new SimBadRequestError(base);
  if (s === 401 && isRateLimitCheckFailure(init)) return new SimAuthCheckError(base);
  if (s === 401) return new SimAuthenticationError(base);
  if (s === 409 && (server.code === 'EXECUTION_ID_CONFLICT' || server.code === 'RUN_ID_CONFLICT')) {
    // v1: {code, executionId}; v2: {error:{details:{code, runId}}}
    const id =
      isRecord(init.json) && typeof init.json['executionId'] === 'string'
        ? init.json['executionId']
        : server.details?.['runId'];
    return new SimExecutionIdConflictError({ ...base, executionId: typeof id === 'string' ? id : undefined });
  }
  if (
    s === 403 &&
    (server.code === 'WORKFLOW_NOT_DEPLOYED' || /^workflow is not deployed/i.test(server.message ?? ''))
  ) {
    return new SimWorkflowNotDeployedError({ ...base, code: 'WORKFLOW_NOT_DEPLOYED' });
  }
  if (s === 403) return new SimPermissionDeniedError(base);
  if (s === 404) return new SimNotFoundError(base);
  if (s === 429)
    return new SimRateLimitError({ ...base, retryAfterMs: rateLimitRetryAfterMs(init.headers, init.json, ctx.now()) });
  if (s >= 500) return new SimInternalServerError(base);
  return new SimApiError(base);
}

function parseBody(text: string, headers: Record<string, string>): { json: unknown; isJson: boolean } {
  // First non-whitespace character, without copying the body.
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  if (i === text.length) return { json: undefined, isJson: false };
  const first = text.charCodeAt(i);
  if (first === 123 /* { */ || first === 91 /* [ */ || isJsonContentType(headers['content-type'])) {
    try {
      return { json: JSON.parse(text), isJson: true };
    } catch {
      return { json: undefined, isJson: false };
    }
  }
  return { json: undefined, isJson: false };
}

async function readAll(body: string | AsyncIterable<Uint8Array | string>, limit = 1_048_576): Promise<string> {
  if (typeof body === 'string') return body;
  const decoder = new TextDecoder();
  let text = '';
  for await (const part of body) {
    text += typeof part === 'string' ? part : decoder.decode(part, { stream: true });
    if (text.length > limit) break;
  }
  return text + decoder.decode();
}

/** Sleeps on the sleep port; an abort of `signal` turns into SimAbortError. */
export async function abortableSleep(
  ctx: Pick<RequestContext, 'sleep'>,
  ms: number,
  signal: AbortSignal | undefined,
  what = 'The request was aborted.',
): Promise<void> {
  if (signal?.aborted) throw new SimAbortError(what, { cause: signal.reason });
  if (ms <= 0) return;
  try {
    await ctx.sleep(ms, signal);
  } catch (err) {
    if (signal?.aborted) throw new SimAbortError(what, { cause: signal.reason });
    throw err;
  }
  if (signal?.aborted) throw new SimAbortError(what, { cause: signal.reason });
}

const TIMEOUT_REASON = Symbol('sim-timeout');
const RELEASED = Symbol('sim-request-done');

/** One attempt: sends the request with a per-request timeout, classifies network failures. */
async function attempt(
  ctx: RequestContext,
  opts: SendOptions,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<SendResult> {
  const userSignal = opts.signal;
  // The transport is told to stop through `onAbort` listeners, or through an AbortSignal made only if it asks for one
  // (`signal`): most requests end without an abort, and Node's AbortSignal is what a plain call would pay most for.
  let stopped: { reason: unknown } | undefined;
  let controller: AbortController | undefined;
  let listeners: Set<(reason: unknown) => void> | undefined;
  const signalOf = (): AbortSignal => {
    if (!controller) {
      controller = new AbortController();
      if (stopped) controller.abort(stopped.reason);
    }
    return controller.signal;
  };
  const onAbort = (listener: (reason: unknown) => void): (() => void) => {
    if (stopped) {
      listener(stopped.reason);
      return () => undefined;
    }
    (listeners ??= new Set()).add(listener);
    return () => listeners?.delete(listener);
  };
  const stopTransport = (reason: unknown) => {
    if (stopped) return;
    stopped = { reason };
    controller?.abort(reason);
    if (listeners) for (const listener of listeners) listener(reason);
  };
  // Rejects whatever the attempt is waiting for, even if the transport ignores its signal.
  let rejectPending: ((reason: unknown) => void) | undefined;
  const abortNow = (reason: unknown) => {
    stopTransport(reason);
    rejectPending?.(reason);
  };
  const onUserAbort = () => abortNow(userSignal?.reason);
  if (userSignal?.aborted)
    throw new SimAbortError('The request was aborted before it was sent.', { cause: userSignal.reason });
  userSignal?.addEventListener('abort', onUserAbort, { once: true });
  let timedOut = false;
  const cancelDeadline =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? ctx.deadlines.add(timeoutMs, () => {
          timedOut = true;
          abortNow(TIMEOUT_REASON);
        })
      : undefined;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    cancelDeadline?.();
    userSignal?.removeEventListener('abort', onUserAbort);
  };
  const responseType = opts.responseType ?? 'text';
  const describe = `${opts.method} ${opts.path}`;
  const timeoutError = (cause?: unknown) =>
    new SimTimeoutError(`Sim API ${describe} timed out after ${timeoutMs} ms. Try again, or raise timeoutMs.`, {
      timeoutMs,
      cause,
    });
  try {
    let res;
    try {
      res = await new Promise<TransportResponse>((resolve, reject) => {
        rejectPending = reject;
        ctx
          .transport({
            method: opts.method,
            url,
            headers,
            body,
            responseType,
            timeoutMs,
            onAbort,
            get signal() {
              return signalOf();
            },
          })
          .then(resolve, reject);
      });
    } catch (err) {
      if (userSignal?.aborted)
        throw new SimAbortError(`Sim API ${describe} was aborted.`, { cause: userSignal.reason });
      if (timedOut) throw timeoutError(err);
      const code = errorCode(err);
      const preConnect = isPreConnectCode(code);
      const detail = redactSecrets(err instanceof Error ? err.message : String(err), [ctx.apiKey]);
      throw new SimConnectionError(
        `Could not get an answer from Sim at ${new URL(ctx.baseUrl).origin} for ${describe}` +
          `${code ? ` (${code})` : ''}: ${detail}. Check the base URL, the network and any proxy settings.`,
        { code, mayHaveReachedServer: !preConnect, cause: err },
      );
    }
    const resHeaders = lowerCaseHeaders(res.headers);
    const ok = res.status >= 200 && res.status < 300;
    if (
      responseType === 'stream' &&
      ok &&
      typeof res.body !== 'string' &&
      !isJsonContentType(resHeaders['content-type'])
    ) {
      return {
        status: res.status,
        headers: resHeaders,
        text: '',
        json: undefined,
        isJson: false,
        stream: res.body,
        release,
        timedOut: () => timedOut,
        abort: () => stopTransport(RELEASED),
      };
    }
    let text: string;
    try {
      text =
        typeof res.body === 'string'
          ? res.body
          : await new Promise<string>((resolve, reject) => {
              rejectPending = reject;
              readAll(res.body).then(resolve, reject);
            });
    } catch (err) {
      if (userSignal?.aborted)
        throw new SimAbortError(`Sim API ${describe} was aborted.`, { cause: userSignal.reason });
      if (timedOut) throw timeoutError(err);
      const code = errorCode(err);
      throw new SimConnectionError(
        `The connection broke while reading the answer of Sim API ${describe} (HTTP ${res.status})${code ? ` (${code})` : ''}. Try again.`,
        { code, mayHaveReachedServer: true, cause: err },
      );
    }
    release();
    const parsed = parseBody(text, resHeaders);
    return {
      status: res.status,
      headers: resHeaders,
      text,
      ...parsed,
      release,
      timedOut: () => timedOut,
      abort: () => stopTransport(RELEASED),
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Sends a request with retries per `opts.retry`, returning the 2xx answer (or any answer with throwOnError false). */
export async function send(ctx: RequestContext, opts: SendOptions): Promise<SendResult> {
  const url = buildUrl(ctx.baseUrl, opts.path, opts.query);
  const headers: Record<string, string> = {
    accept: opts.responseType === 'stream' ? 'text/event-stream' : 'application/json',
    'user-agent': USER_AGENT,
    ...opts.headers,
    'x-api-key': ctx.apiKey,
  };
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const maxRetries = opts.maxRetries ?? ctx.maxRetries;
  const timeoutMs = opts.timeoutMs ?? ctx.timeoutMs;
  const pathForErrors = opts.path;
  for (let retries = 0; ; retries++) {
    const started = ctx.now();
    ctx.logger?.debug('sim request', {
      method: opts.method,
      url,
      headers: redactHeaders(headers),
      bodyBytes: body?.length ?? 0,
      attempt: retries + 1,
    });
    let res: SendResult;
    try {
      res = await attempt(ctx, opts, url, headers, body, timeoutMs);
    } catch (err) {
      if (!(err instanceof SimError) || err instanceof SimAbortError) throw err;
      const retryable =
        err instanceof SimTimeoutError
          ? opts.retry === 'idempotent'
          : err instanceof SimConnectionError
            ? shouldRetryConnectionError(opts.retry, !err.mayHaveReachedServer)
            : false;
      ctx.logger?.debug('sim request failed', {
        method: opts.method,
        url,
        error: err.message,
        willRetry: retryable && retries < maxRetries,
      });
      if (!retryable || retries >= maxRetries) throw err;
      await abortableSleep(ctx, retryDelayMs(retries, ctx.random), opts.signal);
      continue;
    }
    ctx.logger?.debug('sim response', {
      method: opts.method,
      url,
      status: res.status,
      ms: ctx.now() - started,
      requestId: res.headers['x-request-id'],
    });
    if (res.status >= 200 && res.status < 300) return res;
    const retryableStatus =
      shouldRetryStatus(opts.retry, res.status) || (opts.retry === 'idempotent' && isRateLimitCheckFailure(res));
    if (retryableStatus && retries < maxRetries) {
      const retryAfter = parseRetryAfterMs(res.headers, ctx.now());
      if (retryAfter === undefined || retryAfter <= MAX_RETRY_AFTER_MS) {
        const delay = retryDelayMs(retries, ctx.random, retryAfter);
        ctx.logger?.debug('sim retry', { method: opts.method, url, status: res.status, delayMs: delay });
        await abortableSleep(ctx, delay, opts.signal);
        continue;
      }
    }
    if (opts.throwOnError === false) return res;
    throw apiErrorFrom(ctx, { ...res, method: opts.method, path: pathForErrors, operation: opts.operation });
  }
}

/** Parses a 2xx answer that must be JSON, or throws a clear SimApiError with a snippet. */
export function requireJson<T>(
  ctx: Pick<RequestContext, 'apiKey' | 'now'>,
  res: SendResult,
  method: string,
  path: string,
  operation: Operation,
): T {
  if (res.isJson) return res.json as T;
  const message =
    `Sim API ${method} ${path} answered HTTP ${res.status} with a body that is not valid JSON` +
    ` (${res.headers['content-type'] ?? 'no content-type'}${res.text ? '; cut off or not an API answer?' : '; empty body'}): "${snippet(redactSecrets(res.text, [ctx.apiKey]))}". Try again; if it persists, check the base URL.`;
  throw apiErrorFrom(ctx, { ...res, method, path, operation, message });
}
