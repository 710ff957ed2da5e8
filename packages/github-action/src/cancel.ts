// Signal handling. When a job is cancelled the runner sends SIGINT, then SIGTERM 7.5 s later, then
// kills the process. On the first signal we abort the run's AbortController: the core then asks Sim
// to cancel the remote execution. Main gets `graceMs` to finish that and report; after that it
// reports `cancelled` and exits anyway, leaving any unconfirmed cancel to the post step.

export const DEFAULT_GRACE_MS = 5000;
/** How long the core may spend on the remote cancel after an abort or a timeout: inside the grace period. */
export const CANCEL_BUDGET_MS = DEFAULT_GRACE_MS - 1000;

export class SignalCancellation extends Error {
  override name = 'SignalCancellation';
  constructor(readonly signal: NodeJS.Signals) {
    super(`The GitHub job was cancelled (${signal}).`);
  }
}

export interface SignalWatch {
  readonly controller: AbortController;
  /** The first signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Removes the handlers and the grace timer. */
  dispose(): void;
}

export interface WatchOptions {
  graceMs?: number;
  /** Called on the first signal (for a log line). */
  onSignal: (signal: NodeJS.Signals) => void;
  /** Called when the run has not settled `graceMs` after the first signal; must end the process. */
  onGraceExpired: (signal: NodeJS.Signals) => void;
  signals?: NodeJS.Signals[];
  proc?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export function watchSignals(options: WatchOptions): SignalWatch {
  const controller = new AbortController();
  const proc = options.proc ?? process;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  let received: NodeJS.Signals | undefined;
  let timer: NodeJS.Timeout | undefined;

  const handler = (signal: NodeJS.Signals): void => {
    if (received) return; // SIGTERM after SIGINT: already cancelling, within the grace period
    received = signal;
    options.onSignal(signal);
    controller.abort(new SignalCancellation(signal));
    timer = setTimeout(() => options.onGraceExpired(signal), options.graceMs ?? DEFAULT_GRACE_MS);
  };
  for (const s of signals) proc.on(s, handler);

  return {
    controller,
    get received() {
      return received;
    },
    dispose() {
      for (const s of signals) proc.off(s, handler);
      if (timer) clearTimeout(timer);
    },
  };
}
