/** The emulator's one way to wait: on its clock, stopping early (and resolving) when the signal aborts. */
import type { Clock } from './clock.js';

export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    // ref'd: a server's work keeps time moving on a virtual clock; close() aborts every run, which clears these
    const timer = clock.setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Marks an HTTP request's answer as waiting only on the clock while `work` runs (see `Clock.park`). */
export async function parked<T>(
  clock: Clock,
  res: { once(event: 'close', fn: () => void): unknown; off?(event: 'close', fn: () => void): unknown },
  work: Promise<T>,
): Promise<T> {
  if (!clock.park) return work;
  const release = clock.park();
  // a client that goes away no longer waits: release at once, so its abandoned request cannot hide another call
  res.once('close', release);
  try {
    return await work;
  } finally {
    release();
    res.off?.('close', release);
  }
}
