import type { Sleep } from '@sim-integrations/core';

/**
 * `sleep` as n8n-workflow exports it. Both lines export it: 1.x takes only `ms` (and ignores a
 * second argument); 2.34+ also takes an abort signal and clears its timer when it aborts.
 * (`sleepWithAbort` was removed in n8n-workflow 2.34, so it must not be used.)
 */
export type HostSleep = (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/**
 * The longest single host sleep. n8n-workflow 1.x cannot clear a timer it started, so a wait that is
 * aborted leaves its timer running out in the background; long waits (the core's request deadlines run
 * up to 51 minutes) are therefore taken in slices, and what an aborted wait leaves behind ends within
 * one slice instead of keeping a timer (and whatever waits on it) alive for the whole wait.
 */
export const MAX_SLEEP_SLICE_MS = 5_000;

/**
 * The core's sleep port built on the host n8n's own `sleep` (no timers of our own: n8n's scanner
 * forbids them in community nodes). The wait ends as soon as `signal` aborts, rejecting with its
 * reason, on every n8n line: the signal is raced against the sleep, and is also passed on, so
 * n8n-workflow 2.34+ clears its timer (1.x lets its timer run out, at most one slice later).
 */
export function createSleep(hostSleep: HostSleep): Sleep {
	const slice = (ms: number, signal: AbortSignal): Promise<void> =>
		new Promise<void>((resolve, reject) => {
			const onAbort = () => reject(signal.reason);
			signal.addEventListener('abort', onAbort, { once: true });
			hostSleep(ms, signal).then(
				() => {
					signal.removeEventListener('abort', onAbort);
					resolve();
				},
				(error: unknown) => {
					signal.removeEventListener('abort', onAbort);
					reject(signal.aborted ? signal.reason : error);
				},
			);
		});
	return async (ms, signal) => {
		if (!signal) return await hostSleep(ms);
		let remaining = Math.max(0, ms);
		do {
			if (signal.aborted) throw signal.reason;
			const step = Math.min(remaining, MAX_SLEEP_SLICE_MS);
			await slice(step, signal);
			remaining -= step;
		} while (remaining > 0);
	};
}
