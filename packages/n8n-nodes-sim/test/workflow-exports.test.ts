// n8n loads a community node with the HOST's n8n-workflow, whatever the package was built against.
// This reads the built dist/**/*.js, lists every property taken from n8n-workflow, and checks each
// exists in both published lines (n8n-workflow 1.120 for n8n 1.x, 2.41 for n8n 2.x). It is the check
// that catches a use of an export one line removed (sleepWithAbort, gone in n8n-workflow 2.34).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error plain .mjs script without type declarations
import { missingExports, n8nWorkflowUsage, n8nWorkflowUsageInDir } from '../scripts/n8n-workflow-usage.mjs';

const root = join(__dirname, '..');
const load = createRequire(join(root, 'package.json'));
const lines: Array<[string, Record<string, unknown>]> = [
	[`n8n-workflow ${load('n8n-workflow-v1/package.json').version}`, load('n8n-workflow-v1')],
	[`n8n-workflow ${load('n8n-workflow-v2/package.json').version}`, load('n8n-workflow-v2')],
];

type Usage = { uses: Map<string, string[]>; problems: string[] };

describe('n8n-workflow exports the built nodes use', () => {
	let usage: Usage;
	beforeAll(() => {
		// dist/ is built from the current sources by test/build-dist.ts (vitest's global setup)
		usage = n8nWorkflowUsageInDir(join(root, 'dist'));
	});

	it('every use of n8n-workflow in dist can be listed (only property reads)', () => {
		expect(usage.problems).toEqual([]);
		// what the nodes do take from it today (a build change that loses the list would show here)
		expect([...usage.uses.keys()]).toEqual(
			expect.arrayContaining(['NodeApiError', 'NodeOperationError', 'NodeConnectionTypes', 'sleep']),
		);
	});

	it.each(lines)('every one exists in %s', (_name, workflow) => {
		expect(missingExports(usage.uses, workflow)).toEqual([]);
	});
});

describe('the checker', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'sim-n8n-exports-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** Bundles a TypeScript snippet the way scripts/build.mjs does (CommonJS, n8n-workflow external). */
	async function bundle(source: string): Promise<string> {
		const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.ts`);
		writeFileSync(entry, source);
		const result = await build({
			entryPoints: [entry],
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			external: ['n8n-workflow'],
			write: false,
			logLevel: 'silent',
		});
		return result.outputFiles[0]!.text;
	}

	it('flags the sleepWithAbort use that crashed on n8n 2.x (the old client.ts, as esbuild emits it)', async () => {
		const code = await bundle(`
			import { sleepWithAbort } from 'n8n-workflow';
			const n8nSleep = async (ms: number, signal?: AbortSignal) => await sleepWithAbort(ms, signal);
			export { n8nSleep };
		`);
		expect(code).toMatch(/import_n8n_workflow\d*\.sleepWithAbort\)/);
		const { names, problems } = n8nWorkflowUsage(code);
		expect(problems).toEqual([]);
		expect(names).toEqual(['sleepWithAbort']);
		const uses = new Map([['sleepWithAbort', ['client.js']]]);
		expect(missingExports(uses, lines[0]![1])).toEqual([]);
		expect(missingExports(uses, lines[1]![1])).toEqual([{ name: 'sleepWithAbort', files: ['client.js'] }]);
	});

	it('follows namespace, default and several imports of the module through esbuild', async () => {
		const code = await bundle(`
			import * as workflow from 'n8n-workflow';
			import { NodeOperationError as Failure } from 'n8n-workflow';
			export const a = () => workflow.jsonParse('{}');
			export const b = () => workflow['deepCopy']({});
			export const c = Failure;
		`);
		expect(n8nWorkflowUsage(code)).toEqual({ names: ['NodeOperationError', 'deepCopy', 'jsonParse'], problems: [] });
	});

	it('reports a use it cannot list instead of passing it', () => {
		const { problems } = n8nWorkflowUsage('const w = require("n8n-workflow"); module.exports = { w, x: w[key] };');
		expect(problems).toHaveLength(2);
		expect(n8nWorkflowUsage('import("n8n-workflow");').problems).toHaveLength(1);
		expect(n8nWorkflowUsage('export * from "n8n-workflow";', { sourceType: 'module' }).problems).toHaveLength(1);
	});

	it('lists destructuring and direct property reads of require("n8n-workflow")', () => {
		const code =
			'const { sleep, NodeApiError: E } = require("n8n-workflow"); const j = require("n8n-workflow").jsonParse;';
		expect(n8nWorkflowUsage(code)).toEqual({ names: ['NodeApiError', 'jsonParse', 'sleep'], problems: [] });
	});
});
