// Core errors → Zapier errors. Zapier decides what happens next from the error class:
//   ThrottledError   → Zapier retries the step after `delay` seconds (429 from Sim);
//   ExpiredAuthError → the connection is marked broken and the user is asked to reconnect (401/403; never for
//                      Sim's transient 401 "Rate limit check failed", which is a plain Error);
//   HaltedError      → the run stops without counting against the Zap (a problem in the Zap's own
//                      data: workflow not deployed, unknown workflow, invalid input, something the server lacks);
//   Error            → a failed step (failed workflow run, Sim server error, network failure).
// Messages come from the core, which never puts the API key in them; `scrubKey` is a second guard.
import {
  SimAbortError,
  SimApiError,
  SimAuthCheckError,
  SimAuthenticationError,
  SimBadRequestError,
  SimConnectionError,
  SimError,
  SimExecutionIdConflictError,
  SimNotFoundError,
  SimNotSupportedError,
  SimPermissionDeniedError,
  SimRateLimitError,
  SimTimeoutError,
  SimValidationError,
  SimWorkflowError,
  SimWorkflowNotDeployedError,
} from '@sim-integrations/core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { InputValueError } from './inputs.js';

/** When neither Sim nor the core knows when the key's bucket refills (no Retry-After, no usage-limits read): wait 30–60 s, jittered. */
export const DEFAULT_THROTTLE_SECONDS = 30;
const THROTTLE_JITTER_SECONDS = 30;

/** Seconds Zapier should wait before retrying after a 429. */
export function throttleDelaySeconds(retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
  return DEFAULT_THROTTLE_SECONDS + Math.round(random() * THROTTLE_JITTER_SECONDS);
}

/** Removes the connection's API key from a message, should one ever slip in. */
export function scrubKey(message: string, bundle?: Pick<Bundle, 'authData'>): string {
  const key = String((bundle?.authData as { apiKey?: string } | undefined)?.apiKey ?? '');
  return key.length >= 4 ? message.split(key).join('[redacted]') : message;
}

/** True for the errors Zapier itself defines (already translated, pass them through untouched). */
function isZapierError(z: ZObject, err: unknown): boolean {
  const e = z.errors as unknown as Record<string, new (...args: never[]) => Error>;
  return [
    'Error',
    'HaltedError',
    'ExpiredAuthError',
    'ThrottledError',
    'RefreshAuthError',
    'ResponseError',
    'CheckError',
  ].some((name) => typeof e[name] === 'function' && err instanceof e[name]);
}

/** Translates any error thrown by the core (or the glue) into the Zapier error that fits it. */
export function toZapierError(z: ZObject, bundle: Pick<Bundle, 'authData'>, err: unknown): Error {
  if (isZapierError(z, err)) return err as Error;
  const msg = (m: string): string => scrubKey(m, bundle);

  if (err instanceof InputValueError) {
    return new z.errors.HaltedError(msg(err.message));
  }
  if (err instanceof SimRateLimitError) {
    // the server's own wait, or the bucket's refill read from usage-limits; a mere estimate gives way to Zapier's default
    const seconds = throttleDelaySeconds(err.retryAfterSource === 'estimate' ? undefined : err.retryAfterMs);
    return new z.errors.ThrottledError(
      msg(`Sim rate limit reached (HTTP 429). Zapier will retry in about ${seconds} s.`),
      seconds,
    );
  }
  if (err instanceof SimAuthCheckError) {
    // 401 "Rate limit check failed": a hiccup on the Sim server, not a bad key. Never mark the connection expired.
    return new z.errors.Error(msg(err.message), 'sim_auth_check_failed', err.status);
  }
  if (err instanceof SimExecutionIdConflictError) {
    return new z.errors.Error(msg(err.message), 'execution_id_conflict', err.status);
  }
  if (err instanceof SimAuthenticationError) {
    return new z.errors.ExpiredAuthError(
      msg(
        `Sim rejected the API key (HTTP 401${err.error ? `: ${err.error}` : ''}). Reconnect with a valid key from Sim → Settings → API keys` +
          ' (and check the Sim URL when you use a self-hosted server).',
      ),
    );
  }
  if (err instanceof SimWorkflowNotDeployedError) {
    return new z.errors.HaltedError(
      msg(
        `The Sim workflow is not deployed (HTTP 403${err.error ? `: ${err.error}` : ''}). Deploy it in Sim (Deploy → API) and run the step again.`,
      ),
    );
  }
  if (err instanceof SimPermissionDeniedError) {
    const serverMessage = err.error ?? '';
    return new z.errors.ExpiredAuthError(
      msg(
        `Sim denied access (HTTP 403${serverMessage ? `: ${serverMessage}` : ''}). The API key has no access to this workspace or resource;` +
          ' reconnect with a key of the workspace (and the right Workspace ID).',
      ),
    );
  }
  if (err instanceof SimNotFoundError) {
    return new z.errors.HaltedError(msg(err.message));
  }
  if (err instanceof SimBadRequestError) {
    const details = err.details === undefined ? '' : ` Details: ${JSON.stringify(err.details).slice(0, 500)}`;
    return new z.errors.HaltedError(
      msg(`Sim refused the input (HTTP 400${err.error ? `: ${err.error}` : ''}).${details}`),
    );
  }
  if (err instanceof SimNotSupportedError) {
    // the Sim server lacks what the step asks for (an older server): the Zap has to change, retrying cannot help
    return new z.errors.HaltedError(msg(err.message));
  }
  if (err instanceof SimValidationError) {
    return new z.errors.HaltedError(msg(`Invalid input${err.field ? ` in "${err.field}"` : ''}: ${err.message}`));
  }
  if (err instanceof SimWorkflowError) {
    return new z.errors.Error(
      msg(
        `The Sim workflow run failed: ${err.error ?? err.message}${err.executionId ? ` (execution id ${err.executionId})` : ''}`,
      ),
      'workflow_failed',
      err.status,
    );
  }
  if (err instanceof SimApiError) {
    return new z.errors.Error(msg(err.message), `http_${err.status}`, err.status);
  }
  if (err instanceof SimConnectionError) {
    // The core's message names the server, the request and the cause, and says what to check.
    return new z.errors.Error(msg(err.message), 'connection_error', 0);
  }
  if (err instanceof SimTimeoutError || err instanceof SimAbortError || err instanceof SimError) {
    return new z.errors.Error(msg(err.message), err.name, 0);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new z.errors.Error(msg(`Unexpected error talking to Sim: ${message}`), 'unexpected', 0);
}

/** Runs `fn` and rethrows whatever it throws as the matching Zapier error. */
export async function withZapierErrors<T>(
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toZapierError(z, bundle, err);
  }
}
