// How long a step may wait for Sim. Zapier stops an action after 30 s, so a run is waited for at most
// 25 s (`waitSeconds`, default 25), leaving time for the requests around it. The environment variable
// SIM_ZAPIER_WAIT_SECONDS_MAX lowers the ceiling (tests use short deadlines; fractions allowed).

import { InputValueError } from './inputs.js';

/** Zapier's limit for one action step. */
export const ZAPIER_STEP_LIMIT_SECONDS = 30;
/** The longest a step waits for a run. */
export const MAX_WAIT_SECONDS = 25;

/** The ceiling for `waitSeconds`: 25 s, or less when SIM_ZAPIER_WAIT_SECONDS_MAX says so. */
export function maxWaitSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env['SIM_ZAPIER_WAIT_SECONDS_MAX'];
  if (raw === undefined || raw.trim() === '') return MAX_WAIT_SECONDS;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_WAIT_SECONDS) : MAX_WAIT_SECONDS;
}

/**
 * Seconds to wait for this run: the `waitSeconds` input (default and maximum 25), never above the
 * ceiling. A value that is not a number of seconds ≥ 0 throws an InputValueError.
 */
export function waitSecondsFor(value: unknown, env: Record<string, string | undefined> = process.env): number {
  const ceiling = maxWaitSeconds(env);
  if (value === undefined || value === null || value === '') return ceiling;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw new InputValueError('waitSeconds', `"Wait (seconds)" must be a number from 0 to ${MAX_WAIT_SECONDS}, got "${String(value).slice(0, 40)}".`);
  }
  return Math.min(n, ceiling);
}
