/** VirtualClock on its own: timers in time order, settling between them, sleep, track/park, auto mode. */
import { describe, expect, it } from 'vitest';
import { systemClock, VirtualClock, VIRTUAL_EPOCH } from '../src/index.js';

const realDelay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('VirtualClock: manual time', () => {
  it('starts at a fixed instant (or the one given) and moves only when told', async () => {
    expect(new VirtualClock().now()).toBe(Date.parse('2026-12-03T12:00:00.000Z'));
    expect(VIRTUAL_EPOCH).toBe(Date.parse('2026-12-03T12:00:00.000Z'));
    const clock = new VirtualClock(1000);
    await realDelay(5);
    expect(clock.now()).toBe(1000);
    await clock.advance(250);
    expect(clock.now()).toBe(1250);
    expect(() => new VirtualClock(Number.NaN)).toThrow(/finite/);
  });

  it('advance() fires due timers in time order, each at its own instant, and leaves later ones', async () => {
    const clock = new VirtualClock(0);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['c', clock.now()]), 30);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 10);
    clock.setTimeout(() => fired.push(['b', clock.now()]), 10);
    clock.setTimeout(() => fired.push(['late', clock.now()]), 100);
    await clock.advance(50);
    expect(fired).toEqual([
      ['a', 10],
      ['b', 10],
      ['c', 30],
    ]);
    expect(clock.now()).toBe(50);
    expect(clock.pending).toBe(1);
    await clock.advance(50);
    expect(fired.at(-1)).toEqual(['late', 100]);
    expect(clock.pending).toBe(0);
  });

  it('lets promise chains and immediates settle between timers, so a timer set by a fired one fires in the same advance', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    clock.setTimeout(() => {
      void Promise.resolve()
        .then(() => new Promise<void>((r) => setImmediate(r)))
        .then(() => clock.setTimeout(() => seen.push(clock.now()), 5));
    }, 10);
    await clock.advance(20);
    expect(seen).toEqual([15]);
  });

  it("clearTimeout cancels; pending counts only ref'd timers", async () => {
    const clock = new VirtualClock(0);
    let fired = 0;
    const a = clock.setTimeout(() => fired++, 10);
    clock.setTimeout(() => fired++, 10, { unref: true });
    expect(clock.pending).toBe(1);
    clock.clearTimeout(a);
    clock.clearTimeout(a);
    clock.clearTimeout(undefined);
    expect(clock.pending).toBe(0);
    await clock.advance(10);
    expect(fired).toBe(1); // the unref'd one fires when time passes it
  });

  it('a delay below 1 ms is 1 ms, as in Node', async () => {
    const clock = new VirtualClock(0);
    let at = -1;
    clock.setTimeout(() => (at = clock.now()), 0);
    await clock.advance(0);
    expect(at).toBe(-1);
    await clock.advance(1);
    expect(at).toBe(1);
  });

  it('refuses a negative advance, and advance() during auto mode', async () => {
    const clock = new VirtualClock(0);
    await expect(clock.advance(-1)).rejects.toThrow(/>= 0/);
    const stop = clock.auto();
    await expect(clock.advance(1)).rejects.toThrow(/auto mode/);
    expect(() => clock.auto()).toThrow(/already on/);
    stop();
    stop();
    await clock.advance(1);
  });
});

