// Findings of the 2026-12-01 real-server run (sim-server-facts.md A, B/G, C) on the n8n node and trigger.
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
let credentials: ReturnType<typeof credentialsFor>;
beforeAll(async () => {
	emulator = await start('current');
	credentials = credentialsFor(emulator);
});
afterAll(async () => emulator?.close());
beforeEach(() => emulator.reset());

const execute = (parameters: Record<string, unknown>) =>
	runNode(node, { credentials, parameters: { resource: 'workflow', operation: 'execute', ...parameters } });

describe('rate-limited executes (facts A)', () => {
	it('a sync run retried after a 429 succeeds under a new execution id', async () => {
		emulator.injectFault({ method: 'POST', path: /\/execute$/, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
		const [out] = await execute({ workflowId: byId(emulator.seed.workflows.echo), input: '{"name":"R","count":1}' });
		expect(out!.json.status).toBe('completed');
		const ids = emulator.journal().filter(EXEC).map((e) => e.headers['x-execution-id']);
		expect(ids).toHaveLength(2);
		expect(ids[1]).not.toBe(ids[0]);
		expect(out!.json.executionId).toBe(ids[1]);
	});
	it('the Sim Trigger does not emit the rate-limited attempt as a failed run', async () => {
		const staticData: IDataObject = {};
		const poll = () => runPoll(trigger, { credentials, parameters: { event: 'newExecutionLog' }, staticData, mode: 'trigger' });
		expect(await poll()).toBeNull();
		emulator.injectFault({ method: 'POST', path: /\/execute$/, type: 'status', status: 429, body: { error: 'Rate limit exceeded. Please try again later.' } });
		await execute({ workflowId: byId(emulator.seed.workflows.echo), input: '{"name":"R","count":1}' });
		const [burnt, ran] = emulator.journal().filter(EXEC).map((e) => e.headers['x-execution-id']);
		const out = await poll();
		expect(out!.map((i) => i.json.executionId)).toEqual([ran]);
		expect(out!.map((i) => i.json.executionId)).not.toContain(burnt);
	});
});

describe('selected outputs (facts B, G 15–17)', () => {
	for (const executionMode of ['sync', 'async', 'stream']) {
		it(`${executionMode}: keyed by what the user wrote`, async () => {
			const [out] = await execute({
				workflowId: byId(emulator.seed.workflows.echo),
				executionMode,
				input: '{"name":"Sel","count":2}',
				options: { selectedOutputs: 'function.result, start.name' },
			});
			expect(out!.json.status).toBe('completed');
			expect(out!.json.output).toEqual({ 'function.result': { name: 'Sel', count: 2, doubled: 4 }, 'start.name': 'Sel' });
		});
	}
	it('async without waiting: the receipt, and selectedOutputs are not sent (Sim would answer 400)', async () => {
		const [out] = await execute({
			workflowId: byId(emulator.seed.workflows.echo),
			executionMode: 'async',
			waitForCompletion: false,
			options: { selectedOutputs: 'function.result' },
		});
		expect(out!.json.jobId).toBeTruthy();
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
