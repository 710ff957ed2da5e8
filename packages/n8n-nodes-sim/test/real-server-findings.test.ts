// Findings of the 2026-12-01 real-server run (sim-server-facts.md A, B/G, C) on the n8n node and trigger.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { SimTrigger } from '../nodes/SimTrigger/SimTrigger.node';
import { runNode, runPoll } from './harness';
import { byId, credentialsFor, start, type Emulator } from './helpers';

const node = new Sim();
const trigger = new SimTrigger();
const EXEC = (e: { method: string; path: string }) => e.method === 'POST' && e.path.endsWith('/execute');

let emulator: Emulator;
let v2: Emulator;
let credentials: ReturnType<typeof credentialsFor>;
beforeAll(async () => {
	[emulator, v2] = await Promise.all([start('v1'), start('v2')]);
	credentials = credentialsFor(emulator);
});
afterAll(async () => Promise.all([emulator?.close(), v2?.close()]));
beforeEach(() => {
	emulator.reset();
	v2.reset();
});
const servers = () => ({ v1: emulator, v2 });

const execute = (parameters: Record<string, unknown>, server: Emulator = emulator) =>
	runNode(node, { credentials: credentialsFor(server), parameters: { resource: 'workflow', operation: 'execute', ...parameters } });

// v1 only: a v1 execute 429 carries no Retry-After (recorded), so the core waits for the bucket's refill it reads from
// usage-limits before the retry (on an emulator whose usage-limits names a refill a minute away, this waits that minute).
describe('rate-limited executes (facts A; v1: a 429 without Retry-After)', () => {
	it('a sync run retried after a 429 succeeds under a new execution id', async () => {
		emulator.injectFault({ method: 'POST', path: /\/execute$/, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
		const [out] = await execute({ workflowId: byId(emulator.seed.workflows.echo), input: '{"name":"R","count":1}' });
		expect(out!.json.status).toBe('completed');
		const ids = emulator.journal().filter(EXEC).map((e) => e.headers['x-execution-id']);
		expect(ids).toHaveLength(2);
		expect(ids[1]).not.toBe(ids[0]);
		expect(out!.json.executionId).toBe(ids[1]);
	});
});

describe.each(['v1', 'v2'] as const)('the Sim Trigger and rate-limited attempts (facts A; executes through %s)', (name) => {
	it('does not emit the attempt Sim refused (and logged as a failed run) as a finished run', async () => {
		// a key with one execute token: the second execute is refused with 429, and Sim logs it as a failed 1 ms api run
		const limited = await start(name, { rateLimits: { execute: 1 } });
		try {
			const staticData: IDataObject = {};
			const creds = credentialsFor(limited);
			const poll = () => runPoll(trigger, { credentials: creds, parameters: { event: 'newExecutionLog' }, staticData, mode: 'trigger' });
			expect(await poll()).toBeNull();
			const send = (runId: string) =>
				fetch(`${limited.url}${name === 'v2' ? `/api/v2/workflows/${limited.seed.workflows.echo}/execute` : `/api/workflows/${limited.seed.workflows.echo}/execute`}`, {
					method: 'POST',
					headers: { 'x-api-key': limited.seed.apiKey, 'content-type': 'application/json', [name === 'v2' ? 'x-run-id' : 'x-execution-id']: runId },
					body: JSON.stringify(name === 'v2' ? { input: { name: 'R', count: 1 } } : { name: 'R', count: 1 }),
				});
			const ran = randomUUID();
			const refused = randomUUID();
			expect((await send(ran)).status).toBe(200);
			expect((await send(refused)).status).toBe(429);
			const query = new URLSearchParams({ workspaceId: limited.seed.workspaceId, level: 'error' });
			const raw = (await (await fetch(`${limited.url}/api/v1/logs?${query}`, { headers: { 'x-api-key': limited.seed.apiKey } })).json()) as { data: Array<{ executionId: string }> };
			expect(raw.data.map((l) => l.executionId)).toContain(refused);
			const out = await poll();
			expect(out!.map((i) => i.json.executionId)).toEqual([ran]);
		} finally {
			await limited.close();
		}
	});
});

describe.each(['v1', 'v2'] as const)('selected outputs (facts B, G 15–17; %s server)', (name) => {
	for (const executionMode of ['sync', 'async', 'stream']) {
		it(`${executionMode}: keyed by what the user wrote`, async () => {
			const server = servers()[name];
			const [out] = await execute({
				workflowId: byId(server.seed.workflows.echo),
				executionMode,
				input: '{"name":"Sel","count":2}',
				options: { selectedOutputs: 'function.result, start.name' },
			}, server);
			expect(out!.json.status).toBe('completed');
			expect(out!.json.output).toEqual({ 'function.result': { name: 'Sel', count: 2, doubled: 4 }, 'start.name': 'Sel' });
		});
	}
	it('async without waiting: the run\'s ids, and selectedOutputs are not sent (Sim would answer 400)', async () => {
		const server = servers()[name];
		const [out] = await execute({
			workflowId: byId(server.seed.workflows.echo),
			executionMode: 'async',
			waitForCompletion: false,
			options: { selectedOutputs: 'function.result' },
		}, server);
		expect(out!.json).toMatchObject({ status: 'queued', executionId: expect.any(String) });
		expect(out!.json.jobId).toEqual(name === 'v2' ? undefined : expect.any(String));
		const sent = server.journal().filter(EXEC).at(-1)!;
		expect(sent.body).not.toContain('selectedOutputs');
	});
});

describe('401 "Rate limit check failed" (facts C)', () => {
	it('is not reported as a wrong key', async () => {
		emulator.injectFault({ method: 'GET', path: '/api/v1/logs', type: 'status', status: 401, body: { error: 'Rate limit check failed' }, times: 10 });
		const err = await runNode(node, {
			credentials,
			parameters: { resource: 'log', operation: 'getMany', workspaceId: emulator.seed.workspaceId, returnAll: false, limit: 1 },
		}).catch((e: unknown) => e as Error & { description?: string });
		expect(err).toBeInstanceOf(Error);
		const text = `${(err as Error).message} ${(err as { description?: string }).description ?? ''}`;
		expect(text).not.toMatch(/Check the API key/);
		expect(text).toMatch(/not a wrong key/);
	});
});
