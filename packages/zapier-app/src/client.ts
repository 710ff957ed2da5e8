// Builds a SimClient from Zapier's `z` and `bundle`: the core does the protocol work (retries, polling,
// deadlines, status normalisation); this file only plugs Zapier in as the core's ports.
// All HTTP goes through `z.request`, so Zapier's request logging, secret scrubbing and throttling apply.
import { randomUUID } from 'node:crypto';
import { DEFAULT_BASE_URL, SimClient, SimValidationError, normalizeBaseUrl } from '@sim-integrations/core';
import type { Logger, Sleep, Transport, TransportResponse } from '@sim-integrations/core';
import type { Bundle, ZObject } from 'zapier-platform-core';

/**
 * Core retries stay off inside a Zapier step: a step has 30 s, and Zapier itself retries a step that
 * throws `ThrottledError` (429) after the delay we give it. So a 429 goes straight back to Zapier.
 */
const MAX_RETRIES = 0;
/** Per-request timeout: below Zapier's 30 s step limit, so a hung request still fails with a message. */
const REQUEST_TIMEOUT_MS = 25_000;

/** How much later than the core's own deadline z.request's timer fires (a backstop only). */
const TRANSPORT_TIMEOUT_SLACK_MS = 1000;

export interface AuthData {
  apiKey?: string;
  workspaceId?: string;
  baseUrl?: string;
}

/**
 * The connection's Sim base URL (default https://www.sim.ai), checked and normalised by the core (http(s) only, no
 * credentials or query, no trailing slash); a bad one is reported in the connection's words.
 */
export function baseUrlOf(z: ZObject, bundle: Pick<Bundle, 'authData'>): string {
  const raw = String((bundle.authData as AuthData).baseUrl ?? '').trim();
  try {
    return normalizeBaseUrl(raw);
  } catch (err) {
    if (!(err instanceof SimValidationError)) throw err;
    const why = /^https?:\/\//i.test(raw) ? err.message : 'It must start with http:// or https://.';
    // never repeat a password someone put into the URL
    const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1…@');
    throw new z.errors.Error(
      `The Sim URL "${shown}" in this connection is not valid. ${why} Reconnect with a URL such as ${DEFAULT_BASE_URL} or https://sim.example.com.`,
      'invalid_base_url',
      400,
    );
  }
}

/** The workspace id of the connection (needed by the list and log operations). */
export function workspaceIdOf(z: ZObject, bundle: Pick<Bundle, 'authData'>): string {
  const id = String((bundle.authData as AuthData).workspaceId ?? '').trim();
  if (id === '') {
    throw new z.errors.HaltedError(
      'This Sim connection has no Workspace ID. Reconnect and enter it: open your workspace in Sim, the ID is the part after /workspace/ in the address bar.',
    );
  }
  return id;
}

function plainHeaders(headers: { forEach(cb: (value: string, name: string) => void): void }): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/**
 * The core's transport on top of `z.request`: raw text bodies, no throwing on 4xx/5xx (the core turns
 * statuses into typed errors), and no early ThrottledError on 429 (the core reads Sim's Retry-After,
 * then src/errors.ts turns it into Zapier's ThrottledError). Network failures reject with node-fetch's
 * error, which carries the Node `code` (ECONNREFUSED, …) the core classifies.
 */
export function zapierTransport(z: ZObject): Transport {
  return async (req): Promise<TransportResponse> => {
    const options = {
      url: req.url,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      // The core enforces the deadline through `signal` (and then reports a timeout as such); node-fetch's own timer
      // is only a backstop, set a little later so that it never wins the race and turns a deadline into a
      // "network timeout" connection error.
      timeout: req.timeoutMs === undefined ? undefined : req.timeoutMs + TRANSPORT_TIMEOUT_SLACK_MS,
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
      // No request template merging and no {{curly}} checks on user data in the body.
      merge: false,
      raw: req.responseType === 'stream',
    };
    if (req.responseType === 'stream') {
      const resp = await z.request(options as Parameters<ZObject['request']>[0] & { url: string; raw: true });
      return {
        status: resp.status,
        headers: plainHeaders(resp.headers),
        body: resp.body as unknown as AsyncIterable<Uint8Array>,
      };
    }
    const resp = await z.request(options as Parameters<ZObject['request']>[0] & { url: string });
    return { status: resp.status, headers: plainHeaders(resp.headers), body: resp.content ?? '' };
  };
}

const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Zapier already logs every z.request (scrubbed). The core's own debug lines (retries, polls) go to
 * Zapier's log console only when SIM_ZAPIER_DEBUG=1; the core never puts the key in them.
 */
function zapierLogger(z: ZObject): Logger | undefined {
  if (process.env['SIM_ZAPIER_DEBUG'] !== '1') return undefined;
  return { debug: (message, meta) => z.console.log(`[sim] ${message}`, meta ?? '') };
}

/** A SimClient for this Zapier invocation. */
export function createClient(z: ZObject, bundle: Pick<Bundle, 'authData'>): SimClient {
  const apiKey = String((bundle.authData as AuthData).apiKey ?? '').trim();
  if (apiKey === '') {
    throw new z.errors.ExpiredAuthError(
      'This Sim connection has no API key. Reconnect it with a key from Sim → Settings → API keys.',
    );
  }
  const logger = zapierLogger(z);
  return new SimClient({
    apiKey,
    baseUrl: baseUrlOf(z, bundle),
    maxRetries: MAX_RETRIES,
    timeoutMs: REQUEST_TIMEOUT_MS,
    transport: zapierTransport(z),
    sleep,
    randomUUID,
    ...(logger ? { logger } : {}),
  });
}
