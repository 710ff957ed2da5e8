#!/usr/bin/env node
// Reads the log of `npm test` (turbo prefixes each line with "<package>:test: ") and prints a short summary:
// the failed tests first (vitest's "FAIL" lines), then one line per package (tests, files, duration), then one
// plain closing line: "N passed, N failed, N skipped".
//
//   node scripts/ci-summary.mjs .tmp/ci-test.log
//
// Also importable: `summarize(logText)` → the lines it would print.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const KINDS = ['passed', 'failed', 'skipped'];

export function summarize(text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removes the ANSI colour codes (ESC [ … m) vitest prints
  const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const packages = new Map();
  const failures = [];
  const entry = (name) => {
    if (!packages.has(name)) packages.set(name, { passed: 0, failed: 0, skipped: 0, files: '', duration: '' });
    return packages.get(name);
  };
  for (const raw of lines) {
    const prefixed = /^(\S+?):test: ?(.*)$/.exec(raw);
    const [pkg, line] = prefixed ? [prefixed[1], prefixed[2]] : ['', raw];
    const tests = /^\s*Tests\s+(.*\(\d+\))\s*$/.exec(line);
    if (tests) {
      const counts = entry(pkg);
      for (const [, n, kind] of tests[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
        totals[kind] += Number(n);
        counts[kind] += Number(n);
      }
      continue;
    }
    const files = /^\s*Test Files\s+(.*?)\s*\(\d+\)\s*$/.exec(line);
    if (files) {
      entry(pkg).files = files[1];
      continue;
    }
    const duration = /^\s*Duration\s+([\d.]+m?s)\b/.exec(line);
    if (duration) {
      entry(pkg).duration = duration[1];
      continue;
    }
    const failed = /^\s*FAIL\s+(.+?)\s*$/.exec(line);
    if (failed) {
      const what = pkg ? `${pkg}: ${failed[1]}` : failed[1];
      if (!failures.includes(what)) failures.push(what);
    }
  }
  const out = [];
  if (failures.length) out.push('Failed:', ...failures.map((f) => `  ${f}`), '');
  const width = Math.max(0, ...[...packages.keys()].map((name) => name.length));
  for (const [name, counts] of packages) {
    const tests = KINDS.filter((kind) => counts[kind] || kind === 'passed')
      .map((kind) => `${counts[kind]} ${kind}`)
      .join(', ');
    out.push(
      `${(name || '(tests)').padEnd(width)}  ${tests}${counts.files ? `; files ${counts.files}` : ''}${counts.duration ? `; ${counts.duration}` : ''}`,
    );
  }
  out.push(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(process.argv[2] ?? '')) console.log(`No test log at ${process.argv[2]}: npm test did not run.`);
  else console.log(summarize(readFileSync(process.argv[2], 'utf8')).join('\n'));
}
