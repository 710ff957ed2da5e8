// @sim-integrations/core/node: the Node wiring of the core's ports (undici 7, timers, node:crypto).
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { SimClient, type Logger, type Sleep, type Transport } from './index.js';

// Re-exports the package root (the bundle imports ./index.js, so classes are shared with the root entry).
export * from './index.js';

/**
 * undici's own timeouts (300 s by default) would cut sync runs, which Sim allows up to 50 minutes.
 * They are set above that; the core's per-request timeout (via AbortSignal) does the real work.
 */
const UNDICI_TIMEOUT_MS = 52 * 60_000;

let sharedDispatcher: Dispatcher | undefined;

const DISPATCHER_OPTIONS = {
  headersTimeout: UNDICI_TIMEOUT_MS,
  bodyTimeout: UNDICI_TIMEOUT_MS,
  keepAliveTimeout: 4_000,
  connectTimeout: 10_000,
};

/** True when HTTPS_PROXY / HTTP_PROXY (either case) is set. */
function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env['HTTPS_PROXY'] || env['https_proxy'] || env['HTTP_PROXY'] || env['http_proxy']);
}

/**
 * One keep-alive dispatcher for the process. With HTTPS_PROXY / HTTP_PROXY set it is undici's
 * EnvHttpProxyAgent (which also honours NO_PROXY); without them a plain keep-alive Agent, which is
 * what EnvHttpProxyAgent would route every request to anyway, minus its per-request URL parsing and
 * environment lookups. Both read the proxy variables once, when created.
 */
function getDefaultDispatcher(): Dispatcher {
  sharedDispatcher ??= proxyConfigured() ? new EnvHttpProxyAgent(DISPATCHER_OPTIONS) : new Agent(DISPATCHER_OPTIONS);
  return sharedDispatcher;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A Transport over undici's `request`. */
export function createUndiciTransport(options: { dispatcher?: Dispatcher } = {}): Transport {
  return async (req) => {
    const dispatcher = options.dispatcher ?? getDefaultDispatcher();
    // undici is handed a plain EventEmitter that relays the abort: measurably cheaper per request than giving undici
    // an AbortSignal, and the core's `onAbort` spares making one at all (see bench/core.mjs).
    const abort = new EventEmitter();
    let detach: () => void;
    if (req.onAbort) {
      let stopped: { reason: unknown } | undefined;
      detach = req.onAbort((reason) => {
        stopped = { reason };
        abort.emit('abort');
      });
      if (stopped) throw stopped.reason;
    } else {
      const signal = req.signal;
      if (signal?.aborted) throw signal.reason;
      const relay = () => abort.emit('abort');
      signal?.addEventListener('abort', relay, { once: true });
      detach = () => signal?.removeEventListener('abort', relay);
    }
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: abort,
        dispatcher,
        headersTimeout: UNDICI_TIMEOUT_MS,
        bodyTimeout: UNDICI_TIMEOUT_MS,
      });
      const headers = flattenHeaders(res.headers as Record<string, string | string[] | undefined>);
      if (req.responseType === 'stream') {
        res.body.once('close', detach);
        return { status: res.statusCode, headers, body: res.body };
      }
      const text = await res.body.text();
      detach();
      return { status: res.statusCode, headers, body: text };
    } catch (err) {
      detach();
      throw err;
    }
  };
}

/**
 * Timers for the core: rejects with the signal's reason as soon as it aborts (clearing the timer),
 * and unrefs the timer when the core says something else keeps the process alive.
 */
export const nodeSleep: Sleep = Object.assign(
  (ms: number, signal?: AbortSignal, opts?: { unref?: boolean }) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      if (opts?.unref) timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  { supportsUnref: true as const },
);

export interface CreateSimClientOptions {
  apiKey: string;
  baseUrl?: string;
  maxRetries?: number;
  timeoutMs?: number;
  logger?: Logger;
  /** Use another undici dispatcher (e.g. a MockAgent in tests). */
  dispatcher?: Dispatcher;
  /** `v1`, `v2` or `auto` (default: detected once per client). */
  apiVersion?: 'v1' | 'v2' | 'auto';
}

/** A SimClient wired with Node defaults: undici keep-alive (proxy-aware), timers, node:crypto UUIDs. */
export function createSimClient(options: CreateSimClientOptions): SimClient {
  const { dispatcher, ...rest } = options ?? ({} as CreateSimClientOptions);
  return new SimClient({
    ...rest,
    transport: createUndiciTransport(dispatcher ? { dispatcher } : {}),
    sleep: nodeSleep,
    randomUUID,
  });
}
