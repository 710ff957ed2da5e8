import { startEmulator } from '@sim-integrations/emulator';
import type { IDataObject } from 'n8n-workflow';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export const PROFILES = ['current', '2026-03'] as const;

export async function start(profile: (typeof PROFILES)[number] = 'current', extra: IDataObject = {}): Promise<Emulator> {
	return await startEmulator({ port: 0, profile, jobDurationMs: 150, ...extra });
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
