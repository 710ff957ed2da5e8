import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import type { LogEntry, SimClient } from '@sim-integrations/core';

import { SimTrigger } from '../nodes/SimTrigger/SimTrigger.node';
import { pollNewLogs, type PollState } from '../nodes/SimTrigger/poll';
import { runPoll } from './harness';
import { credentialsFor, PROFILES, start, type Emulator } from './helpers';

const trigger = new SimTrigger();

describe.each(PROFILES)('Sim Trigger against the %s profile', (profile) => {
	let emulator: Emulator;
	let credentials: ReturnType<typeof credentialsFor>;
	beforeAll(async () => {
		emulator = await start(profile);
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

		const ids = [];
		for (let i = 0; i < 3; i++) ids.push(await runWorkflow(emulator.seed.workflows.echo, { name: `t${i}`, count: i }));
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
		for (let i = 0; i < 105; i++) ids.add(await runWorkflow(emulator.seed.workflows.echo, { name: `p${i}`, count: i }));
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
});

describe('trigger dedupe at the watermark (several logs in the same millisecond, split across pages)', () => {
	const at = '2026-11-28T10:00:00.000Z';
	const logs: LogEntry[] = [
		{ id: 'a', startedAt: '2026-11-28T09:59:59.000Z' },
		{ id: 'b', startedAt: at },
		{ id: 'c', startedAt: at },
		{ id: 'd', startedAt: at },
	] as LogEntry[];
	// A stand-in for the core client: startDate inclusive, oldest first, pages of two.
	const fake = (entries: LogEntry[]) =>
		({
			async queryLogs(q: { order?: string; limit?: number }) {
				const sorted = [...entries].sort((x, y) => (q.order === 'desc' ? -1 : 1) * x.startedAt!.localeCompare(y.startedAt!));
				return { data: sorted.slice(0, q.limit ?? 100) };
			},
			async *iterateLogs(q: { startDate?: string }) {
				const from = Date.parse(q.startDate ?? '1970-01-01T00:00:00Z');
				for (const log of entries.filter((l) => Date.parse(l.startedAt!) >= from)) yield log;
			},
		}) as unknown as SimClient;
	const filters = { workspaceId: 'ws', workflowIds: [], triggers: [] };

	it('remembers every id at the watermark and emits only the unseen one', async () => {
		const state: PollState = { watermark: at, seenIds: ['b', 'c'] };
		const out = await pollNewLogs(fake(logs), state, filters, false);
		expect(out.map((l) => l.id)).toEqual(['d']);
		expect(state).toEqual({ watermark: at, seenIds: ['b', 'c', 'd'] });
		expect(await pollNewLogs(fake(logs), state, filters, false)).toEqual([]);
	});

	it('first activation marks all newest logs of the same millisecond as seen', async () => {
		const state: PollState = {};
		expect(await pollNewLogs(fake(logs), state, filters, false)).toEqual([]);
		expect(state.watermark).toBe(at);
		expect(state.seenIds!.sort()).toEqual(['b', 'c', 'd']);
		const more = [...logs, { id: 'e', startedAt: at }, { id: 'f', startedAt: '2026-11-28T10:00:00.001Z' }] as LogEntry[];
		const out = await pollNewLogs(fake(more), state, filters, false);
		expect(out.map((l) => l.id)).toEqual(['e', 'f']);
		expect(state).toEqual({ watermark: '2026-11-28T10:00:00.001Z', seenIds: ['f'] });
	});

	it('with no logs at all, everything after activation is new', async () => {
		const state: PollState = {};
		expect(await pollNewLogs(fake([]), state, filters, false)).toEqual([]);
		const out = await pollNewLogs(fake(logs), state, filters, false);
		expect(out.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
	});
});
