import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeApiError } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { runNode } from './harness';
import { byId, credentialsFor, start, type Emulator } from './helpers';

const node = new Sim();

describe.each(['v1', 'v2'] as const)(
	'paused runs (human in the loop) against the %s server: Execute reports them, Execution → Resume continues them',
	(server) => {
		let emulator: Emulator;
		let credentials: ReturnType<typeof credentialsFor>;
		beforeAll(async () => {
			emulator = await start(server);
			credentials = credentialsFor(emulator);
		});
		afterAll(async () => emulator?.close());

		const hitl = () => emulator.seed.workflows.hitl;
		const human = () => `${emulator.seed.workflows.hitl}-human`;
		const execute = (parameters: Record<string, unknown>) =>
			runNode(node, { credentials, parameters: { resource: 'workflow', operation: 'execute', ...parameters } });
		const resume = (parameters: Record<string, unknown>) =>
			runNode(node, {
				credentials,
				parameters: { resource: 'execution', operation: 'resume', workflowId: byId(hitl()), ...parameters },
			});

		it.each(['sync', 'async', 'stream'])(
			'%s: a run that waits for a person is a "paused" item (not an error) with the resume details',
			async (executionMode) => {
				const [item] = await execute({ workflowId: byId(hitl()), executionMode, input: '{"name":"Ada"}' });
				expect(item!.json).toMatchObject({
					status: 'paused',
					error: null,
					paused: { contextId: human(), pauseKind: 'human' },
				});
				expect(item!.json.executionId).toBeTruthy();
			},
		);

		it('Resume with JSON input waits for the run and returns its result (read through the original execution id)', async () => {
			const [paused] = await execute({ workflowId: byId(hitl()), executionMode: 'async', input: '{"name":"Bo"}' });
			const executionId = paused!.json.executionId as string;
			const [done] = await resume({
				executionId,
				contextId: human(),
				resumeInput: '{"approved":true,"comment":"fine"}',
			});
			expect(done!.json).toMatchObject({
				executionId,
				status: 'completed',
				output: { result: { prep: { greeting: 'hi Bo' }, submission: { approved: true, comment: 'fine' } } },
			});
			// a pause is resumed once
			await expect(resume({ executionId, contextId: human(), resumeInput: '{}' })).rejects.toBeInstanceOf(NodeApiError);
			// on a server with v2 on, the run and the resume went through /api/v2
			const paths = emulator.journal().map((e) => `${e.method} ${e.path}`);
			expect(paths).toContain(
				server === 'v2'
					? `POST /api/v2/workflows/${hitl()}/runs/${executionId}/resume`
					: `POST /api/resume/${hitl()}/${executionId}/${human()}`,
			);
			if (server === 'v2') expect(paths).toContain(`POST /api/v2/workflows/${hitl()}/execute`);
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
			expect(((await view.json()) as { finalOutput: unknown }).finalOutput).toMatchObject({
				result: { submission: { comment: 'mapped' } },
			});
		});

		it('Wait for Job and Get Job Status return the paused run, by execution ID (and by job ID on v1: the job alone says completed)', async () => {
			const [queued] = await execute({
				workflowId: byId(hitl()),
				executionMode: 'async',
				waitForCompletion: false,
				input: '{"name":"J"}',
			});
			const { executionId, jobId } = queued!.json as { executionId: string; jobId?: string };
			const lookups: Array<Record<string, unknown>> = [
				{ executionId, workflowId: byId(hitl()) },
				...(jobId ? [{ lookUpBy: 'jobId', jobId }] : []),
			];
			expect(lookups).toHaveLength(server === 'v1' ? 2 : 1);
			for (const lookup of lookups) {
				const [waited] = await runNode(node, {
					credentials,
					parameters: { resource: 'execution', operation: 'waitForJob', ...lookup },
				});
				expect(waited!.json).toMatchObject({
					status: 'paused',
					executionId,
					paused: { contextId: human(), pauseKind: 'human' },
				});
				const [once] = await runNode(node, {
					credentials,
					parameters: { resource: 'execution', operation: 'getJobStatus', ...lookup },
				});
				expect(once!.json).toMatchObject({
					status: 'paused',
					done: false,
					executionId,
					paused: { contextId: human() },
				});
				// one shape for a paused run's output, whichever path found the pause
				expect(once!.json.output).toEqual(waited!.json.output);
			}
		});
	},
);

describe('paused runs against the March 2026 server (no pauses): unchanged', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await start('march');
	});
	afterAll(async () => emulator?.close());

	it('Execute reports what the server says (completed)', async () => {
		const [item] = await runNode(node, {
			credentials: credentialsFor(emulator),
			parameters: {
				resource: 'workflow',
				operation: 'execute',
				workflowId: byId(emulator.seed.workflows.hitl),
				executionMode: 'async',
				input: '{"name":"M"}',
			},
		});
		expect(item!.json.status).toBe('completed');
	});
});
