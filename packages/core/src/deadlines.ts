// Per-request deadlines on ONE timer: a request registers its deadline; a single sleep is armed for
// the earliest one. When the sleep port can unref its timers (Node), the timer is left pending when
// requests finish, so back-to-back requests cost no timer at all; otherwise it is cancelled as soon
// as nothing is in flight, so no timer outlives the work.
import type { Sleep } from './ports.js';

interface Entry {
  deadline: number;
  fire: () => void;
}

const REARM = Symbol('sim-deadline-rearm');

export class Deadlines {
  #entries = new Set<Entry>();
  #armedFor: number | undefined;
  #timer: AbortController | undefined;
  readonly #sleep: Sleep;
  readonly #now: () => number;

  constructor(sleep: Sleep, now: () => number) {
    this.#sleep = sleep;
    this.#now = now;
  }

  /** Calls `fire` once `timeoutMs` have passed, unless the returned `cancel` is called first. */
  add(timeoutMs: number, fire: () => void): () => void {
    const entry: Entry = { deadline: this.#now() + timeoutMs, fire };
    this.#entries.add(entry);
    if (this.#armedFor === undefined || entry.deadline < this.#armedFor) this.#arm(entry.deadline);
    return () => {
      if (!this.#entries.delete(entry)) return;
      if (this.#entries.size === 0 && !this.#sleep.supportsUnref) this.#disarm();
    };
  }

  #disarm(): void {
    this.#timer?.abort(REARM);
    this.#timer = undefined;
    this.#armedFor = undefined;
  }

  #arm(deadline: number): void {
    this.#disarm();
    const timer = new AbortController();
    this.#timer = timer;
    this.#armedFor = deadline;
    this.#sleep(Math.max(0, deadline - this.#now()), timer.signal, { unref: true }).then(
      () => {
        if (timer.signal.aborted) return;
        this.#timer = undefined;
        this.#armedFor = undefined;
        this.#fireDue();
      },
      () => undefined,
    );
  }

  #fireDue(): void {
    const now = this.#now();
    let next: number | undefined;
    for (const entry of this.#entries) {
      if (entry.deadline <= now) {
        this.#entries.delete(entry);
        entry.fire();
      } else if (next === undefined || entry.deadline < next) next = entry.deadline;
    }
    if (next !== undefined) this.#arm(next);
  }
}
