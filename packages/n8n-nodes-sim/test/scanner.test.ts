// n8n's verification scanner (@n8n/scan-community-package 0.32.0), run with its own code and
// configuration (scripts/scan-community-package.mjs): `buildScanConfig()` is @n8n/eslint-plugin-community-nodes (recommended), no-console
// and eslint-plugin-n8n-nodes-base's community (package.json), credentials and nodes rulesets, all
// errors; `analyzePackage()` lints a folder with it. The scanner lints the attested source (package.json,
// nodes/ and credentials/) and the published tarball (`**/*.js`, package.json): both must be clean.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error the scanner ships plain .mjs without type declarations
import { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

const root = join(__dirname, '..');

describe("n8n's community-package scanner rule set", () => {
	let work: string;
	beforeAll(() => {
		work = mkdtempSync(join(tmpdir(), 'sim-n8n-scan-test-'));
	});
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it("is the scanner's: community-nodes, no-console and the n8n-nodes-base rulesets, as errors", async () => {
		const config = (await buildScanConfig()) as Array<{ rules?: Record<string, unknown> }>;
		const rules = Object.assign({}, ...config.map((c) => c.rules ?? {})) as Record<string, unknown>;
		expect(rules['no-console']).toBe('error');
		expect(Object.keys(rules).filter((r) => r.startsWith('@n8n/community-nodes/')).length).toBeGreaterThan(5);
		expect(Object.keys(rules).filter((r) => r.startsWith('n8n-nodes-base/cred-')).length).toBeGreaterThan(5);
		expect(Object.keys(rules).filter((r) => r.startsWith('n8n-nodes-base/node-')).length).toBeGreaterThan(20);
		expect(Object.keys(rules).filter((r) => r.startsWith('n8n-nodes-base/community-')).length).toBeGreaterThan(0);
		expect(SOURCE_FILE_PATTERNS).toEqual(['package.json', '{nodes,credentials}/**/*.{js,ts,json}']);
	});

	it('the sources (package.json, nodes/, credentials/) and the npm pack tarball (**/*.js, package.json): zero findings', () => {
		// dist/ is built from the current sources by test/build-dist.ts (vitest's global setup).
		// a plain Node process without NODE_ENV=test (see the script)
		const env = { ...process.env };
		delete env.NODE_ENV;
		const run = spawnSync(process.execPath, [join(root, 'scripts', 'scan-community-package.mjs')], {
			cwd: root,
			env,
			encoding: 'utf8',
		});
		expect(run.stdout + run.stderr).toContain('✓ source (package.json, nodes/, credentials/): no findings');
		expect(run.stdout).toContain('✓ npm pack tarball (**/*.js, package.json): no findings');
		expect(run.status).toBe(0);
	}, 180_000);

	it("is not blind: console and a timer in a package's dist are findings", async () => {
		const bad = join(work, 'bad');
		mkdirSync(join(bad, 'dist'), { recursive: true });
		writeFileSync(
			join(bad, 'package.json'),
			JSON.stringify({
				name: 'n8n-nodes-bad',
				version: '0.0.1',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				n8n: { n8nNodesApiVersion: '1', nodes: ['dist/Bad.node.js'] },
			}),
		);
		writeFileSync(join(bad, 'dist', 'Bad.node.js'), 'setTimeout(() => console.log("hi"), 1);\nmodule.exports = {};\n');
		const result = (await analyzePackage(bad, ['**/*.js', 'package.json'])) as ScanResult;
		expect(result.passed).toBe(false);
		expect(result.details).toContain('no-console');
		expect(result.details).toMatch(/setTimeout/);
	}, 120_000);
});
