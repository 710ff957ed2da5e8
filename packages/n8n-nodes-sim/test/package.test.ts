import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '@sim-integrations/core';

import { SimApi } from '../credentials/SimApi.credentials';
import { Sim } from '../nodes/Sim/Sim.node';
import { SimTrigger } from '../nodes/SimTrigger/SimTrigger.node';
import { applyAuthenticate, n8nHttpRequest } from './harness';
import { start, type Emulator } from './helpers';

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

// dist/ is built from the current sources by test/build-dist.ts (vitest's global setup).
describe('the published package', () => {
	it('package.json follows the community-node rules', () => {
		expect(pkg.name).toBe('n8n-nodes-sim');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.overrides).toBeUndefined();
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepublishOnly']) {
			expect(pkg.scripts[script]).toBeUndefined();
		}
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		// the integer 1: n8n 2.40+ rejects the package when it is the string "1"
		expect(typeof pkg.n8n.n8nNodesApiVersion).toBe('number');
		for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) {
			expect(file.startsWith('dist/')).toBe(true);
			expect(existsSync(join(root, file))).toBe(true);
		}
	});

	it('dist holds the icons and codex files next to the nodes', () => {
		for (const file of [
			'nodes/Sim/sim.svg',
			'nodes/Sim/sim.dark.svg',
			'nodes/Sim/Sim.node.json',
			'nodes/SimTrigger/SimTrigger.node.json',
			'nodes/SimTrigger/sim.svg',
		]) {
			expect(existsSync(join(dist, file)), file).toBe(true);
		}
		const codex = JSON.parse(readFileSync(join(dist, 'nodes/Sim/Sim.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-sim.sim');
	});

	it('the bundle has no undici, fetch, timers, process or globalThis (n8n Cloud rules), and the core is bundled in', () => {
		const forbidden = [/undici/, /fetch\(/, /setTimeout/, /setInterval/, /\bprocess\b/, /globalThis/];
		for (const file of walk(dist).filter((f) => f.endsWith('.js'))) {
			const text = readFileSync(file, 'utf8');
			for (const pattern of forbidden)
				expect(pattern.test(text), `${relative(root, file)} matches ${pattern}`).toBe(false);
			const requires = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
			expect(
				requires.every((r) => r === 'n8n-workflow' || r === 'crypto'),
				`${relative(root, file)} requires ${requires}`,
			).toBe(true);
		}
		expect(readFileSync(join(dist, 'nodes/Sim/Sim.node.js'), 'utf8')).toContain('SimApiError');
	});

	it('the built files load as CommonJS and export the node and credential classes', () => {
		const load = createRequire(join(dist, 'index.js'));
		const { Sim: BuiltSim } = load('./nodes/Sim/Sim.node.js');
		const { SimTrigger: BuiltTrigger } = load('./nodes/SimTrigger/SimTrigger.node.js');
		const { SimApi: BuiltCredential } = load('./credentials/SimApi.credentials.js');
		expect(new BuiltSim().description.name).toBe('sim');
		expect(new BuiltTrigger().description.polling).toBe(true);
		expect(new BuiltCredential().name).toBe('simApi');
	});

	it("npm run lint: n8n's community-node rules over sources, package.json and dist, zero errors", async () => {
		const eslint = new ESLint({ cwd: root });
		const results = await eslint.lintFiles(['.']);
		const linted = results.map((r) => relative(root, r.filePath));
		expect(linted).toEqual(
			expect.arrayContaining(['package.json', 'nodes/Sim/Sim.node.ts', 'dist/nodes/Sim/Sim.node.js']),
		);
		const errors = results.flatMap((r) =>
			r.messages
				.filter((m) => m.severity === 2)
				.map((m) => `${relative(root, r.filePath)}:${m.line} ${m.ruleId} ${m.message}`),
		);
		expect(errors).toEqual([]);
	}, 120_000);
});

describe('node descriptions', () => {
	it('Sim: exact resources, operations and parameter names; usable as an AI tool', () => {
		const { description } = new Sim();
		// 1.1: Get Job Status / Wait for Job find runs by execution ID by default; version 1 nodes (saved workflows) by job ID
		expect(description).toMatchObject({
			name: 'sim',
			displayName: 'Sim',
			version: [1, 1.1],
			defaultVersion: 1.1,
			usableAsTool: true,
		});
		const options = (name: string, resource?: string) =>
			description.properties
				.filter((p) => p.name === name && (!resource || p.displayOptions?.show?.resource?.includes(resource)))
				.flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));
		expect(options('resource').sort()).toEqual(['auditLog', 'execution', 'log', 'usage', 'workflow']);
		expect(options('operation', 'workflow').sort()).toEqual([
			'deploy',
			'execute',
			'export',
			'get',
			'getMany',
			'rollback',
		]);
		expect(options('operation', 'execution').sort()).toEqual([
			'cancel',
			'getDetails',
			'getJobStatus',
			'resume',
			'waitForJob',
		]);
		expect(options('operation', 'log').sort()).toEqual(['get', 'getMany']);
		expect(options('operation', 'auditLog').sort()).toEqual(['get', 'getMany']);
		expect(options('operation', 'usage')).toEqual(['getLimits']);
		expect(options('executionMode')).toEqual(['sync', 'async', 'stream']);
		expect(options('inputMode')).toEqual(['json', 'fields']);
		const names = new Set(description.properties.map((p) => p.name));
		for (const name of [
			'workflowId',
			'executionMode',
			'waitForCompletion',
			'inputMode',
			'input',
			'executionId',
			'jobId',
			'lookUpBy',
			'logId',
			'auditLogId',
			'returnAll',
			'limit',
			'filters',
			'options',
			'deployOptions',
			'rollbackOptions',
		]) {
			expect(names.has(name), name).toBe(true);
		}
		const workflowId = description.properties.find((p) => p.name === 'workflowId')!;
		expect(workflowId.type).toBe('resourceLocator');
		expect(workflowId.modes!.map((m) => m.name)).toEqual(['list', 'url', 'id']);
		const runOptions = description.properties.find(
			(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('execute'),
		)!;
		expect((runOptions.options ?? []).map((o) => (o as { name: string }).name).sort()).toEqual([
			'cancelOnTimeout',
			'concurrency',
			'selectedOutputs',
			'timeout',
		]);
		expect(description.properties.find((p) => p.name === 'waitForCompletion')!.default).toBe(true);
	});

	it('Sim Trigger: polling, event newExecutionLog, filters workflows/level/trigger types', () => {
		const { description } = new SimTrigger();
		expect(description).toMatchObject({ name: 'simTrigger', displayName: 'Sim Trigger', polling: true });
		const event = description.properties.find((p) => p.name === 'event')!;
		expect(event.options!.map((o) => (o as { value: string }).value)).toEqual(['newExecutionLog']);
		const filters = description.properties.find((p) => p.name === 'filters')!;
		expect((filters.options ?? []).map((o) => (o as { name: string }).name).sort()).toEqual([
			'level',
			'triggers',
			'workflowIds',
			'workspaceId',
		]);
		const options = description.properties.find((p) => p.name === 'options')!;
		expect(options.options).toEqual([
			expect.objectContaining({ name: 'lookbackMinutes', type: 'number', default: 60 }),
		]);
	});
});

