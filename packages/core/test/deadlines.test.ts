import { describe, expect, it } from 'vitest';
import { Deadlines } from '../src/deadlines.js';
import type { Sleep } from '../src/index.js';

/** A manual clock: timers fire only when `advance` passes them. */
function manual(supportsUnref: boolean) {
  let t = 0;
  const timers = new Set<{ at: number; resolve: () => void; signal?: AbortSignal }>();
  const sleep = Object.assign(
    (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const timer = { at: t + ms, resolve, signal };
        timers.add(timer);
        signal?.addEventListener('abort', () => {
          timers.delete(timer);
          reject(signal.reason);
        });
      }),
    { supportsUnref },
  ) as Sleep;
  return {
    sleep,
    now: () => t,
    pending: () => timers.size,
    advance: async (ms: number) => {
      t += ms;
      for (const timer of [...timers])
        if (timer.at <= t) {
          timers.delete(timer);
          timer.resolve();
        }
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('Deadlines (one shared timer)', () => {
  it('fires each deadline once, earliest first, re-arming for the next', async () => {
    const m = manual(true);
    const d = new Deadlines(m.sleep, m.now);
    const fired: string[] = [];
    d.add(300, () => fired.push('a'));
    d.add(100, () => fired.push('b'));
    d.add(200, () => fired.push('c'));
    await m.advance(100);
    expect(fired).toEqual(['b']);
    await m.advance(100);
    expect(fired).toEqual(['b', 'c']);
    await m.advance(100);
    expect(fired).toEqual(['b', 'c', 'a']);
    expect(m.pending()).toBe(0);
  });
  it('a cancelled deadline never fires; with unref-capable sleep the timer is reused, not re-created', async () => {
    const m = manual(true);
    const d = new Deadlines(m.sleep, m.now);
    let fired = 0;
    for (let i = 0; i < 100; i++) d.add(60_000, () => fired++)();
    expect(m.pending()).toBe(1);
    await m.advance(60_000);
    expect(fired).toBe(0);
    expect(m.pending()).toBe(0);
  });
  it('without unref support, no timer outlives the work', () => {
    const m = manual(false);
    const d = new Deadlines(m.sleep, m.now);
    const cancelA = d.add(1000, () => undefined);
    const cancelB = d.add(2000, () => undefined);
    cancelA();
    expect(m.pending()).toBe(1);
    cancelB();
    expect(m.pending()).toBe(0);
  });
});
