import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeApiError } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { runNode } from './harness';
import { byId, credentialsFor, start, type Emulator } from './helpers';

const node = new Sim();

describe('paused runs (human in the loop): Execute reports them, Execution → Resume continues them', () => {
	let emulator: Emulator;
	let credentials: ReturnType<typeof credentialsFor>;
	beforeAll(async () => {
		emulator = await start('current');
		credentials = credentialsFor(emulator);
	});
	afterAll(async () => emulator?.close());

	const hitl = () => emulator.seed.workflows.hitl;
	const human = () => `${emulator.seed.workflows.hitl}-human`;
	const execute = (parameters: Record<string, unknown>) =>
		runNode(node, { credentials, parameters: { resource: 'workflow', operation: 'execute', ...parameters } });
	const resume = (parameters: Record<string, unknown>) =>
		runNode(node, { credentials, parameters: { resource: 'execution', operation: 'resume', workflowId: byId(hitl()), ...parameters } });

	it.each(['sync', 'async', 'stream'])('%s: a run that waits for a person is a "paused" item (not an error) with the resume details', async (executionMode) => {
		const [item] = await execute({ workflowId: byId(hitl()), executionMode, input: '{"name":"Ada"}' });
		expect(item!.json).toMatchObject({ status: 'paused', error: null, paused: { contextId: human(), pauseKind: 'human' } });
		expect(item!.json.executionId).toBeTruthy();
	});

	it('Resume with JSON input waits for the run and returns its result (read through the original execution id)', async () => {
		const [paused] = await execute({ workflowId: byId(hitl()), executionMode: 'async', input: '{"name":"Bo"}' });
		const executionId = paused!.json.executionId as string;
		const [done] = await resume({ executionId, contextId: human(), resumeInput: '{"approved":true,"comment":"fine"}' });
		expect(done!.json).toMatchObject({
			executionId,
			status: 'completed',
			output: { result: { prep: { greeting: 'hi Bo' }, submission: { approved: true, comment: 'fine' } } },
		});
		// a pause is resumed once
		await expect(resume({ executionId, contextId: human(), resumeInput: '{}' })).rejects.toBeInstanceOf(NodeApiError);
	});

	it('Resume with mapped fields, and without waiting', async () => {
		const [paused] = await execute({ workflowId: byId(hitl()), input: '{"name":"Cy"}' });
		const executionId = paused!.json.executionId as string;
		const [accepted] = await resume({
			executionId,
			contextId: human(),
			resumeInputMode: 'fields',
			resumeFields: { field: [{ name: 'comment', value: 'mapped' }] },
			resumeOptions: { waitForCompletion: false },
		});
		expect(accepted!.json).toMatchObject({ executionId, httpStatus: 200 });
		const view = await fetch(`${emulator.url}/api/workflows/${hitl()}/executions/${executionId}?includeOutput=true`, {
			headers: { 'x-api-key': emulator.seed.apiKey },
		});
		expect(((await view.json()) as { finalOutput: unknown }).finalOutput).toMatchObject({ result: { submission: { comment: 'mapped' } } });
	});

	it('Wait for Job returns the paused run (the job alone says completed)', async () => {
		const [receipt] = await execute({ workflowId: byId(hitl()), executionMode: 'async', waitForCompletion: false, input: '{"name":"J"}' });
		const [waited] = await runNode(node, {
			credentials,
			parameters: { resource: 'execution', operation: 'waitForJob', jobId: receipt!.json.jobId as string },
		});
		expect(waited!.json).toMatchObject({ status: 'paused', paused: { contextId: human() } });
	});
});

describe('paused runs against the 2026-03 profile: unchanged', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await start('2026-03');
	});
	afterAll(async () => emulator?.close());

	it('Execute reports what the server says (completed)', async () => {
		const [item] = await runNode(node, {
			credentials: credentialsFor(emulator),
			parameters: { resource: 'workflow', operation: 'execute', workflowId: byId(emulator.seed.workflows.hitl), executionMode: 'async', input: '{"name":"M"}' },
		});
		expect(item!.json.status).toBe('completed');
	});
});

describe('paused runs against a server with the v2 API on (detected and used)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await start('current', { v2: true });
	});
	afterAll(async () => emulator?.close());

	it('Execute reports paused and Resume continues it, through /api/v2', async () => {
		const credentials = credentialsFor(emulator);
		const wf = emulator.seed.workflows.hitl;
		const [paused] = await runNode(node, {
			credentials,
			parameters: { resource: 'workflow', operation: 'execute', workflowId: byId(wf), executionMode: 'async', input: '{"name":"V2"}' },
		});
		expect(paused!.json).toMatchObject({ status: 'paused', paused: { contextId: `${wf}-human` } });
		const [done] = await runNode(node, {
			credentials,
			parameters: { resource: 'execution', operation: 'resume', workflowId: byId(wf), executionId: paused!.json.executionId, contextId: `${wf}-human`, resumeInput: '{"approved":true}' },
		});
		expect(done!.json).toMatchObject({ status: 'completed', output: { result: { submission: { approved: true } } } });
		const paths = emulator.journal().map((e) => `${e.method} ${e.path}`);
		expect(paths).toContain(`POST /api/v2/workflows/${wf}/execute`);
		expect(paths.some((p) => p.endsWith('/resume'))).toBe(true);
	});
});
