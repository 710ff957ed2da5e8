import { startEmulator, type Emulator } from '@sim-integrations/emulator';
import { createSimClient, type CreateSimClientOptions } from '../src/node.js';

export type { Emulator };
export { startEmulator };

export function clientFor(emulator: Emulator, extra: Partial<CreateSimClientOptions> = {}) {
  return createSimClient({ apiKey: emulator.seed.apiKey, baseUrl: emulator.url, ...extra });
}

/** Journal entries matching a method and a path pattern. */
export function requestsTo(emulator: Emulator, method: string, path: RegExp) {
  return emulator.journal().filter((e) => e.method === method && path.test(e.path));
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
