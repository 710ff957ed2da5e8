#!/usr/bin/env node
// Sums the vitest summary lines ("Tests  3 failed | 120 passed | 2 skipped (125)") found in a test log
// (turbo prefixes each line with "<package>:test: ") and prints one plain closing line:
// "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of log.split('\n')) {
  const m = /\bTests\s+(.*\(\d+\))\s*$/.exec(line);
  if (!m) continue;
  for (const [, n, kind] of m[1].matchAll(/(\d+) (passed|failed|skipped)/g)) totals[kind] += Number(n);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
