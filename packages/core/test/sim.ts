// The test bench: the emulator and the client under test on ONE virtual clock (auto mode), over real HTTP on 127.0.0.1.
// Minutes of server time (a 25 s workflow, a per-minute rate refill, a 10-minute deadline) pass in milliseconds.
import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import {
  startEmulator,
  VirtualClock,
  type Emulator,
  type EmulatorOptions,
  type JournalEntry,
} from '@sim-integrations/emulator';
import { SimClient, type SimClientOptions, type TransportRequest } from '../src/index.js';
import { createUndiciTransport } from '../src/node.js';

/** The servers the client meets: Sim v0.8.9 with v2 off (v1) and on (v2), and the March 2026 server (the spec's). */
export const SERVERS = {
  v1: { profile: 'current' },
  v2: { profile: 'current', v2: true },
  march: { profile: '2026-03' },
} as const satisfies Record<string, EmulatorOptions>;
export type ServerName = keyof typeof SERVERS;
/** The servers with run records (the execution resource, or v2's run): paused runs, resume, selected outputs. */
export const CURRENT: readonly ServerName[] = ['v1', 'v2'];
export const ALL: readonly ServerName[] = ['v1', 'v2', 'march'];

export interface Sim {
  clock: VirtualClock;
  emulator: Emulator;
  server: ServerName;
  seed: Emulator['seed'];
  /** A client of this emulator on the virtual clock. `requests` collects what it sent. */
  client(extra?: Partial<SimClientOptions>): SimClient;
  /** Journal entries (what the server received) for a method and path. */
  received(method: string, path: RegExp): JournalEntry[];
  /** Runs `fn` after `ms` of virtual time. */
  after(ms: number, fn: () => unknown): void;
}

/** Starts an emulator of `server` (plus options) on a virtual clock; stopped when the test finishes. */
export async function startSim(server: ServerName = 'v1', options: EmulatorOptions = {}): Promise<Sim> {
  const clock = new VirtualClock();
  const emulator = await startEmulator({ ...SERVERS[server], ...options, clock });
  const stop = clock.auto();
  const transport = clock.track(createUndiciTransport());
  onTestFinished(async () => {
    stop();
    await emulator.close();
  });
  return {
    clock,
    emulator,
    server,
    seed: emulator.seed,
    client: (extra = {}) =>
      new SimClient({
        apiKey: emulator.seed.apiKey,
        baseUrl: emulator.url,
        transport,
        sleep: clock.sleep,
        now: () => clock.now(),
        randomUUID,
        ...extra,
      }),
    received: (method, path) => emulator.journal().filter((e) => e.method === method && path.test(e.path)),
    after: (ms, fn) => {
      clock.setTimeout(() => void fn(), ms);
    },
  };
}

/** A transport wrapper that records every request the client sends. */
export function recording(sim: Sim): { requests: TransportRequest[]; extra: Partial<SimClientOptions> } {
  const requests: TransportRequest[] = [];
  const inner = sim.clock.track(createUndiciTransport());
  return { requests, extra: { transport: (req) => (requests.push(req), inner(req)) } };
}

export const EXECUTE = /\/execute$/;
export const CANCEL = /\/cancel$/;
