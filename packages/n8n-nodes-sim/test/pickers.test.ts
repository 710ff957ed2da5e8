import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceMapperFields } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { SimTrigger } from '../nodes/SimTrigger/SimTrigger.node';
import { loadOptionsContext, runNode } from './harness';
import { byId, credentialsFor, SERVERS, start, type Emulator } from './helpers';

const node = new Sim();

describe.each(SERVERS)('workflow picker and Map Each Field against the %s server', (server) => {
	let emulator: Emulator;
	let credentials: ReturnType<typeof credentialsFor>;
	beforeAll(async () => {
		emulator = await start(server);
		credentials = credentialsFor(emulator);
	});
	afterAll(async () => emulator?.close());

	const mapperFields = async (workflowId: string): Promise<ResourceMapperFields> =>
		await node.methods.resourceMapping.getWorkflowInputs.call(
			loadOptionsContext(node, {
				credentials,
				parameters: { resource: 'workflow', operation: 'execute', inputMode: 'fields', workflowId: byId(workflowId) },
			}),
		);

	it("listSearch: the workspace's workflows with editor URLs, undeployed ones marked", async () => {
		const context = loadOptionsContext(node, {
			credentials,
			parameters: { resource: 'workflow', operation: 'execute' },
		});
		const all = await node.methods.listSearch.searchWorkflows.call(context);
		const ids = all.results.map((r) => r.value);
		expect(ids).toEqual(expect.arrayContaining([emulator.seed.workflows.echo, emulator.seed.workflows.undeployed]));
		const echo = all.results.find((r) => r.value === emulator.seed.workflows.echo)!;
		expect(echo.url).toBe(`${emulator.url}/workspace/${emulator.seed.workspaceId}/w/${emulator.seed.workflows.echo}`);
		expect(all.results.find((r) => r.value === emulator.seed.workflows.undeployed)!.name).toMatch(/not deployed/);

		const filtered = await node.methods.listSearch.searchWorkflows.call(context, 'ECHO');
		expect(filtered.results.length).toBeGreaterThan(0);
		expect(filtered.results.every((r) => /echo/i.test(r.name))).toBe(true);
	});

	it('listSearch: without a workspace ID it explains what to set', async () => {
		const context = loadOptionsContext(node, {
			credentials: { ...credentials, workspaceId: '' },
			parameters: { resource: 'workflow', operation: 'execute' },
		});
		await expect(node.methods.listSearch.searchWorkflows.call(context)).rejects.toThrow(/Workspace ID/);
	});

	it('resourceMapper: fields and types from the real `inputs` array', async () => {
		const echo = await mapperFields(emulator.seed.workflows.echo);
		expect(echo.fields.map((f) => [f.id, f.type])).toEqual([
			['name', 'string'],
			['count', 'number'],
		]);
		const typed = await mapperFields(emulator.seed.workflows.typed);
		expect(Object.fromEntries(typed.fields.map((f) => [f.id, f.type]))).toMatchObject({
			text: 'string',
			amount: 'number',
			flag: 'boolean',
			meta: 'object',
			tags: 'array',
		});
		expect(typed.fields.every((f) => f.display && !f.required)).toBe(true);
	});

	it("resourceMapper: still works when a server sends the spec's `inputs.fields` map", async () => {
		emulator.injectFault({
			method: 'GET',
			path: `/api/v1/workflows/${emulator.seed.workflows.echo}`,
			type: 'status',
			status: 200,
			times: 1,
			body: {
				data: {
					id: emulator.seed.workflows.echo,
					name: 'echo',
					inputs: {
						fields: { topic: { type: 'string' }, budget: { type: 'number', description: 'USD' }, urgent: 'boolean' },
					},
				},
			},
		});
		const fields = await mapperFields(emulator.seed.workflows.echo);
		expect(fields.fields.map((f) => [f.id, f.type])).toEqual([
			['topic', 'string'],
			['budget', 'number'],
			['urgent', 'boolean'],
		]);
	});

	it('Map Each Field: mapped values are converted to the field types and sent as the input', async () => {
		const fields = await mapperFields(emulator.seed.workflows.echo);
		const [out] = await runNode(node, {
			credentials,
			parameters: {
				resource: 'workflow',
				operation: 'execute',
				workflowId: byId(emulator.seed.workflows.echo),
				inputMode: 'fields',
				inputFields: { mappingMode: 'defineBelow', value: { name: 'Grace', count: '7' }, schema: fields.fields },
			},
		});
		expect(out!.json.output).toMatchObject({ result: { name: 'Grace', count: 7, doubled: 14 } });
	});

	it('Map Each Field: a value that does not fit its type is a clear item error', async () => {
		const fields = await mapperFields(emulator.seed.workflows.echo);
		await expect(
			runNode(node, {
				credentials,
				parameters: {
					resource: 'workflow',
					operation: 'execute',
					workflowId: byId(emulator.seed.workflows.echo),
					inputMode: 'fields',
					inputFields: { mappingMode: 'defineBelow', value: { count: 'many' }, schema: fields.fields },
				},
			}),
		).rejects.toThrow(/count/);
	});

	it("trigger: the workflow filter lists the workspace's workflows", async () => {
		const trigger = new SimTrigger();
		const options = await trigger.methods.loadOptions.getWorkflows.call(
			loadOptionsContext(trigger, { credentials, parameters: {} }),
		);
		expect(options.map((o) => o.value)).toContain(emulator.seed.workflows.fail);
	});
});
