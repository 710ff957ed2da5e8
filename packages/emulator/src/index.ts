/** `startEmulator()`: a local Sim API server (profiles `current` and `2026-03`) with faults and a journal. */
import type { AddressInfo } from 'node:net';
import { createEmulatorServer } from './server.js';
import { EmulatorState, resolveOptions, type EmulatorOptions } from './state.js';
import { SEED, type Seed } from './seed.js';
import type { Fault } from './faults.js';
import type { JournalEntry } from './journal.js';
import type { ProfileName } from './profiles.js';

export { SEED } from './seed.js';
export type { Seed } from './seed.js';
export type { EmulatorOptions, RateLimitOptions } from './state.js';
export type { Fault, FaultType } from './faults.js';
export { FAULT_TYPES } from './faults.js';
export type { JournalEntry } from './journal.js';
export type { ProfileName, Profile } from './profiles.js';
export { PROFILES, PROFILE_NAMES } from './profiles.js';
export { CONTROL_FIELDS } from './execute.js';
export { systemClock, VirtualClock, VIRTUAL_EPOCH } from './clock.js';
export type { Clock, VirtualSleep } from './clock.js';

export interface Emulator {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  profile: ProfileName;
  /** Whether the v2 API is served (`v2` option, `--v2`). */
  v2: boolean;
  seed: Seed;
  /** Stops the server, ends every connection and run. */
  close(): Promise<void>;
  /** Requests received so far (control traffic excluded). */
  journal(): JournalEntry[];
  clearJournal(): void;
  injectFault(fault: Fault): void;
  /** Back to the seed: runs, logs, faults, journal and rate buckets. */
  reset(): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const opts = resolveOptions(options);
  const state = new EmulatorState(opts);
  for (const f of options.faults ?? []) state.faults.add(f);
  const server = createEmulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  state.baseUrl = url;
  let closing: Promise<void> | null = null;
  return {
    url,
    profile: opts.profile.name,
    v2: opts.v2,
    seed: SEED,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await state.shutdown();
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
    journal: () => state.journal.list(),
    clearJournal: () => state.journal.clear(),
    injectFault: (f) => state.faults.add(f),
    reset: () => state.reset(),
  };
}
