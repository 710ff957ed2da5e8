// The sleep port the nodes give the core, built on the `sleep` of each published n8n-workflow line
// (1.x: `sleep(ms)`; 2.34+: `sleep(ms, signal)`): it waits, and it ends promptly when aborted.
import type { Sleep } from '@sim-integrations/core';
import { sleep as sleepV1 } from 'n8n-workflow-v1';
import { sleep as sleepV2 } from 'n8n-workflow-v2';
import { describe, expect, it } from 'vitest';

import { createSleep, MAX_SLEEP_SLICE_MS, type HostSleep } from '../nodes/Sim/transport/sleep';

const lines: Array<[string, HostSleep]> = [
	['n8n-workflow 1.120 (sleep(ms))', sleepV1 as HostSleep],
	['n8n-workflow 2.41 (sleep(ms, signal))', sleepV2 as HostSleep],
];

async function settleTime(promise: Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
	const started = performance.now();
	try {
		await promise;
		return { ms: performance.now() - started };
	} catch (error) {
		return { ms: performance.now() - started, error };
	}
}

describe.each(lines)('the sleep port on %s', (_name, hostSleep) => {
	const sleep: Sleep = createSleep(hostSleep);

	it('waits the given time, with and without a signal', async () => {
		expect((await settleTime(sleep(120))).ms).toBeGreaterThanOrEqual(90);
		const { ms, error } = await settleTime(sleep(120, new AbortController().signal));
		expect(error).toBeUndefined();
		expect(ms).toBeGreaterThanOrEqual(90);
	});

	it("ends promptly with the signal's reason when aborted mid-wait", async () => {
		const controller = new AbortController();
		const reason = new Error('n8n stopped the execution');
		const waiting = settleTime(sleep(30_000, controller.signal));
		await new Promise((resolve) => setImmediate(resolve));
		controller.abort(reason);
		const { ms, error } = await waiting;
		expect(error).toBe(reason);
		expect(ms).toBeLessThan(1_000);
	});

	it('rejects at once when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort(new Error('already stopped'));
		const { ms, error } = await settleTime(sleep(30_000, controller.signal));
		expect((error as Error).message).toBe('already stopped');
		expect(ms).toBeLessThan(100);
	});

	it('leaves no abort listener behind after a normal wait', async () => {
		const controller = new AbortController();
		let listeners = 0;
		const add = controller.signal.addEventListener.bind(controller.signal);
		const remove = controller.signal.removeEventListener.bind(controller.signal);
		controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
			listeners++;
			add(...args);
		}) as typeof add;
		controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
			listeners--;
			remove(...args);
		}) as typeof remove;
		await sleep(5, controller.signal);
		expect(listeners).toBe(0);
	});
});

it('n8n-workflow 2.34+ removed sleepWithAbort; both lines export sleep', async () => {
	const v1 = await import('n8n-workflow-v1');
	const v2 = await import('n8n-workflow-v2');
	expect(typeof v1.sleep).toBe('function');
	expect(typeof v2.sleep).toBe('function');
	expect('sleepWithAbort' in v2).toBe(false);
});

describe('long waits are taken in slices (n8n-workflow 1.x cannot clear an aborted timer)', () => {
	it('a 12 s wait asks the host for 5 s, 5 s and 2 s; an aborted wait stops asking', async () => {
		const asked: number[] = [];
		const host: HostSleep = async (ms) => {
			asked.push(ms);
		};
		await createSleep(host)(12_000, new AbortController().signal);
		expect(asked).toEqual([MAX_SLEEP_SLICE_MS, MAX_SLEEP_SLICE_MS, 2_000]);

		asked.length = 0;
		const controller = new AbortController();
		const slow: HostSleep = (ms) => {
			asked.push(ms);
			return new Promise(() => undefined); // a 1.x timer that is never cleared
		};
		const waiting = createSleep(slow)(51 * 60_000, controller.signal).catch((e: unknown) => e);
		await new Promise((resolve) => setImmediate(resolve));
		controller.abort(new Error('stopped'));
		expect(((await waiting) as Error).message).toBe('stopped');
		expect(asked).toEqual([MAX_SLEEP_SLICE_MS]);
	});
});
