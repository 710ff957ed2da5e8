// Scaled time shared by separate processes: every process that is given the same `origin` (epoch ms) and `scale`
// reads the same "now" from the system clock, `origin + (Date.now() - origin) × scale`, and sleeps `ms / scale` of real
// time. With scale 20 a minute of Sim's rate limit (one refill) passes in 3 s of real time, in the emulator (a Clock,
// packages/emulator/src/clock.ts) and in every client process (the core's `now` and `sleep` ports) alike, so several
// real processes can share one per-minute bucket without a VirtualClock, which lives inside one process only.
// The price: real latencies are magnified `scale` times (a 2 ms request reads as 40 ms).

/** A Clock for the emulator and `now` / `sleep` for the core, on time running `scale` times faster than real time. */
export function scaledClock({ origin, scale }) {
  if (!(scale >= 1)) throw new Error(`scaledClock: scale must be >= 1 (got ${scale})`);
  const now = () => origin + (Date.now() - origin) * scale;
  const realMs = (ms) => Math.max(0, ms) / scale;
  const sleep = Object.assign(
    (ms, signal, opts) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, realMs(ms));
        if (opts?.unref) timer.unref();
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    { supportsUnref: true },
  );
  return {
    now,
    sleep,
    /** Real ms until the scaled instant `at`. */
    realDelayTo: (at) => realMs(at - now()),
    setTimeout(fn, ms, opts) {
      const timer = setTimeout(fn, realMs(ms));
      if (opts?.unref) timer.unref();
      return timer;
    },
    clearTimeout(handle) {
      clearTimeout(handle);
    },
  };
}
