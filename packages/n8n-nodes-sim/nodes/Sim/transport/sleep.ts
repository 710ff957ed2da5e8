import type { Sleep } from '@sim-integrations/core';

/**
 * `sleep` as n8n-workflow exports it. Both lines export it: 1.x takes only `ms` (and ignores a
 * second argument); 2.34+ also takes an abort signal and clears its timer when it aborts.
 * (`sleepWithAbort` was removed in n8n-workflow 2.34, so it must not be used.)
 */
export type HostSleep = (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/**
 * The core's sleep port built on the host n8n's own `sleep` (no timers of our own: n8n's scanner
 * forbids them in community nodes). The wait ends as soon as `signal` aborts, rejecting with its
 * reason, on every n8n line: the signal is raced against the sleep, and is also passed on, so
 * n8n-workflow 2.34+ clears its timer (1.x lets its timer run out, holding nothing).
 */
export function createSleep(hostSleep: HostSleep): Sleep {
	return async (ms, signal) => {
		if (!signal) return await hostSleep(ms);
		if (signal.aborted) throw signal.reason;
		await new Promise<void>((resolve, reject) => {
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
	};
}
