/**
 * Time as a port. The emulator reads the time and sets its timers only through a `Clock`: the system clock by
 * default, or a `VirtualClock` that a test shares with the client under test, so that minutes of server time (a
 * 25 s workflow, a rate-limit refill, a poll deadline) pass in milliseconds of real time over the same HTTP.
 */

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fn` once after `ms`. `unref`: the timer does not keep the process alive (Node's `unref()`). */
  setTimeout(fn: () => void, ms: number, opts?: { unref?: boolean }): unknown;
  clearTimeout(handle: unknown): void;
  /**
   * Optional. The emulator calls it when an HTTP request's answer now waits only on this clock's timers (a sync run
   * of a slow workflow, a `delay` fault), and calls the returned function when that wait ends. `VirtualClock` uses
   * it: a tracked call whose answer waits on server time must not hold the clock still.
   */
  park?(): () => void;
}

/** The process's own clock: `Date.now()` and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms, opts) {
    const timer = setTimeout(fn, ms);
    if (opts?.unref) timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/** The instant a `VirtualClock` starts at unless told otherwise. */
export const VIRTUAL_EPOCH = Date.parse('2026-12-03T12:00:00.000Z');

/** Event-loop turns without any clock activity that count as "idle" before time may jump. */
const IDLE_TURNS = 3;

interface VirtualTimer {
  readonly seq: number;
  readonly at: number;
  readonly fn: () => void;
  readonly ref: boolean;
  done: boolean;
}

export type VirtualSleep = ((ms: number, signal?: AbortSignal, options?: { unref?: boolean }) => Promise<void>) & {
  readonly supportsUnref: true;
};

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A clock for tests. Time moves only when told to (`advance`), or, in auto mode, whenever the process has nothing
 * else to do: then it jumps straight to the next ref'd timer.
 *
 * Idle means: no call wrapped by `track()` is in flight (except calls whose answer the emulator said waits on this
 * clock, see `Clock.park`), and three event-loop turns passed (so microtasks, immediates and loopback I/O settled)
 * without any timer being set, cleared or fired, and without a tracked call starting or ending. Send every request to
 * an emulator on this clock through `track()`; an untracked request does not hold the clock.
 */
export class VirtualClock implements Clock {
  #now: number;
  #timers: VirtualTimer[] = [];
  #seq = 0;
  #refs = 0;
  #inFlight = 0;
  #parked = 0;
  #activity = 0;
  #waiters: (() => void)[] = [];
  #auto: { stopped: boolean } | null = null;
  #advancing = false;

  /** The core's `Sleep` port on this clock: resolves after `ms` of virtual time, rejects with the signal's reason on abort. */
  readonly sleep: VirtualSleep;

  constructor(startMs: number = VIRTUAL_EPOCH) {
    if (!Number.isFinite(startMs)) throw new Error(`VirtualClock needs a finite start time (got ${String(startMs)}).`);
    this.#now = startMs;
    const sleep = (ms: number, signal?: AbortSignal, options?: { unref?: boolean }): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = (): void => {
          this.clearTimeout(handle);
          reject(signal!.reason);
        };
        const handle = this.setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          ms,
          { unref: options?.unref },
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    this.sleep = Object.assign(sleep, { supportsUnref: true as const });
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number, opts?: { unref?: boolean }): unknown {
    // like Node: a delay below 1 ms (or not a number) is 1 ms
    const delay = Number.isFinite(ms) && ms >= 1 ? ms : 1;
    const timer: VirtualTimer = { seq: this.#seq++, at: this.#now + delay, fn, ref: !opts?.unref, done: false };
    let i = this.#timers.length;
    while (i > 0 && this.#timers[i - 1]!.at > timer.at) i--;
    this.#timers.splice(i, 0, timer);
    if (timer.ref) this.#refs++;
    this.#bump();
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const timer = handle as VirtualTimer | undefined;
    if (!timer || typeof timer !== 'object' || timer.done || !this.#timers.includes(timer)) return;
    this.#retire(timer);
    this.#bump();
  }

  /** Number of pending ref'd timers (tests assert nothing is left behind). */
  get pending(): number {
    return this.#refs;
  }

  /** Wraps a transport (or any async function): while a call is in flight the clock never jumps. */
  // biome-ignore lint/suspicious/noExplicitAny: any function's parameters and result, handed back with its own type
  track<F extends (...args: any[]) => Promise<any>>(fn: F): F {
    const wrapped = (...args: unknown[]): Promise<unknown> => {
      this.#inFlight++;
      this.#bump();
      let result: Promise<unknown>;
      try {
        result = Promise.resolve(fn(...args));
      } catch (err) {
        result = Promise.reject(err);
      }
      return result.finally(() => {
        this.#inFlight--;
        this.#bump();
      });
    };
    return wrapped as F;
  }

  /** See `Clock.park`: an answer waits only on this clock's timers; call the returned function when it no longer does. */
  park(): () => void {
    this.#parked++;
    this.#bump();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#parked--;
      this.#bump();
    };
  }

  /** Moves time forward by `ms`, firing due timers in time order (letting promise chains and I/O settle between them). */
  async advance(ms: number): Promise<void> {
    if (this.#auto) throw new Error('VirtualClock.advance() cannot run while auto mode is on; stop auto mode first.');
    if (this.#advancing)
      throw new Error('VirtualClock.advance() is already running; await it before calling it again.');
    if (!Number.isFinite(ms) || ms < 0)
      throw new Error(`VirtualClock.advance() needs a number of ms >= 0 (got ${String(ms)}).`);
    this.#advancing = true;
    try {
      const target = this.#now + ms;
      await this.#settle(() => false);
      await this.#fireUntil(target, () => false);
      this.#now = Math.max(this.#now, target);
      await this.#settle(() => false);
    } finally {
      this.#advancing = false;
    }
  }

  /**
   * Auto mode: whenever nothing tracked is in flight and the process has been idle for a few event-loop turns, jump
   * to the earliest ref'd timer (unref'd timers fire only when time passes them, like Node). Returns a stop function.
   */
  auto(): () => void {
    if (this.#auto) throw new Error('VirtualClock auto mode is already on.');
    if (this.#advancing) throw new Error('VirtualClock.auto() cannot start while advance() runs.');
    const run = { stopped: false };
    this.#auto = run;
    const stopped = (): boolean => run.stopped;
    void (async () => {
      while (!run.stopped) {
        await this.#settle(stopped);
        if (run.stopped) break;
        const next = this.#timers.find((t) => t.ref);
        if (!next) {
          await this.#changed();
          continue;
        }
        await this.#fireUntil(next.at, stopped);
      }
    })().catch((err: unknown) => {
      process.nextTick(() => {
        throw err;
      });
    });
    return () => {
      if (run.stopped) return;
      run.stopped = true;
      if (this.#auto === run) this.#auto = null;
      this.#bump();
    };
  }

  /** Fires every timer due up to `target`, earliest first, setting the time to each one's instant and settling after each. */
  async #fireUntil(target: number, stopped: () => boolean): Promise<void> {
    for (;;) {
      if (stopped()) return;
      const timer = this.#timers[0];
      if (!timer || timer.at > target) return;
      this.#now = Math.max(this.#now, timer.at);
      this.#retire(timer);
      this.#bump();
      try {
        timer.fn();
      } catch (err) {
        // like an exception thrown in a Node timer: uncaught, reported by the process, never swallowed
        process.nextTick(() => {
          throw err;
        });
      }
      await this.#settle(stopped);
    }
  }

  /** Resolves once nothing tracked is in flight and `IDLE_TURNS` event-loop turns passed without clock activity. */
  async #settle(stopped: () => boolean): Promise<void> {
    let quiet = 0;
    let seen = this.#activity;
    while (quiet < IDLE_TURNS && !stopped()) {
      if (this.#inFlight > this.#parked) {
        await this.#changed();
        seen = this.#activity;
        quiet = 0;
        continue;
      }
      await turn();
      if (this.#activity !== seen) {
        seen = this.#activity;
        quiet = 0;
      } else quiet++;
    }
  }

  #retire(timer: VirtualTimer): void {
    timer.done = true;
    const i = this.#timers.indexOf(timer);
    if (i >= 0) this.#timers.splice(i, 1);
    if (timer.ref) this.#refs--;
  }

  /** Records activity and wakes whoever waits for a change. */
  #bump(): void {
    this.#activity++;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves at the next activity (a pending promise, so it never keeps the process alive by itself). */
  #changed(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