describe("the node creator (n8n's editor) finds the nodes", () => {
	// The rules below are n8n's own (1.123 and 2.40 alike; the editor code is cited in README.md →
	// Development). The browser test (scripts/test-editor.mjs) shows them in the real editor.
	const codex = (file: string) =>
		JSON.parse(readFileSync(join(root, 'nodes', file), 'utf8')) as {
			categories: string[];
			subcategories: Record<string, string[]>;
			alias: string[];
		};
	const sim = codex('Sim/Sim.node.json');
	const trigger = codex('SimTrigger/SimTrigger.node.json');

	it('outside the AI panel, search keeps an "AI" node only when its AI subcategories hold "Root Nodes" (filterOutAiNodes)', () => {
		for (const node of [sim, trigger]) {
			expect(node.categories).toEqual(['AI', 'Development']);
			expect(node.subcategories.AI).toContain('Root Nodes');
			// "Agents" lists them at the top of the AI panel, as n8n's own OpenAI/Anthropic nodes are
			expect(node.subcategories.AI).toContain('Agents');
		}
	});

	it("the app entry is the Sim node's (its codex and aliases), so those aliases cover the trigger's too", () => {
		for (const term of ['Sim', 'sim.ai', 'Sim Studio']) expect(trigger.alias).toContain(term);
		expect(sim.alias).toEqual(expect.arrayContaining(trigger.alias));
	});

	it("the app entry shows the trigger's description: it tells of the actions and of the trigger", () => {
		const text = new SimTrigger().description.description;
		expect(text).toMatch(/Run Sim AI workflows/);
		expect(text).toMatch(/start a workflow when a Sim run finishes/);
	});

	it('the resource mapper calls the fields workflow inputs, with options both n8n-workflow lines know', () => {
		const mapper = new Sim().description.properties.find((p) => p.type === 'resourceMapper')!.typeOptions!
			.resourceMapper!;
		expect(mapper.fieldWords).toEqual({ singular: 'workflow input', plural: 'workflow inputs' });
		expect(mapper.valuesLabel).toBe('Workflow Inputs');
		const load = createRequire(join(root, 'package.json'));
		for (const line of ['n8n-workflow-v1', 'n8n-workflow-v2']) {
			const types = readFileSync(
				join(dirname(load.resolve(`${line}/package.json`)), 'dist', 'cjs', 'interfaces.d.ts'),
				'utf8',
			);
			const base = /export interface ResourceMapperTypeOptionsBase \{\n([\s\S]*?)\n\}/.exec(types)?.[1] ?? '';
			const known = [...base.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
			const used = Object.keys(mapper).filter((key) => key !== 'resourceMapperMethod');
			expect(
				used.filter((key) => !known.includes(key)),
				line,
			).toEqual([]);
			expect(known, line).toEqual(expect.arrayContaining(['fieldWords', 'valuesLabel']));
		}
	});
});

describe('credential simApi', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await start('v1');
	});
	afterAll(async () => emulator?.close());
	const credential = new SimApi();

	it('fields, generic X-API-Key header auth', () => {
		expect(credential.name).toBe('simApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['apiKey', 'baseUrl', 'workspaceId']);
		expect(credential.properties[0]!.typeOptions?.password).toBe(true);
		expect(credential.properties[1]!.default).toBe(DEFAULT_BASE_URL);
		const options = applyAuthenticate({ url: '/x', headers: {} }, { apiKey: 'k-1' });
		expect(options.headers).toEqual({ 'X-API-Key': 'k-1' });
	});

	async function credentialTest(apiKey: string) {
		const request = credential.test.request;
		const baseURL = String(
			new Function('$credentials', `return (${request.baseURL!.slice(3, -2)});`)({ baseUrl: `${emulator.url}/` }),
		);
		const options = applyAuthenticate(
			{ method: 'GET', baseURL, url: request.url!, returnFullResponse: true, ignoreHttpStatusErrors: true, json: true },
			{ apiKey },
		);
		return (await n8nHttpRequest(options)) as { statusCode: number; body: { error?: string } };
	}

	it('the credential test (GET /api/users/me/usage-limits) passes with the key and fails without it', async () => {
		expect((await credentialTest(emulator.seed.apiKey)).statusCode).toBe(200);
		const wrong = await credentialTest('sk-sim-wrong');
		expect(wrong.statusCode).toBe(401);
		expect(emulator.journal().some((e) => e.path === '/api/users/me/usage-limits')).toBe(true);
	});
});
