// The Sim client for the Action: the core's Node wiring (undici keep-alive, HTTPS_PROXY/NO_PROXY)
// with its debug log going to the step's debug output (`ACTIONS_STEP_DEBUG`). The core redacts keys.
import * as core from '@actions/core';
import { createSimClient, type SimClient } from '@sim-integrations/core/node';

export function createClient(options: {
  apiKey: string;
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
}): SimClient {
  return createSimClient({
    ...options,
    logger: {
      debug(message, meta) {
        core.debug(meta ? `${message} ${safeJson(meta)}` : message);
      },
    },
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable]';
  }
}
