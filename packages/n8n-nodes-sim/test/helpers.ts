import { startEmulator, type EmulatorOptions } from '@sim-integrations/emulator';
import type { IDataObject } from 'n8n-workflow';

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

export async function start(server: Server = 'v1', extra: IDataObject = {}): Promise<Emulator> {
	return await startEmulator({ port: 0, jobDurationMs: 150, ...SERVER_OPTIONS[server], ...extra });
}

/** The execute requests an emulator received, on either API (`/api/workflows/{id}/execute`, `/api/v2/workflows/{id}/execute`). */
export function executesOf(emulator: Emulator, workflowId = '[^/]+'): ReturnType<Emulator['journal']> {
	const path = new RegExp(`^/api/(?:v2/)?workflows/${workflowId}/execute$`);
	return emulator.journal().filter((e) => e.method === 'POST' && path.test(e.path));
}

/** The client's run id an execute request carried (v1 `X-Execution-Id`, v2 `X-Run-Id`). */
export function runIdOf(entry: { headers: Record<string, string | undefined> } | undefined): string | undefined {
	return entry?.headers['x-execution-id'] ?? entry?.headers['x-run-id'];
}

/** The workflow input an execute request carried (v1: the body's fields; v2: the body's `input`). */
export function sentInput(entry: { path: string; body: string } | undefined): Record<string, unknown> {
	const body = JSON.parse(entry?.body || '{}') as Record<string, unknown>;
	return (entry?.path.startsWith('/api/v2/') ? body['input'] : body) as Record<string, unknown>;
}

export function credentialsFor(emulator: Emulator, overrides: IDataObject = {}) {
	return {
		apiKey: emulator.seed.apiKey,
		baseUrl: emulator.url,
		workspaceId: emulator.seed.workspaceId,
		...overrides,
	};
}

/** Resource-locator value as n8n stores it. */
export function byId(id: string) {
	return { __rl: true, mode: 'id', value: id };
}

export async function until<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}
