// Workflow → Execute with "Runs at Once": items through the core's runMany, against the emulator over
// real HTTP. The harness gives every item the same parameters, so these tests evaluate the `input`
// parameter per item (as n8n evaluates an expression like `{{ { row: $json.row } }}`).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { executeContext, type HarnessOptions } from './harness';
import { byId, credentialsFor, runIdOf, sentInput, start, until, type Emulator } from './helpers';

const node = new Sim();
const EXECUTE = /\/execute$/;
/** A failed sync run as each API answers it: v1 500 `{success:false}`, v2 200 `{data:{status:"failed"}}`. */
const FAILED_RUN = {
	v1: { status: 500, body: { success: false, output: {}, error: 'Function: boom', metadata: { duration: 1 } } },
	v2: {
		status: 200,
		body: { data: { status: 'failed', output: {}, error: { message: 'boom', blockName: 'Function' }, durationMs: 1 } },
	},
};

/** Runs the node with `input` evaluated per item from `inputOf(itemIndex)`. */
async function runItems(
	options: HarnessOptions,
	inputOf: (itemIndex: number) => IDataObject,
): Promise<INodeExecutionData[]> {
	const context = executeContext(node, options) as IExecuteFunctions & {
		getNodeParameter: (...a: unknown[]) => unknown;
	};
	const get = context.getNodeParameter.bind(context);
	context.getNodeParameter = ((name: string, itemIndex: number, ...rest: unknown[]) =>
		name === 'input'
			? JSON.stringify(inputOf(itemIndex))
			: get(name, itemIndex, ...rest)) as typeof context.getNodeParameter;
	const output = await node.execute.call(context);
	return output[0] ?? [];
}

describe.each(['v1', 'v2'] as const)('workflow → execute with Runs at Once (%s server)', (server) => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await start(server);
	});
	afterAll(async () => emulator?.close());
	beforeEach(() => emulator.reset());

	const items = (n: number) => Array.from({ length: n }, (_, row) => ({ json: { row } }));
	const options = (parameters: IDataObject, extra: Partial<HarnessOptions> = {}): HarnessOptions => ({
		credentials: credentialsFor(emulator),
		parameters: {
			resource: 'workflow',
			operation: 'execute',
			workflowId: byId(emulator.seed.workflows.slow),
			...parameters,
		},
		...extra,
	});
	const executes = () => emulator.journal().filter((e) => e.method === 'POST' && EXECUTE.test(e.path));

	it('runs N items at once, keeping input order and pairedItem, each run once', async () => {
		const started = Date.now();
		const out = await runItems(options({ options: { concurrency: 3 } }, { items: items(6) }), (row) => ({
			row,
			delayMs: 400,
		}));
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(out.map((o) => (o.json.output as { result: { row: number } }).result.row)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(out.every((o) => o.json.status === 'completed')).toBe(true);
		expect(Date.now() - started).toBeLessThan(6 * 400);
		const at = executes().map((e) => e.at);
		expect(at).toHaveLength(6);
		for (let i = 0; i + 3 < at.length; i++) expect(at[i + 3]! - at[i]!).toBeGreaterThanOrEqual(350);
		expect(
			executes()
				.map((e) => sentInput(e)['row'])
				.sort(),
		).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('async with wait, at once: each item gets its own job output', async () => {
		const out = await runItems(
			options({ executionMode: 'async', options: { concurrency: 4 } }, { items: items(5) }),
			(row) => ({ row, delayMs: 200 }),
		);
		expect(out.map((o) => (o.json.output as { result: { row: number } }).result.row)).toEqual([0, 1, 2, 3, 4]);
		expect(out.every((o) => typeof o.json.executionId === 'string')).toBe(true);
		// v2 has no jobs
		expect(out.every((o) => typeof o.json.jobId === (server === 'v2' ? 'undefined' : 'string'))).toBe(true);
	});

	it('a run that pauses for a person is an item (status paused), not a failure that stops the batch', async () => {
		const out = await runItems(
			options({ workflowId: byId(emulator.seed.workflows.hitl), options: { concurrency: 3 } }, { items: items(3) }),
			(row) => ({ name: `row-${row}` }),
		);
		expect(out).toHaveLength(3);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		for (const o of out) {
			expect(o.json.status).toBe('paused');
			expect((o.json.paused as { contextId: string }).contextId).toBe(`${emulator.seed.workflows.hitl}-human`);
		}
		expect(emulator.journal().filter((e) => e.method === 'POST' && /\/cancel$/.test(e.path))).toHaveLength(0);
	});

	it('continueOnFail: one error item for the failed input, the others complete, order kept', async () => {
		emulator.injectFault({ method: 'POST', path: EXECUTE.source, type: 'status', ...FAILED_RUN[server] });
		const out = await runItems(
			options({ options: { concurrency: 2 } }, { items: items(4), continueOnFail: true }),
			(row) => ({ row, delayMs: 100 }),
		);
		expect(out).toHaveLength(4);
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		const failed = out.filter((o) => o.json.status !== 'completed');
		expect(failed).toHaveLength(1);
		expect(String(failed[0]!.json.error)).toContain('boom');
		expect(out.filter((o) => o.json.status === 'completed')).toHaveLength(3);
	});

	// the core's rule (packages/core/test/rate-limits.test.ts): refused items are sent again under new ids
	it('a 429 storm: every item runs exactly once and keeps its place', async () => {
		emulator.injectFault({
			method: 'POST',
			path: EXECUTE.source,
			type: 'status',
			status: 429,
			times: 3,
			body: { error: 'Rate limit exceeded. Please try again later.' },
		});
		const out = await runItems(
			options({ workflowId: byId(emulator.seed.workflows.echo), options: { concurrency: 3 } }, { items: items(5) }),
			(row) => ({ row }),
		);
		expect(out.map((o) => (o.json.output as { result: { row: number } }).result.row)).toEqual([0, 1, 2, 3, 4]);
		const sent = executes();
		expect(sent.filter((e) => e.status === 429)).toHaveLength(3);
		const ids = sent.map(runIdOf);
		expect(new Set(ids).size).toBe(ids.length);
		expect(
			sent
				.filter((e) => e.status !== 429)
				.map((e) => sentInput(e)['row'])
				.sort(),
		).toEqual([0, 1, 2, 3, 4]);
	}, 30_000);

	it('without continueOnFail: the first failure stops the batch and cancels the runs in flight', async () => {
		emulator.injectFault({ method: 'POST', path: EXECUTE.source, type: 'status', ...FAILED_RUN[server] });
		await expect(
			runItems(options({ options: { concurrency: 2 } }, { items: items(8) }), (row) => ({ row, delayMs: 20_000 })),
		).rejects.toThrow(/boom/);
		expect(executes().length).toBeLessThanOrEqual(3);
		await until(
			() => emulator.journal().filter((e) => /\/cancel$/.test(e.path)).length >= 1,
			'the cancel of the run in flight',
		);
	});

	it('stopping the execution cancels the runs in flight and starts no more', async () => {
		const controller = new AbortController();
		const running = runItems(
			options({ options: { concurrency: 3 } }, { items: items(6), cancelSignal: controller.signal }),
			(row) => ({ row, delayMs: 20_000 }),
		);
		await until(() => executes().length >= 3, 'three runs in flight');
		controller.abort();
		await expect(running).rejects.toThrow();
		expect(executes()).toHaveLength(3);
		expect(emulator.journal().filter((e) => /\/cancel$/.test(e.path))).toHaveLength(3);
	});
});
