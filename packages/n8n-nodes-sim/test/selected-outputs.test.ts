// The Selected Outputs option reaches the core in every execution mode (each mode is its own call in
// nodes/Sim/resources/workflow/execute.operation.ts). What a selection means, keyed as written on every mode and
// protocol, is the core's rule, proven in packages/core/test/selected-outputs.test.ts
// (packages/emulator/recordings/sim-server-facts.md §B, §G.15 to §G.17). An Async run that does not wait sends none:
// Sim refuses them on async executes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Sim } from '../nodes/Sim/Sim.node';
import { runNode } from './harness';
import { byId, credentialsFor, executesOf, start, type Emulator } from './helpers';

const node = new Sim();

let emulator: Emulator;
beforeAll(async () => {
	emulator = await start('v1');
});
afterAll(async () => emulator?.close());

const execute = (parameters: Record<string, unknown>) =>
	runNode(node, {
		credentials: credentialsFor(emulator),
		parameters: {
			resource: 'workflow',
			operation: 'execute',
			workflowId: byId(emulator.seed.workflows.echo),
			...parameters,
		},
	});

describe('Selected Outputs', () => {
	it.each(['sync', 'async', 'stream'])(
		'%s: the output is the named block outputs, keyed as written',
		async (executionMode) => {
			const [out] = await execute({
				executionMode,
				input: '{"name":"Sel","count":2}',
				options: { selectedOutputs: 'function.result, start.name' },
			});
			expect(out!.json.status).toBe('completed');
			expect(out!.json.output).toEqual({
				'function.result': { name: 'Sel', count: 2, doubled: 4 },
				'start.name': 'Sel',
			});
		},
	);

	it("async without waiting: the run's ids, and the selection is not sent (Sim would answer 400)", async () => {
		const [out] = await execute({
			executionMode: 'async',
			waitForCompletion: false,
			options: { selectedOutputs: 'function.result' },
		});
		expect(out!.json).toMatchObject({ status: 'queued', executionId: expect.any(String) });
		const sent = executesOf(emulator).at(-1)!;
		expect(sent.body).not.toContain('selectedOutputs');
	});
});