describe("VirtualClock.sleep (the core's Sleep port)", () => {
  it('resolves after the virtual delay and says it supports unref', async () => {
    const clock = new VirtualClock(0);
    expect(clock.sleep.supportsUnref).toBe(true);
    let done = false;
    const p = clock.sleep(1000).then(() => (done = true));
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    await p;
    expect(done).toBe(true);
  });

  it("rejects at once with the signal's reason on abort, and leaves no timer behind", async () => {
    const clock = new VirtualClock(0);
    const ac = new AbortController();
    const p = clock.sleep(60_000, ac.signal);
    expect(clock.pending).toBe(1);
    const reason = new Error('stop');
    ac.abort(reason);
    await expect(p).rejects.toBe(reason);
    expect(clock.pending).toBe(0);
    await expect(clock.sleep(10, ac.signal)).rejects.toBe(reason);
  });

  it("an unref'd sleep is not a reason to jump in auto mode", async () => {
    const clock = new VirtualClock(0);
    const stop = clock.auto();
    let done = false;
    void clock.sleep(5000, undefined, { unref: true }).then(() => (done = true));
    await realDelay(20);
    expect(done).toBe(false);
    expect(clock.now()).toBe(0);
    // a ref'd timer later than it carries time past it: both fire, in order
    const order: string[] = [];
    void clock.sleep(4000, undefined, { unref: true }).then(() => order.push('unref 4 s'));
    await clock.sleep(6000).then(() => order.push('ref 6 s'));
    stop();
    expect(done).toBe(true);
    expect(order).toEqual(['unref 4 s', 'ref 6 s']);
    expect(clock.now()).toBe(6000);
  });
});

describe('VirtualClock.auto', () => {
  it('jumps from timer to timer: ten minutes of sleeps take milliseconds', async () => {
    const clock = new VirtualClock(0);
    const stop = clock.auto();
    const started = performance.now();
    for (let i = 0; i < 600; i++) await clock.sleep(1000);
    stop();
    expect(clock.now()).toBe(600_000);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(clock.pending).toBe(0);
  });

  it('holds still while a tracked call is in flight, then moves on', async () => {
    const clock = new VirtualClock(0);
    const stop = clock.auto();
    let firedAt = -1;
    clock.setTimeout(() => (firedAt = clock.now()), 1000);
    const slowCall = clock.track(async (ms: number) => {
      await realDelay(ms);
      return clock.now();
    });
    const during = await slowCall(60);
    expect(during).toBe(0); // 60 ms of real waiting, and the clock did not jump meanwhile
    expect(firedAt).toBe(-1);
    await clock.sleep(1000);
    expect(firedAt).toBe(1000);
    stop();
  });

  it('a tracked call that throws still releases the clock', async () => {
    const clock = new VirtualClock(0);
    const stop = clock.auto();
    const failing = clock.track(async () => {
      await realDelay(5);
      throw new Error('network down');
    });
    await expect(failing()).rejects.toThrow('network down');
    const syncThrow = clock.track((() => {
      throw new Error('at once');
    }) as () => Promise<never>);
    await expect(syncThrow()).rejects.toThrow('at once');
    await clock.sleep(500);
    expect(clock.now()).toBe(500);
    stop();
  });

  it('moves while a tracked call waits on a parked answer (the server waits on the clock)', async () => {
    const clock = new VirtualClock(0);
    const stop = clock.auto();
    const serverSide = async (): Promise<number> => {
      const release = clock.park();
      try {
        await clock.sleep(25_000);
        return clock.now();
      } finally {
        release();
      }
    };
    const call = clock.track(async () => {
      await realDelay(2); // the request travels
      return serverSide();
    });
    await expect(call()).resolves.toBe(25_000);
    stop();
  });

  it('stop() ends auto mode: time stays put afterwards', async () => {
    const clock = new VirtualClock(0);
    const stop = clock.auto();
    await clock.sleep(10);
    stop();
    let fired = false;
    clock.setTimeout(() => (fired = true), 10);
    await realDelay(20);
    expect(fired).toBe(false);
    expect(clock.now()).toBe(10);
    await clock.advance(10);
    expect(fired).toBe(true);
  });
});

describe('systemClock', () => {
  it('is Date.now() and Node timers (unref honoured)', async () => {
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
    let fired = false;
    const t = systemClock.setTimeout(() => (fired = true), 1, { unref: true }) as NodeJS.Timeout;
    expect(t.hasRef()).toBe(false);
    await realDelay(10);
    expect(fired).toBe(true);
    const cancelled = systemClock.setTimeout(() => (fired = false), 1);
    systemClock.clearTimeout(cancelled);
    await realDelay(10);
    expect(fired).toBe(true);
  });
});
