// HTTP middleware for every z.request the app makes.
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { DEFAULT_BASE_URL } from '@sim-integrations/core';

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds `X-API-Key` to requests bound for the connection's Sim server (and only there: a file URL on
 * another host never gets the key). The core already sends the header; this keeps any other
 * z.request to Sim authenticated too.
 */
export function addApiKey(request: HttpRequestOptions, _z: ZObject, bundle: Bundle): HttpRequestOptions {
  const apiKey = bundle.authData?.['apiKey'];
  if (!apiKey) return request;
  const simOrigin = originOf(String(bundle.authData['baseUrl'] || DEFAULT_BASE_URL));
  if (!simOrigin || originOf(request.url) !== simOrigin) return request;
  const headers = { ...(request.headers ?? {}) };
  const hasKey = Object.keys(headers).some((name) => name.toLowerCase() === 'x-api-key');
  if (!hasKey) headers['X-API-Key'] = apiKey;
  return { ...request, headers };
}

export const befores = [addApiKey];
export const afters = [];
