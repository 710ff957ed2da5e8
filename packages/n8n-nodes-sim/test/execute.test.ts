import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { runNode, type LoggedRequest } from './harness';
import { byId, credentialsFor, executesOf, runIdOf, SERVERS, start, until, type Emulator } from './helpers';

const node = new Sim();
/** A cancel request on either API (v1's execution cancel, v2's run cancel). */
const CANCEL = /\/(executions|runs)\/[^/]+\/cancel$/;

describe.each(SERVERS)('workflow → execute against the %s server', (server) => {
	let emulator: Emulator;
	let credentials: ReturnType<typeof credentialsFor>;
	beforeAll(async () => {
		emulator = await start(server);
		credentials = credentialsFor(emulator);
	});
	afterAll(async () => emulator?.close());

	const execute = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		runNode(node, {
			credentials,
			parameters: { resource: 'workflow', operation: 'execute', ...parameters },
			...extra,
		});

	it('sync: returns the workflow output with the execution id, paired to its item', async () => {
		const requests: LoggedRequest[] = [];
		const out = await execute(
			{ workflowId: byId(emulator.seed.workflows.echo), input: '{"name":"Ada","count":21}' },
			{ requests },
		);
		expect(out).toHaveLength(1);
		expect(out[0]!.pairedItem).toEqual({ item: 0 });
		expect(out[0]!.json.status).toBe('completed');
		expect(out[0]!.json.output).toEqual({ result: { name: 'Ada', count: 21, doubled: 42 }, stdout: 'echo called' });
		expect(typeof out[0]!.json.executionId).toBe('string');
		// The credential (not the core) put the key on the request, exactly once.
		// the execute request (a client may first ask once whether the server has v2 on)
		const sent = requests.find((r) => r.method === 'POST')!;
		const keyHeaders = Object.keys(sent.headers).filter((h) => h.toLowerCase() === 'x-api-key');
		expect(keyHeaders).toEqual(['X-API-Key']);
		expect(sent.encoding).toBe('text');
		// The core's own signal (per-request timeout, user abort) reaches n8n's request helper.
		expect(sent.hadAbortSignal).toBe(true);
		const journal = emulator.journal().filter((e) => e.path.includes('/execute'));
		expect(journal.at(-1)!.headers['x-api-key']).toBe(emulator.seed.apiKey);
	});

	it('sync: the workflow selected by its Sim editor URL', async () => {
		const url = `${emulator.url}/workspace/${emulator.seed.workspaceId}/w/${emulator.seed.workflows.echo}`;
		const out = await execute({
			workflowId: { __rl: true, mode: 'url', value: url },
			input: { name: 'Url', count: 1 },
		});
		expect(out[0]!.json.output).toMatchObject({ result: { name: 'Url', doubled: 2 } });
	});

	it('sync and async: a Response-block workflow gives its body as the output, with status and headers', async () => {
		for (const executionMode of ['sync', 'async']) {
			const [out] = await execute({
				workflowId: byId(emulator.seed.workflows.echoResponse),
				executionMode,
				input: '{"name":"Resp","count":2}',
			});
			expect(out!.json.status).toBe('completed');
			expect(out!.json.output).toEqual({ echo: { name: 'Resp', count: 2, doubled: 4 }, ok: true });
			expect(out!.json.response).toMatchObject({ status: 200 });
		}
	});

	it('async with wait: polls the job and returns the unwrapped output', async () => {
		const out = await execute({
			workflowId: byId(emulator.seed.workflows.echo),
			executionMode: 'async',
			input: '{"name":"Async","count":5}',
		});
		expect(out[0]!.json).toMatchObject({
			status: 'completed',
			output: { result: { name: 'Async', count: 5, doubled: 10 } },
		});
		// v2 has no jobs: the execution id names the run on every server
		expect(out[0]!.json.jobId).toEqual(server === 'v2' ? undefined : expect.any(String));
		expect(out[0]!.json.executionId).toEqual(expect.any(String));
	});

	it("async without wait: returns the run's ids at once; Wait for Job and Get Job Status follow it by execution ID (v1, v2) or job ID (v1, March)", async () => {
		const [queued] = await execute({
			workflowId: byId(emulator.seed.workflows.echo),
			executionMode: 'async',
			waitForCompletion: false,
			input: '{"name":"Later","count":3}',
		});
		const { jobId, executionId } = queued!.json as { jobId?: string; executionId: string };
		expect(queued!.json).toMatchObject({ status: 'queued', workflowId: emulator.seed.workflows.echo });
		expect(executionId).toMatch(/^[0-9a-f-]{36}$/);
		expect(jobId).toEqual(server === 'v2' ? undefined : expect.any(String));
		if (server === 'v1') expect(jobId).toContain(':');

		const lookups: Array<{ why: string; parameters: Record<string, unknown>; typeVersion?: number }> = [];
		// a new node (version 1.1) finds the run by its execution ID by default
		if (server !== 'march')
			lookups.push({
				why: 'execution ID',
				parameters: { executionId, workflowId: byId(emulator.seed.workflows.echo) },
			});
		if (jobId) {
			// a workflow saved with version 1 of the node passes only the job ID (its default)
			lookups.push({ why: 'job ID, saved node (version 1)', parameters: { jobId }, typeVersion: 1 });
			lookups.push({ why: 'job ID', parameters: { lookUpBy: 'jobId', jobId } });
		}
		for (const { why, parameters, typeVersion } of lookups) {
			const [waited] = await runNode(node, {
				credentials,
				...(typeVersion ? { typeVersion } : {}),
				parameters: { resource: 'execution', operation: 'waitForJob', ...parameters },
			});
			expect(waited!.json, why).toMatchObject({ status: 'completed', executionId, output: { result: { doubled: 6 } } });
			const [status] = await runNode(node, {
				credentials,
				...(typeVersion ? { typeVersion } : {}),
				parameters: { resource: 'execution', operation: 'getJobStatus', ...parameters },
			});
			expect(status!.json, why).toMatchObject({
				status: 'completed',
				done: true,
				executionId,
				output: { result: { doubled: 6 } },
			});
		}
	});

	it.runIf(server === 'march')(
		'Get Job Status by execution ID on the March 2026 server: says to use the job ID',
		async () => {
			const error = (await runNode(node, {
				credentials,
				parameters: {
					resource: 'execution',
					operation: 'getJobStatus',
					executionId: '00000000-0000-4000-8000-000000000001',
					workflowId: byId(emulator.seed.workflows.echo),
				},
			}).catch((e: unknown) => e)) as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(/job id/i);
		},
	);

	it('stream: returns the collected text plus the final output, read as a stream', async () => {
		const requests: LoggedRequest[] = [];
		const out = await execute(
			{
				workflowId: byId(emulator.seed.workflows.stream),
				executionMode: 'stream',
				input: '{"chunks":4,"chunkSize":8}',
			},
			{ requests },
		);
		expect(requests.find((r) => r.method === 'POST')!.encoding).toBe('stream');
		const json = out[0]!.json;
		expect(json.status).toBe('completed');
		expect(typeof json.text).toBe('string');
		expect((json.text as string).length).toBe(32);
		expect(json.output).toEqual({ agent: { content: json.text } });
	});

	it("failure: a failing workflow becomes the node error with Sim's message", async () => {
		const run = execute({ workflowId: byId(emulator.seed.workflows.fail), input: '{"name":"Eve"}' });
		await expect(run).rejects.toBeInstanceOf(NodeOperationError);
		await expect(run).rejects.toThrow(/boom: Eve/);
	});

	it('failure under Continue On Fail: an { error, statusCode } item paired to its input, other items run', async () => {
		const out = await runNode(node, {
			credentials,
			continueOnFail: true,
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
			parameters: {
				resource: 'workflow',
				operation: 'execute',
				workflowId: byId(emulator.seed.workflows.fail),
				input: '{"name":"Eve"}',
			},
		});
		expect(out).toHaveLength(2);
		expect(out[0]!.json.error).toMatch(/boom/);
		expect(out[0]!.json).toHaveProperty('statusCode', null);
		expect(out[0]!.json.runStatus).toBe('failed');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('async failure with wait: the job error is the node error', async () => {
		await expect(
			execute({ workflowId: byId(emulator.seed.workflows.fail), executionMode: 'async', input: '{"name":"Zed"}' }),
		).rejects.toThrow(/boom: Zed/);
	});

	it('stream failure: the in-band error event is the node error', async () => {
		await expect(
			execute({ workflowId: byId(emulator.seed.workflows.fail), executionMode: 'stream', input: '{"name":"Sam"}' }),
		).rejects.toThrow(/boom: Sam/);
	});

	it('cancel: Execution → Cancel stops a queued run', async () => {
		const [receipt] = await execute({
			workflowId: byId(emulator.seed.workflows.slow),
			executionMode: 'async',
			waitForCompletion: false,
			input: '{"delayMs":20000}',
		});
		const { jobId, executionId } = receipt!.json as { jobId?: string; executionId: string };
		const [cancelled] = await runNode(node, {
			credentials,
			parameters: {
				resource: 'execution',
				operation: 'cancel',
				workflowId: byId(emulator.seed.workflows.slow),
				executionId,
			},
		});
		expect(cancelled!.json.executionId).toBe(executionId);
		expect(cancelled!.json.success).toBe(true);
		const lookup =
			server === 'march'
				? { lookUpBy: 'jobId', jobId }
				: { executionId, workflowId: byId(emulator.seed.workflows.slow) };
		const [waited] = await runNode(node, {
			credentials,
			continueOnFail: true,
			parameters: { resource: 'execution', operation: 'waitForJob', ...lookup, options: { timeout: 20 } },
		});
		// current: the run reads `cancelled`; 2026-03: the job reads `completed` with output.success false. Both read as a cancel.
		if (server !== 'march') expect(waited!.json.status).toBe('cancelled');
		else expect(['cancelled', 'failed']).toContain(waited!.json.status);
	});

	it('Options → Timeout: gives up after the timeout and cancels the run (Cancel on Timeout)', async () => {
		emulator.clearJournal();
		const error = (await execute({
			workflowId: byId(emulator.seed.workflows.slow),
			executionMode: 'async',
			input: '{"delayMs":20000}',
			options: { timeout: 1, cancelOnTimeout: true },
		}).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/timed out|did not finish|timeout/i);
		expect(error.context.executionId).toBeTruthy();
		if (server !== 'v2') expect(error.context.jobId).toBeTruthy();
		await until(
			() => emulator.journal().find((e) => e.method === 'POST' && CANCEL.test(e.path)),
			'the cancel request after the timeout',
		);
	});

	it('a stopped n8n execution stops waiting and cancels the Sim run (async)', async () => {
		emulator.clearJournal();
		const controller = new AbortController();
		const run = execute(
			{ workflowId: byId(emulator.seed.workflows.slow), executionMode: 'async', input: '{"delayMs":20000}' },
			{ cancelSignal: controller.signal },
		);
		// the run is watched through the job (March), the execution resource (v1) or the run (v2), after it was queued
		const isPoll = (e: { method: string; path: string }) =>
			e.method === 'GET' && (e.path.startsWith('/api/jobs/') || /\/(executions|runs)\/[^/]+$/.test(e.path));
		await until(() => {
			const journal = emulator.journal();
			const queued = journal.findIndex((e) => e.method === 'POST' && e.path.endsWith('/execute'));
			return queued >= 0 && journal.slice(queued + 1).some(isPoll);
		}, 'the first poll');
		controller.abort();
		await expect(run).rejects.toThrow(/stopped/);
		const cancel = await until(
			() => emulator.journal().find((e) => e.method === 'POST' && CANCEL.test(e.path)),
			'the cancel request',
		);
		expect(cancel.status).toBe(200);
	});

	it('a stopped n8n execution cancels a sync run by its client execution id', async () => {
		emulator.clearJournal();
		const controller = new AbortController();
		const run = execute(
			{ workflowId: byId(emulator.seed.workflows.slow), input: '{"delayMs":20000}' },
			{ cancelSignal: controller.signal },
		);
		const executeEntry = await until(
			() => emulator.journal().find((e) => e.method === 'POST' && e.path.endsWith('/execute')),
			'the execute request',
		);
		controller.abort();
		await expect(run).rejects.toThrow(/stopped/);
		const id = runIdOf(executeEntry);
		expect(id).toBeTruthy();
		await until(
			() => emulator.journal().find((e) => e.method === 'POST' && e.path.endsWith(`/${id}/cancel`)),
			'the cancel request for the sync run',
		);
	});

	it('a stopped n8n execution ends a stream and cancels the streamed run', async () => {
		emulator.clearJournal();
		const controller = new AbortController();
		const run = execute(
			{
				workflowId: byId(emulator.seed.workflows.stream),
				executionMode: 'stream',
				input: '{"chunks":40,"chunkSize":4,"chunkDelayMs":500}',
			},
			{ cancelSignal: controller.signal },
		);
		const executeEntry = await until(
			() => emulator.journal().find((e) => e.method === 'POST' && e.path.endsWith('/execute')),
			'the stream request',
		);
		controller.abort();
		await expect(run).rejects.toThrow(/stopped/);
		expect(runIdOf(executeEntry)).toBeTruthy();
		await until(
			() => emulator.journal().find((e) => e.method === 'POST' && CANCEL.test(e.path)),
			'the cancel request for the streamed run',
		);
	});

	// After a 429 the core starts the run again under a new execution id (its rule, proven in
	// packages/core/test/execute-safety.test.ts; packages/emulator/recordings/sim-server-facts.md §A): the item must name
	// the attempt that ran. On v1, whose execute 429 carries no Retry-After.
	it.runIf(server === 'v1')(
		'sync after a 429: the item reports the run by the execution id of the attempt that ran',
		async () => {
			emulator.clearJournal();
			emulator.injectFault({
				method: 'POST',
				path: /\/execute$/,
				type: 'status',
				status: 429,
				body: { error: 'Rate limit exceeded. Please try again later.' },
			});
			const [out] = await execute({ workflowId: byId(emulator.seed.workflows.echo), input: '{"name":"R","count":1}' });
			expect(out!.json.status).toBe('completed');
			const ids = executesOf(emulator).map(runIdOf);
			expect(ids).toHaveLength(2);
			expect(out!.json.executionId).toBe(ids[1]);
		},
	);

	it("errors: an undeployed workflow gives Sim's message and HTTP 403 as a NodeApiError (v1 wording, v2 WORKFLOW_NOT_DEPLOYED)", async () => {
		const run = execute({ workflowId: byId(emulator.seed.workflows.undeployed), input: '{}' });
		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		const error = (await run.catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toContain('Workflow is not deployed');
		expect(error.httpCode).toBe('403');
		expect(error.context.itemIndex).toBe(0);
		expect(error.description).toMatch(/Deploy/);
	});
});
