import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { SimClient, type LogEntry } from '@sim-integrations/core';

import { SimTrigger } from '../nodes/SimTrigger/SimTrigger.node';
import { pollNewLogs, type PollState } from '../nodes/SimTrigger/poll';
import { runPoll } from './harness';
import { credentialsFor, SERVERS, start, until, type Emulator } from './helpers';

const trigger = new SimTrigger();

// The trigger reads /api/v1/logs, which every server serves (with v2 on too; the core's lists are v1 only, and runs are
// not involved): a server with v2 on adds nothing here, so the matrix is the two v1 log APIs, current and March 2026.
// How the trigger skips the log entries of rate-limited attempts, of v1 and v2 executes: the describe after this one.
describe.each(SERVERS.filter((s) => s !== 'v2'))(
	'Sim Trigger against the %s server (logs read through v1 on every server)',
	(server) => {
		let emulator: Emulator;
		let credentials: ReturnType<typeof credentialsFor>;
		beforeAll(async () => {
			emulator = await start(server);
			credentials = credentialsFor(emulator);
		});
		afterAll(async () => emulator?.close());

		async function runWorkflow(id: string, input: IDataObject): Promise<string> {
			const res = await fetch(`${emulator.url}/api/workflows/${id}/execute`, {
				method: 'POST',
				headers: { 'x-api-key': emulator.seed.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify(input),
			});
			const body = (await res.json()) as { executionId?: string };
			return body.executionId ?? '';
		}

		const poll = (staticData: IDataObject, parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') =>
			runPoll(trigger, { credentials, parameters: { event: 'newExecutionLog', ...parameters }, staticData, mode });

		it('manual mode ("Fetch Test Event"): one sample item, the newest log; state untouched', async () => {
			const staticData: IDataObject = {};
			const out = await poll(staticData, {}, 'manual');
			expect(out).toHaveLength(1);
			expect(out![0]!.json).toHaveProperty('executionId');
			expect(staticData).toEqual({});
		});

		it('first activation emits nothing (no flood), then only new runs, oldest first, each once', async () => {
			const staticData: IDataObject = {};
			expect(await poll(staticData)).toBeNull();
			expect(staticData.watermark).toBeTruthy();
			expect(await poll(staticData)).toBeNull();

			// Sim lists logs by (startedAt, id): two runs that start in the same millisecond come in the order of their
			// random log ids, so "oldest first" is only defined for runs that started apart. Space them by a tick.
			const ids = [];
			for (let i = 0; i < 3; i++) {
				if (i > 0) await new Promise((resolve) => setTimeout(resolve, 3));
				ids.push(await runWorkflow(emulator.seed.workflows.echo, { name: `t${i}`, count: i }));
			}
			const out = await poll(staticData);
			expect(out!.map((i) => i.json.executionId)).toEqual(ids);
			expect(await poll(staticData)).toBeNull();

			const later = await runWorkflow(emulator.seed.workflows.echo, { name: 'later', count: 1 });
			const next = await poll(staticData);
			expect(next!.map((i) => i.json.executionId)).toEqual([later]);
		});

		it('nothing missed or repeated across pages (105 new runs)', async () => {
			const staticData: IDataObject = {};
			expect(await poll(staticData)).toBeNull();
			const ids = new Set<string>();
			for (let i = 0; i < 105; i++)
				ids.add(await runWorkflow(emulator.seed.workflows.echo, { name: `p${i}`, count: i }));
			emulator.clearJournal();
			const out = await poll(staticData);
			const seen = out!.map((i) => i.json.executionId as string);
			expect(seen).toHaveLength(105);
			expect(new Set(seen)).toEqual(ids);
			const requests = emulator.journal().filter((e) => e.path === '/api/v1/logs');
			expect(requests.length).toBeGreaterThanOrEqual(2);
			expect(requests.every((e) => e.query.order === 'asc' && e.query.startDate)).toBe(true);
			expect(requests.slice(1).every((e) => e.query.cursor)).toBe(true);
			expect(await poll(staticData)).toBeNull();
		});

		it('a long run that finishes after a newer run was emitted is still emitted, exactly once', async () => {
			const staticData: IDataObject = {};
			expect(await poll(staticData)).toBeNull();

			const res = await fetch(`${emulator.url}/api/workflows/${emulator.seed.workflows.slow}/execute`, {
				method: 'POST',
				headers: { 'x-api-key': emulator.seed.apiKey, 'content-type': 'application/json', 'x-execution-mode': 'async' },
				body: JSON.stringify({ name: 'slow', count: 1, delayMs: 2500 }),
			});
			expect(res.status).toBe(202);
			const slow = ((await res.json()) as { executionId: string }).executionId;
			await new Promise((r) => setTimeout(r, 20));
			const quick = await runWorkflow(emulator.seed.workflows.echo, { name: 'quick', count: 1 });

			const first = await poll(staticData);
			expect(first!.map((i) => i.json.executionId)).toEqual([quick]);

			const logOf = async (executionId: string) => {
				const url = `${emulator.url}/api/v1/logs?workspaceId=${emulator.seed.workspaceId}&executionId=${executionId}`;
				const page = (await (await fetch(url, { headers: { 'x-api-key': emulator.seed.apiKey } })).json()) as {
					data: LogEntry[];
				};
				return page.data[0];
			};
			const slowLog = await until(() => logOf(slow), 'the slow run to be logged');
			expect(Date.parse(slowLog.startedAt!)).toBeLessThan(Date.parse(first![0]!.json.startedAt as string));

			const second = await poll(staticData);
			expect(second!.map((i) => i.json.executionId)).toEqual([slow]);
			expect(await poll(staticData)).toBeNull();
			// The state holds both log ids, and only ids of the lookback window (no seeded history).
			const emitted = staticData.emitted as Record<string, number>;
			expect(Object.keys(emitted)).toEqual(expect.arrayContaining([first![0]!.json.id, second![0]!.json.id]));
			const windowStart = Date.parse(staticData.watermark as string) - 60 * 60_000;
			expect(Object.values(emitted).every((started) => started >= windowStart)).toBe(true);
		});

		it('filters: level error and workflow IDs', async () => {
			const staticData: IDataObject = {};
			const filters = { filters: { level: 'error', workflowIds: [emulator.seed.workflows.fail] } };
			expect(await poll(staticData, filters)).toBeNull();
			await runWorkflow(emulator.seed.workflows.echo, { name: 'ok', count: 1 });
			const failed = await runWorkflow(emulator.seed.workflows.fail, { name: 'bad' });
			const out = await poll(staticData, filters);
			expect(out).toHaveLength(1);
			expect(out![0]!.json).toMatchObject({ level: 'error', workflowId: emulator.seed.workflows.fail });
			if (failed) expect(out![0]!.json.executionId).toBe(failed);
		});
	},
);

// Sim claims the id of an execute it refuses with 429 and logs it as a failed 1 ms api run
// (packages/emulator/recordings/sim-server-facts.md §A); that attempt never ran, so the trigger does not emit it.
describe.each(['v1', 'v2'] as const)('Sim Trigger and rate-limited attempts (executes through %s)', (name) => {
	it('skips the log entry of an attempt Sim refused with 429; the run that happened is emitted', async () => {
		// a key with one execute token: the second execute is refused with 429
		const limited = await start(name, { rateLimits: { execute: 1 } });
		try {
			const staticData: IDataObject = {};
			const creds = credentialsFor(limited);
			const poll = () =>
				runPoll(trigger, { credentials: creds, parameters: { event: 'newExecutionLog' }, staticData, mode: 'trigger' });
			expect(await poll()).toBeNull();
			const send = (runId: string) =>
				fetch(
					`${limited.url}${name === 'v2' ? `/api/v2/workflows/${limited.seed.workflows.echo}/execute` : `/api/workflows/${limited.seed.workflows.echo}/execute`}`,
					{
						method: 'POST',
						headers: {
							'x-api-key': limited.seed.apiKey,
							'content-type': 'application/json',
							[name === 'v2' ? 'x-run-id' : 'x-execution-id']: runId,
						},
						body: JSON.stringify(name === 'v2' ? { input: { name: 'R', count: 1 } } : { name: 'R', count: 1 }),
					},
				);
			const ran = randomUUID();
			const refused = randomUUID();
			expect((await send(ran)).status).toBe(200);
			expect((await send(refused)).status).toBe(429);
			const query = new URLSearchParams({ workspaceId: limited.seed.workspaceId, level: 'error' });
			const raw = (await (
				await fetch(`${limited.url}/api/v1/logs?${query}`, { headers: { 'x-api-key': limited.seed.apiKey } })
			).json()) as { data: Array<{ executionId: string }> };
			expect(raw.data.map((l) => l.executionId)).toContain(refused);
			const out = await poll();
			expect(out!.map((i) => i.json.executionId)).toEqual([ran]);
		} finally {
			await limited.close();
		}
	});
});

describe('trigger dedupe by log id over the lookback window (fake client)', () => {
	const at = '2026-11-28T10:00:00.000Z';
	const ms = (iso: string) => Date.parse(iso);
	const logs: LogEntry[] = [
		{ id: 'a', startedAt: '2026-11-28T09:59:59.000Z' },
		{ id: 'b', startedAt: at },
		{ id: 'c', startedAt: at },
		{ id: 'd', startedAt: at },
	] as LogEntry[];
	// A stand-in for the core client: startDate inclusive, oldest first.
	const fake = (entries: LogEntry[]) =>
		({
			async queryLogs(q: { order?: string; limit?: number }) {
				const sorted = [...entries].sort(
					(x, y) => (q.order === 'desc' ? -1 : 1) * x.startedAt!.localeCompare(y.startedAt!),
				);
				return { data: sorted.slice(0, q.limit ?? 100) };
			},
			async *iterateLogs(q: { startDate?: string }) {
				const from = Date.parse(q.startDate ?? '1970-01-01T00:00:00Z');
				const sorted = [...entries].sort((x, y) => x.startedAt!.localeCompare(y.startedAt!));
				for (const log of sorted.filter((l) => Date.parse(l.startedAt!) >= from)) yield log;
			},
			isRejectedAttempt: (log: LogEntry) => core.isRejectedAttempt(log),
		}) as unknown as SimClient;
	const filters = { workspaceId: 'ws', workflowIds: [], triggers: [] };
	// The core's own rule for rejected attempts, on a client that must not send anything for these entries.
	const core = new SimClient({
		apiKey: 'sk-sim-unused',
		transport: () => Promise.reject(new Error('no request expected')),
		sleep: () => Promise.resolve(),
		randomUUID: () => '00000000-0000-4000-8000-000000000000',
	});

	it('migrates the state of earlier versions (ids at the watermark) and emits only the unseen one', async () => {
		const state: PollState = { watermark: at, seenIds: ['b', 'c'] };
		const out = await pollNewLogs(fake(logs), state, filters, false);
		expect(out.map((l) => l.id)).toEqual(['d']);
		expect(state).toEqual({ watermark: at, emittedSince: at, emitted: { b: ms(at), c: ms(at), d: ms(at) } });
		expect(await pollNewLogs(fake(logs), state, filters, false)).toEqual([]);
	});

	it('first activation marks every log of the window as emitted; later, new and late logs come once', async () => {
		const state: PollState = {};
		expect(await pollNewLogs(fake(logs), state, filters, false)).toEqual([]);
		expect(state.watermark).toBe(at);
		expect(Object.keys(state.emitted!).sort()).toEqual(['a', 'b', 'c', 'd']);
		const more = [
			...logs,
			{ id: 'e', startedAt: at },
			{ id: 'f', startedAt: '2026-11-28T10:00:00.001Z' },
			{ id: 'late', startedAt: '2026-11-28T09:30:00.000Z' },
		] as LogEntry[];
		const out = await pollNewLogs(fake(more), state, filters, false);
		expect(out.map((l) => l.id)).toEqual(['late', 'e', 'f']);
		expect(state.watermark).toBe('2026-11-28T10:00:00.001Z');
		expect(await pollNewLogs(fake(more), state, filters, false)).toEqual([]);
	});

	it('prunes ids older than the window, and a longer lookback later does not repeat pruned logs', async () => {
		const state: PollState = {};
		expect(await pollNewLogs(fake(logs), state, filters, false, 1)).toEqual([]);
		const later = [...logs, { id: 'g', startedAt: '2026-11-28T10:05:00.000Z' }] as LogEntry[];
		expect((await pollNewLogs(fake(later), state, filters, false, 1)).map((l) => l.id)).toEqual(['g']);
		expect(state).toEqual({
			watermark: '2026-11-28T10:05:00.000Z',
			emittedSince: '2026-11-28T10:04:00.000Z',
			emitted: { g: ms('2026-11-28T10:05:00.000Z') },
		});
		// Pruned logs (a–d) are before emittedSince: a 60-minute lookback now must not emit them again.
		expect(await pollNewLogs(fake(later), state, filters, false, 60)).toEqual([]);
	});

	it('a run longer than the window is missed (documented limit)', async () => {
		const state: PollState = {};
		expect(await pollNewLogs(fake(logs), state, filters, false, 1)).toEqual([]);
		const tooLate = [...logs, { id: 'old', startedAt: '2026-11-28T09:58:00.000Z' }] as LogEntry[];
		expect(await pollNewLogs(fake(tooLate), state, filters, false, 1)).toEqual([]);
	});

	it('with no logs at all, everything after activation is new', async () => {
		const state: PollState = {};
		expect(await pollNewLogs(fake([]), state, filters, false)).toEqual([]);
		const out = await pollNewLogs(fake(logs), state, filters, false);
		expect(out.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
	});
});
