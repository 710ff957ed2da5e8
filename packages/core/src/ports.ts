// The ports through which all I/O and time enter the core. The package root never touches
// the network, timers or the process directly: `@sim-integrations/core/node` wires Node defaults.

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL, always on the configured base URL's origin. */
  url: string;
  /** Includes x-api-key, user-agent, accept, and content-type when there is a body. */
  headers: Record<string, string>;
  body?: string;
  /** Aborts on user abort and on the core's per-request timeout. Created when first read. */
  signal?: AbortSignal;
  /**
   * The same aborts as `signal`, without an AbortSignal (creating one per request costs Node tens of µs):
   * `onAbort(listener)` calls `listener(reason)` once when the request must stop (at once if it already must) and
   * returns a function that detaches it. A transport uses either this or `signal`; the core's own do not read `signal`.
   */
  onAbort?: (listener: (reason: unknown) => void) => () => void;
  /** 'stream' only for SSE responses. */
  responseType: 'text' | 'stream';
  /** Hint for transports that have their own timers. The core enforces it anyway through `signal`. */
  timeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** A string for responseType 'text'; an async iterable of bytes or text for 'stream'. */
  body: string | AsyncIterable<Uint8Array | string>;
}

/**
 * Sends one HTTP request. Must throw on network failure (with a Node-style `code` on the error or on
 * `error.cause`: ECONNREFUSED, ENOTFOUND, EAI_AGAIN, ECONNRESET, ETIMEDOUT, UND_ERR_*), and must NOT
 * throw on HTTP error statuses: 4xx/5xx are responses.
 */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

export interface SleepOptions {
  /**
   * True when the caller has other work keeping the process alive (e.g. a per-request timeout running
   * beside an open socket): a Node implementation may `unref()` the timer.
   */
  unref?: boolean;
}

/**
 * Resolves after `ms` milliseconds. When `signal` aborts first, it must clear its timer and reject
 * (with `signal.reason` or any error) promptly.
 */
export interface Sleep {
  (ms: number, signal?: AbortSignal, options?: SleepOptions): Promise<void>;
  /**
   * True when timers started with `{ unref: true }` never keep the process alive (Node's `unref()`).
   * The core then leaves its shared request-timeout timer pending between requests instead of
   * cancelling and re-creating it for each one.
   */
  readonly supportsUnref?: boolean;
}

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn?(message: string, meta?: Record<string, unknown>): void;
  error?(message: string, meta?: Record<string, unknown>): void;
}

export type RandomUUID = () => string;
