// Shared test setup: the emulator over real HTTP, bundles for it, and the two ways to run the app
// (createAppTester, and the raw handler when a test needs Zapier's cursor store).
import { startEmulator, type EmulatorOptions } from '@sim-integrations/emulator';
import zapier from 'zapier-platform-core';
import App from '../src/index.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/**
 * The Sim servers the behaviour tests run against: a current server through v1, the same server with its v2 API on
 * (which the core detects and uses for runs), and the March 2026 server (v1 only, jobs, no run records).
 */
export const SERVERS = ['v1', 'v2', 'march'] as const;
export type Server = (typeof SERVERS)[number];
const SERVER_OPTIONS: Record<Server, EmulatorOptions> = {
  v1: { profile: 'current' },
  v2: { profile: 'current', v2: true },
  march: { profile: '2026-03' },
};

export const appTester = zapier.createAppTester(App);

type Handler = (event: Record<string, unknown>, context: Record<string, unknown>) => Promise<{ results: unknown }>;
/** Zapier's raw handler (what the CLI and Zapier's servers call); not in zapier-platform-core's types. */
export const createAppHandler = (zapier as unknown as { createAppHandler: (app: unknown) => Handler }).createAppHandler;

export async function startEmu(server: Server = 'v1', options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, ...SERVER_OPTIONS[server], ...options });
}

/** The execute requests an emulator received, on either API (`/api/workflows/{id}/execute`, `/api/v2/workflows/{id}/execute`). */
export function executesOf(emu: Emulator, workflowId = '[^/]+'): ReturnType<Emulator['journal']> {
  const path = new RegExp(`^/api/(?:v2/)?workflows/${workflowId}/execute$`);
  return emu.journal().filter((e) => e.method === 'POST' && path.test(e.path));
}

/** The workflow input an execute request carried (v1: the body's fields; v2: the body's `input`). */
export function sentInput(entry: { path: string; body: string } | undefined): Record<string, unknown> {
  const body = JSON.parse(entry?.body || '{}') as Record<string, unknown>;
  return (entry?.path.startsWith('/api/v2/') ? body['input'] : body) as Record<string, unknown>;
}

export interface TestBundle {
  authData: Record<string, string>;
  inputData: Record<string, unknown>;
  meta: Record<string, unknown>;
}

export function bundleFor(
  emu: Emulator,
  inputData: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
  authData: Record<string, string> = {},
): TestBundle {
  return {
    authData: { apiKey: emu.seed.apiKey, workspaceId: emu.seed.workspaceId, baseUrl: emu.url, ...authData },
    inputData,
    meta,
  };
}

/**
 * An in-memory stand-in for Zapier's cursor store (one cursor per storeKey, as in production).
 * zapier-platform-core 19.1.0's test mock (create-rpc-client.js, rpcCursorMock) reads the params off
 * by one: `set_cursor` stores `obj[cursor] = null` and `get_cursor` reads `obj[undefined]`, so a plain
 * object never returns the cursor. This proxy turns those two accesses into "remember" and "recall".
 */
export function cursorStore(): Record<string, string> {
  let current: string | null = null;
  return new Proxy({} as Record<string, string>, {
    get: (_target, prop) => (prop === 'undefined' ? current : undefined),
    set: (_target, prop) => {
      current = String(prop);
      return true;
    },
  });
}

/**
 * Runs one app method through Zapier's own handler with a cursor store (the app tester has none),
 * as `zapier-platform invoke` does: for the paged dropdown trigger.
 */
export async function invokeWithCursor(
  method: string,
  bundle: TestBundle,
  cursorTestObj: Record<string, string>,
): Promise<unknown> {
  const handler = createAppHandler(App);
  const res = await handler({ command: 'execute', method, bundle, storeKey: 'test-cursor', cursorTestObj }, {});
  return res.results;
}

/** The thrown error of a promise (fails the test when it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Zapier's AppError and ThrottledError carry JSON in `message`; HaltedError and others plain text. */
export function messageOf(err: Error): { message: string; [k: string]: unknown } {
  try {
    const parsed = JSON.parse(err.message) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && typeof parsed['message'] === 'string')
      return parsed as { message: string };
  } catch {
    // plain text message
  }
  return { message: err.message };
}
