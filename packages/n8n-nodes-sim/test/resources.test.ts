import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Sim } from '../nodes/Sim/Sim.node';
import { runNode } from './harness';
import { byId, credentialsFor, start, type Emulator } from './helpers';

const node = new Sim();

describe('workflow, execution, log, audit log and usage operations', () => {
	let emulator: Emulator;
	let credentials: ReturnType<typeof credentialsFor>;
	beforeAll(async () => {
		emulator = await start('v1');
		credentials = credentialsFor(emulator);
	});
	afterAll(async () => emulator?.close());

	const run = (parameters: IDataObject, extra: Record<string, unknown> = {}) =>
		runNode(node, { credentials, parameters, ...extra });

	async function apiTotal(path: string, query: Record<string, string>, key = emulator.seed.apiKey): Promise<number> {
		let total = 0;
		let cursor: string | undefined;
		do {
			const params = new URLSearchParams({ ...query, limit: '100', ...(cursor ? { cursor } : {}) });
			const res = await fetch(`${emulator.url}${path}?${params}`, { headers: { 'x-api-key': key } });
			const body = (await res.json()) as { data: unknown[]; nextCursor?: string };
			total += body.data.length;
			cursor = body.nextCursor ?? undefined;
		} while (cursor);
		return total;
	}

	it('workflow → get: the workflow with its inputs', async () => {
		const [out] = await run({ resource: 'workflow', operation: 'get', workflowId: byId(emulator.seed.workflows.echo) });
		expect(out!.json.id).toBe(emulator.seed.workflows.echo);
		expect(out!.json.inputs).toEqual(
			expect.arrayContaining([expect.objectContaining({ name: 'count', type: 'number' })]),
		);
		expect(out!.pairedItem).toEqual({ item: 0 });
	});

	it('workflow → getMany: Limit stops early across pages, Return All reads every page', async () => {
		const limited = await run({ resource: 'workflow', operation: 'getMany', limit: 3 });
		expect(limited).toHaveLength(3);
		const all = await run({ resource: 'workflow', operation: 'getMany', returnAll: true });
		const total = await apiTotal('/api/v1/workflows', { workspaceId: emulator.seed.workspaceId });
		expect(all.length).toBe(total);
		expect(total).toBeGreaterThan(8);
		expect(new Set(all.map((i) => i.json.id)).size).toBe(all.length);
		expect(all.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('workflow → getMany: filters deployed-only and folder', async () => {
		const deployed = await run({
			resource: 'workflow',
			operation: 'getMany',
			returnAll: true,
			filters: { deployedOnly: true },
		});
		expect(deployed.length).toBeGreaterThan(0);
		expect(deployed.every((i) => i.json.isDeployed === true)).toBe(true);
		const inFolder = await run({
			resource: 'workflow',
			operation: 'getMany',
			returnAll: true,
			filters: { folderId: emulator.seed.folderId },
		});
		expect(inFolder.length).toBeGreaterThan(0);
		expect(inFolder.every((i) => i.json.folderId === emulator.seed.folderId)).toBe(true);
	});

	it('workflow → getMany: a workspace is required (credential or filter)', async () => {
		const error = await runNode(node, {
			credentials: { ...credentials, workspaceId: '' },
			parameters: { resource: 'workflow', operation: 'getMany' },
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/workspace ID/i);
		const viaFilter = await runNode(node, {
			credentials: { ...credentials, workspaceId: '' },
			parameters: {
				resource: 'workflow',
				operation: 'getMany',
				limit: 2,
				filters: { workspaceId: emulator.seed.workspaceId },
			},
		});
		expect(viaFilter).toHaveLength(2);
	});

	it('log → getMany: Limit and Return All across pages, with filters', async () => {
		const five = await run({ resource: 'log', operation: 'getMany', limit: 5 });
		expect(five).toHaveLength(5);
		emulator.clearJournal();
		const limited = await run({ resource: 'log', operation: 'getMany', limit: 150 });
		expect(limited).toHaveLength(150);
		expect(new Set(limited.map((i) => i.json.id)).size).toBe(150);
		const pages = emulator.journal().filter((e) => e.path === '/api/v1/logs');
		expect(pages).toHaveLength(2);
		expect(pages[1]!.query.cursor).toBeTruthy();
		const all = await run({ resource: 'log', operation: 'getMany', returnAll: true });
		const total = await apiTotal('/api/v1/logs', { workspaceId: emulator.seed.workspaceId });
		expect(all.length).toBe(total);
		expect(total).toBeGreaterThan(200);
		expect(new Set(all.map((i) => i.json.id)).size).toBe(total);
		const errors = await run({
			resource: 'log',
			operation: 'getMany',
			limit: 20,
			filters: { level: 'error', order: 'asc', workflowIds: emulator.seed.workflows.fail },
		});
		expect(errors.length).toBeGreaterThan(0);
		expect(errors.every((i) => i.json.level === 'error' && i.json.workflowId === emulator.seed.workflows.fail)).toBe(
			true,
		);
		const started = errors.map((i) => Date.parse(i.json.startedAt as string));
		expect([...started].sort((a, b) => a - b)).toEqual(started);
	});

	it("auditLog → getMany / get with an enterprise key; 403 with Sim's message otherwise", async () => {
		const enterprise = { ...credentials, apiKey: emulator.seed.enterpriseApiKey };
		const entries = await runNode(node, {
			credentials: enterprise,
			parameters: { resource: 'auditLog', operation: 'getMany', limit: 3 },
		});
		expect(entries).toHaveLength(3);
		const [entry] = await runNode(node, {
			credentials: enterprise,
			parameters: { resource: 'auditLog', operation: 'get', auditLogId: entries[0]!.json.id },
		});
		expect(entry!.json.id).toBe(entries[0]!.json.id);
		const denied = await run({ resource: 'auditLog', operation: 'getMany' }).catch((e: unknown) => e);
		expect(denied).toBeInstanceOf(NodeApiError);
		expect((denied as NodeApiError).httpCode).toBe('403');
	});

	it('usage → getLimits', async () => {
		const [out] = await run({ resource: 'usage', operation: 'getLimits' });
		expect(out!.json).toMatchObject({ success: true, rateLimit: { sync: expect.any(Object) } });
	});

	it('a wrong API key: Sim\'s "Invalid API key" and HTTP 401, without the key', async () => {
		const wrong = 'sk-sim-not-the-right-key-123456';
		const error = (await runNode(node, {
			credentials: { ...credentials, apiKey: wrong },
			parameters: { resource: 'workflow', operation: 'get', workflowId: byId(emulator.seed.workflows.echo) },
		}).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Invalid API key');
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/credential/i);
		expect(JSON.stringify({ m: error.message, d: error.description, c: error.context })).not.toContain(wrong);
	});

	// Sim answers 401 "Rate limit check failed" when it could not check the key (packages/emulator/recordings/sim-server-facts.md §C)
	it('a transient 401 "Rate limit check failed" is not reported as a wrong key', async () => {
		const flaky = await start('v1');
		try {
			flaky.injectFault({
				method: 'GET',
				path: '/api/v1/logs',
				type: 'status',
				status: 401,
				body: { error: 'Rate limit check failed' },
				times: 10,
			});
			const err = await runNode(node, {
				credentials: credentialsFor(flaky),
				parameters: {
					resource: 'log',
					operation: 'getMany',
					workspaceId: flaky.seed.workspaceId,
					returnAll: false,
					limit: 1,
				},
			}).catch((e: unknown) => e as Error & { description?: string });
			expect(err).toBeInstanceOf(Error);
			const text = `${(err as Error).message} ${(err as { description?: string }).description ?? ''}`;
			expect(text).not.toMatch(/Check the API key/);
			expect(text).toMatch(/not a wrong key/);
		} finally {
			await flaky.close();
		}
	});

	it('a server that cannot be reached: a clear connection error naming the cause', async () => {
		const error = (await runNode(node, {
			credentials: { ...credentials, baseUrl: 'http://127.0.0.1:9' },
			parameters: { resource: 'usage', operation: 'getLimits' },
		}).catch((e: unknown) => e)) as Error;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/connection was refused/);
		expect((error as NodeOperationError).description).toMatch(/ECONNREFUSED/);
	});

	it('a Base URL that is not an http(s) URL: a credential error before any request', async () => {
		emulator.clearJournal();
		for (const baseUrl of ['ftp://sim.example.com', 'sim.example.com', 'https://user:pw@sim.example.com']) {
			const error = (await runNode(node, {
				credentials: { ...credentials, baseUrl },
				parameters: { resource: 'usage', operation: 'getLimits' },
			}).catch((e: unknown) => e)) as NodeOperationError;
			expect(error, baseUrl).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe('The Base URL of the Sim credential is not valid');
			expect(error.description).toMatch(/Invalid Sim base URL|must not contain credentials/);
			expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain('pw@');
		}
		expect(emulator.journal()).toEqual([]);
	});

	it('a 503 answer is retried by the core, then succeeds', async () => {
		emulator.injectFault({ method: 'GET', path: '/api/users/me/usage-limits', type: 'status', status: 503, times: 1 });
		const [out] = await run({ resource: 'usage', operation: 'getLimits' });
		expect(out!.json.success).toBe(true);
	});
});

// The operations that start runs, on a server through v1 and on one with its v2 API on (the lists above are v1 on
// every server).
describe.each(['v1', 'v2'] as const)('runs through the %s server: lookups and errors', (server) => {
	let emulator: Emulator;
	let credentials: ReturnType<typeof credentialsFor>;
	beforeAll(async () => {
		emulator = await start(server);
		credentials = credentialsFor(emulator);
	});
	afterAll(async () => emulator?.close());

	const run = (parameters: IDataObject, extra: Record<string, unknown> = {}) =>
		runNode(node, { credentials, parameters, ...extra });

	it('log → get and execution → getDetails: one run, looked up by log id and by execution id', async () => {
		const [ran] = await run({
			resource: 'workflow',
			operation: 'execute',
			workflowId: byId(emulator.seed.workflows.echo),
			input: '{"name":"Look","count":1}',
		});
		const executionId = ran!.json.executionId as string;
		const [found] = await run({ resource: 'log', operation: 'getMany', limit: 1, filters: { executionId } });
		expect(found!.json.executionId).toBe(executionId);
		const [detail] = await run({ resource: 'log', operation: 'get', logId: found!.json.id });
		expect(detail!.json).toMatchObject({ id: found!.json.id, executionId });
		const [execution] = await run({ resource: 'execution', operation: 'getDetails', executionId });
		expect(execution!.json.executionId).toBe(executionId);
	});

	it("an unknown workflow: 404 with Sim's message; Continue On Fail gives { error, statusCode }", async () => {
		const out = await run(
			{ resource: 'workflow', operation: 'execute', workflowId: byId('wf-does-not-exist'), input: '{}' },
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
		);
		expect(out).toHaveLength(2);
		expect(out[0]!.json).toMatchObject({ statusCode: 404 });
		expect(out[0]!.json.error).toContain('Workflow not found');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('invalid JSON input: a NodeOperationError before any request', async () => {
		emulator.clearJournal();
		await expect(
			run({
				resource: 'workflow',
				operation: 'execute',
				workflowId: byId(emulator.seed.workflows.echo),
				input: '{nope',
			}),
		).rejects.toThrow(/not valid JSON/);
		expect(emulator.journal().filter((e) => e.path.endsWith('/execute'))).toHaveLength(0);
	});
});
