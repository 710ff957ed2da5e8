#!/usr/bin/env node
// n8n's verification scan of this package, offline: the lint step of @n8n/scan-community-package
// 0.32.0 (a devDependency), with its own config (`buildScanConfig`: @n8n/eslint-plugin-community-nodes
// recommended, no-console, eslint-plugin-n8n-nodes-base's community/credentials/nodes rulesets, all
// errors) and its own file sets: the source (`SOURCE_FILE_PATTERNS`: package.json, nodes/,
// credentials/) and the published tarball (`**/*.js`, package.json). Its provenance and download
// steps need the registry and GitHub, so the tarball is `npm pack`ed here instead.
//
//   node scripts/scan-community-package.mjs     prints the findings; exits 1 when there are any
//
// Run it as a plain Node process: eslint-plugin-n8n-nodes-base treats every file as `Test.node.ts`
// when NODE_ENV is `test` (as under vitest), which would make its filename rules meaningless.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** npm pack + unpack into a temp folder: { dir, cleanup } */
export function unpackTarball() {
  const work = mkdtempSync(join(tmpdir(), 'sim-n8n-scan-'));
  const npmCli =
    process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)
      ? [process.execPath, process.env.npm_execpath]
      : ['npm'];
  const out = execFileSync(npmCli[0], [...npmCli.slice(1), 'pack', '--json', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [{ filename }] = JSON.parse(out.slice(out.indexOf('[')));
  const dir = join(work, 'package');
  mkdirSync(dir);
  execFileSync('tar', ['-xzf', join(work, filename), '-C', dir, '--strip-components=1']);
  return { dir, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

export async function scan() {
  const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
  const tarball = unpackTarball();
  try {
    const dist = await analyzePackage(tarball.dir, ['**/*.js', 'package.json']);
    return { source, tarball: dist };
  } finally {
    tarball.cleanup();
  }
}

const result = await scan();
const report = (name, r) =>
  `${r.passed ? '✓' : '✗'} ${name}: ${r.passed ? (r.message ?? 'no findings') : `${r.message}\n${r.details ?? ''}`}`;
console.log(report('source (package.json, nodes/, credentials/)', result.source));
console.log(report('npm pack tarball (**/*.js, package.json)', result.tarball));
process.exit(result.source.passed && result.tarball.passed ? 0 : 1);
