// Workflow → Deploy, Roll Back and Export through the node (the n8n harness), against the emulator over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { runNode } from './harness';
import { byId, credentialsFor, start, type Emulator } from './helpers';

const node = new Sim();

describe('workflow → deploy, roll back, export', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await start('v1');
	});
	afterAll(async () => emulator?.close());
	beforeEach(() => emulator.reset());

	const run = (parameters: IDataObject, extra: Record<string, unknown> = {}) =>
		runNode(node, {
			credentials: credentialsFor(emulator),
			parameters: { resource: 'workflow', ...parameters },
			...extra,
		});
	const echo = () => byId(emulator.seed.workflows.echo);

	it('deploy: a new version, named; the previous version; one item per input item', async () => {
		const items = await run(
			{ operation: 'deploy', workflowId: echo(), deployOptions: { name: 'release 1.4', description: 'from n8n' } },
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(items.map((i) => i.json.version)).toEqual([2, 3]);
		expect(items[1]!.json).toMatchObject({
			workflowId: emulator.seed.workflows.echo,
			previousVersion: 2,
			previousVersionSource: 'inferred',
			isDeployed: true,
			status: 'active',
			warnings: ['Deployment activation completed, and post-activation notifications are queued.'],
		});
		expect(items[1]!.pairedItem).toEqual({ item: 1 });
		const sent = emulator.journal().filter((e) => e.method === 'POST' && e.path.endsWith('/deploy'));
		expect(sent.map((e) => JSON.parse(e.body))).toEqual([
			{ name: 'release 1.4', description: 'from n8n' },
			{ name: 'release 1.4', description: 'from n8n' },
		]);
	});

	it('roll back: to the version before the live one, or to the one chosen', async () => {
		await run({ operation: 'deploy', workflowId: echo() });
		await run({ operation: 'deploy', workflowId: echo() });
		const [back] = await run({ operation: 'rollback', workflowId: echo() });
		expect(back!.json).toMatchObject({ version: 2, isDeployed: true });
		const [chosen] = await run({ operation: 'rollback', workflowId: echo(), rollbackOptions: { version: 1 } });
		expect(chosen!.json.version).toBe(1);
		const bodies = emulator
			.journal()
			.filter((e) => e.path.endsWith('/rollback'))
			.map((e) => JSON.parse(e.body));
		expect(bodies).toEqual([{}, { version: 1 }]);
	});

	it('roll back to a version that does not exist: the HTTP code and what to do', async () => {
		const error = await run({ operation: 'rollback', workflowId: echo(), rollbackOptions: { version: 9 } }).catch(
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect((error as NodeApiError).description).toContain('Version 9 does not exist for workflow `wf-echo`');
	});

	it('export: the workflow as Sim exports it, importable', async () => {
		const [out] = await run({ operation: 'export', workflowId: byId(emulator.seed.workflows.hitl) });
		expect(out!.json).toMatchObject({ version: '1.0', workflow: { id: emulator.seed.workflows.hitl, name: 'hitl' } });
		const blocks = Object.values((out!.json.state as { blocks: Record<string, { type: string }> }).blocks).map(
			(b) => b.type,
		);
		expect(blocks).toContain('human_in_the_loop');
		const imported = await fetch(`${emulator.url}/api/v1/workflows/import`, {
			method: 'POST',
			headers: { 'x-api-key': emulator.seed.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ workspaceId: emulator.seed.otherWorkspaceId, workflow: out!.json }),
		});
		expect(imported.status).toBe(201);
	});

	it('bad input fails before any request; Continue On Fail gives an error item per item', async () => {
		const error = await run({
			operation: 'deploy',
			workflowId: echo(),
			deployOptions: { name: 'x'.repeat(101) },
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain('Sim takes at most 100');
		expect(emulator.journal()).toEqual([]);
		const items = await run({ operation: 'deploy', workflowId: byId('no-such-workflow') }, { continueOnFail: true });
		expect(items[0]!.json.error).toMatch(/404/);
	});
});
