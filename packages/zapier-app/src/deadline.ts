// How long a step may wait for Sim. Zapier stops an action after 30 s, so a run is waited for at most
// 25 s (`waitSeconds`, default 25), leaving time for the requests around it. The environment variable
// SIM_ZAPIER_WAIT_SECONDS_MAX lowers the ceiling (tests use short deadlines; fractions allowed).
// A sync run cut at its deadline is then cancelled within what is left of the step (cancelBudgetMs).

import { InputValueError } from './inputs.js';

/** Zapier's limit for one action step. */
export const ZAPIER_STEP_LIMIT_SECONDS = 30;
/** The longest a step waits for a run. */
export const MAX_WAIT_SECONDS = 25;
/** The longest the cancel after a cut sync run may take. */
export const MAX_CANCEL_MS = 5000;
/** The shortest cancel budget worth trying. */
export const MIN_CANCEL_MS = 1000;
/** Time kept free at the end of the step, after the cancel, for building the answer and Zapier's own work. */
export const STEP_SAFETY_MARGIN_MS = 2000;

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
    throw new InputValueError(
      'waitSeconds',
      `"Wait (seconds)" must be a number from 0 to ${MAX_WAIT_SECONDS}, got "${String(value).slice(0, 40)}".`,
    );
  }
  return Math.min(n, ceiling);
}

/**
 * The budget (ms) of the cancel that follows a sync run cut at its deadline, `waitSeconds` after the
 * step started: what is left of Zapier's 30 s once that deadline has passed, less a safety margin,
 * at most MAX_CANCEL_MS and at least MIN_CANCEL_MS. With the 25 s ceiling that is 3 s.
 */
export function cancelBudgetMs(waitSeconds: number): number {
  const left = ZAPIER_STEP_LIMIT_SECONDS * 1000 - waitSeconds * 1000 - STEP_SAFETY_MARGIN_MS;
  return Math.max(MIN_CANCEL_MS, Math.min(MAX_CANCEL_MS, Math.floor(left)));
}
