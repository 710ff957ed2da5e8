#!/usr/bin/env node
// Fails when the committed dist/ is not what the sources build to: rebuilds into a temporary
// directory and compares file by file. Fix with `npm run bundle -w @sim-integrations/github-action`
// and commit packages/github-action/dist. `--warn-only` (the `build` script) reports without failing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, listFiles, packageDir } from './bundle.mjs';

/** Returns a list of differences between the committed dist and a fresh build ([] when equal). */
export async function checkDist(distDir = join(packageDir, 'dist')) {
  const fresh = mkdtempSync(join(tmpdir(), 'sim-action-dist-'));
  try {
    await bundle(fresh);
    const problems = [];
    if (!existsSync(distDir)) return [`${distDir} does not exist`];
    const want = listFiles(fresh);
    const have = listFiles(distDir);
    for (const file of want) {
      if (!have.includes(file)) {
        problems.push(`missing: dist/${file}`);
        continue;
      }
      const a = readFileSync(join(fresh, file));
      const b = readFileSync(join(distDir, file));
      if (!a.equals(b)) {
        let at = 0;
        while (at < a.length && at < b.length && a[at] === b[at]) at++;
        problems.push(
          `differs: dist/${file} (committed ${b.length} bytes, fresh build ${a.length} bytes, first difference at byte ${at})`,
        );
      }
    }
    for (const file of have)
      if (!want.includes(file)) problems.push(`unexpected: dist/${file} (not produced by the build)`);
    return problems;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const warnOnly = process.argv.includes('--warn-only');
  const problems = await checkDist();
  if (problems.length && warnOnly) {
    console.warn(
      'WARNING: packages/github-action/dist (committed) is out of date with its sources or @sim-integrations/core:',
    );
    for (const p of problems) console.warn(`  - ${p}`);
    console.warn(
      'Run `npm run bundle -w @sim-integrations/github-action` and commit packages/github-action/dist (`npm test` fails until then).',
    );
    process.exit(0);
  }
  if (problems.length) {
    console.error('check-dist: packages/github-action/dist does not match its sources:');
    for (const p of problems) console.error(`  - ${p}`);
    console.error('Run `npm run bundle -w @sim-integrations/github-action` and commit packages/github-action/dist.');
    process.exit(1);
  }
  console.log('check-dist: packages/github-action/dist matches a fresh build.');
}
