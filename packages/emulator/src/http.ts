/** Small HTTP helpers: replies, header sets, body reading. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './faults.js';
import type { JournalEntry } from './journal.js';
import type { EmulatorState } from './state.js';

export type HeaderMap = Record<string, string>;
export type CorsKind = 'execute' | 'api' | 'none';

export interface Reply {
  status: number;
  /** Objects are sent as JSON; strings as they are. */
  body: unknown;
  headers?: HeaderMap;
  cors?: CorsKind;
  /** Overrides the content type (default `application/json`). */
  contentType?: string;
}

export const ALLOW_HEADERS_EXECUTE =
  'X-CSRF-Token, X-Requested-With, Accept, Accept-Version, Content-Length, Content-MD5, Content-Type, Date, X-Api-Version, X-API-Key, X-Execution-Id, X-Execution-Mode, X-Execution-Timeout-Seconds';
const EXPOSE = 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id, X-Run-Id';

export function corsHeaders(kind: CorsKind, appOrigin: string): HeaderMap {
  if (kind === 'none') return {};
  const common: HeaderMap = {
    'Cross-Origin-Embedder-Policy': 'unsafe-none',
    'Cross-Origin-Opener-Policy': 'unsafe-none',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
  };
  if (kind === 'execute') {
    return {
      ...common,
      'access-control-allow-credentials': 'false',
      'access-control-allow-headers': ALLOW_HEADERS_EXECUTE,
      'access-control-allow-methods': 'GET,POST,OPTIONS,PUT',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSE,
      vary: 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch',
    };
  }
  return {
    vary: 'Origin',
    ...common,
    'access-control-allow-credentials': 'true',
    'access-control-allow-headers': `${ALLOW_HEADERS_EXECUTE}, Authorization`,
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'access-control-allow-origin': appOrigin,
    'access-control-expose-headers': EXPOSE,
  };
}

/** `content-type` → `Content-Type` (the prod/Bun build capitalises header names). */
export const capitalise = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());

export function writeHead(res: ServerResponse, status: number, headers: HeaderMap, bun: boolean): void {
  const out: HeaderMap = {};
  for (const [k, v] of Object.entries(headers)) out[bun ? capitalise(k) : k] = v;
  res.writeHead(status, out);
}

export function readBody(req: IncomingMessage, maxBytes = 10 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export const json = (status: number, body: unknown, extra: Partial<Reply> = {}): Reply => ({ status, body, ...extra });

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** One request being handled. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Raw path as received (no query). */
  rawPath: string;
  /** Decoded path segments. */
  segments: string[];
  query: URLSearchParams;
  body: string;
  fault: Fault | null;
  entry: JournalEntry | null;
}

/** A handler returns a reply, or null when it answered itself (streams). */
export type Result = Reply | null;

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 'status' in x && 'body' in x;
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The app origin that non-execute routes name in `access-control-allow-origin`. */
export function appOrigin(state: EmulatorState): string {
  try {
    return new URL(state.publicBaseUrl).origin;
  } catch {
    return '*';
  }
}
